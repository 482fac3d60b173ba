"""StreamField blocks for outcome bodies."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from accounts.text import DESCRIPTION_MAX


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=200)

    class Meta:
        icon = "image"
        template = "cms/blocks/image.html"
        label = _("Image")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False, max_length=120)

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/document.html"
        label = _("Document")


class OutcomeBodyBlock(blocks.StreamBlock):
    """An outcome's details: each text block at most 10,000 characters (as a need's
    description), at most 40 blocks."""

    heading = blocks.CharBlock(
        label=_("Heading"), form_classname="title", icon="title", max_length=120
    )
    text = blocks.RichTextBlock(
        label=_("Text"),
        features=["bold", "italic", "ol", "ul", "link", "superscript", "subscript"],
        max_length=DESCRIPTION_MAX,
    )
    image = CaptionedImageBlock()
    document = DocumentBlock()

    class Meta:
        max_num = 40

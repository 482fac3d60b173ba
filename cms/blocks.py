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


class ServiceBlock(blocks.StructBlock):
    """One entry of the service guide (服务指南): what it is, what to prepare, where to start."""

    title = blocks.CharBlock(label=_("Service"), max_length=40)
    description = blocks.TextBlock(label=_("What it is"), max_length=300)
    prepare = blocks.ListBlock(
        blocks.CharBlock(max_length=120), label=_("What to prepare"), min_num=0, max_num=8
    )
    link_url = blocks.CharBlock(
        label=_("Link"), max_length=200, help_text=_("A path on this site, e.g. /needs/new/")
    )
    link_text = blocks.CharBlock(label=_("Link text"), max_length=40)

    class Meta:
        icon = "list-ul"
        label = _("Service")

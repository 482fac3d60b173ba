"""Wagtail pages: home, the outcome catalogue, one section per institution, outcome pages,
notices and policy news; the market's contact details as a site setting."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from accounts.text import max_chars, tidy
from cms.blocks import OutcomeBodyBlock, ServiceBlock
from cms.page_contexts import extra_context
from cms.patents import normalize_patent_number, validate_patent_number
from taxonomy import vocabularies as vocab


def _checkbox() -> forms.CheckboxSelectMultiple:
    return forms.CheckboxSelectMultiple()


class ReadsContext:
    """The page's context also gets what cms/pages.py reads for it (through cms.page_contexts:
    the selectors import these models, so the models do not import them)."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(extra_context(self, request))
        return context


class SegmentedSearchMixin:
    """Text as character pairs in extra search fields, so the workbench finds Chinese pages.

    Wagtail's database search splits on spaces; these fields hold the analyzer's bigram terms
    joined by spaces (see search.wagtail_backend, which turns queries into pairs the same way).
    """

    segmented_search_fields = [
        index.AutocompleteField("search_title_terms"),
        index.SearchField("search_text_terms"),
    ]

    def search_title_terms(self) -> str:
        from search.analysis import get_analyzer

        return " ".join(get_analyzer().bigram_terms(self.title))

    def search_text_terms(self) -> str:
        from search.analysis import get_analyzer

        parts = [getattr(self, "intro", ""), getattr(self, "summary", "")]
        return " ".join(get_analyzer().bigram_terms(" ".join(p for p in parts if p)))


class HomePage(ReadsContext, SegmentedSearchMixin, Page):
    """The portal's front page."""

    intro = models.TextField(_("introduction"), blank=True)
    services = StreamField(
        [("service", ServiceBlock())],
        verbose_name=_("service guide"),
        blank=True,
        help_text=_("The services the market offers: what to prepare and where to start."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("services")]
    search_fields = [*Page.search_fields, *SegmentedSearchMixin.segmented_search_fields]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.OutcomeIndexPage", "cms.ArticleIndexPage"]
    max_count = 1
    template = "cms/home_page.html"

    class Meta:
        verbose_name = _("home page")


class OutcomeIndexPage(ReadsContext, SegmentedSearchMixin, Page):
    """All published outcomes, with filters: /outcomes/."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, *SegmentedSearchMixin.segmented_search_fields]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.InstitutionPage"]
    max_count = 1
    template = "cms/outcome_index_page.html"

    class Meta:
        verbose_name = _("outcome catalogue")


class InstitutionPage(ReadsContext, SegmentedSearchMixin, Page):
    """A partner university's or institute's own section; its editors work only here."""

    organization = models.OneToOneField(
        "accounts.Organization",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="section",
    )
    intro = models.TextField(_("introduction"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    profile = RichTextField(
        _("profile"),
        blank=True,
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("Who the institution is, its strong fields and how it works with enterprises."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("organization"),
        FieldPanel("intro"),
        FieldPanel("logo"),
        FieldPanel("profile"),
    ]
    search_fields = [*Page.search_fields, *SegmentedSearchMixin.segmented_search_fields]
    parent_page_types = ["cms.OutcomeIndexPage"]
    subpage_types = ["cms.OutcomePage"]
    template = "cms/institution_page.html"

    class Meta:
        verbose_name = _("institution section")


class OutcomePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.OutcomePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


SUMMARY_MAX = 1_000


class OutcomePage(ReadsContext, SegmentedSearchMixin, Page):
    """A research outcome (科技成果) offered for transfer, licence or joint development."""

    summary = models.TextField(
        _("summary"), max_length=SUMMARY_MAX, validators=[max_chars(SUMMARY_MAX)]
    )
    body = StreamField(OutcomeBodyBlock(), verbose_name=_("details"), blank=True)
    tech_field = models.ForeignKey(
        "taxonomy.Term",
        verbose_name=_("technical field"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"vocabulary": vocab.TECH_FIELD},
    )
    industries = ParentalManyToManyField(
        "taxonomy.Term",
        verbose_name=_("Hebi industries"),
        blank=True,
        related_name="outcomes_in_industry",
        limit_choices_to={"vocabulary": vocab.INDUSTRY},
    )
    maturity = models.ForeignKey(
        "taxonomy.Term",
        verbose_name=_("maturity"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"vocabulary": vocab.MATURITY},
    )
    transfer_modes = ParentalManyToManyField(
        "taxonomy.Term",
        verbose_name=_("transfer modes"),
        related_name="outcomes_by_transfer_mode",
        limit_choices_to={"vocabulary": vocab.TRANSFER_MODE},
    )
    price_wan = models.DecimalField(
        _("price (10,000 yuan)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("In 万元. Leave empty for 面议 (price on negotiation)."),
    )
    keywords = ClusterTaggableManager(
        verbose_name=_("keywords"), through=OutcomePageTag, blank=True
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on the outcome's card and at the top of its page."),
    )
    contact_name = models.CharField(_("contact person"), max_length=60)
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("tech_field"), FieldPanel("maturity")]),
                FieldPanel("industries", widget=_checkbox()),
                FieldPanel("transfer_modes", widget=_checkbox()),
                FieldPanel("price_wan"),
                FieldPanel("keywords"),
            ],
            heading=_("Classification and terms"),
        ),
        FieldPanel("image"),
        FieldPanel("body"),
        InlinePanel("patents", label=_("Intellectual property")),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_phone"), FieldPanel("contact_email")],
            heading=_("Contact (shown to signed-in members only)"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        *SegmentedSearchMixin.segmented_search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("tech_field"),
        index.FilterField("maturity"),
    ]
    parent_page_types = ["cms.InstitutionPage"]
    subpage_types = []
    template = "cms/outcome_page.html"

    class Meta:
        verbose_name = _("research outcome")
        verbose_name_plural = _("research outcomes")

    def clean(self) -> None:
        super().clean()
        tidy(self, lines=("title", "summary", "contact_name", "contact_phone"))

    @property
    def price_is_negotiable(self) -> bool:
        return self.price_wan is None


class OutcomePatent(Orderable):
    """A patent (or other right) behind an outcome."""

    class Kind(models.TextChoices):
        INVENTION = "invention", _("Invention patent")
        UTILITY = "utility", _("Utility model")
        DESIGN = "design", _("Design patent")
        SOFTWARE = "software", _("Software copyright")
        OTHER = "other", _("Other")

    page = ParentalKey(OutcomePage, on_delete=models.CASCADE, related_name="patents")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.INVENTION)
    number = models.CharField(
        _("number"),
        max_length=40,
        help_text=_("For patents: ZL + 8 or 12 digits + . + check digit, e.g. ZL201710601862.3"),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("number")]), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("intellectual property")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def clean(self) -> None:
        if self.kind in (self.Kind.INVENTION, self.Kind.UTILITY, self.Kind.DESIGN):
            try:
                validate_patent_number(self.number)
            except ValidationError as error:
                raise ValidationError({"number": error.messages}) from error
            self.number = normalize_patent_number(self.number)


ARTICLE_PAGE_SIZE = 10


class ArticleIndexPage(ReadsContext, SegmentedSearchMixin, Page):
    """A column of dated articles: 通知公告 (notices) or 政策法规 (policy news)."""

    class Column(models.TextChoices):
        NOTICES = "notices", _("Notices")
        POLICIES = "policies", _("Policies and regulations")

    column = models.CharField(
        _("column"), max_length=16, choices=Column.choices, default=Column.NOTICES, unique=True
    )
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("column"), FieldPanel("intro")]
    search_fields = [*Page.search_fields, *SegmentedSearchMixin.segmented_search_fields]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ArticlePage"]
    template = "cms/article_index_page.html"

    class Meta:
        verbose_name = _("article column")


class ArticlePage(SegmentedSearchMixin, Page):
    """A notice or a piece of policy news: dated, short, with its issuer and full text."""

    date = models.DateField(_("date"), default=timezone.localdate)
    issuer = models.CharField(
        _("issued by"), max_length=120, blank=True, help_text=_("e.g. 鹤壁市科学技术局")
    )
    document_number = models.CharField(
        _("document number"), max_length=60, blank=True, help_text=_("e.g. 鹤科〔2026〕12号")
    )
    summary = models.TextField(_("summary"), max_length=300, blank=True)
    body = RichTextField(
        _("text"), features=["h3", "bold", "italic", "ol", "ul", "link", "document-link"]
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("issuer"), FieldPanel("document_number")]),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        *SegmentedSearchMixin.segmented_search_fields,
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.ArticleIndexPage"]
    subpage_types = []
    template = "cms/article_page.html"

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")


@register_setting(icon="home")
class MarketSettings(BaseSiteSetting):
    """The market's contact details, shown in every page's footer."""

    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    hours = models.CharField(
        _("opening hours"), max_length=120, blank=True, help_text=_("e.g. 工作日 8:30–12:00")
    )
    icp_number = models.CharField(
        _("ICP record number"), max_length=60, blank=True, help_text=_("e.g. 豫ICP备12345678号")
    )

    panels = [
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("hours"),
        FieldPanel("icp_number"),
    ]

    class Meta:
        verbose_name = _("market contact details")

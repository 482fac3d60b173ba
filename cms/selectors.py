"""Reads of the outcome catalogue, with their related rows fetched up front."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.db.models.functions import Substr
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.filters import OutcomeFilter
from cms.models import ArticleIndexPage, ArticlePage, InstitutionPage, OutcomePage

# The rendition an outcome card shows (portal/templates/includes/outcome_card.html).
CARD_IMAGE = "fill-480x200"


def outcomes_published():
    """Live, publicly viewable outcomes with what their cards show, newest first: the images
    with their card renditions too, so a page of cards costs the same queries with images or
    without."""
    images = get_image_model().objects.prefetch_renditions(CARD_IMAGE)
    return (
        OutcomePage.objects.live()
        .public()
        .select_related("tech_field", "maturity")
        .prefetch_related(
            "industries", "transfer_modes", "tagged_items__tag", Prefetch("image", images)
        )
        .order_by("-first_published_at", "-pk")
    )


def sections_by_path() -> dict[str, InstitutionPage]:
    return {
        section.path: section for section in InstitutionPage.objects.select_related("organization")
    }


def attach_institutions(outcomes) -> list[OutcomePage]:
    """Set ``outcome.institution`` from its parent section, in one query for the whole list."""
    outcomes = list(outcomes)
    sections = sections_by_path()
    for outcome in outcomes:
        section = sections.get(outcome.path[: -Page.steplen])
        outcome.institution = section.organization if section else None
        outcome.section = section
    return outcomes


def institution_of(outcome: OutcomePage):
    return attach_institutions([outcome])[0].institution


def outcomes_latest(*, limit: int = 6) -> list[OutcomePage]:
    return attach_institutions(outcomes_published()[:limit])


def outcome_listing(params, *, page_size: int | None = None) -> dict:
    """The filtered, paginated catalogue: the filter form, the page of results and the count."""
    page_size = page_size or settings.PORTAL_OUTCOME_PAGE_SIZE
    outcome_filter = OutcomeFilter(params, queryset=outcomes_published())
    queryset = outcome_filter.qs if outcome_filter.is_valid() else OutcomePage.objects.none()
    paginator = Paginator(queryset, page_size)
    page_obj = paginator.get_page(params.get("page"))
    query = params.copy()
    query.pop("page", None)
    return {
        "filter": outcome_filter,
        "page_obj": page_obj,
        "outcomes": attach_institutions(page_obj.object_list),
        "result_count": paginator.count,
        "querystring": query.urlencode(),
        "is_filtered": any(v for k, v in params.items() if k not in ("page", "order")),
    }


def institutions_with_counts() -> list[InstitutionPage]:
    """Live sections, each with ``outcome_count`` of its published outcomes (two queries)."""
    sections = list(InstitutionPage.objects.live().select_related("organization").order_by("title"))
    if not sections:
        return []
    prefix_length = len(sections[0].path)
    counts = dict(
        OutcomePage.objects.live()
        .public()
        .annotate(prefix=Substr("path", 1, prefix_length))
        .values("prefix")
        .annotate(n=Count("pk"))
        .values_list("prefix", "n")
    )
    for section in sections:
        section.outcome_count = counts.get(section.path, 0)
    return sections


def catalogue_stats() -> dict:
    return {
        "outcomes": OutcomePage.objects.live().public().count(),
        "institutions": InstitutionPage.objects.live().count(),
    }


def articles_of(column: ArticleIndexPage):
    """A column's live articles, newest first."""
    return ArticlePage.objects.live().public().child_of(column).order_by("-date", "-pk")


def article_columns(*, limit: int = 5) -> list[ArticleIndexPage]:
    """The live article columns (notices, policies), each with its ``latest`` few articles."""
    columns = list(ArticleIndexPage.objects.live().public().order_by("path"))
    for column in columns:
        column.latest = list(articles_of(column)[:limit])
    return columns

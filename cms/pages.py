"""What each kind of page reads for its template (the catalogue, columns, an outcome's
institution); the page models get it through cms.page_contexts."""

from django.core.paginator import Paginator
from django.utils.functional import SimpleLazyObject

from cms import permissions, selectors
from cms.models import (
    ARTICLE_PAGE_SIZE,
    ArticleIndexPage,
    HomePage,
    InstitutionPage,
    OutcomeIndexPage,
    OutcomePage,
)
from cms.page_contexts import reads_for


@reads_for(HomePage)
def home(page: HomePage, request) -> dict:
    """Read only when rendered: the home page's content is usually served from the shared cache
    (its template keeps it until the market changes), and then none of this runs."""
    return {
        "latest_outcomes": SimpleLazyObject(lambda: selectors.outcomes_latest(limit=6)),
        "stats": SimpleLazyObject(selectors.catalogue_stats),
        "outcome_index": SimpleLazyObject(lambda: OutcomeIndexPage.objects.live().first()),
        "article_columns": SimpleLazyObject(lambda: selectors.article_columns(limit=5)),
    }


@reads_for(OutcomeIndexPage)
def outcome_index(page: OutcomeIndexPage, request) -> dict:
    return selectors.outcome_listing(request.GET)


@reads_for(InstitutionPage)
def institution(page: InstitutionPage, request) -> dict:
    params = request.GET.copy()
    params["institution"] = page.organization.slug
    return selectors.outcome_listing(params)


@reads_for(OutcomePage)
def outcome(page: OutcomePage, request) -> dict:
    return {
        "can_view_contact": permissions.can_view_contact(request.user),
        "institution": selectors.institution_of(page),
    }


@reads_for(ArticleIndexPage)
def article_index(page: ArticleIndexPage, request) -> dict:
    page_obj = Paginator(selectors.articles_of(page), ARTICLE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return {"page_obj": page_obj, "articles": page_obj.object_list}

"""The public front's pieces that read several apps: the home page's featured needs, upcoming
events and the year's progress, and the facts on search result cards. The home page is a cms
page and cms stands below matching, so the site composes these here, as it composes the
dashboard."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.db import DatabaseError
from django.utils import timezone
from wagtail.models import Site

from accounts.models import Organization
from cms.models import MarketSettings
from market.contracts.selectors import year_progress
from market.needs.selectors import needs_listed_for
from matching.events.selectors import events_upcoming
from portal.caching import cached, generation
from taxonomy.models import Term

register = template.Library()


@register.simple_tag(takes_context=True)
def market_contact(context):
    """The market's contact details for the footer, or None when unset.

    Read only: Wagtail's ``settings`` context would create the row on first view, and every
    page, the error pages too, shows the footer (a page answering "busy, retry" while another
    connection holds the write lock must still render).
    """
    request = context.get("request")
    try:
        site = Site.find_for_request(request) if request is not None else None
        return MarketSettings.objects.filter(site=site).first() if site else None
    except DatabaseError:
        return None


WAN = Decimal(10_000)


@register.simple_tag(takes_context=True)
def home_needs(context, limit: int = 4):
    """The newest published needs the visitor may see."""
    return list(needs_listed_for(context["request"].user)[:limit])


@register.simple_tag
def market_generation() -> int:
    """The shared cache's generation (portal.caching): a key part for cached fragments."""
    return generation()


@register.simple_tag
def home_events(limit: int = 3):
    """The next matchmaking events, soonest first (kept until an event changes: the cache's
    generation, portal.caching)."""
    today = timezone.localdate()
    return cached("home-events", lambda: list(events_upcoming()[:limit]), limit, today)


@register.simple_tag
def home_progress():
    """This year's registered contract amount against the target, in 万元 and per cent (kept
    until a contract or target changes)."""
    year = timezone.localdate().year
    return cached("home-progress", lambda: _progress(year), year)


def _progress(year: int) -> dict:
    progress = year_progress(year, detail=False)
    percent = (progress["progress"] * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return {
        "year": progress["year"],
        "registered_wan": (progress["registered_amount"] / WAN).quantize(Decimal("0.01")),
        "target_wan": (progress["amount_target"] / WAN).quantize(Decimal("1")),
        "count": progress["registered_count"],
        "percent": percent,
        "bar_percent": min(percent, Decimal(100)),
        "events": progress["events_by_quarter"],
    }


@register.simple_tag
def search_cards(hits):
    """Each hit with the facts its card shows: the institution or enterprise, the technical
    field, maturity, price or budget in 万元 (None: negotiable). Two queries for the page."""
    codes = {
        value
        for hit in hits
        for key in ("tech_field", "maturity")
        for value in hit.facets.get(key, [])
    }
    terms = {term.code: term.name for term in Term.objects.filter(code__in=codes)}
    slugs = {slug for hit in hits for slug in hit.facets.get("institution", [])}
    ids = {str(hit.attributes["organization"]) for hit in hits if "organization" in hit.attributes}
    names = dict(Organization.objects.filter(slug__in=slugs).values_list("slug", "name"))
    for pk, name in Organization.objects.filter(
        pk__in=[i for i in ids if i.isdecimal()]
    ).values_list("pk", "name"):
        names[str(pk)] = name
    cards = []
    for hit in hits:
        owner = next(iter(hit.facets.get("institution", [])), None) or hit.attributes.get(
            "organization"
        )
        amount = hit.attributes.get("price_wan", hit.attributes.get("budget_wan"))
        cards.append(
            {
                "hit": hit,
                "organization": names.get(str(owner)) if owner is not None else None,
                "field": terms.get(next(iter(hit.facets.get("tech_field", [])), None)),
                "maturity": terms.get(next(iter(hit.facets.get("maturity", [])), None)),
                "amount": Decimal(str(amount)).quantize(Decimal("0.01"))
                if amount is not None
                else None,
                "is_need": hit.kind == "need",
            }
        )
    return cards

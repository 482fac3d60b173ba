"""Suggestions on the need and outcome pages, for those who may see them."""

from django import template

from accounts.permissions import audiences_of, is_verified_member
from market.needs.permissions import can_post_need
from matching import engine, permissions
from matching.forms import InterestForm
from matching.models import Match
from search.backends import SearchUnavailable

register = template.Library()


@register.inclusion_tag("matching/suggestions.html", takes_context=True)
def suggested_outcomes(context, need):
    user = context["request"].user
    if need.status != "published" or not permissions.can_see_outcome_suggestions(user, need):
        return {"show": False}
    try:
        items = engine.suggest_outcomes(need, limit=5)
    except SearchUnavailable:
        return {"show": True, "unavailable": True, "kind": "outcomes"}
    # The enterprise asks for an introduction right from the suggestion.
    can_ask = permissions.can_express_interest(user, need)
    requested = (
        set(Match.objects.filter(need=need).values_list("outcome_id", flat=True))
        if can_ask
        else set()
    )
    return {
        "show": True,
        "items": items,
        "kind": "outcomes",
        "interest_need": need if can_ask else None,
        "requested": requested,
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("matching/suggestions.html", takes_context=True)
def suggested_needs(context, outcome, institution):
    user = context["request"].user
    if not permissions.can_see_need_suggestions(user, institution):
        return {"show": False}
    try:
        items = engine.suggest_needs(outcome, audiences=audiences_of(user), limit=5)
    except SearchUnavailable:
        return {"show": True, "unavailable": True, "kind": "needs"}
    return {"show": True, "items": items, "kind": "needs"}


@register.inclusion_tag("matching/interest_button.html", takes_context=True)
def interest_button(context, outcome):
    """ "I'm interested": for enterprise members with a published need to introduce; other
    enterprise members are told how to get there (post a need, have it published)."""
    request = context["request"]
    needs = permissions.interest_needs(request.user)
    if not needs.exists():
        explain = can_post_need(request.user)
        return {
            "show": False,
            "explain": explain,
            "outcome": outcome,
            "awaits_verification": explain and not is_verified_member(request.user),
        }
    return {
        "show": True,
        "request": request,
        "outcome": outcome,
        "form": InterestForm(needs=needs, auto_id=f"interest-{outcome.pk}-%s"),
    }

"""Reads of needs, always through what the user may see."""

from django.db.models import Count

from accounts.permissions import organizations_of
from accounts.roles import Role
from market.needs.models import Need
from market.needs.permissions import visible_needs_q


def _with_related(queryset):
    return queryset.select_related(
        "organization", "tech_field", "industry", "district"
    ).prefetch_related("cooperation_modes")


def needs_visible_to(user):
    """Every need the user may know exists, in any status."""
    return _with_related(Need.objects.filter(visible_needs_q(user)))


def needs_listed_for(user):
    """The public listing: published needs the user may see, newest first."""
    return (
        needs_visible_to(user).filter(status=Need.Status.PUBLISHED).order_by("-published_at", "-pk")
    )


def needs_of_user(user):
    """'My needs': all needs of the user's enterprises, any status."""
    own = organizations_of(user, Role.ENTERPRISE_MEMBER)
    return _with_related(Need.objects.filter(organization__in=own)).order_by("-updated_at")


def needs_awaiting_review():
    return _with_related(Need.objects.filter(status=Need.Status.SUBMITTED)).order_by("submitted_at")


def need_facet_counts(queryset) -> dict[str, dict[str, int]]:
    """Counts per filter value over a queryset the user may see (confidentiality included)."""
    counts = {}
    for param, field in (
        ("field", "tech_field__code"),
        ("industry", "industry__code"),
        ("district", "district__code"),
        ("mode", "cooperation_modes__code"),
    ):
        rows = queryset.order_by().values(field).annotate(n=Count("pk", distinct=True))
        counts[param] = {row[field]: row["n"] for row in rows if row[field]}
    return counts


def need_history(need: Need):
    return need.events.select_related("actor").order_by("at", "pk")

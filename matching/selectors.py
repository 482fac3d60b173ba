"""Reads of matches, always through what the user may see (matching.permissions)."""

import datetime

from django.db.models import BooleanField, Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone

from cms.models import OutcomePage
from market.needs.models import Need
from matching.models import Match, Suggestion
from matching.permissions import own_matches_q, visible_matches_q

OPEN = [
    Match.Status.SUGGESTED,
    Match.Status.INTRODUCED,
    Match.Status.MEETING,
    Match.Status.NEGOTIATING,
]


def _with_related(queryset):
    return queryset.select_related(
        "need", "need__organization", "outcome", "broker", "created_by", "contract"
    )


def matches_visible_to(user):
    """Every match the user may see, most recently changed first."""
    return _with_related(Match.objects.filter(visible_matches_q(user))).order_by(
        "-updated_at", "-pk"
    )


def matches_of_user(user):
    """'My matches': those of the user's enterprises' needs and institutions' outcomes."""
    return _with_related(Match.objects.filter(own_matches_q(user))).order_by("-updated_at", "-pk")


def broker_queue(*, today: datetime.date | None = None):
    """New suggestions first (oldest first), then overdue follow-ups (most overdue first),
    then the other open matches by follow-up date, then signed and closed ones."""
    today = today or timezone.localdate()
    bucket = Case(
        When(status=Match.Status.SUGGESTED, then=Value(0)),
        When(Q(status__in=OPEN, due_date__lt=today), then=Value(1)),
        When(status__in=OPEN, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    overdue = Q(status__in=OPEN, due_date__lt=today)
    return (
        _with_related(Match.objects.all())
        .annotate(queue_bucket=bucket)
        .annotate(
            is_overdue=Case(
                When(overdue, then=Value(True)), default=Value(False), output_field=BooleanField()
            )
        )
        .order_by("queue_bucket", F("due_date").asc(nulls_last=True), "created_at", "pk")
    )


def new_strong_suggestions():
    """Stored strong suggestions no broker has turned into a match yet, both sides still
    published: the strongest first, then the newest. For brokers, who may see every need."""
    has_match = Match.objects.filter(need=OuterRef("need"), outcome=OuterRef("outcome"))
    return (
        Suggestion.objects.filter(
            confidence=Suggestion.Confidence.STRONG,
            need__status=Need.Status.PUBLISHED,
            outcome__in=OutcomePage.objects.live().public().values("pk"),
        )
        .exclude(Exists(has_match))
        .select_related("need", "need__organization", "outcome")
        .order_by("-score", "-created_at", "-pk")
    )


def match_timeline(match: Match):
    return match.events.select_related("actor").order_by("at", "pk")


def year_funnel(year: int) -> dict[str, int]:
    """Matches started in the year, and how many of them reached a meeting or were signed.

    A match that was closed after a meeting still counts as having reached one: its history
    says so.
    """
    started = Match.objects.filter(created_at__year=year)
    met = started.filter(
        Q(status__in=[Match.Status.MEETING, Match.Status.NEGOTIATING, Match.Status.SIGNED])
        | Q(events__to_status=Match.Status.MEETING)
    ).distinct()
    return {
        "matches": started.count(),
        "meetings": met.count(),
        "signed": started.filter(status=Match.Status.SIGNED).count(),
    }

"""Stored suggestions: the engine's strong and medium suggestions, kept in
``matching.Suggestion`` so the brokers' queue and the digests (the strong ones) and the events'
whom to meet (both) never rank on a page request.

When a need or an outcome is published, the suggestions it touches are refreshed after the
commit by a background task (matching.tasks, which brings the index up to date for the item
first) and its owners hear of the new strong ones (matching.notifications); the nightly
refresh_matches job (and `manage.py refresh_matches`) recomputes everything.

One score per pair: the need's ranking decides, the outcome's ranking nominates
--------------------------------------------------------------------------------------------
The engine ranks outcomes for a need (``suggest_outcomes``) and needs for an outcome
(``suggest_needs``), and the two rankings score one pair differently: each scales its text part
by its own best hit and its feedback part by its own top results. Needs are few (tens to
hundreds) against a catalogue of thousands of outcomes, so an outcome's best need always gets
the full text part, however little it shares: on the demo data the outcomes' side rates
光学镜片表面缺陷机器视觉检测算法 ↔ 防止缓冲区溢出漏洞的入侵检测系统 0.82 for sharing 检测 and 系统.
Storing either side's score, or the higher of the two, would fill the queue with such pairs.

So a stored pair always carries the need's ranking of it, whatever triggered the computation:

- ``refresh_need(need)`` ranks outcomes for the need and replaces the need's rows with its
  strong suggestions (the engine's confidence "strong", at most ``MATCHING_STORED_PER_ITEM``).
- ``refresh_outcome(outcome)`` ranks every published need for the outcome (the brokers'
  audiences) only to find the needs the outcome may now matter to (its best
  ``MATCHING_STORED_PER_ITEM``), adds the needs already paired with it, and refreshes each of
  them as above. A pair thus gets the same row whichever side was published last.
- ``refresh_all`` refreshes every published need. That computes every pair that can be stored,
  so a pass over the outcomes would only nominate needs already refreshed.

Each need's rows are a function of the need and the index at that moment, so the rows never
depend on the order of the refreshes. A publication refreshes the needs it touches only; others
keep their last computation until `refresh_matches` runs (operations: nightly). Who may read
about which need is decided when a row is shown or emailed. Reasons are stored in
``settings.LANGUAGE_CODE`` (zh-hans), whoever's request triggered the refresh.
"""

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import override

from accounts.permissions import BROKER_AUDIENCES
from cms.models import OutcomePage
from market.needs.models import Need
from matching import engine, notifications, vectors
from matching.models import Suggestion

logger = logging.getLogger(__name__)


def _published_outcomes():
    return OutcomePage.objects.live().public()


def _published_needs():
    return Need.objects.filter(status=Need.Status.PUBLISHED).select_related(
        "tech_field", "industry"
    )


def strong_suggestions(need: Need) -> dict[int, engine.Suggestion]:
    """Outcome id -> the need's strong or medium suggestion of it, best first, published
    outcomes only (only the strong ones are queued and emailed)."""
    limit = int(settings.MATCHING_STORED_PER_ITEM)
    with override(settings.LANGUAGE_CODE):
        found = engine.suggest_outcomes(need, limit=limit)
    ids = [item.id for item in found]
    published = set(_published_outcomes().filter(pk__in=ids).values_list("pk", flat=True))
    kept = {Suggestion.Confidence.STRONG, Suggestion.Confidence.MEDIUM}
    chosen = [item for item in found if item.confidence in kept and item.id in published]
    return {item.id: item for item in chosen[:limit]}


@transaction.atomic
def _store(need: Need, found: dict[int, engine.Suggestion]) -> None:
    """Replace the need's rows: upsert what it suggests now (a row keeps its identity, its
    creation time and who was told of it) and delete the rest."""
    now = timezone.now()
    rows = {
        row.outcome_id: row
        for row in Suggestion.objects.select_for_update().filter(need=need).order_by("pk")
    }
    for outcome_id, item in found.items():
        row = rows.pop(outcome_id, None) or Suggestion(need=need, outcome_id=outcome_id)
        row.score = float(item.score)
        row.confidence = item.confidence
        row.parts = {name: float(value) for name, value in item.parts.items()}
        row.shared_terms = list(item.shared_terms)
        row.reasons = [str(reason) for reason in item.reasons]
        row.computed_at = now
        # No full_clean: the ids were read from the database a moment ago, the rest is ours.
        row.save()
    Suggestion.objects.filter(pk__in=[row.pk for row in rows.values()]).delete()


def refresh_need(need: Need) -> int:
    """Rank outcomes for the need and store its strong suggestions; returns how many.

    A need that is no longer published loses its stored suggestions.
    """
    if need.status != Need.Status.PUBLISHED:
        Suggestion.objects.filter(need=need).delete()
        return 0
    found = strong_suggestions(need)
    _store(need, found)
    return len(found)


def needs_for(outcome: OutcomePage) -> set[int]:
    """The needs an outcome may matter to: its own best among every published need, and those
    already paired with it (so a changed outcome leaves where it no longer fits)."""
    with override(settings.LANGUAGE_CODE):
        found = engine.suggest_needs(
            outcome, audiences=BROKER_AUDIENCES, limit=int(settings.MATCHING_STORED_PER_ITEM)
        )
    paired = Suggestion.objects.filter(outcome_id=outcome.pk).values_list("need_id", flat=True)
    return {item.id for item in found} | set(paired)


def refresh_outcome(outcome: OutcomePage) -> int:
    """Refresh the needs the outcome may matter to (each ranked from its own side); returns how
    many stored suggestions the outcome has now. An outcome no longer published loses them."""
    if not _published_outcomes().filter(pk=outcome.pk).exists():
        Suggestion.objects.filter(outcome_id=outcome.pk).delete()
        return 0
    need_ids = needs_for(outcome)
    for need in _published_needs().filter(pk__in=need_ids).order_by("pk"):
        refresh_need(need)
    stored = Suggestion.objects.filter(outcome_id=outcome.pk)
    stored.exclude(need__status=Need.Status.PUBLISHED).delete()
    return stored.count()


def purge_unpublished() -> int:
    """Delete stored suggestions whose need or outcome is no longer published."""
    stale = ~Q(need__status=Need.Status.PUBLISHED) | ~Q(
        outcome__in=_published_outcomes().values("pk")
    )
    deleted, _per_model = Suggestion.objects.filter(stale).delete()
    return deleted


@dataclass
class RefreshReport:
    needs: int
    outcomes: int
    stored: int
    seconds: float


def _no_progress(items: Iterable, total: int) -> Iterable:
    return items


def store_vectors(chunk: int = 64) -> int:
    """Compute the vectors published needs and outcomes lack, or whose text changed (semantic
    matching only); returns how many were encoded."""
    encoded = 0
    for queryset, store in (
        (_published_needs(), vectors.need_vectors_store),
        (_published_outcomes().specific(), vectors.outcome_vectors_store),
    ):
        ids = list(queryset.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), chunk):
            encoded += store(queryset.filter(pk__in=ids[start : start + chunk]))
    return encoded


def refresh_all(*, progress: Callable[[Iterable, int], Iterable] = _no_progress) -> RefreshReport:
    """Rank outcomes for every published need and store the strong suggestions.

    ``progress(items, total)`` wraps the needs as they are computed (a tqdm bar, for one). Rows
    of needs or outcomes no longer published are removed first. Raises SearchUnavailable when
    the index cannot be searched; what was stored until then stays, and a later run completes it.
    """
    started = time.monotonic()
    purge_unpublished()
    store_vectors()
    need_ids = list(_published_needs().order_by("pk").values_list("pk", flat=True))

    def needs():  # in chunks, no cursor held open across the writes
        for start in range(0, len(need_ids), 200):
            yield from _published_needs().filter(pk__in=need_ids[start : start + 200])

    for need in progress(needs(), len(need_ids)):
        refresh_need(need)
    return RefreshReport(
        needs=len(need_ids),
        outcomes=_published_outcomes().count(),
        stored=Suggestion.objects.count(),
        seconds=time.monotonic() - started,
    )


# -- after a publication: refresh, then tell the owners ------------------------------------------


def after_need_published(need_id: int) -> int:
    """Refresh a just-published need's suggestions and email its enterprise the new ones."""
    need = (
        Need.objects.select_related("tech_field", "industry", "organization")
        .filter(pk=need_id)
        .first()
    )
    if need is None:
        return 0
    vectors.need_vectors_store([need])
    refresh_need(need)
    return notifications.need_digest(need)


def after_outcome_published(outcome_id: int) -> int:
    """Refresh a just-published outcome's suggestions; email its institution the new ones (only
    needs each recipient may see), and each enterprise whose need now has it among its strong
    suggestions (that need's new ones)."""
    outcome = (
        OutcomePage.objects.select_related("tech_field", "maturity").filter(pk=outcome_id).first()
    )
    if outcome is None:
        return 0
    vectors.outcome_vectors_store([outcome])
    refresh_outcome(outcome)
    sent = notifications.outcome_digest(outcome)
    untold = Suggestion.objects.filter(
        outcome_id=outcome.pk,
        confidence=Suggestion.Confidence.STRONG,
        enterprise_notified_at__isnull=True,
    )
    for need in _published_needs().filter(pk__in=untold.values("need_id")).order_by("pk"):
        sent += notifications.need_digest(need)
    return sent


def forget_need(need_id: int) -> None:
    Suggestion.objects.filter(need_id=need_id).delete()


def forget_outcome(outcome_id: int) -> None:
    Suggestion.objects.filter(outcome_id=outcome_id).delete()

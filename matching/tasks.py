"""Stored suggestions' background work: after a publication, and the nightly refresh.

Each task first brings the index up to date for the item it was given (the same write as
search.tasks.update_index, which may not have run yet: tasks run in any order, on any worker),
so a refresh never depends on which task ran first.
"""

from background.tasks import background_task
from cms.search import KIND as OUTCOME
from market.needs.search import KIND as NEED
from matching import refresh
from search.services import index_update

REPAIR = "manage.py refresh_matches"


@background_task(repair=REPAIR)
def after_need_published(need_id: int) -> int:
    index_update(NEED, [need_id])
    return refresh.after_need_published(need_id)


@background_task(repair=REPAIR)
def after_outcome_published(outcome_id: int) -> int:
    index_update(OUTCOME, [outcome_id])
    return refresh.after_outcome_published(outcome_id)


@background_task(repair=REPAIR)
def forget_need(need_id: int) -> None:
    refresh.forget_need(need_id)


@background_task(repair=REPAIR)
def forget_outcome(outcome_id: int) -> None:
    refresh.forget_outcome(outcome_id)


@background_task(retries=2, first_delay=600)
def refresh_all_matches() -> dict:
    """Nightly: every published need ranked again (settings.PERIODIC_TASKS)."""
    report = refresh.refresh_all()
    return {"needs": report.needs, "stored": report.stored, "seconds": round(report.seconds, 1)}

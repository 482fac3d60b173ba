"""Background work: every side effect of a write is a task (django-tasks), enqueued after commit.

A service never does slow or fallible work after its write (indexing, refreshing suggestions,
emails): it calls ``enqueue_on_commit(some_task, ids...)``, and when the transaction commits the
task is enqueued, nothing more. Each task is its own callback, and a task that fails is recorded
on its result and logged, so one failing side effect (a mail server down) never stops another
(the search index, the suggestions).

Two backends (settings.TASKS, chosen by ``TASKS_BACKEND``):

- ``database`` (production): a row in django_tasks_db's table; ``manage.py run_worker`` runs the
  rows, and a failed task is enqueued again later (``retries``, growing delays), as a new row.
  A worker that dies mid-task (killed, out of memory, the machine lost) leaves its task
  "running"; once its heartbeat is silent the task is made ready again and another worker runs
  it (``requeue_abandoned``), so every task runs at least once. Tasks are written to be run
  again safely: they read the current state of the rows they are given, never an event.
- ``immediate`` (development and tests): the task runs at once in the process that enqueued it,
  after the commit; a failure is logged and not retried.

Task arguments are plain JSON (ids, strings): a task reads the rows it needs when it runs.
"""

import datetime
import functools
import logging
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import DEFAULT_TASK_QUEUE_NAME, task, task_backends
from django_tasks.base import Task

from background.context import current_request_id, request_id

logger = logging.getLogger(__name__)


def background_task(
    *,
    retries: int = 3,
    first_delay: int = 30,
    priority: int = 0,
    queue_name: str = DEFAULT_TASK_QUEUE_NAME,
    repair: str = "",
) -> Callable[[Callable], Task]:
    """A django-tasks task that runs again after a failure, at most ``retries`` more times,
    ``first_delay`` seconds later, then four times longer each time (30 s, 2 min, 8 min).
    ``repair`` names what puts things right when it is not run again (logged with the failure).

    The task runs with the request id of the request that enqueued it (on its log lines)."""

    def decorate(function: Callable) -> Task:
        @functools.wraps(function)
        def run(*args, _attempt: int = 1, _request_id: str = "-", **kwargs):
            token = request_id.set(_request_id)
            try:
                return function(*args, **kwargs)
            except Exception:
                if _attempt <= retries and the_task.get_backend().supports_defer:
                    _retry_later(
                        the_task, args, kwargs, _attempt, _request_id, retries, first_delay
                    )
                else:
                    logger.error(
                        "task %s%r failed (attempt %d); not run again%s",
                        the_task.name,
                        tuple(args),
                        _attempt,
                        f"; to repair: {repair}" if repair else "",
                    )
                raise
            finally:
                request_id.reset(token)

        the_task = task(priority=priority, queue_name=queue_name)(run)
        return the_task

    return decorate


def _retry_later(the_task, args, kwargs, attempt, rid, retries, first_delay) -> None:
    delay = first_delay * 4 ** (attempt - 1)
    later = the_task.using(run_after=timezone.now() + datetime.timedelta(seconds=delay))
    later.enqueue(*args, _attempt=attempt + 1, _request_id=rid, **kwargs)
    logger.warning(
        "task %s%r failed (attempt %d of %d); runs again in %d s",
        the_task.name,
        tuple(args),
        attempt,
        retries + 1,
        delay,
    )


def enqueue_on_commit(the_task: Task, *args, **kwargs) -> None:
    """Enqueue ``the_task(*args, **kwargs)`` once the current transaction commits (at once
    outside one). The callback only enqueues; with the immediate backend the task runs there,
    and a failure inside it is the task's, never the request's (robust: the other callbacks
    run whatever happens)."""
    rid = current_request_id()
    transaction.on_commit(lambda: the_task.enqueue(*args, _request_id=rid, **kwargs), robust=True)


def uses_worker() -> bool:
    """Whether tasks wait for ``run_worker`` (the database backend) rather than run at once."""
    return bool(task_backends["default"].supports_defer)


# -- workers that went silent, and the queue's state -------------------------------------------


def _silent_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=int(settings.TASKS_WORKER_SILENT_AFTER))


def live_workers(*, now: datetime.datetime | None = None):
    """The workers that beat within TASKS_WORKER_SILENT_AFTER (a queryset of heartbeats)."""
    from background.models import WorkerHeartbeat

    return WorkerHeartbeat.objects.filter(beat_at__gte=(now or timezone.now()) - _silent_after())


def requeue_abandoned(*, now: datetime.datetime | None = None) -> int:
    """Make ready again the tasks left running by a worker whose heartbeat is silent (or, for a
    worker that never beat, one started over TASKS_ABANDONED_AFTER ago); returns how many."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from background.models import WorkerHeartbeat

    now = now or timezone.now()
    known = dict(WorkerHeartbeat.objects.values_list("worker_id", "beat_at"))
    silent_since = now - _silent_after()
    unknown_since = now - datetime.timedelta(seconds=int(settings.TASKS_ABANDONED_AFTER))
    requeued = 0
    for result in DBTaskResult.objects.running().only("id", "worker_ids", "started_at"):
        worker = result.worker_ids[-1] if result.worker_ids else None
        if worker in known:
            abandoned = known[worker] < silent_since
        else:
            abandoned = result.started_at is None or result.started_at < unknown_since
        if not abandoned:
            continue
        # Only if it is still running: a worker that finished it meanwhile wins.
        requeued += DBTaskResult.objects.filter(
            pk=result.pk, status=TaskResultStatus.RUNNING
        ).update(status=TaskResultStatus.READY, started_at=None)
        logger.warning(
            "task %s was left running by worker %s, which went silent; it runs again",
            result.pk,
            worker,
        )
    WorkerHeartbeat.objects.filter(beat_at__lt=now - datetime.timedelta(days=1)).delete()
    return requeued


def queue_state(*, now: datetime.datetime | None = None) -> dict:
    """What /healthz and the operations page show of the queue: tasks waiting (ready and due),
    the age of the oldest in seconds, tasks running, failures in the last hour, live workers."""
    if not uses_worker():
        return {"backend": "immediate"}
    from django.db.models import Min
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    ready = DBTaskResult.objects.ready()
    oldest = ready.aggregate(oldest=Min("enqueued_at"))["oldest"]
    return {
        "backend": "database",
        "waiting": ready.count(),
        "oldest_waiting_s": round((now - oldest).total_seconds()) if oldest else 0,
        "running": DBTaskResult.objects.running().count(),
        "failed_last_hour": DBTaskResult.objects.failed()
        .filter(finished_at__gte=now - datetime.timedelta(hours=1))
        .count(),
        "workers": live_workers(now=now).count(),
    }


# -- periodic upkeep of the queue itself (scheduled in settings.PERIODIC_TASKS) ------------------


@background_task(retries=0)
def requeue_abandoned_tasks() -> int:
    return requeue_abandoned()


@background_task(retries=0)
def prune_task_results() -> int:
    """Forget finished tasks after TASKS_KEEP_RESULTS_DAYS (failed ones are kept twice as long)."""
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    keep = datetime.timedelta(days=int(settings.TASKS_KEEP_RESULTS_DAYS))
    done, _ = DBTaskResult.objects.successful().filter(finished_at__lt=now - keep).delete()
    failed, _ = DBTaskResult.objects.failed().filter(finished_at__lt=now - 2 * keep).delete()
    return done + failed

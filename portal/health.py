"""GET /healthz: whether this web process can serve, for a load balancer and for people.

A JSON body names each check: the database (a query), the search engine (a count of its
documents), the background tasks (tasks waiting and the age of the oldest, running, failed in
the last hour, live workers; failing when the oldest has waited over HEALTH_MAX_TASK_WAIT
seconds or, with tasks waiting, no worker beats), and the disk that holds the portal's files
(free space under ``var/``, failing below HEALTH_MIN_FREE_MB). Without the database no page can
be served: 503, and a load balancer takes the process out. Without search, workers or disk space
the rest of the site still serves (search says it is unavailable, publications wait for their
indexing and emails, uploads say the disk is full): 200 with ``"status": "degraded"``, for the
monitoring to raise an alarm. Nothing in the body says more than ok, a reason, a time or a
number: it is public.
"""

import shutil
import time

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from background.tasks import queue_state
from search.backends import SearchUnavailable, get_backend


class CheckFailed(Exception):
    """A failed check that still reports its figures (the queue's, say)."""

    def __init__(self, error: str, **figures):
        super().__init__(error)
        self.error = error
        self.figures = figures


def _timed(check):
    started = time.perf_counter()
    try:
        result = {"ok": True, **(check() or {})}
    except CheckFailed as failed:
        result = {"ok": False, "error": failed.error, **failed.figures}
    except Exception as error:  # a health check reports every failure, whatever it is
        result = {"ok": False, "error": type(error).__name__}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _search():
    try:
        return {"documents": get_backend().count()}
    except SearchUnavailable as error:
        raise ConnectionError("search unavailable") from error


def _tasks():
    state = queue_state()
    if state["backend"] != "database":
        return state
    if state["waiting"] and not state["workers"]:
        raise CheckFailed("no worker", **state)
    if state["oldest_waiting_s"] > int(settings.HEALTH_MAX_TASK_WAIT):
        raise CheckFailed("tasks wait too long", **state)
    return state


def _disk():
    free_mb = shutil.disk_usage(settings.VAR_DIR).free // (1024 * 1024)
    minimum = int(settings.HEALTH_MIN_FREE_MB)
    if free_mb < minimum:
        raise OSError("disk almost full")
    return {"free_mb": free_mb}


CHECKS = {"database": _database, "search": _search, "tasks": _tasks, "disk": _disk}
# Without these nothing can be served; the others degrade one feature.
ESSENTIAL = ("database",)


def health() -> dict:
    checks = {name: _timed(check) for name, check in CHECKS.items()}
    if not all(checks[name]["ok"] for name in ESSENTIAL):
        status = "fail"
    elif all(c["ok"] for c in checks.values()):
        status = "ok"
    else:
        status = "degraded"
    return {"status": status, "checks": checks}


@never_cache
@require_GET
def healthz(request):
    report = health()
    return JsonResponse(report, status=503 if report["status"] == "fail" else 200)

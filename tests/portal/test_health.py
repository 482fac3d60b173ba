"""/healthz for a load balancer: 200 when the portal can serve, 503 when the database is gone,
200 "degraded" naming the part that failed when search, the background tasks or the disk is,
nothing secret."""

import json

import pytest
from django.db import connection

from search.backends import reset_backend


@pytest.fixture
def healthy(db, embedded_search):
    return embedded_search


def test_all_well(client, healthy):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "search", "tasks", "disk"}
    assert all(check["ok"] for check in body["checks"].values())
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.fixture
def search_server_down(db, settings):
    """The search backend pointed at a server that is not there (nothing listens on port 9)."""
    settings.SEARCH_BACKEND = {
        "BACKEND": "search.backends.elastic.ElasticsearchBackend",
        "URL": "http://127.0.0.1:9",
        "TIMEOUT": 1.0,
        "MAX_RETRIES": 0,
    }
    reset_backend()
    yield
    reset_backend()


def test_search_down_is_degraded_not_down(client, search_server_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["search"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True
    assert "127.0.0.1" not in json.dumps(body)  # the error's kind, never its text


def test_a_disk_below_the_minimum_is_degraded(client, healthy, settings):
    settings.HEALTH_MIN_FREE_MB = 10**12  # more than any disk has
    body = client.get("/healthz").json()
    assert body["status"] == "degraded" and body["checks"]["disk"]["ok"] is False


def test_database_gone_is_503(client, healthy, monkeypatch):
    def broken(*args, **kwargs):
        raise connection.Database.OperationalError("server closed the connection")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", broken)
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["database"]["ok"] is False
    assert body["checks"]["database"]["error"] == "OperationalError"


def test_only_get(client, healthy):
    assert client.post("/healthz").status_code == 405


def test_a_load_balancer_on_plain_http_is_answered_not_redirected(client, healthy, settings):
    settings.SECURE_SSL_REDIRECT = True  # as in production
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301  # everything else goes to HTTPS


# --- the background tasks (database backend: tasks wait for a worker) ---------------------------


@pytest.fixture
def queue(healthy, settings):
    from background.backends import tasks_setting

    settings.TASKS = tasks_setting("database")
    settings.HEALTH_MAX_TASK_WAIT = 300


def _waiting(minutes_ago: float):
    import datetime

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from tests.background.sample_tasks import log_line

    result = log_line.enqueue("x").db_result
    enqueued = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    DBTaskResult.objects.filter(pk=result.pk).update(enqueued_at=enqueued)


def _worker_beating():
    from django.utils import timezone

    from background.models import WorkerHeartbeat

    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="w1", started_at=now, beat_at=now)


def test_the_queue_is_reported_with_its_figures(client, queue):
    _worker_beating()
    _waiting(minutes_ago=1)
    body = client.get("/healthz").json()
    tasks = body["checks"]["tasks"]
    assert body["status"] == "ok" and tasks["ok"] is True
    assert tasks["waiting"] == 1 and 55 <= tasks["oldest_waiting_s"] <= 120
    assert tasks["workers"] == 1 and tasks["running"] == 0


def test_tasks_waiting_with_no_worker_is_degraded(client, queue):
    _waiting(minutes_ago=0)
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["tasks"] == {**body["checks"]["tasks"], "ok": False, "error": "no worker"}
    assert body["checks"]["tasks"]["waiting"] == 1


def test_a_task_waiting_too_long_is_degraded(client, queue):
    _worker_beating()
    _waiting(minutes_ago=10)
    body = client.get("/healthz").json()
    assert body["status"] == "degraded"
    assert body["checks"]["tasks"]["error"] == "tasks wait too long"
    assert body["checks"]["tasks"]["oldest_waiting_s"] >= 600

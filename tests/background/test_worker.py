"""The worker: retries, tasks left running by a worker that died, the request id."""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from background.models import WorkerHeartbeat
from background.tasks import queue_state, requeue_abandoned
from tests.background import sample_tasks
from tests.background.worker import run_worker_batch

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_failing_task_runs_again_until_it_succeeds(database_tasks, tmp_path):
    counter = tmp_path / "attempts"
    sample_tasks.fails_then_succeeds.enqueue(str(counter), 2)

    run_worker_batch()

    results = DBTaskResult.objects.order_by("enqueued_at")
    assert [r.status for r in results] == ["FAILED", "FAILED", "SUCCESSFUL"]
    assert results.last().return_value == 3
    assert "ConnectionError" in results.first().exception_class_path


def test_a_task_that_keeps_failing_stops_after_its_retries(database_tasks, tmp_path):
    sample_tasks.fails_then_succeeds.enqueue(str(tmp_path / "attempts"), 10)

    run_worker_batch()

    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["FAILED"] * 3
    assert (tmp_path / "attempts").read_text() == "3"
    assert queue_state()["failed_last_hour"] == 3 and queue_state()["waiting"] == 0


def _running(worker: str, started: datetime.datetime) -> DBTaskResult:
    result = sample_tasks.log_line.enqueue("x").db_result
    DBTaskResult.objects.filter(pk=result.pk).update(
        status=TaskResultStatus.RUNNING, worker_ids=[worker], started_at=started
    )
    return result


def test_tasks_of_a_silent_worker_are_made_ready_again(database_tasks, settings):
    settings.TASKS_WORKER_SILENT_AFTER = 60
    settings.TASKS_ABANDONED_AFTER = 3600
    now = timezone.now()
    for worker, beat in (("silent", now - datetime.timedelta(minutes=5)), ("alive", now)):
        WorkerHeartbeat.objects.create(worker_id=worker, started_at=beat, beat_at=beat)
    of_silent = _running("silent", now - datetime.timedelta(minutes=6))
    of_alive = _running("alive", now - datetime.timedelta(hours=3))
    of_stranger_long_ago = _running("stranger", now - datetime.timedelta(hours=2))
    of_stranger_now = _running("stranger", now - datetime.timedelta(minutes=1))

    assert requeue_abandoned(now=now) == 2

    status = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert status[of_silent.pk] == status[of_stranger_long_ago.pk] == "READY"
    assert status[of_alive.pk] == status[of_stranger_now.pk] == "RUNNING"


def _worker_process(tmp_path: Path, silent_after: int) -> subprocess.Popen:
    db = connection.settings_dict
    url = "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(
        **{k: db.get(k) or "" for k in ("USER", "PASSWORD", "HOST", "PORT", "NAME")}
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": url,
        "TASKS_BACKEND": "database",
        "TASKS_WORKER_SILENT_AFTER": str(silent_after),
    }
    manage = Path(django_settings.BASE_DIR) / "manage.py"
    return subprocess.Popen(
        [sys.executable, str(manage), "run_worker", "--interval", "0.2", "--no-startup-delay"],
        env=env,
        stdout=(tmp_path / "worker.log").open("a"),
        stderr=subprocess.STDOUT,
    )


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs a database that a second process can open (runs on PostgreSQL in CI)",
)
def test_killing_the_worker_mid_task_loses_nothing(database_tasks, tmp_path):
    result = sample_tasks.slow_write.enqueue(str(tmp_path), 2.0).db_result
    first = _worker_process(tmp_path, silent_after=2)
    try:
        assert _wait_for(lambda: (tmp_path / "started").exists(), 60), (
            tmp_path / "worker.log"
        ).read_text()
        first.send_signal(signal.SIGKILL)  # no goodbye: as if the machine lost it
        first.wait(10)
    finally:
        first.kill()
    assert not (tmp_path / "done").exists()
    assert DBTaskResult.objects.get(pk=result.pk).status == TaskResultStatus.RUNNING

    second = _worker_process(tmp_path, silent_after=2)
    try:
        finished = _wait_for(
            lambda: DBTaskResult.objects.get(pk=result.pk).status == TaskResultStatus.SUCCESSFUL,
            60,
        )
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(20)
    assert finished, (tmp_path / "worker.log").read_text()
    assert (tmp_path / "done").read_text() == "done"
    assert (tmp_path / "started").read_text().count("x") == 2  # run again, once
    assert not WorkerHeartbeat.objects.filter(pid=second.pid).exists()  # it said goodbye

"""The periodic jobs: each names a real task, the scheduler enqueues it on time, and the worker
then does the job (expired needs closed, tomorrow's reminders sent, ...)."""

import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from background.schedule import build_scheduler, enqueue_job, jobs
from market.needs.models import Need
from tests.background.worker import run_worker_batch
from tests.factories import make_need

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_periodic_job_names_a_task_and_a_time(settings):
    names = set(jobs())
    assert {
        "refresh_matches",
        "close_expired_needs",
        "expire_vouchers",
        "event_reminders",
        "requeue_abandoned",
    } <= names
    scheduler = build_scheduler(blocking=False)
    zone = ZoneInfo(settings.TIME_ZONE)
    nightly = scheduler.get_job("refresh_matches").trigger.get_next_fire_time(
        None, datetime.datetime(2026, 12, 1, 12, 0, tzinfo=zone)
    )
    assert nightly == datetime.datetime(2026, 12, 2, 2, 30, tzinfo=zone)  # 02:30 Beijing time


def test_a_bad_job_is_refused_before_the_scheduler_starts(settings):
    settings.PERIODIC_TASKS = {
        "oops": {"task": "market.needs.services.needs_expire", "cron": "0 1 * * *"}
    }
    with pytest.raises(TypeError, match="not a task"):
        build_scheduler(blocking=False)


def test_the_list_shows_each_job_and_its_next_time():
    out = StringIO()
    call_command("run_scheduler", "--list", stdout=out)
    assert "close_expired_needs" in out.getvalue() and "next 20" in out.getvalue()


def test_at_its_time_a_job_is_enqueued_and_the_worker_does_it(
    database_tasks, firm_a, member_a, broker
):
    need = make_need(firm_a, member_a, status="published", broker=broker)
    Need.objects.filter(pk=need.pk).update(deadline=timezone.localdate() - datetime.timedelta(1))
    run_worker_batch()  # the publication's own tasks

    enqueue_job("close_expired_needs", jobs()["close_expired_needs"]["task"])
    assert DBTaskResult.objects.ready().filter(task_path="market.needs.tasks.close_expired_needs")
    assert Need.objects.get(pk=need.pk).status == Need.Status.PUBLISHED

    run_worker_batch()
    need.refresh_from_db()
    assert need.status == Need.Status.CLOSED and need.close_reason == "expired"


def test_the_queue_command_reports_and_probes(database_tasks):
    out = StringIO()
    call_command("task_queue", stdout=out)
    assert '"waiting": 0' in out.getvalue()
    with pytest.raises(Exception, match="no worker"):
        call_command("task_queue", "--worker-alive", stdout=StringIO())
    with pytest.raises(Exception, match="enqueued nothing"):
        call_command("task_queue", "--scheduled-within", "180", stdout=StringIO())
    enqueue_job("requeue_abandoned", jobs()["requeue_abandoned"]["task"])
    call_command("task_queue", "--scheduled-within", "180", stdout=StringIO())


def test_a_page_an_editor_scheduled_goes_live_on_time(section_a):
    from cms.models import OutcomePage
    from cms.tasks import publish_scheduled_pages
    from tests.factories import make_outcome

    outcome = make_outcome(section_a, title="定时发布的镁合金成果", slug="timed")
    outcome.unpublish()
    outcome.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1))
    assert not OutcomePage.objects.get(pk=outcome.pk).live

    publish_scheduled_pages.call()  # what the scheduler's every-minute job enqueues

    assert OutcomePage.objects.get(pk=outcome.pk).live
    assert "publish_scheduled_pages" in jobs()

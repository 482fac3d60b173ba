"""The periodic jobs: settings.PERIODIC_TASKS names each job's task (a dotted path to a
background task) and its time as a crontab line in the site's time zone (TIME_ZONE)."""

import datetime
import logging
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.db import close_old_connections
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def enqueue_job(name: str, task_path: str) -> None:
    """What the scheduler runs at a job's time: enqueue its task, nothing more."""
    close_old_connections()
    try:
        result = import_string(task_path).enqueue()
        logger.info("periodic job %s enqueued (%s, task %s)", name, task_path, result.id)
    finally:
        close_old_connections()


def jobs() -> dict[str, dict]:
    """name -> {"task": dotted path, "cron": crontab line}, checked: each task is importable."""
    from django_tasks.base import Task

    checked = {}
    for name, job in settings.PERIODIC_TASKS.items():
        if not isinstance(import_string(job["task"]), Task):
            raise TypeError(f"PERIODIC_TASKS[{name!r}] is not a task: {job['task']}")
        CronTrigger.from_crontab(job["cron"])  # raises ValueError on a bad line
        checked[name] = job
    return checked


def build_scheduler(*, blocking: bool = True):
    zone = ZoneInfo(settings.TIME_ZONE)
    scheduler = (BlockingScheduler if blocking else BackgroundScheduler)(timezone=zone)
    for name, job in jobs().items():
        scheduler.add_job(
            enqueue_job,
            CronTrigger.from_crontab(job["cron"], timezone=zone),
            args=(name, job["task"]),
            id=name,
            name=name,
            coalesce=True,  # missed runs (the scheduler was down) run once, not once each
            misfire_grace_time=3600,
            max_instances=1,
        )
    return scheduler


def next_times(scheduler) -> list[tuple[str, str, datetime.datetime]]:
    now = datetime.datetime.now(ZoneInfo(settings.TIME_ZONE))
    rows = []
    for job in scheduler.get_jobs():
        cron = settings.PERIODIC_TASKS[job.id]["cron"]
        rows.append((job.id, cron, job.trigger.get_next_fire_time(None, now)))
    return rows

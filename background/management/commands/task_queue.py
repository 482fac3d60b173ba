"""manage.py task_queue: the background queue at a glance, and checks for health probes.

Prints the waiting tasks, the age of the oldest, running tasks, failures in the last hour and
live workers (background.tasks.queue_state). ``--worker-alive`` exits 1 unless a worker on this
host beat lately (the worker container's health check); ``--scheduled-within N`` exits 1 unless
the scheduler enqueued its every-minute job in the last N seconds (the scheduler's).
"""

import datetime
import json
import socket

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from background.tasks import live_workers, queue_state


class Command(BaseCommand):
    help = "Show the background task queue; --worker-alive and --scheduled-within for probes."

    def add_arguments(self, parser):
        parser.add_argument("--worker-alive", action="store_true")
        parser.add_argument("--scheduled-within", type=int, metavar="SECONDS")
        parser.add_argument("--failed", type=int, metavar="N", help="list the last N failures")

    def handle(self, *args, worker_alive=False, scheduled_within=None, failed=None, **options):
        now = timezone.now()
        if worker_alive:
            alive = live_workers(now=now).filter(host=socket.gethostname()[:255])
            if not alive.exists():
                raise CommandError("no worker on this host beat lately")
        if scheduled_within is not None:
            from django_tasks_db.models import DBTaskResult

            recent = DBTaskResult.objects.filter(
                task_path="background.tasks.requeue_abandoned_tasks",
                enqueued_at__gte=now - datetime.timedelta(seconds=scheduled_within),
            )
            if not recent.exists():
                raise CommandError(f"the scheduler enqueued nothing in {scheduled_within} s")
        self.stdout.write(json.dumps(queue_state(now=now), ensure_ascii=False))
        if failed:
            from django_tasks_db.models import DBTaskResult

            for result in DBTaskResult.objects.failed().order_by("-finished_at")[:failed]:
                self.stdout.write(
                    f"{result.finished_at:%Y-%m-%d %H:%M:%S} {result.task_path} "
                    f"{result.args_kwargs.get('args')} {result.exception_class_path}"
                )

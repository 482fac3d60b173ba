"""Run background tasks: django_tasks_db's worker, with a heartbeat and recovery.

Before it takes tasks, and every minute through the scheduler, tasks left running by a worker
that went silent are made ready again (background.tasks.requeue_abandoned). Never reloads on
code changes (a reload would stop a task half-way); restart it after a deploy.
"""

from django_tasks_db.management.commands import db_worker

from background.tasks import requeue_abandoned
from background.worker import Heartbeat


class Command(db_worker.Command):
    help = "Run background tasks (indexing, suggestions, emails), with a heartbeat."

    def handle(self, *args, **options):
        options["reload"] = False
        heartbeat = Heartbeat(options["worker_id"])
        heartbeat.start()
        try:
            requeued = requeue_abandoned()
            if requeued:
                self.stdout.write(f"{requeued} abandoned task(s) made ready again.")
            super().handle(*args, **options)
        finally:
            heartbeat.stop()

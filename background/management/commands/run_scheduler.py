"""Enqueue the periodic tasks on time (settings.PERIODIC_TASKS), with APScheduler.

The scheduler runs no work itself: at each job's time it enqueues the job's task, and a worker
runs it. Run exactly one scheduler (docker-compose's ``scheduler`` service); a second would
enqueue each job twice (harmless, the tasks are idempotent, but wasted).
"""

import contextlib

from django.core.management.base import BaseCommand

from background.schedule import build_scheduler


class Command(BaseCommand):
    help = (
        "Enqueue the periodic tasks (suggestions, expired needs and vouchers, reminders) on time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--list", action="store_true", help="Print the jobs and their next times, then exit."
        )

    def handle(self, *args, **options):
        show = options["list"]
        scheduler = build_scheduler(blocking=not show)
        if show:
            for line in describe(scheduler):
                self.stdout.write(line)
            return
        self.stdout.write("Scheduler started:")
        for line in describe(scheduler):
            self.stdout.write("  " + line)
        with contextlib.suppress(KeyboardInterrupt, SystemExit):
            scheduler.start()


def describe(scheduler) -> list[str]:
    from background.schedule import next_times

    return [
        f"{name:<24} {cron:<16} next {when:%Y-%m-%d %H:%M %Z}"
        for name, cron, when in next_times(scheduler)
    ]

"""python manage.py seed_demo: load the demo content (idempotent; refuses production)."""

import logging
import os
from contextlib import contextmanager

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from accounts.roles import Role
from background.backends import tasks_setting
from market.funding.demo import BUREAU_USERNAME
from portal.demo.seed import DEMO_USERS, seed


@contextmanager
def _quiet(*names: str):
    """Wagtail logs every page created, published and unpublished, and each reference-index
    task, at INFO: hundreds of lines before the accounts. The demo's summary says what was made."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = "Load demo institutions, outcomes, enterprises and one user per role."

    def handle(self, *args, **options):
        if settings.PORTAL_ENVIRONMENT == "production":
            raise CommandError("seed_demo refuses to run under production settings.")
        password = os.environ.get("DEMO_PASSWORD", "demo12345")
        # The demo's needs go through the real workflow; its notification emails go nowhere,
        # and the background tasks each publication enqueues run here, at once (immediate
        # backend), not in a worker that would run them after the dummy mail backend is gone
        # (refresh_matches below recomputes the suggestions anyway, encoding the vectors in
        # batches first: one at a time on each publication would take minutes).
        with (
            _quiet("wagtail", "django_tasks"),
            override_settings(
                EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
                TASKS=tasks_setting("immediate"),
                MATCHING_SEMANTIC=False,
            ),
        ):
            report = seed(password=password)
        if report.changed:
            made = ", ".join(f"{what}: {n}" for what, n in report.created.items())
            self.stdout.write(self.style.SUCCESS(f"Demo data created ({made})."))
            # Segment every document once more, now that all the demo keywords are known.
            call_command("rebuild_search_index", no_progress=True, stdout=self.stdout)
            # Store the strong suggestions the brokers' queue shows (never emails).
            call_command("refresh_matches", no_progress=True, stdout=self.stdout)
        else:
            self.stdout.write("Demo data already present; nothing changed.")
        self.stdout.write("\nDemo accounts (password from DEMO_PASSWORD, default demo12345):")
        for username, (role, _org, _name) in DEMO_USERS.items():
            self.stdout.write(f"  {username:<16} {role.label}")
        # the science bureau's reviewer, made by the funding demo (market.funding.demo)
        self.stdout.write(f"  {BUREAU_USERNAME:<16} {Role.BUREAU_REVIEWER.label}")

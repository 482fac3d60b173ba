"""manage.py close_expired_needs: close published needs whose deadline has passed (run daily)."""

from django.core.management.base import BaseCommand

from market.needs.services import needs_expire


class Command(BaseCommand):
    help = "Close published needs whose deadline has passed, as expired."

    def handle(self, *args, **options):
        closed = needs_expire()
        self.stdout.write(f"Closed {closed} expired needs.")

"""manage.py send_event_reminders: remind participants of tomorrow's events (run daily)."""

from django.core.management.base import BaseCommand

from matching.events.notifications import reminders_send


class Command(BaseCommand):
    help = "Email each confirmed participant of tomorrow's events a reminder with their agenda."

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(f"Sent {sent} event reminders.")

"""Emails to participants: their agenda when the schedule is published, and a reminder the day
before the event (``manage.py send_event_reminders``)."""

import datetime

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import override

from market.needs.notifications import render_email, site_url
from matching.events import selectors
from matching.events.models import Event, Registration


def _message(template: str, event: Event, registration: Registration) -> tuple:
    with override(settings.LANGUAGE_CODE):
        context = {
            "event": event,
            "registration": registration,
            "rows": selectors.agenda_rows(registration) if event.is_schedule_published else [],
            "url": site_url(f"/events/{event.pk}/agenda/"),
        }
        subject, body = render_email(f"events/email/{template}", context)
    return (subject, body, settings.DEFAULT_FROM_EMAIL, [registration.user.email])


def _with_email(event: Event):
    return selectors.participants(event).filter(user__is_active=True).exclude(user__email="")


def schedule_published(event: Event) -> int:
    """Each confirmed participant gets their agenda."""
    messages = [_message("schedule_published", event, r) for r in _with_email(event)]
    return send_mass_mail(messages, fail_silently=False) if messages else 0


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Reminds the confirmed participants of tomorrow's published events, once each."""
    tomorrow = (today or timezone.localdate()) + datetime.timedelta(days=1)
    sent = 0
    for event in Event.objects.filter(status=Event.Status.PUBLISHED, date=tomorrow):
        with transaction.atomic():
            registrations = list(
                _with_email(event).filter(reminded_at__isnull=True).select_for_update(of=("self",))
            )
            messages = [_message("reminder", event, r) for r in registrations]
            if messages:
                sent += send_mass_mail(messages, fail_silently=False)
            Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(
                reminded_at=timezone.now()
            )
    return sent

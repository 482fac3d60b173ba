"""Participants hear of the published schedule, and are reminded the day before."""

import datetime

from django.core import mail
from django.core.management import call_command

from matching.events import services
from tests.matching.events.conftest import register


def test_publishing_the_schedule_emails_each_participant_their_agenda(
    event, broker, member_a, member_b, django_capture_on_commit_callbacks
):
    a, b = register(event, member_a), register(event, member_b)
    request = services.meeting_request_create(sender=a, recipient=b, user=member_a)
    services.meeting_request_answer(request=request, user=member_b, accept=True)
    services.event_schedule_meetings(event=event, user=broker)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_schedule_publish(event=event, user=broker)
    to_b = next(m for m in mail.outbox if m.to == [member_b.email])
    assert event.title in to_b.subject
    assert "14:00–14:20" in to_b.body and "member_a" in to_b.body
    assert f"/events/{event.pk}/agenda/" in to_b.body


def test_reminders_go_out_the_day_before_once(event, member_a, member_b):
    register(event, member_a)
    register(event, member_b)
    today = event.date - datetime.timedelta(days=2)
    from matching.events.notifications import reminders_send

    assert reminders_send(today=today) == 0
    assert reminders_send(today=event.date - datetime.timedelta(days=1)) == 2
    assert reminders_send(today=event.date - datetime.timedelta(days=1)) == 0
    assert "明天" in mail.outbox[0].subject


def test_the_reminder_command_runs(db, capsys):
    call_command("send_event_reminders")
    assert "Sent 0 event reminders." in capsys.readouterr().out

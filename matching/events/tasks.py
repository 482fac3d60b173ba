"""Events' background work: agendas when a schedule is published, and tomorrow's reminders."""

from background.tasks import background_task
from matching.events import notifications
from matching.events.models import Event


@background_task()
def send_agendas(event_id: int) -> int:
    event = Event.objects.filter(pk=event_id).first()
    return notifications.schedule_published(event) if event else 0


@background_task(retries=2)
def send_reminders() -> int:
    """Daily (settings.PERIODIC_TASKS); each participant is reminded once (reminded_at)."""
    return notifications.reminders_send()

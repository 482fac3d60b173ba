"""A participant's agenda as an iCalendar file: the event, and each meeting in its slot."""

from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent


def agenda_calendar(event, rows, *, request) -> bytes:
    """The event and the participant's meetings (``selectors.agenda_rows``) as .ics bytes."""
    calendar = Calendar()
    calendar.add("prodid", "-//Hebi Technology Market//events//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", event.title)
    page = request.build_absolute_uri(reverse("events:detail", args=[event.pk]))
    host = request.get_host().split(":")[0]

    whole = CalendarEvent()
    whole.add("uid", f"event-{event.pk}@{host}")
    whole.add("summary", event.title)
    whole.add("dtstart", event.start)
    whole.add("dtend", event.end)
    whole.add("location", event.venue or event.online_url)
    whole.add("url", page)
    calendar.add_component(whole)

    for row in rows:
        meeting, other = row["meeting"], row["other"]
        item = CalendarEvent()
        item.add("uid", f"event-{event.pk}-meeting-{meeting.request_id}@{host}")
        item.add(
            "summary",
            _("Meeting with %(name)s (%(organization)s)")
            % {"name": other.user, "organization": other.organization},
        )
        item.add("dtstart", row["starts"])
        item.add("dtend", row["ends"])
        item.add(
            "location",
            _("%(venue)s, table %(table)d")
            % {"venue": event.venue or event.online_url, "table": meeting.table},
        )
        if meeting.request.message:
            item.add("description", meeting.request.message)
        item.add("url", page)
        calendar.add_component(item)
    return calendar.to_ical()

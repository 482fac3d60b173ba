"""Matchmaking events (对接活动): the event, who registers, the one-to-one meeting requests
between participants, and the meetings placed in slots and at tables."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import INSTITUTION_KINDS
from taxonomy import vocabularies as vocab


class Event(models.Model):
    """A matchmaking event with a session of one-to-one meetings (slots × tables)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=120)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    industries = models.ManyToManyField(
        "taxonomy.Term",
        verbose_name=_("industries"),
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": vocab.INDUSTRY},
    )
    partners = models.ManyToManyField(
        "accounts.Organization",
        verbose_name=_("partner institutions"),
        blank=True,
        related_name="partner_events",
        limit_choices_to={"kind__in": INSTITUTION_KINDS},
    )
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), help_text=_("Participants at most."))
    registration_deadline = models.DateTimeField(_("registration deadline"))
    approval_required = models.BooleanField(
        _("registrations need approval"),
        default=False,
        help_text=_("The organiser approves each registration before it counts."),
    )
    requests_close_at = models.DateTimeField(
        _("meeting requests close at"),
        help_text=_("Requests still unanswered then expire and are not scheduled."),
    )
    meetings_start = models.TimeField(_("first meeting slot starts at"))
    slot_minutes = models.PositiveSmallIntegerField(_("minutes per slot"), default=20)
    slot_count = models.PositiveSmallIntegerField(_("number of slots"), default=8)
    break_slots = models.JSONField(
        _("break slots"),
        default=list,
        blank=True,
        help_text=_("Numbers of the slots kept free for breaks, e.g. [4]."),
    )
    tables = models.PositiveSmallIntegerField(_("number of tables"), default=10)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    organizer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organiser"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    schedule_published_at = models.DateTimeField(_("schedule published at"), null=True, blank=True)
    schedule_report = models.JSONField(_("last scheduling run"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-date", "-starts_at", "-pk"]
        verbose_name = _("matchmaking event")
        verbose_name_plural = _("matchmaking events")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="event_ends_late"),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="event_capacity_positive"),
            models.CheckConstraint(condition=Q(slot_count__gt=0), name="event_slots_positive"),
            models.CheckConstraint(condition=Q(slot_minutes__gt=0), name="event_slot_length"),
            models.CheckConstraint(condition=Q(tables__gt=0), name="event_tables_positive"),
        ]
        indexes = [models.Index(fields=["status", "date"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%Y-%m-%d})"

    def clean(self) -> None:
        errors = {}
        if not (self.venue or self.online_url):
            errors["venue"] = _("Give a venue or an online link.")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The event must end after it starts.")
        if self.date and self.starts_at:
            start = self.start
            if self.registration_deadline and self.registration_deadline > start:
                errors["registration_deadline"] = _(
                    "Registration must close before the event starts."
                )
            if self.requests_close_at and self.requests_close_at > start:
                errors["requests_close_at"] = _(
                    "Meeting requests must close before the event starts."
                )
        breaks = self.break_slots or []
        if not isinstance(breaks, list) or not all(isinstance(n, int) for n in breaks):
            errors["break_slots"] = _("Break slots are a list of slot numbers, e.g. [4].")
        elif self.slot_count and any(n < 1 or n > self.slot_count for n in breaks):
            errors["break_slots"] = _("Break slots must be between 1 and the number of slots.")
        if self.meetings_start and self.slot_minutes and self.slot_count and self.ends_at:
            end = self._at(self.meetings_start) + datetime.timedelta(
                minutes=self.slot_minutes * self.slot_count
            )
            if self.date and end > self._at(self.ends_at):
                errors["slot_count"] = _("The meeting slots run past the end of the event.")
            if self.starts_at and self.meetings_start < self.starts_at:
                errors["meetings_start"] = _("Meetings cannot start before the event.")
        if errors:
            raise ValidationError(errors)

    def _at(self, time: datetime.time) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.date, time))

    @property
    def start(self) -> datetime.datetime:
        return self._at(self.starts_at)

    @property
    def end(self) -> datetime.datetime:
        return self._at(self.ends_at)

    def slot_start(self, slot: int) -> datetime.datetime:
        """When slot ``slot`` (1-based) begins."""
        return self._at(self.meetings_start) + datetime.timedelta(
            minutes=self.slot_minutes * (slot - 1)
        )

    def slot_end(self, slot: int) -> datetime.datetime:
        return self.slot_start(slot) + datetime.timedelta(minutes=self.slot_minutes)

    @property
    def meeting_slots(self) -> list[int]:
        """The slots meetings may use (breaks left out)."""
        breaks = set(self.break_slots or [])
        return [n for n in range(1, self.slot_count + 1) if n not in breaks]

    @property
    def slots(self) -> list[dict]:
        """Every slot with its times, for pages and the API."""
        breaks = set(self.break_slots or [])
        return [
            {
                "number": n,
                "starts": self.slot_start(n),
                "ends": self.slot_end(n),
                "is_break": n in breaks,
            }
            for n in range(1, self.slot_count + 1)
        ]

    def is_past(self, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.end

    def registration_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.PUBLISHED and now <= self.registration_deadline

    def requests_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.PUBLISHED and now < self.requests_close_at

    @property
    def is_schedule_published(self) -> bool:
        return self.schedule_published_at is not None


class Registration(models.Model):
    """A person registers for an event on behalf of one of their organizations."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Confirmed")
        DECLINED = "declined", _("Not accepted")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    need = models.ForeignKey(
        "market.Need",
        verbose_name=_("need brought"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    outcome = models.ForeignKey(
        "cms.OutcomePage",
        verbose_name=_("outcome brought"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    brings = models.TextField(_("what I bring"), max_length=1000, blank=True)
    wants_to_meet = models.TextField(_("whom I want to meet"), max_length=1000, blank=True)
    unavailable_slots = models.JSONField(_("slots I am not available"), default=list, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="registration_once_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organization}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def check_in_code(self) -> str:
        """Six characters on the participant's agenda; the organiser types them at the door."""
        from django.utils.crypto import salted_hmac

        return salted_hmac("events.check-in", str(self.pk)).hexdigest()[:6].upper()


class MeetingRequest(models.Model):
    """One participant asks another for a one-to-one meeting at the event.

    A request still pending when the event's requests close is expired: computed on read
    (``effective_status``), so no job has to run for it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="meeting_requests"
    )
    sender = models.ForeignKey(
        Registration, verbose_name=_("from"), on_delete=models.CASCADE, related_name="sent"
    )
    recipient = models.ForeignKey(
        Registration, verbose_name=_("to"), on_delete=models.CASCADE, related_name="received"
    )
    message = models.CharField(_("message"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    proposed_by_organiser = models.BooleanField(
        _("proposed by the organiser"),
        default=False,
        help_text=_("A pair the matching engine suggests, added when scheduling."),
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.UniqueConstraint(fields=["sender", "recipient"], name="meeting_request_once"),
            models.CheckConstraint(
                condition=~Q(sender=F("recipient")), name="meeting_request_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sender} → {self.recipient}"

    def effective_status(self, now: datetime.datetime | None = None) -> str:
        if self.status == self.Status.PENDING and not self.event.requests_open(now):
            return self.Status.EXPIRED
        return self.status

    def get_effective_status_display(self) -> str:
        return str(self.Status(self.effective_status()).label)


class Meeting(models.Model):
    """An accepted request placed in a slot at a table; after the event, what came of it."""

    class Outcome(models.TextChoices):
        FOLLOW_UP = "follow_up", _("Follow up")
        NOT_INTERESTED = "not_interested", _("Not interested")
        NO_SHOW = "no_show", _("No show")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="meetings"
    )
    request = models.OneToOneField(
        MeetingRequest,
        verbose_name=_("meeting request"),
        on_delete=models.CASCADE,
        related_name="meeting",
    )
    slot = models.PositiveSmallIntegerField(_("slot"))
    table = models.PositiveSmallIntegerField(_("table"))
    locked = models.BooleanField(
        _("locked"), default=False, help_text=_("Kept in its slot and table when re-scheduling.")
    )
    outcome = models.CharField(
        _("result of the meeting"), max_length=16, choices=Outcome.choices, blank=True
    )
    outcome_note = models.TextField(_("about the result"), blank=True)
    match = models.ForeignKey(
        "matching.Match",
        verbose_name=_("match"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_meetings",
    )

    class Meta:
        ordering = ["slot", "table"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["event", "slot", "table"], name="meeting_slot_table"),
            models.CheckConstraint(condition=Q(slot__gt=0), name="meeting_slot_positive"),
            models.CheckConstraint(condition=Q(table__gt=0), name="meeting_table_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} #{self.slot}/{self.table}: {self.request}"

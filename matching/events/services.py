"""Writes for matchmaking events: every rule about events, registrations, meeting requests,
the schedule and what came of the meetings is decided here."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization, User
from background.tasks import enqueue_on_commit
from cms.models import OutcomePage
from market.needs.models import Need
from matching import services as match_services
from matching.events import permissions, scheduler, selectors
from matching.events.models import Event, Meeting, MeetingRequest, Registration
from matching.events.tasks import send_agendas
from matching.models import Match

# Fields a broker fills in on an event; the rest belongs to the workflow.
EVENT_FIELDS = (
    "title",
    "theme",
    "description",
    "date",
    "starts_at",
    "ends_at",
    "venue",
    "online_url",
    "capacity",
    "registration_deadline",
    "approval_required",
    "requests_close_at",
    "meetings_start",
    "slot_minutes",
    "slot_count",
    "break_slots",
    "tables",
)
# Changing these moves the slots and tables the meetings sit in.
SESSION_FIELDS = ("date", "meetings_start", "slot_minutes", "slot_count", "break_slots", "tables")
SCHEDULE_TIME_LIMIT = 10.0  # seconds the exact solver may take on a page request
ACCEPTED_PRIORITY = 100  # an accepted request; a stored match suggestion adds up to 100 more
SUGGESTED_PRIORITY = 40  # at most, for a pair the organiser adds from the suggestions


def _require_broker(user: User, message: str) -> None:
    if not permissions.can_manage_events(user):
        raise PermissionDenied(message)


def _locked_event(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


# --- events ---------------------------------------------------------------------------------


@transaction.atomic
def event_create(
    *, user: User, data: dict, industries=(), partners=(), publish: bool = False
) -> Event:
    """A broker creates an event (a draft unless ``publish``)."""
    _require_broker(user, _("Only brokers organise matchmaking events."))
    event = Event(organizer=user, **{k: v for k, v in data.items() if k in EVENT_FIELDS})
    if publish:
        event.status = Event.Status.PUBLISHED
    event.full_clean()
    event.save()
    event.industries.set(industries)
    event.partners.set(partners)
    return event


@transaction.atomic
def event_update(*, event: Event, user: User, data: dict, industries=None, partners=None) -> Event:
    """A broker changes an event's details; the capacity never drops below who has registered.
    When the meeting session changes, meetings outside it are dropped and the schedule must be
    published again."""
    _require_broker(user, _("Only brokers organise matchmaking events."))
    event = _locked_event(event)
    before = {name: getattr(event, name) for name in SESSION_FIELDS}
    for name, value in data.items():
        if name in EVENT_FIELDS:
            setattr(event, name, value)
    taken = selectors.places_taken(event)
    if event.capacity is not None and event.capacity < taken:
        raise ValidationError(
            {
                "capacity": _("%(count)d people have registered; the capacity cannot be lower.")
                % {"count": taken}
            }
        )
    event.full_clean()
    session_changed = any(getattr(event, name) != value for name, value in before.items())
    event.save()
    if session_changed and event.meetings.exists():
        # Meetings that no longer fit the session (a slot gone or now a break, a table gone)
        # are dropped; the others keep their places. The schedule is published again.
        event.meetings.exclude(slot__in=event.meeting_slots, table__lte=event.tables).delete()
        event.schedule_published_at = None
        event.save(update_fields=["schedule_published_at"])
    if industries is not None:
        event.industries.set(industries)
    if partners is not None:
        event.partners.set(partners)
    return event


@transaction.atomic
def event_publish(*, event: Event, user: User) -> Event:
    """A broker opens a draft event: it is listed and open for registration."""
    _require_broker(user, _("Only brokers organise matchmaking events."))
    event = _locked_event(event)
    if event.status != Event.Status.DRAFT:
        raise ValidationError(_("Only a draft event can be published."))
    event.status = Event.Status.PUBLISHED
    event.full_clean()
    event.save(update_fields=["status", "updated_at"])
    return event


@transaction.atomic
def event_cancel(*, event: Event, user: User) -> Event:
    """A broker calls an event off: it stays listed as cancelled and takes no more
    registrations, requests or scheduling."""
    _require_broker(user, _("Only brokers organise matchmaking events."))
    event = _locked_event(event)
    if event.status == Event.Status.CANCELLED:
        return event
    event.status = Event.Status.CANCELLED
    event.save(update_fields=["status", "updated_at"])
    return event


# --- registrations --------------------------------------------------------------------------


def _check_brought(organization: Organization, need: Need | None, outcome: OutcomePage | None):
    if need is not None and (
        need.organization_id != organization.pk or need.status != Need.Status.PUBLISHED
    ):
        raise ValidationError({"need": _("Bring one of your organization's published needs.")})
    if need is not None and need.confidentiality == Need.Confidentiality.BROKERS:
        # Participants see what each other brings; this need is for brokers' eyes only.
        raise ValidationError(
            {"need": _("A need shown to brokers only cannot be shown to other participants.")}
        )
    if outcome is not None and not selectors.outcomes_of(organization).filter(pk=outcome.pk):
        raise ValidationError(
            {"outcome": _("Bring one of your organization's published outcomes.")}
        )


@transaction.atomic
def registration_create(
    *,
    event: Event,
    user: User,
    organization: Organization,
    need: Need | None = None,
    outcome: OutcomePage | None = None,
    brings: str = "",
    wants_to_meet: str = "",
    unavailable_slots: list[int] | tuple[int, ...] = (),
    now: datetime.datetime | None = None,
) -> Registration:
    """A member registers for a published event on behalf of their organization.

    The event row is locked while places are counted, so concurrent registrations never exceed
    the capacity. Confirmed at once, or awaiting the organiser's approval when the event asks.
    """
    now = now or timezone.now()
    if not permissions.participant_organizations(user).filter(pk=organization.pk).exists():
        raise PermissionDenied(_("You can only register for an organization you belong to."))
    if not organization.verified:
        raise PermissionDenied(
            _("Your organization can register once an administrator has verified it.")
        )
    event = _locked_event(event)
    if event.status != Event.Status.PUBLISHED:
        raise ValidationError(_("This event is not open for registration."))
    if now > event.registration_deadline:
        raise ValidationError(_("Registration for this event has closed."))
    existing = Registration.objects.filter(event=event, user=user).first()
    if existing is not None and existing.status != Registration.Status.CANCELLED:
        raise ValidationError(_("You have already registered for this event."))
    if selectors.places_taken(event) >= event.capacity:
        raise ValidationError(_("This event is full."))
    _check_brought(organization, need, outcome)
    registration = existing or Registration(event=event, user=user)
    registration.organization = organization
    registration.need = need
    registration.outcome = outcome
    registration.brings = brings.strip()
    registration.wants_to_meet = wants_to_meet.strip()
    registration.unavailable_slots = sorted(set(unavailable_slots))
    registration.checked_in_at = None
    registration.decided_by = None
    registration.status = (
        Registration.Status.PENDING if event.approval_required else Registration.Status.APPROVED
    )
    invalid = [n for n in registration.unavailable_slots if n not in range(1, event.slot_count + 1)]
    if invalid:
        raise ValidationError({"unavailable_slots": _("Choose slots of this event.")})
    registration.full_clean(validate_unique=False)
    registration.save()
    return registration


@transaction.atomic
def registration_decide(*, registration: Registration, user: User, approve: bool) -> Registration:
    """The organiser approves or declines a registration awaiting approval."""
    _require_broker(user, _("Only the organisers approve registrations."))
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Registration.Status.PENDING:
        raise ValidationError(_("This registration is not awaiting approval."))
    registration.status = Registration.Status.APPROVED if approve else Registration.Status.DECLINED
    registration.decided_by = user
    registration.save(update_fields=["status", "decided_by"])
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, user: User) -> Registration:
    """A participant withdraws; their place is freed and their requests and meetings go."""
    if registration.user_id != user.pk and not permissions.can_manage_events(user):
        raise PermissionDenied(_("Only the participant can cancel this registration."))
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        return registration
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status"])
    Meeting.objects.filter(request__sender=registration).delete()
    Meeting.objects.filter(request__recipient=registration).delete()
    return registration


@transaction.atomic
def registration_check_in(
    *, registration: Registration, user: User, present: bool = True, now=None
) -> Registration:
    """The organiser ticks a confirmed participant as present (or takes the tick back), from
    the event's day on."""
    _require_broker(user, _("Only the organisers check participants in."))
    now = now or timezone.now()
    registration = Registration.objects.select_related("event").get(pk=registration.pk)
    if registration.status != Registration.Status.APPROVED:
        raise ValidationError(_("Only confirmed participants can be checked in."))
    if timezone.localdate(now) < registration.event.date:
        raise ValidationError(_("Check-in opens on the day of the event."))
    registration.checked_in_at = now if present else None
    registration.save(update_fields=["checked_in_at"])
    return registration


def registration_check_in_by_code(*, event: Event, user: User, code: str, now=None) -> Registration:
    """The organiser checks in the confirmed participant whose agenda shows ``code``."""
    _require_broker(user, _("Only the organisers check participants in."))
    code = code.strip().upper()
    for registration in event.registrations.filter(status=Registration.Status.APPROVED):
        if code and registration.check_in_code == code:
            return registration_check_in(registration=registration, user=user, now=now)
    raise ValidationError({"code": _("No confirmed participant of this event has this code.")})


# --- meeting requests -----------------------------------------------------------------------


@transaction.atomic
def meeting_request_send(
    *, event: Event, user: User, recipient_id: int, message: str = ""
) -> MeetingRequest:
    """A participant asks another of the event's participants for a meeting, as the page and the
    API do: the sender is the user's own registration (none: refused), the recipient one of the
    event's registrations (another: not found)."""
    sender = selectors.registration_of(user, event)
    if sender is None:
        raise PermissionDenied(_("Register for the event first."))
    recipient = get_object_or_404(event.registrations, pk=recipient_id)
    return meeting_request_create(sender=sender, recipient=recipient, user=user, message=message)


@transaction.atomic
def meeting_request_create(
    *, sender: Registration, recipient: Registration, user: User, message: str = "", now=None
) -> MeetingRequest:
    """A confirmed participant asks another confirmed participant of the same event to meet."""
    if sender.user_id != user.pk:
        raise PermissionDenied(_("You can only send requests as yourself."))
    event = sender.event
    if recipient.event_id != event.pk:
        raise ValidationError(_("Both people must take part in the same event."))
    if sender.pk == recipient.pk or sender.organization_id == recipient.organization_id:
        raise ValidationError(_("Request meetings with people of other organizations."))
    if not (sender.is_confirmed and recipient.is_confirmed):
        raise ValidationError(_("Only confirmed participants can meet."))
    if not event.requests_open(now):
        raise ValidationError(_("Meeting requests for this event are closed."))
    if MeetingRequest.objects.filter(sender=sender, recipient=recipient).exists():
        raise ValidationError(_("You have already asked this participant."))
    if MeetingRequest.objects.filter(sender=recipient, recipient=sender).exists():
        raise ValidationError(
            _("This participant has already asked you for a meeting: answer their request.")
        )
    request = MeetingRequest(
        event=event, sender=sender, recipient=recipient, message=message.strip()
    )
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def meeting_request_answer(
    *, request: MeetingRequest, user: User, accept: bool, now=None
) -> MeetingRequest:
    """The person asked accepts or declines, while requests are open."""
    request = (
        MeetingRequest.objects.select_for_update()
        .select_related("event", "recipient")
        .get(pk=request.pk)
    )
    if request.recipient.user_id != user.pk:
        raise PermissionDenied(_("Only the person asked can answer this request."))
    state = request.effective_status(now)
    if state == MeetingRequest.Status.EXPIRED:
        raise ValidationError(_("This request has expired."))
    if state != MeetingRequest.Status.PENDING:
        raise ValidationError(_("This request has already been answered."))
    request.status = MeetingRequest.Status.ACCEPTED if accept else MeetingRequest.Status.DECLINED
    request.answered_at = now or timezone.now()
    request.save(update_fields=["status", "answered_at"])
    return request


# --- the schedule ---------------------------------------------------------------------------


def _priority(request: MeetingRequest, score: float) -> int:
    if request.proposed_by_organiser:
        return round(SUGGESTED_PRIORITY * score)
    return ACCEPTED_PRIORITY + round(100 * score)


def _problem(
    event: Event, *, suggestions: bool
) -> tuple[scheduler.Problem, dict[int, MeetingRequest]]:
    requests = selectors.schedulable_requests(event, suggestions=suggestions)
    scores = selectors.pair_scores(requests)
    unavailable = {}
    items = []
    for request in requests:
        for registration in (request.sender, request.recipient):
            unavailable[registration.pk] = set(registration.unavailable_slots or [])
        items.append(
            scheduler.Request(
                id=request.pk,
                people=(request.sender_id, request.recipient_id),
                priority=_priority(request, scores.get(request.pk, 0.0)),
            )
        )
    by_id = {r.pk: r for r in requests}
    locked = {
        m.request_id: (m.slot, m.table)
        for m in event.meetings.filter(locked=True)
        if m.request_id in by_id
    }
    problem = scheduler.Problem(
        slots=event.meeting_slots,
        tables=event.tables,
        requests=items,
        unavailable=unavailable,
        locked=locked,
    )
    return problem, by_id


def _propose_suggested_pairs(event: Event) -> int:
    """The organiser's proposals: a request, accepted, for each suggested pair not yet asked."""
    now = timezone.now()
    proposals = []
    for need_side, outcome_side, _score in selectors.suggested_pairs(event):
        proposal = MeetingRequest(
            event=event,
            sender=need_side,
            recipient=outcome_side,
            message=_("Proposed by the organiser: the matching engine suggests you meet."),
            status=MeetingRequest.Status.ACCEPTED,
            proposed_by_organiser=True,
            answered_at=now,
        )
        proposal.full_clean()
        proposals.append(proposal)
    MeetingRequest.objects.bulk_create(proposals)
    return len(proposals)


@transaction.atomic
def event_schedule_meetings(
    *,
    event: Event,
    user: User,
    suggestions: bool = False,
    time_limit: float = SCHEDULE_TIME_LIMIT,
) -> dict:
    """Places the accepted requests of confirmed participants into slots and tables, keeping
    locked meetings. With ``suggestions``, the pairs the matching engine suggests (one brings a
    need, the other an outcome stored as a strong suggestion for it) are proposed too, weighing
    less than any request a participant accepted. Meetings not locked are placed anew; a
    published schedule must be published again. Returns the run's report (meetings, objective,
    bound, gap, method)."""
    _require_broker(user, _("Only the organisers schedule meetings."))
    event = _locked_event(event)
    if event.status != Event.Status.PUBLISHED:
        raise ValidationError(_("Only a published event can be scheduled."))
    if suggestions:
        _propose_suggested_pairs(event)
    problem, by_id = _problem(event, suggestions=suggestions)
    event.meetings.filter(locked=False).delete()
    event.meetings.exclude(request_id__in=by_id).delete()
    schedule = scheduler.solve(problem, time_limit=time_limit)
    Meeting.objects.bulk_create(
        [
            Meeting(event=event, request=by_id[request_id], slot=slot, table=table)
            for request_id, (slot, table) in schedule.placed.items()
            if request_id not in problem.locked
        ]
    )
    report = {
        **schedule.report(),
        "requests": len(problem.requests),
        "suggestions": suggestions,
        "at": timezone.now().isoformat(timespec="seconds"),
    }
    event.schedule_report = report
    event.schedule_published_at = None
    event.save(update_fields=["schedule_report", "schedule_published_at", "updated_at"])
    return report


def _conflict(meeting: Meeting, slot: int, table: int) -> str | None:
    others = Meeting.objects.filter(event=meeting.event_id, slot=slot).exclude(pk=meeting.pk)
    if others.filter(table=table).exists():
        return _("Another meeting is at this table in this slot.")
    people = {meeting.request.sender_id, meeting.request.recipient_id}
    if (
        others.filter(request__sender__in=people).exists()
        or others.filter(request__recipient__in=people).exists()
    ):
        return _("One of the two already has a meeting in this slot.")
    for registration in (meeting.request.sender, meeting.request.recipient):
        if slot in (registration.unavailable_slots or []):
            return _("%(name)s is not available in this slot.") % {"name": registration}
    return None


@transaction.atomic
def meeting_move(*, meeting: Meeting, user: User, slot: int, table: int) -> Meeting:
    """The organiser moves a meeting to another slot or table; a moved meeting is locked, so a
    re-run keeps it there."""
    _require_broker(user, _("Only the organisers change the schedule."))
    event = _locked_event(meeting.event)
    meeting = Meeting.objects.select_related("request__sender", "request__recipient").get(
        pk=meeting.pk
    )
    if slot not in event.meeting_slots:
        raise ValidationError({"slot": _("Choose one of the event's meeting slots.")})
    if not 1 <= table <= event.tables:
        raise ValidationError({"table": _("Choose one of the event's tables.")})
    problem = _conflict(meeting, slot, table)
    if problem:
        raise ValidationError(problem)
    meeting.slot, meeting.table, meeting.locked = slot, table, True
    meeting.full_clean(validate_unique=False)
    meeting.save(update_fields=["slot", "table", "locked"])
    return meeting


@transaction.atomic
def meeting_lock(*, meeting: Meeting, user: User, locked: bool) -> Meeting:
    """The organiser locks a meeting in its slot and table (or frees it for the next run)."""
    _require_broker(user, _("Only the organisers change the schedule."))
    meeting.locked = locked
    meeting.save(update_fields=["locked"])
    return meeting


@transaction.atomic
def event_schedule_publish(*, event: Event, user: User) -> Event:
    """The organiser publishes the schedule: participants see their agendas."""
    _require_broker(user, _("Only the organisers publish the schedule."))
    event = _locked_event(event)
    if not event.meetings.exists():
        raise ValidationError(_("There is no meeting to publish yet: schedule first."))
    event.schedule_published_at = timezone.now()
    event.save(update_fields=["schedule_published_at", "updated_at"])
    enqueue_on_commit(send_agendas, event.pk)
    return event


# --- after the event ------------------------------------------------------------------------


def _need_and_outcome(meeting: Meeting) -> tuple[Need | None, OutcomePage | None]:
    sides = (meeting.request.sender, meeting.request.recipient)
    need = next((r.need for r in sides if r.need_id), None)
    outcome = next((r.outcome for r in sides if r.outcome_id), None)
    return need, outcome


def _follow_up(meeting: Meeting, user: User, note: str) -> Match | None:
    """A meeting worth following up starts the match of the need and the outcome the two
    brought (or moves it on to "meeting")."""
    need, outcome = _need_and_outcome(meeting)
    if need is None or outcome is None:
        return None
    match = match_services.match_create(need=need, outcome=outcome, user=user)
    steps = match_services.STEPS
    if match.is_open and steps.index(match.status) < steps.index(Match.Status.MEETING):
        text = note or _("Met at the matchmaking event “%(title)s”.") % {
            "title": meeting.event.title
        }
        match = match_services.match_advance(
            match=match, user=user, status=Match.Status.MEETING, note=text
        )
    return match


@transaction.atomic
def meeting_record_outcome(
    *, meeting: Meeting, user: User, outcome: str, note: str = "", now=None
) -> Meeting:
    """The organiser records what came of a meeting once the event has started. A follow-up
    between a need and an outcome creates or advances their match."""
    _require_broker(user, _("Only the organisers record meeting outcomes."))
    meeting = Meeting.objects.select_related(
        "event", "request__sender__need", "request__recipient__need"
    ).get(pk=meeting.pk)
    if (now or timezone.now()) < meeting.event.start:
        raise ValidationError(_("Outcomes are recorded once the event has started."))
    if outcome not in Meeting.Outcome.values:
        raise ValidationError({"outcome": _("Unknown outcome.")})
    meeting.outcome = outcome
    meeting.outcome_note = note.strip()
    if outcome == Meeting.Outcome.FOLLOW_UP:
        meeting.match = _follow_up(meeting, user, meeting.outcome_note) or meeting.match
    meeting.full_clean(validate_unique=False)
    meeting.save(update_fields=["outcome", "outcome_note", "match"])
    return meeting

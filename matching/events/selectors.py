"""Reads for matchmaking events: listings, who comes, requests, agendas, the held count."""

import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from cms.models import InstitutionPage, OutcomePage
from matching.events.models import Event, Meeting, MeetingRequest, Registration
from matching.models import Suggestion

TAKING_PLACES = (Registration.Status.PENDING, Registration.Status.APPROVED)
REQUEST_RELATED = (
    "event",
    "sender__user",
    "sender__organization",
    "recipient__user",
    "recipient__organization",
)


def _listing(queryset):
    return queryset.prefetch_related("industries", "partners").annotate(
        confirmed_count=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.APPROVED)
        )
    )


def events_visible():
    """Events anyone may see: published and cancelled ones (drafts are the organisers')."""
    return Event.objects.exclude(status=Event.Status.DRAFT)


def events_upcoming(now: datetime.datetime | None = None):
    """Events still to come (or under way today), soonest first."""
    today = timezone.localdate(now)
    return _listing(events_visible().filter(date__gte=today)).order_by("date", "starts_at", "pk")


def events_past(now: datetime.datetime | None = None):
    """Events whose day has passed, latest first."""
    today = timezone.localdate(now)
    return _listing(events_visible().filter(date__lt=today)).order_by("-date", "-starts_at", "-pk")


def events_for_organisers():
    """Every event, drafts included, latest first."""
    return _listing(Event.objects.all()).order_by("-date", "-pk")


def event_detail(queryset=None):
    return (queryset or Event.objects.all()).prefetch_related("industries", "partners")


def places_taken(event: Event) -> int:
    """Registrations awaiting approval or confirmed: each holds a place."""
    return event.registrations.filter(status__in=TAKING_PLACES).count()


def registration_of(user, event: Event) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Registration.objects.filter(event=event, user=user)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("organization", "need", "outcome")
        .first()
    )


def outcomes_of(organization):
    """The published outcomes in the organization's section (none for an enterprise)."""
    return outcomes_of_any([organization])


def outcomes_of_any(organizations):
    """The published outcomes of any of these organizations."""
    paths = list(
        InstitutionPage.objects.filter(organization__in=organizations).values_list(
            "path", flat=True
        )
    )
    if not paths:
        return OutcomePage.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return OutcomePage.objects.live().public().filter(condition).order_by("title")


def _registrations(queryset):
    return queryset.select_related("user", "organization", "need", "outcome")


def registrations_for_organisers(event: Event):
    return _registrations(event.registrations.all()).order_by("status", "created_at", "pk")


def participants(event: Event):
    """Confirmed participants, by organization."""
    return _registrations(event.registrations.filter(status=Registration.Status.APPROVED)).order_by(
        "organization__name", "pk"
    )


def participants_with_offers(event: Event, *, limit: int = 3) -> list[Registration]:
    """Confirmed participants, each with ``offers``: up to ``limit`` published outcomes or needs
    (not brokers-only ones) of their organization, in three queries whatever their number."""
    from market.needs.models import Need

    people = list(participants(event))
    organizations = {r.organization_id for r in people}
    offers: dict[int, list] = {pk: [] for pk in organizations}
    needs = (
        Need.objects.filter(organization__in=organizations, status=Need.Status.PUBLISHED)
        .exclude(confidentiality=Need.Confidentiality.BROKERS)
        .order_by("-published_at", "-pk")
    )
    for need in needs:
        offers[need.organization_id].append({"title": need.title, "need": need.pk})
    sections = dict(
        InstitutionPage.objects.filter(organization__in=organizations).values_list(
            "path", "organization_id"
        )
    )
    if sections:
        condition = Q()
        for path in sections:
            condition |= Q(path__startswith=path)
        outcomes = OutcomePage.objects.live().public().filter(condition).order_by("-pk")
        for outcome in outcomes:
            owner = sections.get(outcome.path[: -OutcomePage.steplen])
            if owner is not None:
                offers[owner].append({"title": outcome.title, "outcome": outcome})
    for registration in people:
        registration.offers = offers[registration.organization_id][:limit]
    return people


def requests_of(registration: Registration):
    """The requests a participant sent and received, newest first."""
    base = MeetingRequest.objects.select_related(*REQUEST_RELATED)
    return {
        "sent": base.filter(sender=registration),
        "received": base.filter(recipient=registration),
    }


def requests_for_event(event: Event):
    return MeetingRequest.objects.filter(event=event).select_related(*REQUEST_RELATED)


def schedulable_requests(event: Event, *, suggestions: bool = False) -> list[MeetingRequest]:
    """Accepted requests between two confirmed participants: what the scheduler places (with
    the organiser's suggested pairs when asked)."""
    requests = MeetingRequest.objects.filter(
        event=event,
        status=MeetingRequest.Status.ACCEPTED,
        sender__status=Registration.Status.APPROVED,
        recipient__status=Registration.Status.APPROVED,
    )
    if not suggestions:
        requests = requests.filter(proposed_by_organiser=False)
    return list(requests.select_related("sender", "recipient").order_by("pk"))


def suggested_pairs(event: Event) -> list[tuple[Registration, Registration, float]]:
    """Confirmed participants of different organizations, one bringing a need and the other an
    outcome the engine stored as a strong suggestion for it, with no request between them yet:
    (the need's registration, the outcome's registration, score), strongest first."""
    people = list(participants(event))
    with_need = {}
    with_outcome = {}
    for registration in people:
        if registration.need_id:
            with_need.setdefault(registration.need_id, []).append(registration)
        if registration.outcome_id:
            with_outcome.setdefault(registration.outcome_id, []).append(registration)
    if not with_need or not with_outcome:
        return []
    asked = set()
    for sender, recipient in MeetingRequest.objects.filter(event=event).values_list(
        "sender_id", "recipient_id"
    ):
        asked |= {(sender, recipient), (recipient, sender)}
    rows = Suggestion.objects.filter(
        need_id__in=with_need, outcome_id__in=with_outcome
    ).values_list("need_id", "outcome_id", "score")
    pairs = []
    for need_id, outcome_id, score in rows:
        for a in with_need[need_id]:
            for b in with_outcome[outcome_id]:
                if a.organization_id != b.organization_id and (a.pk, b.pk) not in asked:
                    pairs.append((a, b, score))
    return sorted(pairs, key=lambda pair: (-pair[2], pair[0].pk, pair[1].pk))


def pair_scores(requests) -> dict[int, float]:
    """The stored suggestion's score of each request whose two sides brought a need and an
    outcome the matching engine suggested for each other (request id: score)."""
    pairs = {}
    for request in requests:
        sides = (request.sender, request.recipient)
        need = next((r.need_id for r in sides if r.need_id), None)
        outcome = next((r.outcome_id for r in sides if r.outcome_id), None)
        if need and outcome:
            pairs[request.pk] = (need, outcome)
    if not pairs:
        return {}
    rows = Suggestion.objects.filter(
        need_id__in={n for n, _o in pairs.values()},
        outcome_id__in={o for _n, o in pairs.values()},
    ).values_list("need_id", "outcome_id", "score")
    score = {(n, o): s for n, o, s in rows}
    return {pk: score[pair] for pk, pair in pairs.items() if pair in score}


def whom_to_meet(registration: Registration, *, limit: int = 5) -> list[dict]:
    """Other confirmed participants the matching engine suggests for this one: those who bring
    an outcome stored as a strong suggestion for the need this one brings, or a need for the
    outcome; strongest first, each with the suggestion's reasons."""
    others = participants(registration.event).exclude(organization=registration.organization_id)
    if registration.need_id:
        rows = Suggestion.objects.filter(
            need_id=registration.need_id,
            outcome_id__in=others.filter(outcome__isnull=False).values("outcome_id"),
        )
        by_key = {r.outcome_id: r for r in others if r.outcome_id}
        key = "outcome_id"
    elif registration.outcome_id:
        rows = Suggestion.objects.filter(
            outcome_id=registration.outcome_id,
            need_id__in=others.filter(need__isnull=False).values("need_id"),
        )
        by_key = {r.need_id: r for r in others if r.need_id}
        key = "need_id"
    else:
        return []
    suggestions = []
    for row in rows.order_by("-score")[:limit]:
        suggestions.append(
            {
                "registration": by_key[getattr(row, key)],
                "score": row.score,
                "reasons": row.reasons,
            }
        )
    return suggestions


def _meetings(queryset):
    return queryset.select_related(
        "event",
        "request__sender__user",
        "request__sender__organization",
        "request__recipient__user",
        "request__recipient__organization",
        "match",
    )


def event_grid(event: Event) -> list[dict]:
    """The organiser's grid: each slot with its meetings by table (None where free)."""
    meetings = _meetings(event.meetings.all())
    at = {(m.slot, m.table): m for m in meetings}
    return [
        {**slot, "tables": [at.get((slot["number"], t)) for t in range(1, event.tables + 1)]}
        for slot in event.slots
    ]


def agenda(registration: Registration):
    """A participant's meetings in slot order."""
    return _meetings(
        Meeting.objects.filter(Q(request__sender=registration) | Q(request__recipient=registration))
    ).order_by("slot")


def agenda_rows(registration: Registration) -> list[dict]:
    """The participant's meetings with their times and the person met."""
    rows = []
    for meeting in agenda(registration):
        request = meeting.request
        other = request.recipient if request.sender_id == registration.pk else request.sender
        rows.append(
            {
                "meeting": meeting,
                "other": other,
                "starts": meeting.event.slot_start(meeting.slot),
                "ends": meeting.event.slot_end(meeting.slot),
            }
        )
    return rows


def meetings_of_any():
    return _meetings(Meeting.objects.all()).order_by("event_id", "slot", "table")


def meetings_of_event(event: Event):
    return _meetings(event.meetings.all()).order_by("slot", "table")


def held_q(now: datetime.datetime | None = None) -> Q:
    """An event is held once its day has passed and attendance was recorded (someone checked in)."""
    checked_in = Registration.objects.filter(event=OuterRef("pk"), checked_in_at__isnull=False)
    return Q(Exists(checked_in), status=Event.Status.PUBLISHED, date__lt=timezone.localdate(now))


def events_held(year: int):
    return (
        Event.objects.filter(held_q(), date__year=year)
        .prefetch_related(Prefetch("partners"))
        .order_by("date", "pk")
    )


def events_held_by_quarter(year: int) -> dict[int, int]:
    """{quarter: events held}, for the year's targets (registered with market's selectors)."""
    counts = {1: 0, 2: 0, 3: 0, 4: 0}
    for day in Event.objects.filter(held_q(), date__year=year).values_list("date", flat=True):
        counts[(day.month - 1) // 3 + 1] += 1
    return counts

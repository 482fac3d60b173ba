"""Event pages: the public listing and event page, registering, meeting requests, the
organiser's desk (registrations, check-in, schedule, results) and each participant's agenda."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.form_errors import add_service_errors
from matching.events import ics, permissions, selectors, services
from matching.events.forms import (
    EventForm,
    MeetingRequestForm,
    MoveForm,
    RegistrationForm,
    ResultForm,
)
from matching.events.models import Event, Meeting, MeetingRequest, Registration

PAGE_SIZE = 10


def _event_or_404(user, pk: int) -> Event:
    event = get_object_or_404(selectors.event_detail(), pk=pk)
    if not permissions.can_view_event(user, event):
        raise Http404
    return event


def _organiser_or_403(user) -> None:
    if not permissions.can_manage_events(user):
        raise PermissionDenied(_("Only brokers organise matchmaking events."))


def _attempt(request, action, success: str) -> bool:
    """Run a service; its refusal becomes the page's error message."""
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False
    messages.success(request, success)
    return True


def event_list(request):
    past = request.GET.get("show") == "past"
    events = selectors.events_past() if past else selectors.events_upcoming()
    page_obj = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/event_list.html",
        {
            "page_obj": page_obj,
            "events": page_obj.object_list,
            "past": past,
            "querystring": "show=past" if past else "",
            "can_manage": permissions.can_manage_events(request.user),
            "drafts": selectors.events_for_organisers().filter(status=Event.Status.DRAFT)
            if permissions.can_manage_events(request.user)
            else [],
        },
    )


def _registration_form(request, event, data=None):
    organizations = permissions.registering_organizations(request.user)
    outcomes = selectors.outcomes_of_any(organizations)
    return RegistrationForm(data, event=event, organizations=organizations, outcomes=outcomes)


def event_detail(request, pk: int, *, registration_form=None, status=200):
    event = _event_or_404(request.user, pk)
    registration = selectors.registration_of(request.user, event)
    context = {
        "event": event,
        "registration": registration,
        "places_left": max(0, event.capacity - selectors.places_taken(event)),
        "can_manage": permissions.can_manage_events(request.user),
        "now": timezone.now(),
    }
    if registration_form is not None:  # sent back with the service's errors
        context["registration_form"] = registration_form
    elif (
        registration is None
        and event.registration_open()
        and permissions.can_register(request.user)
    ):
        context["registration_form"] = _registration_form(request, event)
    elif registration is None and event.registration_open():
        # A member whose organization awaits verification is told why there is no form.
        context["awaiting_verification"] = permissions.participant_organizations(
            request.user
        ).exists() and not permissions.can_register(request.user)
    if registration is not None and registration.is_confirmed:
        requests = selectors.requests_of(registration)
        asked = {r.recipient_id for r in requests["sent"]} | {
            r.sender_id for r in requests["received"]
        }
        context.update(
            show_participants=True,
            participants=selectors.participants_with_offers(event),
            suggestions=selectors.whom_to_meet(registration),
            sent=requests["sent"],
            received=requests["received"],
            asked=asked,
            requests_open=event.requests_open(),
        )
    elif context["can_manage"]:
        context.update(
            show_participants=True, participants=selectors.participants_with_offers(event)
        )
    return render(request, "events/event_detail.html", context, status=status)


@login_required
def event_create(request):
    _organiser_or_403(request.user)
    return _event_form(request, None)


@login_required
def event_edit(request, pk: int):
    _organiser_or_403(request.user)
    return _event_form(request, get_object_or_404(Event, pk=pk))


def _event_form(request, event: Event | None):
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        extra = {
            "industries": form.cleaned_data["industries"],
            "partners": form.cleaned_data["partners"],
        }
        try:
            if event is None:
                event = services.event_create(
                    user=request.user,
                    data=form.service_data(),
                    publish="publish" in request.POST,
                    **extra,
                )
            else:
                event = services.event_update(
                    event=event, user=request.user, data=form.service_data(), **extra
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("events:manage", pk=event.pk)
    status = 400 if form.errors else 200
    return render(request, "events/event_form.html", {"form": form, "event": event}, status=status)


@login_required
@require_POST
def event_publish(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    _attempt(
        request,
        lambda: services.event_publish(event=event, user=request.user),
        _("The event is published and open for registration."),
    )
    return redirect("events:manage", pk=pk)


@login_required
@require_POST
def event_cancel(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    _organiser_or_403(request.user)
    services.event_cancel(event=event, user=request.user)
    messages.success(request, _("The event is cancelled."))
    return redirect("events:manage", pk=pk)


@login_required
@require_POST
def registration_create(request, pk: int):
    event = _event_or_404(request.user, pk)
    form = _registration_form(request, event, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.registration_create(
                event=event,
                user=request.user,
                organization=data["organization"],
                need=data.get("need"),
                outcome=data.get("outcome"),
                brings=data["brings"],
                wants_to_meet=data["wants_to_meet"],
                unavailable_slots=data["unavailable_slots"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if registration.is_confirmed:
                messages.success(request, _("You are registered. See who comes below."))
            else:
                messages.success(
                    request, _("Your registration is received; the organiser will confirm it.")
                )
            return redirect("events:detail", pk=pk)
    return event_detail(request, pk, registration_form=form, status=400)


@login_required
@require_POST
def registration_cancel(request, pk: int):
    event = _event_or_404(request.user, pk)
    registration = selectors.registration_of(request.user, event)
    if registration is None:
        raise Http404
    services.registration_cancel(registration=registration, user=request.user)
    messages.success(request, _("Your registration is cancelled."))
    return redirect("events:detail", pk=pk)


@login_required
@require_POST
def meeting_request_create(request, pk: int):
    event = _event_or_404(request.user, pk)
    form = MeetingRequestForm(request.POST)
    if not form.is_valid():
        raise Http404
    _attempt(
        request,
        lambda: services.meeting_request_send(
            event=event,
            user=request.user,
            recipient_id=form.cleaned_data["recipient"],
            message=form.cleaned_data["message"],
        ),
        _("Your request is sent."),
    )
    return redirect("events:detail", pk=pk)


@login_required
@require_POST
def meeting_request_answer(request, pk: int):
    meeting_request = get_object_or_404(
        MeetingRequest.objects.select_related("event"), pk=pk, recipient__user=request.user
    )
    accept = request.POST.get("answer") == "accept"
    _attempt(
        request,
        lambda: services.meeting_request_answer(
            request=meeting_request, user=request.user, accept=accept
        ),
        _("You accepted the request.") if accept else _("You declined the request."),
    )
    return redirect("events:detail", pk=meeting_request.event_id)


# --- the organiser's desk -------------------------------------------------------------------


@login_required
def event_manage(request, pk: int):
    _organiser_or_403(request.user)
    event = get_object_or_404(selectors.event_detail(), pk=pk)
    return render(
        request,
        "events/event_manage.html",
        {
            "event": event,
            "registrations": selectors.registrations_for_organisers(event),
            "grid": selectors.event_grid(event),
            "meetings": selectors.meetings_of_event(event),
            "requests": selectors.requests_for_event(event),
            "report": event.schedule_report,
            "results": Meeting.Outcome.choices,
            "started": timezone.now() >= event.start,
        },
    )


@login_required
@require_POST
def registration_decide(request, pk: int, registration_id: int):
    registration = get_object_or_404(Registration, pk=registration_id, event_id=pk)
    approve = request.POST.get("decision") == "approve"
    _attempt(
        request,
        lambda: services.registration_decide(
            registration=registration, user=request.user, approve=approve
        ),
        _("The registration is approved.") if approve else _("The registration is declined."),
    )
    return redirect("events:manage", pk=pk)


@login_required
@require_POST
def registration_check_in(request, pk: int, registration_id: int):
    registration = get_object_or_404(Registration, pk=registration_id, event_id=pk)
    present = request.POST.get("present") != "0"
    _attempt(
        request,
        lambda: services.registration_check_in(
            registration=registration, user=request.user, present=present
        ),
        _("Attendance is recorded."),
    )
    return redirect("events:manage", pk=pk)


@login_required
@require_POST
def registration_check_in_by_code(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    _organiser_or_403(request.user)
    try:
        registration = services.registration_check_in_by_code(
            event=event, user=request.user, code=request.POST.get("code", "")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(name)s (%(organization)s) is checked in.")
            % {"name": registration.user, "organization": registration.organization},
        )
    return redirect("events:manage", pk=pk)


@login_required
@require_POST
def event_schedule(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    try:
        report = services.event_schedule_meetings(
            event=event, user=request.user, suggestions="suggestions" in request.POST
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _(
                "%(meetings)d meetings placed of %(requests)d accepted requests "
                "(at most %(gap)s below the best possible)."
            )
            % {
                "meetings": report["meetings"],
                "requests": report["requests"],
                "gap": f"{report['gap']:.1%}",
            },
        )
    return redirect("events:manage", pk=pk)


@login_required
@require_POST
def event_schedule_publish(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    _attempt(
        request,
        lambda: services.event_schedule_publish(event=event, user=request.user),
        _("The schedule is published: participants see it on their agendas."),
    )
    return redirect("events:manage", pk=pk)


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("event"), pk=pk)


@login_required
@require_POST
def meeting_move(request, pk: int):
    meeting = _meeting(pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        _attempt(
            request,
            lambda: services.meeting_move(meeting=meeting, user=request.user, **form.cleaned_data),
            _("The meeting is moved and locked."),
        )
    else:
        messages.error(request, _("Give a slot and a table."))
    return redirect("events:manage", pk=meeting.event_id)


@login_required
@require_POST
def meeting_lock(request, pk: int):
    meeting = _meeting(pk)
    locked = request.POST.get("locked") == "1"
    _organiser_or_403(request.user)
    services.meeting_lock(meeting=meeting, user=request.user, locked=locked)
    messages.success(request, _("The meeting is locked.") if locked else _("The meeting is free."))
    return redirect("events:manage", pk=meeting.event_id)


@login_required
@require_POST
def meeting_result(request, pk: int):
    meeting = _meeting(pk)
    form = ResultForm(request.POST)
    if form.is_valid():
        _attempt(
            request,
            lambda: services.meeting_record_outcome(
                meeting=meeting,
                user=request.user,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            ),
            _("The result is recorded."),
        )
    return redirect("events:manage", pk=meeting.event_id)


# --- agendas --------------------------------------------------------------------------------


def _agenda_registration(request, pk: int) -> tuple[Event, Registration]:
    event = _event_or_404(request.user, pk)
    registration = selectors.registration_of(request.user, event)
    if registration is None or not registration.is_confirmed:
        raise Http404
    return event, registration


@login_required
def agenda(request, pk: int):
    event, registration = _agenda_registration(request, pk)
    rows = selectors.agenda_rows(registration) if event.is_schedule_published else []
    return render(
        request,
        "events/agenda.html",
        {"event": event, "registration": registration, "rows": rows},
    )


@login_required
def agenda_ics(request, pk: int):
    event, registration = _agenda_registration(request, pk)
    rows = selectors.agenda_rows(registration) if event.is_schedule_published else []
    response = HttpResponse(
        ics.agenda_calendar(event, rows, request=request),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-agenda.ics"'
    return response

"""Meeting requests, the schedule and what came of the meetings."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from matching.events import selectors, services
from matching.events.models import Meeting, MeetingRequest
from matching.models import Match
from tests.factories import OrganizationFactory, make_need, make_outcome
from tests.matching.events.conftest import participant, register


@pytest.fixture
def people(event, member_a, member_b, member_c):
    return [register(event, user) for user in (member_a, member_b, member_c)]


def ask(sender, recipient, message="想了解贵方的压铸工艺"):
    return services.meeting_request_create(
        sender=sender, recipient=recipient, user=sender.user, message=message
    )


def answer(request, accept=True, **extra):
    return services.meeting_request_answer(
        request=request, user=request.recipient.user, accept=accept, **extra
    )


def test_a_participant_asks_and_the_other_accepts(people):
    a, b, _c = people
    request = ask(a, b)
    with pytest.raises(PermissionDenied):
        services.meeting_request_answer(request=request, user=a.user, accept=True)
    assert answer(request).status == MeetingRequest.Status.ACCEPTED
    with pytest.raises(ValidationError, match="已经回复"):
        answer(request, accept=False)


def test_asking_twice_or_back_is_refused(people):
    a, b, _c = people
    ask(a, b)
    with pytest.raises(ValidationError, match="已向这位参会人"):
        ask(a, b)
    with pytest.raises(ValidationError, match="请回复对方"):
        ask(b, a)


def test_unconfirmed_participants_cannot_ask(broker, member_a, member_b):
    from tests.matching.events.conftest import make_event

    event = make_event(broker, approval_required=True)
    a, b = register(event, member_a), register(event, member_b)
    with pytest.raises(ValidationError, match="已确认的参会人"):
        ask(a, b)


def test_unanswered_requests_expire_and_are_not_scheduled(event, people, broker):
    a, b, c = people
    late = ask(a, c)
    answer(ask(a, b))
    after = event.requests_close_at + datetime.timedelta(minutes=1)
    assert late.effective_status(after) == MeetingRequest.Status.EXPIRED
    with pytest.raises(ValidationError, match="已过期"):
        answer(late, now=after)
    services.event_schedule_meetings(event=event, user=broker)
    scheduled = {m.request_id for m in event.meetings.all()}
    assert late.pk not in scheduled and len(scheduled) == 1


def _accepted_everyone(people):
    for i, sender in enumerate(people):
        for recipient in people[i + 1 :]:
            answer(ask(sender, recipient))


def test_the_schedule_gives_each_person_one_meeting_a_slot(event, people, broker):
    _accepted_everyone(people)
    report = services.event_schedule_meetings(event=event, user=broker)
    assert report["meetings"] == 3 and report["gap"] == 0.0
    meetings = list(event.meetings.select_related("request"))
    for meeting in meetings:
        assert meeting.slot in event.meeting_slots  # slot 4 is the break
    busy = [(m.slot, p) for m in meetings for p in (m.request.sender_id, m.request.recipient_id)]
    assert len(busy) == len(set(busy))


def test_a_person_unavailable_is_not_scheduled_then(broker, member_a, member_b):
    from tests.matching.events.conftest import make_event

    event = make_event(broker, break_slots=[])
    a = register(event, member_a, unavailable_slots=[1, 2, 3, 4, 5, 6, 7])
    b = register(event, member_b)
    answer(ask(a, b))
    services.event_schedule_meetings(event=event, user=broker)
    assert event.meetings.get().slot == 8


def test_tables_limit_meetings_per_slot(broker, event):
    from tests.factories import OrganizationFactory

    users = [
        participant(OrganizationFactory(name=f"企业{n}", slug=f"t-{n}"), f"t{n}") for n in range(10)
    ]
    regs = [register(event, u) for u in users]
    for n in range(0, 10, 2):
        answer(ask(regs[n], regs[n + 1]))
    services.event_schedule_meetings(event=event, user=broker)
    first_slot = event.meetings.filter(slot=1)
    assert first_slot.count() == event.tables == 4
    assert event.meetings.count() == 5


def test_locked_and_moved_meetings_stay_on_a_rerun(event, people, broker):
    _accepted_everyone(people)
    services.event_schedule_meetings(event=event, user=broker)
    meeting = event.meetings.order_by("pk").first()
    moved = services.meeting_move(meeting=meeting, user=broker, slot=8, table=3)
    assert moved.locked
    services.event_schedule_meetings(event=event, user=broker)
    again = Meeting.objects.get(request=meeting.request)
    assert (again.slot, again.table, again.locked) == (8, 3, True)
    assert event.meetings.count() == 3


def test_a_move_into_a_break_or_a_clash_is_refused(event, people, broker):
    _accepted_everyone(people)
    services.event_schedule_meetings(event=event, user=broker)
    meetings = list(event.meetings.order_by("slot"))
    with pytest.raises(ValidationError):
        services.meeting_move(meeting=meetings[0], user=broker, slot=4, table=1)
    with pytest.raises(ValidationError, match="已有洽谈"):
        services.meeting_move(meeting=meetings[0], user=broker, slot=meetings[1].slot, table=4)


def test_participants_see_the_published_schedule_on_their_agenda(event, people, broker):
    a, b, _c = people
    answer(ask(a, b))
    with pytest.raises(ValidationError, match="请先排程"):
        services.event_schedule_publish(event=event, user=broker)
    services.event_schedule_meetings(event=event, user=broker)
    event = services.event_schedule_publish(event=event, user=broker)
    assert event.is_schedule_published
    [meeting] = selectors.agenda(b)
    assert meeting.request.sender == a


def test_a_follow_up_starts_the_match_and_moves_it_to_meeting(
    event, broker, member_a, uni_a, section_a
):
    from accounts.roles import Role

    need = make_need(
        member_a.memberships.get().organization, member_a, status="published", broker=broker
    )
    outcome = make_outcome(section_a)
    editor = participant(uni_a, "uni_editor", Role.UNIVERSITY_EDITOR)
    firm = register(event, member_a, need=need)
    uni = register(event, editor, outcome=outcome)
    answer(ask(firm, uni))
    services.event_schedule_meetings(event=event, user=broker)
    meeting = event.meetings.get()
    with pytest.raises(ValidationError, match="活动开始后"):
        services.meeting_record_outcome(meeting=meeting, user=broker, outcome="follow_up")
    after = event.end + datetime.timedelta(hours=1)
    meeting = services.meeting_record_outcome(
        meeting=meeting, user=broker, outcome="follow_up", note="约定下周去实验室考察", now=after
    )
    match = Match.objects.get(need=need, outcome=outcome)
    assert meeting.match == match
    assert match.status == Match.Status.MEETING
    assert match.events.last().note == "约定下周去实验室考察"


def test_shrinking_the_session_drops_the_meetings_that_no_longer_fit(event, people, broker):
    _accepted_everyone(people)
    services.event_schedule_meetings(event=event, user=broker)
    services.event_schedule_publish(event=event, user=broker)
    slots = set(event.meetings.values_list("slot", flat=True))
    assert slots == {1, 2, 3}
    event = services.event_update(event=event, user=broker, data={"break_slots": [2, 4]})
    assert set(event.meetings.values_list("slot", flat=True)) == {1, 3}
    assert not event.is_schedule_published
    services.event_schedule_meetings(event=event, user=broker)
    assert event.meetings.count() == 3 and not event.meetings.filter(slot__in=[2, 4]).exists()


@pytest.fixture
def suggested_pair(event, broker, member_a, uni_a, section_a):
    """An enterprise bringing a need and a university bringing an outcome the engine stored as
    a strong suggestion for it; neither has asked the other."""
    from django.utils import timezone

    from accounts.roles import Role
    from matching.models import Suggestion

    need = make_need(
        member_a.memberships.get().organization, member_a, status="published", broker=broker
    )
    outcome = make_outcome(section_a)
    Suggestion.objects.update_or_create(
        need=need, outcome=outcome, defaults={"score": 0.8, "computed_at": timezone.now()}
    )
    editor = participant(uni_a, "uni_editor", Role.UNIVERSITY_EDITOR)
    return register(event, member_a, need=need), register(event, editor, outcome=outcome)


def test_the_organiser_may_add_the_suggested_pairs(event, broker, suggested_pair):
    firm, uni = suggested_pair
    services.event_schedule_meetings(event=event, user=broker)
    assert not event.meetings.exists()
    report = services.event_schedule_meetings(event=event, user=broker, suggestions=True)
    meeting = event.meetings.get()
    assert report["meetings"] == 1
    assert meeting.request.proposed_by_organiser
    assert (meeting.request.sender, meeting.request.recipient) == (firm, uni)
    # Asked once: a second run proposes nothing new.
    services.event_schedule_meetings(event=event, user=broker, suggestions=True)
    assert MeetingRequest.objects.filter(event=event).count() == 1


def test_requests_people_accepted_come_before_suggested_pairs(
    broker, member_a, member_b, uni_a, section_a
):
    from tests.matching.events.conftest import make_event

    event = make_event(broker, slot_count=1, break_slots=[], tables=1)
    from django.utils import timezone

    from accounts.roles import Role
    from matching.models import Suggestion

    need = make_need(
        member_a.memberships.get().organization, member_a, status="published", broker=broker
    )
    outcome = make_outcome(section_a)
    Suggestion.objects.create(need=need, outcome=outcome, score=0.95, computed_at=timezone.now())
    editor = participant(uni_a, "uni_editor", Role.UNIVERSITY_EDITOR)
    register(event, member_a, need=need)
    uni = register(event, editor, outcome=outcome)
    other = register(event, member_b)
    answer(ask(other, uni))
    services.event_schedule_meetings(event=event, user=broker, suggestions=True)
    assert not event.meetings.get().request.proposed_by_organiser  # one table: theirs


def test_someone_not_registered_is_refused_by_the_service_on_the_page_and_the_api(
    client, event, people
):
    """Who may ask for a meeting is the service's rule (meeting_request_send): the page and the
    API both answer with its refusal, and nothing is sent."""
    _a, b, _c = people
    outsider = participant(OrganizationFactory(name="鹤壁未报名有限公司"), "outsider")
    with pytest.raises(PermissionDenied, match="请先报名"):
        services.meeting_request_send(event=event, user=outsider, recipient_id=b.pk)

    client.force_login(outsider)
    page = client.post(f"/events/{event.pk}/requests/", {"recipient": b.pk, "message": "面谈"})
    assert page.status_code == 403
    api = client.post(
        "/api/v1/meeting-requests/",
        {"event": event.pk, "recipient": b.pk, "message": "面谈"},
        content_type="application/json",
    )
    assert api.status_code == 403
    assert "请先报名" in api.json()["detail"]
    assert not MeetingRequest.objects.exists()

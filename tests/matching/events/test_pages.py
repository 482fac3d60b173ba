"""The event pages as people use them: the listing, registering, requests, the organiser's
desk, agendas and the .ics download."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from matching.events import services
from matching.events.models import Event, Registration
from tests.factories import PASSWORD
from tests.matching.events.conftest import event_data, make_event, register


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_listing_shows_upcoming_and_past_events_and_says_when_there_are_none(client, broker):
    response = client.get(reverse("events:list"))
    assert response.status_code == 200
    assert "暂无即将举行的活动" in response.content.decode()
    upcoming = make_event(broker)
    yesterday = datetime.date.today() - datetime.timedelta(days=30)
    past = Event.objects.create(
        **{
            **event_data(date=yesterday),
            "registration_deadline": upcoming.registration_deadline - datetime.timedelta(days=50),
            "requests_close_at": upcoming.registration_deadline - datetime.timedelta(days=50),
            "title": "天津大学新材料成果对接会",
            "status": Event.Status.PUBLISHED,
        }
    )
    draft = services.event_create(user=broker, data=event_data(title="未发布的草稿活动"))
    page = client.get(reverse("events:list")).content.decode()
    assert upcoming.title in page and past.title not in page and draft.title not in page
    assert past.title in client.get(reverse("events:list") + "?show=past").content.decode()
    assert client.get(reverse("events:detail", args=[draft.pk])).status_code == 404


def test_the_nav_links_to_the_events(client, db):
    assert 'href="/events/"' in client.get(reverse("events:list")).content.decode()


def test_a_broker_creates_and_publishes_an_event_from_the_site(client, broker):
    login(client, broker)
    data = event_data()
    form = {
        **{k: v for k, v in data.items() if k != "break_slots"},
        "break_slots": "4",
        "registration_deadline": data["registration_deadline"].strftime("%Y-%m-%dT%H:%M"),
        "requests_close_at": data["requests_close_at"].strftime("%Y-%m-%dT%H:%M"),
        "publish": "1",
    }
    response = client.post(reverse("events:create"), form)
    event = Event.objects.get()
    assert response.status_code == 302
    assert event.status == Event.Status.PUBLISHED and event.break_slots == [4]


def test_the_edit_form_shows_the_event_s_dates_and_saves_them_unchanged(client, broker, event):
    """The date and date-time inputs get the ISO values browsers read (a localised 2026/12/10
    shows as blank and the next save fails); saving the form as shown keeps every date."""
    login(client, broker)
    html = client.get(reverse("events:edit", args=[event.pk])).content.decode()
    local = timezone.localtime(event.registration_deadline)
    assert f'value="{event.date.isoformat()}"' in html
    assert f'value="{local.strftime("%Y-%m-%dT%H:%M")}"' in html
    form = {
        **{k: v for k, v in event_data().items() if k != "break_slots"},
        "break_slots": "4",
        "date": event.date.isoformat(),
        "registration_deadline": local.strftime("%Y-%m-%dT%H:%M"),
        "requests_close_at": timezone.localtime(event.requests_close_at).strftime("%Y-%m-%dT%H:%M"),
    }
    assert client.post(reverse("events:edit", args=[event.pk]), form).status_code == 302
    event.refresh_from_db()
    assert event.date == event_data()["date"]


def test_members_cannot_create_events(client, member_a):
    login(client, member_a)
    assert client.get(reverse("events:create")).status_code == 403


def test_an_invalid_event_shows_the_errors_in_chinese(client, broker):
    login(client, broker)
    response = client.post(reverse("events:create"), {"title": "缺信息的活动"})
    assert response.status_code == 400
    assert "必需字段" in response.content.decode()


def test_a_member_registers_sees_who_comes_and_asks_for_a_meeting(
    client, event, member_a, member_b
):
    other = register(event, member_b, wants_to_meet="镁合金企业")
    login(client, member_a)
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "报名参加" in page and "镁合金企业" not in page  # who comes: after registering
    organization = member_a.memberships.get().organization
    response = client.post(
        reverse("events:register", args=[event.pk]),
        {"organization": organization.pk, "wants_to_meet": "高校团队"},
    )
    assert response.status_code == 302
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "镁合金企业" in page
    client.post(
        reverse("events:request", args=[event.pk]),
        {"recipient": other.pk, "message": "想请教压铸工艺"},
    )
    assert other.received.get().message == "想请教压铸工艺"


def test_registering_after_the_deadline_says_so(client, broker, member_a):
    event = make_event(broker)
    Event.objects.filter(pk=event.pk).update(
        registration_deadline=event.registration_deadline - datetime.timedelta(days=30),
        requests_close_at=event.requests_close_at - datetime.timedelta(days=30),
    )
    login(client, member_a)
    organization = member_a.memberships.get().organization
    response = client.post(
        reverse("events:register", args=[event.pk]), {"organization": organization.pk}
    )
    assert response.status_code == 400
    assert "报名已截止" in response.content.decode()
    assert not Registration.objects.exists()


@pytest.fixture
def scheduled(event, broker, member_a, member_b):
    a, b = register(event, member_a), register(event, member_b)
    request = services.meeting_request_create(sender=a, recipient=b, user=member_a, message="面谈")
    services.meeting_request_answer(request=request, user=member_b, accept=True)
    services.event_schedule_meetings(event=event, user=broker)
    services.event_schedule_publish(event=event, user=broker)
    return event


def test_the_recipient_answers_on_the_event_page(client, event, member_a, member_b):
    a, b = register(event, member_a), register(event, member_b)
    request = services.meeting_request_create(sender=a, recipient=b, user=member_a)
    login(client, member_b)
    client.post(reverse("events:answer", args=[request.pk]), {"answer": "accept"})
    request.refresh_from_db()
    assert request.status == "accepted"


def test_the_organiser_runs_the_schedule_and_sees_the_grid(
    client, event, broker, member_a, member_b
):
    a, b = register(event, member_a), register(event, member_b)
    request = services.meeting_request_create(sender=a, recipient=b, user=member_a)
    services.meeting_request_answer(request=request, user=member_b, accept=True)
    login(client, broker)
    response = client.post(reverse("events:schedule", args=[event.pk]), follow=True)
    page = response.content.decode()
    assert "已安排 1 场洽谈" in page
    assert a.organization.name in page and 'id="grid"' in page
    client.post(reverse("events:schedule_publish", args=[event.pk]))
    event.refresh_from_db()
    assert event.is_schedule_published


def test_both_see_the_meeting_on_their_agenda_and_in_the_ics(client, scheduled, member_a, member_b):
    meeting = scheduled.meetings.get()
    login(client, member_b)
    page = client.get(reverse("events:agenda", args=[scheduled.pk])).content.decode()
    assert "member_a" in page and "14:00–14:20" in page
    response = client.get(reverse("events:agenda_ics", args=[scheduled.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    items = list(calendar.walk("VEVENT"))
    assert len(items) == 2
    meeting_item = items[1]
    assert "member_a" in str(meeting_item["SUMMARY"])
    start = meeting_item.decoded("DTSTART")
    assert start == scheduled.slot_start(meeting.slot)


def test_the_agenda_is_only_for_confirmed_participants(client, scheduled, member_c):
    login(client, member_c)
    assert client.get(reverse("events:agenda", args=[scheduled.pk])).status_code == 404
    assert client.get(reverse("events:agenda_ics", args=[scheduled.pk])).status_code == 404


def test_check_in_and_results_on_the_desk(client, scheduled, broker):
    login(client, broker)
    registration = scheduled.registrations.first()
    response = client.post(
        reverse("events:check_in", args=[scheduled.pk, registration.pk]), follow=True
    )
    assert "签到从活动当天开始" in response.content.decode()


def test_after_the_event_the_organiser_records_results_on_the_desk(
    client, broker, member_a, uni_a, section_a
):
    from accounts.roles import Role
    from matching.models import Match
    from tests.factories import make_need, make_outcome
    from tests.matching.events.conftest import participant
    from tests.matching.events.test_held import past_event

    event = past_event(
        broker,
        datetime.date.today() - datetime.timedelta(days=2),
        attended=False,
        title="已结束的对接会",
    )
    firm = member_a.memberships.get().organization
    need = make_need(firm, member_a, status="published", broker=broker)
    outcome = make_outcome(section_a)
    editor = participant(uni_a, "uni_editor", Role.UNIVERSITY_EDITOR)
    long_ago = event.registration_deadline
    a = register(event, member_a, need=need, now=long_ago)
    b = register(event, editor, outcome=outcome, now=long_ago)
    request = services.meeting_request_create(sender=a, recipient=b, user=member_a, now=long_ago)
    services.meeting_request_answer(request=request, user=editor, accept=True, now=long_ago)
    services.event_schedule_meetings(event=event, user=broker)
    login(client, broker)
    page = client.get(reverse("events:manage", args=[event.pk])).content.decode()
    assert "继续跟进" in page and "签到" in page
    client.post(reverse("events:check_in", args=[event.pk, a.pk]))
    meeting = event.meetings.get()
    response = client.post(
        reverse("events:result", args=[meeting.pk]),
        {"outcome": "follow_up", "note": "下周到实验室考察"},
        follow=True,
    )
    assert "洽谈结果已记录" in response.content.decode()
    assert Match.objects.get(need=need, outcome=outcome).status == Match.Status.MEETING
    a.refresh_from_db()
    assert a.checked_in_at is not None


def test_an_id_too_large_for_the_database_is_a_plain_404(client, db):
    assert client.get("/events/99999999999999999999999/").status_code == 404


def test_a_cancelled_event_is_listed_as_such_and_takes_no_registrations(
    client, event, broker, member_a
):
    login(client, broker)
    client.post(reverse("events:cancel_event", args=[event.pk]))
    client.logout()
    assert "已取消" in client.get(reverse("events:list")).content.decode()
    login(client, member_a)
    organization = member_a.memberships.get().organization
    response = client.post(
        reverse("events:register", args=[event.pk]), {"organization": organization.pk}
    )
    assert "未开放报名" in response.content.decode()


def test_the_listing_runs_the_same_queries_for_many_events(client, broker):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_event(broker)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("events:list"))
    for n in range(6):
        make_event(broker, title=f"第{n}场对接会")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("events:list"))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_who_comes_shows_each_organizations_published_outcomes_and_needs(
    client, event, broker, member_a, uni_a, section_a
):
    from accounts.roles import Role
    from tests.factories import make_need, make_outcome
    from tests.matching.events.conftest import participant

    firm = member_a.memberships.get().organization
    make_need(firm, member_a, status="published", broker=broker, title="镁合金压铸件气孔缺陷控制")
    make_need(
        firm,
        member_a,
        status="published",
        broker=broker,
        title="保密的需求",
        confidentiality="brokers",
    )
    make_outcome(section_a, title="镁合金精深加工技术")
    register(event, participant(uni_a, "uni_editor", Role.UNIVERSITY_EDITOR))
    register(event, member_a)
    login(client, member_a)
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "镁合金精深加工技术" in page and "镁合金压铸件气孔缺陷控制" in page
    assert "保密的需求" not in page


def test_the_organiser_checks_in_with_the_code_on_the_agenda(client, scheduled, broker, member_b):
    login(client, member_b)
    agenda = client.get(reverse("events:agenda", args=[scheduled.pk])).content.decode()
    registration = scheduled.registrations.get(user=member_b)
    code = registration.check_in_code
    assert code in agenda and len(code) == 6
    Event.objects.filter(pk=scheduled.pk).update(date=datetime.date.today())
    login(client, broker)
    wrong = client.post(
        reverse("events:check_in_code", args=[scheduled.pk]), {"code": "000000"}, follow=True
    )
    assert "没有持此签到码" in wrong.content.decode()
    done = client.post(
        reverse("events:check_in_code", args=[scheduled.pk]), {"code": code.lower()}, follow=True
    )
    assert "已签到" in done.content.decode()
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


def test_a_member_of_an_unverified_enterprise_is_told_why_there_is_no_form(client, event):
    from tests.factories import OrganizationFactory
    from tests.matching.events.conftest import participant

    fresh = participant(OrganizationFactory(verified=False, slug="fresh"), "fresh_user")
    login(client, fresh)
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "经管理员核验后即可报名" in page and 'id="register-heading"' not in page

"""The matchmaking event walk-through in a real browser: a broker creates the event; an
enterprise and a university register and exchange a meeting request; the schedule is
published and both find the meeting on their agenda and in the .ics; after the event the broker
checks them in and records a follow-up, the match moves to meeting and the dashboard counts the
event in its quarter."""

import datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from matching.events.models import Event
from matching.models import Match
from tests.browser.test_need_flow_in_browser import log_in
from tests.factories import make_need, make_outcome
from tests.matching.events.conftest import participant


def messages(page) -> str:
    """The flash messages of the page the last click led to (waits for them)."""
    return page.locator(".messages").inner_text()


pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_from_event_to_dashboard(page, live_server, section_a, uni_a, firm_a, member_a, broker):
    base = live_server.url
    need = make_need(firm_a, member_a, status="published", broker=broker)
    outcome = make_outcome(section_a)
    teacher = participant(uni_a, "teacher", Role.UNIVERSITY_EDITOR)
    day = timezone.localdate() + datetime.timedelta(days=10)

    # The broker creates and publishes the event from the site.
    log_in(page, base, broker)
    page.goto(f"{base}/events/new/")
    page.fill("#id_title", "镁合金成果对接会")
    page.fill("#id_date", day.isoformat())
    page.fill("#id_starts_at", "09:00")
    page.fill("#id_ends_at", "17:00")
    page.fill("#id_venue", "鹤壁市科技大市场路演厅")
    page.fill("#id_capacity", "30")
    page.fill("#id_registration_deadline", f"{day - datetime.timedelta(days=3)}T18:00")
    page.fill("#id_requests_close_at", f"{day - datetime.timedelta(days=1)}T18:00")
    page.fill("#id_meetings_start", "14:00")
    page.fill("#id_slot_minutes", "20")
    page.fill("#id_slot_count", "6")
    page.fill("#id_break_slots", "3")
    page.fill("#id_tables", "5")
    page.click("button[name=publish]")
    assert "活动管理" in page.locator("h1").inner_text()
    event = Event.objects.get()
    assert event.status == Event.Status.PUBLISHED

    # The enterprise registers, bringing its need, from the listing.
    page.context.clear_cookies()
    log_in(page, base, member_a)
    page.goto(f"{base}/events/")
    page.click("text=镁合金成果对接会")
    page.select_option("#id_need", str(need.pk))
    page.fill("#id_wants_to_meet", "镁合金方向的高校团队")
    page.click("main form button:has-text('报名参加')")
    assert "报名成功" in messages(page)

    # The university registers with its outcome and asks the enterprise for a meeting.
    page.context.clear_cookies()
    log_in(page, base, teacher)
    page.goto(f"{base}/events/{event.pk}/")
    page.select_option("#id_outcome", str(outcome.pk))
    page.click("main form button:has-text('报名参加')")
    row = page.locator("tr", has_text=firm_a.name)
    row.locator("input[name=message]").fill("可以介绍中试线的情况")
    row.locator("button:has-text('请求约见')").click()
    assert "约见请求已发送" in messages(page)

    # The enterprise accepts.
    page.context.clear_cookies()
    log_in(page, base, member_a)
    page.goto(f"{base}/events/{event.pk}/")
    page.click("button:has-text('接受')")
    assert "您已接受约见" in messages(page)

    # The broker schedules and publishes.
    page.context.clear_cookies()
    log_in(page, base, broker)
    page.goto(f"{base}/events/{event.pk}/manage/")
    page.click("button:has-text('安排洽谈')")
    assert "已安排 1 场洽谈" in messages(page)
    page.click("button:has-text('发布日程')")
    assert "日程已发布" in messages(page)

    # Both see the meeting on their agenda, with the calendar file.
    for user, other in ((member_a, "teacher"), (teacher, "member_a")):
        page.context.clear_cookies()
        log_in(page, base, user)
        page.goto(f"{base}/events/{event.pk}/agenda/")
        assert other in page.locator("#agenda").inner_text()
        assert "14:00–14:20" in page.locator("#agenda").inner_text()
        ics = page.request.get(f"{base}/events/{event.pk}/agenda.ics")
        assert ics.ok and b"BEGIN:VEVENT" in ics.body() and other.encode() in ics.body()

    # The event took place last month: the broker checks people in and records the result.
    held_on = timezone.localdate().replace(day=1) - datetime.timedelta(days=10)
    Event.objects.filter(pk=event.pk).update(date=held_on)
    page.context.clear_cookies()
    log_in(page, base, broker)
    page.goto(f"{base}/events/{event.pk}/manage/")
    page.locator("#registrations button:has-text('签到')").first.click()
    page.select_option("#meetings select[name=outcome]", label="继续跟进")
    page.fill("#meetings input[name=note]", "两周内到实验室考察")
    page.click("#meetings button:has-text('记录')")
    assert "洽谈结果已记录" in messages(page)
    assert Match.objects.get(need=need, outcome=outcome).status == Match.Status.MEETING

    # The targets count it in its quarter.
    response = page.request.get(f"{base}/api/v1/targets/{held_on.year}/").json()
    quarter = (held_on.month - 1) // 3
    assert response["events_by_quarter"][quarter]["held"] == 1

"""Held events count toward their quarter on the dashboard and in the targets API."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from matching.events import services
from tests.factories import OrganizationFactory
from tests.matching.events.conftest import event_data, participant, register


def past_event(broker, day: datetime.date, *, attended: bool, title: str):
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    event = services.event_create(
        user=broker,
        data=event_data(
            date=day,
            title=title,
            registration_deadline=start - datetime.timedelta(days=3),
            requests_close_at=start - datetime.timedelta(days=1),
        ),
        publish=True,
    )
    user = participant(OrganizationFactory(), f"p{event.pk}")
    registration = register(event, user, now=start - datetime.timedelta(days=5))
    if attended:
        services.registration_check_in(registration=registration, user=broker, now=start)
    return event


@pytest.fixture
def year():
    return timezone.localdate().year - 1


def test_an_event_counts_in_its_quarter_once_attendance_is_recorded(client, broker, year):
    past_event(broker, datetime.date(year, 5, 12), attended=True, title="浙江大学成果对接会")
    past_event(broker, datetime.date(year, 6, 2), attended=True, title="天津大学新材料专场")
    past_event(broker, datetime.date(year, 8, 20), attended=False, title="无人签到的活动")
    data = client.get(f"/api/v1/targets/{year}/").json()
    assert [row["held"] for row in data["events_by_quarter"]] == [0, 2, 0, 0]


def test_the_dashboard_lists_the_held_events(client, broker, year):
    from accounts.services import membership_grant
    from tests.factories import UserFactory

    past_event(broker, datetime.date(year, 2, 10), attended=True, title="北航光电子专场对接会")
    office = OrganizationFactory(kind="government", name="鹤壁市科技局", slug="bureau")
    registrar = UserFactory(username="registrar")
    membership_grant(user=registrar, organization=office, role=Role.REGISTRAR)
    client.force_login(registrar)
    page = client.get(reverse("dashboard") + f"?year={year}").content.decode()
    assert "北航光电子专场对接会" in page
    assert "对接活动模块上线后开始统计" not in page

"""An event the demo broker runs, and confirmed participants from two enterprises and a
university."""

import datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from accounts.services import membership_grant
from matching.events import services
from tests.factories import OrganizationFactory, UserFactory


def event_data(**overrides) -> dict:
    """A valid event ten days ahead: 8 slots of 20 minutes from 14:00, 4 tables."""
    day = timezone.localdate() + datetime.timedelta(days=10)
    noon = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))
    data = {
        "title": "镁精深加工产学研对接会",
        "theme": "镁合金材料与压铸工艺",
        "date": day,
        "starts_at": datetime.time(9, 0),
        "ends_at": datetime.time(17, 0),
        "venue": "鹤壁市科技大市场一楼路演厅",
        "capacity": 50,
        "registration_deadline": noon - datetime.timedelta(days=3),
        "requests_close_at": noon - datetime.timedelta(days=1),
        "meetings_start": datetime.time(14, 0),
        "slot_minutes": 20,
        "slot_count": 8,
        "break_slots": [4],
        "tables": 4,
    }
    data.update(overrides)
    return data


def make_event(broker, **overrides):
    return services.event_create(user=broker, data=event_data(**overrides), publish=True)


def participant(organization, username, role=Role.ENTERPRISE_MEMBER):
    user = UserFactory(username=username)
    membership_grant(user=user, organization=organization, role=role)
    return user


@pytest.fixture
def event(broker):
    return make_event(broker)


@pytest.fixture
def firm_c(db):
    return OrganizationFactory(name="鹤壁国立光电科技有限公司", slug="firm-c")


@pytest.fixture
def member_c(firm_c):
    return participant(firm_c, "member_c")


def register(event, user, **extra):
    from accounts.permissions import organizations_of

    return services.registration_create(
        event=event, user=user, organization=organizations_of(user).first(), **extra
    )

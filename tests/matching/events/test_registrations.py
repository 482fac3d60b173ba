"""Events and registrations: brokers create, members register, capacity and deadline hold."""

import datetime
import threading

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from matching.events import services
from matching.events.models import Event, Registration
from tests.factories import OrganizationFactory
from tests.matching.events.conftest import event_data, make_event, participant, register


def test_only_brokers_create_events(member_a):
    with pytest.raises(PermissionDenied):
        services.event_create(user=member_a, data=event_data())


def test_an_event_needs_a_venue_or_a_link_and_slots_inside_its_hours(broker):
    with pytest.raises(ValidationError) as error:
        services.event_create(user=broker, data=event_data(venue="", online_url=""))
    assert "venue" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.event_create(user=broker, data=event_data(slot_count=30))
    assert "slot_count" in error.value.message_dict


def test_a_member_registers_and_is_confirmed_at_once(event, member_a):
    registration = register(event, member_a, wants_to_meet="镁合金压铸方向的高校团队")
    assert registration.status == Registration.Status.APPROVED
    with pytest.raises(ValidationError, match="已经报名了"):
        register(event, member_a)


def test_registration_closes_at_the_deadline(event, member_a):
    late = event.registration_deadline + datetime.timedelta(minutes=1)
    with pytest.raises(ValidationError, match="报名已截止"):
        register(event, member_a, now=late)


def test_a_full_event_refuses_more_registrations(broker, member_a, member_b):
    event = make_event(broker, capacity=1)
    register(event, member_a)
    with pytest.raises(ValidationError, match="名额已满"):
        register(event, member_b)


def test_a_cancelled_registration_frees_its_place(broker, member_a, member_b):
    event = make_event(broker, capacity=1)
    services.registration_cancel(registration=register(event, member_a), user=member_a)
    assert register(event, member_b).status == Registration.Status.APPROVED


def test_the_organiser_approves_when_the_event_asks(broker, member_a, member_b):
    event = make_event(broker, approval_required=True)
    first, second = register(event, member_a), register(event, member_b)
    assert first.status == Registration.Status.PENDING
    with pytest.raises(PermissionDenied):
        services.registration_decide(registration=first, user=member_b, approve=True)
    approved = services.registration_decide(registration=first, user=broker, approve=True)
    declined = services.registration_decide(registration=second, user=broker, approve=False)
    assert (approved.status, declined.status) == ("approved", "declined")


def test_drafts_take_no_registrations(broker, member_a):
    draft = services.event_create(user=broker, data=event_data())
    assert draft.status == Event.Status.DRAFT
    with pytest.raises(ValidationError, match="未开放报名"):
        register(draft, member_a)


def test_capacity_cannot_drop_below_the_registered(broker, member_a, member_b):
    event = make_event(broker, capacity=5)
    register(event, member_a)
    register(event, member_b)
    with pytest.raises(ValidationError) as error:
        services.event_update(event=event, user=broker, data={"capacity": 1})
    assert "capacity" in error.value.message_dict


def test_a_need_brought_must_be_the_organizations_own(event, member_a, firm_b, member_b, broker):
    from tests.factories import make_need

    need = make_need(firm_b, member_b, status="published", broker=broker)
    with pytest.raises(ValidationError) as error:
        register(event, member_a, need=need)
    assert "need" in error.value.message_dict
    assert register(event, member_b, need=need).need == need


@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="row locks need PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_exceed_capacity(broker):
    event = make_event(broker, capacity=3)
    users = [
        participant(OrganizationFactory(name=f"并发企业{n}", slug=f"conc-{n}"), f"conc{n}")
        for n in range(8)
    ]
    barrier = threading.Barrier(len(users))
    outcomes = []

    def attempt(user):
        try:
            barrier.wait(10)
            register(event, user)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert outcomes.count("ok") == 3
    assert event.registrations.count() == 3


def test_check_in_opens_on_the_day(event, broker, member_a):
    registration = register(event, member_a)
    with pytest.raises(ValidationError, match="当天"):
        services.registration_check_in(registration=registration, user=broker)
    on_the_day = event.start + datetime.timedelta(hours=1)
    checked = services.registration_check_in(registration=registration, user=broker, now=on_the_day)
    assert checked.checked_in_at == on_the_day
    assert timezone.localdate(checked.checked_in_at) == event.date


def test_a_need_for_brokers_only_is_not_brought_to_other_participants(event, member_b, broker):
    from tests.factories import make_need

    firm = member_b.memberships.get().organization
    secret = make_need(firm, member_b, status="published", broker=broker, confidentiality="brokers")
    with pytest.raises(ValidationError, match="仅经纪人可见"):
        register(event, member_b, need=secret)


def test_an_organization_waiting_for_verification_cannot_register_yet(event):
    from accounts.permissions import organizations_of

    fresh = participant(OrganizationFactory(verified=False, slug="fresh"), "fresh_user")
    with pytest.raises(PermissionDenied, match="核验"):
        services.registration_create(
            event=event, user=fresh, organization=organizations_of(fresh).get()
        )

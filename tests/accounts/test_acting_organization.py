"""One rule for which organization a user acts for in something new (needs, contracts and
vouchers all use it, each with its own words)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Organization
from accounts.services import organization_acting_for
from tests.factories import OrganizationFactory

SEVERAL = ValidationError({"organization": "choose"})
NOT_YOURS = ValidationError({"organization": "not yours"})
NOBODY = PermissionDenied("nobody")


def acting(allowed, chosen=None):
    return organization_acting_for(
        allowed, chosen, several=SEVERAL, not_yours=NOT_YOURS, nobody=NOBODY
    )


@pytest.fixture
def firms(db):
    return [OrganizationFactory(name=f"鹤壁{n}有限公司", slug=f"firm-{n}") for n in "甲乙丙"]


def test_the_only_one_is_taken_and_a_chosen_one_kept(firms):
    one = Organization.objects.filter(pk=firms[0].pk)
    assert acting(one) == firms[0]
    two = Organization.objects.filter(pk__in=[firms[0].pk, firms[1].pk])
    assert acting(two, firms[1]) == firms[1]


def test_several_and_none_chosen_asks_to_choose(firms):
    two = Organization.objects.filter(pk__in=[firms[0].pk, firms[1].pk])
    with pytest.raises(ValidationError) as raised:
        acting(two)
    assert raised.value is SEVERAL


def test_one_not_allowed_is_refused_and_nobody_is_forbidden(firms):
    two = Organization.objects.filter(pk__in=[firms[0].pk, firms[1].pk])
    with pytest.raises(ValidationError) as raised:
        acting(two, firms[2])
    assert raised.value is NOT_YOURS
    none = Organization.objects.none()
    for chosen in (None, firms[0]):
        with pytest.raises(PermissionDenied) as raised:
            acting(none, chosen)
        assert raised.value is NOBODY

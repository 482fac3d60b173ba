"""Roles belong to the right kinds of organization; administrators verify enterprises."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Organization
from accounts.permissions import has_role, is_administrator
from accounts.roles import Role
from accounts.services import membership_grant, membership_revoke
from tests.factories import InstitutionFactory, OrganizationFactory, UserFactory


def test_a_role_is_refused_at_the_wrong_kind_of_organization(db):
    enterprise = OrganizationFactory()
    with pytest.raises(ValidationError) as error:
        membership_grant(user=UserFactory(), organization=enterprise, role=Role.UNIVERSITY_EDITOR)
    assert "role" in error.value.message_dict


def test_granting_a_role_adds_its_group_and_revoking_removes_it(db):
    university = InstitutionFactory()
    user = UserFactory()
    membership = membership_grant(user=user, organization=university, role=Role.UNIVERSITY_EDITOR)
    assert has_role(user, Role.UNIVERSITY_EDITOR)
    assert user.groups.filter(role_group__organization=university).exists()
    membership_revoke(membership=membership)
    user.refresh_from_db()
    assert not user.groups.exists()


@pytest.fixture
def administrator(db):
    office = OrganizationFactory(kind="government", name="鹤壁市科学技术局")
    user = UserFactory(username="admin_user")
    membership_grant(user=user, organization=office, role=Role.ADMINISTRATOR)
    return user


def test_administrator_verifies_an_enterprise_in_the_workbench(client, site, administrator):
    enterprise = OrganizationFactory(name="鹤壁新拓洋生物有限公司", verified=False)
    assert is_administrator(administrator)
    client.force_login(administrator)
    url = reverse("organizations:edit", args=(enterprise.pk,))
    form = client.get(url)
    assert form.status_code == 200
    data = {
        "kind": "enterprise",
        "name": enterprise.name,
        "short_name": "",
        "slug": enterprise.slug,
        "credit_code": enterprise.credit_code,
        "district": "",
        "industry": "",
        "address": "",
        "website": "",
        "description": "",
        "verified": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    enterprise.refresh_from_db()
    assert enterprise.verified
    assert enterprise.verified_by == administrator
    assert enterprise.verified_at is not None


def test_enterprise_member_cannot_open_the_workbench(client, enterprise_user):
    client.force_login(enterprise_user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert Organization.objects.filter(verified=True).exists()

"""Who may do what with vouchers and subsidies, through the real pages and API: every kind of
person against an application, an issued voucher, its claim and a subsidy, asserting the status
each would see and that a refused write changed nothing.

People: anonymous; the enterprise's member (the owner); another enterprise's member; the
provider's member; a member of another, unlisted institution; a registrar; a broker; a science
bureau reviewer; an administrator; and a bureau reviewer who also belongs to the enterprise
(who must not decide its case). Each case builds its world anew.
"""

import pytest
from django.urls import reverse

from accounts.roles import OrganizationKind, Role
from accounts.services import membership_grant
from market.funding.models import Subsidy, Voucher
from tests.factories import PASSWORD, InstitutionFactory, OrganizationFactory
from tests.funding.conftest import funding_cases, member

PEOPLE = (
    "anonymous",
    "owner",
    "other_firm",
    "provider",
    "other_institution",
    "registrar",
    "broker",
    "bureau",
    "admin",
    "bureau_and_owner",
)


@pytest.fixture
def world(
    scheme,
    firm,
    firm_member,
    other_firm_member,
    institution,
    provider,
    provider_member,
    registrar,
    bureau,
    office,
):
    agency = OrganizationFactory(
        kind=OrganizationKind.SERVICE_AGENCY, name="鹤壁市技术转移中心", slug="agency"
    )
    people = {
        "anonymous": None,
        "owner": firm_member,
        "other_firm": other_firm_member,
        "provider": provider_member,
        "other_institution": member(
            InstitutionFactory(name="天津大学", slug="tju"), Role.UNIVERSITY_EDITOR, "tju"
        ),
        "registrar": registrar,
        "broker": member(agency, Role.BROKER, "broker"),
        "bureau": bureau,
        "admin": member(office, Role.ADMINISTRATOR, "admin"),
        "bureau_and_owner": member(office, Role.BUREAU_REVIEWER, "bureau_owner"),
    }
    membership_grant(
        user=people["bureau_and_owner"], organization=firm, role=Role.ENTERPRISE_MEMBER
    )

    cases = funding_cases(
        firm=firm,
        firm_member=firm_member,
        provider=provider,
        provider_member=provider_member,
        institution=institution,
        registrar=registrar,
        bureau=bureau,
    )
    return {"people": people, **cases}


def as_person(client, world, who):
    user = world["people"][who]
    if user is not None:
        assert client.login(username=user.username, password=PASSWORD)
    return user


SEE = {"owner", "provider", "bureau", "admin", "bureau_and_owner"}
SEE_SUBSIDY = {"owner", "bureau", "admin", "bureau_and_owner"}
DECIDE = {"bureau", "admin"}


def _expected_view(who, allowed):
    if who == "anonymous":
        return 302
    return 200 if who in allowed else 404


@pytest.mark.django_db
@pytest.mark.parametrize("who", PEOPLE)
def test_voucher_page_and_api_show_it_to_the_right_people(client, world, who):
    as_person(client, world, who)
    pk = world["applied"].pk
    assert client.get(reverse("vouchers:detail", args=[pk])).status_code == _expected_view(who, SEE)
    api = client.get(f"/api/v1/vouchers/{pk}/")
    if who == "anonymous":
        assert api.status_code in (401, 403)
    else:
        assert api.status_code == (200 if who in SEE else 404)
    listed = client.get("/api/v1/vouchers/")
    if who != "anonymous":
        assert listed.json()["count"] == (2 if who in SEE else 0)


@pytest.mark.django_db
@pytest.mark.parametrize("who", PEOPLE)
def test_only_the_bureau_issues_and_not_for_its_own_enterprise(client, world, who):
    as_person(client, world, who)
    voucher = world["applied"]
    response = client.post(
        f"/api/v1/vouchers/{voucher.pk}/approve/",
        {"face_value": "10000"},
        content_type="application/json",
    )
    voucher.refresh_from_db()
    if who in DECIDE:
        assert response.status_code == 200 and voucher.status == Voucher.Status.ISSUED
        return
    expected = {"anonymous": (401, 403)}.get(who, (403,) if who in SEE else (404,))
    assert response.status_code in expected
    assert voucher.status == Voucher.Status.APPLIED and voucher.number is None


@pytest.mark.django_db
@pytest.mark.parametrize("who", PEOPLE)
def test_only_the_provider_opens_the_claim_form(client, world, who):
    as_person(client, world, who)
    status = client.get(reverse("vouchers:claim_create", args=[world["issued"].pk])).status_code
    if who == "anonymous":
        assert status == 302
    elif who == "provider":
        assert status == 200
    else:
        assert status == (403 if who in SEE else 404)


@pytest.mark.django_db
@pytest.mark.parametrize("who", PEOPLE)
def test_only_the_bureau_approves_a_claim(client, world, who):
    as_person(client, world, who)
    claim = world["claim"]
    response = client.post(reverse("vouchers:claim_approve", args=[claim.pk]), {"amount": ""})
    claim.refresh_from_db()
    if who in DECIDE:
        assert response.status_code == 302 and claim.status == "approved"
        return
    assert claim.status == "submitted"
    assert response.status_code == {"anonymous": 302}.get(who, 200 if who in SEE else 404)


@pytest.mark.django_db
@pytest.mark.parametrize("who", PEOPLE)
def test_payment_lists_are_the_bureau_s(client, world, who):
    as_person(client, world, who)
    for name in ("vouchers:payments", "vouchers:payments_xlsx", "subsidies:payments"):
        status = client.get(reverse(name)).status_code
        if who == "anonymous":
            assert status == 302
        else:
            assert status == (200 if who in {"bureau", "admin", "bureau_and_owner"} else 403)


@pytest.mark.django_db
@pytest.mark.parametrize("who", PEOPLE)
def test_subsidies_are_seen_by_the_enterprise_and_decided_by_the_bureau(client, world, who):
    as_person(client, world, who)
    subsidy = world["subsidy"]
    page = client.get(reverse("subsidies:detail", args=[subsidy.pk])).status_code
    assert page == _expected_view(who, SEE_SUBSIDY)
    response = client.post(
        f"/api/v1/subsidies/{subsidy.pk}/approve/", {}, content_type="application/json"
    )
    subsidy.refresh_from_db()
    if who in DECIDE:
        assert response.status_code == 200 and subsidy.status == Subsidy.Status.APPROVED
        return
    expected = {"anonymous": (401, 403)}.get(who, (403,) if who in SEE_SUBSIDY else (404,))
    assert response.status_code in expected
    assert subsidy.status == Subsidy.Status.SUBMITTED

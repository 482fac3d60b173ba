"""The services are the gate for vouchers and subsidies too: the API and the pages ask them and
answer with their status and their sentence (in the site's language).

For every write of /api/v1/vouchers/ and /api/v1/subsidies/, the person who may not act gets a
403 and why, the one who may, at the wrong moment, a 400 with the object's state; nothing
changes. The application pages refuse a person with no enterprise the same way. And which
enterprise a voucher application belongs to is decided once, for the page and the API alike.
"""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from accounts.roles import Role
from accounts.services import membership_grant
from market.funding import services as svc
from market.funding.models import Claim, Subsidy, Voucher
from tests.funding.conftest import funding_cases, member, register_contract, voucher_application

pytestmark = pytest.mark.django_db

VOUCHERS = "/api/v1/vouchers/"
SUBSIDIES = "/api/v1/subsidies/"


def said(message: str, **values) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(message) % values if values else gettext(message)


def wrong_state(obj) -> str:
    obj.refresh_from_db()
    with translation.override(settings.LANGUAGE_CODE):
        status = obj.get_status_display()
    return said("This is “%(status)s”; that step is not possible now.", status=status)


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


@pytest.fixture
def world(scheme, firm, firm_member, provider, provider_member, institution, registrar, bureau):
    return funding_cases(
        firm=firm,
        firm_member=firm_member,
        provider=provider,
        provider_member=provider_member,
        institution=institution,
        registrar=registrar,
        bureau=bureau,
    )


# --- applying: who has no enterprise, or names another's -----------------------------------------


def test_applying_for_a_voucher_without_an_enterprise_is_forbidden(
    client, scheme, provider, provider_member
):
    client.force_login(provider_member)
    body = {"provider": provider.pk, "category": "testing", "purpose": "检测", "estimate": "5000"}
    response = post(client, VOUCHERS, body)
    assert response.status_code == 403
    assert response.json()["detail"] == said("Only members of an enterprise apply for vouchers.")
    page = client.get(reverse("vouchers:apply"))
    assert page.status_code == 403
    assert said("Only members of an enterprise apply for vouchers.") in page.content.decode()
    assert client.post(reverse("vouchers:apply"), body).status_code == 403
    assert not Voucher.objects.exists()


def test_applying_for_another_enterprises_voucher_is_forbidden(
    client, scheme, firm, other_firm_member, provider
):
    client.force_login(other_firm_member)
    response = post(
        client,
        VOUCHERS,
        {
            "enterprise": firm.pk,
            "provider": provider.pk,
            "category": "testing",
            "purpose": "检测",
            "estimate": "5000",
        },
    )
    assert response.status_code == 403
    assert response.json()["detail"] == said(
        "Only members of the enterprise apply for its vouchers."
    )
    assert not Voucher.objects.exists()


def test_applying_for_a_subsidy_without_an_enterprise_is_forbidden(client, world, provider_member):
    client.force_login(provider_member)
    contract = world["subsidy"].contract
    response = post(client, SUBSIDIES, {"contract": contract.pk, "paid_to_seller": "1000"})
    assert response.status_code == 403
    assert response.json()["detail"] == said("Only members of an enterprise apply for subsidies.")
    page = client.get(reverse("subsidies:apply"))
    assert page.status_code == 403
    assert said("Only members of an enterprise apply for subsidies.") in page.content.decode()
    assert Subsidy.objects.count() == 1


def test_a_subsidy_on_a_contract_another_enterprise_bought_is_refused_on_the_contract(
    client, world, other_firm_member
):
    client.force_login(other_firm_member)
    contract = world["subsidy"].contract
    response = post(client, SUBSIDIES, {"contract": contract.pk, "paid_to_seller": "1000"})
    assert response.status_code == 400
    assert response.json()["contract"] == [
        said("Choose a registered technology transfer or licence contract your enterprise bought.")
    ]
    assert Subsidy.objects.count() == 1


# --- each step: 403 for who may not, 400 with the state for the wrong moment ---------------------

BUREAU_ONLY = "Only the science bureau reviews vouchers and subsidies."


@pytest.mark.parametrize(
    ("step", "body", "outsider", "refusal"),
    [
        ("approve", {"face_value": "10000"}, "firm_member", BUREAU_ONLY),
        ("reject", {"reason": "材料不全"}, "provider_member", BUREAU_ONLY),
        (
            "withdraw",
            {"reason": "撤回"},
            "provider_member",
            "Only the enterprise or the science bureau withdraws a voucher.",
        ),
    ],
)
def test_each_voucher_step_answers_with_the_services_refusal(
    request, client, world, bureau, firm_member, step, body, outsider, refusal
):
    voucher = world["applied"]
    client.force_login(request.getfixturevalue(outsider))
    response = post(client, f"{VOUCHERS}{voucher.pk}/{step}/", body)
    assert response.status_code == 403
    assert response.json()["detail"] == said(refusal)
    assert Voucher.objects.get(pk=voucher.pk).status == Voucher.Status.APPLIED

    # The one who may, on a voucher that is no longer in a state for it.
    done = svc.voucher_reject(
        voucher=voucher_application(firm_member, voucher.enterprise, voucher.provider),
        user=bureau,
        reason="不符合条件",
    )
    client.force_login(firm_member if step == "withdraw" else bureau)
    response = post(client, f"{VOUCHERS}{done.pk}/{step}/", body)
    assert response.status_code == 400
    assert response.json()["detail"] == wrong_state(done)
    assert Voucher.objects.get(pk=done.pk).status == Voucher.Status.REJECTED


def test_a_reviewer_of_the_enterprise_does_not_decide(client, world, firm, office):
    two_hats = member(office, Role.BUREAU_REVIEWER, "two_hats")
    membership_grant(user=two_hats, organization=firm, role=Role.ENTERPRISE_MEMBER)
    client.force_login(two_hats)
    voucher = world["applied"]
    response = post(client, f"{VOUCHERS}{voucher.pk}/approve/", {"face_value": "10000"})
    assert response.status_code == 403
    assert response.json()["detail"] == said(
        "You belong to a party of this case; another reviewer decides."
    )
    assert Voucher.objects.get(pk=voucher.pk).status == Voucher.Status.APPLIED


def test_a_claim_is_the_providers_and_only_on_an_open_voucher(
    client, world, firm, firm_member, provider_member, institution, registrar
):
    voucher = world["issued"]
    contract = register_contract(
        seller_user=provider_member,
        seller=institution,
        buyer=firm,
        registrar=registrar,
        name="第二份检测合同",
    )
    body = {"contract": contract.pk, "invoice_number": "F-2", "fee": "1000"}
    client.force_login(firm_member)
    response = post(client, f"{VOUCHERS}{voucher.pk}/claim/", body)
    assert response.status_code == 403
    assert response.json()["detail"] == said("Only the voucher's provider claims against it.")
    page = client.get(reverse("vouchers:claim_create", args=[voucher.pk]))
    assert page.status_code == 403
    assert said("Only the voucher's provider claims against it.") in page.content.decode()

    applied = world["applied"]
    client.force_login(provider_member)
    response = post(client, f"{VOUCHERS}{applied.pk}/claim/", body)
    assert response.status_code == 400
    assert response.json()["detail"] == wrong_state(applied)
    assert Claim.objects.count() == 1


def test_approving_a_claim_is_the_bureaus_once(client, world, provider_member, bureau):
    voucher, claim = world["issued"], world["claim"]
    url = f"{VOUCHERS}{voucher.pk}/claims/{claim.pk}/approve/"
    client.force_login(provider_member)
    response = post(client, url)
    assert response.status_code == 403
    assert response.json()["detail"] == said(BUREAU_ONLY)

    client.force_login(bureau)
    # A claim named under another voucher is not found there.
    assert (
        post(client, f"{VOUCHERS}{world['applied'].pk}/claims/{claim.pk}/approve/").status_code
        == 404
    )
    assert post(client, url).status_code == 200
    response = post(client, url)
    assert response.status_code == 400
    assert response.json()["detail"] == wrong_state(claim)
    assert Claim.objects.get(pk=claim.pk).amount is not None


@pytest.mark.parametrize(("step", "body"), [("approve", {}), ("reject", {"reason": "材料不全"})])
def test_each_subsidy_step_answers_with_the_services_refusal(
    client, world, firm_member, bureau, step, body
):
    subsidy = world["subsidy"]
    client.force_login(firm_member)
    response = post(client, f"{SUBSIDIES}{subsidy.pk}/{step}/", body)
    assert response.status_code == 403
    assert response.json()["detail"] == said(BUREAU_ONLY)
    assert Subsidy.objects.get(pk=subsidy.pk).status == Subsidy.Status.SUBMITTED

    svc.subsidy_reject(subsidy=subsidy, user=bureau, reason="不符合条件")
    client.force_login(bureau)
    response = post(client, f"{SUBSIDIES}{subsidy.pk}/{step}/", body)
    assert response.status_code == 400
    assert response.json()["detail"] == wrong_state(subsidy)
    assert Subsidy.objects.get(pk=subsidy.pk).status == Subsidy.Status.REJECTED


# --- which enterprise a voucher application belongs to: one rule for the page and the API --------


def test_a_member_of_two_enterprises_chooses_and_page_and_api_agree(
    client, scheme, provider, two_firms_member
):
    user, first, chosen = two_firms_member
    client.force_login(user)
    body = {"provider": provider.pk, "category": "testing", "purpose": "检测", "estimate": "5000"}
    several = said("You belong to several enterprises; choose the one this voucher is for.")
    assert several == "您属于多家企业，请选择申领该创新券的企业。"

    page = client.get(reverse("vouchers:apply"))
    assert {o.pk for o in page.context["form"].fields["enterprise"].queryset} == {
        first.pk,
        chosen.pk,
    }
    response = client.post(reverse("vouchers:apply"), body)
    assert response.status_code == 200 and response.context["form"].errors["enterprise"]
    response = client.post(reverse("vouchers:apply"), {**body, "enterprise": chosen.pk})
    assert response.status_code == 302
    from_page = Voucher.objects.get()

    response = post(client, VOUCHERS, body)
    assert response.status_code == 400
    assert response.json()["organization"] == [several]
    response = post(client, VOUCHERS, {**body, "organization": chosen.pk})
    assert response.status_code == 201
    from_api = Voucher.objects.get(pk=response.json()["id"])

    assert {from_page.enterprise, from_api.enterprise} == {chosen}
    assert response.json()["enterprise"] == chosen.name


def test_a_member_of_one_enterprise_need_not_choose(client, scheme, firm, firm_member, provider):
    client.force_login(firm_member)
    body = {"provider": provider.pk, "category": "testing", "purpose": "检测", "estimate": "5000"}
    assert "enterprise" not in client.get(reverse("vouchers:apply")).context["form"].fields
    assert client.post(reverse("vouchers:apply"), body).status_code == 302
    assert post(client, VOUCHERS, body).status_code == 201
    assert set(Voucher.objects.values_list("enterprise", flat=True)) == {firm.pk}

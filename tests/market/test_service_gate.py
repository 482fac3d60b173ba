"""The services are the gate: the API asks them and answers with their status and their message.

For every write of the needs and contracts APIs, the forbidden case is a 403 and the wrong
state a 400, each with the sentence the service says (in the site's language). And which
enterprise a new need belongs to is decided once, for the page, the API and the import alike.
"""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from accounts.roles import OrganizationKind, Role
from market.contracts.models import Contract
from market.needs import excel
from market.needs.models import Need
from tests.factories import InstitutionFactory, OrganizationFactory, credit_code
from tests.market.test_api import make_need, member, payload
from tests.market.test_contracts import api_payload, submitted
from tests.market.test_excel import good_row, sheet_upload
from tests.market.test_need_pages import form_data as need_form_data

NEEDS = "/api/v1/needs/"
CONTRACTS = "/api/v1/contracts/"


def said(message: str, **values) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(message) % values if values else gettext(message)


def need_state(need: Need) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        status = need.get_status_display()
    return said("This need is “%(status)s”; that step is not possible now.", status=status)


def contract_state(contract: Contract) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        status = contract.get_status_display()
    return said("This contract is “%(status)s”; that step is not possible now.", status=status)


@pytest.fixture
def firm_a(enterprise_user):
    return enterprise_user


@pytest.fixture
def firm_b(db):
    return member(OrganizationFactory(name="鹤壁乙公司"), Role.ENTERPRISE_MEMBER, "firm_b")


@pytest.fixture
def broker(db):
    agency = OrganizationFactory(name="鹤壁技术转移中心", kind=OrganizationKind.SERVICE_AGENCY)
    return member(agency, Role.BROKER, "broker")


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def patch(client, url, data):
    return client.patch(url, data, content_type="application/json")


# --- needs ------------------------------------------------------------------------------------


def test_posting_a_need_without_an_enterprise_is_forbidden(client, broker):
    client.force_login(broker)
    response = post(client, NEEDS, payload())
    assert response.status_code == 403
    assert response.json()["detail"] == said("Only enterprise members may post needs.")
    assert not Need.objects.exists()


def test_editing_a_need_is_for_its_enterprise_before_review(client, firm_a, firm_b):
    need = make_need(firm_a)
    client.force_login(firm_b)
    response = patch(client, f"{NEEDS}{need.pk}/", {"title": "改"})
    assert response.status_code == 403
    assert response.json()["detail"] == said(
        "Only the enterprise may edit its need, and only before review."
    )
    client.force_login(firm_a)
    response = patch(client, f"{NEEDS}{need.pk}/", {"title": "改"})
    assert response.status_code == 400
    assert response.json()["detail"] == need_state(need)
    need.refresh_from_db()
    assert need.title == "镁合金压铸件表面处理"


@pytest.mark.parametrize(
    ("step", "outsider", "refusal", "owner_or_broker", "wrong_status"),
    [
        ("submit", "firm_b", "Only the enterprise may submit its need.", "firm_a", "published"),
        ("withdraw", "broker", "Only the enterprise may withdraw its need.", "firm_a", "draft"),
        ("publish", "firm_a", "Only brokers review needs.", "broker", "published"),
        ("return", "firm_a", "Only brokers review needs.", "broker", "published"),
        (
            "solve",
            "firm_b",
            "Only the enterprise or a broker may close this need.",
            "broker",
            "submitted",
        ),
    ],
)
def test_each_step_of_a_need_answers_with_the_services_refusal(
    request, client, firm_a, firm_b, broker, step, outsider, refusal, owner_or_broker, wrong_status
):
    body = {"reason": "请补充指标"} if step == "return" else {}
    # Someone who sees the need but may not take this step: 403 and why.
    need = make_need(firm_a, status="published" if step in ("submit", "solve") else "submitted")
    client.force_login(request.getfixturevalue(outsider))
    response = post(client, f"{NEEDS}{need.pk}/{step}/", body)
    assert response.status_code == 403
    assert response.json()["detail"] == said(refusal)
    # Someone who may, at the wrong moment: 400 and the need's state.
    need = make_need(firm_a, title="状态不对的需求", status=wrong_status)
    client.force_login(request.getfixturevalue(owner_or_broker))
    response = post(client, f"{NEEDS}{need.pk}/{step}/", body)
    assert response.status_code == 400
    assert response.json()["detail"] == need_state(need)
    assert Need.objects.get(pk=need.pk).status == wrong_status


def test_returning_a_need_without_a_reason_is_refused_with_the_field(client, firm_a, broker):
    need = make_need(firm_a, status="submitted")
    client.force_login(broker)
    response = post(client, f"{NEEDS}{need.pk}/return/", {})
    assert response.status_code == 400
    assert response.json()["reason"]
    assert Need.objects.get(pk=need.pk).status == "submitted"


# --- contracts --------------------------------------------------------------------------------


@pytest.fixture
def seller_org(db):
    return InstitutionFactory(name="鹤壁职业技术学院", slug="hbzy")


@pytest.fixture
def seller(seller_org):
    return member(seller_org, Role.UNIVERSITY_EDITOR, "seller")


@pytest.fixture
def registrar(db):
    office = OrganizationFactory(kind=OrganizationKind.GOVERNMENT, name="登记处", slug="office")
    return member(office, Role.REGISTRAR, "registrar_1")


@pytest.fixture
def outsider(db):
    firm = OrganizationFactory(name="鹤壁中维化纤有限公司", slug="zw")
    return member(firm, Role.ENTERPRISE_MEMBER, "outsider")


def test_drafting_a_contract_is_for_the_seller_side(client, registrar):
    client.force_login(registrar)
    response = client.post(CONTRACTS, api_payload(credit_code()))
    assert response.status_code == 403
    assert response.json()["detail"] == said(
        "Only members of an enterprise, university or institute register contracts."
    )
    assert not Contract.objects.exists()


def test_editing_and_submitting_a_contract_is_for_the_seller_before_review(
    client, seller_org, seller, registrar
):
    contract = submitted(seller_org, seller)
    client.force_login(registrar)
    response = patch(client, f"{CONTRACTS}{contract.pk}/", {"contract_amount": "1"})
    assert response.status_code == 403
    assert response.json()["detail"] == said("Only the seller side edits its contract.")
    response = post(client, f"{CONTRACTS}{contract.pk}/submit/")
    assert response.status_code == 403
    assert response.json()["detail"] == said("Only the seller side submits its contract.")

    client.force_login(seller)
    response = patch(client, f"{CONTRACTS}{contract.pk}/", {"contract_amount": "1"})
    assert response.status_code == 400
    assert response.json()["detail"] == contract_state(contract)
    response = post(client, f"{CONTRACTS}{contract.pk}/submit/")
    assert response.status_code == 400
    assert response.json()["detail"] == contract_state(contract)
    contract.refresh_from_db()
    assert contract.contract_amount != 1


@pytest.mark.parametrize(
    ("step", "body"),
    [
        ("register", {"transaction_amount": "400000"}),
        ("return", {"reason": "补充附件"}),
        ("reject", {"reason": "非技术合同"}),
    ],
)
def test_each_review_step_answers_with_the_services_refusal(
    client, seller_org, seller, registrar, outsider, step, body
):
    contract = submitted(seller_org, seller)
    for user in (seller, outsider):
        client.force_login(user)
        response = post(client, f"{CONTRACTS}{contract.pk}/{step}/", body)
        assert response.status_code == 403
        assert response.json()["detail"] == said("Only registrars review contracts.")

    client.force_login(registrar)
    done = post(client, f"{CONTRACTS}{contract.pk}/reject/", {"reason": "非技术合同"})
    assert done.status_code == 200
    contract.refresh_from_db()
    response = post(client, f"{CONTRACTS}{contract.pk}/{step}/", body)
    assert response.status_code == 400
    assert response.json()["detail"] == contract_state(contract)


@pytest.mark.parametrize("step", ["return", "reject"])
def test_a_review_without_a_reason_is_refused_with_the_field(
    client, seller_org, seller, registrar, step
):
    contract = submitted(seller_org, seller)
    client.force_login(registrar)
    response = post(client, f"{CONTRACTS}{contract.pk}/{step}/", {})
    assert response.status_code == 400
    assert response.json()["reason"]
    assert Contract.objects.get(pk=contract.pk).status == "submitted"


# --- which enterprise a new need belongs to: one rule for the page, the API and the import ------


def test_a_member_of_two_enterprises_chooses_and_every_door_gives_the_need_to_the_chosen_one(
    client, two_firms_member
):
    user, first, chosen = two_firms_member
    client.force_login(user)
    several = said("You belong to several enterprises; choose the one this need is for.")

    # The page asks which enterprise; without an answer, it says so and saves nothing.
    page = client.get(reverse("market:need_create"))
    assert {o.pk for o in page.context["form"].fields["organization"].queryset} == {
        first.pk,
        chosen.pk,
    }
    response = client.post(reverse("market:need_create"), need_form_data(save="1"))
    assert response.status_code == 200
    assert response.context["form"].errors["organization"]
    response = client.post(
        reverse("market:need_create"), need_form_data(save="1", organization=chosen.pk)
    )
    assert response.status_code == 302
    from_page = Need.objects.get()

    # The API: the same refusal in words, then the same enterprise.
    response = post(client, NEEDS, payload())
    assert response.status_code == 400
    assert response.json()["organization"] == [several]
    response = post(client, NEEDS, payload(organization=chosen.pk))
    assert response.status_code == 201
    from_api = Need.objects.get(pk=response.json()["id"])

    # The import: the row's credit code names the enterprise.
    result = excel.needs_import(file=sheet_upload([good_row(chosen)]), user=user)
    assert result.errors == []
    (from_import,) = result.created

    assert {from_page.organization, from_api.organization, from_import.organization} == {chosen}


def test_a_member_of_one_enterprise_need_not_choose(client, firm_a):
    client.force_login(firm_a)
    page = client.get(reverse("market:need_create"))
    assert "organization" not in page.context["form"].fields
    response = post(client, NEEDS, payload())
    assert response.status_code == 201
    assert response.json()["organization"]["id"] == firm_a.memberships.get().organization_id

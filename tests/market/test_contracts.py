"""Technology contracts: the seller drafts and submits, registrars register; who sees what,
what is refused, the numbers, the second review, the history, the certificate and the API."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from rest_framework.authtoken.models import Token

from accounts.roles import OrganizationKind, Role
from accounts.services import membership_grant
from market.contracts.models import Contract, ContractEvent
from market.contracts.services import contract_create, contract_register, contract_submit
from tests.factories import InstitutionFactory, OrganizationFactory, UserFactory, credit_code

API = "/api/v1/contracts/"
PDF = b"%PDF-1.7\n% signed contract\n"


def pdf(name: str = "c.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def member(organization, role, username):
    user = UserFactory(username=username)
    membership_grant(user=user, organization=organization, role=role)
    return user


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def seller_org(db):
    return InstitutionFactory(name="鹤壁职业技术学院", slug="hbzy")


@pytest.fixture
def seller(seller_org):
    return member(seller_org, Role.UNIVERSITY_EDITOR, "seller")


@pytest.fixture
def office(db):
    return OrganizationFactory(
        kind=OrganizationKind.GOVERNMENT, name="鹤壁市技术合同登记处", slug="office"
    )


@pytest.fixture
def registrar(office):
    return member(office, Role.REGISTRAR, "registrar_1")


@pytest.fixture
def registrar_2(office):
    return member(office, Role.REGISTRAR, "registrar_2")


@pytest.fixture
def other(db):
    firm = OrganizationFactory(name="鹤壁中维化纤有限公司", slug="zw")
    return member(firm, Role.ENTERPRISE_MEMBER, "other")


@pytest.fixture
def buyer_code():
    return credit_code()


def form_data(buyer_code, **overrides) -> dict:
    data = {
        "name": "镁合金压铸工艺技术开发合同",
        "contract_type": "development",
        "subtype": "commissioned",
        "buyer_name": "鹤壁天海电器有限公司",
        "buyer_credit_code": buyer_code,
        "buyer_region": "410611",
        "buyer_nature": "enterprise",
        "signed_on": days(-10).isoformat(),
        "term_start": days(-10).isoformat(),
        "term_end": days(300).isoformat(),
        "contract_amount": "500000",
        "contract_amount_unit": "yuan",
        "declared_transaction_amount": "400000",
        "declared_transaction_amount_unit": "yuan",
        "document": pdf(),
    }
    data.update(overrides)
    return data


def service_data(amount: str = "500000.00", declared: str = "400000.00") -> dict:
    return {
        "name": "农业物联网技术服务合同",
        "contract_type": "service",
        "subtype": "service",
        "buyer_name": "鹤壁天海电器有限公司",
        "buyer_credit_code": credit_code(),
        "buyer_region": "410611",
        "buyer_nature": "enterprise",
        "signed_on": days(-5),
        "term_start": days(-5),
        "term_end": days(200),
        "contract_amount": Decimal(amount),
        "declared_transaction_amount": Decimal(declared),
        "document": pdf(),
    }


def submitted(seller_org, seller, **kwargs) -> Contract:
    contract = contract_create(user=seller, seller=seller_org, data=service_data(**kwargs))
    return contract_submit(contract=contract, user=seller)


def register_post(client, contract, amount: str, unit: str = "yuan"):
    return client.post(
        reverse("contracts:register", args=[contract.pk]),
        {"transaction_amount": amount, "transaction_amount_unit": unit},
    )


# --- the seller's pages --------------------------------------------------------------------------


def test_seller_submits_and_registrars_register_with_consecutive_numbers(
    client, seller_org, seller, registrar, buyer_code
):
    client.force_login(seller)
    response = client.post(
        reverse("contracts:create"), form_data(buyer_code, seller=seller_org.pk, submit="1")
    )
    assert response.status_code == 302
    first = Contract.objects.get()
    assert first.status == "submitted"
    assert first.seller_organization == seller_org
    assert first.seller_credit_code == seller_org.credit_code
    assert first.document.name.endswith(".pdf")
    second = submitted(seller_org, seller)

    client.force_login(registrar)
    queue = client.get(reverse("contracts:queue"))
    assert [c.pk for c in queue.context["contracts"]] == [first.pk, second.pk]
    review = client.get(reverse("contracts:review", args=[first.pk]))
    assert review.context["register_form"]["transaction_amount"].value() == Decimal("400000.00")

    assert register_post(client, first, "400000").status_code == 302
    assert register_post(client, second, "40", "wan").status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    year = timezone.localdate().year
    assert first.status == second.status == "registered"
    assert first.registration_number == f"{year}410600000001"
    assert second.registration_number == f"{year}410600000002"
    assert second.transaction_amount == Decimal("400000.00")
    assert first.first_reviewer == registrar
    assert first.registered_on == timezone.localdate()


def test_buyer_chosen_among_portal_organizations(client, seller_org, seller):
    firm = OrganizationFactory(name="鹤壁天海电器有限公司", slug="th")
    client.force_login(seller)
    data = form_data("", seller=seller_org.pk, buyer_organization=firm.pk)
    for name in ("buyer_name", "buyer_credit_code", "buyer_region", "buyer_nature"):
        data[name] = ""
    response = client.post(reverse("contracts:create"), data)
    assert response.status_code == 302
    contract = Contract.objects.get()
    assert contract.buyer_organization == firm
    assert contract.buyer_name == firm.name
    assert contract.buyer_credit_code == firm.credit_code
    assert contract.status == "draft"


def test_amount_in_wan_is_stored_as_exact_yuan(client, seller_org, seller, buyer_code):
    client.force_login(seller)
    data = form_data(
        buyer_code,
        seller=seller_org.pk,
        contract_amount="12.3456",
        contract_amount_unit="wan",
        declared_transaction_amount="0.000001",
        declared_transaction_amount_unit="wan",
    )
    assert client.post(reverse("contracts:create"), data).status_code == 302
    contract = Contract.objects.get()
    assert contract.contract_amount == Decimal("123456.00")
    assert str(contract.contract_amount) == "123456.00"
    assert contract.declared_transaction_amount == Decimal("0.01")


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        (
            {"contract_amount": "100000", "declared_transaction_amount": "100000.01"},
            "declared_transaction_amount",
            None,
        ),
        ({"contract_amount": "-100"}, "contract_amount", "min_value"),
        ({"contract_amount": "0"}, "contract_amount", "min_value"),
        ({"declared_transaction_amount": "0.001"}, "declared_transaction_amount", "precision"),
        (
            {"contract_amount": "0.0000001", "contract_amount_unit": "wan"},
            "contract_amount",
            "precision",
        ),
        ({"contract_amount": "1.234"}, "contract_amount", "precision"),
        ({"contract_amount": "五十万"}, "contract_amount", "invalid"),
        ({"signed_on": days(1).isoformat()}, "signed_on", "future"),
        ({"buyer_name": ""}, "buyer_name", None),
        ({"buyer_credit_code": "91410611MA00000001"}, "buyer_credit_code", None),
        ({"buyer_region": "41061"}, "buyer_region", None),
        ({"subtype": "patent_licence"}, "subtype", None),
        ({"term_end": days(-20).isoformat()}, "term_end", None),
        ({"document": pdf("c.docx", b"PK\x03\x04 word")}, "document", "type"),
        ({"document": pdf("c.pdf", b"not a pdf at all")}, "document", "content"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(
    client, seller_org, seller, buyer_code, overrides, field, code
):
    client.force_login(seller)
    data = form_data(buyer_code, seller=seller_org.pk, submit="1")
    data.update(overrides)
    response = client.post(reverse("contracts:create"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert escape(errors[field][0]) in response.content.decode()
    if code:
        assert response.context["form"].errors.as_data()[field][0].code == code
    assert not Contract.objects.exists()
    assert not ContractEvent.objects.exists()


def test_submitting_needs_the_pdf(client, seller_org, seller, buyer_code):
    client.force_login(seller)
    data = form_data(buyer_code, seller=seller_org.pk)
    del data["document"]
    client.post(reverse("contracts:create"), data)
    contract = Contract.objects.get()
    response = client.post(reverse("contracts:submit", args=[contract.pk]), follow=True)
    contract.refresh_from_db()
    assert contract.status == "draft"
    assert [m.level_tag for m in response.context["messages"]][-1] == "error"


def test_only_the_seller_side_may_draft(client, registrar, buyer_code):
    client.force_login(registrar)
    assert client.get(reverse("contracts:create")).status_code == 403


# --- who sees what -------------------------------------------------------------------------------


def test_a_seller_sees_only_its_own_contracts(client, seller_org, seller, other, registrar):
    own = submitted(seller_org, seller)
    firm = other.memberships.get().organization
    theirs = contract_create(user=other, seller=firm, data=service_data())

    client.force_login(seller)
    assert [c.pk for c in client.get(reverse("contracts:mine")).context["contracts"]] == [own.pk]
    assert client.get(reverse("contracts:detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("contracts:document", args=[own.pk])).status_code == 200
    for name in ("detail", "edit", "certificate", "document"):
        assert client.get(reverse(f"contracts:{name}", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("contracts:submit", args=[theirs.pk])).status_code == 404

    client.force_login(other)
    assert [c.pk for c in client.get(reverse("contracts:mine")).context["contracts"]] == [theirs.pk]
    assert client.get(reverse("contracts:detail", args=[own.pk])).status_code == 404
    assert client.get(reverse("contracts:document", args=[own.pk])).status_code == 404
    assert client.get(reverse("contracts:queue")).status_code == 403

    client.force_login(registrar)
    assert client.get(reverse("contracts:detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("contracts:detail", args=[theirs.pk])).status_code == 200
    listed = client.get(reverse("contracts:all")).context["contracts"]
    assert {c.pk for c in listed} == {own.pk, theirs.pk}

    client.logout()
    response = client.get(reverse("contracts:detail", args=[own.pk]))
    assert response.status_code == 302


def test_only_registrars_register(client, seller_org, seller, other, registrar):
    contract = submitted(seller_org, seller)
    for user in (seller, other):
        client.force_login(user)
        assert register_post(client, contract, "400000").status_code == 403
        assert client.get(reverse("contracts:review", args=[contract.pk])).status_code == 403
        for step in ("return", "reject"):
            url = reverse(f"contracts:{step}", args=[contract.pk])
            assert client.post(url, {"reason": "x"}).status_code == 403
    contract.refresh_from_db()
    assert contract.status == "submitted"
    assert contract.registration_number is None
    assert contract.transaction_amount is None
    assert list(contract.events.values_list("action", flat=True)) == ["created", "submitted"]


# --- review --------------------------------------------------------------------------------------


def test_a_large_contract_needs_a_second_different_registrar(
    client, seller_org, seller, registrar, registrar_2
):
    contract = submitted(seller_org, seller, amount="10000000.00", declared="9000000.00")
    client.force_login(registrar)
    assert register_post(client, contract, "900", "wan").status_code == 302
    contract.refresh_from_db()
    assert contract.status == "second_review"
    assert contract.registration_number is None
    assert contract.first_reviewer == registrar

    response = register_post(client, contract, "900", "wan")
    assert response.status_code == 200
    assert response.context["register_form"].non_field_errors()
    contract.refresh_from_db()
    assert contract.status == "second_review"
    assert contract.registration_number is None

    client.force_login(registrar_2)
    assert register_post(client, contract, "8500000").status_code == 302
    contract.refresh_from_db()
    assert contract.status == "registered"
    assert contract.second_reviewer == registrar_2
    assert contract.transaction_amount == Decimal("8500000.00")
    last = contract.events.last()
    assert last.changes["transaction_amount"] == ["9000000.00", "8500000.00"]


def test_just_below_the_threshold_one_registrar_suffices(client, seller_org, seller, registrar):
    contract = submitted(seller_org, seller, amount="9999999.99", declared="9999999.99")
    client.force_login(registrar)
    register_post(client, contract, "9999999.99")
    contract.refresh_from_db()
    assert contract.status == "registered"


def test_the_verified_amount_is_checked(client, seller_org, seller, registrar):
    contract = submitted(seller_org, seller)
    client.force_login(registrar)
    for amount in ("500000.01", "0.001", "-1"):
        response = register_post(client, contract, amount)
        assert response.status_code == 200
        assert response.context["register_form"].errors["transaction_amount"]
    contract.refresh_from_db()
    assert contract.status == "submitted"


def test_return_and_reject_record_their_reasons(client, seller_org, seller, registrar):
    returned = submitted(seller_org, seller)
    rejected = submitted(seller_org, seller)
    client.force_login(registrar)

    url = reverse("contracts:return", args=[returned.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert response.context["return_form"].errors["reason"]
    returned.refresh_from_db()
    assert returned.status == "submitted"

    assert client.post(url, {"reason": "请补充技术交易额的核定依据"}).status_code == 302
    reject_url = reverse("contracts:reject", args=[rejected.pk])
    assert client.post(reject_url, {"reason": "属于设备买卖，不是技术合同"}).status_code == 302

    returned.refresh_from_db()
    rejected.refresh_from_db()
    assert (returned.status, returned.review_note) == ("returned", "请补充技术交易额的核定依据")
    assert (rejected.status, rejected.review_note) == ("rejected", "属于设备买卖，不是技术合同")
    assert returned.events.last().note == "请补充技术交易额的核定依据"
    assert rejected.events.last().note == "属于设备买卖，不是技术合同"
    assert rejected.events.last().actor == registrar

    client.force_login(seller)
    page = client.get(reverse("contracts:detail", args=[returned.pk])).content.decode()
    assert "请补充技术交易额的核定依据" in page
    assert client.get(reverse("contracts:edit", args=[returned.pk])).status_code == 200
    assert client.get(reverse("contracts:edit", args=[rejected.pk])).status_code == 403
    assert (
        "属于设备买卖"
        in client.get(reverse("contracts:detail", args=[rejected.pk])).content.decode()
    )


def test_the_history_shows_old_and_new_values(client, seller_org, seller, registrar, buyer_code):
    contract = submitted(seller_org, seller)
    client.force_login(registrar)
    client.post(reverse("contracts:return", args=[contract.pk]), {"reason": "金额有误"})

    client.force_login(seller)
    edit = form_data(buyer_code, contract_amount="60", contract_amount_unit="wan")
    edit["name"] = "农业物联网技术服务合同"
    edit["contract_type"], edit["subtype"] = "service", "service"
    del edit["document"]
    assert client.post(reverse("contracts:edit", args=[contract.pk]), edit).status_code == 302
    updated = contract.events.get(action="updated")
    assert updated.changes["contract_amount"] == ["500000.00", "600000.00"]
    client.post(reverse("contracts:submit", args=[contract.pk]))

    client.force_login(registrar)
    register_post(client, contract, "350000")
    registered = contract.events.get(action="registered")
    assert registered.actor == registrar
    assert registered.changes["transaction_amount"] == [None, "350000.00"]

    page = client.get(reverse("contracts:detail", args=[contract.pk])).content.decode()
    assert "500,000.00" in page and "600,000.00" in page
    assert "400,000.00" in page and "350,000.00" in page  # declared → verified
    assert "registrar_1" in page and "seller" in page
    assert "金额有误" in page


def test_a_new_pdf_replaces_the_old_one_in_the_history(client, seller_org, seller, registrar):
    contract = submitted(seller_org, seller)
    old = contract.document.name
    client.force_login(registrar)
    client.post(reverse("contracts:return", args=[contract.pk]), {"reason": "扫描件不清晰"})
    client.force_login(seller)
    data = {
        **form_data(contract.buyer_credit_code, document=pdf("new.pdf")),
        "name": contract.name,
        "contract_type": "service",
        "subtype": "service",
        "buyer_credit_code": contract.buyer_credit_code,
        "signed_on": contract.signed_on.isoformat(),
        "term_start": contract.term_start.isoformat(),
        "term_end": contract.term_end.isoformat(),
    }
    assert client.post(reverse("contracts:edit", args=[contract.pk]), data).status_code == 302
    contract.refresh_from_db()
    assert contract.document.name != old
    change = contract.events.filter(action="updated").last().changes["document"]
    assert change[0] == old and change[1] == contract.document.name


# --- the certificate -----------------------------------------------------------------------------


def test_the_certificate_shows_number_and_both_amounts(
    client, seller_org, seller, registrar, other
):
    contract = submitted(seller_org, seller, amount="1234567.80", declared="1200000.00")
    client.force_login(seller)
    assert client.get(reverse("contracts:certificate", args=[contract.pk])).status_code == 404
    contract = contract_register(contract=contract, user=registrar, transaction_amount="1000000")

    for user in (seller, registrar):
        client.force_login(user)
        response = client.get(reverse("contracts:certificate", args=[contract.pk]))
        assert response.status_code == 200
        page = response.content.decode()
        assert "技术合同登记证明" in page
        assert contract.registration_number in page
        assert "1,234,567.80 元" in page and "123.45678 万元" in page
        assert "1,000,000.00 元" in page and "100.00 万元" in page
        assert seller_org.credit_code in page and contract.buyer_credit_code in page
        assert "@media print" in page

    client.force_login(other)
    assert client.get(reverse("contracts:certificate", args=[contract.pk])).status_code == 404


def test_signed_in_users_see_the_contracts_link(client, seller):
    client.force_login(seller)
    page = client.get(reverse("contracts:mine")).content.decode()
    assert f'href="{reverse("contracts:mine")}"' in page


# --- the API -------------------------------------------------------------------------------------


@pytest.fixture
def api(client):
    def as_user(user):
        token, _ = Token.objects.get_or_create(user=user)
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
        return client

    return as_user


def api_payload(buyer_code, **overrides) -> dict:
    data = {
        "name": "氢能催化剂技术转让合同",
        "contract_type": "transfer",
        "subtype": "patent_right",
        "buyer_name": "鹤壁天海电器有限公司",
        "buyer_credit_code": buyer_code,
        "buyer_region": "410611",
        "buyer_nature": "enterprise",
        "signed_on": days(-3).isoformat(),
        "term_start": days(-3).isoformat(),
        "term_end": days(365).isoformat(),
        "contract_amount": "800000.50",
        "declared_transaction_amount": "700000",
        "document": pdf(),
    }
    data.update(overrides)
    return data


def test_api_create_submit_register(api, seller, registrar, other, buyer_code):
    client = api(seller)
    response = client.post(API, api_payload(buyer_code))
    assert response.status_code == 201, response.json()
    body = response.json()
    pk = body["id"]
    assert body["title"] == "氢能催化剂技术转让合同"
    assert body["url"] == f"http://testserver/contracts/{pk}/"
    assert body["status"] == "draft"
    assert body["contract_amount"] == "800000.50"
    assert body["declared_transaction_amount"] == "700000.00"
    assert body["transaction_amount"] is None
    assert body["registration_number"] is None

    assert client.post(f"{API}{pk}/submit/").json()["status"] == "submitted"
    assert client.post(f"{API}{pk}/register/", {"transaction_amount": "1"}).status_code == 403
    assert api(other).post(f"{API}{pk}/register/", {"transaction_amount": "1"}).status_code == 403
    assert Contract.objects.get(pk=pk).status == "submitted"

    response = api(registrar).post(
        f"{API}{pk}/register/", {"transaction_amount": "650000.25"}, content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "registered"
    assert body["transaction_amount"] == "650000.25"
    assert body["registration_number"] == f"{timezone.localdate().year}410600000001"


def test_api_shows_each_user_what_they_may_see(api, client, seller_org, seller, other, registrar):
    own = submitted(seller_org, seller)
    assert [c["id"] for c in api(seller).get(API).json()["results"]] == [own.pk]
    assert api(other).get(API).json()["results"] == []
    assert api(other).get(f"{API}{own.pk}/").status_code == 404
    assert [c["id"] for c in api(registrar).get(API).json()["results"]] == [own.pk]
    queue = api(registrar).get(API, {"status": "submitted"}).json()["results"]
    assert [c["id"] for c in queue] == [own.pk]
    client.defaults.pop("HTTP_AUTHORIZATION")
    assert client.get(API).json()["results"] == []


def test_api_refuses_bad_amounts_and_wrong_roles(api, seller, registrar, buyer_code):
    client = api(seller)
    for overrides, field in (
        ({"contract_amount": "0.001"}, "contract_amount"),
        ({"contract_amount": "-5"}, "contract_amount"),
        ({"declared_transaction_amount": "900000"}, "declared_transaction_amount"),
        ({"signed_on": days(2).isoformat()}, "signed_on"),
        ({"buyer_credit_code": "123"}, "buyer_credit_code"),
        ({"buyer_name": ""}, "buyer_name"),
        ({"document": pdf("c.pdf", b"GIF89a")}, "document"),
    ):
        response = client.post(API, api_payload(buyer_code, **overrides))
        assert response.status_code == 400
        assert field in response.json(), response.json()
    assert not Contract.objects.exists()
    assert api(registrar).post(API, api_payload(buyer_code)).status_code == 403


def test_api_return_and_reject(api, seller_org, seller, registrar):
    returned = submitted(seller_org, seller)
    rejected = submitted(seller_org, seller)
    client = api(registrar)
    assert client.post(f"{API}{returned.pk}/return/", {}).status_code == 400
    response = client.post(f"{API}{returned.pk}/return/", {"reason": "补充附件"})
    assert response.json()["status"] == "returned"
    assert response.json()["review_note"] == "补充附件"
    response = client.post(f"{API}{rejected.pk}/reject/", {"reason": "非技术合同"})
    assert response.json()["status"] == "rejected"
    assert api(seller).post(f"{API}{returned.pk}/reject/", {"reason": "x"}).status_code == 403

    client = api(seller)
    response = client.patch(
        f"{API}{returned.pk}/", {"contract_amount": "510000"}, content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["contract_amount"] == "510000.00"
    assert client.post(f"{API}{returned.pk}/submit/").json()["status"] == "submitted"


def test_a_registrar_who_belongs_to_the_seller_never_reviews_that_contract(
    client, seller_org, seller, registrar, registrar_2
):
    """One person, two roles: a registrar at the office who is also the seller's editor."""
    membership_grant(user=registrar, organization=seller_org, role=Role.UNIVERSITY_EDITOR)
    contract = submitted(seller_org, seller)
    client.force_login(registrar)

    page = client.get(reverse("contracts:detail", args=[contract.pk]))
    assert reverse("contracts:register", args=[contract.pk]) not in page.content.decode()
    response = register_post(client, contract, "400000")
    assert response.status_code == 200
    assert "其他登记员" in response.content.decode()
    response = client.post(
        reverse("contracts:reject", args=[contract.pk]), {"reason": "自己的合同不予登记"}
    )
    assert "其他登记员" in response.content.decode()
    api = client.post(
        f"{API}{contract.pk}/register/",
        {"transaction_amount": "400000"},
        content_type="application/json",
    )
    assert api.status_code == 403
    assert "其他登记员" in api.json()["detail"]
    contract.refresh_from_db()
    assert contract.status == Contract.Status.SUBMITTED and contract.registration_number is None

    client.force_login(registrar_2)
    assert register_post(client, contract, "400000").status_code == 302
    contract.refresh_from_db()
    assert contract.status == Contract.Status.REGISTERED

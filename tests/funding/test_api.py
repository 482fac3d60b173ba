"""/api/v1/vouchers/ and /api/v1/subsidies/: the same services as the pages; Chinese 400s for
bad input that change nothing."""

from decimal import Decimal

import pytest

from market.funding.models import Subsidy, Voucher
from tests.factories import PASSWORD
from tests.funding.conftest import register_contract

pytestmark = pytest.mark.django_db


def login(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_apply_issue_withdraw_through_the_api(client, scheme, firm, firm_member, provider, bureau):
    login(client, firm_member)
    bad = post(
        client,
        "/api/v1/vouchers/",
        {"provider": provider.pk, "category": "testing", "purpose": "检测", "estimate": "-5"},
    )
    assert bad.status_code == 400 and "最多两位小数" in bad.json()["estimate"][0]
    assert not Voucher.objects.exists()
    made = post(
        client,
        "/api/v1/vouchers/",
        {"provider": provider.pk, "category": "testing", "purpose": "检测", "estimate": "50000"},
    )
    assert made.status_code == 201 and made.json()["status"] == "applied"
    pk = made.json()["id"]

    login(client, bureau)
    issued = post(client, f"/api/v1/vouchers/{pk}/approve/", {"face_value": "25000.00"})
    assert issued.status_code == 200
    assert issued.json()["number"].startswith("CXQ") and issued.json()["left"] == "25000.00"
    again = post(client, f"/api/v1/vouchers/{pk}/approve/", {"face_value": "1"})
    assert again.status_code == 400 and "已发放" in again.json()["detail"]

    login(client, firm_member)
    withdrawn = post(client, f"/api/v1/vouchers/{pk}/withdraw/", {})
    assert withdrawn.status_code == 200 and withdrawn.json()["returned"] == "25000.00"
    scheme.refresh_from_db()
    assert scheme.voucher_committed == Decimal("0.00")


def test_a_subsidy_through_the_api(
    client, scheme, firm, firm_member, provider_member, institution, registrar, bureau
):
    transfer = register_contract(
        seller_user=provider_member,
        seller=institution,
        buyer=firm,
        registrar=registrar,
        contract_type="transfer",
        subtype="know_how",
        amount="3000000.00",
        transaction="2500000.00",
        name="技术秘密转让合同",
    )
    login(client, firm_member)
    made = post(
        client, "/api/v1/subsidies/", {"contract": transfer.pk, "paid_to_seller": "3000000"}
    )
    assert made.status_code == 201
    body = made.json()
    # basis is the verified 2,500,000; 10% is 250,000, capped at 200,000 a contract
    assert body["basis"] == "2500000.00" and body["proposed"] == "200000.00"
    twice = post(client, "/api/v1/subsidies/", {"contract": transfer.pk, "paid_to_seller": "1"})
    assert twice.status_code == 400 and "已申请过奖补" in twice.json()["contract"][0]

    login(client, bureau)
    no_reason = post(client, f"/api/v1/subsidies/{body['id']}/approve/", {"amount": "150000"})
    assert no_reason.status_code == 400 and "理由" in no_reason.json()["reason"][0]
    approved = post(
        client,
        f"/api/v1/subsidies/{body['id']}/approve/",
        {"amount": "150000", "reason": "部分款项未到账"},
    )
    assert approved.status_code == 200 and approved.json()["amount"] == "150000.00"
    assert Subsidy.objects.get().adjustment_reason == "部分款项未到账"
    listed = client.get("/api/v1/subsidies/").json()
    assert listed["count"] == 1 and listed["results"][0]["status"] == "approved"


def test_the_provider_claims_and_the_bureau_approves_through_the_api(
    client, scheme, firm, firm_member, provider, provider_member, institution, registrar, bureau
):
    from market.funding import services as svc

    voucher = svc.voucher_approve(
        voucher=svc.voucher_apply(
            user=firm_member,
            enterprise=firm,
            provider=provider,
            category="consulting",
            purpose="工艺咨询",
            estimate="40000",
        ),
        user=bureau,
        face_value="20000",
    )
    contract = register_contract(
        seller_user=provider_member,
        seller=institution,
        buyer=firm,
        registrar=registrar,
        contract_type="consulting",
        subtype="consulting",
        amount="50000.00",
        transaction="50000.00",
        name="工艺咨询合同",
    )
    url = f"/api/v1/vouchers/{voucher.pk}/claim/"
    login(client, firm_member)
    body = {"contract": contract.pk, "invoice_number": "F-77", "fee": "50000"}
    assert post(client, url, body).status_code == 403  # only the provider claims
    login(client, provider_member)
    too_much = post(client, url, {**body, "fee": "50000.01"})
    assert too_much.status_code == 400 and "不能超过合同金额" in too_much.json()["fee"][0]
    made = post(client, url, body)
    assert made.status_code == 201
    claim = made.json()["claims"][0]
    assert claim["proposed"] == "20000.00"  # 50% of 50,000 is 25,000; the voucher holds 20,000

    approve = f"/api/v1/vouchers/{voucher.pk}/claims/{claim['id']}/approve/"
    assert post(client, approve, {}).status_code == 403
    login(client, bureau)
    assert (
        post(client, f"/api/v1/vouchers/{voucher.pk}/claims/999999/approve/", {}).status_code == 404
    )
    done = post(client, approve, {})
    assert done.status_code == 200
    assert done.json()["status"] == "redeemed" and done.json()["left"] == "0.00"
    assert done.json()["claims"][0]["amount"] == "20000.00"

"""The journey on the site's pages: an enterprise applies, the bureau issues, the provider
claims with a registered contract, the bureau approves, the claim is on the finance office's
list (and its xlsx) and is marked paid; a purchase subsidy is computed, adjusted with a reason,
approved and listed; the dashboard shows both. Bad input gets a message and changes nothing."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from market.funding.models import Claim, Subsidy, Voucher
from tests.factories import PASSWORD
from tests.funding.conftest import register_contract, today

pytestmark = pytest.mark.django_db


def login(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_voucher_journey_from_application_to_payment(
    client, scheme, firm, firm_member, provider, provider_member, institution, registrar, bureau
):
    login(client, firm_member)
    page = client.get(reverse("vouchers:apply"))
    assert "申领创新券" in page.content.decode()
    response = client.post(
        reverse("vouchers:apply"),
        {
            "enterprise": firm.pk,
            "provider": provider.pk,
            "category": "testing",
            "purpose": "线束连接器盐雾与振动试验",
            "estimate": "80000",
        },
    )
    voucher = Voucher.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "vouchers:detail", args=[voucher.pk]
    )
    assert "待审核" in client.get(response.url).content.decode()

    login(client, bureau)
    detail = client.get(reverse("vouchers:detail", args=[voucher.pk])).content.decode()
    assert "发放创新券" in detail and "40,000.00" in detail  # the suggested face value
    client.post(reverse("vouchers:approve", args=[voucher.pk]), {"face_value": "40000.00"})
    voucher.refresh_from_db()
    assert voucher.status == Voucher.Status.ISSUED and voucher.number

    contract = register_contract(
        seller_user=provider_member,
        seller=institution,
        buyer=firm,
        registrar=registrar,
        amount="60000.00",
        transaction="60000.00",
    )
    login(client, provider_member)
    assert "申请兑付" in client.get(reverse("vouchers:detail", args=[voucher.pk])).content.decode()
    response = client.post(
        reverse("vouchers:claim_create", args=[voucher.pk]),
        {"contract": contract.pk, "invoice_number": "41002600011111", "fee": "60000.00"},
    )
    claim = Claim.objects.get()
    assert response.status_code == 302 and claim.proposed == Decimal("30000.00")

    login(client, bureau)
    client.post(reverse("vouchers:claim_approve", args=[claim.pk]), {"amount": "", "note": ""})
    claim.refresh_from_db()
    assert claim.status == Claim.Status.APPROVED and claim.amount == Decimal("30000.00")
    payments = client.get(reverse("vouchers:payments")).content.decode()
    assert voucher.number in payments and "30,000.00" in payments and "已核定，待拨付" in payments

    xlsx = client.get(reverse("vouchers:payments_xlsx"))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "创新券编号"
    assert rows[1][0] == voucher.number and Decimal(str(rows[1][6])) == Decimal("30000.00")
    assert rows[-1][0] == "合计"

    client.post(
        reverse("vouchers:claim_paid", args=[claim.pk]),
        {"paid_on": today().isoformat(), "reference": "HBKJ-2026-001"},
    )
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PAID
    paid = client.get(reverse("vouchers:payments") + "?status=paid").content.decode()
    assert "已拨付" in paid and voucher.number in paid

    history = client.get(reverse("vouchers:detail", args=[voucher.pk])).content.decode()
    for step in ("已申请", "已发放", "创新券已使用"):
        assert step in history
    assert "面额（元） 40000.00" in history and f"创新券编号 {voucher.number}" in history
    assert "已使用（元） 30000.00" in history


def test_bad_input_gets_a_message_and_changes_nothing(client, scheme, firm, firm_member, provider):
    login(client, firm_member)
    response = client.post(
        reverse("vouchers:apply"),
        {
            "enterprise": firm.pk,
            "provider": provider.pk,
            "category": "testing",
            "purpose": "检测",
            "estimate": "1.234",
        },
    )
    assert response.status_code == 200
    assert "最多两位小数" in response.content.decode()
    assert not Voucher.objects.exists()


def test_the_bureau_refuses_over_budget_with_the_amount_left(
    client, scheme, firm, firm_member, provider, bureau
):
    from market.funding.models import Scheme
    from market.funding.services import voucher_apply

    voucher = voucher_apply(
        user=firm_member,
        enterprise=firm,
        provider=provider,
        category="testing",
        purpose="检测",
        estimate="100000",
    )
    Scheme.objects.filter(pk=scheme.pk).update(voucher_budget=Decimal("20000.00"))
    login(client, bureau)
    response = client.post(
        reverse("vouchers:approve", args=[voucher.pk]), {"face_value": "20000.01"}
    )
    assert "本年度创新券预算仅剩 20,000.00 元" in response.content.decode()
    voucher.refresh_from_db()
    assert voucher.status == Voucher.Status.APPLIED


def test_subsidy_journey_and_dashboard(
    client, scheme, firm, firm_member, provider_member, institution, registrar, bureau
):
    contract = register_contract(
        seller_user=provider_member,
        seller=institution,
        buyer=firm,
        registrar=registrar,
        contract_type="licence",
        subtype="patent_licence",
        amount="800000.00",
        transaction="700000.00",
        name="镁合金专利实施许可合同",
    )
    login(client, firm_member)
    response = client.post(
        reverse("subsidies:apply"), {"contract": contract.pk, "paid_to_seller": "500000"}
    )
    subsidy = Subsidy.objects.get()
    assert response.status_code == 302 and subsidy.proposed == Decimal("50000.00")

    login(client, bureau)
    refused = client.post(
        reverse("subsidies:approve", args=[subsidy.pk]), {"amount": "45000", "note": ""}
    )
    assert "请说明理由" in refused.content.decode()
    client.post(
        reverse("subsidies:approve", args=[subsidy.pk]),
        {"amount": "45000", "note": "部分付款为设备费"},
    )
    subsidy.refresh_from_db()
    assert subsidy.status == Subsidy.Status.APPROVED and subsidy.amount == Decimal("45000.00")
    listing = client.get(reverse("subsidies:payments")).content.decode()
    assert "镁合金专利实施许可合同" in listing and "45,000.00" in listing
    sheet = load_workbook(BytesIO(client.get(reverse("subsidies:payments_xlsx")).content)).active
    assert [row[6] for row in sheet.iter_rows(values_only=True)][1] == "部分付款为设备费"

    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "科技创新券与技术交易奖补" in dashboard
    assert 'id="subsidies-approved">1 · 45,000.00' in dashboard
    assert "2,000,000.00" in dashboard  # the subsidy budget beside what is left


def test_lists_paginate_and_show_an_empty_state(client, scheme, firm, firm_member, provider):
    from market.funding.services import voucher_apply

    login(client, firm_member)
    assert "暂无创新券" in client.get(reverse("vouchers:list")).content.decode()
    for n in range(21):
        voucher_apply(
            user=firm_member,
            enterprise=firm,
            provider=provider,
            category="testing",
            purpose=f"检测{n}",
            estimate="1000",
        )
    first = client.get(reverse("vouchers:list")).content.decode()
    assert first.count("status-applied") == 20 and 'rel="next"' in first
    second = client.get(reverse("vouchers:list") + "?page=2").content.decode()
    assert second.count("status-applied") == 1
    assert "暂无奖补申请" in client.get(reverse("subsidies:list")).content.decode()

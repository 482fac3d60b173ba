"""The issue's walk-through in a real browser: an enterprise applies for a voucher, the bureau
issues it, the provider claims with a registered contract, the bureau approves and finds the
claim on the payment list."""

import pytest

from accounts.roles import OrganizationKind, Role
from market.funding.services import provider_list
from tests.factories import PASSWORD, InstitutionFactory, OrganizationFactory
from tests.funding.conftest import make_scheme, member, register_contract

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def log_in(page, base, user):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")


def test_voucher_from_application_to_the_payment_list(page, live_server):
    base = live_server.url
    make_scheme()
    office = OrganizationFactory(kind=OrganizationKind.GOVERNMENT, name="鹤壁市科学技术局")
    bureau = member(office, Role.BUREAU_REVIEWER, "bureau")
    contract_office = OrganizationFactory(
        kind=OrganizationKind.GOVERNMENT, name="鹤壁市技术合同登记处"
    )
    registrar = member(contract_office, Role.REGISTRAR, "registrar")
    firm = OrganizationFactory(name="鹤壁天海电器有限公司")
    firm_member = member(firm, Role.ENTERPRISE_MEMBER, "firm_member")
    institution = InstitutionFactory(name="郑州大学")
    provider_list(organization=institution, user=bureau, categories=["testing"])
    provider_member = member(institution, Role.UNIVERSITY_EDITOR, "provider_member")
    log_in(page, base, firm_member)
    page.click("nav >> text=创新券与奖补")
    page.click("text=申领创新券")
    page.select_option("#id_provider", label="郑州大学")
    page.select_option("#id_category", label="检验检测")
    page.fill("#id_purpose", "线束连接器盐雾与振动试验")
    page.fill("#id_estimate", "80000")
    page.click("main button:has-text('提交申请')")
    assert "待审核" in page.locator("#voucher-status").inner_text()
    detail = page.url

    log_in(page, base, bureau)
    page.goto(detail)
    assert page.input_value("#id_face_value") == "40000.00"
    page.click("button:has-text('发放创新券')")
    assert "已发放" in page.locator("#voucher-status").inner_text()
    assert page.locator("#face-value").inner_text() == "40,000.00"

    contract = register_contract(
        seller_user=provider_member,
        seller=institution,
        buyer=firm,
        registrar=registrar,
        amount="60000.00",
        transaction="60000.00",
    )
    log_in(page, base, provider_member)
    page.goto(detail)
    page.click("text=申请兑付")
    page.select_option("#id_contract", value=str(contract.pk))
    page.fill("#id_invoice_number", "41002600011111")
    page.fill("#id_fee", "60000")
    page.click("button:has-text('提交兑付申请')")
    assert "待审核" in page.locator("#claim-status").inner_text()
    claim = page.url

    log_in(page, base, bureau)
    page.goto(claim)
    page.click("button:has-text('通过')")
    assert page.locator("#claim-amount").inner_text() == "30,000.00"
    page.goto(f"{base}/vouchers/payments/")
    row = page.locator("#payment-table tbody tr").first
    assert "30,000.00" in row.inner_text() and "待拨付" in row.inner_text()

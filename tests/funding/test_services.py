"""Vouchers from application to payment, and purchase subsidies, through the services: the
rules a reviewer and an enterprise would notice, and that a refused step changes nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from market.funding import services as svc
from market.funding.models import Claim, FundingEvent, Scheme, Subsidy, Voucher
from tests.funding.conftest import register_contract, today, voucher_application

pytestmark = pytest.mark.django_db


def apply(firm_member, firm, provider, estimate="60000.00", category="testing"):
    return voucher_application(firm_member, firm, provider, estimate=estimate, category=category)


@pytest.fixture
def issued(scheme, firm, firm_member, provider, bureau):
    voucher = apply(firm_member, firm, provider)
    return svc.voucher_approve(voucher=voucher, user=bureau, face_value="30000.00")


def test_a_voucher_is_applied_for_issued_and_commits_the_budget(
    scheme, firm, firm_member, provider, bureau
):
    voucher = apply(firm_member, firm, provider)
    assert voucher.status == Voucher.Status.APPLIED
    assert svc.voucher_suggestion(voucher) == Decimal("30000.00")
    voucher = svc.voucher_approve(voucher=voucher, user=bureau, face_value="30000.00")
    assert voucher.status == Voucher.Status.ISSUED
    assert voucher.number == f"CXQ{today().year}00001"
    assert voucher.valid_until == today() + datetime.timedelta(days=180)
    scheme.refresh_from_db()
    assert scheme.voucher_committed == Decimal("30000.00")
    assert scheme.voucher_left == Decimal("970000.00")
    actions = list(FundingEvent.objects.filter(voucher=voucher).values_list("action", "actor"))
    assert actions == [("applied", firm_member.pk), ("issued", bureau.pk)]


def test_approval_never_exceeds_the_budget_left(scheme, firm, firm_member, provider, bureau):
    Scheme.objects.filter(pk=scheme.pk).update(voucher_committed=Decimal("990000.00"))
    voucher = apply(firm_member, firm, provider)
    with pytest.raises(ValidationError, match=r"10,000\.00"):
        svc.voucher_approve(voucher=voucher, user=bureau, face_value="10000.01")
    voucher.refresh_from_db()
    assert voucher.status == Voucher.Status.APPLIED and voucher.number is None
    svc.voucher_approve(voucher=voucher, user=bureau, face_value="10000.00")
    scheme.refresh_from_db()
    assert scheme.voucher_left == Decimal("0.00")


def test_the_enterprise_cap_holds_across_its_vouchers(scheme, firm, firm_member, provider, bureau):
    first = apply(firm_member, firm, provider, estimate="400000")
    svc.voucher_approve(voucher=first, user=bureau, face_value="150000")
    second = apply(firm_member, firm, provider, estimate="400000")
    assert svc.voucher_suggestion(second) == Decimal("50000.00")
    with pytest.raises(ValidationError):
        svc.voucher_approve(voucher=second, user=bureau, face_value="50000.01")
    svc.voucher_approve(voucher=second, user=bureau, face_value="50000")


def test_only_the_bureau_decides_and_never_on_its_own_case(
    scheme, firm, firm_member, provider, bureau, registrar, office
):
    voucher = apply(firm_member, firm, provider)
    for user in (firm_member, registrar):
        with pytest.raises(PermissionDenied):
            svc.voucher_approve(voucher=voucher, user=user, face_value="1000")
    from accounts.roles import Role
    from accounts.services import membership_grant

    membership_grant(user=bureau, organization=firm, role=Role.ENTERPRISE_MEMBER)
    bureau._portal_roles = None
    with pytest.raises(PermissionDenied, match="其他审核人"):
        svc.voucher_approve(voucher=voucher, user=bureau, face_value="1000")


def test_bad_applications_are_refused_with_messages(scheme, firm, firm_member, provider):
    with pytest.raises(ValidationError) as error:
        svc.voucher_apply(
            user=firm_member,
            enterprise=firm,
            provider=provider,
            category="ip",
            purpose="  ",
            estimate="12.345",
        )
    assert set(error.value.message_dict) == {"category", "purpose", "estimate"}
    assert not Voucher.objects.exists()


def test_applications_outside_the_window_are_refused(scheme, firm, firm_member, provider):
    Scheme.objects.filter(pk=scheme.pk).update(closes_on=today() - datetime.timedelta(days=1))
    if scheme.opens_on > today() - datetime.timedelta(days=1):
        Scheme.objects.filter(pk=scheme.pk).update(opens_on=today() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        apply(firm_member, firm, provider)
    assert not Voucher.objects.exists()


def test_only_listed_enterprises_qualify_when_the_scheme_says_so(
    scheme, firm, firm_member, provider
):
    scheme.only_listed_enterprises = True
    scheme.save()
    with pytest.raises(ValidationError):
        apply(firm_member, firm, provider)
    scheme.qualified_enterprises.add(firm)
    assert apply(firm_member, firm, provider).pk


def test_the_provider_claims_and_the_bureau_approves_the_payable_amount(
    issued, firm, provider, provider_member, institution, registrar, bureau, scheme
):
    contract = register_contract(
        seller_user=provider_member, seller=institution, buyer=firm, registrar=registrar
    )
    claim = svc.claim_submit(
        voucher=issued,
        user=provider_member,
        contract_id=contract.pk,
        invoice_number="41002300012345",
        fee="50000.00",
    )
    assert claim.proposed == Decimal("25000.00")  # 50% of the fee, within the voucher
    claim = svc.claim_approve(claim=claim, user=bureau)
    assert claim.status == Claim.Status.APPROVED and claim.amount == Decimal("25000.00")
    issued.refresh_from_db()
    assert issued.status == Voucher.Status.IN_USE and issued.left == Decimal("5000.00")
    claim = svc.claim_mark_paid(claim=claim, user=bureau, paid_on=today(), reference="PZ-001")
    assert claim.status == Claim.Status.PAID


def test_a_claim_pays_at_most_what_the_voucher_has_left(
    issued, firm, provider_member, institution, registrar, bureau
):
    contract = register_contract(
        seller_user=provider_member,
        seller=institution,
        buyer=firm,
        registrar=registrar,
        amount="100000.00",
        transaction="100000.00",
    )
    claim = svc.claim_submit(
        voucher=issued,
        user=provider_member,
        contract_id=contract.pk,
        invoice_number="F-1",
        fee="100000.00",
    )
    assert claim.proposed == Decimal("30000.00")
    svc.claim_approve(claim=claim, user=bureau)
    issued.refresh_from_db()
    assert issued.status == Voucher.Status.REDEEMED and issued.left == Decimal("0.00")


def test_claims_need_the_right_registered_contract(
    issued, firm, provider_member, institution, registrar, other_firm_member
):
    other_firm = other_firm_member.memberships.get().organization
    wrong_buyer = register_contract(
        seller_user=provider_member, seller=institution, buyer=other_firm, registrar=registrar
    )
    transfer = register_contract(
        seller_user=provider_member,
        seller=institution,
        buyer=firm,
        registrar=registrar,
        contract_type="transfer",
        subtype="patent_right",
        name="专利转让",
    )
    for contract in (wrong_buyer, transfer):
        with pytest.raises(ValidationError) as error:
            svc.claim_submit(
                voucher=issued,
                user=provider_member,
                contract_id=contract.pk,
                invoice_number="F-2",
                fee="1000",
            )
        assert "contract" in error.value.message_dict
    early = register_contract(
        seller_user=provider_member,
        seller=institution,
        buyer=firm,
        registrar=registrar,
        signed_on=today() - datetime.timedelta(days=30),
        name="早签合同",
    )
    with pytest.raises(ValidationError, match="有效期内"):
        svc.claim_submit(
            voucher=issued,
            user=provider_member,
            contract_id=early.pk,
            invoice_number="F-3",
            fee="1000",
        )
    assert not Claim.objects.exists()


def test_one_contract_is_claimed_once(issued, firm, provider_member, institution, registrar):
    contract = register_contract(
        seller_user=provider_member, seller=institution, buyer=firm, registrar=registrar
    )
    kwargs = {"voucher": issued, "user": provider_member, "contract_id": contract.pk, "fee": "100"}
    svc.claim_submit(invoice_number="F-1", **kwargs)
    with pytest.raises(ValidationError, match="已申请过"):
        svc.claim_submit(invoice_number="F-2", **kwargs)


def test_only_the_provider_claims(
    issued, firm, firm_member, provider_member, institution, registrar
):
    contract = register_contract(
        seller_user=provider_member, seller=institution, buyer=firm, registrar=registrar
    )
    with pytest.raises(PermissionDenied):
        svc.claim_submit(
            voucher=issued,
            user=firm_member,
            contract_id=contract.pk,
            invoice_number="F-1",
            fee="100",
        )


def test_expiry_returns_the_unused_value_to_the_budget(
    issued, firm, provider_member, institution, registrar, bureau, scheme
):
    contract = register_contract(
        seller_user=provider_member, seller=institution, buyer=firm, registrar=registrar
    )
    claim = svc.claim_submit(
        voucher=issued,
        user=provider_member,
        contract_id=contract.pk,
        invoice_number="F-1",
        fee="20000.00",
    )
    svc.claim_approve(claim=claim, user=bureau)  # pays 10,000 of 30,000
    later = issued.valid_until + datetime.timedelta(days=1)
    assert svc.vouchers_expire(today=issued.valid_until) == 0
    assert svc.vouchers_expire(today=later) == 1
    issued.refresh_from_db()
    scheme.refresh_from_db()
    assert issued.status == Voucher.Status.EXPIRED
    assert issued.returned == Decimal("20000.00")
    assert scheme.voucher_committed == Decimal("10000.00")
    assert svc.vouchers_expire(today=later) == 0
    event = FundingEvent.objects.get(voucher=issued, action="expired")
    assert event.actor is None and event.changes == {"returned": "20000.00"}


def test_a_pending_claim_holds_off_expiry(issued, firm, provider_member, institution, registrar):
    contract = register_contract(
        seller_user=provider_member, seller=institution, buyer=firm, registrar=registrar
    )
    svc.claim_submit(
        voucher=issued,
        user=provider_member,
        contract_id=contract.pk,
        invoice_number="F-1",
        fee="1000",
    )
    assert svc.vouchers_expire(today=issued.valid_until + datetime.timedelta(days=1)) == 0


def test_withdrawing_an_unused_voucher_returns_its_value(issued, firm_member, scheme):
    svc.voucher_withdraw(voucher=issued, user=firm_member)
    issued.refresh_from_db()
    scheme.refresh_from_db()
    assert issued.status == Voucher.Status.WITHDRAWN
    assert scheme.voucher_committed == Decimal("0.00")


def test_the_bureau_withdraws_only_with_a_reason(issued, bureau, scheme):
    with pytest.raises(ValidationError):
        svc.voucher_withdraw(voucher=issued, user=bureau, reason=" ")
    issued.refresh_from_db()
    assert issued.status == Voucher.Status.ISSUED
    svc.voucher_withdraw(voucher=issued, user=bureau, reason="虚假申报，收回")


# --- subsidies -----------------------------------------------------------------------------------


@pytest.fixture
def transfer(firm, provider_member, institution, registrar):
    return register_contract(
        seller_user=provider_member,
        seller=institution,
        buyer=firm,
        registrar=registrar,
        contract_type="transfer",
        subtype="patent_right",
        amount="1500000.00",
        transaction="1200000.00",
        name="高性能镁合金专利转让合同",
    )


def test_a_subsidy_is_computed_approved_and_paid(scheme, firm, firm_member, transfer, bureau):
    subsidy = svc.subsidy_apply(
        user=firm_member, enterprise=firm, contract_id=transfer.pk, paid_to_seller="1000000.00"
    )
    # basis: what was paid (1,000,000), within the verified 1,200,000; 10% = 100,000
    assert subsidy.basis == Decimal("1000000.00")
    assert subsidy.proposed == Decimal("100000.00")
    subsidy = svc.subsidy_approve(subsidy=subsidy, user=bureau)
    assert subsidy.status == Subsidy.Status.APPROVED and subsidy.amount == Decimal("100000.00")
    scheme.refresh_from_db()
    assert scheme.subsidy_committed == Decimal("100000.00")
    svc.subsidy_mark_paid(subsidy=subsidy, user=bureau, paid_on=today(), reference="PZ-9")
    subsidy.refresh_from_db()
    assert subsidy.status == Subsidy.Status.PAID


def test_the_cap_per_contract_limits_the_proposal(scheme, firm, firm_member, transfer):
    subsidy = svc.subsidy_apply(
        user=firm_member, enterprise=firm, contract_id=transfer.pk, paid_to_seller="1500000.00"
    )
    assert subsidy.basis == Decimal("1200000.00")  # never above the verified amount
    assert subsidy.proposed == Decimal("120000.00")
    Scheme.objects.filter(pk=scheme.pk).update(subsidy_cap_per_contract=Decimal("50000"))
    subsidy.delete()
    again = svc.subsidy_apply(
        user=firm_member, enterprise=firm, contract_id=transfer.pk, paid_to_seller="1500000.00"
    )
    assert again.proposed == Decimal("50000.00")


def test_an_adjustment_needs_a_reason_and_stays_within_the_rule(
    scheme, firm, firm_member, transfer, bureau
):
    subsidy = svc.subsidy_apply(
        user=firm_member, enterprise=firm, contract_id=transfer.pk, paid_to_seller="1000000"
    )
    with pytest.raises(ValidationError, match="理由"):
        svc.subsidy_approve(subsidy=subsidy, user=bureau, amount="80000")
    with pytest.raises(ValidationError):
        svc.subsidy_approve(subsidy=subsidy, user=bureau, amount="100000.01", reason="多给")
    subsidy.refresh_from_db()
    assert subsidy.status == Subsidy.Status.SUBMITTED
    subsidy = svc.subsidy_approve(
        subsidy=subsidy, user=bureau, amount="80000", reason="部分款项为设备费，不予计入"
    )
    assert subsidy.amount == Decimal("80000.00")
    assert subsidy.adjustment_reason == "部分款项为设备费，不予计入"


def test_one_application_per_contract_and_only_transfers_bought(
    scheme, firm, firm_member, transfer, provider_member, institution, registrar
):
    svc.subsidy_apply(
        user=firm_member, enterprise=firm, contract_id=transfer.pk, paid_to_seller="1"
    )
    with pytest.raises(ValidationError, match="已申请过"):
        svc.subsidy_apply(
            user=firm_member, enterprise=firm, contract_id=transfer.pk, paid_to_seller="1"
        )
    service = register_contract(
        seller_user=provider_member, seller=institution, buyer=firm, registrar=registrar
    )
    with pytest.raises(ValidationError):
        svc.subsidy_apply(
            user=firm_member, enterprise=firm, contract_id=service.pk, paid_to_seller="1"
        )
    assert Subsidy.objects.count() == 1


def test_the_subsidy_budget_is_never_exceeded(scheme, firm, firm_member, transfer, bureau):
    Scheme.objects.filter(pk=scheme.pk).update(subsidy_committed=Decimal("1950000.00"))
    subsidy = svc.subsidy_apply(
        user=firm_member, enterprise=firm, contract_id=transfer.pk, paid_to_seller="1000000"
    )
    with pytest.raises(ValidationError, match=r"50,000\.00"):
        svc.subsidy_approve(subsidy=subsidy, user=bureau)
    subsidy.refresh_from_db()
    assert subsidy.status == Subsidy.Status.SUBMITTED

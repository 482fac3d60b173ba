"""A funding world: this year's scheme, the science bureau, an enterprise, a listed provider
(a university), a registrar, and helpers that register real contracts through the contract
services."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.roles import OrganizationKind, Role
from accounts.services import membership_grant
from market.contracts.services import contract_create, contract_register, contract_submit
from market.funding import services as svc
from market.funding.models import Scheme
from market.funding.services import provider_list
from tests.factories import InstitutionFactory, OrganizationFactory, UserFactory
from tests.factories import term as vocabulary_term

PDF = b"%PDF-1.7\n% signed contract\n"


def member(organization, role, username):
    user = UserFactory(username=username)
    membership_grant(user=user, organization=organization, role=role)
    return user


def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def office(db):
    return OrganizationFactory(
        kind=OrganizationKind.GOVERNMENT, name="鹤壁市科学技术局", slug="stb"
    )


@pytest.fixture
def bureau(office):
    return member(office, Role.BUREAU_REVIEWER, "bureau")


@pytest.fixture
def bureau_2(office):
    return member(office, Role.BUREAU_REVIEWER, "bureau_2")


@pytest.fixture
def registrar(db):
    contract_office = OrganizationFactory(
        kind=OrganizationKind.GOVERNMENT, name="鹤壁市技术合同登记处", slug="contract-office"
    )
    return member(contract_office, Role.REGISTRAR, "registrar")


@pytest.fixture
def firm(db):
    return OrganizationFactory(
        name="鹤壁天海电器有限公司", slug="tianhai", district=vocabulary_term("district", "410611")
    )


@pytest.fixture
def firm_member(firm):
    return member(firm, Role.ENTERPRISE_MEMBER, "firm_member")


@pytest.fixture
def other_firm_member(db):
    other = OrganizationFactory(name="鹤壁中维化纤有限公司", slug="zhongwei")
    return member(other, Role.ENTERPRISE_MEMBER, "other_firm")


@pytest.fixture
def institution(db):
    return InstitutionFactory(name="郑州大学", slug="zzu")


@pytest.fixture
def provider(institution, bureau):
    return provider_list(
        organization=institution, user=bureau, categories=["testing", "consulting", "development"]
    )


@pytest.fixture
def provider_member(institution):
    return member(institution, Role.UNIVERSITY_EDITOR, "provider_member")


def make_scheme() -> Scheme:
    """This year's scheme: 50% of a fee, 10万 a claim, 20万 an enterprise; subsidies 10%."""
    year = today().year
    return Scheme.objects.create(
        year=year,
        name=f"{year}年鹤壁市科技创新券",
        opens_on=datetime.date(year, 1, 1),
        closes_on=datetime.date(year, 12, 31),
        categories=["testing", "design", "development", "consulting", "service"],
        voucher_budget=Decimal("1000000.00"),
        voucher_share=Decimal("0.5"),
        enterprise_cap=Decimal("200000.00"),
        claim_cap=Decimal("100000.00"),
        validity_days=180,
        subsidy_budget=Decimal("2000000.00"),
        subsidy_rate=Decimal("0.1"),
        subsidy_cap_per_contract=Decimal("200000.00"),
        subsidy_cap_per_enterprise=Decimal("1000000.00"),
    )


@pytest.fixture
def scheme(db):
    return make_scheme()


def register_contract(
    *,
    seller_user,
    seller,
    buyer,
    registrar,
    contract_type="service",
    subtype="service",
    amount="100000.00",
    transaction="90000.00",
    signed_on=None,
    name="检测服务合同",
):
    """A contract drafted, submitted and registered through the contract services."""
    signed_on = signed_on or today()
    contract = contract_create(
        user=seller_user,
        seller=seller,
        data={
            "name": name,
            "contract_type": contract_type,
            "subtype": subtype,
            "buyer_organization": buyer,
            "signed_on": signed_on,
            "term_start": signed_on,
            "term_end": signed_on + datetime.timedelta(days=90),
            "contract_amount": Decimal(amount),
            "declared_transaction_amount": Decimal(transaction),
            "document": SimpleUploadedFile("c.pdf", PDF, content_type="application/pdf"),
        },
    )
    contract_submit(contract=contract, user=seller_user)
    return contract_register(contract=contract, user=registrar, transaction_amount=transaction)


def voucher_application(
    user,
    enterprise,
    provider,
    purpose="镁合金压铸件盐雾试验与金相检测",
    estimate="40000",
    category="testing",
):
    """An application for a voucher, through the service."""
    return svc.voucher_apply(
        user=user,
        enterprise=enterprise,
        provider=provider,
        category=category,
        purpose=purpose,
        estimate=estimate,
    )


def funding_cases(*, firm, firm_member, provider, provider_member, institution, registrar, bureau):
    """One of each thing a person may act on: an application waiting for the bureau, an issued
    voucher, a claim against it for a registered contract, a purchase subsidy applied for."""
    applied = voucher_application(firm_member, firm, provider, "待审核的申请")
    issued = svc.voucher_approve(
        voucher=voucher_application(firm_member, firm, provider, "已发放的券"),
        user=bureau,
        face_value="20000",
    )
    contract = register_contract(
        seller_user=provider_member, seller=institution, buyer=firm, registrar=registrar
    )
    claim = svc.claim_submit(
        voucher=issued,
        user=provider_member,
        contract_id=contract.pk,
        invoice_number="F-1",
        fee="10000",
    )
    transfer = register_contract(
        seller_user=provider_member,
        seller=institution,
        buyer=firm,
        registrar=registrar,
        contract_type="transfer",
        subtype="patent_right",
        name="专利转让合同",
    )
    subsidy = svc.subsidy_apply(
        user=firm_member, enterprise=firm, contract_id=transfer.pk, paid_to_seller="90000"
    )
    return {"applied": applied, "issued": issued, "claim": claim, "subsidy": subsidy}

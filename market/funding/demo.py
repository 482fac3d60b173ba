"""Demo data for a voucher and subsidy scheme in progress, made through the funding services so
every history reads like real use.

The science bureau (鹤壁市科学技术局, account ``demo_bureau``) runs this year's scheme: a
budget, the services covered, listed providers. demo_enterprise's firm has a voucher in use
(浙江大学 claimed against it with a registered service contract; the claim is approved and on
the payment list) and a fresh application waiting for the bureau; other firms hold vouchers
issued, redeemed (its claim paid), expired, withdrawn and applied for. Three enterprises that
bought technology (registered transfer or licence contracts of the demo) have subsidies: one
paid, one approved with an adjustment, one waiting. Nothing is written when this year's scheme
exists already.
"""

import datetime
import zlib
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import Organization, User
from accounts.roles import Role
from accounts.services import membership_grant
from market.contracts.selectors import registered_contracts
from market.contracts.services import contract_create, contract_register, contract_submit
from market.funding import services as svc
from market.funding.models import Scheme, Voucher

BUREAU_USERNAME = "demo_bureau"
PDF = b"%PDF-1.4\n% demo service contract\n"

# organization slug -> services it is listed for
PROVIDERS = {
    "zju": ["testing", "design", "development", "consulting", "service"],
    "zzu": ["testing", "consulting", "development", "service"],
    "semi-cas": ["testing", "design", "development"],
    "hnagri": ["testing", "consulting", "service", "pilot"],
    "hebi-techmarket": ["consulting", "service", "ip"],
}


def _bureau_user(password: str, report) -> User:
    user = User.objects.filter(username=BUREAU_USERNAME).first()
    if user is None:
        user = User(
            username=BUREAU_USERNAME,
            first_name="冯科长",
            email=f"{BUREAU_USERNAME}@demo.techmarket.example",
        )
        user.set_password(password)
        user.save()
        report.add("users")
    membership_grant(
        user=user, organization=Organization.objects.get(slug="hebi-stb"), role=Role.BUREAU_REVIEWER
    )
    return user


def _member(organization: Organization) -> User | None:
    membership = organization.memberships.filter(role=Role.ENTERPRISE_MEMBER).first()
    return membership.user if membership else None


def _service_contract(*, seller_user, seller, buyer, registrar, name, amount, signed_copy=None):
    """A registered service contract; its signed copy a one-page PDF made by ``signed_copy``
    (the demo's contract PDFs), or a bare placeholder without one."""
    today = timezone.localdate()
    document = (
        signed_copy(
            number=f"HB{today:%Y}-F{zlib.crc32(name.encode()) % 1000:03d}",
            name=name,
            contract_type="技术服务",
            seller=seller.name,
            buyer=buyer.name,
            amount=Decimal(amount),
            signed_on=today,
            months=2,
        )
        if signed_copy
        else PDF
    )
    contract = contract_create(
        user=seller_user,
        seller=seller,
        data={
            "name": name,
            "contract_type": "service",
            "subtype": "service",
            "buyer_organization": buyer,
            "signed_on": today,
            "term_start": today,
            "term_end": today + datetime.timedelta(days=60),
            "contract_amount": Decimal(amount),
            "declared_transaction_amount": Decimal(amount),
            "document": ContentFile(document, name="service.pdf"),
        },
    )
    contract_submit(contract=contract, user=seller_user)
    return contract_register(contract=contract, user=registrar, transaction_amount=amount)


def seed_funding(*, users: dict, password: str, report, signed_copy=None) -> None:
    """This year's scheme in progress, unless it exists already."""
    today = timezone.localdate()
    bureau = _bureau_user(password, report)
    if Scheme.objects.filter(year=today.year).exists():
        return
    Scheme.objects.create(
        year=today.year,
        name=f"{today.year}年鹤壁市科技创新券与技术交易奖补",
        opens_on=datetime.date(today.year, 1, 1),
        closes_on=datetime.date(today.year, 12, 31),
        categories=["testing", "design", "development", "consulting", "service", "pilot"],
        voucher_budget=Decimal("5000000.00"),
        voucher_share=Decimal("0.5"),
        enterprise_cap=Decimal("200000.00"),
        claim_cap=Decimal("100000.00"),
        validity_days=180,
        subsidy_budget=Decimal("10000000.00"),
        subsidy_rate=Decimal("0.1"),
        subsidy_cap_per_contract=Decimal("200000.00"),
        subsidy_cap_per_enterprise=Decimal("1000000.00"),
    )
    report.add("funding schemes")
    providers = {}
    for slug, categories in PROVIDERS.items():
        organization = Organization.objects.filter(slug=slug).first()
        if organization is not None:
            providers[slug] = svc.provider_list(
                organization=organization, user=bureau, categories=categories
            )
            report.add("voucher providers")

    enterprise_user = users["demo_enterprise"]
    firm = enterprise_user.memberships.get(role=Role.ENTERPRISE_MEMBER).organization
    zju = providers["zju"]

    def voucher(user, enterprise, provider, category, purpose, estimate, face=None):
        made = svc.voucher_apply(
            user=user,
            enterprise=enterprise,
            provider=provider,
            category=category,
            purpose=purpose,
            estimate=estimate,
        )
        report.add("vouchers")
        if face is not None:
            made = svc.voucher_approve(voucher=made, user=bureau, face_value=face)
        return made

    # demo_enterprise: a voucher in use, its claim approved and on the payment list ...
    in_use = voucher(
        enterprise_user,
        firm,
        zju,
        "testing",
        "阵列波导光栅芯片高低温循环与湿热可靠性测试，出具检测报告。",
        "160000.00",
        face="80000.00",
    )
    contract = _service_contract(
        seller_user=users["demo_university"],
        seller=zju.organization,
        buyer=firm,
        registrar=users["demo_registrar"],
        name="光波导芯片可靠性检测技术服务合同",
        amount="120000.00",
        signed_copy=signed_copy,
    )
    claim = svc.claim_submit(
        voucher=in_use,
        user=users["demo_university"],
        contract_id=contract.pk,
        invoice_number="41002600018842",
        fee="120000.00",
    )
    svc.claim_approve(claim=claim, user=bureau)
    report.add("voucher claims")
    # ... and a new application for the bureau to decide.
    voucher(
        enterprise_user,
        firm,
        providers.get("semi-cas", zju),
        "design",
        "硅基光互连封装结构的热仿真与版图优化设计。",
        "90000.00",
    )

    others = [
        organization
        for organization in Organization.objects.filter(kind="enterprise", verified=True)
        .exclude(pk=firm.pk)
        .order_by("pk")
        if _member(organization) is not None
    ][:5]
    plans = [
        ("hnagri", "testing", "速冻面点微生物与营养成分检测。", "40000.00", "20000.00", None),
        (
            "zzu",
            "consulting",
            "镁合金压铸生产线工艺诊断与节能咨询。",
            "60000.00",
            "30000.00",
            "expire",
        ),
        (
            "zju",
            "development",
            "汽车线束检测工装的视觉识别算法开发。",
            "100000.00",
            "50000.00",
            "withdraw",
        ),
        ("zju", "testing", "化纤原丝力学性能与热稳定性检测。", "30000.00", "15000.00", "redeem"),
        ("zzu", "consulting", "酒类包装线自动化改造咨询。", "30000.00", None, None),
    ]
    for organization, (slug, category, purpose, estimate, face, end) in zip(
        others, plans, strict=False
    ):
        made = voucher(
            _member(organization),
            organization,
            providers.get(slug, zju),
            category,
            purpose,
            estimate,
            face=face,
        )
        if end == "expire":
            # issued half a year ago and never used: the daily job expires it
            Voucher.objects.filter(pk=made.pk).update(
                valid_from=today - datetime.timedelta(days=200),
                valid_until=today - datetime.timedelta(days=20),
            )
            svc.vouchers_expire(today=today)
        elif end == "withdraw":
            svc.voucher_withdraw(voucher=made, user=_member(organization))
        elif end == "redeem":
            # the whole face value paid on one claim, and the finance office has paid it
            service = _service_contract(
                seller_user=users["demo_university"],
                seller=zju.organization,
                buyer=organization,
                registrar=users["demo_registrar"],
                name="化纤原丝性能检测技术服务合同",
                amount="40000.00",
                signed_copy=signed_copy,
            )
            paid = svc.claim_approve(
                claim=svc.claim_submit(
                    voucher=made,
                    user=users["demo_university"],
                    contract_id=service.pk,
                    invoice_number="41002600020517",
                    fee="40000.00",
                ),
                user=bureau,
            )
            svc.claim_mark_paid(
                claim=paid, user=bureau, paid_on=today, reference=f"HBKJ-{today.year}-CXQ-0001"
            )
            report.add("voucher claims")

    # purchase subsidies on the demo's registered transfer and licence contracts
    seen = set()
    subsidies = []
    for contract in registered_contracts(types=svc.SUBSIDY_CONTRACT_TYPES):
        buyer = contract.buyer_organization
        if (
            buyer is None
            or buyer.pk in seen
            or not contract.buyer_region.startswith(svc.PROVINCE_PREFIX)
            or _member(buyer) is None
            or contract.registered_on.year not in (today.year, today.year - 1)
        ):
            continue
        seen.add(buyer.pk)
        paid = (contract.transaction_amount * Decimal("0.8")).quantize(Decimal("0.01"))
        subsidies.append(
            svc.subsidy_apply(
                user=_member(buyer), enterprise=buyer, contract_id=contract.pk, paid_to_seller=paid
            )
        )
        report.add("purchase subsidies")
        if len(subsidies) == 3:
            break
    if subsidies:
        first = svc.subsidy_approve(subsidy=subsidies[0], user=bureau)
        svc.subsidy_mark_paid(
            subsidy=first, user=bureau, paid_on=today, reference=f"HBKJ-{today.year}-0001"
        )
    if len(subsidies) > 1:
        lower = (subsidies[1].proposed * Decimal("0.9")).quantize(Decimal("0.01"))
        svc.subsidy_approve(
            subsidy=subsidies[1],
            user=bureau,
            amount=lower,
            reason="发票中含设备购置费约一成，不计入技术交易额。",
        )

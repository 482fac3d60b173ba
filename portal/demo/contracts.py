"""Demo technology contracts: this year's registrations at Hebi's technology contract office.

About 300 contracts, all made through the contract services so their histories read like real
use: the partner institutions sell development, transfer, licence, consulting and service
contracts to Hebi enterprises, and some Hebi enterprises sell technical services to each other.
Most are registered; some wait for review or a second review, a few were returned or not
registered, a few are still drafts. Everything is drawn from random.Random(2020), so every run
of a fresh database gives the same market.

The services stamp every step with the present moment; the dates are then moved back to when
the contracts were signed, submitted and registered, so the year's month chart has a story: a
quiet Spring Festival, pushes at the end of June and September, and a busy autumn.
"""

import io
import json
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_DOWN, Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from accounts.models import Organization, User
from accounts.roles import Role
from accounts.services import membership_grant
from market.contracts import services
from market.contracts.models import (
    SUBTYPES,
    Contract,
    ContractEvent,
    ContractSubtype,
    ContractType,
)
from portal.demo.enterprises import DATA_DIR, enterprise_user, load_enterprises

DEMO_EMAIL_DOMAIN = "demo.techmarket.example"
CONTRACT_COUNT = 300
CJK_FONT = "STSong-Light"  # a PDF CID font readers supply: no font file ships or is read

# Where each partner institution is (GB/T 2260), how much it sells, and what it offers to
# which of Hebi's industries ("*": to any enterprise).
INSTITUTIONS = {
    "semi-cas": {
        "region": "110108",
        "weight": 10,
        "topics": {
            "optoelectronics": (
                "硅基光互连芯片封装",
                "大功率半导体激光器芯片",
                "红外LED芯片外延",
                "阵列波导光栅芯片设计",
                "微型光谱传感器",
            ),
            "auto-parts-electrics": (
                "车载激光雷达光源模块",
                "氮化镓车载充电器功率器件",
                "车规级光纤温度传感器",
            ),
            "*": ("光纤光栅传感解调仪",),
        },
    },
    "dicp-cas": {
        "region": "210204",
        "weight": 10,
        "topics": {
            "clean-energy-materials": (
                "煤焦油加氢制芳烃催化剂",
                "焦炉煤气变压吸附制氢",
                "甲醇制烯烃副产物利用",
                "二氧化碳加氢制甲醇",
                "锂电池电解液添加剂",
            ),
            "magnesium": ("镁基固态储氢材料", "镁冶炼还原渣资源化"),
            "*": ("VOCs催化燃烧装置", "燃料电池膜电极批量制备"),
        },
    },
    "iccas": {
        "region": "110108",
        "weight": 10,
        "topics": {
            "clean-energy-materials": (
                "聚乳酸耐热改性",
                "PBAT/PLA共混吹膜",
                "PTT纤维抗起球改性",
                "全生物降解地膜配方",
            ),
            "optoelectronics": ("光学级聚酰亚胺薄膜", "光学镜片防雾涂层"),
            "auto-parts-electrics": (
                "阻燃聚碳酸酯合金",
                "线缆用无卤阻燃聚烯烃",
                "高性能尼龙工程塑料",
            ),
            "green-food": ("食品包装用可降解膜",),
        },
    },
    "zju": {
        "region": "330106",
        "weight": 18,
        "topics": {
            "optoelectronics": ("光学镜片表面缺陷机器视觉检测", "光模块自动化测试系统"),
            "auto-parts-electrics": ("汽车电子功能安全", "5G毫米波车载天线模组"),
            "magnesium": ("压铸岛智能控制系统",),
            "green-food": (
                "智能灌溉水肥一体化系统",
                "速冻食品冷链追溯系统",
                "面制品风味物质检测",
            ),
            "*": ("工业互联网数据采集平台", "企业数字化转型诊断"),
        },
    },
    "buaa": {
        "region": "110108",
        "weight": 12,
        "topics": {
            "auto-parts-electrics": (
                "线束自动化装配产线",
                "汽车连接器可靠性试验",
                "车载电子电磁兼容设计",
            ),
            "magnesium": (
                "镁合金结构件轻量化设计",
                "压铸件X射线无损检测",
                "镁合金轮毂半固态压铸",
            ),
            "green-food": ("无人机植保巡检系统",),
            "*": ("生产排程优化系统", "精密模具数字孪生"),
        },
    },
    "zzu": {
        "region": "410102",
        "weight": 16,
        "topics": {
            "magnesium": ("镁合金熔体净化", "镁合金表面微弧氧化", "镁合金挤压型材工艺"),
            "green-food": ("小麦麸皮膳食纤维提取", "鲜湿面品质改良"),
            "clean-energy-materials": ("煤系针状焦石墨化工艺", "化工废水高级氧化处理"),
            "optoelectronics": ("高导热氮化铝陶瓷基板",),
            "*": ("耐火材料配方优化",),
        },
    },
    "tju": {
        "region": "120104",
        "weight": 12,
        "topics": {
            "clean-energy-materials": (
                "精馏塔热泵节能改造",
                "BDO装置工艺优化",
                "膜分离回收有机溶剂",
                "化纤熔融纺丝工艺仿真",
            ),
            "optoelectronics": ("精密光学测量仪器",),
            "auto-parts-electrics": ("高压连接器屏蔽结构设计",),
            "*": ("化工过程安全评估", "工业循环水处理", "厂房屋顶光伏一体化"),
        },
    },
    "hnagri": {
        "region": "410105",
        "weight": 12,
        "topics": {
            "green-food": (
                "小麦新品种",
                "玉米密植高产栽培",
                "小麦节水灌溉制度",
                "食用菌工厂化栽培",
                "果蔬冷链保鲜",
                "大豆玉米带状复合种植",
                "小麦病虫害绿色防控",
                "畜禽粪污资源化利用",
            ),
        },
    },
}

# Hebi enterprises that sell technical services, and what they offer.
SERVICE_FIRMS = {
    "shijia-photon": ("光器件可靠性检测", "光纤连接器端面检测", "PLC芯片测试", "洁净车间运维"),
    "guoli-optoelectronics": ("光学镀膜工艺", "镜头组件装调", "光学元件检测"),
    "tianhai-electric": ("线束电性能检测", "连接器端子压接工艺", "线束工装设计"),
    "meiyuan-alloy": ("镁合金材料成分检测分析", "镁合金熔炼工艺"),
    "hengmei-diecasting": ("镁合金压铸模具设计", "压铸工艺调试", "压铸件质量检测"),
    "tangu-carbon": ("炭材料检测分析", "负极材料工艺", "锂电材料检测"),
    "xintuoyang-bio": ("食品理化指标检测", "发酵工艺"),
    "fenghe-agritech": ("订单小麦种植技术", "农田物联网运维", "农机作业"),
    "yunqi-it": ("工业软件实施", "企业信息系统运维", "网络安全等级保护测评", "工业APP开发"),
    "chuitian-tech": ("智能灌溉控制终端调试", "数据中心运维", "物联网平台部署"),
}
BROKER_FIRMS = ("yunqi-it",)

# Which institutions take up a need of each technology field.
FIELD_INSTITUTIONS = {
    "electronic-information": ("semi-cas", "zju", "buaa"),
    "new-materials": ("iccas", "zzu", "dicp-cas"),
    "advanced-manufacturing": ("buaa", "tju", "zju"),
    "resources-environment": ("dicp-cas", "tju", "zzu"),
    "new-energy": ("dicp-cas", "tju", "semi-cas"),
    "biomedicine": ("hnagri", "zzu", "zju"),
}

SUFFIX = {
    ContractSubtype.COMMISSIONED: "技术开发合同",
    ContractSubtype.COOPERATIVE: "合作开发合同",
    ContractSubtype.PATENT_RIGHT: "专利权转让合同",
    ContractSubtype.PATENT_APPLICATION: "专利申请权转让合同",
    ContractSubtype.KNOW_HOW: "技术秘密转让合同",
    ContractSubtype.OTHER_TRANSFER: "技术转让合同",
    ContractSubtype.PATENT_LICENCE: "专利实施许可合同",
    ContractSubtype.KNOW_HOW_LICENCE: "技术秘密许可合同",
    ContractSubtype.CONSULTING: "技术咨询合同",
    ContractSubtype.SERVICE: "技术服务合同",
    ContractSubtype.TRAINING: "技术培训合同",
    ContractSubtype.BROKERAGE: "技术中介服务合同",
}

# How often institutions sign each type of contract.
INSTITUTION_TYPES = (
    (ContractType.DEVELOPMENT, 45),
    (ContractType.TRANSFER, 12),
    (ContractType.LICENCE, 8),
    (ContractType.CONSULTING, 10),
    (ContractType.SERVICE, 25),
)

# Signing by month: Spring Festival is quiet, the end of each half and quarter busy, and the
# market grows through the year.
MONTH_WEIGHTS = (0.8, 0.4, 1.0, 1.0, 1.1, 1.6, 0.9, 0.8, 1.4, 0.9, 1.5, 1.8)

RETURN_REASONS = (
    "合同文本缺少双方签章页，请上传完整的签字盖章版本。",
    "申报的技术交易额未扣除设备和材料费用，请核实后重新申报。",
    "合同履行期限与合同文本不一致，请更正。",
    "买方名称与统一社会信用代码不一致，请核对。",
)
REJECT_REASONS = (
    "合同主要内容为设备采购，不属于技术合同，未予登记。",
    "合同标的为通用软件销售，不属于技术开发、转让、许可、咨询或服务。",
    "当事人未在规定期限内补正材料，未予登记。",
)

STATE_COUNTS = {  # the rest is registered
    Contract.Status.DRAFT: 10,
    Contract.Status.SUBMITTED: 14,
    Contract.Status.RETURNED: 8,
    Contract.Status.REJECTED: 6,
    Contract.Status.SECOND_REVIEW: 3,
}
LARGE_REGISTERED = 1
MEDIUM = 20
RECENT = 60  # pending contracts are among the most recently signed


@dataclass
class Plan:
    seller: Organization
    buyer: Organization
    contract_type: str
    subtype: str
    topic: str
    signed_on: date
    institution: bool
    need: object = None
    outcome: object = None
    state: str = Contract.Status.REGISTERED
    size: str = "small"
    lag: int = 0


def _moment(day: date, hour: int, minute: int = 0) -> datetime:
    moment = timezone.make_aware(datetime.combine(day, time(hour, minute)))
    return min(moment, timezone.now())


def _hundreds(amount: Decimal) -> Decimal:
    return (amount / 100).to_integral_value(rounding=ROUND_DOWN) * 100


def _system_user(username: str, name: str, organization: Organization, role: str, report) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, first_name=name, email=f"{username}@{DEMO_EMAIL_DOMAIN}")
        user.set_unusable_password()
        user.save()
        report.add("users")
    if not user.memberships.filter(organization=organization, role=role).exists():
        report.add("memberships")
    membership_grant(user=user, organization=organization, role=role)
    return user


def _signing_date(rng: random.Random, today: date, earliest: date | None = None) -> date:
    start = max(date(today.year, 1, 1), earliest or date(today.year, 1, 1))
    if start > today:
        return today
    months = range(start.month, today.month + 1)
    weights = []
    for month in months:
        first = date(today.year, month, 1)
        last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        days = (min(last, today) - max(first, start)).days + 1
        weights.append(MONTH_WEIGHTS[month - 1] * (1 + 0.06 * month) * days / last.day)
    month = rng.choices(list(months), weights=weights)[0]
    first = max(date(today.year, month, 1), start)
    last = (date(today.year, month, 28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    last = min(last, today)
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _amounts(rng: random.Random, plan: Plan) -> tuple[Decimal, Decimal]:
    # Sized so the demo year nears the 5000万 target without passing it long before December.
    if plan.size == "large":
        amount = Decimal(rng.randint(100, 120)) * 100_000
    elif plan.size == "medium":
        amount = Decimal(rng.randint(20, 80)) * 10_000
    else:
        modest = (ContractSubtype.TRAINING, ContractSubtype.CONSULTING)
        high = 120_000 if plan.subtype in modest else 300_000
        amount = Decimal(round(15_000 * (high / 15_000) ** rng.random(), -3))
    if plan.contract_type in (ContractType.CONSULTING, ContractType.SERVICE) and rng.random() < 0.5:
        declared = amount
    else:
        declared = min(amount, _hundreds(amount * Decimal(str(rng.uniform(0.6, 1.0)))))
    return amount, declared


def _verified(rng: random.Random, declared: Decimal) -> Decimal:
    if rng.random() < 0.7:
        return declared
    return max(Decimal("100"), _hundreds(declared * Decimal(str(rng.uniform(0.9, 0.99)))))


def _original_outcome_slugs() -> set[str]:
    """The outcomes written for the demo: real offers, unlike the papers drawn from CSL."""
    with open(DATA_DIR / "outcomes_original.jsonl", encoding="utf-8") as fh:
        return {json.loads(line)["slug"] for line in fh if line.strip()}


def _plans(rng: random.Random, today: date, enterprises: list[Organization]) -> list[Plan]:
    from cms.models import InstitutionPage, OutcomePage
    from market.needs.models import Need

    institutions = {o.slug: o for o in Organization.objects.filter(slug__in=INSTITUTIONS)}
    firms = {o.slug: o for o in enterprises}
    originals = _original_outcome_slugs()
    outcomes = {}
    for slug, organization in institutions.items():
        section = InstitutionPage.objects.filter(organization=organization).first()
        found = OutcomePage.objects.none()
        if section is not None:
            found = OutcomePage.objects.child_of(section).live().filter(slug__in=originals)
        outcomes[slug] = [
            (outcome, {term.code for term in outcome.industries.all()})
            for outcome in found.order_by("pk")
        ]

    def industry(enterprise: Organization) -> str:
        return enterprise.industry.code if enterprise.industry else ""

    def buyer_in(industries, exclude=None, strict: bool = False) -> Organization:
        others = [e for e in enterprises if e != exclude]
        preferred = [e for e in others if industry(e) in industries]
        return rng.choice(preferred if preferred and (strict or rng.random() < 0.8) else others)

    plans: list[Plan] = []
    # Contracts that answer a published need of the buyer.
    needs = Need.objects.filter(status=Need.Status.PUBLISHED).select_related(
        "organization", "tech_field"
    )
    for need in needs.order_by("pk"):
        if rng.random() > 0.6:
            continue
        slug = rng.choice(FIELD_INSTITUTIONS.get(need.tech_field.code, tuple(INSTITUTIONS)))
        published = timezone.localtime(need.published_at).date() if need.published_at else None
        earliest = published + timedelta(days=7) if published else None
        plans.append(
            Plan(
                seller=institutions[slug],
                buyer=need.organization,
                contract_type=ContractType.DEVELOPMENT,
                subtype=rng.choice(SUBTYPES[ContractType.DEVELOPMENT]),
                topic=need.title,
                signed_on=_signing_date(rng, today, earliest),
                institution=True,
                need=need,
            )
        )

    slugs = list(INSTITUTIONS)
    weights = [INSTITUTIONS[s]["weight"] for s in slugs]
    types, type_weights = zip(*INSTITUTION_TYPES, strict=True)
    firm_slugs = [s for s in SERVICE_FIRMS if s in firms]
    while len(plans) < CONTRACT_COUNT:
        if firm_slugs and rng.random() < 0.18:
            slug = rng.choice(firm_slugs)
            seller = firms[slug]
            if slug in BROKER_FIRMS and rng.random() < 0.3:
                contract_type, subtype = ContractType.SERVICE, ContractSubtype.BROKERAGE
                topic = "科技成果转化"
            else:
                contract_type = rng.choices(
                    (ContractType.SERVICE, ContractType.CONSULTING), weights=(4, 1)
                )[0]
                subtype = (
                    rng.choices((ContractSubtype.SERVICE, ContractSubtype.TRAINING), (3, 1))[0]
                    if contract_type == ContractType.SERVICE
                    else ContractSubtype.CONSULTING
                )
                topic = rng.choice(SERVICE_FIRMS[slug])
            plans.append(
                Plan(
                    seller=seller,
                    buyer=buyer_in({industry(seller)} - {""}, exclude=seller),
                    contract_type=contract_type,
                    subtype=subtype,
                    topic=topic,
                    signed_on=_signing_date(rng, today),
                    institution=False,
                )
            )
            continue
        slug = rng.choices(slugs, weights=weights)[0]
        contract_type = rng.choices(types, weights=type_weights)[0]
        subtypes = [s for s in SUBTYPES[contract_type] if s != ContractSubtype.BROKERAGE]
        subtype = rng.choice(subtypes)
        topics = INSTITUTIONS[slug]["topics"]
        licensable = contract_type in (ContractType.TRANSFER, ContractType.LICENCE)
        outcome = None
        if licensable and outcomes[slug] and rng.random() < 0.6:
            # An outcome of the institution's section, to a firm of one of its industries.
            outcome, industries = rng.choice(outcomes[slug])
            buyer = buyer_in(industries, strict=True)
            topic = outcome.title
        else:
            buyer = buyer_in(set(topics) - {"*"}, strict="*" not in topics)
            if slug == "hnagri" and contract_type == ContractType.TRANSFER:
                subtype = rng.choice((subtype, ContractSubtype.OTHER_TRANSFER))  # variety rights
            topic = rng.choice(
                topics.get(industry(buyer)) or topics.get("*") or topics[next(iter(topics))]
            )
        plans.append(
            Plan(
                seller=institutions[slug],
                buyer=buyer,
                contract_type=contract_type,
                subtype=subtype,
                topic=topic,
                signed_on=_signing_date(rng, today),
                institution=True,
                outcome=outcome,
            )
        )

    plans.sort(key=lambda p: p.signed_on)
    _assign_states(rng, plans, today)
    return plans


def _assign_states(rng: random.Random, plans: list[Plan], today: date) -> None:
    """The most recently signed wait for review; large amounts go to institutions' R&D."""
    big = (ContractType.DEVELOPMENT, ContractType.TRANSFER, ContractType.LICENCE)
    recent = list(range(max(0, len(plans) - RECENT), len(plans)))
    older = list(range(0, max(0, len(plans) - RECENT))) or recent
    rng.shuffle(recent)
    rng.shuffle(older)

    def take(pool: list[int], n: int, fits) -> list[int]:
        chosen = [i for i in pool if plans[i].state == Contract.Status.REGISTERED and fits(i)][:n]
        for i in chosen:
            pool.remove(i)
        return chosen

    def large_ok(i):
        return plans[i].institution and plans[i].contract_type in big and plans[i].need is None

    for i in take(recent, STATE_COUNTS[Contract.Status.SECOND_REVIEW], large_ok):
        plans[i].state, plans[i].size = Contract.Status.SECOND_REVIEW, "large"
    for state in (Contract.Status.DRAFT, Contract.Status.SUBMITTED, Contract.Status.RETURNED):
        for i in take(recent, STATE_COUNTS[state], lambda i: True):
            plans[i].state = state
    for i in take(older, STATE_COUNTS[Contract.Status.REJECTED], lambda i: True):
        plans[i].state = Contract.Status.REJECTED
    for i in take(older, LARGE_REGISTERED, large_ok):
        plans[i].size = "large"
    candidates = [i for i in range(len(plans)) if plans[i].size == "small" and large_ok(i)]
    for i in rng.sample(candidates, min(MEDIUM, len(candidates))):
        plans[i].size = "medium"
    for plan in plans:
        plan.lag = rng.randint(3, 24) + (6 if plan.size == "large" else 0)
        if plan.signed_on + timedelta(days=plan.lag) > today:
            plan.lag = rng.randint(0, (today - plan.signed_on).days)


def _names(plans: list[Plan]) -> list[str]:
    """The contract names, numbered 二期, 三期… where a buyer signs the same thing again."""
    seen: dict[tuple, int] = {}
    names = []
    for plan in plans:
        topic, suffix = plan.topic, SUFFIX[plan.subtype]
        if topic.endswith("技术") and suffix.startswith("技术"):
            topic = topic.removesuffix("技术")  # not 技术技术转让合同
        base = f"{topic}{suffix}"
        key = (base, plan.buyer.pk)
        seen[key] = seen.get(key, 0) + 1
        phase = seen[key]
        names.append(base if phase == 1 else f"{base}（{'一二三四五六七八九'[phase - 1]}期）")
    return names


def seed_contracts(*, users: dict, report) -> None:
    """About 300 contracts of this year, unless the demo's contracts are there already."""
    demo = Contract.objects.filter(created_by__email__endswith=f"@{DEMO_EMAIL_DOMAIN}")
    if demo.exists():
        return

    rng = random.Random(2020)
    today = timezone.localdate()
    office = Organization.objects.get(slug="hebi-contract-office")
    registrar = users["demo_registrar"]
    registrar2 = _system_user("demo_registrar2", "郑登记员", office, Role.REGISTRAR, report)

    sellers: dict[int, User] = {}
    for slug in INSTITUTIONS:
        organization = Organization.objects.get(slug=slug)
        if slug == "zju":
            sellers[organization.pk] = users["demo_university"]
        else:
            sellers[organization.pk] = _system_user(
                f"inst_{slug}", "技术转移专员", organization, Role.UNIVERSITY_EDITOR, report
            )
    slugs = [entry["slug"] for entry in load_enterprises()]
    enterprises = list(
        Organization.objects.filter(slug__in=slugs).select_related("industry").order_by("pk")
    )
    for enterprise in enterprises:
        if enterprise.slug in SERVICE_FIRMS:
            sellers[enterprise.pk] = enterprise_user(enterprise, users)

    plans = _plans(rng, today, enterprises)
    names = _names(plans)

    def registration_day(plan: Plan) -> date:
        return min(plan.signed_on + timedelta(days=plan.lag), today)

    # Registered contracts are registered in date order, so their serials follow their dates.
    order = sorted(
        range(len(plans)),
        key=lambda i: (
            registration_day(plans[i])
            if plans[i].state == Contract.Status.REGISTERED
            else plans[i].signed_on,
            i,
        ),
    )
    made = []
    for i in order:
        plan = plans[i]
        author = sellers[plan.seller.pk]
        amount, declared = _amounts(rng, plan)
        months = rng.choice((3, 6, 6, 12, 12, 18, 24, 36))
        data = {
            "name": names[i],
            "contract_type": plan.contract_type,
            "subtype": plan.subtype,
            "buyer_organization": plan.buyer,
            "signed_on": plan.signed_on,
            "term_start": plan.signed_on,
            "term_end": plan.signed_on + timedelta(days=30 * months),
            "contract_amount": amount,
            "declared_transaction_amount": declared,
            "document": ContentFile(
                contract_pdf(
                    number=f"HB{plan.signed_on:%Y}-{i + 1:04d}",
                    name=names[i],
                    contract_type=ContractType(plan.contract_type).label,
                    seller=plan.seller.name,
                    buyer=plan.buyer.name if plan.buyer else "",
                    amount=amount,
                    signed_on=plan.signed_on,
                    months=months,
                ),
                name="contract.pdf",
            ),
            "need": plan.need,
            "outcome": plan.outcome,
        }
        if plan.institution:
            data["seller_region"] = INSTITUTIONS[plan.seller.slug]["region"]
        contract = services.contract_create(user=author, seller=plan.seller, data=data)
        if plan.state != Contract.Status.DRAFT:
            contract = services.contract_submit(contract=contract, user=author)
        first, second = (registrar, registrar2) if rng.random() < 0.7 else (registrar2, registrar)
        verified = _verified(rng, declared)
        if plan.state == Contract.Status.RETURNED:
            services.contract_return(
                contract=contract, user=first, reason=rng.choice(RETURN_REASONS)
            )
        elif plan.state == Contract.Status.REJECTED:
            services.contract_reject(
                contract=contract, user=first, reason=rng.choice(REJECT_REASONS)
            )
        elif plan.state in (Contract.Status.SECOND_REVIEW, Contract.Status.REGISTERED):
            contract = services.contract_register(
                contract=contract, user=first, transaction_amount=verified
            )
            if contract.status == Contract.Status.SECOND_REVIEW and (
                plan.state == Contract.Status.REGISTERED
            ):
                services.contract_register(
                    contract=contract, user=second, transaction_amount=verified
                )
        made.append((contract.pk, plan, registration_day(plan)))

    _backdate(rng, made, today)
    report.add("contracts", len(made))


def contract_pdf(
    *,
    number: str,
    name: str,
    contract_type: str,
    seller: str,
    buyer: str,
    amount: Decimal,
    signed_on: date,
    months: int,
) -> bytes:
    """A one-page PDF of a demo contract: its number, name, parties and amount (the signed
    copy a seller uploads). Chinese is set in a CID font, so no font file is needed."""
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4, invariant=True)
    page.setTitle(f"{number} {name}")
    width, height = A4
    page.setFont(CJK_FONT, 18)
    page.drawCentredString(width / 2, height - 90, "技术合同")
    page.setFont(CJK_FONT, 11)
    rows = (
        ("合同编号", number),
        ("项目名称", name),
        ("合同类型", contract_type),
        ("甲方（委托方、受让方）", buyer),
        ("乙方（受托方、让与方）", seller),
        ("合同金额", f"{amount:,.2f} 元"),
        ("签订日期", f"{signed_on:%Y年%m月%d日}"),
        ("履行期限", f"自签订之日起 {months} 个月"),
    )
    y = height - 140
    for label, value in rows:
        page.drawString(72, y, f"{label}：")
        page.drawString(220, y, str(value)[:40])
        y -= 24
    page.drawString(72, y - 40, "甲方（盖章）：                      乙方（盖章）：")
    page.setFont(CJK_FONT, 8)
    page.drawString(72, 60, "演示数据，非真实合同。")
    page.showPage()
    page.save()
    return out.getvalue()


def _backdate(rng: random.Random, made: list, today: date) -> None:
    """Move each contract's history to the days it happened."""
    for pk, plan, registered_on in made:
        created = _moment(plan.signed_on, rng.randint(8, 11), rng.randint(0, 59))
        submit_day = min(plan.signed_on + timedelta(days=rng.randint(0, 2)), today)
        submitted = max(created, _moment(submit_day, rng.randint(13, 17), rng.randint(0, 59)))
        review_day = max(submit_day, registered_on - timedelta(days=plan.lag // 3 + 1))
        first_review = max(submitted, _moment(review_day, 10, rng.randint(0, 59)))
        decided = max(first_review, _moment(registered_on, rng.randint(14, 16), 30))
        times = {
            "created": created,
            "submitted": submitted,
            "returned": first_review,
            "rejected": first_review,
            "first_approval": first_review,
            "registered": decided,
        }
        contracts = Contract.objects.filter(pk=pk)
        contracts.update(created_at=created)
        if plan.state != Contract.Status.DRAFT:
            contracts.update(submitted_at=submitted)
        if plan.state == Contract.Status.REGISTERED:
            contracts.update(registered_on=registered_on)
        for action, moment in times.items():
            ContractEvent.objects.filter(contract_id=pk, action=action).update(at=moment)

"""factory_boy factories for the portal's models and page trees."""

import itertools
from decimal import Decimal

import factory
from django.contrib.auth.hashers import make_password

from accounts.credit_code import make_credit_code
from accounts.models import Organization, User
from accounts.roles import OrganizationKind
from cms.models import InstitutionPage, OutcomePage
from cms.services import institution_section_ensure, outcome_create, site_ensure
from taxonomy import vocabularies as vocab
from taxonomy.models import Term

PASSWORD = "s3cret-pass-123"
_serial = itertools.count(1)


def term(vocabulary: str, code: str) -> Term:
    return Term.objects.get(vocabulary=vocabulary, code=code)


def credit_code() -> str:
    """A fresh, valid unified social credit code."""
    return make_credit_code(f"91410611MA{next(_serial):07d}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.LazyFunction(lambda: make_password(PASSWORD))


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    kind = OrganizationKind.ENTERPRISE
    name = factory.Sequence(lambda n: f"鹤壁测试企业{n}有限公司")
    slug = factory.Sequence(lambda n: f"org-{n}")
    credit_code = factory.LazyFunction(credit_code)
    verified = True


class InstitutionFactory(OrganizationFactory):
    kind = OrganizationKind.UNIVERSITY
    name = factory.Sequence(lambda n: f"测试大学{n}")
    slug = factory.Sequence(lambda n: f"uni-{n}")


def section_for(institution: Organization) -> InstitutionPage:
    site_ensure()
    return institution_section_ensure(organization=institution)


def make_outcome(
    section: InstitutionPage,
    *,
    title: str = "镁合金精深加工技术",
    field: str = "new-materials",
    maturity: str = "pilot",
    industries=("magnesium",),
    modes=("transfer",),
    price_wan: Decimal | None = Decimal("120"),
    keywords=("镁合金",),
    publish: bool = True,
    user=None,
    **extra,
) -> OutcomePage:
    data = {
        "title": title,
        "summary": extra.pop("summary", f"{title}的成果简介。"),
        "tech_field": term(vocab.TECH_FIELD, field),
        "maturity": term(vocab.MATURITY, maturity),
        "price_wan": price_wan,
        "contact_name": extra.pop("contact_name", "王老师"),
        "contact_phone": extra.pop("contact_phone", "0392-5550123"),
        "contact_email": extra.pop("contact_email", "tto@example.edu.cn"),
        **extra,
    }
    return outcome_create(
        section=section,
        data=data,
        industries=[term(vocab.INDUSTRY, c) for c in industries],
        transfer_modes=[term(vocab.TRANSFER_MODE, c) for c in modes],
        keywords=list(keywords),
        publish=publish,
        user=user,
    )


# The matching tests' market: a magnesium die-casting need, and outcomes that fit it well
# ("mg"), weakly ("al": the same process, another alloy) or not at all ("chip").
MAGNESIUM_NEED = {
    "title": "镁合金压铸件气孔缺陷控制",
    "summary": "寻求降低镁合金压铸件气孔率的工艺方案。",
    "description": "现有AZ91D压铸件气孔率约6%，希望引进真空压铸或熔体净化技术。",
}
MATCHING_OUTCOMES = {
    "mg": {
        "title": "镁合金压铸件气孔控制技术",
        "summary": "真空压铸与熔体净化结合，压铸件气孔率降到2%以下。",
        "keywords": ("镁合金", "压铸", "气孔"),
        "price_wan": Decimal("50"),
        "modes": ("joint-development",),
        "maturity": "pilot",
    },
    "al": {
        "title": "铝合金压铸模具寿命提升",
        "summary": "铝合金压铸模具表面渗氮处理，寿命提高一倍，压铸件气孔和粘模减少。",
        "keywords": ("压铸", "模具"),
        "field": "advanced-manufacturing",
        "industries": ("auto-parts-electrics",),
        "price_wan": Decimal("500"),
        "modes": ("transfer",),
        "maturity": "lab",
    },
    "chip": {
        "title": "硅基光互连芯片",
        "summary": "400Gb/s光互连。",
        "field": "electronic-information",
        "industries": ("optoelectronics",),
        "keywords": ("光互连",),
    },
}


def make_matching_outcome(name: str, section: InstitutionPage, **overrides) -> OutcomePage:
    """One of MATCHING_OUTCOMES, published in ``section`` (slug: its name)."""
    return make_outcome(section, slug=name, **{**MATCHING_OUTCOMES[name], **overrides})


def need_data(**overrides) -> dict:
    """Valid fields for market.needs.services.need_create."""
    import datetime

    from django.utils import timezone

    data = {
        "title": "镁合金压铸件气孔缺陷控制",
        "summary": "寻求降低镁合金压铸件气孔率的工艺方案。",
        "description": "现有AZ91D压铸件气孔率约6%，客户要求降到2%以下，年产量约30万件。",
        "tech_field": term(vocab.TECH_FIELD, "new-materials"),
        "industry": term(vocab.INDUSTRY, "magnesium"),
        "district": term(vocab.DISTRICT, "410611"),
        "budget_min_wan": Decimal("20"),
        "budget_max_wan": Decimal("80"),
        "deadline": timezone.localdate() + datetime.timedelta(days=90),
        "contact_name": "张工",
        "contact_phone": "13855501234",
        "contact_email": "zhang@firm.example.com",
        "confidentiality": "public",
    }
    data.update(overrides)
    return data


def make_need(
    organization, user, *, modes=("joint-development",), status="draft", broker=None, **overrides
):
    """A need created through the services and moved to ``status`` (published needs a broker)."""
    from market.needs import services

    need = services.need_create(
        organization=organization,
        user=user,
        data=need_data(**overrides),
        cooperation_modes=[term(vocab.COOPERATION_MODE, c) for c in modes],
    )
    if status in ("submitted", "published", "returned"):
        need = services.need_submit(need=need, user=user)
    if status == "published":
        need = services.need_publish(need=need, user=broker)
    if status == "returned":
        need = services.need_return(need=need, user=broker, reason="请补充预算")
    return need

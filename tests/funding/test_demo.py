"""The demo's scheme in progress: demo_bureau can log in, vouchers in several states, a claim on
the payment list, subsidies paid, approved and waiting; a second run changes nothing."""

import pytest
from django.core.management import call_command

from accounts.models import User
from accounts.permissions import has_role
from accounts.roles import OrganizationKind, Role
from market.funding.demo import seed_funding
from market.funding.models import Claim, FundingEvent, Scheme, Subsidy, Voucher
from portal.demo.seed import SeedReport
from tests.factories import InstitutionFactory, OrganizationFactory
from tests.funding.conftest import member, register_contract

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_world(registrar):
    OrganizationFactory(kind=OrganizationKind.GOVERNMENT, name="鹤壁市科学技术局", slug="hebi-stb")
    zju = InstitutionFactory(name="浙江大学", slug="zju")
    InstitutionFactory(name="郑州大学", slug="zzu")
    InstitutionFactory(name="河南省农业科学院", slug="hnagri", kind="institute")
    firms = [OrganizationFactory(name=f"鹤壁演示企业{n}", slug=f"demo-firm-{n}") for n in range(6)]
    users = {
        "demo_enterprise": member(firms[0], Role.ENTERPRISE_MEMBER, "demo_enterprise"),
        "demo_university": member(zju, Role.UNIVERSITY_EDITOR, "demo_university"),
        "demo_registrar": registrar,
    }
    for n, firm in enumerate(firms[1:], start=1):
        member(firm, Role.ENTERPRISE_MEMBER, f"firm_{n}")
        register_contract(
            seller_user=users["demo_university"],
            seller=zju,
            buyer=firm,
            registrar=registrar,
            contract_type="transfer",
            subtype="patent_right",
            amount="500000.00",
            transaction="400000.00",
            name=f"专利转让合同{n}",
        )
    return users


def test_the_demo_scheme_is_in_progress_and_seeded_once(demo_world):
    seed_funding(users=demo_world, password="demo12345", report=SeedReport())
    bureau = User.objects.get(username="demo_bureau")
    assert bureau.check_password("demo12345") and has_role(bureau, Role.BUREAU_REVIEWER)
    statuses = set(Voucher.objects.values_list("status", flat=True))
    assert {"applied", "in_use", "issued", "redeemed", "expired", "withdrawn"} <= statuses
    mine = Voucher.objects.filter(enterprise__slug="demo-firm-0")
    assert set(mine.values_list("status", flat=True)) == {"applied", "in_use"}
    assert sorted(Claim.objects.values_list("status", flat=True)) == ["approved", "paid"]
    assert sorted(Subsidy.objects.values_list("status", flat=True)) == [
        "approved",
        "paid",
        "submitted",
    ]
    scheme = Scheme.objects.get()
    assert scheme.voucher_committed == sum(
        v.face_value if v.status in ("issued", "in_use") else v.used
        for v in Voucher.objects.exclude(face_value__isnull=True)
    )
    before = (Voucher.objects.count(), Subsidy.objects.count(), FundingEvent.objects.count())
    seed_funding(users=demo_world, password="demo12345", report=SeedReport())
    assert (
        Voucher.objects.count(),
        Subsidy.objects.count(),
        FundingEvent.objects.count(),
    ) == before


def test_expire_vouchers_command(demo_world, capsys):
    seed_funding(users=demo_world, password="demo12345", report=SeedReport())
    call_command("expire_vouchers")
    assert "Expired 0 vouchers." in capsys.readouterr().out

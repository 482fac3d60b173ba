"""The targets dashboard as issue 14 (item 3) asked: districts by name, a public view with
more than four numbers and nothing confidential."""

import datetime

from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.services import membership_grant
from market.contracts.selectors import district_name
from tests.factories import OrganizationFactory, UserFactory, make_need, make_outcome
from tests.market.test_dashboard import contract

YEAR = timezone.localdate().year


def test_the_demo_regions_are_named():
    assert district_name("410102") == "郑州市中原区"
    assert district_name("110108") == "北京市海淀区"
    assert district_name("330106") == "杭州市西湖区"
    assert district_name("410611") == "淇滨区"
    assert district_name("999999") == "999999"


def test_registrars_see_district_names_not_codes(client, db):
    registrar = UserFactory(username="registrar")
    membership_grant(
        user=registrar, organization=OrganizationFactory(kind="agency"), role=Role.REGISTRAR
    )
    contract("海淀合同", "500000.00", "500000.00", datetime.date(YEAR, 1, 5), region="110108")
    client.force_login(registrar)
    html = client.get(reverse("dashboard"), {"year": YEAR}).content.decode()
    assert "<td>北京市海淀区</td>" in html
    assert "<td>110108</td>" not in html


def test_the_public_sees_what_is_on_offer_by_field(client, section_a, firm_a, member_a, broker):
    make_outcome(section_a, slug="mg")
    make_need(firm_a, member_a, status="published", broker=broker)
    make_need(
        firm_a,
        member_a,
        status="published",
        broker=broker,
        title="仅经纪人可见的需求",
        confidentiality="brokers",
    )
    contract("公开合计合同", "300000.00", "300000.00", datetime.date(YEAR, 2, 5))
    response = client.get(reverse("dashboard"), {"year": YEAR})
    html = response.content.decode()
    rows = {
        row["name"]: (row["outcomes"], row["needs"]) for row in response.context["offer_by_field"]
    }
    # the published outcome and the public need count; the brokers-only need does not
    assert sum(o for o, _n in rows.values()) == 1
    assert sum(n for _o, n in rows.values()) == 1
    assert 'id="table-by-field"' in html and 'id="table-by-month"' in html
    assert 'id="table-by-type"' in html and 'id="dashboard-data"' in html
    assert "公开合计合同" not in html

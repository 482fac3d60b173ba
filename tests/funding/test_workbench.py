"""The science bureau sets up the year's scheme in the workbench; others cannot."""

import pytest

from market.funding.models import Scheme
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_bureau_creates_a_scheme_in_the_workbench(client, bureau, firm_member):
    assert client.login(username=bureau.username, password=PASSWORD)
    assert client.get("/admin/funding/schemes/new/").status_code == 200
    response = client.post(
        "/admin/funding/schemes/new/",
        {
            "year": "2031",
            "name": "2031年科技创新券",
            "opens_on": "2031-03-01",
            "closes_on": "2031-11-30",
            "categories": ["testing", "consulting"],
            "voucher_budget": "3000000.00",
            "voucher_share": "0.5",
            "enterprise_cap": "200000.00",
            "claim_cap": "100000.00",
            "validity_days": "180",
            "subsidy_budget": "5000000.00",
            "subsidy_rate": "0.1",
            "subsidy_cap_per_contract": "200000.00",
            "subsidy_cap_per_enterprise": "1000000.00",
        },
    )
    assert response.status_code == 302
    scheme = Scheme.objects.get(year=2031)
    assert scheme.categories == ["testing", "consulting"] and scheme.voucher_committed == 0

    client.logout()
    assert client.login(username=firm_member.username, password=PASSWORD)
    assert client.get("/admin/funding/schemes/new/").status_code in (302, 403)

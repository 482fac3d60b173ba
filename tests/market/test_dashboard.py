"""The targets dashboard and API: exact sums over registered contracts, who sees what, and a
query count that does not grow with the number of contracts."""

import datetime
import json
import random
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import OrganizationKind, Role
from accounts.services import membership_grant
from market.contracts.models import Contract, YearTarget
from market.contracts.selectors import year_progress
from market.needs.models import Need
from tests.factories import OrganizationFactory, UserFactory, credit_code, make_need

YEAR = 2024
_serials = iter(range(1, 1_000_000))

# (name, amount, verified transaction amount, registered on, seller region, type, subtype, nature)
FIXTURE = [
    (
        "镁合金压铸工艺开发",
        "1234567.89",
        "1000000.00",
        datetime.date(YEAR, 1, 15),
        "410611",
        "transfer",
        "patent_right",
        "university",
    ),
    (
        "高压连接器温升控制技术开发",
        "20000000.00",
        "15000000.00",
        datetime.date(YEAR, 3, 2),
        "410600",
        "development",
        "commissioned",
        "enterprise",
    ),
    (
        "小额咨询合同",
        "0.01",
        "0.01",
        datetime.date(YEAR, 3, 31),
        "410611",
        "development",
        "cooperative",
        "institute",
    ),
    (
        "智能灌溉系统技术服务",
        "3000000.10",
        "2500000.05",
        datetime.date(YEAR, 11, 30),
        "410622",
        "service",
        "service",
        "enterprise",
    ),
]
REGISTERED_AMOUNT = Decimal("24234568.00")  # 1234567.89 + 20000000.00 + 0.01 + 3000000.10
TRANSACTION_TOTAL = Decimal("18500000.06")  # 1000000.00 + 15000000.00 + 0.01 + 2500000.05


def contract(
    name="技术合同",
    amount="10000.00",
    verified="10000.00",
    registered_on=datetime.date(YEAR, 6, 1),
    region="410611",
    contract_type="development",
    subtype="commissioned",
    nature="enterprise",
    *,
    status=Contract.Status.REGISTERED,
    need=None,
    build=False,
):
    registered = status == Contract.Status.REGISTERED
    serial = next(_serials)
    fields = {
        "name": name,
        "contract_type": contract_type,
        "subtype": subtype,
        "seller_name": f"{name}卖方",
        "seller_credit_code": credit_code(),
        "seller_region": region,
        "seller_nature": nature,
        "buyer_name": f"{name}买方",
        "buyer_credit_code": credit_code(),
        "buyer_region": "410611",
        "buyer_nature": "enterprise",
        "signed_on": registered_on - datetime.timedelta(days=20),
        "term_start": registered_on - datetime.timedelta(days=20),
        "term_end": registered_on + datetime.timedelta(days=365),
        "contract_amount": Decimal(amount),
        "declared_transaction_amount": Decimal(verified),
        "transaction_amount": Decimal(verified) if registered else None,
        "status": status,
        "need": need,
    }
    if registered:
        fields.update(
            registered_on=registered_on,
            registration_point="410600",
            registration_year=registered_on.year,
            registration_serial=serial,
            registration_number=f"{registered_on.year}410600{serial:06d}",
        )
    return Contract(**fields) if build else Contract.objects.create(**fields)


def _member(role, username):
    agency = OrganizationFactory(kind=OrganizationKind.SERVICE_AGENCY)
    user = UserFactory(username=username)
    membership_grant(user=user, organization=agency, role=role)
    return user


@pytest.fixture
def registrar(db):
    return _member(Role.REGISTRAR, "registrar")


@pytest.fixture
def administrator(db):
    return _member(Role.ADMINISTRATOR, "administrator")


@pytest.fixture
def contracts(db, firm_a, member_a, broker):
    need = make_need(firm_a, member_a, status="published", broker=broker)
    Need.objects.filter(pk=need.pk).update(
        published_at=timezone.make_aware(datetime.datetime(YEAR, 1, 5, 10))
    )
    made = [contract(*row) for row in FIXTURE]
    Contract.objects.filter(pk=made[1].pk).update(need=need)
    # Not registered, or registered in another year: none of these count.
    contract("待审合同", "9999999.99", status=Contract.Status.SUBMITTED)
    contract("未予登记合同", "8888888.88", status=Contract.Status.REJECTED)
    contract("上年合同", "7777777.77", "7777777.77", datetime.date(YEAR - 1, 12, 31))
    return made


def test_year_progress_sums_to_the_fen(contracts):
    progress = year_progress(YEAR, today=datetime.date(2026, 5, 1))

    assert progress["registered_amount"] == REGISTERED_AMOUNT
    assert progress["transaction_amount_total"] == TRANSACTION_TOTAL
    assert progress["registered_count"] == 4
    assert progress["amount_target"] == Decimal("50000000.00")
    assert progress["progress"] == Decimal("0.48469136")
    assert progress["projection"]["amount"] == REGISTERED_AMOUNT  # a past year: what happened
    assert progress["funnel"] == {"needs_published": 1, "contracts_from_needs": 1}
    assert progress["events_by_quarter"] == [
        {"quarter": q, "held": 0, "target": 2} for q in (1, 2, 3, 4)
    ]

    months = {row["month"]: (row["count"], row["amount"]) for row in progress["by_month"]}
    assert len(progress["by_month"]) == 12
    assert months[1] == (1, Decimal("1234567.89"))
    assert months[3] == (2, Decimal("20000000.01"))
    assert months[11] == (1, Decimal("3000000.10"))
    assert months[2] == (0, Decimal("0.00"))
    assert sum(amount for _count, amount in months.values()) == REGISTERED_AMOUNT

    districts = {row["name"]: (row["count"], row["amount"]) for row in progress["by_district"]}
    assert districts == {
        "410600 市本级": (1, Decimal("20000000.00")),
        "淇县": (1, Decimal("3000000.10")),
        "淇滨区": (2, Decimal("1234567.90")),
    }
    types = {row["code"]: (row["count"], row["amount"]) for row in progress["by_type"]}
    assert types == {
        "development": (2, Decimal("20000000.01")),
        "service": (1, Decimal("3000000.10")),
        "transfer": (1, Decimal("1234567.89")),
    }
    natures = {row["code"]: row["amount"] for row in progress["by_nature"]}
    assert natures == {
        "enterprise": Decimal("23000000.10"),
        "university": Decimal("1234567.89"),
        "institute": Decimal("0.01"),
    }
    largest = progress["largest"]
    assert [row["contract_amount"] for row in largest] == [
        Decimal("20000000.00"),
        Decimal("3000000.10"),
        Decimal("1234567.89"),
        Decimal("0.01"),
    ]
    assert largest[0]["name"] == "高压连接器温升控制技术开发"
    assert largest[0]["seller_name"] == "高压连接器温升控制技术开发卖方"
    assert largest[0]["registration_number"].startswith(f"{YEAR}410600")


def test_projection_for_the_current_year(contracts):
    # 2024 is a leap year; on 30 June 182 days have passed.
    progress = year_progress(YEAR, today=datetime.date(YEAR, 6, 30))
    assert progress["projection"]["projected"] is True
    assert progress["projection"]["days_elapsed"] == 182
    # 24234568.00 / 182 days * 366 days = 48735449.934…
    assert progress["projection"]["amount"] == Decimal("48735449.93")


def test_target_set_by_administrators_is_used(contracts):
    YearTarget.objects.create(year=YEAR, amount_target=Decimal("30000000.00"), events_per_quarter=3)
    progress = year_progress(YEAR, detail=False)
    assert progress["amount_target"] == Decimal("30000000.00")
    assert progress["progress"] == REGISTERED_AMOUNT / Decimal("30000000.00")
    assert {row["target"] for row in progress["events_by_quarter"]} == {3}
    assert "by_month" not in progress


def test_targets_api_returns_the_hand_computed_figures(client, contracts):
    response = client.get(f"/api/v1/targets/{YEAR}/")
    assert response.status_code == 200
    data = response.json()
    assert data["year"] == YEAR
    assert data["amount_target"] == "50000000.00"
    assert data["registered_amount"] == "24234568.00"
    assert data["transaction_amount_total"] == "18500000.06"
    assert data["registered_count"] == 4
    assert data["progress"] == pytest.approx(0.4847)
    assert data["events_by_quarter"] == [
        {"quarter": q, "held": 0, "target": 2} for q in (1, 2, 3, 4)
    ]
    assert "largest" not in data and "by_district" not in data


def test_targets_api_refuses_years_out_of_range(client, db):
    assert client.get("/api/v1/targets/1999/").status_code == 404
    assert not YearTarget.objects.filter(year=1999).exists()


def test_targets_api_is_in_the_schema(client, db):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = json.loads(response.content)
    operation = schema["paths"]["/api/v1/targets/{year}/"]["get"]
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/YearTargets"}
    properties = schema["components"]["schemas"]["YearTargets"]["properties"]
    assert {"amount_target", "registered_amount", "progress", "events_by_quarter"} <= set(
        properties
    )


def test_public_sees_sums_but_no_contract_or_party(client, contracts):
    response = client.get(reverse("dashboard"), {"year": YEAR})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2,423.46" in html  # 24234568.00 yuan in 万元
    assert "5,000.00" in html  # the target
    assert "48.47%" in html
    assert response.context["progress"]["registered_count"] == 4
    for name, *_rest in FIXTURE:
        assert name not in html
        assert f"{name}卖方" not in html
    assert "410600 市本级" not in html
    assert 'id="table-largest"' not in html
    # The sums anyone may see: by month and by type (issue 14, item 3).
    data = response.context["data"]
    assert [row["value"] for row in data["by_month"]][:3] == ["123.46", "0.00", "2000.00"]
    assert {row["label"] for row in data["by_type"]} == {"技术开发", "技术服务", "技术转让"}
    assert "by_district" not in data and "largest" not in response.context["progress"]


def test_registrar_sees_the_tables(client, registrar, contracts):
    client.force_login(registrar)
    response = client.get(reverse("dashboard"), {"year": YEAR})
    html = response.content.decode()
    assert response.context["detail"] is True
    for name, *_rest in FIXTURE:
        assert name in html
    assert "410600 市本级" in html
    assert "淇滨区" in html
    assert "2,000.00" in html  # the largest contract in 万元
    assert "123.46" in html  # 1234567.89 yuan
    assert 'id="dashboard-data"' in html
    assert "portal/dashboard.js" in html
    data = response.context["data"]
    assert [row["value"] for row in data["by_month"]][:3] == ["123.46", "0.00", "2000.00"]
    assert len(data["events_by_quarter"]) == 4


def test_nav_links_to_the_dashboard(client, db):
    html = client.get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("dashboard")}"' in html


def test_bad_year_falls_back_to_the_current_year(client, db):
    response = client.get(reverse("dashboard"), {"year": "abc"})
    assert response.context["year"] == timezone.localdate().year


def _queries(client, url) -> int:
    client.get(url)  # the first visit creates the year's targets
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_contracts(client, administrator, db):
    client.force_login(administrator)
    dashboard = f"{reverse('dashboard')}?year={YEAR}"
    api = f"/api/v1/targets/{YEAR}/"

    def add(count):
        Contract.objects.bulk_create(
            contract(
                f"合同{i}",
                f"{1000 + i}.50",
                "1000.00",
                datetime.date(YEAR, 1 + i % 12, 1 + i % 28),
                ("410611", "410622", "410600", "410603")[i % 4],
                build=True,
            )
            for i in range(count)
        )

    add(3)
    few = (_queries(client, dashboard), _queries(client, api))
    add(27)
    many = (_queries(client, dashboard), _queries(client, api))
    assert Contract.objects.filter(status="registered").count() == 30
    assert few[0] > 0 and few[1] > 0
    assert few == many


def test_sums_stay_exact_over_many_amounts(db):
    """SQLite keeps decimals as REAL: the selector sums whole fen, so no drift creeps in."""
    rng = random.Random(7)
    amounts = [Decimal(rng.randrange(1, 3_000_000_000)) / 100 for _ in range(2000)]
    Contract.objects.bulk_create(
        contract(f"合同{i}", str(value), str(value), datetime.date(YEAR, 1 + i % 12, 2), build=True)
        for i, value in enumerate(amounts)
    )
    progress = year_progress(YEAR)
    assert progress["registered_amount"] == sum(amounts)
    assert progress["transaction_amount_total"] == sum(amounts)
    assert sum(row["amount"] for row in progress["by_month"]) == sum(amounts)


def test_administrator_sets_targets_in_the_workbench(client, administrator, registrar):
    client.force_login(administrator)
    assert client.get(reverse("year_targets:index")).status_code == 200
    response = client.post(
        reverse("year_targets:add"),
        {"year": "2027", "amount_target": "60000000.00", "events_per_quarter": "3"},
    )
    assert response.status_code == 302
    assert YearTarget.objects.get(year=2027).amount_target == Decimal("60000000.00")

    client.force_login(registrar)
    assert client.get(reverse("year_targets:index")).status_code in (302, 403)


def test_the_public_figures_are_cached_and_a_new_registration_shows_at_once(client, contracts):
    """The public dashboard is computed once and then served from the cache (fewer queries);
    a contract registered meanwhile moves the cache on, so the next visitor sees it."""
    url = reverse("dashboard")
    first = client.get(url, {"year": YEAR})
    with CaptureQueriesContext(connection) as cold:
        client.get(url, {"year": YEAR + 1})  # another year: computed
    with CaptureQueriesContext(connection) as warm:
        again = client.get(url, {"year": YEAR})
    assert again.context["progress"]["registered_count"] == 4
    assert len(warm) < len(cold)
    assert again.context["data"] == first.context["data"]

    contract("新登记的合同", "100.00", "100.00", datetime.date(YEAR, 6, 1))
    after = client.get(url, {"year": YEAR})
    assert after.context["progress"]["registered_count"] == 5
    assert "2,423.47" in after.content.decode()


def test_registrars_always_see_fresh_figures(client, registrar, contracts):
    client.force_login(registrar)
    url = reverse("dashboard")
    assert client.get(url, {"year": YEAR}).context["progress"]["registered_count"] == 4
    before = client.get(url, {"year": YEAR}).context["progress"]["registered_amount"]
    # a bulk change no signal announces
    Contract.objects.filter(pk=contracts[0].pk).update(
        contract_amount=Decimal("1234568.89"), transaction_amount=Decimal("1000000.00")
    )
    fresh = client.get(url, {"year": YEAR})
    assert fresh.context["progress"]["registered_amount"] == before + Decimal("1.00")

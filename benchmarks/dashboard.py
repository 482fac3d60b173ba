"""The targets dashboard and API at scale: render time and query count against the contracts.

    python -m benchmarks.dashboard --contracts 20000

Migrates a throwaway SQLite database (benchmarks/settings.py), bulk-creates registered contracts
spread over the current year up to today (mostly small amounts, a few large ones; sellers from a
handful of organizations and districts; unique registration numbers), then times /dashboard/
rendered for an administrator (every table and chart) and GET /api/v1/targets/<year>/ with
django.test.Client, and counts each one's queries. It measures first at N/10 contracts, then
adds the rest and measures at N: the query count must not grow with the contracts.

Prints a table, then one line:
contracts=N dashboard_ms=X api_ms=Y queries_dashboard=Q queries_api=R queries_at_N_over_10=S
(X and Y are medians at N; S is the dashboard's query count at N/10).
"""

import argparse
import datetime
import random
import statistics
import time
from decimal import ROUND_HALF_UP, Decimal

from benchmarks.common import percentile, remove_benchmark_dir, setup_django

FEN = Decimal("0.01")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contracts", type=int, default=20_000, help="registered contracts")
    parser.add_argument("--runs", type=int, default=20, help="timed requests per endpoint")
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args(argv)

    setup_django()

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from accounts.credit_code import make_credit_code
    from accounts.models import Organization, User
    from accounts.roles import OrganizationKind, Role
    from accounts.services import membership_grant
    from market.contracts import SUBTYPES, Contract, ContractType, PartyNature

    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    today = timezone.localdate()
    year = today.year
    days_so_far = (today - datetime.date(year, 1, 1)).days + 1

    def code(serial: int) -> str:
        return make_credit_code(f"91410611MA{serial:07d}")

    agency = Organization.objects.create(
        kind=OrganizationKind.GOVERNMENT,
        name="鹤壁市科学技术局",
        slug="hebi-stb",
        credit_code=code(1),
        verified=True,
    )
    admin = User.objects.create_user("bench_admin", "admin@example.com", "bench-pass-123")
    membership_grant(user=admin, organization=agency, role=Role.ADMINISTRATOR)

    sellers = [
        ("河南鹤壁职业技术学院", PartyNature.UNIVERSITY, "410611"),
        ("鹤壁市农业科学院", PartyNature.INSTITUTE, "410611"),
        ("鹤壁天海电器有限公司", PartyNature.ENTERPRISE, "410600"),
        ("鹤壁中维化纤有限公司", PartyNature.ENTERPRISE, "410621"),
        ("鹤壁镁业科技有限公司", PartyNature.ENTERPRISE, "410622"),
        ("鹤壁仕佳光子技术有限公司", PartyNature.ENTERPRISE, "410603"),
        ("鹤壁市煤化工研究所", PartyNature.INSTITUTE, "410602"),
        ("鹤壁宝山循环科技有限公司", PartyNature.OTHER, "410600"),
    ]
    seller_codes = [code(100 + i) for i in range(len(sellers))]
    subjects = [
        "镁合金压铸",
        "高压连接器",
        "智能灌溉",
        "光分路器芯片",
        "煤化工废水",
        "绿色食品保鲜",
    ]
    kinds = list(ContractType)
    serials = iter(range(1, 10_000_000))

    def amount() -> Decimal:
        # Mostly small (median about 15万元), one in fifty between 500万 and 3000万元.
        if rng.random() < 0.02:
            value = rng.uniform(5_000_000, 30_000_000)
        else:
            value = min(rng.lognormvariate(11.9, 1.0), 4_000_000)
        return Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP) + FEN

    def contracts(count: int):
        for _ in range(count):
            serial = next(serials)
            seller, nature, region = sellers[serial % len(sellers)]
            kind = kinds[rng.randrange(len(kinds))]
            registered_on = datetime.date(year, 1, 1) + datetime.timedelta(
                days=rng.randrange(days_so_far)
            )
            contract_amount = amount()
            declared = (contract_amount * Decimal(rng.uniform(0.7, 1.0))).quantize(FEN)
            declared = max(min(declared, contract_amount), FEN)
            yield Contract(
                name=f"{rng.choice(subjects)}技术{kind.label}合同{serial}",
                contract_type=kind,
                subtype=SUBTYPES[kind][0],
                seller_name=seller,
                seller_credit_code=seller_codes[serial % len(sellers)],
                seller_region=region,
                seller_nature=nature,
                buyer_name=f"鹤壁受让企业{serial % 500}有限公司",
                buyer_credit_code=code(10_000 + serial % 500),
                buyer_region="410611",
                buyer_nature=PartyNature.ENTERPRISE,
                signed_on=registered_on - datetime.timedelta(days=rng.randrange(5, 40)),
                term_start=registered_on,
                term_end=registered_on + datetime.timedelta(days=365),
                contract_amount=contract_amount,
                declared_transaction_amount=declared,
                transaction_amount=declared,
                status=Contract.Status.REGISTERED,
                registration_point="410600",
                registration_year=year,
                registration_serial=serial,
                registration_number=f"{year}410600{serial:06d}",
                registered_on=registered_on,
            )

    def create(count: int) -> None:
        pending = contracts(count)
        while batch := [c for _, c in zip(range(2_000), pending, strict=False)]:
            Contract.objects.bulk_create(batch)

    client = Client()
    client.force_login(admin)
    urls = {"dashboard": f"/dashboard/?year={year}", "api": f"/api/v1/targets/{year}/"}

    def measure() -> dict[str, tuple[float, float, int]]:
        results = {}
        for label, url in urls.items():
            assert client.get(url).status_code == 200  # warm-up (and the year's targets row)
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            queries = len(captured)  # now: the next request's start clears the log
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
            results[label] = (statistics.median(times), percentile(times, 95), queries)
        return results

    baseline_n = max(args.contracts // 10, 1)
    print(f"creating {baseline_n} registered contracts…", flush=True)
    create(baseline_n)
    baseline = measure()
    print(f"creating {args.contracts - baseline_n} more…", flush=True)
    create(args.contracts - baseline_n)
    full = measure()

    print()
    print(f"{'':28}{'median ms':>11}{'p95 ms':>10}{'queries':>9}")
    for n, results in ((baseline_n, baseline), (args.contracts, full)):
        for label, (median, p95, queries) in results.items():
            name = f"{label} at {n}"
            print(f"{name:28}{median:11.2f}{p95:10.2f}{queries:9d}")
    print()
    print(
        f"contracts={args.contracts} dashboard_ms={full['dashboard'][0]:.2f} "
        f"api_ms={full['api'][0]:.2f} queries_dashboard={full['dashboard'][2]} "
        f"queries_api={full['api'][2]} queries_at_N_over_10={baseline['dashboard'][2]}"
    )
    remove_benchmark_dir()


if __name__ == "__main__":
    main()

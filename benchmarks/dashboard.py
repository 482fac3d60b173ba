"""The targets dashboard and API at scale: render time and query count against the contracts.

    python -m benchmarks.dashboard --contracts 20000 [--matches 5000]

Migrates a throwaway SQLite database (benchmarks/settings.py), bulk-creates registered contracts
spread over the current year up to today (mostly small amounts, a few large ones; sellers from a
handful of organizations and districts; unique registration numbers) and the year's matches
(published needs paired with real outcome pages, at every stage of the funnel, those past a
meeting with the history that says so), then times /dashboard/ rendered for an administrator
(every table and chart, the matching funnel included) and GET /api/v1/targets/<year>/ with
django.test.Client, and counts each one's queries. It measures first at N/10 contracts and
matches, then adds the rest and measures at N: the query count must not grow with the rows.

Prints a table, then one line:
contracts=N matches=M dashboard_ms=X api_ms=Y queries_dashboard=Q queries_api=R
queries_at_N_over_10=S (X and Y are medians at N; S is the dashboard's query count at N/10).
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
    parser.add_argument(
        "--matches", type=int, default=None, help="matches of the year (default: contracts / 4)"
    )
    parser.add_argument("--runs", type=int, default=20, help="timed requests per endpoint")
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args(argv)
    if args.matches is None:
        args.matches = args.contracts // 4

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
    from market.contracts.models import SUBTYPES, Contract, ContractType, PartyNature

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

    add_matches = funnel_maker(rng, code, args.matches)

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
    baseline_matches = args.matches // 10
    print(f"creating {baseline_n} registered contracts and {baseline_matches} matches…", flush=True)
    create(baseline_n)
    add_matches(baseline_matches)
    baseline = measure()
    print(
        f"creating {args.contracts - baseline_n} more contracts and "
        f"{args.matches - baseline_matches} more matches…",
        flush=True,
    )
    create(args.contracts - baseline_n)
    add_matches(args.matches - baseline_matches)
    full = measure()
    from matching.selectors import year_funnel

    funnel = year_funnel(year)
    assert funnel["matches"] == args.matches, funnel  # the dashboard counted every match
    print(f"funnel of {year}: " + ", ".join(f"{k} {v}" for k, v in funnel.items()))

    print()
    print(f"{'':28}{'median ms':>11}{'p95 ms':>10}{'queries':>9}")
    for n, results in ((baseline_n, baseline), (args.contracts, full)):
        for label, (median, p95, queries) in results.items():
            name = f"{label} at {n}"
            print(f"{name:28}{median:11.2f}{p95:10.2f}{queries:9d}")
    print()
    print(
        f"contracts={args.contracts} matches={args.matches} "
        f"dashboard_ms={full['dashboard'][0]:.2f} api_ms={full['api'][0]:.2f} "
        f"queries_dashboard={full['dashboard'][2]} "
        f"queries_api={full['api'][2]} queries_at_N_over_10={baseline['dashboard'][2]}"
    )
    remove_benchmark_dir()


# Where the year's matches stand (share of matches at each stage), roughly as a market's funnel.
FUNNEL_STAGES = (
    ("suggested", 0.45),
    ("introduced", 0.25),
    ("meeting", 0.12),
    ("negotiating", 0.06),
    ("signed", 0.04),
    ("closed", 0.08),
)
OUTCOMES = 40  # real outcome pages the needs are paired with (a need meets each at most once)


def funnel_maker(rng, code, total: int):
    """A function that adds that many more matches of this year: published needs of one
    enterprise, each paired with up to OUTCOMES outcome pages (created once, through the
    service, so they are real Wagtail pages), in the stages of FUNNEL_STAGES; a match past a
    meeting, or closed after one, has the history entry that counts it as met."""
    import datetime as dt

    from django.test import override_settings

    from accounts.models import Organization, User
    from accounts.roles import OrganizationKind
    from cms.services import institution_section_ensure, outcome_create, site_ensure
    from market.needs.models import Need
    from matching.models import Match, MatchEvent
    from taxonomy import vocabularies as vocab
    from taxonomy.models import Term

    def first(vocabulary):
        return Term.objects.filter(vocabulary=vocabulary).order_by("pk").first()

    site_ensure()
    university = Organization.objects.create(
        kind=OrganizationKind.UNIVERSITY,
        name="河南鹤壁职业技术学院",
        slug="hebi-poly",
        credit_code=code(2),
        verified=True,
    )
    enterprise = Organization.objects.create(
        kind=OrganizationKind.ENTERPRISE,
        name="鹤壁镁业科技有限公司",
        slug="hebi-mg",
        credit_code=code(3),
        verified=True,
    )
    writer = User.objects.create_user("bench_member", "member@example.com", "bench-pass-123")
    section = institution_section_ensure(organization=university)
    field, maturity = first(vocab.TECH_FIELD), first(vocab.MATURITY)
    industry, mode = first(vocab.INDUSTRY), first(vocab.TRANSFER_MODE)
    district = first(vocab.DISTRICT)
    # the outcomes' vectors are no part of what the dashboard shows: not encoded here
    with override_settings(MATCHING_SEMANTIC=False):
        outcomes = [
            outcome_create(
                section=section,
                data={
                    "title": f"镁合金压铸工艺优化技术{n}",
                    "summary": "真空压铸与熔体净化结合，压铸件气孔率降到2%以下。",
                    "tech_field": field,
                    "maturity": maturity,
                    "contact_name": "王老师",
                },
                industries=[industry],
                transfer_modes=[mode],
                keywords=["镁合金"],
            )
            for n in range(OUTCOMES)
        ]
    stages = [name for name, _share in FUNNEL_STAGES]
    weights = [share for _name, share in FUNNEL_STAGES]
    met = {"meeting", "negotiating", "signed"}
    made = 0

    def add(count: int) -> None:
        nonlocal made
        needs_wanted = -(-count // OUTCOMES)
        needs = Need.objects.bulk_create(
            Need(
                organization=enterprise,
                created_by=writer,
                title=f"镁合金压铸件气孔缺陷控制{made + n}",
                summary="寻求降低镁合金压铸件气孔率的工艺方案。",
                description="现有AZ91D压铸件气孔率约6%，希望引进真空压铸或熔体净化技术。",
                tech_field=field,
                industry=industry,
                district=district,
                deadline=dt.date.today() + dt.timedelta(days=180),
                contact_name="李经理",
                contact_phone="0392-3310000",
                status=Need.Status.PUBLISHED,
            )
            for n in range(needs_wanted)
        )
        pairs = [(need, outcome) for need in needs for outcome in outcomes][:count]
        matches = Match.objects.bulk_create(
            Match(
                need=need,
                outcome=outcome,
                status=rng.choices(stages, weights)[0],
                score=round(rng.uniform(0.3, 0.9), 4),
                created_by=writer,
            )
            for need, outcome in pairs
        )
        history = []
        for match in matches:
            closed_after_meeting = match.status == "closed" and rng.random() < 0.5
            if match.status in met or closed_after_meeting:
                history.append(
                    MatchEvent(
                        match=match,
                        action=MatchEvent.Action.ADVANCED,
                        from_status="introduced",
                        to_status="meeting",
                        actor=writer,
                    )
                )
        MatchEvent.objects.bulk_create(history)
        made += count

    return add


if __name__ == "__main__":
    main()

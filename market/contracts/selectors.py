"""Reads of registered contracts against the year's targets (the targets dashboard and API).

Amounts are yuan as Decimal, exact to the fen; never floats. The database sums whole fen as
integers (SQLite keeps decimals as REAL, whose sums drift; integer sums do not). Every function
runs a fixed number of queries however many contracts there are (aggregates and grouped
``values().annotate()``, no per-row queries).
"""

import calendar
import datetime
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import BigIntegerField, Count, F, Q, Sum
from django.db.models.functions import Cast, Round
from django.utils import timezone
from django.utils.translation import get_language

from market.contracts.models import Contract, ContractType, PartyNature, YearTarget
from market.contracts.regions import region_name
from market.needs.models import Need
from taxonomy import vocabularies as vocab

ZERO = Decimal("0.00")
FEN = Decimal("0.01")
LARGEST = 10
FIRST_YEAR = 2020  # the plan's first year; the dashboard and API answer from here to next year

# A region code ending in 00 is a prefecture-level city itself (GB/T 2260): 410600 is Hebi's
# city level (市本级), where contracts of no particular district are registered.
CITY_LEVEL = ("市本级", "City level")


def _chinese() -> bool:
    return not (get_language() or "").startswith("en")


def district_name(code: str) -> str:
    """The district's name where the code is one of the vocabulary's or of the regions table
    (``market.contracts.regions``), else the code itself (``410600 市本级`` for a city's own
    code)."""
    for term_code, name_zh, name_en in vocab.VOCABULARIES[vocab.DISTRICT]:
        if term_code == code:
            return name_zh if _chinese() else name_en
    named = region_name(code, chinese=_chinese())
    if named:
        return named
    if len(code) == 6 and code.isdigit() and code.endswith("00"):
        return f"{code} {CITY_LEVEL[0] if _chinese() else CITY_LEVEL[1]}"
    return code


def year_allowed(year: int, today: datetime.date | None = None) -> bool:
    """Years the dashboard and API answer for (asking creates the year's targets row)."""
    return FIRST_YEAR <= year <= (today or timezone.localdate()).year + 1


def year_target(year: int) -> YearTarget:
    """The year's targets, created with the plan's defaults the first time a year is asked."""
    target, _created = YearTarget.objects.get_or_create(year=year)
    return target


# Matchmaking events live above market (matching.events), which registers the function that
# counts its held events by quarter ({quarter: count}); the targets read it without importing it.
_events_counter: Callable[[int], dict[int, int]] | None = None


def events_counter_register(counter: Callable[[int], dict[int, int]]) -> None:
    global _events_counter
    _events_counter = counter


def events_by_quarter(year: int, target: YearTarget | None = None) -> list[dict]:
    """Matchmaking events held per quarter against the year's target per quarter."""
    if target is None:
        target = year_target(year)
    held = _events_counter(year) if _events_counter is not None else {}
    return [
        {"quarter": quarter, "held": held.get(quarter, 0), "target": target.events_per_quarter}
        for quarter in (1, 2, 3, 4)
    ]


def registered_in(year: int):
    """Contracts registered in ``year`` (by registration date)."""
    return Contract.objects.filter(status=Contract.Status.REGISTERED, registered_on__year=year)


def _fen(value) -> Decimal:
    return (value if value is not None else ZERO).quantize(FEN, rounding=ROUND_HALF_UP)


def _sum_fen(field: str) -> Sum:
    """The sum of a money field in whole fen, an exact integer on every database."""
    return Sum(Cast(Round(F(field) * 100), output_field=BigIntegerField()))


def _yuan(fen: int | None) -> Decimal:
    return (Decimal(fen or 0) / 100).quantize(FEN)


def _label(choices):
    labels = dict(choices.choices)
    return lambda code: str(labels.get(code, code))


BREAKDOWNS = ("seller_region", "contract_type", "seller_nature")


def _sums():
    return {
        "count": Count("pk"),
        "amount": _sum_fen("contract_amount"),
        "transaction": _sum_fen("transaction_amount"),
        "from_needs": Count("pk", filter=Q(need__isnull=False)),
    }


def _fold(groups: list[dict], field: str) -> list[dict]:
    """Rows of one breakdown (code, count, amount), largest amount first."""
    folded: dict[str, dict] = {}
    for group in groups:
        row = folded.setdefault(group[field], {"code": group[field], "count": 0, "fen": 0})
        row["count"] += group["count"]
        row["fen"] += group["amount"] or 0
    rows = sorted(folded.values(), key=lambda row: (-row["fen"], row["code"]))
    return [{"code": r["code"], "count": r["count"], "amount": _yuan(r["fen"])} for r in rows]


def _projection(year: int, registered: Decimal, today: datetime.date) -> dict:
    days_in_year = 366 if calendar.isleap(year) else 365
    if year != today.year:
        # A past year's figure is what happened; a future year has nothing registered yet.
        return {"amount": registered, "projected": False, "days_elapsed": None}
    days_elapsed = (today - datetime.date(year, 1, 1)).days + 1
    amount = _fen(registered * days_in_year / days_elapsed)
    return {
        "amount": amount,
        "projected": True,
        "days_elapsed": days_elapsed,
        "days_in_year": days_in_year,
    }


def year_progress(year: int, *, detail: bool = True, today: datetime.date | None = None) -> dict:
    """The year's registered contracts against its targets.

    Always: ``year``, ``amount_target``, ``events_per_quarter``, ``registered_amount`` (sum of
    contract amounts, 合同成交额, which the 5000万 target counts), ``transaction_amount_total``
    (sum of verified technology transaction amounts), ``registered_count``, ``progress``
    (Decimal fraction of the target) and ``events_by_quarter``.

    With ``detail`` (registrars and administrators): ``by_month`` (12 entries), ``by_district``,
    ``by_type``, ``by_nature``, ``largest`` (top 10 contracts), ``projection`` to the year's end
    and the ``funnel`` from published needs to registered contracts.
    """
    today = today or timezone.localdate()
    target = year_target(year)
    contracts = registered_in(year)
    if detail:
        # One scan grouped by the breakdowns' fields (a few hundred groups at most) gives the
        # totals and all three breakdowns.
        groups = list(contracts.order_by().values(*BREAKDOWNS).annotate(**_sums()))
        totals = {
            "registered_amount": sum(g["amount"] or 0 for g in groups),
            "transaction_amount_total": sum(g["transaction"] or 0 for g in groups),
            "registered_count": sum(g["count"] for g in groups),
            "from_needs": sum(g["from_needs"] for g in groups),
        }
    else:
        totals = contracts.aggregate(
            registered_amount=_sum_fen("contract_amount"),
            transaction_amount_total=_sum_fen("transaction_amount"),
            registered_count=Count("pk"),
        )
    registered = _yuan(totals["registered_amount"])
    progress = (registered / target.amount_target) if target.amount_target else Decimal(0)
    result = {
        "year": year,
        "amount_target": _fen(target.amount_target),
        "events_per_quarter": target.events_per_quarter,
        "registered_amount": registered,
        "transaction_amount_total": _yuan(totals["transaction_amount_total"]),
        "registered_count": totals["registered_count"],
        "progress": progress,
        "events_by_quarter": events_by_quarter(year, target),
    }
    if not detail:
        return result

    # Grouped by day (at most 366 rows) and folded into months here: cheaper than the
    # database extracting the month of every row.
    months = {month: {"count": 0, "fen": 0} for month in range(1, 13)}
    for day in (
        contracts.order_by()
        .values("registered_on")
        .annotate(count=Count("pk"), amount=_sum_fen("contract_amount"))
    ):
        month = months[day["registered_on"].month]
        month["count"] += day["count"]
        month["fen"] += day["amount"] or 0
    result["by_month"] = [
        {"month": month, "count": row["count"], "amount": _yuan(row["fen"])}
        for month, row in months.items()
    ]
    for key, field, name in (
        ("by_district", "seller_region", district_name),
        ("by_type", "contract_type", _label(ContractType)),
        ("by_nature", "seller_nature", _label(PartyNature)),
    ):
        result[key] = [{**row, "name": name(row["code"])} for row in _fold(groups, field)]
    result["largest"] = [
        {**row, "contract_amount": _fen(row["contract_amount"])}
        for row in contracts.order_by("-contract_amount", "registration_number").values(
            "name",
            "seller_name",
            "buyer_name",
            "contract_amount",
            "registration_number",
            "registered_on",
        )[:LARGEST]
    ]
    result["projection"] = _projection(year, registered, today)
    result["funnel"] = {
        "needs_published": Need.objects.filter(published_at__year=year).count(),
        "contracts_from_needs": totals["from_needs"],
    }
    return result


def registered_contracts(*, seller=None, buyer=None, types=()):
    """Registered contracts, newest first; of one seller or buyer organization and of some
    contract types when given (the funding room reads contracts only through here)."""
    contracts = Contract.objects.filter(status=Contract.Status.REGISTERED).select_related(
        "seller_organization", "buyer_organization"
    )
    if seller is not None:
        contracts = contracts.filter(seller_organization=seller)
    if buyer is not None:
        contracts = contracts.filter(buyer_organization=buyer)
    if types:
        contracts = contracts.filter(contract_type__in=types)
    return contracts.order_by("-registered_on", "-pk")

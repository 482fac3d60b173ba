"""/dashboard/: the year's registered technology contracts against the city's targets.

Everyone sees the headline (target, registered amount, progress, count); registrars and
administrators also see the breakdowns, the largest contracts, the projection and the funnel.
The page carries its figures as JSON for the charts (portal/static/portal/dashboard.js), and
every chart's figures are in a table too.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.shortcuts import render
from django.utils import timezone
from django.utils.dates import MONTHS
from django.views.decorators.http import require_GET

from market.contract_selectors import FIRST_YEAR, year_allowed, year_progress
from market.contract_services import is_registrar
from matching.events.selectors import events_held
from matching.selectors import year_funnel

WAN = Decimal(10_000)
FEN = Decimal("0.01")


def wan(yuan: Decimal) -> str:
    """Yuan as 万元 with 2 decimals and thousands separators: 2,423.46."""
    return f"{(yuan / WAN).quantize(FEN, rounding=ROUND_HALF_UP):,.2f}"


def _year(request, current: int) -> int:
    try:
        year = int(request.GET.get("year", current))
    except (TypeError, ValueError):
        return current
    return year if year_allowed(year) else current


def _with_wan(rows: list[dict], key: str = "amount") -> list[dict]:
    return [{**row, f"{key}_wan": wan(row[key])} for row in rows]


@require_GET
def dashboard(request):
    current = timezone.localdate().year
    year = _year(request, current)
    detail = is_registrar(request.user)
    progress = year_progress(year, detail=detail)
    percent = (progress["progress"] * 100).quantize(FEN, rounding=ROUND_HALF_UP)
    data = {
        "year": year,
        "amount_target_wan": wan(progress["amount_target"]),
        "registered_amount_wan": wan(progress["registered_amount"]),
        "registered_count": progress["registered_count"],
        "percent": str(percent),
    }
    context = {
        "year": year,
        "years": list(range(current + 1, FIRST_YEAR - 1, -1)),
        "progress": progress,
        "percent": percent,
        "bar_percent": min(percent, Decimal(100)),
        "amount_target_wan": data["amount_target_wan"],
        "registered_amount_wan": data["registered_amount_wan"],
        "detail": detail,
    }
    if detail:
        context.update(
            by_month=_with_wan(
                [{**row, "name": MONTHS[row["month"]]} for row in progress["by_month"]]
            ),
            by_district=_with_wan(progress["by_district"]),
            by_type=_with_wan(progress["by_type"]),
            by_nature=_with_wan(progress["by_nature"]),
            largest=_with_wan(progress["largest"], "contract_amount"),
            projection_wan=wan(progress["projection"]["amount"]),
            match_funnel=year_funnel(year),
            held_events=events_held(year),
            transaction_amount_total_wan=wan(progress["transaction_amount_total"]),
        )
        data.update(
            {
                key: _chart(context[key])
                for key in ("by_month", "by_district", "by_type", "by_nature")
            }
        )
        data["events_by_quarter"] = [
            {"label": f"Q{row['quarter']}", "value": row["held"], "target": row["target"]}
            for row in progress["events_by_quarter"]
        ]
    context["data"] = data
    return render(request, "portal/dashboard.html", context)


def _chart(rows: list[dict]) -> list[dict]:
    """Bars for the browser: a label and the amount in 万元 (exact figures are in the table
    next to the chart)."""
    return [
        {"label": str(row["name"]), "value": row["amount_wan"].replace(",", "")} for row in rows
    ]

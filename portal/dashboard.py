"""/dashboard/: the year's registered technology contracts against the city's targets.

Everyone sees the headline (target, registered amount, progress, count), the registered
totals by month and by contract type, the matchmaking events per quarter and what the market
offers by technical field (published outcomes and public needs): sums and counts only, never a
contract or a party. Registrars and administrators also see the breakdowns by district and by
seller's nature, the largest contracts, the projection and the funnel.
The page carries its figures as JSON for the charts (portal/static/portal/dashboard.js), and
every chart's figures are in a table too.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count
from django.shortcuts import render
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from cms.selectors import outcomes_published
from market.contracts.permissions import is_registrar
from market.contracts.selectors import FIRST_YEAR, year_allowed, year_progress
from market.funding.selectors import year_summary as funding_year_summary
from market.needs.selectors import needs_listed_for
from matching.events.selectors import events_held
from matching.selectors import year_funnel
from portal.caching import cached

WAN = Decimal(10_000)
REGISTRARS_ONLY = ("by_district", "by_nature", "largest", "projection", "funnel")
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
    if detail:
        figures = _figures(year, detail=True)
    else:
        # the public figures are the same for everyone: computed once a change (portal.caching)
        figures = cached("dashboard", lambda: _figures(year, detail=False), year, get_language())
    context = {
        **figures,
        "years": list(range(current + 1, FIRST_YEAR - 1, -1)),
        "detail": detail,
    }
    return render(request, "portal/dashboard.html", context)


def _figures(year: int, *, detail: bool) -> dict:
    """The page's figures for the year, the registrars' breakdowns with ``detail``."""
    progress = year_progress(year, detail=True)
    if not detail:
        # The public keeps the sums by month and type; nothing that names or singles out a
        # contract or a party leaves this function.
        progress = {key: value for key, value in progress.items() if key not in REGISTRARS_ONLY}
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
        "progress": progress,
        "percent": percent,
        "bar_percent": min(percent, Decimal(100)),
        "amount_target_wan": data["amount_target_wan"],
        "registered_amount_wan": data["registered_amount_wan"],
        "funding": funding_year_summary(year),
        "by_month": _with_wan(
            [{**row, "name": str(MONTHS[row["month"]])} for row in progress["by_month"]]
        ),
        "by_type": _with_wan(progress["by_type"]),
        "offer_by_field": offer_by_field(),
    }
    data.update({key: _chart(context[key]) for key in ("by_month", "by_type")})
    data["events_by_quarter"] = [
        {"label": f"Q{row['quarter']}", "value": row["held"], "target": row["target"]}
        for row in progress["events_by_quarter"]
    ]
    if detail:
        context.update(
            by_district=_with_wan(progress["by_district"]),
            by_nature=_with_wan(progress["by_nature"]),
            largest=_with_wan(progress["largest"], "contract_amount"),
            projection_wan=wan(progress["projection"]["amount"]),
            match_funnel=year_funnel(year),
            held_events=events_held(year),
            transaction_amount_total_wan=wan(progress["transaction_amount_total"]),
        )
        data.update({key: _chart(context[key]) for key in ("by_district", "by_nature")})
    context["data"] = data
    return context


def offer_by_field() -> list[dict]:
    """Published outcomes and public needs per technical field, most first (what anyone can
    already see in the catalogue and the needs listing, counted)."""
    rows: dict[str, dict] = {}
    for kind, queryset in (
        ("outcomes", outcomes_published()),
        ("needs", needs_listed_for(AnonymousUser())),
    ):
        counts = (
            queryset.order_by()
            .values("tech_field__name_zh", "tech_field__name_en")
            .annotate(n=Count("pk"))
        )
        for row in counts:
            zh, en = row["tech_field__name_zh"], row["tech_field__name_en"]
            if not zh:
                continue
            entry = rows.setdefault(zh, {"name_zh": zh, "name_en": en, "outcomes": 0, "needs": 0})
            entry[kind] += row["n"]
    english = (get_language() or "").startswith("en")
    return sorted(
        ({**r, "name": r["name_en"] if english else r["name_zh"]} for r in rows.values()),
        key=lambda r: (-(r["outcomes"] + r["needs"]), r["name_zh"]),
    )


def _chart(rows: list[dict]) -> list[dict]:
    """Bars for the browser: a label and the amount in 万元 (exact figures are in the table
    next to the chart)."""
    return [
        {"label": str(row["name"]), "value": row["amount_wan"].replace(",", "")} for row in rows
    ]

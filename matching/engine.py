"""The matching engine: rank published outcomes for a need and published needs for an outcome,
and say why, in Chinese.

One code path for pages, API and benchmarks. Candidates and their lexical score come from the
search backend (every term of the text, `SearchQuery.all_terms`); structured signals then adjust
the order: technical field, Hebi industry, cooperation against transfer modes, price against
budget, and maturity. Each part of the score is kept, so the reasons can show it.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _

from cms import selectors as outcome_selectors
from cms.models import OutcomePage
from market.models import Need
from search.analysis import get_analyzer, highlight
from search.documents import PUBLIC, SearchQuery
from search.selectors import search

# How much each signal weighs in the final score (the lexical part is normalised to 0..1).
WEIGHTS = {
    "text": 0.60,
    "field": 0.15,
    "industry": 0.10,
    "mode": 0.05,
    "budget": 0.05,
    "maturity": 0.05,
}
CANDIDATES = 50

# A need's cooperation mode and the outcome transfer modes that serve it.
MODE_FITS = {
    "transfer": {"transfer"},
    "licence": {"licence"},
    "joint-development": {"joint-development", "equity"},
    "commissioned": {"joint-development", "service"},
    "service": {"service"},
}
MATURITY_SCORE = {"industrial": 1.0, "pilot": 0.8, "lab": 0.4, "research": 0.2}


@dataclass
class Suggestion:
    """One ranked counterpart with its score, the parts of the score, and the reasons."""

    id: int
    title: str
    url: str
    score: float
    parts: dict[str, float] = field(default_factory=dict)
    shared_terms: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    highlight_self: str = ""
    highlight_other: str = ""
    target: object = None


def need_text(need: Need) -> str:
    return " ".join([need.title, need.summary, need.description])


def outcome_text(outcome: OutcomePage) -> str:
    keywords = " ".join(item.tag.name for item in outcome.tagged_items.all())
    return " ".join([outcome.title, keywords, outcome.summary])


def _shared_terms(a: str, b: str) -> list[str]:
    analyzer = get_analyzer()
    words_b = set(analyzer.tokens(b, bigrams=False))
    shared = [w for w in dict.fromkeys(analyzer.tokens(a, bigrams=False)) if w in words_b]
    longer = [w for w in shared if len(w) > 1]
    # The longest first: 镁合金 says more than 合金.
    return sorted(longer, key=len, reverse=True)[:8]


def _budget_fit(need: Need, price_wan: Decimal | None) -> tuple[float, str]:
    high = need.budget_max_wan or need.budget_min_wan
    if price_wan is None or high is None:
        return 0.5, ""
    if price_wan <= high:
        return 1.0, _("the price is within the budget")
    if price_wan <= high * Decimal("1.5"):
        return 0.5, _("the price is a little above the budget")
    return 0.0, _("the price is well above the budget")


def _parts(need: Need, outcome: OutcomePage, text_score: float) -> tuple[dict, list[str]]:
    reasons = []
    parts = {"text": text_score}
    same_field = outcome.tech_field_id == need.tech_field_id
    parts["field"] = 1.0 if same_field else 0.0
    if same_field:
        reasons.append(_("same technical field: %(field)s") % {"field": need.tech_field.name})
    industries = {t.pk for t in outcome.industries.all()}
    same_industry = need.industry_id is not None and need.industry_id in industries
    parts["industry"] = 1.0 if same_industry else 0.0
    if same_industry:
        reasons.append(_("both in %(industry)s") % {"industry": need.industry.name})
    wanted = {t.code for t in need.cooperation_modes.all()}
    offered = {t.code for t in outcome.transfer_modes.all()}
    fits = [m for m in wanted if MODE_FITS.get(m, set()) & offered]
    parts["mode"] = len(fits) / len(wanted) if wanted else 0.0
    if fits:
        reasons.append(_("offered in the way the enterprise wants to cooperate"))
    parts["budget"], budget_reason = _budget_fit(need, outcome.price_wan)
    if budget_reason:
        reasons.append(budget_reason)
    parts["maturity"] = MATURITY_SCORE.get(outcome.maturity.code, 0.0)
    reasons.append(_("maturity: %(maturity)s") % {"maturity": outcome.maturity.name})
    return parts, reasons


def _score(parts: dict[str, float]) -> float:
    return round(sum(WEIGHTS[name] * value for name, value in parts.items()), 4)


def _explain(suggestion: Suggestion, self_text: str, other_text: str) -> None:
    shared = suggestion.shared_terms
    if shared:
        suggestion.reasons.insert(
            0, _("shared key terms: %(terms)s") % {"terms": "、".join(shared)}
        )
    suggestion.highlight_self = highlight(self_text, shared, length=120)
    suggestion.highlight_other = highlight(other_text, shared, length=120)


def _candidates(text: str, kind: str, audiences) -> dict[int, float]:
    """Object id -> lexical score scaled to 0..1, from the search index.

    A need may be indexed twice (full text and summary only); its better score counts.
    """
    results = search(
        SearchQuery(
            text=text,
            filters={"kind": [kind]},
            audiences=tuple(audiences),
            page_size=CANDIDATES,
            highlight=False,
            all_terms=True,
        )
    )
    top = max((hit.score for hit in results.hits), default=0.0) or 1.0
    lexical: dict[int, float] = {}
    for hit in results.hits:
        object_id = int(hit.id.split(":", 1)[1].split("#", 1)[0])
        lexical[object_id] = max(lexical.get(object_id, 0.0), hit.score / top)
    return lexical


def _rank(pairs, *, limit: int) -> list[Suggestion]:
    """Score (need, outcome, lexical, counterpart) pairs; the counterpart is what is suggested."""
    suggestions = []
    for need, outcome, lexical, counterpart in pairs:
        shared = _shared_terms(need_text(need), outcome_text(outcome))
        if not shared:  # nothing in common to talk about
            continue
        parts, reasons = _parts(need, outcome, lexical)
        suggestion = Suggestion(
            id=counterpart.pk,
            title=counterpart.title,
            url=counterpart.url if counterpart is outcome else f"/needs/{need.pk}/",
            score=_score(parts),
            parts=parts,
            shared_terms=shared,
            reasons=reasons,
            target=counterpart,
        )
        need_shown = need.summary if counterpart is need else f"{need.summary} {need.description}"
        outcome_shown = f"{outcome.title}：{outcome.summary}"
        if counterpart is outcome:
            _explain(suggestion, need_shown, outcome_shown)
        else:
            _explain(suggestion, outcome_shown, need_shown)
        suggestions.append(suggestion)
    suggestions.sort(key=lambda s: s.score, reverse=True)
    return suggestions[:limit]


def suggest_outcomes(need: Need, *, limit: int = 10) -> list[Suggestion]:
    """Published outcomes worth a conversation for this need, best first, with reasons."""
    lexical = _candidates(need_text(need), "outcome", (PUBLIC,))
    if not lexical:
        return []
    # The need's own related rows once, not once per candidate.
    prefetch_related_objects([need], "cooperation_modes")
    outcomes = outcome_selectors.attach_institutions(
        outcome_selectors.outcomes_published().filter(pk__in=lexical)
    )
    return _rank(((need, o, lexical[o.pk], o) for o in outcomes), limit=limit)


def suggest_needs(
    outcome: OutcomePage, *, audiences=(PUBLIC,), limit: int = 10
) -> list[Suggestion]:
    """Published needs this outcome could answer, among those the viewer may see."""
    lexical = _candidates(outcome_text(outcome), "need", audiences)
    if not lexical:
        return []
    prefetch_related_objects([outcome], "industries", "transfer_modes", "tagged_items__tag")
    needs = (
        Need.objects.filter(pk__in=lexical, status=Need.Status.PUBLISHED)
        .select_related("tech_field", "industry", "organization")
        .prefetch_related("cooperation_modes")
    )
    return _rank(((n, outcome, lexical[n.pk], n) for n in needs), limit=limit)

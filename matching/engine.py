"""The matching engine: rank published outcomes for a need and published needs for an outcome,
and say why, in Chinese.

One code path for pages, API and benchmarks: ``rank`` takes a ``Profile`` (what is matched: a
need's or an outcome's text and structured facts) and ranks the other kind straight from the
search index, whose documents carry their keyword fields and attributes (search.documents), so
no row is read per candidate and the same ranking runs on either backend.

1. Candidates: the search backend's BM25 over every term of the text (``all_terms``), scaled
   to 0..1 by the best hit ("text").
2. Feedback from the top results: the technical fields of the best few candidates, weighted by
   their scores, say what field the text is about; each candidate earns the share of its field
   ("feedback"), and a second search within that field brings in candidates the first missed.
   A text of one or two words says too little for this, so its weight grows with the words.
3. Structured signals where both sides have them: the declared technical field, the Hebi
   industry, an enterprise and an institution that have worked together before, cooperation
   against transfer modes, price against budget, maturity.

Every part of the score is kept, so the reasons can show it. ``explain`` shows only the
candidates worth a conversation (``worth_showing``): ranking and showing are separate, so the
benchmarks measure the ranking and the pages cut its weak tail. The weights were tuned on the
relevance set (benchmarks/README.md has each signal's contribution).
"""

from collections import Counter
from dataclasses import dataclass, field, replace

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from accounts.models import Organization
from cms import selectors as outcome_selectors
from cms.models import OutcomePage
from market.models import Need
from matching.models import Match
from search.analysis import get_analyzer, highlight
from search.documents import PUBLIC, Hit, SearchQuery
from search.selectors import search
from taxonomy.models import Term

# How much each part weighs in the final score (each part is 0..1, the weights sum to 1).
WEIGHTS = {
    "text": 0.30,
    "feedback": 0.50,
    "field": 0.05,
    "industry": 0.05,
    "partner": 0.03,
    "mode": 0.03,
    "budget": 0.02,
    "maturity": 0.02,
}

# What each part is called where the score is shown.
PART_LABELS = {
    "text": gettext_lazy("text in common"),
    "feedback": gettext_lazy("field of the closest matches"),
    "field": gettext_lazy("same technical field"),
    "industry": gettext_lazy("same industry"),
    "partner": gettext_lazy("worked together before"),
    "mode": gettext_lazy("cooperation mode"),
    "budget": gettext_lazy("price and budget"),
    "maturity": gettext_lazy("maturity"),
}

# A need's cooperation mode and the outcome transfer modes that serve it.
MODE_FITS = {
    "transfer": {"transfer"},
    "licence": {"licence"},
    "joint-development": {"joint-development", "equity"},
    "commissioned": {"joint-development", "service"},
    "service": {"service"},
}
MATURITY_SCORE = {"industrial": 1.0, "pilot": 0.8, "lab": 0.4, "research": 0.2}
# Words every technical text uses: shared, they are no reason to talk (a suggestion needs at
# least one other shared word), and a number is never one.
GENERIC_WORDS = frozenset(
    """
    技术 系统 工艺 方案 处理 生产 结构 材料 性能 控制 设计 实现 希望 要求 满足 提高 降低 开发
    应用 目标 现有 面向 进一步 一步 模型 数据 稳定 用于 超过 获得 每年 万元 之间 企业 运行 产品
    投资 验证 试验 环境 表面 中心 方式 过程 影响 条件 效果 质量 成本 效率 能力 合作 需要 提供
    寻求 我司 目前 其中 以上 以下 左右 达到 形成 建立 完成 保证 改善 优化 提升 问题 工作
    产生 设备 新型 变化 前提 不良 主要 部分 情况 方面 基础 研究 具有 相关
    """.split()
)
# Matches that got as far as an introduction: the enterprise and the institution know each other.
WORKED_TOGETHER = ("introduced", "meeting", "negotiating", "signed")
# Without a price or a budget (面议) the fit is unknown: neither good nor bad.
UNKNOWN_BUDGET_FIT = 0.5


@dataclass(frozen=True)
class Config:
    """The engine's knobs; the defaults are what the portal runs (benchmarks ablate them)."""

    weights: dict = field(default_factory=lambda: dict(WEIGHTS))
    # candidates from the first search, and from the second within the inferred field (a page
    # shows 10; the relevance harness asks for 100 to write its runs)
    candidates: int = 50
    # how many of the best candidates vote for the text's technical field
    feedback_docs: int = 5
    field_candidates: bool = True
    # feedback counts in full from this many distinct words, less below (a word or two say
    # little about a field); 0 or 1: always in full
    feedback_full_words: int = 3
    # the feedback part needs text evidence: in full from this text part, less below (a
    # candidate that only shares the field is not worth a conversation); 0: no gate
    feedback_gate: float = 0.0
    # what is shown (explain): a suggestion needs this much of the text part and this many
    # shared words that are not generic (a word inside a longer shared one not counted again);
    # the ranking itself is not cut
    min_text_shown: float = 0.15
    min_shared_words: int = 2

    def with_options(self, **options) -> "Config":
        """A copy with some knobs changed; ``weight_<part>=x`` sets one weight."""
        weights = dict(self.weights)
        for name in [n for n in options if n.startswith("weight_")]:
            part = name.removeprefix("weight_")
            if part not in weights:
                raise ValueError(f"unknown part: {part}")
            weights[part] = float(options.pop(name))
        unknown = set(options) - {f for f in self.__dataclass_fields__ if f != "weights"}
        if unknown:
            raise ValueError(f"unknown option: {', '.join(sorted(unknown))}")
        return replace(self, weights=weights, **options)


DEFAULT = Config()


@dataclass
class Profile:
    """One side of a pair as the engine sees it: its text and its structured facts.

    Built from a Need or an OutcomePage (what is matched) or from a search hit (a candidate);
    the codes are those of the taxonomy vocabularies; money in 万元 (an outcome's price, the
    top of a need's budget), None when 面议. ``institution`` is an outcome's institution (its
    organization slug), ``organization`` a need's enterprise (its id); ``partners`` are, for
    what is matched, the counterparts it has worked with: the institutions a need's enterprise
    has had matches with, or the enterprises an outcome's institution has.
    """

    kind: str
    id: str
    title: str = ""
    text: str = ""
    shown: str = ""
    url: str = ""
    tech_field: str = ""
    industries: frozenset = frozenset()
    modes: frozenset = frozenset()
    maturity: str = ""
    money_wan: float | None = None
    institution: str = ""
    organization: str = ""
    partners: frozenset = frozenset()


@dataclass
class Ranked:
    """A candidate with the parts of its score; reasons are added for those shown."""

    profile: Profile
    score: float
    parts: dict[str, float]


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
    # (label, points) of each part that adds to the score, largest first: how the score is
    # made, for people (points = weight x part, so they sum to the score)
    contributions: list[tuple[str, float]] = field(default_factory=list)


# -- profiles ---------------------------------------------------------------------------------


def need_text(need: Need) -> str:
    return " ".join([need.title, need.summary, need.description])


def outcome_text(outcome: OutcomePage) -> str:
    keywords = " ".join(item.tag.name for item in outcome.tagged_items.all())
    return " ".join([outcome.title, keywords, outcome.summary])


def _wan(value) -> float | None:
    return float(value) if value is not None else None


def need_profile(need: Need) -> Profile:
    prefetch_related_objects([need], "cooperation_modes")
    return Profile(
        kind="need",
        id=str(need.pk),
        title=need.title,
        text=need_text(need),
        shown=f"{need.summary} {need.description}",
        url=f"/needs/{need.pk}/",
        tech_field=need.tech_field.code,
        industries=frozenset([need.industry.code] if need.industry_id else []),
        modes=frozenset(t.code for t in need.cooperation_modes.all()),
        money_wan=_wan(need.budget_max_wan or need.budget_min_wan),
        organization=str(need.organization_id),
        partners=_institutions_worked_with(need.organization_id),
    )


def _institutions_worked_with(organization_id: int) -> frozenset[str]:
    """The institutions (slugs) whose outcomes the enterprise has had matches with."""
    outcome_ids = Match.objects.filter(
        need__organization_id=organization_id, status__in=WORKED_TOGETHER
    ).values_list("outcome_id", flat=True)
    outcomes = OutcomePage.objects.filter(pk__in=list(outcome_ids)).only("pk", "path")
    return frozenset(
        o.institution.slug for o in outcome_selectors.attach_institutions(outcomes) if o.institution
    )


def _enterprises_worked_with(outcome: OutcomePage) -> frozenset[str]:
    """The enterprises (ids) that have had matches with any outcome of this outcome's
    institution (the outcomes under the same section)."""
    section_path = outcome.path[: -Page.steplen]
    ids = (
        Match.objects.filter(status__in=WORKED_TOGETHER, outcome__path__startswith=section_path)
        .values_list("need__organization_id", flat=True)
        .distinct()
    )
    return frozenset(str(pk) for pk in ids)


def outcome_profile(outcome: OutcomePage) -> Profile:
    prefetch_related_objects([outcome], "industries", "transfer_modes", "tagged_items__tag")
    institution = getattr(outcome, "institution", None) or outcome_selectors.institution_of(outcome)
    return Profile(
        kind="outcome",
        id=str(outcome.pk),
        title=outcome.title,
        text=outcome_text(outcome),
        shown=f"{outcome.title}：{outcome.summary}",
        url=outcome.url or "",
        tech_field=outcome.tech_field.code,
        industries=frozenset(t.code for t in outcome.industries.all()),
        modes=frozenset(t.code for t in outcome.transfer_modes.all()),
        maturity=outcome.maturity.code,
        money_wan=_wan(outcome.price_wan),
        institution=institution.slug if institution else "",
        partners=_enterprises_worked_with(outcome),
    )


def object_id(document_id: str) -> str:
    """need:12#summary -> 12; outcome:7 -> 7; an id without a kind stays as it is."""
    return document_id.split(":", 1)[-1].split("#", 1)[0]


def hit_profile(hit: Hit) -> Profile:
    facets = hit.facets
    money_key = "price_wan" if hit.kind == "outcome" else "budget_wan"
    money = hit.attributes.get(money_key)
    if hit.kind == "outcome":
        shown = f"{hit.title}：{hit.summary}"
        text = " ".join([hit.title, " ".join(hit.keywords), hit.summary])
    else:
        shown = hit.summary  # a need's public summary: never its confidential details
        text = " ".join([hit.title, hit.summary])
    return Profile(
        kind=hit.kind,
        id=object_id(hit.id),
        title=hit.title,
        text=text,
        shown=shown,
        url=hit.url,
        tech_field=(facets.get("tech_field") or [""])[0],
        industries=frozenset(facets.get("industries") or []),
        modes=frozenset(facets.get("modes") or []),
        maturity=(facets.get("maturity") or [""])[0],
        money_wan=float(money) if money is not None else None,
        institution=(facets.get("institution") or [""])[0],
        organization=str(hit.attributes.get("organization", "")),
    )


# -- scoring ----------------------------------------------------------------------------------


def _budget_fit(price_wan: float | None, budget_wan: float | None) -> float:
    if price_wan is None or budget_wan is None:
        return UNKNOWN_BUDGET_FIT
    if price_wan <= budget_wan:
        return 1.0
    if price_wan <= budget_wan * 1.5:
        return 0.5
    return 0.0


def _structured(need: Profile, outcome: Profile) -> dict[str, float]:
    parts = {}
    parts["field"] = float(bool(need.tech_field) and need.tech_field == outcome.tech_field)
    parts["industry"] = float(bool(need.industries & outcome.industries))
    # whichever side is matched knows its partners (the candidate's set is empty)
    parts["partner"] = float(
        bool(outcome.institution and outcome.institution in need.partners)
        or bool(need.organization and need.organization in outcome.partners)
    )
    fits = [m for m in need.modes if MODE_FITS.get(m, set()) & outcome.modes]
    parts["mode"] = len(fits) / len(need.modes) if need.modes else 0.0
    parts["budget"] = _budget_fit(outcome.money_wan, need.money_wan)
    parts["maturity"] = MATURITY_SCORE.get(outcome.maturity, 0.0)
    return parts


def candidate_query(text, kind, audiences, size, fields=None) -> SearchQuery:
    """What the engine asks the search backend: every term of the text, among documents of
    ``kind`` the audiences may see (within ``fields`` for the second search), no highlights."""
    filters = {"kind": [kind]}
    if fields:
        filters["tech_field"] = sorted(fields)
    return SearchQuery(
        text=text,
        filters=filters,
        audiences=tuple(audiences),
        page_size=size,
        highlight=False,
        all_terms=True,
    )


def _search(text, kind, audiences, size, fields=None) -> list[Hit]:
    return search(candidate_query(text, kind, audiences, size, fields)).hits


def _field_shares(hits: list[Hit], depth: int) -> dict[str, float]:
    """Each technical field's share of the best ``depth`` hits, weighted by their scores."""
    votes: Counter = Counter()
    for hit in hits[:depth]:
        tech_field = (hit.facets.get("tech_field") or [""])[0]
        if tech_field:
            votes[tech_field] += hit.score
    total = sum(votes.values())
    return {name: value / total for name, value in votes.items()} if total else {}


def _distinct_words(text: str) -> int:
    """Words of two or more characters, a word inside a longer one not counted again
    (search-mode segmentation gives 碳含量 and 含量 for one word)."""
    words = {w for w in get_analyzer().tokens(text, bigrams=False) if len(w) > 1}
    return sum(1 for w in words if not any(w != other and w in other for other in words))


def rank(
    probe: Profile,
    *,
    kind: str,
    audiences=(PUBLIC,),
    config: Config = DEFAULT,
) -> list[Ranked]:
    """Every candidate of ``kind`` for ``probe``, best first, with the parts of its score."""
    weights = config.weights
    hits = _search(probe.text, kind, audiences, config.candidates)
    if not hits:
        return []
    top = hits[0].score or 1.0
    shares = _field_shares(hits, config.feedback_docs) if weights.get("feedback") else {}
    if shares and config.field_candidates:
        fields = {max(shares, key=shares.get)} | ({probe.tech_field} - {""})
        hits = hits + _search(probe.text, kind, audiences, config.candidates, fields)
    full = config.feedback_full_words
    trust = 1.0 if full <= 1 else min(1.0, (_distinct_words(probe.text) - 1) / (full - 1))

    best: dict[str, tuple[float, Hit]] = {}
    for hit in hits:  # a need indexed twice (full, summary only): its better score counts
        candidate_id = object_id(hit.id)
        lexical = min(1.0, hit.score / top)
        if candidate_id not in best or lexical > best[candidate_id][0]:
            best[candidate_id] = (lexical, hit)

    ranked = []
    for lexical, hit in best.values():
        other = hit_profile(hit)
        need, outcome = (probe, other) if probe.kind == "need" else (other, probe)
        parts = {"text": lexical}
        if "feedback" in weights:
            evidence = min(1.0, lexical / config.feedback_gate) if config.feedback_gate else 1.0
            parts["feedback"] = trust * evidence * shares.get(other.tech_field, 0.0)
        parts.update(_structured(need, outcome))
        score = sum(weights.get(name, 0.0) * value for name, value in parts.items())
        ranked.append(Ranked(profile=other, score=round(score, 4), parts=parts))
    ranked.sort(key=lambda r: (-r.score, r.profile.id))
    return ranked


# -- explanations -----------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    """The words of a text (no bigrams), in order, once each."""
    return list(dict.fromkeys(get_analyzer().tokens(text, bigrams=False)))


def _shared_terms(words: list[str], other_text: str) -> list[str]:
    """The probe's words (of two characters or more) found in the other text, longest first:
    镁合金 says more than 合金."""
    other = set(get_analyzer().tokens(other_text, bigrams=False))
    shared = [w for w in words if len(w) > 1 and not w.isdigit() and w in other]
    return sorted(shared, key=len, reverse=True)[:8]


def _names(profiles: list[Profile], institutions=()) -> dict[tuple[str, str], str]:
    """(vocabulary, code) -> name in the active language, in one query; ("institution", slug)
    -> name for the institutions a reason names (one more query when there are any)."""
    codes = set()
    for p in profiles:
        codes |= {p.tech_field, p.maturity, *p.industries} - {""}
    terms = Term.objects.filter(
        vocabulary__in=["tech_field", "industry", "maturity"], code__in=codes
    )
    names = {(t.vocabulary, t.code): t.name for t in terms}
    slugs = set(institutions) - {""}
    if slugs:
        for slug, name in Organization.objects.filter(slug__in=slugs).values_list("slug", "name"):
            names[("institution", slug)] = name
    return names


def _reasons(need: Profile, outcome: Profile, parts: dict, names: dict) -> list[str]:
    reasons = []
    if parts.get("field"):
        name = names.get(("tech_field", need.tech_field), need.tech_field)
        reasons.append(_("same technical field: %(field)s") % {"field": name})
    elif parts.get("feedback", 0) >= 0.5:
        name = names.get(("tech_field", outcome.tech_field), outcome.tech_field)
        reasons.append(_("the closest matches are mostly in %(field)s") % {"field": name})
    if parts.get("industry"):
        shared = sorted(need.industries & outcome.industries)
        names_ = "、".join(names.get(("industry", code), code) for code in shared)
        reasons.append(_("both in %(industry)s") % {"industry": names_})
    if parts.get("partner"):
        name = names.get(("institution", outcome.institution), outcome.institution)
        reasons.append(
            _("the enterprise and %(institution)s have worked together before")
            % {"institution": name}
        )
    if parts.get("mode"):
        reasons.append(_("offered in the way the enterprise wants to cooperate"))
    if outcome.money_wan is not None and need.money_wan is not None:
        budget = parts.get("budget", UNKNOWN_BUDGET_FIT)
        if budget == 1.0:
            reasons.append(_("the price is within the budget"))
        elif budget == 0.5:
            reasons.append(_("the price is a little above the budget"))
        else:
            reasons.append(_("the price is well above the budget"))
    if outcome.maturity:
        name = names.get(("maturity", outcome.maturity), outcome.maturity)
        reasons.append(_("maturity: %(maturity)s") % {"maturity": name})
    return reasons


def _contributions(parts: dict[str, float], weights: dict) -> list[tuple[str, float]]:
    points = [
        (PART_LABELS.get(name, name), round(weights.get(name, 0.0) * value, 2))
        for name, value in parts.items()
    ]
    return sorted([p for p in points if p[1] > 0], key=lambda p: -p[1])


def worth_showing(item: Ranked, shared: list[str], config: Config = DEFAULT) -> bool:
    """Enough text in common to talk about: the field alone, one word, or words every text
    uses are not."""
    specific = [w for w in shared if w not in GENERIC_WORDS]
    distinct = [w for w in specific if not any(w != other and w in other for other in specific)]
    return (
        len(distinct) >= config.min_shared_words
        and item.parts.get("text", 0.0) >= config.min_text_shown
    )


def shown(
    probe: Profile, ranked: list[Ranked], *, limit: int = 10, config: Config = DEFAULT
) -> list[tuple[Ranked, list[str]]]:
    """The first ``limit`` candidates worth showing (``worth_showing``), in order, each with the
    words it shares with the probe: what a page shows, before reasons and highlights."""
    chosen = []
    words = _words(probe.text)
    for item in ranked:
        if item.parts.get("text", 0.0) < config.min_text_shown:
            continue  # too little in common: no need to read its words
        shared = _shared_terms(words, item.profile.text)
        if worth_showing(item, shared, config):
            # specific words first: 镁合金 before 技术
            shared.sort(key=lambda w: w in GENERIC_WORDS)
            chosen.append((item, shared))
        if len(chosen) == limit:
            break
    return chosen


def explain(
    probe: Profile, ranked: list[Ranked], *, limit: int, config: Config = DEFAULT
) -> list[Suggestion]:
    """The first ``limit`` candidates worth showing (``shown``), as suggestions with their
    reasons and highlights."""
    chosen = shown(probe, ranked, limit=limit, config=config)
    partners = [
        (probe if probe.kind == "outcome" else item.profile).institution
        for item, _shared in chosen
        if item.parts.get("partner")
    ]
    names = _names([probe] + [item.profile for item, _shared in chosen], partners)
    suggestions = []
    for item, shared in chosen:
        other = item.profile
        need, outcome = (probe, other) if probe.kind == "need" else (other, probe)
        reasons = _reasons(need, outcome, item.parts, names)
        reasons.insert(0, _("shared key terms: %(terms)s") % {"terms": "、".join(shared)})
        suggestions.append(
            Suggestion(
                id=int(other.id),
                title=other.title,
                url=other.url,
                score=item.score,
                parts={name: round(value, 4) for name, value in item.parts.items()},
                shared_terms=shared,
                reasons=reasons,
                highlight_self=highlight(probe.shown, shared, length=120),
                highlight_other=highlight(other.shown, shared, length=120),
                contributions=_contributions(item.parts, config.weights),
            )
        )
    return suggestions


# -- what pages and the API call -----------------------------------------------------------------


def suggest_outcomes(need: Need, *, limit: int = 10, config: Config = DEFAULT) -> list[Suggestion]:
    """Published outcomes worth a conversation for this need, best first, with reasons."""
    probe = need_profile(need)
    return explain(probe, rank(probe, kind="outcome", config=config), limit=limit, config=config)


def suggest_needs(
    outcome: OutcomePage, *, audiences=(PUBLIC,), limit: int = 10, config: Config = DEFAULT
) -> list[Suggestion]:
    """Published needs this outcome could answer, among those the viewer may see."""
    probe = outcome_profile(outcome)
    ranked = rank(probe, kind="need", audiences=audiences, config=config)
    return explain(probe, ranked, limit=limit, config=config)

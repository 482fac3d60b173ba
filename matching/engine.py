"""The matching engine: rank published outcomes for a need and published needs for an outcome,
and say why, in Chinese.

One code path for pages, API and benchmarks: ``rank`` takes a ``Profile`` (what is matched: a
need's or an outcome's text and structured facts) and ranks the other kind straight from the
search index, whose documents carry their keyword fields and attributes (search.documents), so
no row is read per candidate and the same ranking runs on either backend.

1. The text (``searched_text``): the probe's text without boilerplate (company forms,
   self-introductions, institution words) and the parties' own names; traditional characters
   and full-width forms are folded by the analyzer, at index and query time alike.
2. Candidates and the text part: BM25 over every term of that text in the two matching fields
   (search.documents.MATCH_FIELDS: all of a document's text once as character bigrams, once as
   words), each scaled to 0..1 by its best hit and averaged ("text").
3. Structured signals where both sides have them: the declared technical field, the Hebi
   industry, an enterprise and an institution that have worked together before, cooperation
   against transfer modes, price against budget, maturity. They weigh little: they order
   candidates whose texts are alike.

Every part of the score is kept, so the reasons can show it. ``shown`` picks what a page shows
(the best few that share a specific word with the probe) and how sure the engine is of each
(``confidence``: strong, medium, weak, calibrated on the needs dev set); ``explain`` adds the
reasons, naming whole shared words as the probe writes them. Ranking and showing are separate,
so the benchmarks measure both (benchmarks/README.md has each change's gain).
"""

from collections import Counter
from dataclasses import dataclass, field, replace

import numpy as np
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from accounts.models import Organization
from cms import selectors as outcome_selectors
from cms.models import OutcomePage
from market.needs.models import Need
from matching import vectors
from matching.models import Match
from search import semantic
from search.analysis import (
    get_analyzer,
    is_boilerplate,
    normalize,
    strip_boilerplate,
)
from search.documents import PUBLIC, Hit, SearchQuery
from search.highlighting import highlight
from search.selectors import search
from taxonomy.models import Term

# How much each part weighs in the final score (each part is 0..1, the weights sum to 1). The
# text decides; the structured parts order candidates whose texts are alike. Field feedback
# (the technical field the best candidates share) is off: on needs as companies write them it
# only lost (benchmarks/README.md), and on the CSL tasks it won by reading the graded label.
WEIGHTS = {
    "text": 0.80,
    "field": 0.06,
    "industry": 0.05,
    "partner": 0.03,
    "mode": 0.03,
    "budget": 0.015,
    "maturity": 0.015,
}
# What each part is called where the score is shown.
PART_LABELS = {
    "text": gettext_lazy("text in common"),
    "feedback": gettext_lazy("field of the closest matches"),
    "keywords": gettext_lazy("the outcome's keywords in the need"),
    "field": gettext_lazy("same technical field"),
    "industry": gettext_lazy("same industry"),
    "partner": gettext_lazy("worked together before"),
    "mode": gettext_lazy("cooperation mode"),
    "budget": gettext_lazy("price and budget"),
    "maturity": gettext_lazy("maturity"),
}

# How sure the engine is of a suggestion, as a page says it.
CONFIDENCE_LABELS = {
    "strong": gettext_lazy("strong match"),
    "medium": gettext_lazy("medium match"),
    "weak": gettext_lazy("weak match"),
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
    # candidates from each search (a page shows 5; the relevance harness asks for 100 to write
    # its runs)
    candidates: int = 50
    # the text part: each matching field's BM25 scaled by its best hit, this share from the
    # character bigrams and the rest from the words
    bigram_share: float = 0.5
    # and, where the probe and a candidate have vectors (search.semantic), this share of the
    # text part from their cosine, scaled 0..1 among the candidates
    semantic_share: float = 0.7
    # ... but only for a probe of at least this many words: a word or two say little to a
    # sentence model, and the words themselves are the better evidence
    semantic_min_words: int = 2
    # drop boilerplate (company forms, self-introductions, institution words, the parties'
    # names) from the text searched for
    strip_boilerplate: bool = True
    # how many of the best candidates vote for the text's technical field (weight_feedback)
    feedback_docs: int = 5
    # confidence (calibrated on the needs dev set): the first candidate is strong with this
    # lead of its text part over the others' and this many specific shared words; medium from
    # this text part
    strong_lead: float = 0.15
    strong_words: int = 2
    medium_text: float = 0.7

    def with_options(self, **options) -> "Config":
        """A copy with some knobs changed; ``weight_<part>=x`` sets one weight."""
        weights = dict(self.weights)
        for name in [n for n in options if n.startswith("weight_")]:
            part = name.removeprefix("weight_")
            if part not in PART_LABELS:
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
    # the parties' own names (a need's enterprise, an outcome's institution): never evidence
    names: tuple = ()
    # its sentence-embedding vector (matching.vectors), None when it has none yet
    vector: object = None
    # an outcome's keywords (as its owner chose them)
    keywords: tuple = ()


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
    # strong, medium or weak (``confidence``); CONFIDENCE_LABELS names them
    confidence: str = "weak"
    parts: dict[str, float] = field(default_factory=dict)
    shared_terms: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    highlight_self: str = ""
    highlight_other: str = ""
    # (label, points) of each part that adds to the score, largest first: how the score is
    # made, for people (points = weight x part, so they sum to the score)
    contributions: list[tuple[str, float]] = field(default_factory=list)

    @property
    def confidence_label(self) -> str:
        return str(CONFIDENCE_LABELS.get(self.confidence, self.confidence))


# -- profiles ---------------------------------------------------------------------------------


def need_text(need: Need) -> str:
    return " ".join([need.title, need.summary, need.description])


def outcome_text(outcome: OutcomePage) -> str:
    keywords = " ".join(item.tag.name for item in outcome.tagged_items.all())
    return " ".join([outcome.title, keywords, outcome.summary])


def _vector_of(kind: str, pk) -> object:
    """The stored vector of a need or an outcome, None without one or with semantic matching
    off."""
    if not semantic.enabled():
        return None
    return vectors.vectors_of(kind, [pk]).get(str(pk))


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
        names=(need.organization.name,),
        vector=_vector_of("need", need.pk),
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
        names=(institution.name,) if institution else (),
        vector=_vector_of("outcome", outcome.pk),
        keywords=tuple(item.tag.name for item in outcome.tagged_items.all()),
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
        keywords=tuple(hit.keywords),
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


def _keywords_in(need: Profile, outcome: Profile) -> float:
    """1 when one of the outcome's keywords (of two characters or more) is in the need's text."""
    text = normalize(need.text)
    return float(any(len(k) > 1 and normalize(k) in text for k in outcome.keywords))


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


def candidate_query(text, kind, audiences, size, match_field="match_bigrams") -> SearchQuery:
    """What the engine asks the search backend: every term of the text in one matching field
    (search.documents.MATCH_FIELDS), among documents of ``kind`` the audiences may see, no
    highlights."""
    return SearchQuery(
        text=text,
        filters={"kind": [kind]},
        audiences=tuple(audiences),
        page_size=size,
        highlight=False,
        match_field=match_field,
    )


def searched_text(probe: Profile, config: Config = DEFAULT) -> str:
    """The probe's text as the engine searches for it: without boilerplate and the parties'
    own names (they say who wrote it, not what it is about)."""
    if not config.strip_boilerplate:
        return probe.text
    stripped = strip_boilerplate(probe.text, probe.names)
    if not any(ch.isalnum() for ch in stripped):
        # nothing but boilerplate (a need that says only 博士 or 研究中心): searched as written,
        # rather than finding nothing
        return probe.text
    return stripped


def _field_shares(best: list[tuple[float, Hit]], depth: int) -> dict[str, float]:
    """Each technical field's share of the best ``depth`` candidates, weighted by their text."""
    votes: Counter = Counter()
    for lexical, hit in best[:depth]:
        tech_field = (hit.facets.get("tech_field") or [""])[0]
        if tech_field:
            votes[tech_field] += lexical
    total = sum(votes.values())
    return {name: value / total for name, value in votes.items()} if total else {}


def _with_semantic(
    probe: Profile, kind: str, lexical: dict[str, float], share: float
) -> dict[str, float]:
    """The text part with the cosine of the probe's and each candidate's vectors, scaled 0..1
    among the candidates that have one; a candidate without a vector keeps its words' part."""
    found = vectors.vectors_of(kind, list(lexical))
    if not found:
        return lexical
    cosines = {i: float(np.dot(probe.vector, v)) for i, v in found.items()}
    low, high = min(cosines.values()), max(cosines.values())
    spread = high - low
    return {
        i: (1 - share) * value + share * ((cosines[i] - low) / spread if spread else 1.0)
        if i in cosines
        else value
        for i, value in lexical.items()
    }


def rank(
    probe: Profile,
    *,
    kind: str,
    audiences=(PUBLIC,),
    config: Config = DEFAULT,
) -> list[Ranked]:
    """Every candidate of ``kind`` for ``probe``, best first, with the parts of its score."""
    weights = config.weights
    text = searched_text(probe, config)
    shares = {"match_bigrams": config.bigram_share, "match_words": 1.0 - config.bigram_share}
    lexical: dict[str, float] = {}
    hits_by_id: dict[str, Hit] = {}
    for match_field, share in shares.items():
        if share <= 0:
            continue
        hits = search(candidate_query(text, kind, audiences, config.candidates, match_field)).hits
        if not hits:
            continue
        top = hits[0].score or 1.0
        seen = set()
        for hit in hits:  # best first: a need indexed twice (full, summary only) counts once
            candidate_id = object_id(hit.id)
            if candidate_id in seen:
                continue
            seen.add(candidate_id)
            lexical[candidate_id] = lexical.get(candidate_id, 0.0) + share * hit.score / top
            hits_by_id.setdefault(candidate_id, hit)
    if not lexical:
        return []
    if (
        probe.vector is not None
        and config.semantic_share > 0
        and len(get_analyzer().words(text)) >= config.semantic_min_words
    ):
        lexical = _with_semantic(probe, kind, lexical, config.semantic_share)
    by_text = sorted(((lexical[i], hits_by_id[i]) for i in lexical), key=lambda p: -p[0])
    votes = _field_shares(by_text, config.feedback_docs) if weights.get("feedback") else {}

    ranked = []
    for candidate_id, hit in hits_by_id.items():
        other = hit_profile(hit)
        need, outcome = (probe, other) if probe.kind == "need" else (other, probe)
        parts = {"text": min(1.0, lexical[candidate_id])}
        if weights.get("keywords"):
            parts["keywords"] = _keywords_in(need, outcome)
        if weights.get("feedback"):
            parts["feedback"] = votes.get(other.tech_field, 0.0)
        parts.update(_structured(need, outcome))
        score = sum(weights.get(name, 0.0) * value for name, value in parts.items())
        ranked.append(Ranked(profile=other, score=round(score, 4), parts=parts))
    ranked.sort(key=lambda r: (-r.score, r.profile.id))
    return ranked


# -- explanations -----------------------------------------------------------------------------


def _shared_words(probe_text: str, other_text: str) -> list[str]:
    """The whole words of the probe (precise segmentation) found in the other text, neither
    boilerplate nor a place nor a number, a word inside a longer shared one left out (半导体,
    not 半导体、半导、导体); specific words first, longer first."""
    analyzer = get_analyzer()
    other = set(analyzer.tokens(other_text, bigrams=False))
    found = [
        w
        for w in analyzer.words(probe_text)
        if w in other and not w.replace(".", "").isdigit() and not is_boilerplate(w)
    ]
    whole = [w for w in found if not any(w != longer and w in longer for longer in found)]
    return sorted(whole, key=lambda w: (w in GENERIC_WORDS, -len(w)))[:8]


def as_written(word: str, text: str) -> str:
    """A normalised word as the text writes it (PM2.5 for pm2.5, 製備 for 制备), or as it is
    when the text's normal form does not line up with it character for character."""
    folded = normalize(text)
    start = folded.find(word)
    if start == -1 or len(folded) != len(text):
        return word
    return text[start : start + len(word)]


def _specific(words: list[str]) -> int:
    return sum(1 for w in words if w not in GENERIC_WORDS)


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


@dataclass
class Shown:
    """A candidate as a page shows it: the words it shares with the probe and how sure the
    engine is (``confidence``)."""

    item: Ranked
    words: list[str]
    confidence: str


def confidence(
    position: int, item: Ranked, runner_up: float, words: list[str], config: Config = DEFAULT
) -> str:
    """strong, medium or weak: how likely a candidate is what the probe looks for.

    Calibrated on benchmarks/data/needs/dev (benchmarks/README.md): the first candidate is
    strong when its text part leads every other candidate's by ``strong_lead`` and it shares
    ``strong_words`` specific words (there all 77 strong first suggestions are the right one);
    a candidate whose text part is within reach of the best and that shares two specific
    words is medium; the rest weak.
    """
    text = item.parts.get("text", 0.0)
    specific = _specific(words)
    strong_lead = position == 0 and text - runner_up >= config.strong_lead
    if strong_lead and specific >= config.strong_words:
        return "strong"
    if text >= config.medium_text and specific >= 2:
        return "medium"
    return "weak"


def shown(
    probe: Profile, ranked: list[Ranked], *, limit: int = 5, config: Config = DEFAULT
) -> list[Shown]:
    """What a page shows: the first ``limit`` candidates that share at least one specific
    word with the probe, in order, each with its words and its confidence."""
    text = searched_text(probe, config)
    texts = sorted((r.parts.get("text", 0.0) for r in ranked), reverse=True)
    runner_up = texts[1] if len(texts) > 1 else 0.0  # the second best text part of all
    chosen: list[Shown] = []
    for position, item in enumerate(ranked):
        words = _shared_words(text, item.profile.text)
        if not _specific(words):
            continue  # nothing to talk about
        label = confidence(position, item, runner_up, words, config)
        chosen.append(Shown(item=item, words=words, confidence=label))
        if len(chosen) == limit:
            break
    return chosen


def explain(
    probe: Profile, ranked: list[Ranked], *, limit: int = 5, config: Config = DEFAULT
) -> list[Suggestion]:
    """What a page shows (``shown``), as suggestions with their reasons and highlights."""
    chosen = shown(probe, ranked, limit=limit, config=config)
    partners = [
        (probe if probe.kind == "outcome" else entry.item.profile).institution
        for entry in chosen
        if entry.item.parts.get("partner")
    ]
    names = _names([probe] + [entry.item.profile for entry in chosen], partners)
    suggestions = []
    for entry in chosen:
        item, other = entry.item, entry.item.profile
        need, outcome = (probe, other) if probe.kind == "need" else (other, probe)
        written = [as_written(w, probe.text) for w in entry.words]
        reasons = _reasons(need, outcome, item.parts, names)
        reasons.insert(0, _("shared key terms: %(terms)s") % {"terms": "、".join(written)})
        suggestions.append(
            Suggestion(
                id=int(other.id),
                title=other.title,
                url=other.url,
                score=item.score,
                confidence=entry.confidence,
                parts={name: round(value, 4) for name, value in item.parts.items()},
                shared_terms=written,
                reasons=reasons,
                highlight_self=highlight(probe.shown, entry.words, length=120),
                highlight_other=highlight(other.shown, entry.words, length=120),
                contributions=_contributions(item.parts, config.weights),
            )
        )
    return suggestions


# -- hints while a text is typed -----------------------------------------------------------------


@dataclass
class TextHints:
    """What the index suggests for a text being typed: the technical field and the industry
    most of its closest outcomes have (code, share of the closest), and how many words it has,
    so a form can ask for more when there is only a title."""

    tech_field: tuple[str, float] | None
    industry: tuple[str, float] | None
    words: int
    # keywords for the text, as it writes them: the closest outcomes' own keywords that it
    # uses, then its specific words they share, at most HINT_KEYWORDS
    keywords: tuple = ()


HINT_DEPTH = 10  # the closest outcomes that vote
HINT_SHARE = 0.4  # a field or industry is suggested from this share of their votes
HINT_KEYWORDS = 5


def _keyword_hints(text: str, ranked: list[Ranked]) -> tuple[str, ...]:
    """Keywords for ``text``: the closest outcomes' keywords it contains (weighted by how close
    they are), then the specific words it shares with them, longest first; as written."""
    folded = normalize(text)
    votes: Counter = Counter()
    for item in ranked:
        for keyword in item.profile.keywords:
            word = normalize(keyword).strip()
            if len(word) > 1 and word in folded and not is_boilerplate(word):
                votes[word] += item.parts.get("text", 0.0)
    chosen = [word for word, _votes in votes.most_common()]
    for item in ranked:
        for word in _shared_words(text, item.profile.text):
            if word not in GENERIC_WORDS and not any(word in c or c in word for c in chosen):
                chosen.append(word)
    return tuple(as_written(word, text) for word in chosen[:HINT_KEYWORDS])


def text_hints(text: str, *, audiences=(PUBLIC,), config: Config = DEFAULT) -> TextHints:
    """The field and industry the closest published outcomes share (words alone: nothing is
    encoded while a form is typed)."""
    probe = Profile(kind="need", id="", text=text, shown=text)
    ranked = rank(probe, kind="outcome", audiences=audiences, config=config)[:HINT_DEPTH]
    fields: Counter = Counter()
    industries: Counter = Counter()
    for item in ranked:
        weight = item.parts.get("text", 0.0)
        if item.profile.tech_field:
            fields[item.profile.tech_field] += weight
        for code in item.profile.industries:
            industries[code] += weight

    def best(votes: Counter) -> tuple[str, float] | None:
        total = sum(votes.values())
        if not total:
            return None
        code, value = votes.most_common(1)[0]
        share = value / total
        return (code, round(share, 2)) if share >= HINT_SHARE else None

    words = len([w for w in get_analyzer().words(searched_text(probe, config)) if len(w) > 1])
    return TextHints(
        tech_field=best(fields),
        industry=best(industries),
        words=words,
        keywords=_keyword_hints(text, ranked),
    )


# -- what pages and the API call -----------------------------------------------------------------


def suggest_outcomes(need: Need, *, limit: int = 5, config: Config = DEFAULT) -> list[Suggestion]:
    """The best published outcomes for this need, with their confidence and reasons."""
    probe = need_profile(need)
    return explain(probe, rank(probe, kind="outcome", config=config), limit=limit, config=config)


def suggest_needs(
    outcome: OutcomePage, *, audiences=(PUBLIC,), limit: int = 5, config: Config = DEFAULT
) -> list[Suggestion]:
    """Published needs this outcome could answer, among those the viewer may see."""
    probe = outcome_profile(outcome)
    ranked = rank(probe, kind="need", audiences=audiences, config=config)
    return explain(probe, ranked, limit=limit, config=config)

"""The engine ranks outcomes for a need (and needs for an outcome) and says why."""

import re

import pytest

from matching import engine
from matching.engine import WEIGHTS, suggest_needs, suggest_outcomes
from tests.factories import MAGNESIUM_NEED, make_matching_outcome, make_need, make_outcome


@pytest.fixture
def market(
    embedded_search,
    section_a,
    section_b,
    firm_a,
    member_a,
    broker,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        outcomes = {
            "mg": make_matching_outcome("mg", section_a),
            "al": make_matching_outcome("al", section_b),
            "chip": make_matching_outcome("chip", section_b),
        }
        need = make_need(firm_a, member_a, status="published", broker=broker, **MAGNESIUM_NEED)
    return outcomes, need


def test_the_fitting_outcome_comes_first_with_reasons(market):
    outcomes, need = market
    suggestions = suggest_outcomes(need)
    assert [s.id for s in suggestions][:2] == [outcomes["mg"].pk, outcomes["al"].pk]
    best = suggestions[0]
    assert "镁合金" in best.shared_terms
    assert any("镁合金" in r for r in best.reasons)
    assert any("新材料" in r for r in best.reasons)  # same technical field
    assert "<mark>镁合金</mark>" in best.highlight_other
    assert set(best.parts) == set(WEIGHTS)
    assert best.parts["budget"] == 1.0  # 50万 within the 20–80万 budget
    assert outcomes["chip"].pk not in [s.id for s in suggestions]


def test_needs_for_an_outcome_respect_confidentiality(
    market, firm_a, member_a, broker, django_capture_on_commit_callbacks
):
    outcomes, public_need = market
    with django_capture_on_commit_callbacks(execute=True):
        secret = make_need(
            firm_a,
            member_a,
            status="published",
            broker=broker,
            confidentiality="brokers",
            title="镁合金压铸件真空度控制",
            summary="仅经纪人可见的需求。",
        )
    public_view = [s.id for s in suggest_needs(outcomes["mg"])]
    assert public_need.pk in public_view and secret.pk not in public_view
    broker_view = [s.id for s in suggest_needs(outcomes["mg"], audiences=("public", "brokers"))]
    assert secret.pk in broker_view


def test_need_page_shows_suggestions_to_its_enterprise_and_brokers(
    client, market, member_a, member_b, broker
):
    _outcomes, need = market
    url = f"/needs/{need.pk}/"
    for user in (member_a, broker):
        client.force_login(user)
        html = client.get(url).content.decode()
        assert "推荐科技成果" in html
        assert "镁合金压铸件气孔控制技术" in html
        # the shared words are marked in both texts: the outcome's and the need's own
        assert re.search(r'self-highlight">本需求中：[^<]*(<[^m][^>]*>[^<]*)*<mark>镁合金', html)
        # how sure the engine is, in words
        assert 'class="confidence confidence-strong">强匹配</span>' in html
        # and how the score is made, in points that add up to it
        parts = re.search(r'score-parts">得分构成：([^<]*)</p>', html).group(1)
        assert f"文本相近 {WEIGHTS['text']:.2f}" in parts
        assert f"技术领域相同 {WEIGHTS['field']:.2f}" in parts
    client.force_login(member_b)
    assert "推荐科技成果" not in client.get(url).content.decode()
    client.logout()
    assert "推荐科技成果" not in client.get(url).content.decode()


def test_outcome_page_shows_needs_to_its_institution_and_brokers(
    client, market, editor_a, editor_b, broker
):
    outcomes, _need = market
    url = outcomes["mg"].url
    for user in (editor_a, broker):
        client.force_login(user)
        html = client.get(url).content.decode()
        assert "镁合金压铸件气孔缺陷控制" in html
    client.force_login(editor_b)
    assert "镁合金压铸件气孔缺陷控制" not in client.get(url).content.decode()


def test_suggestion_api_ranks_with_score_and_reasons(client, market, member_a, member_b, broker):
    outcomes, need = market
    url = f"/api/v1/needs/{need.pk}/suggestions/"
    assert client.get(url).status_code in (401, 403)
    client.force_login(member_b)
    assert client.get(url).status_code == 404
    client.force_login(member_a)
    body = client.get(url).json()
    first = body["results"][0]
    assert first["id"] == outcomes["mg"].pk
    assert 0 < first["score"] <= 1
    assert any("镁合金" in reason for reason in first["reasons"])
    assert first["url"].endswith(outcomes["mg"].url)

    client.force_login(broker)
    body = client.get(f"/api/v1/outcomes/{outcomes['mg'].pk}/suggestions/").json()
    assert [item["id"] for item in body["results"]] == [need.pk]


def test_openapi_schema_lists_the_suggestion_endpoints(client, db):
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    assert "/api/v1/needs/{id}/suggestions/" in paths or "/api/v1/needs/{pk}/suggestions/" in paths
    assert "/api/v1/suggestions/" in paths and "/api/v1/suggestions/{id}/start/" in paths


def test_ranking_queries_do_not_grow_with_the_candidates(
    market, section_a, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _outcomes, need = market

    def queries() -> int:
        fresh = type(need).objects.get(pk=need.pk)
        with CaptureQueriesContext(connection) as captured:
            suggest_outcomes(fresh)
        return len(captured)

    before = queries()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            make_outcome(section_a, title=f"镁合金压铸工艺{n}", slug=f"extra-{n}")
    assert queries() == before


def test_boilerplate_and_the_parties_names_are_neither_evidence_nor_a_reason(
    embedded_search, section_a, firm_a, member_a, broker, django_capture_on_commit_callbacks
):
    """Company forms, self-introductions, places and the enterprise's own name say who wrote a
    need: an outcome sharing only those is not suggested, and they are never named."""
    with django_capture_on_commit_callbacks(execute=True):
        fitting = make_outcome(
            section_a,
            title="镁合金熔体净化与半连续铸造技术",
            slug="fitting",
            summary="镁合金熔体净化工艺，铸锭夹杂物减少。",
            keywords=("镁合金", "熔体净化"),
        )
        boilerplate = make_outcome(
            section_a,
            title=f"{firm_a.name}有限公司发展战略",
            slug="boilerplate",
            summary="郑州民营企业成立以来的公司治理与企业文化。",
            keywords=("公司治理",),
        )
        need = make_need(
            firm_a,
            member_a,
            status="published",
            broker=broker,
            title="鎂合金熔體淨化工藝",  # written in traditional characters
            summary=f"{firm_a.name}是一家位于郑州的民营企业，成立于2010年。",
            description="现有镁合金熔体夹杂物多，寻求熔体净化技术。",
        )
    suggestions = suggest_outcomes(need)
    assert [s.id for s in suggestions] == [fitting.pk]
    best = suggestions[0]
    # the traditional title counts as the same words, and is named as written
    assert "鎂合金" in best.shared_terms or "镁合金" in best.shared_terms
    named = " ".join(best.reasons)
    for word in ("公司", "有限公司", "郑州", "民营企业", "成立", firm_a.name):
        assert word not in best.shared_terms
    assert "郑州" not in named and firm_a.name not in named
    assert boilerplate.pk not in [s.id for s in suggestions]


def test_suggestions_carry_how_sure_the_engine_is_and_generic_words_show_nothing(
    embedded_search, section_a, firm_a, member_a, broker, django_capture_on_commit_callbacks
):
    """The clear answer is strong; an outcome sharing one specific word is shown, as weak; one
    sharing only words every technical text uses is not shown at all."""
    with django_capture_on_commit_callbacks(execute=True):
        strong = make_outcome(
            section_a,
            title="镁合金熔体净化与半连续铸造技术",
            slug="strong",
            summary="镁合金熔体净化工艺，铸锭夹杂物减少。",
            keywords=("镁合金", "熔体净化"),
        )
        one_word = make_outcome(
            section_a,
            title="钛合金表面微弧氧化",
            slug="one-word",
            summary="钛合金零件耐磨涂层。",
            keywords=("钛合金",),
        )
        generic = make_outcome(
            section_a,
            title="数据中心节能系统",
            slug="generic",
            summary="提高数据中心能效的技术方案与系统。",
            keywords=("数据中心",),
        )
        need = make_need(
            firm_a,
            member_a,
            status="published",
            broker=broker,
            title="镁合金熔体净化工艺引进",
            summary="寻求镁合金熔体净化技术方案，提高铸锭质量。",
            description="现有合金熔体夹杂物多，希望引进净化技术和系统。",
        )
    shown = {s.id: s for s in suggest_outcomes(need)}
    assert next(iter(shown)) == strong.pk
    assert shown[strong.pk].confidence == "strong"
    assert shown[strong.pk].confidence_label == "强匹配"
    assert one_word.pk in shown and shown[one_word.pk].confidence == "weak"
    assert generic.pk not in shown


def test_an_institution_the_enterprise_has_worked_with_counts_and_is_named(
    market, section_a, firm_a, member_a, broker, uni_a, django_capture_on_commit_callbacks
):
    """A need's enterprise that got as far as an introduction with an institution finds that
    institution's other outcomes a little higher, and is told why."""
    from matching import services

    outcomes, need = market
    before = {s.id: s for s in suggest_outcomes(need)}
    assert before[outcomes["mg"].pk].parts["partner"] == 0.0
    with django_capture_on_commit_callbacks(execute=True):
        earlier = make_outcome(section_a, title="镁合金板材温轧工艺", slug="earlier")
    match = services.match_express_interest(need=need, outcome=earlier, user=member_a)
    services.match_advance(match=match, user=broker, status="introduced")

    after = {s.id: s for s in suggest_outcomes(need)}
    mg = after[outcomes["mg"].pk]  # section_a: the same institution as the earlier outcome
    assert mg.parts["partner"] == 1.0
    assert ("已有对接合作", 0.03) in [(str(label), points) for label, points in mg.contributions]
    assert f"该企业与{uni_a.name}已有对接合作" in mg.reasons
    al = after[outcomes["al"].pk]  # section_b: another institution
    assert al.parts["partner"] == 0.0
    # and from the institution's side: the outcome finds the enterprise's needs a little higher
    from_outcome = {s.id: s for s in suggest_needs(outcomes["mg"])}
    assert from_outcome[need.pk].parts["partner"] == 1.0


def test_the_enterprise_asks_for_an_introduction_from_a_suggestion(
    client, market, member_a, broker
):
    from matching.models import Match

    outcomes, need = market
    url = f"/needs/{need.pk}/"
    client.force_login(broker)  # brokers start matches in their queue, not here
    assert "请经纪人引荐" not in client.get(url).content.decode()

    client.force_login(member_a)
    html = client.get(url).content.decode()
    assert f'action="/matches/interest/{outcomes["mg"].pk}/"' in html
    response = client.post(
        f"/matches/interest/{outcomes['mg'].pk}/", {"need": need.pk, "next": url}
    )
    assert response.status_code == 302 and response["Location"] == url
    match = Match.objects.get(need=need, outcome=outcomes["mg"])
    assert match.status == "suggested" and match.events.get().action == "interest"
    html = client.get(url).content.decode()
    assert "已申请引荐" in html
    assert f'action="/matches/interest/{outcomes["mg"].pk}/"' not in html


def test_shared_terms_are_words_not_codes_glued_to_a_character(db):
    from matching.engine import _shared_words

    need = "酯化废水COD高达4万mg/L，需回收四氢呋喃。"
    outcome = "酯化废水COD高、含四氢呋喃，精馏回收率超过90%。"
    shared = _shared_words(need, outcome)
    assert "四氢呋喃" in shared and "cod" in shared
    assert "cod高" not in shared and "4" not in shared


def test_shared_terms_are_whole_words_without_their_fragments(db):
    from matching.engine import _shared_words, as_written

    need = "大功率半导体激光器PM2.5监测"
    outcome = "一种大功率半导体激光器的散热结构，用于pm2.5监测仪。"
    shared = _shared_words(need, outcome)
    assert "半导体" in shared and "大功率" in shared
    assert not {"半导", "导体", "大功", "功率"} & set(shared)
    # and a reason names a word as the need writes it
    assert as_written("pm2.5", need) == "PM2.5"


def test_a_word_that_begins_with_an_institution_word_is_searched_and_named(
    embedded_search, section_a, firm_a, member_a, broker, django_capture_on_commit_callbacks
):
    """大学 alone says who wrote a text; 大学生 is what it is about: a need for 大学生 training
    finds the outcome on it and names the word."""
    with django_capture_on_commit_callbacks(execute=True):
        fitting = make_outcome(
            section_a,
            title="大学生创新创业能力培养体系",
            slug="students",
            summary="面向理工科大学生的创新创业实训课程与评价方法。",
            keywords=("大学生", "创新创业"),
        )
        need = make_need(
            firm_a,
            member_a,
            status="published",
            broker=broker,
            title="大学生实训基地建设",
            summary="我公司与郑州大学合作，希望为大学生建设实训课程。",
            description="需要成体系的大学生实训课程和考核办法。",
        )
    suggestions = suggest_outcomes(need)
    assert suggestions and suggestions[0].id == fitting.pk
    assert "大学生" in suggestions[0].shared_terms
    assert "大学" not in suggestions[0].shared_terms


def test_a_text_of_boilerplate_alone_is_searched_as_written(
    embedded_search, section_a, django_capture_on_commit_callbacks
):
    """A probe that says only 研究中心 finds what has it, rather than nothing."""
    with django_capture_on_commit_callbacks(execute=True):
        centre = make_outcome(
            section_a,
            title="工程技术研究中心的运行机制",
            slug="centre",
            summary="研究中心的组织与考核。",
            keywords=("研究中心",),
        )
    probe = engine.Profile(kind="need", id="", text="研究中心")
    assert [r.profile.id for r in engine.rank(probe, kind="outcome")] == [str(centre.pk)]

"""Semantic matching with the real embedding model: vectors computed at publication and kept,
used by the engine, never computed while a page is served."""

import pytest

from matching import vectors
from matching.engine import suggest_outcomes
from matching.models import TextVector
from tests.factories import make_need, make_outcome

# A need written as a landscaping company writes it, and two outcomes made of real abstracts
# (CSL): the one that answers it (the soils of 深圳's scenic forests, and which trees suit them)
# and one that shares more of its words (园林绿化工程) but is about upkeep.
NEED = {
    "title": "深圳山地林相改造苗木选配",
    "summary": "按地块土壤情况确定合适的造林和景观树种搭配。",
    "description": (
        "我公司是一家园林绿化工程企业，承接了深圳多处郊野公园和山体的林相改造项目。现场既有"
        "赤红壤，也有砂质和石砾较多的山地土，按设计清单种下去的部分乡土树种成活率不足六成，"
        "返工补植损失大。希望有熟悉深圳各类山地土壤特性的团队，帮我们按地块土壤情况确定合适的"
        "造林和景观树种搭配，提高成活率和景观效果。"
    ),
}


@pytest.fixture
def semantic_on(settings):
    settings.MATCHING_SEMANTIC = True


@pytest.fixture
def published(
    semantic_on,
    embedded_search,
    section_a,
    firm_a,
    member_a,
    broker,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = make_outcome(
            section_a,
            title="深圳市生态风景林主要土壤类型及其利用",
            slug="soils",
            summary=(
                "分析了深圳市生态风景林的主要土壤类型及其特点,并在此基础上提出了深圳市生态风景林"
                "树种选择及其适地适树,对深圳市的城市绿化工作具有较强的指导作用."
            ),
            keywords=("生态风景林", "土壤类型", "树种选择", "深圳市"),
        )
        decoy = make_outcome(
            section_a,
            title="园林绿化工程的养护管理",
            slug="upkeep",
            summary=(
                "本文通过对园林绿化工程对于城市发展重要性的介绍，提出高度重视养护管理的重要意义，"
                "并针对园林绿化工程中养护与管理的实际要求，阐释养护与管理工作的核心与重点。"
            ),
            keywords=("园林绿化工程", "养护", "管理"),
        )
        need = make_need(firm_a, member_a, status="published", broker=broker, **NEED)
    return need, answer, decoy


def test_publication_stores_vectors_and_the_engine_uses_them(published):
    need, answer, decoy = published
    kept = set(TextVector.objects.values_list("kind", "object_id"))
    assert {("need", str(need.pk)), ("outcome", str(answer.pk)), ("outcome", str(decoy.pk))} <= kept
    suggestions = suggest_outcomes(need)
    assert suggestions[0].id == answer.pk


def test_words_alone_rank_the_decoy_first(published, settings):
    """What the vectors add: without them, the outcome sharing more words wins."""
    need, _answer, decoy = published
    settings.MATCHING_SEMANTIC = False
    assert suggest_outcomes(need)[0].id == decoy.pk


def test_a_page_never_encodes(published, client, member_a):
    need, _answer, _decoy = published
    TextVector.objects.filter(kind="need").delete()
    client.force_login(member_a)
    html = client.get(f"/needs/{need.pk}/").content.decode()
    assert "推荐科技成果" in html
    assert not TextVector.objects.filter(kind="need").exists()


def test_a_vector_is_recomputed_only_when_the_text_changes(published):
    need, _answer, _decoy = published
    assert vectors.need_vectors_store([need]) == 0
    need.description = "希望按山地土壤确定造林树种。"
    need.save()
    before = TextVector.objects.get(kind="need", object_id=str(need.pk)).vector
    assert vectors.need_vectors_store([need]) == 1
    assert TextVector.objects.get(kind="need", object_id=str(need.pk)).vector != before


def test_a_single_word_is_ranked_by_its_words_not_by_the_sentence_model(published):
    """A probe of one word says little to the sentence model: the outcome that uses the word
    most comes first, whatever the vectors say; with a sentence behind it, they count."""
    from dataclasses import replace

    from matching import engine

    need, answer, decoy = published
    probe = replace(engine.need_profile(need), text="绿化", names=())
    assert probe.vector is not None
    assert engine.rank(probe, kind="outcome")[0].profile.id == str(decoy.pk)
    always = engine.DEFAULT.with_options(semantic_min_words=1)
    assert engine.rank(probe, kind="outcome", config=always)[0].profile.id == str(answer.pk)

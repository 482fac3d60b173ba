"""The backend contract: what every search backend must do, on real Chinese text."""

import pytest

from search.documents import PUBLIC, SearchDocument, SearchQuery


def outcome(n: int, title: str, summary: str = "", **facets) -> SearchDocument:
    return SearchDocument(
        id=f"outcome:{n}",
        kind="outcome",
        title=title,
        url=f"/outcomes/x/{n}/",
        summary=summary,
        keywords=facets.pop("keywords", []),
        body=facets.pop("body", ""),
        facets={k: v if isinstance(v, list) else [v] for k, v in facets.items()},
        published=1_700_000_000 + n,
    )


CORPUS = [
    outcome(
        1,
        "镁合金精深加工技术",
        "开发镁合金熔体净化、大规格铸锭半连续铸造和宽幅板材温轧成套工艺。",
        keywords=["镁合金", "温轧"],
        tech_field="new-materials",
        industries=["magnesium"],
        institution="zzu",
    ),
    outcome(
        2,
        "硅基光互连芯片",
        "在单颗芯片上集成高速调制器和锗硅探测器，实现400Gb/s光互连。",
        keywords=["光互连", "硅光子"],
        tech_field="electronic-information",
        industries=["optoelectronics"],
        institution="semi-cas",
    ),
    outcome(
        3,
        "智能灌溉水肥一体化系统",
        "按小麦、玉米不同生育期自动计算灌水量和施肥量，远程控制田间阀门。",
        keywords=["智能灌溉", "水肥一体化"],
        tech_field="advanced-manufacturing",
        industries=["green-food"],
        institution="hnagri",
    ),
    outcome(
        4,
        "5G通信基站用高导热氮化铝陶瓷基板",
        "氮化铝陶瓷基板热导率达到170W/(m·K)，用于5G基站功放模块散热。",
        keywords=["5G", "氮化铝"],
        tech_field="new-materials",
        industries=["optoelectronics"],
        institution="semi-cas",
    ),
    outcome(
        5,
        "汽车座椅骨架轻量化设计",
        "采用高强钢与镁合金压铸件组合，座椅骨架减重30%。",
        body="镁合金压铸件替代钢制冲压件。",
        tech_field="advanced-manufacturing",
        industries=["auto-parts-electrics", "magnesium"],
        institution="buaa",
    ),
    outcome(
        6,
        "PM2.5在线监测与304不锈钢采样管",
        "ＰＭ２．５颗粒物在线监测，采样管采用304不锈钢。",
        tech_field="resources-environment",
        institution="tju",
    ),
]


@pytest.fixture
def indexed(backend):
    assert backend.index(CORPUS) == len(CORPUS)
    return backend


def ids(results) -> list[str]:
    return [hit.id for hit in results.hits]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("镁合金", "outcome:1"),
        ("光互连", "outcome:2"),
        ("智能灌溉", "outcome:3"),
        ("5G", "outcome:4"),
        ("5g基站", "outcome:4"),
        ("PM2.5", "outcome:6"),
        ("304不锈钢", "outcome:6"),
    ],
)
def test_the_right_outcome_comes_first(indexed, text, first):
    results = indexed.search(SearchQuery(text=text))
    assert results.hits, text
    assert results.hits[0].id == first


def test_title_outweighs_body(indexed):
    results = indexed.search(SearchQuery(text="镁合金"))
    ranked = ids(results)
    assert ranked.index("outcome:1") < ranked.index("outcome:5")


def test_highlights_mark_the_terms_in_the_original_text(indexed):
    hit = indexed.search(SearchQuery(text="镁合金")).hits[0]
    assert hit.highlights["title"] == "<mark>镁合金</mark>精深加工技术"
    assert "<mark>镁合金</mark>熔体净化" in hit.highlights["text"]


def test_full_width_query_matches_half_width_text(indexed):
    assert indexed.search(SearchQuery(text="ＰＭ２．５")).hits[0].id == "outcome:6"


def test_a_one_character_query_works(indexed):
    assert set(ids(indexed.search(SearchQuery(text="镁")))) >= {"outcome:1", "outcome:5"}


def test_no_match_gives_an_empty_result(indexed):
    results = indexed.search(SearchQuery(text="区块链溯源"))
    assert results.total == 0 and results.hits == []


def test_stopwords_alone_match_nothing(indexed):
    assert indexed.search(SearchQuery(text="的 和 与")).total == 0


def test_filters_restrict_and_combine(indexed):
    query = SearchQuery(text="镁合金", filters={"industries": ["auto-parts-electrics"]})
    assert ids(indexed.search(query)) == ["outcome:5"]
    query = SearchQuery(filters={"tech_field": ["new-materials"], "institution": ["semi-cas"]})
    assert ids(indexed.search(query)) == ["outcome:4"]


def test_empty_text_lists_newest_first(indexed):
    assert ids(indexed.search(SearchQuery(page_size=3))) == ["outcome:6", "outcome:5", "outcome:4"]


def test_facet_counts(indexed):
    results = indexed.search(SearchQuery(text="镁合金", facets=("industries", "tech_field")))
    assert dict(results.facets["industries"]) == {"magnesium": 2, "auto-parts-electrics": 1}
    assert dict(results.facets["tech_field"]) == {
        "new-materials": 1,
        "advanced-manufacturing": 1,
    }


def test_pagination_and_total(indexed):
    first = indexed.search(SearchQuery(page_size=4, page=1))
    second = indexed.search(SearchQuery(page_size=4, page=2))
    assert first.total == second.total == 6
    assert len(first.hits) == 4 and len(second.hits) == 2
    assert not set(ids(first)) & set(ids(second))


def test_audiences_hide_documents_everywhere(backend):
    secret = outcome(9, "镁合金废料回收需求", tech_field="new-materials")
    secret.kind = "need"
    secret.audiences = ["brokers", "org:7"]
    backend.index([*CORPUS, secret])
    public = backend.search(SearchQuery(text="镁合金", facets=("kind", "tech_field")))
    assert "outcome:9" not in ids(public)
    assert "need" not in dict(public.facets["kind"])
    assert public.total == 2
    broker = backend.search(SearchQuery(text="镁合金", audiences=(PUBLIC, "brokers")))
    assert "outcome:9" in ids(broker)


def test_reindexing_replaces_and_delete_removes(indexed):
    changed = outcome(1, "镁锂合金超轻结构件", tech_field="new-materials")
    indexed.index([changed])
    assert indexed.count() == 6
    assert indexed.search(SearchQuery(text="镁锂合金")).hits[0].id == "outcome:1"
    indexed.delete(["outcome:1", "outcome:404"])
    assert indexed.count() == 5
    assert "outcome:1" not in ids(indexed.search(SearchQuery(text="镁锂合金")))


def test_rebuild_replaces_everything(indexed):
    assert indexed.rebuild(CORPUS[:2]) == 2
    assert indexed.count() == 2
    assert indexed.count(kind="outcome") == 2
    assert indexed.search(SearchQuery(text="智能灌溉")).total == 0


def test_searches_keep_answering_during_a_rebuild(indexed):
    """Zero downtime: while the new index fills, searches answer from the old one in full;
    once the rebuild returns, from the new one."""
    during = []

    def documents():
        for document in CORPUS[:3]:
            during.append(ids(indexed.search(SearchQuery(text="镁合金"))))
            during.append(indexed.count())
            yield document

    assert indexed.rebuild(documents()) == 3
    assert during == [["outcome:1", "outcome:5"], 6] * 3
    assert ids(indexed.search(SearchQuery(text="镁合金"))) == ["outcome:1"]
    assert indexed.count() == 3


def test_status_reports_counts(indexed):
    status = indexed.status()
    assert status["documents"] == 6
    assert status["by_kind"] == {"outcome": 6}


def test_a_character_among_other_terms_is_not_a_prefix(indexed):
    # 链 alone would prefix-match 链…; inside 区块链溯源 it must not drag in unrelated outcomes.
    extra = outcome(7, "冷链物流保鲜", "冷链运输途中的温度监测。", tech_field="new-materials")
    indexed.index([extra])
    assert indexed.search(SearchQuery(text="区块链溯源")).total == 0


@pytest.mark.parametrize("all_terms", [False, True])
def test_a_long_need_like_text_finds_its_outcome(indexed, all_terms):
    need = (
        "我公司生产镁合金压铸件，希望引进镁合金熔体净化和大规格铸锭半连续铸造技术，"
        "并开发宽幅板材温轧成套工艺，提高原镁就地转化率，降低氯化物排放和综合能耗。"
    )
    results = indexed.search(SearchQuery(text=need, all_terms=all_terms))
    assert results.hits[0].id == "outcome:1"


def test_hits_carry_their_facets_and_attributes(backend):
    priced = outcome(8, "镁合金压铸件气孔控制", "真空压铸降低气孔率。", tech_field="new-materials")
    priced.attributes = {"price_wan": 50.0}
    backend.index([priced, CORPUS[1]])
    hits = {
        hit.id: hit
        for text in ("镁合金", "光互连")
        for hit in backend.search(SearchQuery(text=text)).hits
    }
    assert hits["outcome:8"].facets["tech_field"] == ["new-materials"]
    assert hits["outcome:8"].attributes == {"price_wan": 50.0}
    assert hits["outcome:2"].facets["industries"] == ["optoelectronics"]
    assert hits["outcome:2"].attributes == {}
    assert hits["outcome:2"].keywords == ["光互连", "硅光子"]


def test_a_few_words_find_only_what_has_them_all(indexed):
    """智能灌溉 does not bring back what only says 智能: every word of a short query is found
    in a result, and a word nothing has finds nothing."""
    both = backend_texts(indexed, "镁合金 压铸")
    assert both and all("镁合金" in text and "压铸" in text for text in both)
    assert backend_texts(indexed, "镁合金 词汇xyz") == []
    # a long, need-like text requires none of its words: they rank
    long_text = "寻求镁合金压铸件减重技术，希望用于汽车座椅骨架的轻量化设计与制造"
    assert backend_texts(indexed, long_text)


def backend_texts(backend, text: str) -> list[str]:
    return [
        f"{hit.title} {' '.join(hit.keywords)} {hit.summary}"
        for hit in backend.search(SearchQuery(text=text, page_size=50)).hits
    ]


def test_the_matching_engine_ranks_the_same_on_this_backend(indexed, monkeypatch):
    """The engine reads candidates, facets and attributes from whichever backend runs."""
    import search.backends
    from matching import engine

    monkeypatch.setattr(search.backends, "_backend", indexed)
    need = engine.Profile(
        kind="need",
        id="1",
        text="镁合金压铸件减重，寻求镁合金熔体净化和半连续铸造工艺，用于汽车座椅骨架。",
        tech_field="advanced-manufacturing",
        industries=frozenset({"magnesium"}),
    )
    ranked = engine.rank(need, kind="outcome")
    order = [item.profile.id for item in ranked]
    assert order[:2] == ["1", "5"] or order[:2] == ["5", "1"]
    assert "2" not in order  # 光互连 shares nothing
    seat = next(item for item in ranked if item.profile.id == "5")
    assert seat.parts["field"] == 1.0 and seat.parts["industry"] == 1.0
    assert seat.profile.industries == {"auto-parts-electrics", "magnesium"}
    assert set(seat.parts) == set(engine.WEIGHTS)


PARITY_QUERIES = [
    SearchQuery(text="镁合金"),
    SearchQuery(text="镁合金", filters={"kind": ["outcome"], "tech_field": ["new-materials"]}),
    SearchQuery(text="镁"),
    SearchQuery(text="智能灌溉"),
    SearchQuery(text="镁合金 压铸"),
    SearchQuery(text="寻求镁合金压铸件减重技术，希望用于汽车座椅骨架的轻量化设计与制造"),
    SearchQuery(
        text="我公司生产镁合金压铸件，希望引进镁合金熔体净化和大规格铸锭半连续铸造技术，"
        "并开发宽幅板材温轧成套工艺，提高原镁就地转化率，降低氯化物排放和综合能耗。"
    ),
    SearchQuery(text="高导热陶瓷基板用于基站散热和芯片封装", all_terms=True),
    SearchQuery(text="镁合金压铸件减重，汽车座椅骨架", match_field="match_bigrams"),
    SearchQuery(text="镁合金压铸件减重，汽车座椅骨架", match_field="match_words"),
]


def test_the_server_searches_for_the_same_terms_and_ranks_as_the_embedded_engine(
    tmp_path, db, live_engine
):
    """The same query finds the same documents in the same order on both engines, and a
    long query is cut to the same rarest words (chosen from the server's own statistics)."""
    from tests.search.conftest import _embedded, live_backend

    server = live_backend()
    embedded = _embedded(tmp_path)
    try:
        server.index(CORPUS)
        embedded.index(CORPUS)
        for query in PARITY_QUERIES:
            on_server, on_embedded = server.search(query), embedded.search(query)
            assert on_server.terms == on_embedded.terms, query.text
            assert ids(on_server) == ids(on_embedded), query.text
            assert on_server.total == on_embedded.total, query.text
    finally:
        server.drop()
        server.close()
        embedded.close()

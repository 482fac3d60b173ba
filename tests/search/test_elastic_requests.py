"""What the Elasticsearch and OpenSearch backends send, checked as data: no server needed.

The contract suite runs a backend against a live server when the environment names one; these
tests pin the requests themselves (mapping, query, bulk actions, alias switch) everywhere, for
both engines: one builder serves them.
"""

import re
import time
from typing import Any

import pytest

from search import analysis
from search.backends.base import SearchUnavailable
from search.backends.cluster import bulk_actions, document_source, index_body
from search.backends.elastic import ElasticsearchBackend
from search.backends.opensearch import OpenSearchBackend
from search.documents import KEYWORD_FIELDS, TEXT_FIELDS, SearchDocument, SearchQuery

MG = SearchDocument(
    id="outcome:1",
    kind="outcome",
    title="镁合金精深加工技术",
    url="/outcomes/x/1/",
    summary="开发镁合金熔体净化工艺。",
    keywords=["镁合金", "温轧"],
    body="ＰＭ２．５ 在线监测",
    facets={"tech_field": ["new-materials"], "industries": ["magnesium"]},
    audiences=["public", "brokers"],
    published=1_700_000_001,
)


@pytest.fixture(autouse=True)
def plain_analyzer(monkeypatch):
    """A fresh analyzer without the site's dictionary: no database, same terms every run."""
    monkeypatch.setattr(analysis, "_analyzer", analysis.ChineseAnalyzer())
    return analysis.get_analyzer()


@pytest.fixture(
    params=[ElasticsearchBackend, OpenSearchBackend], ids=["elasticsearch", "opensearch"]
)
def backend(request):
    instance = request.param(url="http://127.0.0.1:9", index_prefix="portal")
    yield instance
    instance.close()


def bool_of(body: dict) -> dict:
    return body["query"]["bool"]


def text_clauses(body: dict) -> dict[str, dict]:
    """The per-field clauses of a text query, by field name."""
    (text,) = bool_of(body)["must"]
    out = {}
    for field_clause in text["bool"]["should"]:
        should = field_clause["bool"]["should"]
        (name,) = {next(iter(next(iter(c.values())))) for c in should}
        out[name] = field_clause["bool"]
    return out


# -- the index ---------------------------------------------------------------------------------


def test_index_body_splits_on_whitespace_only():
    """The built-in whitespace analyzer: in every engine's core (Elasticsearch's test
    distribution has no whitespace tokenizer for a custom analyzer), and the text arrives
    case-folded already, so a lowercase filter would add nothing."""
    body = index_body()
    assert "analysis" not in body["settings"]
    properties = body["mappings"]["properties"]
    for name in TEXT_FIELDS:
        assert properties[name]["type"] == "text"
        assert properties[name]["analyzer"] == "whitespace"
        assert properties[name]["similarity"] == "BM25"


def test_index_body_keyword_fields_and_stored_originals():
    body = index_body()
    properties = body["mappings"]["properties"]
    for name in ("id", "audiences", *KEYWORD_FIELDS):
        assert properties[name] == {"type": "keyword"}
    assert properties["published"]["type"] == "double"
    assert properties["stored"] == {"type": "object", "enabled": False}
    assert body["mappings"]["dynamic"] == "strict"


def test_every_indexed_field_is_mapped():
    """The mapping is strict, so a field the mapping lacks would be refused by the server."""
    properties = index_body()["mappings"]["properties"]
    assert set(document_source(MG)) <= set(properties)


def test_bulk_actions_carry_presegmented_text_and_originals():
    (action,) = bulk_actions([MG], "portal-search-v1")
    assert action["_op_type"] == "index"
    assert action["_index"] == "portal-search-v1"
    assert action["_id"] == "outcome:1"
    source = action["_source"]
    assert "镁合金" in source["title"].split(" ")
    assert "pm2.5" in source["body"].split(" ")  # folded to half-width, one token
    assert source["kind"] == ["outcome"]
    assert source["tech_field"] == ["new-materials"]
    assert source["audiences"] == ["public", "brokers"]
    assert source["published"] == 1_700_000_001.0
    assert source["stored"] == {
        "kind": "outcome",
        "title": "镁合金精深加工技术",
        "url": "/outcomes/x/1/",
        "summary": "开发镁合金熔体净化工艺。",
        "keywords": ["镁合金", "温轧"],
        "body": "ＰＭ２．５ 在线监测",
        # what a ranker reads back with the hit (the matching engine's structured signals)
        "facets": {"tech_field": ["new-materials"], "industries": ["magnesium"]},
        "attributes": {},
    }


# -- the query ---------------------------------------------------------------------------------


def test_text_query_sends_the_analyzers_terms_with_field_weights(backend, plain_analyzer):
    body = backend.build_query(SearchQuery(text="镁合金"))
    clauses = text_clauses(body)
    assert list(clauses) == ["title", "keywords", "summary", "body"]
    boosts = [clauses[name]["boost"] for name in clauses]
    assert boosts == [3.0, 5.0, 2.0, 1.0]
    expected = plain_analyzer.query_terms("镁合金")
    assert "镁合金" in expected
    for name, clause in clauses.items():
        assert [c["term"][name] for c in clause["should"]] == expected
    (text,) = bool_of(body)["must"]
    assert text["bool"]["minimum_should_match"] == 1
    assert bool_of(body)["filter"] == [{"terms": {"audiences": ["public"]}}]
    assert body["track_total_hits"] is True
    assert "sort" not in body


def test_audiences_are_always_filtered(backend):
    body = backend.build_query(SearchQuery(audiences=("public", "org:7")))
    assert {"terms": {"audiences": ["public", "org:7"]}} in bool_of(body)["filter"]


def test_filters_become_terms_filters_per_field(backend):
    query = SearchQuery(
        text="镁合金",
        filters={"tech_field": ["new-materials"], "industries": ["magnesium", "auto"], "modes": []},
    )
    assert bool_of(backend.build_query(query))["filter"] == [
        {"terms": {"audiences": ["public"]}},
        {"terms": {"tech_field": ["new-materials"]}},
        {"terms": {"industries": ["magnesium", "auto"]}},
    ]


def test_each_filter_adds_one_to_the_score_as_in_the_embedded_engine(backend):
    """tantivy scores every filter clause a document must match 1.0; the servers score
    filters 0. The same constant is added, so a hit scores the same on every engine where
    their BM25 statistics agree (the matching engine reads scores, not only the order)."""
    query = SearchQuery(text="镁合金", filters={"tech_field": ["new-materials"]})
    (offset,) = bool_of(backend.build_query(query))["should"]
    assert offset == {"constant_score": {"filter": {"match_all": {}}, "boost": 2.0}}


def test_unknown_filter_field_is_refused(backend):
    with pytest.raises(ValueError, match="colour"):
        backend.build_query(SearchQuery(text="镁合金", filters={"colour": ["red"]}))


def test_facets_are_terms_aggregations(backend):
    body = backend.build_query(SearchQuery(text="镁合金", facets=("industries", "kind")))
    assert body["aggs"] == {
        "industries": {"terms": {"field": "industries", "size": 100}},
        "kind": {"terms": {"field": "kind", "size": 100}},
    }


def test_one_character_query_matches_by_prefix(backend):
    clauses = text_clauses(backend.build_query(SearchQuery(text="镁")))
    for name, clause in clauses.items():
        assert clause["should"] == [{"prefix": {name: "镁"}}]


def test_empty_text_lists_newest_first_with_filters(backend):
    body = backend.build_query(SearchQuery(filters={"kind": ["need"]}))
    assert bool_of(body)["must"] == [{"match_all": {}}]
    assert {"terms": {"kind": ["need"]}} in bool_of(body)["filter"]
    assert body["sort"][0] == {"published": {"order": "desc"}}


def test_stopwords_alone_match_nothing(backend):
    body = backend.build_query(SearchQuery(text="的 和 与"))
    assert bool_of(body)["must"] == [{"match_none": {}}]


def test_pagination_sets_from_and_size(backend):
    body = backend.build_query(SearchQuery(text="镁合金", page=3, page_size=7))
    assert (body["from"], body["size"]) == (14, 7)
    assert body["_source"] == ["id", "stored"]


# -- writes and the alias ----------------------------------------------------------------------


class FakeIndices:
    def __init__(self, calls: list, live: list[str]):
        self.calls, self.live = calls, live

    def exists_alias(self, name: str) -> bool:
        return bool(self.live)

    def get_alias(self, name: str) -> dict:
        return {index: {"aliases": {name: {}}} for index in self.live}

    def create(self, index: str, body: dict) -> None:
        self.calls.append(("create", index, body))

    def refresh(self, index: str) -> None:
        self.calls.append(("refresh", index))

    def update_aliases(self, body: dict) -> None:
        self.calls.append(("update_aliases", body["actions"]))

    def delete(self, index: Any, **_params: Any) -> None:
        self.calls.append(("delete", index))


class FakeClient:
    def __init__(self, live: list[str]):
        self.calls: list = []
        self.indices = FakeIndices(self.calls, live)

    def close(self) -> None:
        pass


class Answer:
    """What the client returns: the response body under ``.body``."""

    def __init__(self, body: dict):
        self.body = body


class AnsweringClient(FakeClient):
    """Answers one search with a canned response, keeping the request it was sent."""

    def __init__(self, response: dict):
        super().__init__(live=["portal-search-v1"])
        self.response = response

    def search(self, index: list[str], body: dict, **_params: Any) -> Answer:
        self.calls.append(("search", index, body))
        return Answer(self.response)


def es_hit(document: SearchDocument, score: float | None, sort: list | None = None) -> dict:
    hit = {"_index": "portal-search-v1", "_id": document.id, "_score": score}
    hit["_source"] = {"id": document.id, "stored": document_source(document)["stored"]}
    if sort is not None:
        hit["sort"] = sort
    return hit


@pytest.fixture
def recorded(monkeypatch, backend):
    """The backend on a fake client; bulk requests recorded with their actions."""

    def make(live: list[str]) -> FakeClient:
        client = FakeClient(live)

        def fake_bulk(actions, **params):
            actions = list(actions)
            client.calls.append(("bulk", actions, params))
            return len(actions)

        monkeypatch.setattr(backend, "_bulk", fake_bulk)
        backend._client = client
        return client

    return make


def test_rebuild_fills_a_new_index_then_moves_the_alias_atomically(backend, recorded):
    client = recorded(["portal-search-v1"])
    assert backend.rebuild([MG]) == 1
    names = [call[0] for call in client.calls]
    assert names == ["create", "bulk", "refresh", "update_aliases", "delete"]
    _, new, body = client.calls[0]
    assert new.startswith("portal-search-v") and new != "portal-search-v1"
    assert body == index_body()
    assert [a["_index"] for a in client.calls[1][1]] == [new]
    assert client.calls[3][1] == [
        {"remove": {"index": "portal-search-v1", "alias": "portal-search"}},
        {"add": {"index": new, "alias": "portal-search", "is_write_index": True}},
    ]
    assert client.calls[4] == ("delete", ["portal-search-v1"])


def test_a_failed_rebuild_discards_the_new_index_and_keeps_the_alias(backend, recorded):
    client = recorded(["portal-search-v1"])

    def broken():
        yield MG
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        backend.rebuild(broken())
    names = [call[0] for call in client.calls]
    assert "update_aliases" not in names
    assert client.calls[-1] == ("delete", client.calls[0][1])


def test_first_write_creates_a_versioned_index_behind_the_alias(backend, recorded):
    client = recorded([])
    assert backend.index([MG]) == 1
    (create, bulk_call) = client.calls
    assert create[1].startswith("portal-search-v")
    assert create[2]["aliases"] == {"portal-search": {"is_write_index": True}}
    assert [a["_index"] for a in bulk_call[1]] == ["portal-search"]
    assert bulk_call[2]["refresh"] == "wait_for"


def test_search_turns_the_response_into_results(backend):
    client = AnsweringClient(
        {
            "took": 1,
            "timed_out": False,
            "hits": {"total": {"value": 7, "relation": "eq"}, "hits": [es_hit(MG, 12.5)]},
            "aggregations": {
                "industries": {"buckets": [{"key": "magnesium", "doc_count": 2}]},
            },
        }
    )
    backend._client = client
    query = SearchQuery(text="镁合金", facets=("industries", "district"))
    results = backend.search(query)
    assert client.calls == [("search", ["portal-search"], backend.build_query(query))]
    assert results.total == 7
    assert results.facets == {"industries": [("magnesium", 2)], "district": []}
    (hit,) = results.hits
    assert (hit.id, hit.kind, hit.score, hit.url) == ("outcome:1", "outcome", 12.5, MG.url)
    assert hit.highlights["title"] == "<mark>镁合金</mark>精深加工技术"
    assert "<mark>镁合金</mark>熔体净化" in hit.highlights["text"]


def test_newest_first_hits_are_scored_by_date(backend):
    response = {"hits": {"total": {"value": 1}, "hits": [es_hit(MG, None, [1.7e9, "outcome:1"])]}}
    backend._client = AnsweringClient(response)
    (hit,) = backend.search(SearchQuery()).hits
    assert hit.score == 1.7e9
    assert hit.highlights == {}


# -- an unreachable server ---------------------------------------------------------------------


@pytest.mark.parametrize("backend_class", [ElasticsearchBackend, OpenSearchBackend])
def test_unreachable_server_means_search_unavailable_quickly(backend_class):
    # Port 9 on loopback: refused at once, no retries, no waiting for a timeout.
    backend = backend_class(url="http://portal:secret@127.0.0.1:9", timeout=1.0, max_retries=0)
    started = time.monotonic()
    with pytest.raises(SearchUnavailable, match=re.escape("127.0.0.1:9")) as raised:
        backend.search(SearchQuery(text="镁合金"))
    assert time.monotonic() - started < 3
    assert "secret" not in str(raised.value)
    for call in (lambda: backend.index([MG]), backend.count, backend.status):
        with pytest.raises(SearchUnavailable):
            call()
    backend.close()


def _sent_terms(body) -> set[str]:
    """Every value of a ``term`` query in a request body."""
    found: set[str] = set()
    if isinstance(body, dict):
        for key, value in body.items():
            if key == "term" and isinstance(value, dict):
                found.update(str(v) for v in value.values())
            else:
                found |= _sent_terms(value)
    elif isinstance(body, list):
        for item in body:
            found |= _sent_terms(item)
    return found


def test_all_terms_sends_the_bigrams_of_a_long_text_too():
    from search.backends.elastic import ElasticsearchBackend
    from search.documents import SearchQuery

    backend = ElasticsearchBackend(url="http://127.0.0.1:9")
    text = "希望引进镁合金熔体净化和大规格铸锭半连续铸造技术，开发宽幅板材温轧工艺，提高转化率。"
    pruned = _sent_terms(backend.build_query(SearchQuery(text=text)))
    full = _sent_terms(backend.build_query(SearchQuery(text=text, all_terms=True)))
    assert "材温" in full and "材温" not in pruned  # a bigram only the full text sends
    assert pruned < full


@pytest.mark.parametrize(
    ("match_field", "expected", "absent"),
    [
        ("match_bigrams", {"镁合", "合金", "气孔", "压铸"}, {"镁合金", "压铸件"}),
        ("match_words", {"镁合金", "压铸件", "气孔", "铸件"}, {"镁合"}),
    ],
)
def test_the_matching_engine_asks_for_every_term_in_one_matching_field(
    backend, match_field, expected, absent
):
    """The engine's searches, as Elasticsearch receives them: every term of the need's text
    made as the matching field's are (character pairs, or words), in that field alone and
    unweighted, its audiences, outcomes only, 50 hits, no highlights."""
    from matching import engine

    text = "寻求镁合金压铸件气孔控制工艺，提高铸件致密度。"
    query = engine.candidate_query(text, "outcome", ("public", "members"), 50, match_field)
    body = backend.build_query(query)
    assert body["size"] == 50
    assert "highlight" not in body
    filters = bool_of(body)["filter"]
    assert {"terms": {"audiences": ["public", "members"]}} in filters
    assert {"terms": {"kind": ["outcome"]}} in filters
    clauses = text_clauses(body)
    assert set(clauses) == {match_field}
    assert clauses[match_field].get("boost", 1.0) == 1.0
    sent = {term for clause in clauses[match_field]["should"] for term in clause["term"].values()}
    assert expected <= sent
    assert not absent & sent

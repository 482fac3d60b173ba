"""What the Elasticsearch and OpenSearch backends share: one builder for the index, the documents
and the queries, and one backend that drives either engine through its client.

The same terms, ranking and results as the embedded engine, on a server. Text is analyzed by
search.analysis before it is sent (normalised and case-folded there), and the server splits it
again only on whitespace: the built-in ``whitespace`` analyzer, which every Elasticsearch 8 and
OpenSearch 2 node has in its core, even without the analysis-common module. Both engines
therefore index exactly the terms the embedded engine indexes. Query terms are sent as ``term``
queries (a lone Chinese character as ``prefix``), never re-analyzed by the server. Highlights are
made in Python from the stored original texts, with the same function the embedded engine uses.

A long, need-like query is cut to its rarest words as the embedded engine cuts it, from the
words' document counts (one term-vectors request), and each filter adds 1.0 to a hit's score as
in tantivy: the same terms, order and scores as the embedded engine wherever the two engines'
BM25 statistics agree.

Requests are built once, as plain JSON bodies (with elasticsearch-dsl's classic API), and sent
with ``body=``, which both clients accept; only the client, its bulk helper and its errors
differ between the two engines (search.backends.elastic, search.backends.opensearch).

The live index is an alias (``portal-search``) over one versioned index
(``portal-search-v20250101120000123456``). A rebuild fills a new versioned index and then moves
the alias in one atomic ``update_aliases`` call, so searches never see a missing or half-built
index. Writes made by ``index()`` during a rebuild land in the old index and are lost with it,
as in the embedded engine: rebuild from the database after bulk changes.
"""

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from elasticsearch_dsl import A, Double, Index, Keyword, Mapping, Object, Q, Query, Search, Text

from search.analysis import get_analyzer, is_cjk
from search.backends.base import (
    SearchBackend,
    SearchUnavailable,
    informative_words,
    make_hit,
    stored_fields,
)
from search.documents import (
    KEYWORD_FIELDS,
    MATCH_FIELDS,
    TEXT_FIELDS,
    SearchDocument,
    SearchQuery,
    SearchResults,
)

logger = logging.getLogger(__name__)

# Pre-segmented, case-folded text in, the same terms out: split on whitespace, nothing else.
ANALYZER = "whitespace"
FACET_SIZE = 100
# What a hit is rebuilt from: the id and the original texts.
SOURCE_FIELDS = ["id", "stored"]


def index_body() -> dict[str, Any]:
    """Settings and mappings of every versioned index, as the request body that creates it."""
    mapping = Mapping()
    # Every field is declared here; a document with another field is a bug, not a new field.
    mapping.meta("dynamic", "strict")
    mapping.field("id", Keyword())
    for name in KEYWORD_FIELDS:
        mapping.field(name, Keyword())
    mapping.field("audiences", Keyword())
    for name in (*TEXT_FIELDS, *MATCH_FIELDS):
        mapping.field(name, Text(analyzer=ANALYZER, similarity="BM25"))
    # double, not float: epoch seconds in 32 bits lose whole minutes and tie in the date sort.
    mapping.field("published", Double())
    # Original texts for hits and highlights: kept in _source, never indexed.
    mapping.field("stored", Object(enabled=False))
    index = Index("portal-search")
    # One shard: term statistics over the whole collection, so ranking matches the embedded
    # engine and does not depend on which shard a document landed in.
    index.settings(number_of_shards=1)
    index.mapping(mapping)
    return index.to_dict()


def document_source(document: SearchDocument) -> dict[str, Any]:
    """The indexed form of a document: analyzed text, keyword values, stored originals."""
    analyzer_ = get_analyzer()
    source: dict[str, Any] = {"id": document.id, "kind": [document.kind]}
    for name in KEYWORD_FIELDS:
        if name != "kind" and document.facets.get(name):
            source[name] = [str(value) for value in document.facets[name]]
    source["audiences"] = list(document.audiences)
    for name in TEXT_FIELDS:
        source[name] = analyzer_.analyzed(document.text(name))
    match_text = document.match_text()
    for name in MATCH_FIELDS:
        source[name] = " ".join(analyzer_.match_terms(match_text, name))
    source["published"] = float(document.published)
    source["stored"] = stored_fields(document)
    return source


def bulk_actions(documents: Iterable[SearchDocument], index_name: str) -> Iterator[dict[str, Any]]:
    """Bulk ``index`` actions, one per document, keyed by document id so a rewrite replaces."""
    for document in documents:
        yield {
            "_op_type": "index",
            "_index": index_name,
            "_id": document.id,
            "_source": document_source(document),
        }


def text_query(terms: list[str], match_field: str = "") -> Query:
    """Any term in any text field, scored per field with its weight (as the embedded engine);
    or in the one matching field asked for."""
    # A query of one Chinese character matches the terms that start with it; a character
    # among other terms is matched as itself, or 链 in 区块链溯源 would match every 链….
    lone_character = len(terms) == 1 and is_cjk(terms[0]) and len(terms[0]) == 1
    per_field = []
    fields = {match_field: 1.0} if match_field else TEXT_FIELDS
    for name, weight in fields.items():
        clauses = [
            Q("prefix", **{name: term}) if lone_character else Q("term", **{name: term})
            for term in terms
        ]
        per_field.append(Q("bool", should=clauses, boost=weight))
    return Q("bool", should=per_field, minimum_should_match=1)


def filter_clauses(query: SearchQuery) -> list[Query]:
    """Audiences always, then one ``terms`` filter per keyword field (any of its values)."""
    clauses = [Q("terms", audiences=list(query.audiences))]
    for name, values in query.filters.items():
        if name not in KEYWORD_FIELDS:
            raise ValueError(f"unknown filter field: {name}")
        if values:
            clauses.append(Q("terms", **{name: [str(value) for value in values]}))
    return clauses


def query_terms(query: SearchQuery) -> tuple[list[str], bool]:
    """A short query's terms; a long one's words (whether it is long is the second value), or
    all its terms of two or more characters when the query asks for them; for a matching field,
    every distinct term made as that field's are."""
    if query.match_field:
        return list(dict.fromkeys(get_analyzer().match_terms(query.text, query.match_field))), False
    if query.all_terms:
        return [t for t in get_analyzer().query_terms(query.text) if len(t) > 1], False
    return get_analyzer().search_terms(query.text)


def search_body(query: SearchQuery, terms: list[str]) -> dict[str, Any]:
    """The search request body for ``query`` whose terms are ``terms``."""
    filters = filter_clauses(query)
    search = Search().source(SOURCE_FIELDS).extra(track_total_hits=True)
    if terms:
        required = (
            []
            if query.all_terms or query.match_field
            else get_analyzer().required_words(query.text)
        )
        must = [text_query(terms, query.match_field), *(text_query([w]) for w in required)]
        # The embedded engine scores each filter it must match 1.0: the same constant here, so
        # a hit's score is the same number on every engine (the matching engine reads it).
        offset = Q("constant_score", filter=Q("match_all"), boost=float(len(filters)))
        search = search.query(Q("bool", must=must, filter=filters, should=[offset]))
    elif query.text.strip():
        search = search.query(Q("bool", must=[Q("match_none")], filter=filters))
    else:
        # No text: filters only, newest first (id breaks ties so pages stay stable).
        search = search.query(Q("bool", must=[Q("match_all")], filter=filters))
        search = search.sort({"published": {"order": "desc"}}, {"id": {"order": "asc"}})
    for name in query.facets:
        search.aggs.bucket(name, A("terms", field=name, size=FACET_SIZE))
    return search[query.offset : query.offset + query.page_size].to_dict()


def results_from_response(
    response: dict[str, Any], query: SearchQuery, terms: list[str]
) -> SearchResults:
    """A search response body (either engine's) as the portal's results."""
    marks = get_analyzer().highlight_terms(query.text) if query.highlight else []
    hits = []
    for hit in response["hits"]["hits"]:
        # Sorted by date, the score is the date (as in the embedded engine).
        score = hit["_score"] if hit.get("_score") is not None else hit["sort"][0]
        hits.append(make_hit(hit["_id"], float(score), hit["_source"]["stored"], marks))
    aggregations = response.get("aggregations") or {}
    facets = {
        name: [
            (bucket["key"], bucket["doc_count"])
            for bucket in aggregations.get(name, {}).get("buckets", [])
        ]
        for name in query.facets
    }
    return SearchResults(
        total=response["hits"]["total"]["value"], hits=hits, facets=facets, terms=terms
    )


def without_credentials(url: str) -> str:
    """The server URL fit for messages and status pages: no user or password in it."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


class ClusterBackend(SearchBackend):
    """A search server reached over HTTP; subclasses name the client and read its errors."""

    name = "cluster"
    # the engine's own name, for messages a person reads
    engine = "search engine"
    # the client library's "no such index or alias" error
    not_found: type[Exception] = LookupError

    def __init__(
        self,
        url: str,
        index_prefix: str = "portal",
        timeout: float = 5.0,
        max_retries: int = 3,
        retry_on_timeout: bool = False,
        **_options: Any,
    ):
        self.url = url
        self.alias = f"{index_prefix}-search"
        self.timeout = timeout
        self.max_retries = max_retries
        self.retry_on_timeout = retry_on_timeout
        self._client: Any = None

    # -- what each engine's client does its own way ---------------------------------------------

    def _make_client(self) -> Any:
        raise NotImplementedError

    def _bulk(self, actions: Iterable[dict[str, Any]], **params: Any) -> int:
        """Send bulk actions with the client's helper; how many succeeded."""
        raise NotImplementedError

    def _outage(self, error: Exception) -> str | None:
        """Why ``error`` means the server is out of reach or overloaded (a 503 page), or None
        when it is a request error to raise as it is."""
        raise NotImplementedError

    # -- the connection ---------------------------------------------------------------------------

    @property
    def client(self) -> Any:
        """Created on first use: constructing the backend never touches the network."""
        if self._client is None:
            self._client = self._make_client()
        return self._client

    @contextmanager
    def _server(self, action: str) -> Iterator[None]:
        """Turn 'the server is not there (or overloaded)' into SearchUnavailable (a 503 page)."""
        try:
            yield
        except SearchUnavailable:
            raise
        except Exception as error:
            reason = self._outage(error)
            if reason is None:
                raise
            where = without_credentials(self.url)
            raise SearchUnavailable(
                f"{self.engine} at {where} failed or could not be reached while {action}: {reason}"
            ) from error

    # -- where the live index is ------------------------------------------------------------------

    def _new_index_name(self) -> str:
        # Microseconds: a rebuild right after the first index was created gets a new name.
        return f"{self.alias}-v{datetime.now(UTC).strftime('%Y%m%d%H%M%S%f')}"

    def _live_indices(self) -> list[str]:
        """The versioned indices behind the alias (one, except after a failed switch)."""
        try:
            return sorted(self.client.indices.get_alias(name=self.alias))
        except self.not_found:
            return []

    def _ensure_alias(self) -> None:
        """Create the first versioned index with the alias when there is none yet."""
        if self.client.indices.exists_alias(name=self.alias):
            return
        body = {**index_body(), "aliases": {self.alias: {"is_write_index": True}}}
        try:
            self.client.indices.create(index=self._new_index_name(), body=body)
        except Exception as error:
            # Another process created it meanwhile: a second write index is refused.
            if self._outage(error) is not None or not self.client.indices.exists_alias(
                name=self.alias
            ):
                raise

    # -- writing ----------------------------------------------------------------------------------

    def index(self, documents: Iterable[SearchDocument]) -> int:
        with self._server("indexing documents"):
            self._ensure_alias()
            # wait_for: like the embedded commit, a document is searchable once this returns.
            return self._bulk(bulk_actions(documents, self.alias), refresh="wait_for")

    def delete(self, ids: Iterable[str]) -> int:
        ids = list(ids)
        if not ids:
            return 0
        actions = ({"_op_type": "delete", "_index": self.alias, "_id": i} for i in ids)
        with self._server("deleting documents"):
            self._ensure_alias()
            # 404: an unknown id is not an error.
            self._bulk(actions, refresh="wait_for", ignore_status=(404,))
        return len(ids)

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        new = self._new_index_name()
        with self._server("rebuilding the index"):
            old = self._live_indices()
            self.client.indices.create(index=new, body=index_body())
            try:
                written = self._bulk(bulk_actions(documents, new))
                self.client.indices.refresh(index=new)
            except BaseException:
                self._discard(new)
                raise
            actions: list[dict[str, Any]] = [
                {"remove": {"index": name, "alias": self.alias}} for name in old
            ]
            actions.append({"add": {"index": new, "alias": self.alias, "is_write_index": True}})
            self.client.indices.update_aliases(body={"actions": actions})
            if old:
                self.client.indices.delete(index=old)
        return written

    def _discard(self, name: str) -> None:
        """Drop a half-built index after a failed rebuild; the live one stays untouched."""
        try:
            self.client.indices.delete(index=name, ignore_unavailable=True)
        except Exception:
            logger.warning("could not delete the unfinished index %s", name, exc_info=True)

    def drop(self) -> None:
        """Delete every index of this prefix, alias with it (tests, decommissioning)."""
        with self._server("dropping the indices"):
            names = list(
                self.client.indices.get(
                    index=f"{self.alias}-v*", expand_wildcards="all", allow_no_indices=True
                )
            )
            # Named one by one: clusters refuse wildcard deletes (action.destructive_requires_name).
            if names:
                self.client.indices.delete(index=names)

    # -- reading ----------------------------------------------------------------------------------

    def build_query(self, query: SearchQuery) -> dict[str, Any]:
        """The search request body as it is sent for a short query (tests read it without a
        server); a long one's words are chosen first by their frequency in the index."""
        return search_body(query, query_terms(query)[0])

    def _informative_words(self, words: list[str]) -> list[str]:
        """A long query's rarest words, chosen as the embedded engine chooses them: the
        documents each word is in (title and summary) from one term-vectors request for an
        artificial document holding the words, the document count from its field statistics."""
        text = " ".join(words)
        response = self.client.termvectors(
            index=self.alias,
            body={
                "doc": {"title": text, "summary": text},
                "fields": ["title", "summary"],
                "term_statistics": True,
                "field_statistics": True,
                "positions": False,
                "offsets": False,
            },
        )
        vectors = getattr(response, "body", response)["term_vectors"]
        frequency = dict.fromkeys(words, 0)
        for name in ("title", "summary"):
            for word, stats in vectors.get(name, {}).get("terms", {}).items():
                if word in frequency:
                    frequency[word] += stats.get("doc_freq", 0)
        num_docs = vectors.get("title", {}).get("field_statistics", {}).get("doc_count", 0)
        return informative_words(words, frequency, num_docs)

    def _search(self, body: dict[str, Any]) -> dict[str, Any]:
        response = self.client.search(index=[self.alias], body=body)
        # Elasticsearch's client wraps the body; OpenSearch's returns it as it is.
        return getattr(response, "body", response)

    def search(self, query: SearchQuery) -> SearchResults:
        terms, is_long = query_terms(query)
        with self._server("searching"):
            try:
                if is_long:
                    terms = self._informative_words(terms)
                response = self._search(search_body(query, terms))
            except self.not_found:  # nothing indexed yet
                return SearchResults(
                    total=0, hits=[], facets={name: [] for name in query.facets}, terms=terms
                )
        return results_from_response(response, query, terms)

    def count(self, kind: str | None = None) -> int:
        body = {"query": {"term": {"kind": kind}}} if kind is not None else None
        with self._server("counting documents"):
            try:
                return self.client.count(index=self.alias, body=body)["count"]
            except self.not_found:
                return 0

    def status(self) -> dict[str, Any]:
        with self._server("reading the index status"):
            live = self._live_indices()
            by_kind: dict[str, int] = {}
            documents = 0
            if live:
                response = self._search(
                    {
                        "size": 0,
                        "track_total_hits": True,
                        "aggs": {"kind": {"terms": {"field": "kind", "size": FACET_SIZE}}},
                    }
                )
                documents = response["hits"]["total"]["value"]
                by_kind = {
                    b["key"]: b["doc_count"] for b in response["aggregations"]["kind"]["buckets"]
                }
        return {
            "engine": self.name,
            "location": (
                f"{without_credentials(self.url)} alias {self.alias} -> "
                f"{', '.join(live) or '(no index yet)'}"
            ),
            "documents": documents,
            "by_kind": by_kind,
        }

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

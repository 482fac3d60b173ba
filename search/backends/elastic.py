"""Elasticsearch backend: the same terms, ranking and results as the embedded engine, on a server.

Text is analyzed by search.analysis before it is sent, and Elasticsearch splits it again only on
whitespace (the ``portal_terms`` analyzer), so both backends index exactly the same terms.
Query terms are sent as ``term`` queries (a lone Chinese character as ``prefix``), never
re-analyzed by the server. Highlights are made in Python from the stored original texts, with
the same function the embedded engine uses.

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

from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.helpers import bulk
from elasticsearch_dsl import (
    A,
    Double,
    Index,
    Keyword,
    Mapping,
    Object,
    Q,
    Query,
    Search,
    Text,
    analyzer,
)

from search.analysis import get_analyzer, is_cjk
from search.backends.base import SearchBackend, SearchUnavailable, make_hit, stored_fields
from search.documents import (
    KEYWORD_FIELDS,
    MATCH_FIELDS,
    TEXT_FIELDS,
    SearchDocument,
    SearchQuery,
    SearchResults,
)

logger = logging.getLogger(__name__)

ANALYZER = "portal_terms"
FACET_SIZE = 100
# What a hit is rebuilt from: the id and the original texts.
SOURCE_FIELDS = ["id", "stored"]

# Pre-segmented text in, the same terms out: split on whitespace, nothing else but case.
portal_terms = analyzer(ANALYZER, tokenizer="whitespace", filter=["lowercase"])


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
        mapping.field(name, Text(analyzer=portal_terms, similarity="BM25"))
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


def _without_credentials(url: str) -> str:
    """The server URL fit for messages and status pages: no user or password in it."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

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
        self._client: Elasticsearch | None = None

    @property
    def client(self) -> Elasticsearch:
        """Created on first use: constructing the backend never touches the network."""
        if self._client is None:
            self._client = Elasticsearch(
                self.url,
                request_timeout=self.timeout,
                max_retries=self.max_retries,
                retry_on_timeout=self.retry_on_timeout,
            )
        return self._client

    @contextmanager
    def _server(self, action: str) -> Iterator[None]:
        """Turn 'the server is not there (or overloaded)' into SearchUnavailable (a 503 page)."""
        where = _without_credentials(self.url)
        try:
            yield
        except TransportError as error:  # refused, timed out, TLS: nothing answered
            raise SearchUnavailable(
                f"Elasticsearch at {where} could not be reached while {action}: {error.message}"
            ) from error
        except ApiError as error:  # it answered; only overload and server faults are outages
            if error.meta.status == 429 or error.meta.status >= 500:
                raise SearchUnavailable(
                    f"Elasticsearch at {where} failed while {action}: {error}"
                ) from error
            raise

    # -- where the live index is -------------------------------------------------------------

    def _new_index_name(self) -> str:
        # Microseconds: a rebuild right after the first index was created gets a new name.
        return f"{self.alias}-v{datetime.now(UTC).strftime('%Y%m%d%H%M%S%f')}"

    def _live_indices(self) -> list[str]:
        """The versioned indices behind the alias (one, except after a failed switch)."""
        try:
            return sorted(self.client.indices.get_alias(name=self.alias))
        except NotFoundError:
            return []

    def _ensure_alias(self) -> None:
        """Create the first versioned index with the alias when there is none yet."""
        if self.client.indices.exists_alias(name=self.alias):
            return
        try:
            self.client.indices.create(
                index=self._new_index_name(),
                aliases={self.alias: {"is_write_index": True}},
                **index_body(),
            )
        except ApiError:
            # Another process created it meanwhile: a second write index is refused.
            if not self.client.indices.exists_alias(name=self.alias):
                raise

    # -- writing -------------------------------------------------------------------------------

    def index(self, documents: Iterable[SearchDocument]) -> int:
        with self._server("indexing documents"):
            self._ensure_alias()
            # wait_for: like the embedded commit, a document is searchable once this returns.
            written, _errors = bulk(
                self.client, bulk_actions(documents, self.alias), refresh="wait_for"
            )
        return written

    def delete(self, ids: Iterable[str]) -> int:
        ids = list(ids)
        if not ids:
            return 0
        actions = ({"_op_type": "delete", "_index": self.alias, "_id": i} for i in ids)
        with self._server("deleting documents"):
            self._ensure_alias()
            # 404: an unknown id is not an error.
            bulk(self.client, actions, refresh="wait_for", ignore_status=(404,))
        return len(ids)

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        new = self._new_index_name()
        with self._server("rebuilding the index"):
            old = self._live_indices()
            self.client.indices.create(index=new, **index_body())
            try:
                written, _errors = bulk(self.client, bulk_actions(documents, new))
                self.client.indices.refresh(index=new)
            except BaseException:
                self._discard(new)
                raise
            actions: list[dict[str, Any]] = [
                {"remove": {"index": name, "alias": self.alias}} for name in old
            ]
            actions.append({"add": {"index": new, "alias": self.alias, "is_write_index": True}})
            self.client.indices.update_aliases(actions=actions)
            if old:
                self.client.indices.delete(index=old)
        return written

    def _discard(self, name: str) -> None:
        """Drop a half-built index after a failed rebuild; the live one stays untouched."""
        try:
            self.client.indices.delete(index=name, ignore_unavailable=True)
        except (TransportError, ApiError):
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

    # -- reading -------------------------------------------------------------------------------

    def _search(self, query: SearchQuery, terms: list[str]) -> Search:
        filters = filter_clauses(query)
        search = Search().source(SOURCE_FIELDS).extra(track_total_hits=True)
        if terms:
            required = (
                []
                if query.all_terms or query.match_field
                else get_analyzer().required_words(query.text)
            )
            must = [text_query(terms, query.match_field), *(text_query([w]) for w in required)]
            search = search.query(Q("bool", must=must, filter=filters))
        elif query.text.strip():
            search = search.query(Q("bool", must=[Q("match_none")], filter=filters))
        else:
            # No text: filters only, newest first (id breaks ties so pages stay stable).
            search = search.query(Q("bool", must=[Q("match_all")], filter=filters))
            search = search.sort({"published": {"order": "desc"}}, {"id": {"order": "asc"}})
        for name in query.facets:
            search.aggs.bucket(name, A("terms", field=name, size=FACET_SIZE))
        return search[query.offset : query.offset + query.page_size]

    def build_query(self, query: SearchQuery) -> dict[str, Any]:
        """The search request body exactly as it is sent (tests read it without a server)."""
        return self._search(query, self._terms(query)).to_dict()

    @staticmethod
    def _terms(query: SearchQuery) -> list[str]:
        """A short query's terms; a long one's words (the server ranks them by their IDF),
        or all its terms of two or more characters when the query asks for them; for a
        matching field, every distinct term made as that field's are."""
        if query.match_field:
            return list(dict.fromkeys(get_analyzer().match_terms(query.text, query.match_field)))
        if query.all_terms:
            return [t for t in get_analyzer().query_terms(query.text) if len(t) > 1]
        return get_analyzer().search_terms(query.text)[0]

    def search(self, query: SearchQuery) -> SearchResults:
        analyzer_ = get_analyzer()
        terms = self._terms(query)
        request = self._search(query, terms).using(self.client).index(self.alias)
        with self._server("searching"):
            try:
                response = request.execute()
            except NotFoundError:  # nothing indexed yet
                return SearchResults(
                    total=0, hits=[], facets={name: [] for name in query.facets}, terms=terms
                )
        marks = analyzer_.highlight_terms(query.text) if query.highlight else []
        hits = []
        for hit in response.hits:
            # Sorted by date, the score is the date (as in the embedded engine).
            score = hit.meta.score if hit.meta.score is not None else hit.meta.sort[0]
            stored = hit.to_dict()["stored"]
            hits.append(make_hit(hit.meta.id, float(score), stored, marks))
        aggregations = response.aggregations.to_dict()
        facets = {
            name: [
                (bucket["key"], bucket["doc_count"])
                for bucket in aggregations.get(name, {}).get("buckets", [])
            ]
            for name in query.facets
        }
        return SearchResults(total=response.hits.total.value, hits=hits, facets=facets, terms=terms)

    def count(self, kind: str | None = None) -> int:
        body = {"query": {"term": {"kind": kind}}} if kind is not None else {}
        with self._server("counting documents"):
            try:
                return self.client.count(index=self.alias, **body)["count"]
            except NotFoundError:
                return 0

    def status(self) -> dict[str, Any]:
        with self._server("reading the index status"):
            live = self._live_indices()
            by_kind: dict[str, int] = {}
            documents = 0
            if live:
                response = self.client.search(
                    index=self.alias,
                    size=0,
                    track_total_hits=True,
                    aggs={"kind": {"terms": {"field": "kind", "size": FACET_SIZE}}},
                )
                documents = response["hits"]["total"]["value"]
                by_kind = {
                    b["key"]: b["doc_count"] for b in response["aggregations"]["kind"]["buckets"]
                }
        return {
            "engine": self.name,
            "location": (
                f"{_without_credentials(self.url)} alias {self.alias} -> "
                f"{', '.join(live) or '(no index yet)'}"
            ),
            "documents": documents,
            "by_kind": by_kind,
        }

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

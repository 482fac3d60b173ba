"""The embedded default: tantivy (a Rust full-text engine) inside the process, files under var/.

Text is analyzed by search.analysis and indexed pre-segmented with tantivy's whitespace
tokenizer, so the embedded engine and Elasticsearch see the same terms. BM25 ranks with field
weights; keyword fields are fast fields for filters and facet counts.

tantivy allows one writer per index at a time. Every write opens the writer, commits and lets it
go; a process that finds it taken retries for a few seconds, so several web processes never
lose an update. A rebuild writes a new index folder and then switches the CURRENT pointer
atomically, so searches keep working during it.
"""

import json
import logging
import os
import re
import shutil
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

import tantivy

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

WRITER_HEAP = 50_000_000
LOCK_WAIT_SECONDS = 10.0


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    for name in KEYWORD_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", fast=True, index_option="basic")
    builder.add_text_field("audiences", tokenizer_name="raw", index_option="basic")
    for name in (*TEXT_FIELDS, *MATCH_FIELDS):
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    builder.add_float_field("published", indexed=False, fast=True)
    # The original texts and what a hit shows, as one JSON blob.
    builder.add_text_field("stored", stored=True, tokenizer_name="raw", index_option="basic")
    return builder.build()


class EmbeddedBackend(SearchBackend):
    name = "embedded (tantivy)"

    def __init__(self, path: str | os.PathLike, **_options):
        self.root = Path(path)
        self.root.mkdir(parents=True, exist_ok=True)
        self.schema = build_schema()
        self._index: tantivy.Index | None = None
        self._index_dir: Path | None = None
        self._meta_seen: tuple | None = None

    # -- where the live index is -------------------------------------------------------------

    @property
    def _pointer(self) -> Path:
        return self.root / "CURRENT"

    def _current_dir(self) -> Path:
        if self._pointer.exists():
            return self.root / self._pointer.read_text().strip()
        directory = self.root / "index-initial"
        directory.mkdir(exist_ok=True)
        tantivy.Index(self.schema, path=str(directory))
        self._switch_to(directory)
        return directory

    def _switch_to(self, directory: Path) -> None:
        temporary = self.root / f"CURRENT.{uuid.uuid4().hex}"
        temporary.write_text(directory.name)
        os.replace(temporary, self._pointer)

    def _open(self) -> tantivy.Index:
        """The live index, reopened when another process switched or committed."""
        try:
            directory = self._current_dir()
            if self._index is None or directory != self._index_dir:
                self._index = tantivy.Index(self.schema, path=str(directory))
                self._index_dir = directory
                self._meta_seen = None
            # A commit (here or in another process) rewrites meta.json by rename: a new inode.
            meta = (directory / "meta.json").stat()
            seen = (meta.st_ino, meta.st_mtime_ns, meta.st_size)
            if seen != self._meta_seen:
                self._index.reload()
                self._meta_seen = seen
            return self._index
        except (OSError, ValueError) as error:
            if "schema does not match" in str(error):
                raise SearchUnavailable(
                    "the search index was built by an older version of the portal (its fields "
                    "differ): run manage.py rebuild_search_index"
                ) from error
            raise SearchUnavailable(str(error)) from error

    def _writer(self, index: tantivy.Index):
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        delay = 0.02
        while True:
            try:
                return index.writer(heap_size=WRITER_HEAP, num_threads=1)
            except ValueError as error:  # another process holds the writer lock
                if time.monotonic() > deadline:
                    raise SearchUnavailable(f"index writer busy: {error}") from error
                time.sleep(delay)
                delay = min(delay * 2, 0.5)

    # -- writing -------------------------------------------------------------------------------

    def _tantivy_document(self, document: SearchDocument) -> tantivy.Document:
        analyzer = get_analyzer()
        fields: dict = {"id": document.id, "kind": [document.kind]}
        for name in KEYWORD_FIELDS:
            if name != "kind" and document.facets.get(name):
                fields[name] = [str(v) for v in document.facets[name]]
        fields["audiences"] = list(document.audiences)
        for name in TEXT_FIELDS:
            fields[name] = analyzer.analyzed(document.text(name))
        match_text = document.match_text()
        for name in MATCH_FIELDS:
            fields[name] = " ".join(analyzer.match_terms(match_text, name))
        fields["published"] = float(document.published)
        fields["stored"] = json.dumps(stored_fields(document), ensure_ascii=False)
        return tantivy.Document(**fields)

    def _write(self, index, documents: Iterable[SearchDocument], *, replace: bool) -> int:
        writer = self._writer(index)
        written = 0
        try:
            for document in documents:
                if replace:
                    writer.delete_documents_by_term("id", document.id)
                writer.add_document(self._tantivy_document(document))
                written += 1
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            raise
        return written

    def index(self, documents: Iterable[SearchDocument]) -> int:
        return self._write(self._open(), documents, replace=True)

    def delete(self, ids: Iterable[str]) -> int:
        ids = list(ids)
        if not ids:
            return 0
        writer = self._writer(self._open())
        for document_id in ids:
            writer.delete_documents_by_term("id", document_id)
        writer.commit()
        writer.wait_merging_threads()
        return len(ids)

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        old = self._current_dir()
        directory = self.root / f"index-{int(time.time())}-{uuid.uuid4().hex[:6]}"
        directory.mkdir()
        index = tantivy.Index(self.schema, path=str(directory))
        written = self._write(index, documents, replace=False)
        self._switch_to(directory)
        self._index = None
        if old != directory:
            shutil.rmtree(old, ignore_errors=True)
        return written

    # -- reading -------------------------------------------------------------------------------

    def _text_query(self, terms: list[str], match_field: str = "") -> tantivy.Query:
        # A query of one Chinese character matches the terms that start with it; a character
        # among other terms is matched as itself, or 链 in 区块链溯源 would match every 链….
        lone_character = len(terms) == 1 and is_cjk(terms[0]) and len(terms[0]) == 1
        per_field = []
        fields = {match_field: 1.0} if match_field else TEXT_FIELDS
        for name, weight in fields.items():
            clauses = []
            for term in terms:
                if lone_character:
                    query = tantivy.Query.regex_query(self.schema, name, f"{re.escape(term)}.*")
                else:
                    query = tantivy.Query.term_query(self.schema, name, term)
                clauses.append((tantivy.Occur.Should, query))
            per_field.append(
                (
                    tantivy.Occur.Should,
                    tantivy.Query.boost_query(tantivy.Query.boolean_query(clauses), weight),
                )
            )
        return tantivy.Query.boolean_query(per_field)

    def _filter_clauses(self, query: SearchQuery) -> list:
        clauses = [
            (
                tantivy.Occur.Must,
                tantivy.Query.term_set_query(self.schema, "audiences", list(query.audiences)),
            )
        ]
        for name, values in query.filters.items():
            if name not in KEYWORD_FIELDS:
                raise ValueError(f"unknown filter field: {name}")
            if values:
                clauses.append(
                    (
                        tantivy.Occur.Must,
                        tantivy.Query.term_set_query(self.schema, name, [str(v) for v in values]),
                    )
                )
        return clauses

    def _informative_terms(
        self, searcher, text: str, *, all_terms: bool = False, match_field: str = ""
    ) -> list[str]:
        """All terms of a short query. Of a long, need-like one, its rarest words in the index:
        words in more than one document in COMMON_SHARE are dropped while enough others remain
        (they add little to BM25 but cost a long posting list each). For a matching field,
        every distinct term made as that field's are."""
        if match_field:
            return list(dict.fromkeys(get_analyzer().match_terms(text, match_field)))
        if all_terms:
            return [t for t in get_analyzer().query_terms(text) if len(t) > 1]
        words, is_long = get_analyzer().search_terms(text)
        if not is_long:
            return words
        frequency = {
            word: searcher.doc_freq("title", word) + searcher.doc_freq("summary", word)
            for word in words
        }
        return informative_words(words, frequency, searcher.num_docs)

    def search(self, query: SearchQuery) -> SearchResults:
        index = self._open()
        searcher = index.searcher()
        analyzer = get_analyzer()
        terms = self._informative_terms(
            searcher, query.text, all_terms=query.all_terms, match_field=query.match_field
        )
        filters = self._filter_clauses(query)
        ranked_only = query.all_terms or query.match_field
        required = [] if ranked_only else analyzer.required_words(query.text)
        if terms:
            scored = (tantivy.Occur.Must, self._text_query(terms, query.match_field))
            each = [(tantivy.Occur.Must, self._text_query([word])) for word in required]
            full = tantivy.Query.boolean_query([scored, *each, *filters])
        elif query.text.strip():
            full = tantivy.Query.empty_query()  # only stopwords or punctuation
        else:
            full = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, tantivy.Query.all_query()), *filters]
            )
        try:
            if terms or query.text.strip():
                result = searcher.search(
                    full, limit=query.page_size, offset=query.offset, count=True
                )
            else:
                result = searcher.search(
                    full,
                    limit=query.page_size,
                    offset=query.offset,
                    count=True,
                    order_by_field="published",
                )
            facets = self._facets(searcher, full, query.facets)
        except ValueError as error:
            raise SearchUnavailable(str(error)) from error
        marks = [t for t in analyzer.highlight_terms(query.text) if t in terms] or terms
        marks = marks if query.highlight else []
        hits = []
        for score, address in result.hits:
            document = searcher.doc(address)
            stored = json.loads(document["stored"][0])
            hits.append(make_hit(document["id"][0], float(score), stored, marks))
        return SearchResults(total=result.count, hits=hits, facets=facets, terms=terms)

    def _facets(self, searcher, full, names) -> dict[str, list[tuple[str, int]]]:
        if not names:
            return {}
        spec = {name: {"terms": {"field": name, "size": 100}} for name in names}
        raw = searcher.aggregate(full, spec)
        return {
            name: [(b["key"], b["doc_count"]) for b in raw.get(name, {}).get("buckets", [])]
            for name in names
        }

    def count(self, kind: str | None = None) -> int:
        searcher = self._open().searcher()
        if kind is None:
            return searcher.num_docs
        query = tantivy.Query.term_query(self.schema, "kind", kind)
        return searcher.search(query, limit=1, count=True).count

    def status(self) -> dict:
        index = self._open()
        searcher = index.searcher()
        kinds = searcher.aggregate(
            tantivy.Query.all_query(), {"kind": {"terms": {"field": "kind", "size": 20}}}
        )
        return {
            "engine": self.name,
            "location": str(self._index_dir),
            "documents": searcher.num_docs,
            "segments": searcher.num_segments,
            "by_kind": {b["key"]: b["doc_count"] for b in kinds["kind"]["buckets"]},
        }

    def close(self) -> None:
        self._index = None

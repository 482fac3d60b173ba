"""The interface every search backend implements."""

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping

from search.analysis import LONG_QUERY_TERMS
from search.documents import Hit, SearchDocument, SearchQuery, SearchResults
from search.highlighting import highlight

# Of a long, need-like query: words in more than this share of the documents are dropped while
# at least MIN_LONG_QUERY_TERMS others remain.
COMMON_SHARE = 0.05
MIN_LONG_QUERY_TERMS = 4


class SearchUnavailable(Exception):
    """The search engine cannot be reached; pages answer 503 with a clear message."""


class SearchBackend(ABC):
    name = "abstract"

    @abstractmethod
    def index(self, documents: Iterable[SearchDocument]) -> int:
        """Add or replace documents (by id); returns how many were written."""

    @abstractmethod
    def delete(self, ids: Iterable[str]) -> int:
        """Remove documents by id; unknown ids are ignored."""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResults:
        """Ranked hits for the query within its audiences, with facet counts and highlights."""

    @abstractmethod
    def count(self, kind: str | None = None) -> int:
        """How many documents the index holds (of one kind)."""

    @abstractmethod
    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        """Replace the whole index with these documents; search keeps working meanwhile."""

    @abstractmethod
    def status(self) -> dict:
        """Facts for `search_index_status`: engine, location, counts by kind."""

    def close(self) -> None:  # noqa: B027 - optional: most backends hold nothing to release
        """Release files or connections."""


def informative_words(words: list[str], frequency: Mapping[str, int], num_docs: int) -> list[str]:
    """Of a long, need-like query's words, the rarest in the index: words in more than one
    document in COMMON_SHARE are dropped while enough others remain (they add little to BM25
    but cost a long posting list each). ``frequency`` counts each word's documents in title and
    summary; every backend chooses with this, so they search for the same words."""
    ranked = sorted((w for w in words if frequency.get(w, 0) > 0), key=lambda w: frequency[w])
    if not ranked:
        return words[:LONG_QUERY_TERMS]
    common = max(1, int(num_docs * COMMON_SHARE))
    rare = [w for w in ranked if frequency[w] <= common]
    chosen = rare if len(rare) >= MIN_LONG_QUERY_TERMS else ranked[:MIN_LONG_QUERY_TERMS]
    return chosen[:LONG_QUERY_TERMS]


def stored_fields(document: SearchDocument) -> dict:
    """What every backend keeps of a document to build its hit: the original texts, the keyword
    fields and the attributes (never searched)."""
    return {
        "kind": document.kind,
        "title": document.title,
        "url": document.url,
        "summary": document.summary,
        "keywords": list(document.keywords),
        "body": document.body,
        "facets": {name: [str(v) for v in values] for name, values in document.facets.items()},
        "attributes": dict(document.attributes),
    }


def make_hit(document_id: str, score: float, stored: dict, marks: list[str]) -> Hit:
    """A hit from a document's stored original texts, with <mark> highlights of ``marks``.

    Every backend builds its hits here, so highlights look the same whatever the engine.
    """
    highlights = {}
    if marks:
        highlights["title"] = highlight(stored["title"], marks, length=200)
        for name in ("summary", "body"):
            fragment = highlight(stored.get(name, ""), marks)
            if "<mark>" in fragment:
                highlights["text"] = fragment
                break
        else:
            highlights["text"] = highlight(stored.get("summary", ""), marks)
    return Hit(
        id=document_id,
        kind=stored["kind"],
        score=score,
        title=stored["title"],
        url=stored["url"],
        summary=stored["summary"],
        highlights=highlights,
        keywords=list(stored.get("keywords") or []),
        facets=dict(stored.get("facets") or {}),
        attributes=dict(stored.get("attributes") or {}),
    )

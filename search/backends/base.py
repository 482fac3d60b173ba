"""The interface every search backend implements."""

from abc import ABC, abstractmethod
from collections.abc import Iterable

from search.documents import Hit, SearchDocument, SearchQuery, SearchResults
from search.highlighting import highlight


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

"""Writes to the index (run by search.tasks after a commit, and by the rebuild command)."""

from collections.abc import Iterable

from search.analysis import get_analyzer
from search.backends import get_backend
from search.documents import SearchDocument
from search.registry import source


def documents_index(documents: Iterable[SearchDocument]) -> int:
    """Index documents now, teaching the analyzer their keywords first."""
    documents = list(documents)
    get_analyzer().add_words(k for d in documents for k in d.keywords)
    return get_backend().index(documents)


def documents_delete(ids: Iterable[str]) -> int:
    return get_backend().delete(list(ids))


def index_update(kind: str, ids: list) -> int:
    """Bring the index up to date for these items of a source now: their current documents in,
    their stale ones out. Returns how many documents were written; raises SearchUnavailable."""
    documents, stale_ids = source(kind).update(list(ids))
    if stale_ids:
        documents_delete(stale_ids)
    return documents_index(documents) if documents else 0

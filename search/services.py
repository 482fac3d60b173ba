"""Writes to the index, run after the database transaction commits."""

import logging
from collections.abc import Callable, Iterable

from django.db import transaction

from search.analysis import get_analyzer
from search.backends import SearchUnavailable, get_backend
from search.documents import SearchDocument

logger = logging.getLogger(__name__)


def documents_index(documents: Iterable[SearchDocument]) -> int:
    """Index documents now, teaching the analyzer their keywords first."""
    documents = list(documents)
    get_analyzer().add_words(k for d in documents for k in d.keywords)
    return get_backend().index(documents)


def documents_delete(ids: Iterable[str]) -> int:
    return get_backend().delete(list(ids))


def index_on_commit(build: Callable[[], tuple[list[SearchDocument], list[str]]]) -> None:
    """After the transaction commits, index what ``build`` returns and delete the ids it names.

    A search engine that is down must not undo a publication: the failure is logged, and
    `manage.py rebuild_search_index` repairs the index later.
    """

    def run() -> None:
        try:
            documents, stale_ids = build()
            if stale_ids:
                documents_delete(stale_ids)
            if documents:
                documents_index(documents)
        except SearchUnavailable:
            logger.exception("search index not updated; run manage.py rebuild_search_index")

    transaction.on_commit(run)

"""Searching, for the views of any app."""

from dataclasses import replace

from search.analysis import get_analyzer
from search.backends import get_backend
from search.documents import SearchQuery, SearchResults

# The deepest result paging can reach (Elasticsearch's default max_result_window). A page past
# it, or past the last result, shows the last page: no value of ``page`` makes an engine collect
# more than this many hits.
MAX_RESULTS = 10_000


def last_page(total: int, page_size: int) -> int:
    """The last page a listing of ``total`` results shows (1 when there are none)."""
    return max(1, -(-min(total, MAX_RESULTS) // page_size))


def search(query: SearchQuery) -> SearchResults:
    """Run a query on the configured backend (raises SearchUnavailable when it is down).

    The page is bounded here, once for every backend: ``results.page`` is the page served.
    """
    backend = get_backend()
    query = replace(query, page=min(max(query.page, 1), last_page(MAX_RESULTS, query.page_size)))
    results = backend.search(query)
    if query.page > last_page(results.total, query.page_size):
        query = replace(query, page=last_page(results.total, query.page_size))
        results = backend.search(query)
    results.page = query.page
    return results


def word_counts(query: SearchQuery) -> list[tuple[str, int]]:
    """When a few-word query finds nothing with all its words: each word alone and how many
    results it has (within the same filters and audiences), those with results first, so the
    page can offer them instead of a bare "nothing found"."""
    words = get_analyzer().required_words(query.text)
    counts = [
        (word, search(replace(query, text=word, page=1, page_size=1, facets=())).total)
        for word in words
    ]
    return sorted(counts, key=lambda pair: -pair[1])

"""Searching, for the views of any app."""

from search.backends import get_backend
from search.documents import SearchQuery, SearchResults


def search(query: SearchQuery) -> SearchResults:
    """Run a query on the configured backend (raises SearchUnavailable when it is down)."""
    return get_backend().search(query)

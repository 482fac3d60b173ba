"""Wagtail's own page search (the workbench's search box), made to understand Chinese.

Wagtail's database backend splits text on spaces, so 镁合金 never matches 镁合金精深加工技术.
Pages add their text as character pairs in extra search fields (cms.models.
SegmentedSearchMixin), and this backend turns each query into pairs the same way before handing
it to Wagtail's database backend for the current database (SQLite FTS5 or PostgreSQL full-text
search), requiring every pair: in effect a substring search that uses the full-text index.

Configured as ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}``.
"""

from modelsearch.backends import database
from modelsearch.query import PlainText

from search.analysis import get_analyzer


class ChineseQueryMixin:
    """Analyze plain-text queries with the portal's analyzer; all terms must match."""

    @staticmethod
    def _analyzed(query):
        """A query string, or the PlainText the admin's query parser makes, as pairs."""
        if isinstance(query, str):
            return " ".join(dict.fromkeys(get_analyzer().bigram_terms(query))) or query
        if isinstance(query, PlainText):
            terms = " ".join(dict.fromkeys(get_analyzer().bigram_terms(query.query_string)))
            return PlainText(terms, operator="and", boost=query.boost) if terms else query
        return query

    def search(self, query, model_or_queryset, fields=None, operator=None, **kwargs):
        return super().search(
            self._analyzed(query), model_or_queryset, fields, operator or "and", **kwargs
        )

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, **kwargs):
        return super().autocomplete(
            self._analyzed(query), model_or_queryset, fields, operator or "and", **kwargs
        )


_classes: dict[type, type] = {}


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    """Wagtail's database backend for the connected database, with Chinese query analysis."""
    base = type(database.SearchBackend(params))
    if base not in _classes:
        _classes[base] = type(f"Chinese{base.__name__}", (ChineseQueryMixin, base), {})
    return _classes[base](params)

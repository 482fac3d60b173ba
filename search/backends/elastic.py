"""Elasticsearch backend (elasticsearch / elasticsearch-dsl 8): the shared cluster backend on
Elasticsearch's client. Proven on Elasticsearch 8.17 (see docs/search-engines.md)."""

from collections.abc import Iterable
from typing import Any

from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.helpers import bulk

from search.backends.cluster import ClusterBackend


class ElasticsearchBackend(ClusterBackend):
    name = "elasticsearch"
    engine = "Elasticsearch"
    not_found = NotFoundError

    def _make_client(self) -> Elasticsearch:
        return Elasticsearch(
            self.url,
            request_timeout=self.timeout,
            max_retries=self.max_retries,
            retry_on_timeout=self.retry_on_timeout,
        )

    def _bulk(self, actions: Iterable[dict[str, Any]], **params: Any) -> int:
        written, _errors = bulk(self.client, actions, **params)
        return written

    def _outage(self, error: Exception) -> str | None:
        if isinstance(error, TransportError):  # refused, timed out, TLS: nothing answered
            return error.message
        # It answered; only overload and server faults are outages.
        if isinstance(error, ApiError) and (error.meta.status == 429 or error.meta.status >= 500):
            return str(error)
        return None

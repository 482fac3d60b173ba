"""OpenSearch backend (opensearch-py): the shared cluster backend on OpenSearch's client, for
city clouds that offer only OpenSearch. Same mapping, documents and queries as Elasticsearch's
(search.backends.cluster builds them once). Proven on OpenSearch 2.19 (docs/search-engines.md)."""

from collections.abc import Iterable
from typing import Any

from opensearchpy import ConnectionError, NotFoundError, OpenSearch, TransportError
from opensearchpy.helpers import bulk

from search.backends.cluster import ClusterBackend


class OpenSearchBackend(ClusterBackend):
    name = "opensearch"
    engine = "OpenSearch"
    not_found = NotFoundError

    def _make_client(self) -> OpenSearch:
        return OpenSearch(
            hosts=[self.url],
            timeout=self.timeout,
            max_retries=self.max_retries,
            retry_on_timeout=self.retry_on_timeout,
        )

    def _bulk(self, actions: Iterable[dict[str, Any]], **params: Any) -> int:
        written, _errors = bulk(self.client, actions, **params)
        return written

    def _outage(self, error: Exception) -> str | None:
        if isinstance(error, ConnectionError):  # refused, timed out, TLS: nothing answered
            return str(error)
        # It answered; only overload and server faults are outages.
        status = getattr(error, "status_code", None)
        answered = isinstance(error, TransportError) and isinstance(status, int)
        if answered and (status == 429 or status >= 500):
            return str(error)
        return None

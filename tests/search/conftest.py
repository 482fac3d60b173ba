"""Every backend runs the same contract suite: embedded always, Elasticsearch when
ELASTICSEARCH_URL names a live server (skipped, with the reason shown, otherwise)."""

import os
import uuid

import pytest

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")


def _embedded(tmp_path):
    from search.backends.embedded import EmbeddedBackend

    return EmbeddedBackend(path=tmp_path / "search")


def _elasticsearch(tmp_path):
    if not ELASTICSEARCH_URL:
        pytest.skip("Elasticsearch contract run needs ELASTICSEARCH_URL (no server here)")
    from search.backends.elastic import ElasticsearchBackend

    backend = ElasticsearchBackend(
        url=ELASTICSEARCH_URL, index_prefix=f"portal-test-{uuid.uuid4().hex[:8]}"
    )
    return backend


@pytest.fixture(params=["embedded", "elasticsearch"])
def backend(request, tmp_path, db):
    # db: the analyzer's user dictionary reads the domain's terms from the database.
    make = _embedded if request.param == "embedded" else _elasticsearch
    instance = make(tmp_path)
    yield instance
    if request.param == "elasticsearch":
        instance.drop()
    instance.close()

"""Every backend runs the same contract suite: embedded always, and the search server the
environment names (SEARCH_BACKEND with ELASTICSEARCH_URL or OPENSEARCH_URL, read by the settings
into SEARCH_CLUSTER). Without one the server's runs are skipped with the reason shown; in CI
(CI=true) they fail instead, so a CI run never passes with the live engine untested."""

import os
import uuid

import pytest
from django.conf import settings
from django.utils.module_loading import import_string

LIVE_ENGINE = settings.SEARCH_ENGINE if settings.SEARCH_CLUSTER else "server"
IN_CI = os.environ.get("CI", "").lower() == "true"


def no_live_engine() -> None:
    """A live run without a server: skipped visibly here, a failure in CI."""
    reason = (
        "the search server runs need one: SEARCH_BACKEND=elasticsearch|opensearch with "
        "ELASTICSEARCH_URL or OPENSEARCH_URL (scripts/search-engine.sh start prints it)"
    )
    if IN_CI:
        pytest.fail(f"CI runs every search test live, but {reason}", pytrace=False)
    pytest.skip(reason)


def live_backend(**options):
    """A backend on the configured server with an index prefix of its own (dropped after)."""
    if not settings.SEARCH_CLUSTER:
        no_live_engine()
    config = {k.lower(): v for k, v in settings.SEARCH_CLUSTER.items()}
    backend_class = import_string(config.pop("backend"))
    config["index_prefix"] = f"portal-test-{uuid.uuid4().hex[:8]}"
    return backend_class(**{**config, **options})


def _embedded(tmp_path):
    from search.backends.embedded import EmbeddedBackend

    return EmbeddedBackend(path=tmp_path / "search")


@pytest.fixture(params=["embedded", LIVE_ENGINE])
def backend(request, tmp_path, db):
    # db: the analyzer's user dictionary reads the domain's terms from the database.
    instance = _embedded(tmp_path) if request.param == "embedded" else live_backend()
    yield instance
    if request.param != "embedded":
        instance.drop()
    instance.close()


@pytest.fixture
def site_search_server(settings):
    """The site's configured backend on the live server, in an index of its own."""
    from search.backends import get_backend, reset_backend

    if not settings.SEARCH_CLUSTER:
        no_live_engine()
    settings.SEARCH_BACKEND = {
        **settings.SEARCH_CLUSTER,
        "INDEX_PREFIX": f"portal-test-{uuid.uuid4().hex[:8]}",
    }
    reset_backend()
    backend = get_backend()
    yield backend
    backend.drop()
    reset_backend()

"""Every backend runs the same contract suite: embedded always, and the search server the
environment names (SEARCH_BACKEND with ELASTICSEARCH_URL or OPENSEARCH_URL, read by the settings
into SEARCH_CLUSTER). Without one the server's runs are skipped with the reason shown; in CI
(CI=true) they fail instead, so a CI run never passes with the live engine untested.

Under pytest-xdist (`make test`) the live runs of different workers share the server, each in
an index prefix of its own named after its worker; test_engine_outage.py stops and restarts the
node, so it takes the server alone: it waits for the live tests under way, and they wait for it
(live_engine_lock, a file lock shared by the workers of one run). A lock rather than an
xdist_group: pytest-xdist 3.8 no longer groups under pytest 9.2 (pytest-xdist issue 1386)."""

import fcntl
import os
import uuid
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.utils.module_loading import import_string

LIVE_ENGINE = settings.SEARCH_ENGINE if settings.SEARCH_CLUSTER else "server"
IN_CI = os.environ.get("CI", "").lower() == "true"
WORKER = os.environ.get("PYTEST_XDIST_WORKER")


def live_index_prefix() -> str:
    """An index prefix no other test, worker or run uses: portal-test-<worker>-<random>."""
    return f"portal-test-{WORKER or 'main'}-{uuid.uuid4().hex[:8]}"


@contextmanager
def live_engine_lock(tmp_path_factory, *, alone: bool):
    """Hold the live server with the other workers' live tests, or ``alone``. One process runs
    its tests one after the other and needs no lock."""
    if WORKER is None or not settings.SEARCH_CLUSTER:
        yield
        return
    # The workers' temporary folders share a parent: this run's.
    path = tmp_path_factory.getbasetemp().parent / "live-search-engine.lock"
    with open(path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX if alone else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture
def live_engine(tmp_path_factory):
    """This test uses the live server (shared with the other workers' live tests)."""
    with live_engine_lock(tmp_path_factory, alone=False):
        yield


@pytest.fixture
def live_engine_alone(tmp_path_factory):
    """This test has the live server to itself (it stops the node)."""
    with live_engine_lock(tmp_path_factory, alone=True):
        yield


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
    config["index_prefix"] = live_index_prefix()
    return backend_class(**{**config, **options})


def _embedded(tmp_path):
    from search.backends.embedded import EmbeddedBackend

    return EmbeddedBackend(path=tmp_path / "search")


@pytest.fixture(params=["embedded", LIVE_ENGINE])
def backend(request, tmp_path, db):
    # db: the analyzer's user dictionary reads the domain's terms from the database.
    if request.param == "embedded":
        instance = _embedded(tmp_path)
    else:
        request.getfixturevalue("live_engine")
        instance = live_backend()
    yield instance
    if request.param != "embedded":
        instance.drop()
    instance.close()


@pytest.fixture
def site_search_server(settings, live_engine):
    """The site's configured backend on the live server, in an index of its own."""
    from search.backends import get_backend, reset_backend

    if not settings.SEARCH_CLUSTER:
        no_live_engine()
    settings.SEARCH_BACKEND = {
        **settings.SEARCH_CLUSTER,
        "INDEX_PREFIX": live_index_prefix(),
    }
    reset_backend()
    backend = get_backend()
    yield backend
    backend.drop()
    reset_backend()

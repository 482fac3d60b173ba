"""The search server going away while the portal runs: search says so plainly, at once, and
every other page serves. This stops the real node (scripts/search-engine.sh stop) and starts it
again afterwards, so it runs only against a node that script started, and with the node to itself
(live_engine_alone: the live tests of other test workers wait, tests/search/conftest.py)."""

import os
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from search.backends import get_backend, reset_backend
from tests.factories import make_outcome
from tests.search.conftest import live_index_prefix, no_live_engine

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "search-engine.sh"


def engine_script(action: str, engine: str, url: str) -> subprocess.CompletedProcess:
    port = str(urlsplit(url).port or 9200)
    return subprocess.run(
        ["bash", str(SCRIPT), action, engine],
        env={**os.environ, "SEARCH_ENGINE_PORT": port},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def live_site_search(settings, live_engine_alone):
    """The site's search on the live server (an index prefix of its own), whose node this
    test may stop: the one scripts/search-engine.sh started at that URL."""
    if not settings.SEARCH_CLUSTER:
        no_live_engine()
    engine, url = settings.SEARCH_ENGINE, settings.SEARCH_CLUSTER["URL"]
    status = engine_script("status", engine, url)
    if status.returncode != 0:
        message = f"{url} is not a node scripts/search-engine.sh started: {status.stdout.strip()}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    settings.SEARCH_BACKEND = {
        **settings.SEARCH_CLUSTER,
        "INDEX_PREFIX": live_index_prefix(),
        "MAX_RETRIES": 0,
        "TIMEOUT": 3,
    }
    reset_backend()
    yield engine, url
    # The node comes back for whatever runs next; the test's index goes.
    started = engine_script("start", engine, url)
    assert started.returncode == 0, started.stderr
    reset_backend()
    get_backend().drop()
    reset_backend()


def test_a_stopped_engine_degrades_search_only(
    client, live_site_search, section_a, django_capture_on_commit_callbacks
):
    engine, url = live_site_search
    with django_capture_on_commit_callbacks(execute=True):
        outcome = make_outcome(section_a, title="镁合金精深加工技术", slug="mg")
    found = client.get(reverse("search"), {"q": "镁合金"})
    assert found.status_code == 200
    assert "镁合金精深加工技术" in [hit.title for hit in found.context["hits"]]

    stopped = engine_script("stop", engine, url)
    assert stopped.returncode == 0, stopped.stderr

    started = time.monotonic()
    down = client.get(reverse("search"), {"q": "镁合金"})
    assert time.monotonic() - started < 10
    assert down.status_code == 503
    page = down.content.decode()
    assert "搜索暂时不可用" in page and "/outcomes/" in page
    # every other page serves, the outcome itself included
    for path in ("/", outcome.url, "/needs/", "/api/v1/outcomes/"):
        assert client.get(path).status_code == 200, path
    # and publishing goes on: the index is repaired later by rebuild_search_index
    with django_capture_on_commit_callbacks(execute=True):
        later = make_outcome(section_a, title="硅基光互连芯片", slug="chip")
    assert client.get(later.url).status_code == 200

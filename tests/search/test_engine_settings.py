"""SEARCH_BACKEND, OPENSEARCH_URL and ELASTICSEARCH_URL pick the engine, from the environment
alone (read as the settings load, so each case loads them in a fresh interpreter)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "from portal.settings import base; "
    "print(base.SEARCH_BACKEND['BACKEND'].rsplit('.', 1)[-1], base.SEARCH_BACKEND.get('URL', ''))"
)


def settings_with(**variables: str) -> subprocess.CompletedProcess:
    # Set empty rather than left out, so neither this shell nor a developer's .env decides.
    env = {**os.environ, "SEARCH_BACKEND": "", "ELASTICSEARCH_URL": "", "OPENSEARCH_URL": ""}
    return subprocess.run(
        [sys.executable, "-c", SHOW],
        env={**env, **variables},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("variables", "chosen"),
    [
        ({}, "EmbeddedBackend "),
        ({"ELASTICSEARCH_URL": "http://es:9200"}, "ElasticsearchBackend http://es:9200"),
        ({"OPENSEARCH_URL": "http://os:9200"}, "OpenSearchBackend http://os:9200"),
        (
            {"SEARCH_BACKEND": "opensearch", "ELASTICSEARCH_URL": "http://cluster:9200"},
            "OpenSearchBackend http://cluster:9200",
        ),
        ({"SEARCH_BACKEND": "embedded", "ELASTICSEARCH_URL": "http://es:9200"}, "EmbeddedBackend "),
    ],
)
def test_the_environment_picks_the_engine(tmp_path, variables, chosen):
    result = settings_with(PORTAL_VAR_DIR=str(tmp_path), **variables)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == chosen.strip()


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"SEARCH_BACKEND": "solr"}, "use embedded, elasticsearch or opensearch"),
        ({"SEARCH_BACKEND": "opensearch"}, "needs the server's URL in OPENSEARCH_URL"),
    ],
)
def test_a_wrong_engine_stops_the_start_with_a_clear_message(variables, message):
    result = settings_with(**variables)
    assert result.returncode != 0
    assert message in result.stderr

"""Settings for benchmarks: the portal's own, with a throwaway SQLite database and search index.

A benchmark never touches the developer's database or index under var/.
"""

import os
import tempfile
import uuid

from background.backends import tasks_setting
from portal.settings.dev import *  # noqa: F403
from portal.settings.dev import ALLOWED_HOSTS, INSTALLED_APPS, SEARCH_CLUSTER

BENCHMARK_DIR = tempfile.mkdtemp(prefix="portal-benchmark-")
INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.path.join(BENCHMARK_DIR, "benchmark.sqlite3"),
    }
}
# A search server when the environment names one (SEARCH_BACKEND and its URL, read by the
# portal's settings into SEARCH_CLUSTER), in an index of its own; else the embedded engine.
SEARCH_BACKEND = (
    {**SEARCH_CLUSTER, "INDEX_PREFIX": f"portal-benchmark-{uuid.uuid4().hex[:8]}", "TIMEOUT": 120}
    if SEARCH_CLUSTER
    else {
        "BACKEND": "search.backends.embedded.EmbeddedBackend",
        "PATH": os.path.join(BENCHMARK_DIR, "search"),
    }
)
DEBUG = False
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # django.test.Client's host
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# What a publication sets off runs inline after its commit: a benchmark's writes are done when
# they return, and no thread races the measured requests for the SQLite file.
TASKS = tasks_setting("immediate")

"""Rows and a search index built once for several tests of a module.

Building a market of published outcomes takes a second or more (Wagtail pages, revisions,
indexing); tests that only read it share one build, the way the demo's tests share one seeding
(tests/portal/test_seed_demo.py): the build runs in a transaction opened for the module and rolled
back after its last test, each test's own transaction a savepoint inside it, so what a test
writes to the database is undone after it as usual. The after-commit tasks of the build (indexing,
suggestions) run as the build ends, into an index folder of the module's own; a test reads it
through ``use_index`` and must not write to it.

    @pytest.fixture(scope="module")
    def built(django_db_setup, django_db_blocker, tmp_path_factory):
        with built_once(django_db_blocker, tmp_path_factory) as build:
            with build.running_tasks():
                build.outcomes = [make_outcome(...) for n in range(12)]
            yield build

    @pytest.fixture
    def outcomes(built, db, settings):
        built.use_index(settings)
        return built.outcomes
"""

from contextlib import contextmanager
from pathlib import Path

from django.db import transaction
from django.test import TestCase
from django.test.utils import override_settings

from search.backends import reset_backend


class Build:
    def __init__(self, index: Path):
        self.search_backend = {"BACKEND": "search.backends.embedded.EmbeddedBackend", "PATH": index}

    @contextmanager
    def running_tasks(self):
        """What is made inside has its after-commit tasks run when the block ends."""
        with TestCase.captureOnCommitCallbacks(execute=True):
            yield

    def use_index(self, settings) -> None:
        """Point this test's search at the module's index (``settings``: pytest-django's)."""
        settings.SEARCH_BACKEND = self.search_backend
        reset_backend()


@contextmanager
def built_once(django_db_blocker, tmp_path_factory):
    index = tmp_path_factory.mktemp("shared-search")
    build = Build(index)
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(SEARCH_BACKEND=build.search_backend):
            reset_backend()
            try:
                yield build
            finally:
                reset_backend()
        transaction.set_rollback(True)

"""Shared fixtures: a site with two institutions, their editors and approvers, and members.

The suite runs in several processes (pytest-xdist, `make test`): each has its own database
(pytest-django), media, private and search folders (portal/settings/test.py makes them per
process) and cache; the fixtures below also give every test a fresh start of what a process keeps
between tests (the site's search index, the analyzer's learned words)."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from accounts.roles import Role
from accounts.services import membership_grant
from search import analysis
from search.backends import reset_backend
from tests import database_template
from tests.factories import (
    MATCHING_OUTCOMES,
    InstitutionFactory,
    OrganizationFactory,
    UserFactory,
    make_matching_outcome,
    section_for,
)


def pytest_configure(config: pytest.Config) -> None:
    database_template.start(config, Path(django_settings.BASE_DIR))


def pytest_unconfigure(config: pytest.Config) -> None:
    database_template.stop(config)


DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


def _uses_database(item: pytest.Item) -> bool:
    return bool(item.get_closest_marker("django_db")) or bool(
        DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """pytest-django orders the tests as Django does: database tests, then transactional ones
    (whose end empties the tables), then those that use no database. Those last go first here
    instead: the slowest of them (the relevance harness, a subprocess each) then run while every
    process is busy, and a parallel run ends on short tests, each process finishing about when
    the others do (`make test` hands out one test, or one xdist_group, at a time: loadgroup)."""
    items.sort(key=_uses_database)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached figures of one test's database are never another test's."""
    from django.core.cache import cache

    cache.clear()


# The site's embedded index of this process (portal/settings/test.py), as the settings name it
# when no test has pointed them elsewhere.
SITE_INDEX = Path(django_settings.SEARCH_BACKEND["PATH"])


def _vocabulary_words() -> frozenset[str]:
    """The words an analyzer built on a freshly migrated database knows: the vocabularies."""
    from taxonomy.vocabularies import VOCABULARIES

    names = [name for entries in VOCABULARIES.values() for _code, name, _en in entries]
    return frozenset(analysis.ChineseAnalyzer(words=names)._known)


_PRISTINE_WORDS: list[frozenset[str]] = []


@pytest.fixture(autouse=True)
def _process_state_per_test():
    """What one test leaves in its process never reaches the next one: documents it indexed in
    the site's index, words the analyzer learned from its outcomes (they change how text is
    cut into words)."""
    yield
    reset_backend()
    if SITE_INDEX.is_dir() and any(SITE_INDEX.iterdir()):
        shutil.rmtree(SITE_INDEX)
    learned = analysis._analyzer
    if learned is not None:
        # Building an analyzer takes a tenth of a second: keep one that knows only the
        # vocabularies, as a new one would, and forget any other.
        if not _PRISTINE_WORDS:
            _PRISTINE_WORDS.append(_vocabulary_words())
        if learned._known != _PRISTINE_WORDS[0]:
            analysis.reset_analyzer()


@pytest.fixture(autouse=True)
def _media_and_language(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "zh-hans"


@pytest.fixture(autouse=True)
def _logins_carry_a_request(monkeypatch):
    """django-axes checks every log-in against its request; the test client's ``login`` has
    none, so give it a blank one, as axes' documentation advises (the checks still run)."""
    from django.http import HttpRequest
    from django.test import Client

    login = Client.login

    def login_with_a_request(self, **credentials):
        credentials.setdefault("request", HttpRequest())
        return login(self, **credentials)

    monkeypatch.setattr(Client, "login", login_with_a_request)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Each process's test database, migrated (in a parallel run on SQLite, a copy of one
    database migrated for all processes: tests/database_template.py), then given the site every
    portal has (the home page, the outcome catalogue, the notices and policies columns: what
    `site_ensure` makes on a new installation), once: each test starts from it and its changes
    are rolled back. The tests of a transactional test get it back after the tables are emptied
    (``_restore_migrated_data``)."""
    from cms.services import site_ensure

    with django_db_blocker.unblock():
        database_template.copy_into_test_database()
        site_ensure()


@pytest.fixture
def site(db):
    from cms.services import site_ensure

    return site_ensure()


@pytest.fixture
def uni_a(site):
    return InstitutionFactory(name="甲大学", slug="uni-a")


@pytest.fixture
def uni_b(site):
    return InstitutionFactory(name="乙研究所", slug="uni-b", kind="institute")


@pytest.fixture
def section_a(uni_a):
    return section_for(uni_a)


@pytest.fixture
def section_b(uni_b):
    return section_for(uni_b)


def _member(organization, role, username):
    user = UserFactory(username=username)
    membership_grant(user=user, organization=organization, role=role)
    return user


@pytest.fixture
def editor_a(uni_a, section_a):
    return _member(uni_a, Role.UNIVERSITY_EDITOR, "editor_a")


@pytest.fixture
def approver_a(uni_a, section_a):
    return _member(uni_a, Role.UNIVERSITY_APPROVER, "approver_a")


@pytest.fixture
def editor_b(uni_b, section_b):
    return _member(uni_b, Role.UNIVERSITY_EDITOR, "editor_b")


@pytest.fixture
def approver_b(uni_b, section_b):
    return _member(uni_b, Role.UNIVERSITY_APPROVER, "approver_b")


@pytest.fixture
def enterprise_user(db):
    enterprise = OrganizationFactory(name="鹤壁天海电器有限公司")
    return _member(enterprise, Role.ENTERPRISE_MEMBER, "firm_user")


@pytest.fixture
def embedded_search(settings, tmp_path):
    """Point the site's configured backend at a fresh embedded index for one test."""
    settings.SEARCH_BACKEND = {
        "BACKEND": "search.backends.embedded.EmbeddedBackend",
        "PATH": tmp_path / "site-search",
    }
    reset_backend()
    from search.backends import get_backend

    yield get_backend()
    reset_backend()


@pytest.fixture
def broker(db):
    agency = OrganizationFactory(kind="agency", name="鹤壁市科技大市场服务中心", slug="agency")
    return _member(agency, Role.BROKER, "broker")


@pytest.fixture
def firm_a(db):
    return OrganizationFactory(name="鹤壁天海电器有限公司", slug="firm-a")


@pytest.fixture
def firm_b(db):
    return OrganizationFactory(name="鹤壁中维化纤有限公司", slug="firm-b")


@pytest.fixture
def member_a(firm_a):
    return _member(firm_a, Role.ENTERPRISE_MEMBER, "member_a")


@pytest.fixture
def member_b(firm_b):
    return _member(firm_b, Role.ENTERPRISE_MEMBER, "member_b")


@pytest.fixture
def two_firms_member(db):
    """A member of two verified enterprises; the one named first by name is not the one chosen."""
    first = OrganizationFactory(kind="enterprise", verified=True, name="鹤壁甲电器有限公司")
    chosen = OrganizationFactory(kind="enterprise", verified=True, name="鹤壁乙光电有限公司")
    user = _member(first, Role.ENTERPRISE_MEMBER, "two_firms")
    membership_grant(user=user, organization=chosen, role=Role.ENTERPRISE_MEMBER)
    return user, first, chosen


@pytest.fixture
def matching_outcomes(embedded_search, section_a, section_b, django_capture_on_commit_callbacks):
    """The matching tests' three outcomes (tests/factories.py MATCHING_OUTCOMES) published and
    indexed: the magnesium one in 甲大学's section, the others in 乙研究所's."""
    with django_capture_on_commit_callbacks(execute=True):
        return {
            name: make_matching_outcome(name, section_a if name == "mg" else section_b)
            for name in MATCHING_OUTCOMES
        }


@pytest.fixture(autouse=True)
def _restore_migrated_data(request):
    """A transactional test ends by emptying every table; tests that follow need back the rows
    the migrations load (the vocabularies, Wagtail's locale, root page and root collection) and
    the site the test database was given (``django_db_setup``)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if not transactional:
        return
    request.getfixturevalue("_django_db_helper" if marker else "transactional_db")
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    from cms.services import site_ensure
    from taxonomy.services import terms_sync

    terms_sync()
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.exists():
        Page.add_root(instance=Page(title="Root", slug="root"))
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    site_ensure()

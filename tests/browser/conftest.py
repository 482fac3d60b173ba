"""Browser tests drive Debian's Chromium through Playwright; no browser is ever downloaded."""

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def migrated_data(django_db_setup, django_db_blocker):
    """The rows the migrations load (vocabularies, Wagtail's root page and collection), as
    serialized when the test database was made."""
    from django.db import connection

    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def _restore_migrated_data(request, migrated_data):
    """A transactional test ends by emptying every table; the live-server tests that follow
    need the migrations' rows back. (pytest-django's serialized_rollback loses its copy once a
    live server has run after an ordinary database test.)"""
    if "transactional_db" not in request.fixturenames and "live_server" not in request.fixturenames:
        return
    from taxonomy.models import Term

    request.getfixturevalue("transactional_db")
    if Term.objects.exists():
        return
    from django.core import serializers
    from django.db import IntegrityError, transaction

    # Content types and permissions are back already (the flush re-ran post_migrate).
    for item in serializers.deserialize("json", migrated_data):
        try:
            with transaction.atomic():
                item.save()
        except IntegrityError:
            continue


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in the
    # fixtures of these tests are still plain synchronous calls.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()

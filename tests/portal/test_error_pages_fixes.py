"""Error pages in Chinese with a way back, also in the demo, where DEBUG is on (issue 14,
item 2)."""

import pytest
from django.test import Client


@pytest.fixture
def demo_settings(settings):
    """What portal.settings.dev adds for the demo, on top of the test settings."""
    settings.DEBUG = True
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "portal.error_pages.OwnErrorPagesMiddleware"]
    return settings


def test_a_missing_page_in_the_demo_is_the_portals_own(client, db, demo_settings, site):
    for path in ("/no-such-page/here/", "/needs/999999/", "/contracts/x/"):
        response = client.get(path)
        html = response.content.decode()
        assert response.status_code == 404, path
        assert "页面不存在" in html or "未找到" in html, path
        assert 'href="/"' in html
        assert "URLconf" not in html and "Page not found at" not in html


def test_an_error_in_the_demo_shows_the_portals_500(client, db, demo_settings, monkeypatch):
    from market.needs import selectors

    def broken(user):
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "needs_listed_for", broken)
    response = Client(raise_request_exception=False).get("/needs/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "服务暂时不可用" in html and 'href="/"' in html
    assert "Traceback" not in html


def test_a_failed_csrf_check_is_explained_in_chinese(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Forbidden" not in html
    assert "表单已过期" in html
    assert 'href="/"' in html

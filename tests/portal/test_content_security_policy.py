"""Issue 11, finding 2: every page carries a Content-Security-Policy; the site's runs no inline
script, and every inline <script> or <style> a page has carries the request's nonce; the
workbench (Wagtail's admin) gets a policy that lets its own inline scripts run."""

import re

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.services import membership_grant
from tests.factories import OrganizationFactory, UserFactory, make_need

INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
TAG = re.compile(r"<(script|style)\b([^>]*)>", re.IGNORECASE)


def policy(response, header="Content-Security-Policy") -> dict[str, list[str]]:
    directives = {}
    for part in response[header].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_strict_and_covered(response):
    assert response.status_code == 200
    directives = policy(response)
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["object-src"] == ["'none'"]
    html = response.content.decode()
    assert not INLINE_HANDLER.search(html), INLINE_HANDLER.search(html).group(0)
    for tag, attributes in TAG.findall(html):
        if "src=" in attributes or 'type="application/json"' in attributes:
            continue
        nonce = re.search(r'nonce="([^"]+)"', attributes)
        assert nonce, f"inline <{tag}> without a nonce"
        assert f"'nonce-{nonce.group(1)}'" in directives[f"{tag.lower()}-src"]


@pytest.fixture
def seller(db):
    user = UserFactory(username="seller")
    membership_grant(user=user, organization=OrganizationFactory(), role=Role.ENTERPRISE_MEMBER)
    return user


@pytest.mark.parametrize(
    "url",
    ["/needs/", "/search/?q=镁合金", "/dashboard/", "/accounts/login/", "/accounts/signup/"],
)
def test_public_pages_have_a_strict_policy(client, site, url):
    assert_strict_and_covered(client.get(url))


def test_a_page_with_an_inline_style_gives_it_the_nonce(client, seller):
    client.force_login(seller)
    response = client.get(reverse("contracts:create"))
    assert '<style nonce="' in response.content.decode()
    assert_strict_and_covered(response)


def test_a_need_page_with_a_confirmation_has_no_inline_handler(client, firm_a, member_a):
    need = make_need(firm_a, member_a, status="submitted")
    client.force_login(member_a)
    response = client.get(reverse("market:need_detail", args=[need.pk]))
    assert "data-confirm" in response.content.decode()
    assert_strict_and_covered(response)


def test_the_site_script_that_replaces_inline_handlers_is_served(client, site):
    html = client.get("/needs/").content.decode()
    assert re.search(r'<script src="/static/portal/site\.js" defer>', html)
    assert "data-autosubmit" in html


def test_the_workbench_gets_a_policy_for_its_own_inline_scripts(client, site):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    directives = policy(response)
    assert "'unsafe-inline'" in directives["script-src"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]

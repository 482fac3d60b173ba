"""Issue 11, finding 2, in a real browser: under the Content-Security-Policy the site's own
scripts still work (the language switcher) and Wagtail's workbench,
page editor included, runs without a single policy violation."""

import pytest

from tests.factories import PASSWORD, UserFactory, make_outcome

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def violations(page) -> list[str]:
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


def test_the_site_scripts_run_under_the_policy(page, live_server, site):
    found = violations(page)
    page.goto(f"{live_server.url}/needs/")
    # site.js submits the switcher's form: wait for the page it leads to, not the one already
    # loaded (waiting for "load" alone can return before the navigation starts)
    with page.expect_navigation():
        page.select_option("#lang-select", "en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert found == []


def test_the_workbench_and_page_editor_run_without_violations(page, live_server, section_a):
    outcome = make_outcome(section_a, title="镁合金精深加工技术", slug="mg")
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    found = violations(page)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", admin.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("main")
    page.goto(f"{live_server.url}/admin/pages/{outcome.pk}/edit/")
    page.wait_for_selector(".c-sf-add-button")  # the StreamField editor, built by its scripts
    page.goto(f"{live_server.url}/admin/pages/")
    page.wait_for_selector("main")
    assert found == []

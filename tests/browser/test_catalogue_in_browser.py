"""A visitor finds an outcome in the catalogue and a member sees its contact, in a real browser."""

import pytest

from tests.factories import PASSWORD, make_outcome

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def catalogue(section_a, section_b):
    make_outcome(section_a, title="镁合金精深加工技术", slug="mg")
    make_outcome(
        section_b,
        title="硅基光互连芯片",
        slug="chip",
        field="electronic-information",
        industries=("optoelectronics",),
        keywords=("光互连",),
    )


def test_visitor_filters_the_catalogue_and_logs_in_for_contact(
    page, live_server, catalogue, enterprise_user
):
    page.goto(f"{live_server.url}/outcomes/")
    assert page.locator(".result-count").inner_text() == "共找到 2 项成果"

    page.select_option("#id_field", "electronic-information")
    page.click("button:has-text('筛选')")
    assert page.locator(".result-count").inner_text() == "共找到 1 项成果"
    page.click("text=硅基光互连芯片")
    assert page.locator("h1").inner_text() == "硅基光互连芯片"
    assert "登录后可查看联系方式" in page.locator(".contact").inner_text()

    page.click(".contact a.button")
    page.fill("#id_username", enterprise_user.username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    assert page.locator("h1").inner_text() == "硅基光互连芯片"
    assert "0392-5550123" in page.locator(".contact").inner_text()

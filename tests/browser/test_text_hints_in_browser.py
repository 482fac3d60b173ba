"""Typing a need in a real browser: the closest outcomes' field and industry are offered and
applied with a click; a bare title is asked for more."""

import pytest

from tests.browser.test_need_flow_in_browser import log_in
from tests.factories import make_matching_outcome

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_the_need_form_offers_the_field_and_industry_its_text_points_to(
    page, live_server, member_a, section_a, section_b, embedded_search
):
    for name in ("mg", "al", "chip"):
        make_matching_outcome(name, section_a if name == "mg" else section_b)
    log_in(page, live_server.url, member_a)
    page.goto(f"{live_server.url}/needs/new/")

    page.fill("#id_title", "镁合金压铸")
    hints = page.locator("#text-hints")
    hints.locator(".more-please").wait_for(timeout=10_000)
    assert "只有标题很难匹配" in hints.inner_text()

    description = "压铸件气孔率高，希望引进真空压铸或熔体净化技术，把气孔率降到2%以下。"
    page.fill("#id_description", description)
    # with a description, the prompt goes away and the suggestions stay
    hints.locator(".more-please").wait_for(state="detached", timeout=10_000)
    hints.locator("button", has_text="技术领域：新材料").click()
    assert page.locator("#id_tech_field option:checked").inner_text() == "新材料"
    hints.locator("button", has_text="产业：镁精深加工").click()
    assert page.locator("#id_industry option:checked").inner_text() == "镁精深加工"

"""Typing an outcome in Wagtail's editor, in a real browser: the technical field, the industry
and keywords its closest outcomes point to are offered beside the summary and filled in with a
click; a bare title is asked for a summary."""

import pytest

from tests.factories import PASSWORD, UserFactory, make_matching_outcome

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_the_outcome_editor_offers_field_industry_and_keywords(
    page, live_server, section_a, section_b, embedded_search
):
    for name in ("mg", "al", "chip"):
        make_matching_outcome(name, section_a if name == "mg" else section_b)
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", admin.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("main")
    page.goto(f"{live_server.url}/admin/pages/add/cms/outcomepage/{section_a.pk}/")

    page.fill("#id_title", "镁合金压铸")
    hints = page.locator("#outcome-text-hints")
    hints.locator(".more-please").wait_for(timeout=10_000)

    page.fill("#id_summary", "压铸件气孔率高的问题，用真空压铸和熔体净化把气孔率降到2%以下。")
    hints.locator(".more-please").wait_for(state="detached", timeout=10_000)
    hints.locator("button", has_text="新材料").click()
    assert page.locator("#id_tech_field option:checked").inner_text().strip() == "新材料"
    hints.locator("button", has_text="镁精深加工").click()
    checked = page.locator("input[name=industries]:checked")
    assert checked.count() == 1
    assert page.locator(f"label[for='{checked.get_attribute('id')}']").inner_text().strip() == (
        "镁精深加工"
    )
    hints.locator("button", has_text="镁合金").click()
    # the tag appears in Wagtail's tag widget and in the value the form will save
    page.locator(".tagit-label", has_text="镁合金").wait_for(timeout=5_000)
    assert "镁合金" in page.locator("#id_keywords").input_value()

"""What new users hit first (issue 14), in Chromium: an edited draft keeps its deadline and
saves (item 1); at phone width the menu folds behind a button and content shows in the first
screen (item 7); the dashboard's largest contracts reflow instead of scrolling sideways (item 3).
"""

import datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from accounts.services import membership_grant
from market.needs.models import Need
from tests.browser.test_need_flow_in_browser import log_in
from tests.factories import OrganizationFactory, UserFactory, make_need
from tests.market.test_dashboard import contract

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 375, "height": 740}


def test_an_edited_draft_keeps_its_deadline_and_saves(page, live_server, member_a, firm_a):
    need = make_need(firm_a, member_a)
    deadline = need.deadline
    log_in(page, live_server.url, member_a)
    page.goto(f"{live_server.url}/needs/{need.pk}/edit/")
    assert page.input_value("#id_deadline") == deadline.isoformat()
    page.fill("#id_summary", "寻求降低镁合金压铸件气孔率的工艺方案（已补充）。")
    page.click("button[name=save]")
    page.wait_for_selector(".messages")
    assert "必需字段" not in page.content()
    need.refresh_from_db()
    assert need.summary.endswith("（已补充）。")
    assert need.deadline == deadline
    assert need.status == Need.Status.DRAFT


def test_at_phone_width_the_menu_folds_and_content_comes_first(browser, live_server, member_a):
    context = browser.new_context(locale="zh-CN", viewport=PHONE)
    page = context.new_page()
    log_in(page, live_server.url, member_a)
    page.goto(f"{live_server.url}/needs/")
    toggle = page.locator("[data-nav-toggle]")
    assert toggle.is_visible() and toggle.inner_text() == "菜单"
    assert not page.locator("#main-nav").is_visible()
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 120, header
    heading = page.locator("main h1").bounding_box()
    assert heading["y"] + heading["height"] < PHONE["height"] / 2
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#main-nav a[href='/matches/mine/']").is_visible()
    page.click("#main-nav a[href='/matches/mine/']")
    assert page.url.endswith("/matches/mine/")
    context.close()


def test_the_largest_contracts_reflow_at_phone_width(browser, live_server, db):
    registrar = UserFactory(username="registrar")
    membership_grant(
        user=registrar, organization=OrganizationFactory(kind="agency"), role=Role.REGISTRAR
    )
    year = timezone.localdate().year
    contract(
        "鹤壁市淇滨区镁合金精深加工关键技术联合开发合同",
        "12345678.90",
        "12000000.00",
        datetime.date(year, 1, 10),
    )
    context = browser.new_context(locale="zh-CN", viewport=PHONE)
    page = context.new_page()
    log_in(page, live_server.url, registrar)
    page.goto(f"{live_server.url}/dashboard/?year={year}")
    cell = page.locator("#table-largest tbody td").first
    box = cell.bounding_box()
    assert box["width"] > 200, box  # a row reads as a card, not a column one character wide
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert "合同" in cell.inner_text()
    context.close()

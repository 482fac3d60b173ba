"""The issue's walk-through in a real browser: an enterprise posts a need, a broker publishes
it, a visitor finds it by search; a brokers-only need stays out of the visitor's sight."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import PASSWORD, make_need

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def log_in(page, base, user):
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")


def test_need_from_draft_to_search(page, live_server, member_a, broker, firm_a, embedded_search):
    base = live_server.url
    make_need(
        firm_a,
        member_a,
        status="published",
        broker=broker,
        confidentiality="brokers",
        title="新型高压连接器温升控制",
        summary="高压连接器温升控制。",
    )

    log_in(page, base, member_a)
    page.goto(f"{base}/needs/new/")
    page.fill("#id_title", "淇河鲫鱼冷链保鲜")
    page.fill("#id_summary", "寻求活鱼暂养与冷链保鲜技术。")
    page.fill("#id_description", "目前运输损耗约12%，希望降到5%以内。")
    page.select_option("#id_tech_field", label="生物与新医药")
    page.select_option("#id_district", label="淇县")
    page.fill("#id_deadline", (timezone.localdate() + datetime.timedelta(days=60)).isoformat())
    page.fill("#id_contact_name", "王经理")
    page.fill("#id_contact_phone", "13855506789")
    page.check("input[name=cooperation_modes] >> nth=2")
    page.click("button[name=save]")
    assert page.locator("h1").inner_text() == "淇河鲫鱼冷链保鲜"
    assert "草稿" in page.locator(".status").inner_text()
    page.click("button:has-text('提交审核')")
    assert "待审核" in page.locator(".status").inner_text()

    page.context.clear_cookies()
    log_in(page, base, broker)
    page.goto(f"{base}/needs/review/")
    page.click("text=淇河鲫鱼冷链保鲜")
    page.click("button:has-text('发布')")
    assert "已发布" in page.locator(".status").inner_text()

    page.context.clear_cookies()
    page.goto(f"{base}/search/?q=冷链保鲜")
    assert page.locator(".hit h3").first.inner_text() == "淇河鲫鱼冷链保鲜"
    assert page.locator(".hit h3 mark").count() >= 1
    page.goto(f"{base}/search/?q=连接器温升")
    assert page.locator(".hit").count() == 0
    page.goto(f"{base}/needs/")
    assert "新型高压连接器温升控制" not in page.content()

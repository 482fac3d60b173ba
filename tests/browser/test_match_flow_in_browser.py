"""The matching walk-through in a real browser: a need's page suggests the fitting outcome with
its reasons; a broker takes the stored strong suggestion from the queue to a signed match,
step by step; the enterprise sees its match, another enterprise does not."""

import pytest
from django.core.management import call_command

from matching import refresh
from tests.browser.test_need_flow_in_browser import log_in
from tests.factories import MAGNESIUM_NEED, make_matching_outcome, make_need
from tests.matching.test_matches import registered_contract

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_from_suggestion_to_signed(
    page, live_server, section_a, firm_a, member_a, member_b, broker, embedded_search
):
    base = live_server.url
    outcome = make_matching_outcome("mg", section_a)
    make_matching_outcome("chip", section_a)
    need = make_need(firm_a, member_a, status="published", broker=broker, **MAGNESIUM_NEED)
    # Index what the factories wrote, then what publication would have computed.
    call_command("rebuild_search_index", verbosity=0)
    assert refresh.refresh_need(need) == 1
    contract = registered_contract(seller=section_a.organization, buyer=firm_a)

    # The enterprise sees the fitting outcome suggested on its need's page, with reasons.
    log_in(page, base, member_a)
    page.goto(f"{base}/needs/{need.pk}/")
    suggestion = page.locator(".suggestions .suggestion").first
    assert suggestion.locator("h3 a").inner_text() == outcome.title
    reasons = suggestion.locator(".reasons").inner_text()
    assert "共同关键词" in reasons and "镁合金" in reasons
    assert "硅基光互连芯片" not in page.locator(".suggestions").inner_text()

    # A broker starts a match from the stored strong suggestion and moves it on to signed.
    page.context.clear_cookies()
    log_in(page, base, broker)
    page.goto(f"{base}/matches/")
    strong = page.locator("#strong-suggestions .suggestion").first
    assert need.title in strong.inner_text() and outcome.title in strong.inner_text()
    strong.locator("button:has-text('发起对接')").click()
    assert page.locator(".match-detail h1").inner_text() == f"{need.title} ↔ {outcome.title}"
    for label in ("已引荐", "洽谈会面", "商务谈判"):
        page.select_option("#id_status", label=label)
        page.fill("#id_next_step", f"下一步：{label}之后跟进")
        page.click(".advance-form button")
        assert page.locator(".match-detail .status").inner_text() == label
    page.select_option("#id_status", label="已签约")
    page.click(".advance-form button")
    assert "已签约" not in page.locator(".match-detail .status").inner_text()  # no contract yet
    page.select_option("#id_status", label="已签约")
    page.fill("#id_contract_number", contract.registration_number)
    page.click(".advance-form button")
    assert page.locator(".match-detail .status").inner_text() == "已签约"
    timeline = page.locator(".timeline").inner_text()
    assert timeline.count(broker.username) >= 5  # every step, who took it
    assert page.locator("#strong-suggestions").count() == 0  # the detail page, not the queue
    page.goto(f"{base}/matches/")
    assert page.locator("#strong-suggestions .suggestion").count() == 0  # taken up

    # The enterprise sees its signed match; another enterprise sees nothing of it.
    page.context.clear_cookies()
    log_in(page, base, member_a)
    page.goto(f"{base}/matches/mine/")
    assert "已签约" in page.locator(f"[data-match]:has-text('{outcome.title}')").inner_text()
    page.context.clear_cookies()
    log_in(page, base, member_b)
    page.goto(f"{base}/matches/mine/")
    assert outcome.title not in page.content()

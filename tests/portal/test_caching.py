"""Cached figures follow the market at once: the home page's progress and events and the
public dashboard are kept between visitors and computed afresh after any write that changes
them (portal.caching)."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from market.contracts.models import YearTarget
from matching.events.models import Event
from portal.caching import generation
from tests.cms.test_front import text
from tests.market.test_dashboard import contract
from tests.matching.events.conftest import make_event


def page_text(client, url="/") -> str:
    return text(client.get(url).content)


def test_home_progress_and_events_are_kept_and_follow_each_change(client, site, broker):
    year = timezone.localdate().year
    YearTarget.objects.update_or_create(year=year, defaults={"amount_target": Decimal("50000000")})
    contract(amount="12500000.00", verified="12500000.00", registered_on=timezone.localdate())
    assert "1,250 / 5,000 万元" in page_text(client)

    with CaptureQueriesContext(connection) as kept:
        assert "1,250 / 5,000 万元" in page_text(client)
    assert not any("market_contract" in q["sql"] for q in kept.captured_queries)

    before = generation()
    contract(
        "又一份合同",
        amount="2500000.00",
        verified="2500000.00",
        registered_on=timezone.localdate(),
    )
    assert generation() > before
    assert "1,500 / 5,000 万元" in page_text(client)

    assert "秋季专场对接会" not in page_text(client)
    make_event(broker, title="秋季专场对接会")
    assert "秋季专场对接会" in page_text(client)
    Event.objects.get(title="秋季专场对接会").delete()
    assert "秋季专场对接会" not in page_text(client)


def test_publishing_an_outcome_moves_the_generation_on(section_a):
    from tests.factories import make_outcome

    before = generation()
    make_outcome(section_a, title="镁合金熔体净化技术", slug="mg-cache")
    assert generation() > before


def test_tomorrow_s_events_are_another_key(client, site, broker, monkeypatch):
    make_event(broker, title="镁合金专场对接会")
    assert "镁合金专场对接会" in page_text(client)
    later = timezone.now() + datetime.timedelta(days=30)  # after the event: no longer upcoming
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "镁合金专场对接会" not in page_text(client)


def test_the_home_page_is_kept_whole_until_the_market_changes(client, section_a, firm_a, member_a):
    from market.needs.models import Need
    from tests.factories import make_need, make_outcome

    make_outcome(section_a, title="镁合金熔体净化技术", slug="mg-home")
    page_text(client)  # the first visit of the year makes the year's target row
    first = page_text(client)
    assert "镁合金熔体净化技术" in first
    with CaptureQueriesContext(connection) as kept:
        assert page_text(client) == first
    read = " ".join(q["sql"] for q in kept.captured_queries)
    assert "market_need" not in read and "taxonomy_term" not in read  # the cards were not read

    # the enterprise's own member sees its brokers-only need: never a visitor's copy
    need = make_need(firm_a, member_a, confidentiality="brokers")
    Need.objects.filter(pk=need.pk).update(status="published")
    make_outcome(section_a, title="铝合金压铸模具", slug="al-home")  # moves the generation on
    assert "铝合金压铸模具" in page_text(client)
    assert need.title not in page_text(client)
    client.force_login(member_a)
    assert need.title in page_text(client)

"""Accessibility: axe-core (the npm package, injected from node_modules, nothing downloaded)
finds no serious or critical violation on the home, outcome, need, search, dashboard and event
pages, at desktop and phone widths. A failure lists each violation with the elements at fault."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from accounts.roles import OrganizationKind, Role
from tests.browser.test_journeys_in_browser import WIDTHS, market  # noqa: F401 (a fixture)
from tests.browser.test_need_flow_in_browser import log_in
from tests.factories import OrganizationFactory
from tests.market.test_contracts import member
from tests.market.test_dashboard import contract
from tests.matching.events.conftest import make_event

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        message = "axe-core is not installed: run `npm ci` (make install does when npm is there)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


def violations(page, axe_source: str) -> list[dict]:
    """axe's serious and critical violations on the page as it stands."""
    # evaluated through the DevTools protocol, so the site's script policy does not block it
    page.evaluate(axe_source)
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary)}))"""
    )
    return [v for v in found if v["impact"] in BLOCKING]


def report(found: dict[str, list[dict]]) -> str:
    lines = []
    for where, items in found.items():
        for v in items:
            lines.append(f"{where}: [{v['impact']}] {v['id']}: {v['help']}")
            lines.extend(f"    {node}" for node in v["nodes"][:5])
    return "\n".join(lines)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_main_pages_have_no_serious_or_critical_violation(
    page,
    live_server,
    market,  # noqa: F811 (the fixture imported above)
    broker,
    axe_source,
    width,
):
    base = live_server.url
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    event = make_event(broker, title="镁合金与汽车零部件专场对接会")
    contract(amount="380000.00", verified="380000.00")
    office = OrganizationFactory(kind=OrganizationKind.GOVERNMENT, slug="office")
    registrar = member(office, Role.REGISTRAR, "registrar")
    outcome = market["outcomes"]["mg"]
    pages = {
        "home": "/",
        "outcomes": "/outcomes/",
        "outcome": outcome.url,
        "institution": outcome.get_parent().url,
        "needs": "/needs/",
        "need": f"/needs/{market['need'].pk}/",
        "search": "/search/?q=镁合金",
        "dashboard": "/dashboard/",
        "events": "/events/",
        "event": f"/events/{event.pk}/",
        "notices": "/notices/",
    }
    found = {}
    for name, path in pages.items():
        page.goto(base + path)
        found[name] = violations(page, axe_source)

    # The registrar's dashboard has the breakdowns, charts and tables.
    log_in(page, base, registrar)
    page.goto(f"{base}/dashboard/")
    found["dashboard (registrar)"] = violations(page, axe_source)

    found = {name: items for name, items in found.items() if items}
    assert not found, "axe found serious or critical violations:\n" + report(found)

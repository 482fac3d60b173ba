"""Each role's main job in a real browser, at desktop (1280 px) and phone (375 px) widths, each
step saving a screenshot under var/screenshots (the README shows a few of them, copied to
docs/screenshots/): a visitor browses and searches; an enterprise posts a need; an institution's
editor edits an outcome in the workbench; a broker works the match queue; a registrar registers a
contract; a participant reads an event's agenda."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Max
from django.utils import timezone

from accounts.roles import OrganizationKind, Role
from market.contracts.models import Contract, RegistrationCounter
from market.contracts.services import contract_create, contract_submit
from matching import refresh
from matching.events import services as event_services
from portal.demo.front import seed_front
from portal.demo.images import field_image
from portal.demo.seed import SeedReport
from tests.browser.test_need_flow_in_browser import log_in
from tests.factories import (
    MAGNESIUM_NEED,
    OrganizationFactory,
    make_matching_outcome,
    make_need,
    make_outcome,
)
from tests.market.test_contracts import member, service_data
from tests.market.test_dashboard import contract as registered_contract
from tests.matching.events.conftest import make_event, participant

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
WIDTHS = {"desktop": 1280, "phone": 375}


@pytest.fixture(params=list(WIDTHS))
def width(request, page):
    page.set_viewport_size({"width": WIDTHS[request.param], "height": 900})
    return request.param


def shot(page, name: str, width: str) -> Path:
    """A full-page screenshot, var/screenshots/<name>-<width>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def fits_the_screen(page) -> bool:
    """No sideways scrolling: the page is no wider than the window."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.fixture
def market(site, section_a, section_b, firm_a, member_a, broker, embedded_search):
    """A small market as a visitor meets it: notices and policies, the service guide, the
    footer's contact details, logos; outcomes with pictures, a published need."""
    outcomes = {
        "mg": make_matching_outcome("mg", section_a, image=field_image("new-materials")),
        "chip": make_matching_outcome(
            "chip", section_b, image=field_image("electronic-information")
        ),
        "irrigation": make_outcome(
            section_b,
            title="智能灌溉水肥一体化系统",
            slug="irrigation",
            summary="以土壤墒情传感器和气象数据为依据，按作物生育期自动计算灌水量和施肥量。",
            field="advanced-manufacturing",
            industries=("green-food",),
            keywords=("智能灌溉", "水肥一体化"),
            price_wan=None,
            image=field_image("advanced-manufacturing"),
        ),
    }
    seed_front(report=SeedReport())
    # the year so far and what comes next, for the home page's panels
    for name, amount in (
        ("镁合金板材温轧工艺开发合同", "6800000.00"),
        ("果蔬冷链技术服务合同", "950000.00"),
    ):
        registered_contract(
            name=name, amount=amount, verified=amount, registered_on=timezone.localdate()
        )
    make_event(broker, title="光电子产业专场对接会")
    need = make_need(firm_a, member_a, status="published", broker=broker, **MAGNESIUM_NEED)
    call_command("rebuild_search_index", verbosity=0)
    return {"outcomes": outcomes, "need": need}


def test_visitor_browses_and_searches(page, live_server, market, width):
    base = live_server.url
    page.goto(f"{base}/")
    assert "通知公告" in page.locator("main").inner_text()
    assert "服务指南" in page.locator("main").inner_text()
    assert fits_the_screen(page)
    shot(page, "home", width)

    page.click("text=关于征集2026年第四季度企业技术需求的通知")
    assert page.locator("h1").inner_text() == "关于征集2026年第四季度企业技术需求的通知"
    shot(page, "notice", width)

    page.goto(f"{base}/outcomes/")
    assert page.locator(".result-count").inner_text() == "共找到 3 项成果"
    page.click("text=镁合金压铸件气孔控制技术")
    assert page.locator("h1").inner_text() == "镁合金压铸件气孔控制技术"
    assert fits_the_screen(page)
    shot(page, "outcome", width)

    page.goto(f"{base}/")
    page.fill("#banner-q", "镁合金")
    page.click(".banner-search button")
    hits = page.locator(".hit")
    assert hits.count() == 2  # the outcome and the need
    assert "甲大学" in page.locator(".results").inner_text()
    assert fits_the_screen(page)
    shot(page, "search", width)


def test_enterprise_posts_a_need(page, live_server, market, member_a, width):
    base = live_server.url
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
    shot(page, "need-form", width)
    page.click("button[name=save]")
    assert page.locator("h1").inner_text() == "淇河鲫鱼冷链保鲜"
    page.click("button:has-text('提交审核')")
    assert "待审核" in page.locator(".status").inner_text()
    shot(page, "need-submitted", width)

    # Its published need shows the outcomes that fit it, with reasons.
    assert refresh.refresh_need(market["need"]) >= 1
    page.goto(f"{base}/needs/{market['need'].pk}/")
    suggestion = page.locator(".suggestions .suggestion").first
    assert suggestion.locator("h3 a").inner_text() == "镁合金压铸件气孔控制技术"
    assert fits_the_screen(page)
    shot(page, "need-suggestions", width)


def test_institution_editor_edits_an_outcome_in_the_workbench(
    page, live_server, market, editor_a, width
):
    base = live_server.url
    outcome = market["outcomes"]["mg"]
    log_in(page, base, editor_a)
    page.goto(f"{base}/admin/pages/{outcome.pk}/edit/")
    page.fill("#id_title", "镁合金压铸件气孔控制与真空压铸技术")
    shot(page, "workbench-edit", width)
    with page.expect_navigation():
        page.click("button:has-text('保存草稿')")
    outcome.refresh_from_db()
    assert outcome.get_latest_revision().as_object().title == "镁合金压铸件气孔控制与真空压铸技术"
    assert outcome.title == "镁合金压铸件气孔控制技术"  # the live page waits for approval
    shot(page, "workbench-saved", width)


def test_broker_works_the_match_queue(page, live_server, market, broker, width):
    base = live_server.url
    need, outcome = market["need"], market["outcomes"]["mg"]
    assert refresh.refresh_need(need) >= 1
    log_in(page, base, broker)
    page.goto(f"{base}/matches/")
    strong = page.locator("#strong-suggestions .suggestion").first
    assert need.title in strong.inner_text() and outcome.title in strong.inner_text()
    assert fits_the_screen(page)
    shot(page, "match-queue", width)
    strong.locator("button:has-text('发起对接')").click()
    assert page.locator(".match-detail h1").inner_text() == f"{need.title} ↔ {outcome.title}"
    page.select_option("#id_status", label="已引荐")
    page.fill("#id_next_step", "下周安排双方到实验室面谈")
    page.click(".advance-form button")
    assert page.locator(".match-detail .status").inner_text() == "已引荐"
    shot(page, "match-detail", width)


def test_registrar_registers_a_contract(page, live_server, market, section_a, width):
    base = live_server.url
    seller = member(section_a.organization, Role.UNIVERSITY_EDITOR, "seller")
    contract = contract_create(
        user=seller, seller=section_a.organization, data=service_data("500000.00", "400000.00")
    )
    contract_submit(contract=contract, user=seller)
    # Earlier this year's registrations, so the dashboard has months, districts and types.
    today = timezone.localdate()
    earlier = [
        ("镁合金板材温轧工艺开发", "3200000.00", "410611", "development", "commissioned"),
        ("光互连芯片封装测试技术转让", "8600000.00", "410602", "transfer", "patent_right"),
        ("智能灌溉系统技术服务", "450000.00", "410622", "service", "service"),
        ("煤基针状焦工艺技术许可", "5200000.00", "410621", "licence", "patent_licence"),
        ("锂电池热失控预警技术开发", "2750000.00", "410603", "development", "cooperative"),
    ]
    for n, (name, amount, region, kind, subtype) in enumerate(earlier):
        month = 1 + n * max(1, (today.month - 1) // len(earlier))
        registered_contract(
            name=name,
            amount=amount,
            verified=amount,
            registered_on=today.replace(month=min(month, today.month), day=1),
            region=region,
            contract_type=kind,
            subtype=subtype,
        )
    # they were written directly; the office's counter goes on from their last number
    last = Contract.objects.aggregate(Max("registration_serial"))["registration_serial__max"]
    RegistrationCounter.objects.update_or_create(
        point="410600", year=today.year, defaults={"last_serial": last}
    )
    office = OrganizationFactory(
        kind=OrganizationKind.GOVERNMENT, name="鹤壁市技术合同登记处", slug="office"
    )
    registrar = member(office, Role.REGISTRAR, "registrar")

    log_in(page, base, registrar)
    page.goto(f"{base}/contracts/review/")
    assert contract.name in page.locator("main").inner_text()
    page.goto(f"{base}/contracts/{contract.pk}/review/")
    page.fill("input[name=transaction_amount]", "380000")
    shot(page, "contract-review", width)
    with page.expect_navigation():
        page.click("button:has-text('予以登记')")
    contract.refresh_from_db()
    assert contract.registration_number
    shot(page, "contract-registered", width)

    page.goto(f"{base}/dashboard/")
    registered = Contract.objects.filter(registration_number__isnull=False).count()
    assert page.locator("#registered-count").inner_text() == str(registered)
    assert registered == len(earlier) + 3  # and the two the market fixture registered
    assert fits_the_screen(page)
    shot(page, "dashboard", width)


def test_participant_reads_an_event_agenda(
    page, live_server, market, section_a, uni_a, firm_a, member_a, broker, width
):
    base = live_server.url
    event = make_event(broker, title="镁合金与汽车零部件专场对接会")
    teacher = participant(uni_a, "teacher", Role.UNIVERSITY_EDITOR)
    firm = event_services.registration_create(
        event=event, user=member_a, organization=firm_a, need=market["need"]
    )
    uni = event_services.registration_create(
        event=event, user=teacher, organization=uni_a, outcome=market["outcomes"]["mg"]
    )
    request = event_services.meeting_request_create(
        sender=uni, recipient=firm, user=teacher, message="可以介绍中试线的情况"
    )
    event_services.meeting_request_answer(request=request, user=member_a, accept=True)
    event_services.event_schedule_meetings(event=event, user=broker)
    event_services.event_schedule_publish(event=event, user=broker)

    log_in(page, base, member_a)
    page.goto(f"{base}/events/{event.pk}/agenda/")
    agenda = page.locator("#agenda").inner_text()
    assert "teacher" in agenda and "14:00–14:20" in agenda
    assert fits_the_screen(page)
    shot(page, "event-agenda", width)

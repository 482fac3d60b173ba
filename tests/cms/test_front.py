"""The public front: the home page's notices, policies, service guide, progress and events;
article columns with pages; the footer from the site setting; institution profiles; cards with
the facts people scan for, on the catalogue, the home page and the search page."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import Site

from cms.models import ArticleIndexPage, HomePage, MarketSettings
from cms.services import article_columns_ensure, article_publish
from market.contracts.models import Contract, YearTarget
from portal.demo.images import field_image, logo_for
from tests.factories import make_need, make_outcome
from tests.matching.events.conftest import make_event


def text(html: bytes) -> str:
    """The page's words without tags, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.decode()))


@pytest.fixture
def columns(site):
    return article_columns_ensure(home=site)


def publish(column, title, days_ago=0, **extra):
    data = {
        "title": title,
        "date": timezone.localdate() - datetime.timedelta(days=days_ago),
        "body": "<p>正文。</p>",
        **extra,
    }
    return article_publish(column=column, data=data)


def test_home_lists_the_newest_notices_and_policies_with_their_dates(client, columns):
    notices = columns[ArticleIndexPage.Column.NOTICES]
    policies = columns[ArticleIndexPage.Column.POLICIES]
    for n in range(7):
        publish(notices, f"第{n}号通知", days_ago=n)
    publish(policies, "关于促进技术转移转化的若干措施", days_ago=3)

    page = text(client.get("/").content)

    assert "通知公告" in page and "政策法规" in page
    assert "第0号通知" in page and "第4号通知" in page
    assert "第5号通知" not in page  # five per column on the home page
    day = (timezone.localdate() - datetime.timedelta(days=3)).isoformat()
    assert f"关于促进技术转移转化的若干措施 {day}" in page


def test_a_column_pages_its_articles_newest_first_and_hides_drafts(client, columns):
    notices = columns[ArticleIndexPage.Column.NOTICES]
    for n in range(12):
        publish(notices, f"第{n:02d}号通知", days_ago=n)
    draft = publish(notices, "尚未发布的通知")
    draft.unpublish()

    first = text(client.get("/notices/").content)
    second = text(client.get("/notices/", {"page": 2}).content)

    assert first.index("第00号通知") < first.index("第09号通知")
    assert "第10号通知" not in first and "第10号通知" in second
    assert "第 1 页，共 2 页" in first
    assert "尚未发布的通知" not in first + second


def test_an_article_shows_its_date_issuer_and_number_and_leads_back(client, columns):
    article = publish(
        columns[ArticleIndexPage.Column.POLICIES],
        "鹤壁市科技创新券管理办法",
        days_ago=2,
        issuer="鹤壁市科学技术局",
        document_number="鹤科〔2026〕12号",
    )
    page = text(client.get(article.url).content)
    assert "鹤壁市科技创新券管理办法" in page
    assert "发布单位: 鹤壁市科学技术局" in page.replace("：", ": ")
    assert "鹤科〔2026〕12号" in page
    assert "返回政策法规" in page


def test_article_columns_are_made_once(site):
    article_columns_ensure(home=site)
    article_columns_ensure(home=site)
    assert ArticleIndexPage.objects.count() == 2


def test_footer_shows_the_market_contact_details_from_the_setting(client, site):
    contact = MarketSettings.for_site(Site.objects.get(is_default_site=True))
    contact.address = "鹤壁市淇滨区九州路科技大厦"
    contact.phone = "0392-3312345"
    contact.email = "service@techmarket.example"
    contact.hours = "工作日 8:30–17:30"
    contact.icp_number = "豫ICP备20260123号-1"
    contact.save()

    footer = client.get("/outcomes/").content.decode().split('<footer class="site-footer">')[1]

    for value in ("鹤壁市淇滨区九州路科技大厦", "0392-3312345", "工作日 8:30–17:30"):
        assert value in footer
    assert 'href="mailto:service@techmarket.example"' in footer
    assert 'href="tel:03923312345"' in footer
    assert "豫ICP备20260123号-1" in footer


def test_footer_without_contact_details_shows_no_empty_labels(client, site):
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert "地址" not in footer and "ICP" not in footer
    assert "联系我们" in footer


def test_service_guide_says_what_to_prepare_and_links_to_the_service(client, site):
    home = HomePage.objects.get()
    home.services = [
        (
            "service",
            {
                "title": "需求发布",
                "description": "企业在线发布技术需求。",
                "prepare": ["预算区间和截止日期"],
                "link_url": "/needs/new/",
                "link_text": "发布技术需求",
            },
        )
    ]
    home.save_revision().publish()

    html = client.get("/").content.decode()

    assert "服务指南" in html and "所需材料" in html and "预算区间和截止日期" in html
    assert '<a class="button small" href="/needs/new/">发布技术需求</a>' in html


def test_home_shows_the_years_progress_and_the_next_events(client, site, broker):
    year = timezone.localdate().year
    YearTarget.objects.update_or_create(year=year, defaults={"amount_target": Decimal("50000000")})
    from tests.market.test_dashboard import contract

    contract(amount="12500000.00", verified="12500000.00", registered_on=timezone.localdate())
    make_event(broker, title="镁合金专场对接会")
    make_event(broker, title="草稿活动")
    from matching.events.models import Event

    Event.objects.filter(title="草稿活动").update(status=Event.Status.DRAFT)

    page = text(client.get("/").content)

    assert f"{year} 年技术合同登记" in page
    assert "1,250 / 5,000 万元" in page
    assert "已完成目标的 25.0%，登记合同 1 项" in page
    assert "镁合金专场对接会" in page
    assert "草稿活动" not in page
    assert Contract.objects.count() == 1


def test_home_shows_published_needs_to_visitors_with_budget_and_deadline(
    client, site, firm_a, member_a, broker
):
    make_need(firm_a, member_a, title="镁合金压铸件气孔缺陷控制", status="published", broker=broker)
    make_need(firm_a, member_a, title="仍是草稿的需求")

    html = client.get("/").content.decode()
    card = html.split("镁合金压铸件气孔缺陷控制")[1].split("</article>")[0]

    assert "仍是草稿的需求" not in html
    assert firm_a.name in card
    assert "预算" in card and "截止日期" in card


def test_outcome_card_shows_institution_field_maturity_price_date_and_image(client, section_a):
    outcome = make_outcome(
        section_a, title="镁合金精深加工技术", slug="mg", image=field_image("new-materials")
    )

    html = client.get("/outcomes/").content.decode()
    card = html.split('<article class="card outcome-card')[1].split("</article>")[0]

    assert section_a.organization.name in card
    assert "新材料" in card and "中试" in card
    assert "120 万元" in card
    # the card dates in the site's time zone (Asia/Shanghai): after 16:00 UTC that is tomorrow
    assert timezone.localtime(outcome.first_published_at).date().isoformat() in card
    assert 'class="card-image"' in card


def test_institution_page_shows_logo_and_profile(client, section_a):
    section_a.logo = logo_for(section_a.organization.slug, 0)
    section_a.profile = "<p>学校在镁合金方向成果丰富。</p>"
    section_a.save_revision().publish()

    html = client.get(section_a.url).content.decode()

    assert 'class="institution-logo"' in html
    assert "机构简介" in html and "学校在镁合金方向成果丰富。" in html


def test_search_cards_show_institution_and_price_or_budget(
    client, embedded_search, section_a, firm_a, member_a, broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_outcome(section_a, title="镁合金精深加工技术", slug="mg", price_wan=Decimal("180"))
        make_need(
            firm_a,
            member_a,
            title="镁合金压铸件气孔缺陷控制",
            status="published",
            broker=broker,
            budget_min_wan=Decimal("50"),
            budget_max_wan=Decimal("120"),
        )

    html = client.get("/search/", {"q": "镁合金"}).content.decode()
    cards = {card.split("</h3>")[0]: card for card in html.split('<article class="card hit">')[1:]}
    outcome = next(c for t, c in cards.items() if "精深加工" in t)
    need = next(c for t, c in cards.items() if "气孔" in t)

    assert section_a.organization.name in outcome and "180 万元" in outcome and "新材料" in outcome
    assert firm_a.name in need and "最高 120 万元" in need


def test_administrators_edit_articles_and_contact_details_in_the_workbench(client, columns):
    from tests.factories import UserFactory

    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    notices = columns[ArticleIndexPage.Column.NOTICES]
    site = Site.objects.get(is_default_site=True)

    add = client.get(f"/admin/pages/add/cms/articlepage/{notices.pk}/")
    response = client.post(
        f"/admin/pages/add/cms/articlepage/{notices.pk}/",
        {
            "title": "关于开展科技创新券申领工作的通知",
            "slug": "voucher-notice",
            "date": timezone.localdate().isoformat(),
            "issuer": "鹤壁市科学技术局",
            "document_number": "",
            "summary": "",
            "body": '{"blocks":[{"key":"a","text":"正文。","type":"unstyled","depth":0,'
            '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
            "action-publish": "publish",
        },
    )
    settings_page = client.get(f"/admin/settings/cms/marketsettings/{site.pk}/")

    assert add.status_code == 200
    assert response.status_code == 302
    assert "关于开展科技创新券申领工作的通知" in text(client.get("/notices/").content)
    assert settings_page.status_code == 200
    assert "ICP备案号" in settings_page.content.decode()


def test_a_field_picture_is_drawn_once_and_shared_by_its_outcomes(db, monkeypatch):
    """The demo's outcomes share one picture per field: drawn for the first, found after."""
    from portal.demo import images

    drawn = []
    draw = images.field_illustration
    monkeypatch.setattr(images, "field_illustration", lambda f: drawn.append(f) or draw(f))
    first, again = field_image("new-materials"), field_image("new-materials")
    assert first.pk == again.pk
    assert drawn == ["new-materials"]

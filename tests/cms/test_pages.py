"""The public pages: home, the catalogue with its filters, outcome detail, in Chinese."""

from decimal import Decimal

import pytest

from tests.factories import make_outcome


@pytest.fixture
def catalogue(section_a, section_b):
    return {
        "mg": make_outcome(section_a, title="镁合金精深加工技术", slug="mg"),
        "chip": make_outcome(
            section_b,
            title="硅基光互连芯片",
            slug="chip",
            field="electronic-information",
            maturity="industrial",
            industries=("optoelectronics",),
            modes=("licence", "joint-development"),
            price_wan=None,
            keywords=("光互连", "芯片"),
        ),
        "irrigation": make_outcome(
            section_a,
            title="智能灌溉水肥一体化系统",
            slug="irrigation",
            field="advanced-manufacturing",
            maturity="lab",
            industries=("green-food",),
            modes=("service",),
            price_wan=Decimal("35.5"),
        ),
        "draft": make_outcome(section_a, title="未发布的草稿成果", slug="draft", publish=False),
    }


def test_home_page_shows_latest_outcomes_in_chinese(client, catalogue):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in html
    assert "最新科技成果" in html
    assert "硅基光互连芯片" in html
    assert "未发布的草稿成果" not in html


def test_catalogue_lists_published_outcomes_with_count(client, catalogue):
    html = client.get("/outcomes/").content.decode()
    assert "共找到 3 项成果" in html
    for title in ("镁合金精深加工技术", "硅基光互连芯片", "智能灌溉水肥一体化系统"):
        assert title in html
    assert "未发布的草稿成果" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"field": "electronic-information"}, {"硅基光互连芯片"}),
        ({"industry": "green-food"}, {"智能灌溉水肥一体化系统"}),
        ({"maturity": "pilot"}, {"镁合金精深加工技术"}),
        ({"mode": "licence"}, {"硅基光互连芯片"}),
        ({"institution": "uni-a"}, {"镁合金精深加工技术", "智能灌溉水肥一体化系统"}),
        ({"institution": "uni-b", "field": "new-materials"}, set()),
    ],
)
def test_catalogue_filters(client, catalogue, query, expected):
    response = client.get("/outcomes/", query)
    outcomes = response.context["outcomes"]
    assert {o.title for o in outcomes} == expected
    assert response.context["result_count"] == len(expected)


def test_empty_filter_result_shows_a_helpful_empty_state(client, catalogue):
    html = client.get("/outcomes/", {"institution": "uni-b", "field": "new-materials"}).content
    assert "暂无符合条件的成果" in html.decode()


def test_unknown_filter_value_is_explained_not_an_error(client, catalogue):
    response = client.get("/outcomes/", {"field": "no-such-field"})
    assert response.status_code == 200
    assert response.context["result_count"] == 0
    assert "筛选条件无法识别" in response.content.decode()


def test_catalogue_paginates(client, section_a, settings):
    settings.PORTAL_OUTCOME_PAGE_SIZE = 2
    for n in range(5):
        make_outcome(section_a, title=f"成果{n}", slug=f"o{n}")
    first = client.get("/outcomes/")
    third = client.get("/outcomes/", {"page": 3})
    assert len(first.context["outcomes"]) == 2
    assert first.context["result_count"] == 5
    assert len(third.context["outcomes"]) == 1
    assert "第 1 页，共 3 页" in first.content.decode()


def test_outcome_page_shows_facts_and_price(client, catalogue):
    html = client.get(catalogue["irrigation"].url).content.decode()
    assert "智能灌溉水肥一体化系统" in html
    assert "先进制造与自动化" in html
    assert "小试" in html
    assert "35.5 万元" in html
    chip = client.get(catalogue["chip"].url).content.decode()
    assert "面议" in chip


def test_contact_is_hidden_from_anonymous_visitors(client, catalogue):
    html = client.get(catalogue["mg"].url).content.decode()
    assert "0392-5550123" not in html
    assert "tto@example.edu.cn" not in html
    assert "登录后可查看联系方式" in html


def test_contact_is_shown_to_signed_in_members(client, catalogue, enterprise_user):
    client.force_login(enterprise_user)
    html = client.get(catalogue["mg"].url).content.decode()
    assert "0392-5550123" in html
    assert "tto@example.edu.cn" in html


def test_draft_outcome_page_is_not_public(client, catalogue):
    assert client.get("/outcomes/uni-a/draft/").status_code == 404


def test_chinese_first_even_for_an_english_browser(client, catalogue):
    html = client.get("/outcomes/", HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    assert "共找到 3 项成果" in html


def test_the_language_switcher_turns_the_site_english(client, catalogue):
    client.post("/i18n/setlang/", {"language": "en", "next": "/outcomes/"})
    html = client.get("/outcomes/").content.decode()
    assert "3 outcomes found" in html
    assert "先进制造与自动化" not in html
    assert "Advanced manufacturing and automation" in html

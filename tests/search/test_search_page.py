"""/search/: outcomes found by Chinese terms, highlighted, with facets, in step with the site."""

import pytest
from django.urls import reverse

from cms.models import OutcomePage
from search.backends import SearchUnavailable
from tests.factories import make_outcome


@pytest.fixture
def outcomes(embedded_search, section_a, section_b, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = {
            "mg": make_outcome(section_a, title="镁合金精深加工技术", slug="mg"),
            "chip": make_outcome(
                section_b,
                title="硅基光互连芯片",
                slug="chip",
                field="electronic-information",
                industries=("optoelectronics",),
                keywords=("光互连", "硅光子"),
            ),
            "wheel": make_outcome(
                section_b,
                title="汽车轮毂轻量化",
                slug="wheel",
                summary="采用镁合金半固态压铸。",
                field="advanced-manufacturing",
                industries=("auto-parts-electrics",),
            ),
            "draft": make_outcome(section_a, title="镁合金草稿", slug="draft", publish=False),
        }
    return made


def test_publishing_indexes_and_search_finds_with_highlights(client, outcomes):
    response = client.get(reverse("search"), {"q": "镁合金"})
    html = response.content.decode()
    assert response.status_code == 200
    hits = response.context["hits"]
    assert [h.title for h in hits][:2] == ["镁合金精深加工技术", "汽车轮毂轻量化"]
    assert "<mark>镁合金</mark>精深加工技术" in html
    assert "镁合金草稿" not in html
    assert "共 2 条结果" in html


def test_facets_show_counts_and_filter(client, outcomes):
    response = client.get(reverse("search"), {"q": "镁合金"})
    facets = {f["param"]: f for f in response.context["facets"]}
    industries = {o["label"]: o["count"] for o in facets["industry"]["options"]}
    assert industries == {"镁精深加工": 1, "汽车零部件与电子电器": 1}
    narrowed = client.get(reverse("search"), {"q": "镁合金", "industry": "auto-parts-electrics"})
    assert [h.title for h in narrowed.context["hits"]] == ["汽车轮毂轻量化"]


def test_a_few_words_find_what_has_them_all_and_say_so_when_nothing_has(client, outcomes):
    """镁合金 压铸 finds the wheel (both words), not the outcome saying only 镁合金; a word
    nothing has finds nothing, and the page offers each word alone with its count."""
    both = client.get(reverse("search"), {"q": "镁合金 压铸"})
    assert [h.title for h in both.context["hits"]] == ["汽车轮毂轻量化"]

    html = client.get(reverse("search"), {"q": "镁合金词汇xyz"}).content.decode()
    assert "没有找到" in html
    assert "没有同时包含这些词语的结果" in html
    assert 'href="?q=%E9%95%81%E5%90%88%E9%87%91">镁合金 <span class="muted">2</span></a>' in html
    assert "xyz：无结果" in html


def test_nothing_found_shows_a_helpful_empty_state(client, outcomes):
    html = client.get(reverse("search"), {"q": "区块链溯源"}).content.decode()
    assert "没有找到" in html
    assert "光互连" in html  # a suggestion to try


def test_unpublishing_and_deleting_remove_from_search(
    client, outcomes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcomes["chip"].unpublish()
    assert client.get(reverse("search"), {"q": "光互连"}).context["hits"] == []
    with django_capture_on_commit_callbacks(execute=True):
        OutcomePage.objects.get(pk=outcomes["mg"].pk).delete()
    titles = [h.title for h in client.get(reverse("search"), {"q": "镁合金"}).context["hits"]]
    assert titles == ["汽车轮毂轻量化"]


def test_moving_an_outcome_updates_its_link_and_institution(
    client, outcomes, section_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        OutcomePage.objects.get(pk=outcomes["chip"].pk).move(section_a, pos="last-child")
    response = client.get(reverse("search"), {"q": "光互连", "institution": "uni-a"})
    assert [h.url for h in response.context["hits"]] == ["/outcomes/uni-a/chip/"]


def test_unavailable_search_answers_503_with_a_message(client, outcomes, monkeypatch):
    def down(query):
        raise SearchUnavailable("connection refused")

    monkeypatch.setattr("portal.search_views.search", down)
    response = client.get(reverse("search"), {"q": "镁合金"})
    assert response.status_code == 503
    assert "搜索暂时不可用" in response.content.decode()


def test_empty_search_page_invites_a_query(client, db):
    response = client.get(reverse("search"))
    assert response.status_code == 200
    assert "智能灌溉" in response.content.decode()


def test_an_unreachable_elasticsearch_gives_503_not_500(client, db, settings):
    from search.backends import reset_backend

    settings.SEARCH_BACKEND = {
        "BACKEND": "search.backends.elastic.ElasticsearchBackend",
        "URL": "http://127.0.0.1:9",  # nothing listens on the discard port: refused at once
        "MAX_RETRIES": 0,
        "TIMEOUT": 2,
    }
    reset_backend()
    try:
        response = client.get(reverse("search"), {"q": "镁合金"})
    finally:
        reset_backend()
    assert response.status_code == 503
    assert "搜索暂时不可用" in response.content.decode()

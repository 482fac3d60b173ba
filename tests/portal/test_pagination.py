"""Issue 11, finding 1: any ``page`` and any id in a URL gives a page, the last page or a 404;
never a 500, never an engine asked for billions of hits."""

import pytest
from django.urls import reverse

from search.documents import SearchQuery
from search.selectors import search
from tests.factories import InstitutionFactory, make_need, make_outcome, section_for
from tests.shared import built_once

# One process builds the outcomes for all of the module's tests (pytest-xdist's loadgroup).
pytestmark = pytest.mark.xdist_group("pagination-outcomes")

HUGE_ID = "4246133145809526800434652361261056"


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker, tmp_path_factory):
    """Twelve published outcomes, built once for the module's tests (tests/shared.py)."""
    with built_once(django_db_blocker, tmp_path_factory) as build:
        section = section_for(InstitutionFactory(name="乙研究所", slug="uni-b", kind="institute"))
        with build.running_tasks():
            build.outcomes = [
                make_outcome(
                    section,
                    title=f"硅基光互连芯片{n}",
                    slug=f"chip-{n}",
                    field="electronic-information",
                )
                for n in range(12)
            ]
        yield build


@pytest.fixture
def outcomes(built, db, settings):
    built.use_index(settings)
    return built.outcomes


@pytest.mark.parametrize("page", ["2147483648", "99999999999999999999", "9" * 5000])
def test_search_past_the_end_shows_the_last_page(client, outcomes, page):
    response = client.get(reverse("search"), {"field": "electronic-information", "page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 2
    assert len(response.context["hits"]) == 2  # 12 outcomes, 10 a page


@pytest.mark.parametrize("page", ["AAA", "", "-3", "0", "1.5"])
def test_search_with_a_page_that_is_no_number_shows_the_first(client, outcomes, page):
    response = client.get(reverse("search"), {"field": "electronic-information", "page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1
    assert len(response.context["hits"]) == 10


def test_search_never_asks_the_engine_past_its_window(outcomes):
    results = search(
        SearchQuery(filters={"tech_field": ["electronic-information"]}, page=2**62, page_size=10)
    )
    assert results.page == 2
    assert len(results.hits) == 2


@pytest.mark.parametrize("page", ["99999999999999999999", "AAA", "0"])
def test_api_list_past_the_end_or_no_number_is_404(client, outcomes, page):
    response = client.get("/api/v1/outcomes/", {"page": page})
    assert response.status_code == 404


def test_api_list_with_an_empty_page_is_400_and_says_why(client, outcomes):
    response = client.get("/api/v1/outcomes/?page=")
    assert response.status_code == 400
    assert "页码" in response.json()["page"][0]


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/outcomes/{HUGE_ID}/",
        f"/api/v1/needs/{HUGE_ID}/",
        f"/api/v1/contracts/{HUGE_ID}/",
        f"/api/v1/matches/{HUGE_ID}/",
        f"/api/v1/suggestions/{HUGE_ID}/",
        "/api/v1/suggestions/AAA/",
        f"/api/v1/needs/{HUGE_ID}/suggestions/",
        f"/api/v1/outcomes/{HUGE_ID}/suggestions/",
        f"/needs/{HUGE_ID}/",
        f"/contracts/{HUGE_ID}/",
        f"/matches/{HUGE_ID}/",
    ],
)
def test_a_huge_id_is_404(client, broker, url):
    client.force_login(broker)
    assert client.get(url).status_code == 404


def test_huge_id_in_a_post_is_404(client, broker):
    client.force_login(broker)
    assert client.post(f"/api/v1/suggestions/{HUGE_ID}/start/").status_code == 404
    assert client.post("/api/v1/suggestions/AAA/start/").status_code == 404


def test_needs_list_past_the_end_shows_the_last_page(client, member_a, broker):
    for n in range(13):
        make_need(
            member_a.memberships.first().organization,
            member_a,
            status="published",
            broker=broker,
            title=f"镁合金需求{n}",
        )
    response = client.get(reverse("market:need_list"), {"page": "99999999999999999999"})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 2


def test_outcome_catalogue_past_the_end_shows_the_last_page(client, outcomes):
    response = client.get("/outcomes/", {"page": "99999999999999999999"})
    assert response.status_code == 200
    assert response.context["page_obj"].number == response.context["page_obj"].paginator.num_pages

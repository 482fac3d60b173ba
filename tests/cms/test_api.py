"""/api/v1/: token login, the outcomes list with the listing's filters, detail, the schema."""

import pytest

from tests.factories import PASSWORD, make_outcome


@pytest.fixture
def outcomes(section_a, section_b):
    return [
        make_outcome(section_a, title="镁合金精深加工技术", slug="mg"),
        make_outcome(
            section_b,
            title="硅基光互连芯片",
            slug="chip",
            field="electronic-information",
            industries=("optoelectronics",),
            price_wan=None,
        ),
        make_outcome(section_a, title="草稿", slug="draft", publish=False),
    ]


def test_token_login_returns_a_token_that_authenticates(client, enterprise_user):
    response = client.post("/api/v1/auth/token/", {"username": "firm_user", "password": PASSWORD})
    assert response.status_code == 200
    token = response.json()["token"]
    me = client.get("/api/v1/outcomes/", HTTP_AUTHORIZATION=f"Token {token}")
    assert me.status_code == 200


def test_token_login_with_a_wrong_password_is_refused(client, enterprise_user):
    response = client.post("/api/v1/auth/token/", {"username": "firm_user", "password": "nope"})
    assert response.status_code == 400
    assert "token" not in response.json()


def test_outcome_list_has_id_title_url_and_skips_drafts(client, outcomes):
    body = client.get("/api/v1/outcomes/").json()
    assert body["count"] == 2
    titles = {item["title"] for item in body["results"]}
    assert titles == {"镁合金精深加工技术", "硅基光互连芯片"}
    item = next(i for i in body["results"] if i["title"] == "硅基光互连芯片")
    assert item["id"] == outcomes[1].pk
    assert item["url"] == "http://testserver/outcomes/uni-b/chip/"
    assert item["institution"] == {"slug": "uni-b", "name": "乙研究所"}
    assert item["price_negotiable"] is True
    assert item["tech_field"]["code"] == "electronic-information"


def test_outcome_list_uses_the_listing_filters(client, outcomes):
    body = client.get("/api/v1/outcomes/", {"industry": "optoelectronics"}).json()
    assert [i["title"] for i in body["results"]] == ["硅基光互连芯片"]
    body = client.get("/api/v1/outcomes/", {"institution": "uni-a"}).json()
    assert [i["title"] for i in body["results"]] == ["镁合金精深加工技术"]


def test_outcome_detail_hides_contact_from_anonymous_clients(client, outcomes, enterprise_user):
    url = f"/api/v1/outcomes/{outcomes[0].pk}/"
    assert client.get(url).json()["contact"] is None
    client.force_login(enterprise_user)
    assert client.get(url).json()["contact"]["phone"] == "0392-5550123"


def test_draft_outcome_has_no_api_detail(client, outcomes):
    assert client.get(f"/api/v1/outcomes/{outcomes[2].pk}/").status_code == 404


def test_outcomes_api_is_read_only(client, outcomes, enterprise_user):
    client.force_login(enterprise_user)
    assert client.post("/api/v1/outcomes/", {"title": "x"}).status_code == 405


def test_openapi_schema_describes_the_api(client, db):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/outcomes/" in schema["paths"]
    assert "/api/v1/auth/token/" in schema["paths"]

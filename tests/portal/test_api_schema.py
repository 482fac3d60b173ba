"""Issue 11, findings 12 and 13: the OpenAPI schema says what the API really answers, and the
API refuses query parameters it does not understand with a 400 that says why."""

import pytest
import yaml
from rest_framework.authtoken.models import Token

from accounts.roles import Role
from accounts.services import membership_grant
from tests.factories import OrganizationFactory, UserFactory


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_the_schema_lists_our_api_only_not_wagtails_admin_api(schema):
    assert schema["paths"]
    assert all(path.startswith("/api/v1/") for path in schema["paths"])


@pytest.mark.parametrize(
    ("component", "field"),
    [("Contract", "certificate"), ("Contract", "document"), ("Match", "contract")],
)
def test_fields_that_can_be_null_say_so(schema, component, field):
    assert schema["components"]["schemas"][component]["properties"][field]["nullable"] is True


@pytest.mark.parametrize(
    "path", ["/api/v1/needs/{id}/suggestions/", "/api/v1/outcomes/{id}/suggestions/"]
)
def test_the_suggestion_endpoints_are_documented_as_count_and_results(schema, path):
    responses = schema["paths"][path]["get"]["responses"]
    reference = responses["200"]["content"]["application/json"]["schema"]["$ref"]
    component = schema["components"]["schemas"][reference.rsplit("/", 1)[1]]
    assert set(component["properties"]) == {"count", "results"}
    assert component["properties"]["results"]["type"] == "array"
    assert "503" in responses


def test_every_operation_documents_its_errors(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"401", "403"} <= codes, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
            if method in ("post", "put", "patch"):
                assert "400" in codes, (method, path)


def test_starting_a_match_documents_both_200_and_201(schema):
    assert {"200", "201"} <= set(
        schema["paths"]["/api/v1/suggestions/{id}/start/"]["post"]["responses"]
    )


@pytest.fixture
def registrar_client(client, db):
    office = OrganizationFactory(kind="government", name="鹤壁市技术市场管理办公室")
    user = UserFactory(username="registrar")
    membership_grant(user=user, organization=office, role=Role.REGISTRAR)
    token, _created = Token.objects.get_or_create(user=user)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    return client


def test_an_unknown_contract_status_is_400(registrar_client):
    response = registrar_client.get("/api/v1/contracts/", {"status": "AAA"})
    assert response.status_code == 400
    assert "AAA" in response.json()["status"][0]
    assert registrar_client.get("/api/v1/contracts/", {"status": "submitted"}).status_code == 200


@pytest.mark.parametrize("params", [{"mine": "null"}, {"mine": "AAA"}, {"status": "AAA"}])
def test_a_needs_parameter_that_means_nothing_is_400(client, member_a, params):
    client.force_login(member_a)
    response = client.get("/api/v1/needs/", params)
    assert response.status_code == 400
    assert list(response.json()) == list(params)


def test_mine_true_still_lists_your_needs(client, member_a):
    client.force_login(member_a)
    assert client.get("/api/v1/needs/", {"mine": "true"}).status_code == 200


def test_starting_from_a_suggestion_that_is_no_id_is_404(client, broker):
    client.force_login(broker)
    assert client.post("/api/v1/suggestions/AAA/start/").status_code == 404


@pytest.mark.parametrize(
    "url", ["/api/v1/contracts/AAA/", "/api/v1/needs/%C2%84/", "/api/v1/no-such-thing/"]
)
def test_any_other_api_url_is_a_json_404(client, db, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "未找到。"}


def test_an_action_answering_many_objects_is_documented_unpaged(schema):
    operation = schema["paths"]["/api/v1/events/{id}/participants/"]["get"]
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert body["type"] == "array"


def test_times_of_day_are_documented_as_written(schema):
    starts_at = schema["components"]["schemas"]["Event"]["properties"]["starts_at"]
    assert "format" not in starts_at
    assert starts_at["pattern"]

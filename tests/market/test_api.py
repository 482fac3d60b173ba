"""/api/v1/needs/: posting, editing and reviewing needs, and what each user may see of them."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token

from accounts.roles import OrganizationKind, Role
from accounts.services import membership_grant
from market.needs import services
from market.needs.models import Need
from taxonomy.models import Term
from tests.factories import OrganizationFactory, UserFactory

API = "/api/v1/needs/"


def term(vocabulary: str, code: str) -> Term:
    return Term.objects.get(vocabulary=vocabulary, code=code)


def later(days: int = 60) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def member(organization, role, username):
    user = UserFactory(username=username)
    membership_grant(user=user, organization=organization, role=role)
    return user


@pytest.fixture
def firm_a(enterprise_user):
    return enterprise_user


@pytest.fixture
def firm_b(db):
    return member(OrganizationFactory(name="鹤壁乙公司"), Role.ENTERPRISE_MEMBER, "firm_b")


@pytest.fixture
def broker(db):
    agency = OrganizationFactory(name="鹤壁技术转移中心", kind=OrganizationKind.SERVICE_AGENCY)
    return member(agency, Role.BROKER, "broker")


@pytest.fixture
def token_client(client):
    """The test client, authenticated by an API token instead of a session."""

    def for_user(user):
        token, _ = Token.objects.get_or_create(user=user)
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
        return client

    return for_user


def payload(**overrides) -> dict:
    data = {
        "title": "高压连接器温升控制",
        "summary": "寻求新能源汽车高压连接器温升控制方案。",
        "description": "现有连接器在250A下温升超过55K，目标低于40K。",
        "tech_field": "advanced-manufacturing",
        "industry": "auto-parts-electrics",
        "district": "410611",
        "cooperation_modes": ["joint-development", "commissioned"],
        "budget_min_wan": "30",
        "budget_max_wan": 100.5,
        "deadline": later().isoformat(),
        "contact_name": "李经理",
        "contact_phone": "0392-3355501",
        "contact_email": "li@firm.example.com",
        "confidentiality": "public",
    }
    data.update(overrides)
    return data


def make_need(user, *, title="镁合金压铸件表面处理", confidentiality="public", status="published"):
    """A need of the user's first enterprise, taken through the services to ``status``."""
    need = services.need_create(
        organization=user.memberships.get().organization,
        user=user,
        data={
            "title": title,
            "summary": f"{title}：公开简介。",
            "description": f"{title}：保密的详细说明。",
            "tech_field": term("tech_field", "new-materials"),
            "district": term("district", "410611"),
            "budget_min_wan": 20,
            "budget_max_wan": 50,
            "deadline": later(),
            "contact_name": "王经理",
            "contact_phone": "0392-5550100",
            "confidentiality": confidentiality,
        },
        cooperation_modes=[
            term("cooperation_mode", "transfer"),
            term("cooperation_mode", "service"),
        ],
    )
    if status in ("submitted", "published"):
        need = services.need_submit(need=need, user=user)
    if status == "published":
        reviewer = UserFactory()
        agency = OrganizationFactory(kind=OrganizationKind.SERVICE_AGENCY)
        membership_grant(user=reviewer, organization=agency, role=Role.BROKER)
        need = services.need_publish(need=need, user=reviewer)
    return need


def listed_ids(client, **params) -> list[int]:
    response = client.get(API, params)
    assert response.status_code == 200
    return [item["id"] for item in response.json()["results"]]


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


# --- the lifecycle -----------------------------------------------------------------------------


def test_enterprise_posts_edits_and_submits_and_a_broker_publishes(client, token_client, firm_a):
    api = token_client(firm_a)
    response = post(api, API, payload())
    assert response.status_code == 201, response.json()
    body = response.json()
    need = Need.objects.get(pk=body["id"])
    assert need.status == body["status"] == "draft"
    assert need.created_by == firm_a
    assert body["url"] == f"http://testserver/needs/{need.pk}/"
    assert body["organization"] == {"id": need.organization_id, "name": "鹤壁天海电器有限公司"}
    assert body["tech_field"]["code"] == "advanced-manufacturing"
    assert body["tech_field"]["name"] == "先进制造与自动化"
    assert {m["code"] for m in body["cooperation_modes"]} == {"joint-development", "commissioned"}
    assert body["published_at"] is None
    details = body["details"]
    assert details["budget_min_wan"] == "30.00"
    assert details["budget_max_wan"] == "100.50"
    assert details["budget_negotiable"] is False
    assert details["contact"] == {
        "name": "李经理",
        "phone": "0392-3355501",
        "email": "li@firm.example.com",
    }
    assert details["attachments"] == []

    response = api.patch(
        f"{API}{need.pk}/",
        {"title": "连接器温升控制方案", "budget_max_wan": "80", "cooperation_modes": ["licence"]},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    need.refresh_from_db()
    assert need.title == "连接器温升控制方案"
    assert str(need.budget_max_wan) == "80.00"
    assert need.summary == payload()["summary"]
    assert [t.code for t in need.cooperation_modes.all()] == ["licence"]

    client.defaults.pop("HTTP_AUTHORIZATION")
    assert need.pk not in listed_ids(client)

    api = token_client(firm_a)
    response = post(api, f"{API}{need.pk}/submit/")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "submitted"

    client.defaults.pop("HTTP_AUTHORIZATION")
    client.logout()
    broker = member(
        OrganizationFactory(kind=OrganizationKind.SERVICE_AGENCY), Role.BROKER, "reviewer"
    )
    client.force_login(broker)
    assert listed_ids(client, status="submitted") == [need.pk]
    response = post(client, f"{API}{need.pk}/publish/")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "published"
    assert response.json()["published_at"]

    client.logout()
    assert listed_ids(client) == [need.pk]
    item = client.get(API).json()["results"][0]
    assert item["title"] == "连接器温升控制方案"
    assert item["details"]["description"]
    actions = list(need.events.values_list("action", flat=True))
    assert actions == ["created", "updated", "submitted", "published"]


def test_broker_returns_a_need_with_a_reason(client, firm_a, broker):
    need = make_need(firm_a, status="submitted")
    client.force_login(broker)
    response = post(client, f"{API}{need.pk}/return/")
    assert response.status_code == 400
    assert "reason" in response.json()

    response = post(client, f"{API}{need.pk}/return/", {"reason": "请补充现有工艺参数"})
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "returned"
    need.refresh_from_db()
    assert need.return_reason == "请补充现有工艺参数"
    assert need.reviewed_by == broker

    client.force_login(firm_a)
    response = client.patch(
        f"{API}{need.pk}/", {"summary": "补充了工艺参数。"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert post(client, f"{API}{need.pk}/submit/").json()["status"] == "submitted"


def test_only_brokers_publish_or_return(client, firm_a, firm_b):
    need = make_need(firm_a, status="submitted")
    client.force_login(firm_a)
    response = post(client, f"{API}{need.pk}/publish/")
    assert response.status_code == 403
    assert response.json()["detail"]
    assert post(client, f"{API}{need.pk}/return/", {"reason": "x"}).status_code == 403
    # Another enterprise may not even know a submitted need exists.
    client.force_login(firm_b)
    assert post(client, f"{API}{need.pk}/publish/").status_code == 404
    client.logout()
    assert post(client, f"{API}{need.pk}/publish/").status_code == 403
    need.refresh_from_db()
    assert need.status == "submitted"


def test_a_step_in_the_wrong_state_is_a_400_with_a_message(client, firm_a, broker):
    need = make_need(firm_a, status="published")
    client.force_login(broker)
    response = post(client, f"{API}{need.pk}/publish/")
    assert response.status_code == 400
    assert isinstance(response.json()["detail"], str) and response.json()["detail"]
    client.force_login(firm_a)
    response = post(client, f"{API}{need.pk}/submit/")
    assert response.status_code == 400
    assert response.json()["detail"]
    response = client.patch(f"{API}{need.pk}/", {"title": "改"}, content_type="application/json")
    assert response.status_code == 400
    need.refresh_from_db()
    assert need.status == "published"
    assert need.title == "镁合金压铸件表面处理"


def test_owner_withdraws_and_a_broker_marks_solved(client, firm_a, broker):
    submitted = make_need(firm_a, title="待撤回", status="submitted")
    published = make_need(firm_a, title="已解决")
    client.force_login(firm_a)
    response = post(client, f"{API}{submitted.pk}/withdraw/")
    assert response.status_code == 200
    assert response.json()["status"] == "closed"
    client.force_login(broker)
    assert post(client, f"{API}{published.pk}/withdraw/").status_code == 403
    response = post(client, f"{API}{published.pk}/solve/", {"note": "已与甲大学签约"})
    assert response.status_code == 200
    published.refresh_from_db()
    assert (published.status, published.close_reason) == ("closed", "solved")
    assert published.pk not in listed_ids(client)


# --- who sees what -----------------------------------------------------------------------------


def test_members_only_details_are_null_for_anonymous_clients(client, firm_b):
    need = make_need(firm_b, confidentiality="members")
    url = f"{API}{need.pk}/"
    body = client.get(url).json()
    assert body["title"] == need.title
    assert body["summary"] == need.summary
    assert body["details"] is None
    assert client.get(API).json()["results"][0]["details"] is None

    signed_up = UserFactory()  # signed in, but of no verified organization
    client.force_login(signed_up)
    assert client.get(url).json()["details"] is None

    verified = member(OrganizationFactory(verified=True), Role.ENTERPRISE_MEMBER, "verified")
    client.force_login(verified)
    details = client.get(url).json()["details"]
    assert details["description"] == need.description
    assert details["contact"]["phone"] == "0392-5550100"


def test_brokers_only_need_is_seen_by_brokers_and_its_enterprise_only(
    client, firm_a, firm_b, broker
):
    secret = make_need(firm_a, title="保密需求", confidentiality="brokers")
    open_need = make_need(firm_a, title="公开需求")
    url = f"{API}{secret.pk}/"

    assert listed_ids(client) == [open_need.pk]
    assert client.get(url).status_code == 404

    client.force_login(firm_b)
    assert listed_ids(client) == [open_need.pk]
    assert client.get(url).status_code == 404
    assert client.get(API, {"q": "保密"}).json()["count"] == 0

    for user in (broker, firm_a):
        client.force_login(user)
        assert set(listed_ids(client)) == {secret.pk, open_need.pk}
        body = client.get(url).json()
        assert body["details"]["description"] == secret.description


def test_an_enterprise_never_sees_anothers_drafts(client, firm_a, firm_b):
    draft_b = make_need(firm_b, title="乙的草稿", status="draft")
    published_b = make_need(firm_b, title="乙的已发布需求")
    draft_a = make_need(firm_a, title="甲的草稿", status="draft")

    client.force_login(firm_a)
    assert listed_ids(client, mine=1) == [draft_a.pk]
    assert listed_ids(client, mine=1, status="draft") == [draft_a.pk]
    assert client.get(f"{API}{draft_b.pk}/").status_code == 404
    assert (
        client.patch(
            f"{API}{draft_b.pk}/", {"title": "x"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert post(client, f"{API}{draft_b.pk}/submit/").status_code == 404
    # Visible but not theirs: no right to edit.
    assert (
        client.patch(
            f"{API}{published_b.pk}/", {"title": "x"}, content_type="application/json"
        ).status_code
        == 403
    )
    assert listed_ids(client, status="submitted") == []

    client.force_login(firm_b)
    assert set(listed_ids(client, mine="1")) == {draft_b.pk, published_b.pk}
    draft_b.refresh_from_db()
    assert draft_b.title == "乙的草稿"


def test_the_review_queue_is_for_brokers(client, firm_a, broker):
    submitted = make_need(firm_a, title="待审", status="submitted")
    make_need(firm_a, title="草稿", status="draft")
    client.force_login(broker)
    assert listed_ids(client, status="submitted") == [submitted.pk]
    assert client.get(f"{API}{submitted.pk}/").json()["details"] is not None


# --- bad input ---------------------------------------------------------------------------------


def test_budget_range_must_be_ordered(client, firm_a):
    client.force_login(firm_a)
    response = post(client, API, payload(budget_min_wan="200", budget_max_wan="100"))
    assert response.status_code == 400
    assert response.json()["budget_max_wan"]
    assert not Need.objects.exists()

    need = make_need(firm_a, status="draft")
    response = client.patch(
        f"{API}{need.pk}/", {"budget_min_wan": "999"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["budget_max_wan"]
    need.refresh_from_db()
    assert str(need.budget_min_wan) == "20.00"
    assert list(need.events.values_list("action", flat=True)) == ["created"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("tech_field", "alchemy"),
        ("district", "000000"),
        ("cooperation_modes", ["barter"]),
        ("cooperation_modes", []),
        ("budget_min_wan", "1.234"),
        ("confidentiality", "secret"),
        ("title", ""),
    ],
)
def test_bad_fields_are_refused_with_a_message(client, firm_a, field, value):
    client.force_login(firm_a)
    response = post(client, API, payload(**{field: value}))
    assert response.status_code == 400
    assert response.json()[field]
    assert not Need.objects.exists()


def test_a_missing_field_is_refused(client, firm_a):
    client.force_login(firm_a)
    data = payload()
    del data["district"]
    response = post(client, API, data)
    assert response.status_code == 400
    assert "district" in response.json()


def test_submitting_with_a_past_deadline_is_refused(client, firm_a):
    client.force_login(firm_a)
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = post(client, API, payload(deadline=yesterday))
    assert response.status_code == 201
    need_id = response.json()["id"]
    response = post(client, f"{API}{need_id}/submit/")
    assert response.status_code == 400
    assert response.json()["deadline"]
    assert Need.objects.get(pk=need_id).status == "draft"


def test_an_unverified_enterprise_cannot_submit(client, firm_a):
    need = make_need(firm_a, status="draft")
    need.organization.verified = False
    need.organization.save()
    client.force_login(firm_a)
    response = post(client, f"{API}{need.pk}/submit/")
    assert response.status_code == 400
    assert response.json()["detail"]
    need.refresh_from_db()
    assert need.status == "draft"


def test_a_need_is_posted_only_for_ones_own_enterprise(client, firm_a, firm_b, broker):
    client.force_login(firm_a)
    other = firm_b.memberships.get().organization
    response = post(client, API, payload(organization=other.pk))
    assert response.status_code == 400
    assert response.json()["organization"]
    own = firm_a.memberships.get().organization
    response = post(client, API, payload(organization=own.pk))
    assert response.status_code == 201
    assert response.json()["organization"]["id"] == own.pk

    client.force_login(broker)
    assert post(client, API, payload()).status_code == 403
    client.logout()
    assert post(client, API, payload()).status_code == 403
    assert Need.objects.count() == 1


def test_needs_cannot_be_deleted(client, firm_a):
    need = make_need(firm_a, status="draft")
    client.force_login(firm_a)
    assert client.delete(f"{API}{need.pk}/").status_code == 405
    assert Need.objects.filter(pk=need.pk).exists()


def test_the_listing_filters_apply(client, firm_a):
    """The listing's own filters (market.needs.filters.NeedFilter)."""
    make_need(firm_a, title="镁合金")
    need = make_need(firm_a, title="连接器")
    assert listed_ids(client, q="连接器") == [need.pk]
    assert listed_ids(client, mode="licence") == []
    assert len(listed_ids(client, mode="transfer")) == 2


def test_openapi_schema_describes_the_needs_api(client, db):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/needs/"])
    assert {"get", "put", "patch"} <= set(paths["/api/v1/needs/{id}/"])
    assert "delete" not in paths["/api/v1/needs/{id}/"]
    for step in ("submit", "withdraw", "publish", "return", "solve"):
        assert "post" in paths[f"/api/v1/needs/{{id}}/{step}/"]


def test_a_broker_who_belongs_to_the_enterprise_never_reviews_its_need(client, firm_a, broker):
    """One person, two roles: a broker who is also a member of the need's enterprise."""
    enterprise = firm_a.memberships.get().organization
    two_roles = member(enterprise, Role.ENTERPRISE_MEMBER, "two_roles")
    agency = OrganizationFactory(kind=OrganizationKind.SERVICE_AGENCY)
    membership_grant(user=two_roles, organization=agency, role=Role.BROKER)
    need = make_need(firm_a, status="submitted", title="自家需求")
    client.force_login(two_roles)
    for step, body in (("publish", {}), ("return", {"reason": "请补充预算"})):
        response = post(client, f"{API}{need.pk}/{step}/", body)
        assert response.status_code == 403
        assert "其他技术经纪人" in response.json()["detail"]
    page = client.post(f"/needs/{need.pk}/publish/")
    assert page.status_code == 403 and "其他技术经纪人" in page.content.decode()
    detail = client.get(f"/needs/{need.pk}/").content.decode()
    assert f"/needs/{need.pk}/publish/" not in detail
    need.refresh_from_db()
    assert need.status == Need.Status.SUBMITTED

    client.force_login(broker)
    assert post(client, f"{API}{need.pk}/publish/").status_code == 200

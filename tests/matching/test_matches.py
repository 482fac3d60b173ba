"""Matches: an enterprise asks for an introduction, a broker follows it up to a contract."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from market.contracts.models import Contract
from matching import selectors, services
from matching.models import Match, MatchEvent
from tests.factories import credit_code, make_need, make_outcome

TODAY = timezone.localdate()


@pytest.fixture
def outcome(section_a):
    return make_outcome(section_a, slug="mg")


@pytest.fixture
def need(firm_a, member_a, broker):
    return make_need(firm_a, member_a, status="published", broker=broker)


@pytest.fixture
def match(need, outcome, member_a):
    return services.match_express_interest(need=need, outcome=outcome, user=member_a)


def registered_contract(
    *, status=Contract.Status.REGISTERED, serial=1, seller=None, buyer=None
) -> Contract:
    """A contract between ``seller`` and ``buyer`` (portal organizations, or none)."""
    registered = status == Contract.Status.REGISTERED
    fields = {
        "seller_organization": seller,
        "buyer_organization": buyer,
        "name": "镁合金压铸工艺合作开发合同",
        "contract_type": "development",
        "subtype": "cooperative",
        "seller_name": "甲大学",
        "seller_credit_code": credit_code(),
        "seller_region": "410611",
        "seller_nature": "university",
        "buyer_name": "鹤壁天海电器有限公司",
        "buyer_credit_code": credit_code(),
        "buyer_region": "410611",
        "buyer_nature": "enterprise",
        "signed_on": TODAY - datetime.timedelta(days=10),
        "term_start": TODAY - datetime.timedelta(days=10),
        "term_end": TODAY + datetime.timedelta(days=365),
        "contract_amount": Decimal("500000.00"),
        "declared_transaction_amount": Decimal("400000.00"),
        "status": status,
    }
    if registered:
        fields.update(
            transaction_amount=Decimal("400000.00"),
            registered_on=TODAY,
            registration_point="410600",
            registration_year=TODAY.year,
            registration_serial=serial,
            registration_number=f"{TODAY.year}410600{serial:06d}",
        )
    return Contract.objects.create(**fields)


def _ids(response) -> list[int]:
    return [m.pk for m in response.context["matches"]]


# --- expressing interest ------------------------------------------------------------------------


def test_interest_button_on_the_outcome_page_for_enterprises_with_a_published_need(
    client, embedded_search, outcome, need, member_a, member_b
):
    client.force_login(member_a)
    html = client.get(outcome.url).content.decode()
    assert f'action="/matches/interest/{outcome.pk}/"' in html
    assert f'<option value="{need.pk}"' in html
    client.force_login(member_b)  # no published need
    assert "/matches/interest/" not in client.get(outcome.url).content.decode()
    client.logout()
    assert "/matches/interest/" not in client.get(outcome.url).content.decode()


def test_express_interest_creates_a_match_seen_by_broker_and_both_parties_only(
    client, outcome, need, member_a, member_b, broker, editor_a, editor_b
):
    client.force_login(member_a)
    response = client.post(
        f"/matches/interest/{outcome.pk}/", {"need": need.pk, "next": outcome.url}
    )
    assert response.status_code == 302 and response["Location"] == outcome.url
    match = Match.objects.get(need=need, outcome=outcome)
    assert match.status == Match.Status.SUGGESTED and match.created_by == member_a
    event = match.events.get()
    assert (event.action, event.actor, event.to_status) == ("interest", member_a, "suggested")

    # Asking again reuses the match.
    client.post(f"/matches/interest/{outcome.pk}/", {"need": need.pk})
    assert Match.objects.count() == 1 and match.events.count() == 2

    detail = f"/matches/{match.pk}/"
    client.force_login(broker)
    assert match.pk in _ids(client.get("/matches/"))
    assert client.get(detail).status_code == 200
    for party in (member_a, editor_a):
        client.force_login(party)
        assert match.pk in _ids(client.get("/matches/mine/"))
        assert client.get(detail).status_code == 200
        assert client.get("/matches/").status_code == 403  # the queue is the brokers'
    for stranger in (member_b, editor_b):
        client.force_login(stranger)
        assert match.pk not in _ids(client.get("/matches/mine/"))
        assert client.get(detail).status_code == 404
        assert client.get(f"/api/v1/matches/{match.pk}/").status_code == 404
        listed = client.get("/api/v1/matches/").json()
        assert match.pk not in [row["id"] for row in listed["results"]]
    client.logout()
    assert client.get(detail).status_code == 302  # to the log-in page


def test_only_the_needs_enterprise_may_express_interest(outcome, need, member_b, broker):
    with pytest.raises(PermissionDenied):
        services.match_express_interest(need=need, outcome=outcome, user=member_b)
    assert not Match.objects.exists()


def test_another_enterprise_cannot_use_someone_elses_need(client, outcome, need, member_b):
    make_need(member_b.memberships.get().organization, member_b, status="draft")
    client.force_login(member_b)
    assert client.post(f"/matches/interest/{outcome.pk}/", {"need": need.pk}).status_code == 403
    assert not Match.objects.exists()


# --- the broker's workflow ----------------------------------------------------------------------


def test_only_brokers_advance(client, match, member_a, editor_a, broker):
    for user in (member_a, editor_a):
        with pytest.raises(PermissionDenied):
            services.match_advance(match=match, user=user, status="introduced")
        client.force_login(user)
        assert (
            client.post(f"/matches/{match.pk}/advance/", {"status": "introduced"}).status_code
            == 403
        )
        api = client.post(f"/api/v1/matches/{match.pk}/advance/", {"status": "introduced"})
        assert api.status_code == 403
    match.refresh_from_db()
    assert match.status == Match.Status.SUGGESTED

    client.force_login(broker)
    response = client.post(f"/matches/{match.pk}/advance/", {"status": "introduced"})
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.status == Match.Status.INTRODUCED and match.broker == broker


def test_backward_steps_are_refused_with_a_message(client, match, broker):
    services.match_advance(match=match, user=broker, status="meeting")
    with pytest.raises(ValidationError) as error:
        services.match_advance(match=match, user=broker, status="introduced")
    assert "status" in error.value.message_dict
    client.force_login(broker)
    response = client.post(f"/matches/{match.pk}/advance/", {"status": "introduced"})
    assert response.status_code == 400
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert response.context["advance_form"].errors["status"]
    api = client.post(f"/api/v1/matches/{match.pk}/advance/", {"status": "suggested"})
    assert api.status_code == 400 and "status" in api.json()
    match.refresh_from_db()
    assert match.status == Match.Status.MEETING


def test_signed_needs_a_registered_contract(client, match, broker, uni_a):
    services.match_advance(match=match, user=broker, status="negotiating")
    with pytest.raises(ValidationError) as error:
        services.match_advance(match=match, user=broker, status="signed")
    assert "contract" in error.value.message_dict
    draft = registered_contract(
        status=Contract.Status.SUBMITTED, seller=uni_a, buyer=match.need.organization
    )
    with pytest.raises(ValidationError):
        services.match_advance(match=match, user=broker, status="signed", contract=draft)
    match.refresh_from_db()
    assert match.status == Match.Status.NEGOTIATING and match.contract is None

    contract = registered_contract(serial=7, seller=uni_a, buyer=match.need.organization)
    client.force_login(broker)
    response = client.post(
        f"/matches/{match.pk}/advance/",
        {"status": "signed", "contract_number": contract.registration_number},
    )
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.status == Match.Status.SIGNED and match.contract == contract
    # A signed match is done.
    with pytest.raises(ValidationError):
        services.match_advance(match=match, user=broker, status="closed", close_reason="x")


def test_a_match_is_signed_only_with_its_own_contract(client, match, broker, uni_a, uni_b, firm_b):
    """Another pair's registered contract is refused with a 400 that says why, and the
    dashboard's funnel never counts it."""
    from accounts.roles import Role
    from accounts.services import membership_grant
    from matching.selectors import year_funnel
    from tests.factories import OrganizationFactory, UserFactory

    services.match_advance(match=match, user=broker, status="negotiating")
    enterprise = match.need.organization
    unrelated = [
        registered_contract(serial=1),  # parties outside the portal
        registered_contract(serial=2, seller=uni_b, buyer=enterprise),  # another seller
        registered_contract(serial=3, seller=uni_a, buyer=firm_b),  # another buyer
        registered_contract(serial=4, seller=enterprise, buyer=uni_a),  # the other way round
    ]
    client.force_login(broker)
    for contract in unrelated:
        response = client.post(
            f"/api/v1/matches/{match.pk}/advance/",
            {"status": "signed", "contract": contract.pk},
            content_type="application/json",
        )
        assert response.status_code == 400, contract.registration_number
        assert "甲大学" in str(response.json()) and "不属于" in str(response.json())
        page = client.post(
            f"/matches/{match.pk}/advance/",
            {"status": "signed", "contract_number": contract.registration_number},
        )
        assert page.status_code == 400 and "不属于" in page.content.decode()
    match.refresh_from_db()
    assert match.status == Match.Status.NEGOTIATING and match.contract is None

    office = OrganizationFactory(kind="government", slug="office-m")
    registrar = UserFactory(username="registrar_m")
    membership_grant(user=registrar, organization=office, role=Role.REGISTRAR)
    year = TODAY.year
    assert year_funnel(year)["signed"] == 0

    own = registered_contract(serial=5, seller=uni_a, buyer=enterprise)
    response = client.post(
        f"/api/v1/matches/{match.pk}/advance/",
        {"status": "signed", "contract": own.pk},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "signed"
    client.force_login(registrar)
    assert client.get("/dashboard/").context["match_funnel"]["signed"] == 1


def test_closed_needs_a_reason(client, match, broker):
    with pytest.raises(ValidationError) as error:
        services.match_advance(match=match, user=broker, status="closed", close_reason="  ")
    assert "close_reason" in error.value.message_dict
    client.force_login(broker)
    api = client.post(f"/api/v1/matches/{match.pk}/advance/", {"status": "closed"})
    assert api.status_code == 400
    api = client.post(
        f"/api/v1/matches/{match.pk}/advance/",
        {"status": "closed", "close_reason": "企业已自行解决"},
    )
    assert api.status_code == 200
    assert api.json()["status"] == "closed" and api.json()["close_reason"] == "企业已自行解决"


def test_the_queue_lists_new_then_overdue_follow_ups(
    client, section_a, firm_a, member_a, need, broker
):
    outcomes = [make_outcome(section_a, title=f"成果{n}", slug=f"o{n}") for n in range(4)]
    later, undated, overdue, new = (
        services.match_create(need=need, outcome=o, user=broker) for o in outcomes
    )
    for m, due in ((later, TODAY + datetime.timedelta(days=3)), (undated, None)):
        services.match_advance(match=m, user=broker, status="introduced", due_date=due)
    services.match_advance(match=overdue, user=broker, status="meeting")
    services.match_add_note(
        match=overdue,
        user=broker,
        note="约好下周见面",
        next_step="回访企业",
        due_date=TODAY - datetime.timedelta(days=2),
    )
    client.force_login(broker)
    response = client.get("/matches/")
    assert _ids(response) == [new.pk, overdue.pk, later.pk, undated.pk]
    html = response.content.decode()
    assert f'overdue" data-match="{overdue.pk}"' in html
    assert f'overdue" data-match="{later.pk}"' not in html
    assert [m.pk for m in selectors.broker_queue(today=TODAY) if m.is_overdue] == [overdue.pk]


def test_the_queue_paginates(client, section_a, need, broker):
    for n in range(21):
        services.match_create(
            need=need, outcome=make_outcome(section_a, title=f"成果{n}", slug=f"p{n}"), user=broker
        )
    client.force_login(broker)
    assert len(_ids(client.get("/matches/"))) == 20
    assert len(_ids(client.get("/matches/?page=2"))) == 1


def test_the_timeline_records_who_and_when(client, match, member_a, broker):
    services.match_advance(match=match, user=broker, status="introduced", note="已电话介绍双方")
    client.force_login(broker)
    response = client.post(
        f"/matches/{match.pk}/note/",
        {"note": "企业希望先看样件", "next_step": "寄送样件", "due_date": "2030-01-15"},
    )
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.next_step == "寄送样件" and match.due_date == datetime.date(2030, 1, 15)
    events = list(selectors.match_timeline(match))
    assert [(e.action, e.actor) for e in events] == [
        (MatchEvent.Action.INTEREST, member_a),
        (MatchEvent.Action.ADVANCED, broker),
        (MatchEvent.Action.NOTE, broker),
    ]
    assert (events[1].from_status, events[1].to_status) == ("suggested", "introduced")
    assert all(e.at is not None for e in events)
    assert events[0].at <= events[1].at <= events[2].at

    html = client.get(f"/matches/{match.pk}/").content.decode()
    assert html.count('<li class="event event-') == 3
    assert '<span class="actor">broker</span>' in html
    assert '<span class="actor">member_a</span>' in html
    assert (
        events[2].at.astimezone(timezone.get_current_timezone()).strftime("%Y-%m-%d %H:%M") in html
    )

    detail = client.get(f"/api/v1/matches/{match.pk}/").json()
    assert [(e["action"], e["actor"]) for e in detail["events"]] == [
        ("interest", "member_a"),
        ("advanced", "broker"),
        ("note", "broker"),
    ]
    assert all(e["at"] for e in detail["events"])


def test_only_brokers_write_notes(client, match, member_a):
    with pytest.raises(PermissionDenied):
        services.match_add_note(match=match, user=member_a, note="x", next_step="", due_date=None)
    client.force_login(member_a)
    assert client.post(f"/api/v1/matches/{match.pk}/note/", {"note": "x"}).status_code == 403
    assert client.post(f"/matches/{match.pk}/note/", {"note": "x"}).status_code == 403


def test_the_broker_api_lists_every_match_and_notes(client, match, broker):
    client.force_login(broker)
    listed = client.get("/api/v1/matches/").json()
    assert [row["id"] for row in listed["results"]] == [match.pk]
    response = client.post(
        f"/api/v1/matches/{match.pk}/note/", {"note": "已联系", "due_date": "2030-02-01"}
    )
    assert response.status_code == 200 and response.json()["due_date"] == "2030-02-01"


def test_brokers_see_the_matches_link(client, broker, member_a):
    client.force_login(broker)
    assert 'href="/matches/"' in client.get("/needs/").content.decode()
    client.force_login(member_a)
    assert 'href="/matches/"' not in client.get("/needs/").content.decode()


def test_a_broker_who_belongs_to_a_party_does_not_steer_the_match(client, match, broker):
    from accounts.roles import Role
    from accounts.services import membership_grant

    membership_grant(user=broker, organization=match.need.organization, role=Role.ENTERPRISE_MEMBER)
    with pytest.raises(PermissionDenied) as refused:
        services.match_advance(match=match, user=broker, status="introduced")
    assert "其他技术经纪人" in str(refused.value)
    client.force_login(broker)
    page = client.get(f"/matches/{match.pk}/").content.decode()
    assert "advance-form" not in page
    response = client.post(
        f"/api/v1/matches/{match.pk}/note/", {"note": "已电话联系"}, content_type="application/json"
    )
    assert response.status_code == 403 and "其他技术经纪人" in response.json()["detail"]
    match.refresh_from_db()
    assert match.status == Match.Status.SUGGESTED

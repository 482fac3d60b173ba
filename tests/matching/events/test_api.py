"""The events API answers as the pages do."""

import pytest
from rest_framework.test import APIClient

from matching.events import services
from matching.events.models import Event
from tests.matching.events.conftest import event_data, make_event, register


@pytest.fixture
def api():
    return APIClient()


def test_events_are_listed_for_everyone_but_drafts_only_for_brokers(api, broker):
    published = make_event(broker)
    services.event_create(user=broker, data=event_data(title="草稿活动"))
    titles = [e["title"] for e in api.get("/api/v1/events/").json()["results"]]
    assert titles == [published.title]
    api.force_authenticate(broker)
    assert len(api.get("/api/v1/events/").json()["results"]) == 2


def test_a_member_cannot_create_an_event(api, member_a):
    api.force_authenticate(member_a)
    data = event_data()
    response = api.post("/api/v1/events/", {**data, "break_slots": [4]}, format="json")
    assert response.status_code == 403
    assert not Event.objects.exists()


def test_register_request_accept_schedule_and_see_the_agenda(
    api, event, broker, member_a, member_b
):
    b = register(event, member_b)
    api.force_authenticate(member_a)
    organization = member_a.memberships.get().organization
    response = api.post(
        f"/api/v1/events/{event.pk}/register/", {"organization": organization.pk}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "approved"
    again = api.post(
        f"/api/v1/events/{event.pk}/register/", {"organization": organization.pk}, format="json"
    )
    assert again.status_code == 400 and "已经报名" in again.json()["detail"]
    assert len(api.get(f"/api/v1/events/{event.pk}/participants/").json()) == 2
    sent = api.post(
        "/api/v1/meeting-requests/",
        {"event": event.pk, "recipient": b.pk, "message": "约个时间"},
        format="json",
    )
    assert sent.status_code == 201, sent.json()
    request_id = sent.json()["id"]
    assert api.post(f"/api/v1/meeting-requests/{request_id}/accept/").status_code == 403
    api.force_authenticate(member_b)
    accepted = api.post(f"/api/v1/meeting-requests/{request_id}/accept/")
    assert accepted.json()["status"] == "accepted"
    assert api.post(f"/api/v1/events/{event.pk}/schedule/").status_code == 403
    api.force_authenticate(broker)
    run = api.post(f"/api/v1/events/{event.pk}/schedule/").json()
    assert run["report"]["meetings"] == 1 and not run["published"]
    api.post(f"/api/v1/events/{event.pk}/publish-schedule/")
    api.force_authenticate(member_b)
    agenda = api.get(f"/api/v1/events/{event.pk}/schedule/").json()
    assert agenda["published"] and len(agenda["meetings"]) == 1
    assert agenda["meetings"][0]["request"]["sender"]["user"] == "member_a"


def test_outsiders_do_not_see_who_comes(api, event, member_a, member_b):
    register(event, member_b)
    api.force_authenticate(member_a)
    assert api.get(f"/api/v1/events/{event.pk}/participants/").status_code == 403


def test_the_schema_documents_the_events_endpoints(api, db):
    schema = api.get("/api/schema/").content.decode()
    for path in ("/api/v1/events/", "/api/v1/meeting-requests/", "/api/v1/event-registrations/"):
        assert path in schema


def test_a_request_naming_no_valid_event_is_refused_plainly(api, member_a):
    api.force_authenticate(member_a)
    response = api.post(
        "/api/v1/meeting-requests/", {"event": "abc", "recipient": 1}, format="json"
    )
    assert response.status_code == 400 and "event" in response.json()


def test_brokers_move_lock_and_record_results_through_the_api(
    api, event, broker, member_a, member_b
):
    a, b = register(event, member_a), register(event, member_b)
    request = services.meeting_request_create(sender=a, recipient=b, user=member_a)
    services.meeting_request_answer(request=request, user=member_b, accept=True)
    api.force_authenticate(broker)
    api.post(f"/api/v1/events/{event.pk}/schedule/", {"suggestions": False}, format="json")
    [meeting] = api.get(f"/api/v1/event-meetings/?event={event.pk}").json()["results"]
    moved = api.post(
        f"/api/v1/event-meetings/{meeting['id']}/move/", {"slot": 4, "table": 1}, format="json"
    )
    assert moved.status_code == 400 and "时段" in str(moved.json())  # slot 4 is the break
    moved = api.post(
        f"/api/v1/event-meetings/{meeting['id']}/move/", {"slot": 5, "table": 2}, format="json"
    ).json()
    assert (moved["slot"], moved["table"], moved["locked"]) == (5, 2, True)
    early = api.post(
        f"/api/v1/event-meetings/{meeting['id']}/result/", {"outcome": "no_show"}, format="json"
    )
    assert early.status_code == 400 and "活动开始后" in early.json()["detail"]
    api.force_authenticate(member_a)
    assert api.get("/api/v1/event-meetings/").status_code == 403

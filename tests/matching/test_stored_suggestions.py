"""Stored strong suggestions: refreshed on publication, told to the owners once, recomputed by
refresh_matches, and turned into matches from the brokers' queue."""

import logging
from io import StringIO

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from market.needs import services as need_services
from market.needs.models import Need
from matching import refresh
from matching.engine import suggest_outcomes
from matching.models import Match, Suggestion
from tests.factories import (
    MAGNESIUM_NEED,
    MATCHING_OUTCOMES,
    make_matching_outcome,
    make_need,
    make_outcome,
)

MG_NEED = MAGNESIUM_NEED["title"]
SECRET_NEED = "镁合金压铸件真空度控制"
MEMBERS_NEED = "镁合金压铸件熔体净化改进"


@pytest.fixture
def outcomes(matching_outcomes):
    """Three published outcomes: one fits the magnesium need, one barely, one not at all."""
    return matching_outcomes


def publish_need(organization, user, broker, capture, **fields):
    """Publish a need the way a broker does, running what waits for the commit."""
    fields = {**MAGNESIUM_NEED, **fields}
    with capture(execute=True):
        return make_need(organization, user, status="published", broker=broker, **fields)


def digests_to(address: str, title: str) -> list:
    """The suggestion digests (not the workflow's emails) sent to one address about ``title``."""
    return [m for m in mail.outbox if m.to == [address] and title in m.subject and "http" in m.body]


def pairs() -> set[tuple[int, int]]:
    """The stored strong pairs: what the brokers' queue lists and the owners are told of."""
    strong = Suggestion.objects.filter(confidence="strong")
    return set(strong.values_list("need_id", "outcome_id"))


# --- publishing a need -------------------------------------------------------------------------


def test_publishing_a_need_stores_its_strong_suggestions_and_tells_the_enterprise_once(
    outcomes, firm_a, member_a, broker, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    need = publish_need(firm_a, member_a, broker, django_capture_on_commit_callbacks)

    stored = Suggestion.objects.get(need=need)
    assert stored.outcome == outcomes["mg"]
    assert stored.score >= 0.5
    assert any("镁合金" in reason for reason in stored.reasons)
    assert "镁合金" in stored.shared_terms

    # The enterprise gets the workflow's "published" email and one digest naming the outcome,
    # its score, its page and the reasons; the weak and the unrelated outcomes are not in it.
    mail_to_firm = [m for m in mail.outbox if m.to == [member_a.email]]
    digest = [m for m in mail_to_firm if outcomes["mg"].title in m.body]
    assert len(digest) == 1
    body = digest[0].body
    assert need.title in digest[0].subject
    assert f"{stored.score:.2f}" in body
    assert f"http://testserver{outcomes['mg'].url}" in body
    assert stored.reasons[0] in body
    assert outcomes["al"].title not in body and outcomes["chip"].title not in body
    assert Suggestion.objects.get(need=need).enterprise_notified_at is not None

    # Nothing new since: refreshing again (as another publication would) sends nothing more.
    sent = len(mail.outbox)
    assert refresh.after_need_published(need.pk) == 0
    assert len(mail.outbox) == sent


def test_only_strong_suggestions_are_stored_or_emailed(
    outcomes, firm_a, member_a, broker, django_capture_on_commit_callbacks
):
    need = publish_need(firm_a, member_a, broker, django_capture_on_commit_callbacks)
    shown = {s.id: s.confidence for s in suggest_outcomes(need)}
    # The page shows the aluminium moulds outcome too, but not as strong: only the strong one
    # is kept.
    assert shown[outcomes["mg"].pk] == "strong"
    assert outcomes["al"].pk in shown and shown[outcomes["al"].pk] != "strong"
    assert pairs() == {(need.pk, outcomes["mg"].pk)}

    # A need that both die-casting outcomes answer alike has no strong suggestion: nothing is
    # stored, no email goes out.
    mail.outbox.clear()
    other = publish_need(
        firm_a,
        member_a,
        broker,
        django_capture_on_commit_callbacks,
        title="压铸件气孔",
        summary="压铸件气孔多。",
        description="压铸件气孔多，想减少。",
    )
    assert {s.confidence for s in suggest_outcomes(other)} <= {"medium", "weak"}
    assert not Suggestion.objects.filter(need=other, confidence="strong").exists()
    # the medium ones are kept for whom to meet at events, never queued
    kept = Suggestion.objects.filter(need=other)
    assert {s.confidence for s in kept} <= {"medium"}
    assert [m.subject for m in mail.outbox if "http://testserver/outcomes/" in m.body] == []


# --- publishing an outcome ---------------------------------------------------------------------


def test_an_institution_digest_never_names_a_brokers_only_need(
    embedded_search,
    section_a,
    firm_a,
    member_a,
    firm_b,
    member_b,
    broker,
    editor_a,
    approver_a,
    django_capture_on_commit_callbacks,
):
    capture = django_capture_on_commit_callbacks
    public = publish_need(firm_a, member_a, broker, capture)
    members = publish_need(
        firm_a, member_a, broker, capture, title=MEMBERS_NEED, confidentiality="members"
    )
    secret = publish_need(
        firm_b,
        member_b,
        broker,
        capture,
        title=SECRET_NEED,
        summary="仅经纪人可见：镁合金压铸件真空度控制。",
        confidentiality="brokers",
    )
    mail.outbox.clear()
    with capture(execute=True):
        outcome = make_matching_outcome("mg", section_a)

    # Brokers will see all three pairs in their queue ...
    assert {(public.pk, outcome.pk), (members.pk, outcome.pk), (secret.pk, outcome.pk)} <= pairs()
    # ... the institution's editor and approver each read of the two they may see, once.
    for person in (editor_a, approver_a):
        received = [m for m in mail.outbox if m.to == [person.email]]
        assert len(received) == 1
        text = received[0].subject + received[0].body
        assert outcome.title in received[0].subject
        assert public.title in text and members.title in text
        assert f"http://testserver/needs/{public.pk}/" in text
        assert SECRET_NEED not in text and "仅经纪人可见" not in text
        assert f"/needs/{secret.pk}/" not in text
    # Each enterprise hears of the new outcome for its own need, once, and of nothing else.
    to_a = [m for m in mail.outbox if m.to == [member_a.email]]
    to_b = [m for m in mail.outbox if m.to == [member_b.email]]
    assert len(to_a) == 2  # one digest for each of its two needs
    assert {public.title, members.title} == {
        t for m in to_a for t in (public.title, members.title) if t in m.subject
    }
    assert all(outcome.title in m.body for m in to_a)
    assert len(to_b) == 1 and SECRET_NEED in to_b[0].subject and outcome.title in to_b[0].body
    assert all(SECRET_NEED not in m.body + m.subject for m in to_a)

    sent = len(mail.outbox)
    assert refresh.after_outcome_published(outcome.pk) == 0  # nothing new: no second email
    assert len(mail.outbox) == sent


def test_unpublishing_or_closing_forgets_the_stored_suggestions(
    outcomes, firm_a, member_a, broker, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    need = publish_need(firm_a, member_a, broker, capture)
    other = publish_need(firm_a, member_a, broker, capture, title="镁合金压铸件气孔问题")
    assert Suggestion.objects.filter(need=need).exists()
    with capture(execute=True):
        need_services.need_withdraw(need=need, user=member_a)
    assert not Suggestion.objects.filter(need=need).exists()
    assert Suggestion.objects.filter(need=other, outcome=outcomes["mg"]).exists()
    with capture(execute=True):
        outcomes["mg"].unpublish()
    assert not Suggestion.objects.filter(outcome=outcomes["mg"]).exists()


# --- refresh_matches ---------------------------------------------------------------------------


def test_refresh_matches_recomputes_the_rows_prints_a_summary_and_never_emails(
    outcomes, firm_a, member_a, firm_b, member_b, broker, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    first = publish_need(firm_a, member_a, broker, capture)
    second = publish_need(firm_b, member_b, broker, capture, title="镁合金压铸件气孔率降低")
    kept = Suggestion.objects.get(need=first, outcome=outcomes["mg"])
    Suggestion.objects.filter(pk=kept.pk).update(score=0.01, reasons=[])  # stale figures
    Suggestion.objects.filter(need=second).delete()  # missing rows
    mail.outbox.clear()

    out, err = StringIO(), StringIO()
    call_command("refresh_matches", stdout=out, stderr=err)

    summary = out.getvalue()
    assert "Ranked 3 published outcomes for 2 published needs" in summary
    stored = Suggestion.objects.count()
    assert f"{stored} strong and medium suggestions stored" in summary
    assert "2/2" in err.getvalue()  # the progress bar
    assert mail.outbox == []  # never emails
    assert pairs() == {(first.pk, outcomes["mg"].pk), (second.pk, outcomes["mg"].pk)}
    kept.refresh_from_db()  # the same row, its figures recomputed against today's index
    now = {s.id: s for s in suggest_outcomes(first)}[outcomes["mg"].pk]
    assert (kept.score, kept.reasons) == (now.score, now.reasons)

    before = list(Suggestion.objects.order_by("pk").values_list("pk", "need", "outcome", "score"))
    call_command("refresh_matches", "--no-progress", stdout=StringIO(), stderr=StringIO())
    after = list(Suggestion.objects.order_by("pk").values_list("pk", "need", "outcome", "score"))
    assert after == before


def test_a_pair_carries_the_needs_score_whichever_side_was_published_last(
    embedded_search,
    section_a,
    section_b,
    firm_a,
    member_a,
    broker,
    django_capture_on_commit_callbacks,
):
    capture = django_capture_on_commit_callbacks
    need = publish_need(firm_a, member_a, broker, capture)  # nothing to suggest yet
    assert not Suggestion.objects.exists()
    with capture(execute=True):
        mg = make_matching_outcome("mg", section_a)
        # Its own ranking puts the need first (the only need there is), but for the need it
        # is a weak suggestion: it shares 压铸 and little else.
        al = make_matching_outcome("al", section_b)
    from_need = {s.id: s.score for s in suggest_outcomes(need)}
    row = Suggestion.objects.get()
    assert (row.need, row.outcome) == (need, mg)
    assert row.score == from_need[mg.pk]
    assert al.pk in from_need and from_need[al.pk] < 0.5

    # Recomputing, from either side and in any order, gives the same row.
    refresh.refresh_outcome(al)
    refresh.refresh_need(need)
    refresh.refresh_outcome(mg)
    refresh.refresh_all()
    assert list(Suggestion.objects.values_list("pk", "score")) == [(row.pk, row.score)]


def test_a_need_keeps_at_most_the_configured_number(
    outcomes, firm_a, member_a, broker, settings, django_capture_on_commit_callbacks
):
    settings.MATCHING_STORED_PER_ITEM = 1
    need = publish_need(firm_a, member_a, broker, django_capture_on_commit_callbacks)
    assert pairs() == {(need.pk, outcomes["mg"].pk)}


# --- the brokers' queue ------------------------------------------------------------------------


def _section(html: str) -> str:
    start = html.index('id="strong-suggestions"')
    return html[start : html.index("</section>", start)]


def test_the_broker_queue_shows_a_strong_suggestion_and_starts_a_match_from_it(
    client, outcomes, firm_a, member_a, broker, editor_a, django_capture_on_commit_callbacks
):
    need = publish_need(firm_a, member_a, broker, django_capture_on_commit_callbacks)
    stored = Suggestion.objects.get(need=need)

    client.force_login(broker)
    section = _section(client.get("/matches/").content.decode())
    assert need.title in section and outcomes["mg"].title in section
    assert f"{stored.score:.2f}" in section
    assert stored.reasons[1] in section
    start_url = f"/matches/suggestions/{stored.pk}/start/"
    assert f'action="{start_url}"' in section

    # Neither the enterprise nor the institution may start a match or see the queue.
    for outsider in (member_a, editor_a):
        client.force_login(outsider)
        assert client.get("/matches/").status_code == 403
        assert client.post(start_url).status_code == 403
    assert not Match.objects.exists()

    client.force_login(broker)
    response = client.post(start_url)
    match = Match.objects.get(need=need, outcome=outcomes["mg"])
    assert response.status_code == 302 and response["Location"] == f"/matches/{match.pk}/"
    assert (match.status, match.broker, match.score) == ("suggested", broker, stored.score)
    assert match.reasons == stored.reasons
    event = match.events.get()
    assert (event.action, event.actor, event.to_status) == ("created", broker, "suggested")
    detail = client.get(response["Location"]).content.decode()
    assert need.title in detail and stored.reasons[0] in detail

    # Taken up: no longer a new suggestion; the queue says there is none left.
    html = client.get("/matches/").content.decode()
    assert f"/matches/suggestions/{stored.pk}/start/" not in _section(html)
    assert 'class="empty-state"' in _section(html)
    assert match.pk in [m.pk for m in client.get("/matches/").context["matches"]]


def test_starting_from_a_suggestion_whose_need_is_no_longer_published_says_so(
    client, outcomes, firm_a, member_a, broker, django_capture_on_commit_callbacks
):
    need = publish_need(firm_a, member_a, broker, django_capture_on_commit_callbacks)
    stored = Suggestion.objects.get(need=need)
    # Solved while the broker's queue was open; the row is still there for a moment.
    need_services.need_mark_solved(need=need, user=member_a)
    assert Suggestion.objects.filter(pk=stored.pk).exists()

    client.force_login(broker)
    assert need.title not in _section(client.get("/matches/").content.decode())
    response = client.post(f"/matches/suggestions/{stored.pk}/start/")
    assert response.status_code == 302 and response["Location"] == "/matches/"
    errors = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    assert len(errors) == 1 and need.title in errors[0]
    assert not Match.objects.exists()


def test_the_queue_says_when_there_is_no_strong_suggestion(client, broker):
    client.force_login(broker)
    section = _section(client.get("/matches/").content.decode())
    assert 'class="empty-state"' in section and "/matches/suggestions/" not in section


# --- when search is down ------------------------------------------------------------------------


def test_search_down_during_a_refresh_does_not_undo_the_publication(
    outcomes, firm_a, member_a, broker, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from search.backends import SearchUnavailable

    def down(*args, **kwargs):
        raise SearchUnavailable("no search")

    monkeypatch.setattr(refresh.engine, "suggest_outcomes", down)
    with caplog.at_level(logging.WARNING, logger="background.tasks"):
        need = publish_need(firm_a, member_a, broker, django_capture_on_commit_callbacks)
    assert Need.objects.get(pk=need.pk).status == Need.Status.PUBLISHED
    assert not Suggestion.objects.exists()
    assert "refresh_matches" in caplog.text


def test_the_refresh_needs_no_other_task_to_have_run_first(
    embedded_search, section_a, firm_a, member_a, broker, django_capture_on_commit_callbacks
):
    """Tasks run in any order, on any worker: the refresh after a publication brings the index
    up to date for its item itself, so it finds the pair even when the indexing task has not run
    (here: no task ran at all until the refresh is called)."""
    from matching import tasks

    with django_capture_on_commit_callbacks(execute=False):
        outcome = make_outcome(section_a, slug="mg", **MATCHING_OUTCOMES["mg"])
        need = make_need(firm_a, member_a, status="published", broker=broker, **MAGNESIUM_NEED)
    assert not suggest_outcomes(need)  # the index has neither yet

    tasks.after_outcome_published.call(outcome.pk)  # the outcome's refresh alone
    tasks.after_need_published.call(need.pk)  # the need's alone

    assert Suggestion.objects.get(need=need).outcome_id == outcome.pk


def test_the_suggestions_api_lists_them_for_brokers_and_starts_a_match(
    client, outcomes, firm_a, member_a, broker, editor_a, django_capture_on_commit_callbacks
):
    need = publish_need(firm_a, member_a, broker, django_capture_on_commit_callbacks)
    stored = Suggestion.objects.get(need=need)
    url = "/api/v1/suggestions/"
    start = f"{url}{stored.pk}/start/"

    assert client.get(url).status_code in (401, 403)
    for outsider in (member_a, editor_a):
        client.force_login(outsider)
        assert client.get(url).status_code == 403
        assert client.post(start).status_code == 403
    assert not Match.objects.exists()

    client.force_login(broker)
    body = client.get(url).json()
    assert body["count"] == 1
    (item,) = body["results"]
    assert item["need"] == {"id": need.pk, "title": need.title}
    assert item["outcome"] == {"id": outcomes["mg"].pk, "title": outcomes["mg"].title}
    assert item["enterprise"] == firm_a.name
    assert item["score"] == stored.score and item["reasons"] == stored.reasons
    assert "镁合金" in item["shared_terms"]

    response = client.post(start)
    assert response.status_code == 201
    match = Match.objects.get(need=need, outcome=outcomes["mg"])
    assert response.json()["id"] == match.pk and response.json()["status"] == "suggested"
    assert response.json()["events"][0]["action"] == "created"
    assert client.get(url).json()["count"] == 0  # taken up
    assert client.post(start).status_code == 200  # the pair's match, unchanged
    assert Match.objects.count() == 1

    # A need closed since: a clear 400, nothing started.
    other = Suggestion.objects.create(
        need=need,
        outcome=outcomes["al"],
        score=0.6,
        parts={},
        shared_terms=[],
        reasons=[],
        computed_at=timezone.now(),
    )
    need_services.need_withdraw(need=need, user=member_a)  # its rows go after the commit
    response = client.post(f"{url}{other.pk}/start/")
    assert response.status_code == 400
    assert "已不在发布状态" in response.json()["detail"]
    assert Match.objects.count() == 1

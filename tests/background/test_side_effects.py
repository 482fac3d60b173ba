"""A publication's side effects are tasks: a mail server that fails stops none of the others."""

import pytest
from django.core import mail
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from market.needs.models import Need
from matching.models import Suggestion
from tests.background.worker import run_worker_batch
from tests.factories import MAGNESIUM_NEED, make_need

REFUSING = "tests.background.failing_mail.RefusingEmailBackend"


@pytest.fixture
def outcomes(matching_outcomes):
    return matching_outcomes


def found_by_search(client, need: Need) -> bool:
    """A visitor searching the need's title gets a link to its page."""
    client.logout()
    page = client.get("/search/", {"q": need.title}).content.decode()
    return f'href="/needs/{need.pk}/"' in page


def publish_on_the_page(client, broker, need: Need):
    client.force_login(broker)
    return client.post(f"/needs/{need.pk}/publish/")


def test_a_mail_server_that_fails_leaves_the_index_and_the_suggestions_right(
    client, settings, outcomes, firm_a, member_a, broker, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING
    need = make_need(firm_a, member_a, status="submitted", **MAGNESIUM_NEED)

    with django_capture_on_commit_callbacks(execute=True):
        response = publish_on_the_page(client, broker, need)

    # The broker sees the step done, not a server error after the commit.
    assert response.status_code == 302
    assert Need.objects.get(pk=need.pk).status == Need.Status.PUBLISHED
    # The index and the suggestions were not held back by the refused email.
    assert found_by_search(client, need)
    assert Suggestion.objects.filter(need=need, outcome=outcomes["mg"]).exists()
    assert not mail.outbox


@pytest.mark.django_db(transaction=True)
def test_with_a_worker_the_refused_email_runs_again_and_the_rest_is_done(
    client, settings, database_tasks, outcomes, firm_a, member_a, broker
):
    settings.EMAIL_BACKEND = REFUSING
    need = make_need(firm_a, member_a, status="submitted", **MAGNESIUM_NEED)
    run_worker_batch()  # the outcomes' indexing and the submission's email
    DBTaskResult.objects.all().delete()

    response = publish_on_the_page(client, broker, need)
    assert response.status_code == 302
    # The request only enqueued: the email, the index update, the suggestions.
    waiting = set(DBTaskResult.objects.ready().values_list("task_path", flat=True))
    assert {
        "market.needs.notifications.send_need_email",
        "search.tasks.update_index",
        "matching.tasks.after_need_published",
    } <= waiting
    assert not found_by_search(client, need)

    run_worker_batch()

    assert found_by_search(client, need)
    assert Suggestion.objects.filter(need=need, outcome=outcomes["mg"]).exists()
    emails = DBTaskResult.objects.filter(task_path="market.needs.notifications.send_need_email")
    failed = emails.get(status=TaskResultStatus.FAILED)
    assert "SMTPServerDisconnected" in failed.exception_class_path
    retry = emails.get(status=TaskResultStatus.READY)  # later: 30 s
    assert retry.args_kwargs["kwargs"]["_attempt"] == 2
    assert retry.run_after > failed.finished_at

    # The mail server is back; the retry, once due, sends the enterprise its email.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=failed.finished_at)
    run_worker_batch()
    assert DBTaskResult.objects.get(pk=retry.pk).status == TaskResultStatus.SUCCESSFUL
    assert [m.to for m in mail.outbox if need.title in m.subject] == [[member_a.email]]

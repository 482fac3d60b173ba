"""One log line a request with its id; the id comes back in X-Request-ID and is on every line
logged while the request runs, also by background work it queues; JSON lines for collectors."""

import json
import logging

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from pythonjsonlogger.json import JsonFormatter

from portal.logs import RequestIdFilter, RequestLogMiddleware


class Records(list):
    handler: logging.Handler


class Lines(logging.Handler):
    """A handler as the console's: the request-id filter, and the records kept."""

    def __init__(self):
        super().__init__()
        self.addFilter(RequestIdFilter())
        self.records = Records()
        self.records.handler = self

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def lines():
    handler = Lines()
    for name in ("portal.requests", "tests.view"):
        logging.getLogger(name).addHandler(handler)
        logging.getLogger(name).setLevel(logging.INFO)
    yield handler.records
    for name in ("portal.requests", "tests.view"):
        logging.getLogger(name).removeHandler(handler)


def view(request):
    logging.getLogger("tests.view").warning("在视图里")
    return HttpResponse("ok", status=201)


def test_a_request_gets_an_id_and_one_line(lines, db):
    response = RequestLogMiddleware(view)(RequestFactory().post("/needs/new/?q=secret"))
    rid = response["X-Request-ID"]
    assert len(rid) == 32
    in_view, request_line = lines
    assert in_view.request_id == rid == request_line.request_id
    assert (request_line.method, request_line.path, request_line.status) == (
        "POST",
        "/needs/new/",
        201,
    )
    assert "secret" not in request_line.getMessage()  # the path without its query string
    assert request_line.user is None


def test_a_proxy_id_is_kept_and_a_strange_one_replaced(lines, db):
    middleware = RequestLogMiddleware(view)
    kept = middleware(RequestFactory().get("/", HTTP_X_REQUEST_ID="lb-7f3a.42"))
    assert kept["X-Request-ID"] == "lb-7f3a.42"
    replaced = middleware(RequestFactory().get("/", HTTP_X_REQUEST_ID="bad id\n<script>"))
    assert replaced["X-Request-ID"] != "bad id\n<script>" and len(replaced["X-Request-ID"]) == 32


def test_outside_a_request_the_id_is_a_dash(lines):
    logging.getLogger("tests.view").warning("no request")
    assert lines[-1].request_id == "-"


@pytest.mark.django_db(transaction=True)
def test_a_task_enqueued_by_a_request_logs_with_its_id(lines, settings):
    """The task runs later, in a worker; its lines carry the id of the request that queued it."""
    from background.backends import tasks_setting
    from background.tasks import enqueue_on_commit
    from tests.background import sample_tasks
    from tests.background.worker import run_worker_batch

    settings.TASKS = tasks_setting("database")
    logging.getLogger("tests.background").addHandler(handler := lines.handler)

    def queuing_view(request):
        enqueue_on_commit(sample_tasks.log_line, "later")
        return HttpResponse("ok")

    try:
        response = RequestLogMiddleware(queuing_view)(RequestFactory().get("/"))
        assert not [r for r in lines if r.getMessage() == "later"]
        run_worker_batch()
    finally:
        logging.getLogger("tests.background").removeHandler(handler)
    later = [r for r in lines if r.getMessage() == "later"]
    assert len(later) == 1 and later[0].request_id == response["X-Request-ID"]


def test_the_site_answers_with_an_id(client, db):
    assert len(client.get("/healthz")["X-Request-ID"]) == 32


def test_json_lines_have_the_fields_and_readable_chinese():
    from portal.settings.base import LOGGING  # the tests' own settings log less

    config = LOGGING["formatters"]["json"]
    formatter = JsonFormatter(
        fmt=config["fmt"], timestamp=config["timestamp"], json_ensure_ascii=False
    )
    record = logging.LogRecord(
        "portal.requests", logging.INFO, __file__, 1, "需求 %s", ("已发布",), None
    )
    RequestIdFilter().filter(record)
    record.status = 200
    line = formatter.format(record)
    data = json.loads(line)
    assert data["message"] == "需求 已发布" and "需求" in line
    assert data["request_id"] == "-" and data["status"] == 200 and "timestamp" in data

"""The id of the request being served, carried into the background work it starts.

portal.logs sets it for each request and puts it on every log line; background.tasks passes it
with each task it enqueues and sets it again while the task runs, so the lines of a request and
of its tasks are found together.
"""

import contextvars

request_id = contextvars.ContextVar("request_id", default="-")


def current_request_id() -> str:
    return request_id.get()

"""One log line a request, and a request id carried by every line logged while it runs.

``RequestLogMiddleware`` (first in MIDDLEWARE) takes the id from the ``X-Request-ID`` header a
proxy sets (when it is a plain token) or makes one, sends it back in the same header, and logs
``method path status ms user`` on the ``portal.requests`` logger when the response is ready.
``RequestIdFilter`` puts the id on every record (``request_id``, ``-`` outside a request), so the
lines of one request, and of the background tasks it enqueued (background.tasks carries the id
into each task), can be found together. ``LOG_FORMAT=json`` (production's default) writes each
record as one JSON object.
"""

import logging
import re
import time
import uuid

from background.context import request_id

logger = logging.getLogger("portal.requests")
_TOKEN = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        return True


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        rid = given if _TOKEN.match(given) else uuid.uuid4().hex
        token = request_id.set(rid)
        request.request_id = rid
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = rid
            user = getattr(request, "user", None)
            logger.info(
                "%s %s %s %.1fms",
                request.method,
                request.path,
                response.status_code,
                (time.perf_counter() - started) * 1000,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                    "user": user.pk if user is not None and user.is_authenticated else None,
                },
            )
            return response
        finally:
            request_id.reset(token)

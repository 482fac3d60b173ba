"""The portal's own 404 and 500 pages while DEBUG is on (the demo runs with it).

Django answers a missing page with its debug page listing every URL pattern, and an error with
a traceback, whenever DEBUG is on; a person trying the demo should see what production shows.
``portal.settings.dev`` adds this middleware unless ``DEBUG_ERROR_PAGES`` is set (developers
who want the tracebacks back). Errors are still logged with their traceback.
"""

import logging

from django.http import Http404
from django.urls import Resolver404, get_resolver
from django.views import defaults

logger = logging.getLogger("django.request")


class OwnErrorPagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A path no URL pattern takes never reaches a view, so process_exception cannot see it.
        try:
            get_resolver(getattr(request, "urlconf", None)).resolve(request.path_info)
        except Resolver404 as missing:
            return defaults.page_not_found(request, missing)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return defaults.page_not_found(request, exception)
        if isinstance(exception, Exception) and not _handled_by_django(exception):
            logger.error(
                "Internal Server Error: %s",
                request.path,
                exc_info=exception,
                extra={"request": request},
            )
            return defaults.server_error(request)
        return None


def _handled_by_django(exception) -> bool:
    """Exceptions Django turns into their own pages with or without DEBUG (403, 400)."""
    from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation

    return isinstance(exception, PermissionDenied | BadRequest | SuspiciousOperation)

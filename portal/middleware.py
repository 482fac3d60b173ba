"""The site speaks Chinese unless the visitor picks another language with the switcher; every
response carries a Content-Security-Policy; a part that is down gets a plain answer, not a 500."""

import logging

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from portal.storage import DiskFull

logger = logging.getLogger(__name__)


class SiteLanguageMiddleware:
    """Activate the language chosen in the switcher (a cookie), else the site's own, zh-hans.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: a city portal
    serves Chinese first, also to a browser set to English, and English on request.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        patch_vary_headers(response, ("Cookie",))
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with one policy for the site and one for the workbench.

    The site's (``CONTENT_SECURITY_POLICY``) runs scripts only from our own files or with the
    request's nonce, so a stored text that slipped through escaping still could not run. Wagtail's
    workbench (``/admin/``) runs inline scripts and styles of its own: it gets
    ``PORTAL_ADMIN_CONTENT_SECURITY_POLICY``, which allows those but keeps everything else to
    this site.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        admin = request.path_info.startswith(settings.PORTAL_ADMIN_PATH)
        if admin and not report_only and parts.config is None:
            parts.config = default_config(settings.PORTAL_ADMIN_CONTENT_SECURITY_POLICY)
        return parts


class UnavailableMiddleware:
    """When a part the request needs is not there, a plain answer at once, never a 500:

    - the database locked (SQLite's one writer, after the busy timeout): 503 "busy, please try
      again"; the transaction was rolled back, nothing was half saved;
    - the database unreachable (restarting, the connection dropped): 503 "please try again in a
      moment"; Django opens a new connection for the next request, so the site recovers by
      itself when the database is back;
    - the disk full for an upload (portal.storage.DiskFull): 507; the partial file was removed
      and the row that would have named it not saved.

    As JSON on the API; elsewhere a page that needs no database (a page of the site would read
    the footer's settings from it). With Retry-After where waiting helps.
    """

    RETRY_AFTER_SECONDS = 5

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DiskFull):
            message = _(
                "The server has no room left for files: your file was not saved, and nothing "
                "else of this step either. Please try again later; the administrators are told."
            )
            logger.error("upload refused: the disk is full (%s)", request.path)
            return self._answer(request, message, status=507, retry=False)
        if isinstance(exception, OperationalError) and "locked" in str(exception).lower():
            message = _(
                "The site is busy saving other changes. Nothing was saved; please try again."
            )
            return self._answer(request, message, status=503, retry=True)
        if isinstance(exception, (OperationalError, InterfaceError)):
            message = _(
                "The database cannot be reached for a moment: this step was not done. Please "
                "try again in a minute."
            )
            logger.error("database unavailable (%s): %s", request.path, type(exception).__name__)
            return self._answer(request, message, status=503, retry=True)
        return None

    def _answer(self, request, message, *, status: int, retry: bool):
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {"detail": message}, status=status, json_dumps_params={"ensure_ascii": False}
            )
        else:
            page = loader.get_template("unavailable.html").render({"message": message})
            response = HttpResponse(page, status=status)
        if retry:
            response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        return response

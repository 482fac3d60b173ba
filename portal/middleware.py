"""The site speaks Chinese unless the visitor picks another language with the switcher; every
response carries a Content-Security-Policy."""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.db import OperationalError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _


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


class DatabaseBusyMiddleware:
    """A write that still finds the database locked (SQLite's one writer, after the busy
    timeout) answers 503 "please try again" with Retry-After, as JSON on the API and as a page
    elsewhere, never a 500: the transaction was rolled back, nothing was half saved."""

    RETRY_AFTER_SECONDS = 5

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not (isinstance(exception, OperationalError) and "locked" in str(exception).lower()):
            return None
        message = _("The site is busy saving other changes. Nothing was saved; please try again.")
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {"detail": message}, status=503, json_dumps_params={"ensure_ascii": False}
            )
        else:
            response = render(request, "503.html", {"message": message}, status=503)
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        return response

"""The site speaks Chinese unless the visitor picks another language with the switcher; every
response carries a Content-Security-Policy."""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


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

"""Production: PostgreSQL and Elasticsearch (docker-compose.yml); refuses to start unset."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SECRET_KEY, env

PORTAL_ENVIRONMENT = "production"
DEBUG = False
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production.")

STORAGES = {
    **STORAGES,  # noqa: F405
    "default": {"BACKEND": "portal.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Links in emails: PORTAL_BASE_URL, else https on the first allowed host.
PORTAL_BASE_URL = env.str(
    "PORTAL_BASE_URL", default=f"https://{ALLOWED_HOSTS[0].lstrip('.')}"
).rstrip("/")
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL

# HTTPS only, behind a TLS-terminating proxy that sets X-Forwarded-Proto. Each can be turned
# off by environment for a plain-HTTP trial (docs/operations.md); `check --deploy` is clean
# with the defaults.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
# One JSON object a log line, for the log collector (LOG_FORMAT=text for people).
LOGGING["handlers"]["console"]["formatter"] = env.str("LOG_FORMAT", default="json")  # noqa: F405

"""Settings shared by every environment, from environment variables with safe local defaults."""

import datetime
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from background.backends import tasks_setting

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PORTAL_DIR = BASE_DIR / "portal"
VAR_DIR = Path(environ.Env().str("PORTAL_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# development, test or production; commands that write demo data refuse production.
PORTAL_ENVIRONMENT = "development"

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "portal",
    "background",
    "taxonomy",
    "accounts",
    "cms",
    "market",
    "market.funding",
    "matching",
    "matching.events",
    "search",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "drf_spectacular",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # First: times the whole request and gives it the id its log lines carry (portal.logs).
    "portal.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.SiteLanguageMiddleware",
    "portal.middleware.UnavailableMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a login refused by django-axes into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp; portal.middleware): the site runs scripts and <style>s
# only from its own files or carrying the request's nonce ({{ request.csp_nonce }}); style=""
# attributes are allowed (CSS runs no script). The workbench (Wagtail's admin) needs its inline
# scripts and styles, so /admin/ gets a policy that allows them and keeps the rest to the site.
PORTAL_ADMIN_PATH = "/admin/"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
PORTAL_ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-src": [SELF],
}

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PORTAL_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "accounts.context_processors.roles",
            ],
        },
    },
    # Emails are plain text: rendered without HTML escaping, so a title with quotes reads
    # "like this" in a subject, not &quot;like this&quot; (market.needs.notifications.render_email).
    {
        "NAME": "plain_text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PORTAL_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has one writer at a time: a write transaction takes the lock when it begins and
    # others wait for it (up to SQLITE_BUSY_TIMEOUT seconds) instead of failing at once with
    # "database is locked"; what still fails is a 503 "try again" (portal.middleware).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20),
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL

# Failed logins (django-axes): the web log-in, the workbench's and POST /api/v1/auth/token/ all
# authenticate through the axes backend, which refuses a username from an address after
# LOGIN_FAILURE_LIMIT wrong passwords, for LOGIN_COOLOFF_MINUTES, even with the right one.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_VERBOSE = False
# API tokens (POST /api/v1/auth/token/) stop working this many days after they were issued.
API_TOKEN_TTL_DAYS = env.int("API_TOKEN_TTL_DAYS", default=30)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PORTAL_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Files that need a permission check (need attachments): never served as plain media.
PRIVATE_MEDIA_ROOT = VAR_DIR / "private"
NEED_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
# Spreadsheet imports (needs, the registration ledger): the largest upload, what its parts may
# unpack to, the rows a ledger import takes at once and the columns read of any sheet.
SPREADSHEET_IMPORT_MAX_BYTES = env.int("SPREADSHEET_IMPORT_MAX_BYTES", default=2 * 1024 * 1024)
SPREADSHEET_IMPORT_MAX_UNPACKED_BYTES = env.int(
    "SPREADSHEET_IMPORT_MAX_UNPACKED_BYTES", default=30 * 1024 * 1024
)
SPREADSHEET_IMPORT_MAX_ROWS = env.int("SPREADSHEET_IMPORT_MAX_ROWS", default=2000)
SPREADSHEET_IMPORT_MAX_COLUMNS = 60

# Technology contract registration: this office's registration point (GB/T 2260 code, part of
# every registration number) and the amount (yuan) from which a second registrar must approve.
CONTRACT_REGISTRATION_POINT = env.str("CONTRACT_REGISTRATION_POINT", default="410600")
CONTRACT_SECOND_REVIEW_FROM = env.str("CONTRACT_SECOND_REVIEW_FROM", default="10000000.00")
# portal.storage.FileSystemStorage: an upload that finds the disk full leaves nothing behind.
STORAGES = {
    "default": {"BACKEND": "portal.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "portal.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="noreply@techmarket.example")

# One cache all web processes share (portal.caching invalidates by a generation kept in it):
# a folder under var/ on one machine, Redis (CACHE_URL=redis://...) across several.
CACHES = {"default": env.cache("CACHE_URL", default=f"filecache://{VAR_DIR / 'cache'}")}

WAGTAIL_SITE_NAME = "鹤壁科技大市场"
# Where people reach the portal: the links in emails and the workbench's. `make demo` and
# `make serve` set it to the port they serve on; production to https://<first allowed host>.
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
# Wagtail's page search in the workbench, taught Chinese by search.wagtail_backend.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# The workbench loads nothing from elsewhere (its Content-Security-Policy allows only this
# site): no avatars from Gravatar, no check for new Wagtail releases (upgrades go through pip).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Search: the embedded engine with its files under var/search, unless a search server is named.
# SEARCH_BACKEND picks (embedded, elasticsearch, opensearch); without it OPENSEARCH_URL means
# OpenSearch and ELASTICSEARCH_URL Elasticsearch. search.backends.get_backend() reads
# SEARCH_BACKEND; SEARCH_CLUSTER keeps the server's settings even where tests search embedded.
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
OPENSEARCH_URL = env.str("OPENSEARCH_URL", default="")
SEARCH_ENGINE = env.str("SEARCH_BACKEND", default="") or (
    "opensearch" if OPENSEARCH_URL else "elasticsearch" if ELASTICSEARCH_URL else "embedded"
)
SEARCH_CLUSTER_BACKENDS = {
    "elasticsearch": "search.backends.elastic.ElasticsearchBackend",
    "opensearch": "search.backends.opensearch.OpenSearchBackend",
}
if SEARCH_ENGINE not in ("embedded", *SEARCH_CLUSTER_BACKENDS):
    raise ImproperlyConfigured(
        f"SEARCH_BACKEND={SEARCH_ENGINE!r}: use embedded, elasticsearch or opensearch."
    )
SEARCH_CLUSTER = {}
if SEARCH_ENGINE != "embedded":
    _search_url = (
        OPENSEARCH_URL or ELASTICSEARCH_URL
        if SEARCH_ENGINE == "opensearch"
        else ELASTICSEARCH_URL or OPENSEARCH_URL
    )
    if not _search_url:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND={SEARCH_ENGINE} needs the server's URL in "
            f"{'OPENSEARCH_URL' if SEARCH_ENGINE == 'opensearch' else 'ELASTICSEARCH_URL'}."
        )
    SEARCH_CLUSTER = {
        "BACKEND": SEARCH_CLUSTER_BACKENDS[SEARCH_ENGINE],
        "URL": _search_url,
        "INDEX_PREFIX": env.str("ELASTICSEARCH_INDEX_PREFIX", default="portal"),
    }
SEARCH_BACKEND = SEARCH_CLUSTER or {
    "BACKEND": "search.backends.embedded.EmbeddedBackend",
    "PATH": VAR_DIR / "search",
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "accounts.authentication.ExpiringTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "portal.api.pagination.BoundedPageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "portal.api.schema.PortalAutoSchema",
    # The services' ValidationError, PermissionDenied and DoesNotExist as 400, 403 and 404.
    "EXCEPTION_HANDLER": "portal.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "鹤壁科技大市场 API",
    "DESCRIPTION": _("Research outcomes, technology needs, matching and contract registration."),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["portal.api.schema.public_api_only"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "portal.api.schema.local_times",
    ],
    "ENUM_NAME_OVERRIDES": {"MatchStatusEnum": "matching.models.Match.Status"},
}

PORTAL_OUTCOME_PAGE_SIZE = 12

# Matching: the engine's strong suggestions are stored (matching.Suggestion) when a need or an
# outcome is published (a background task), and nightly by the refresh_matches job. Strong is
# the engine's confidence label (matching.engine.confidence); each need and each outcome keeps at
# most MATCHING_STORED_PER_ITEM of its own.
# Sentence embeddings in matching (search.semantic, matching.vectors): vectors of needs and
# outcomes computed when they are published; off, the engine ranks on words alone.
MATCHING_SEMANTIC = env.bool("MATCHING_SEMANTIC", default=True)
MATCHING_STORED_PER_ITEM = env.int("MATCHING_STORED_PER_ITEM", default=10)

# Background tasks (django-tasks; background/): every side effect of a write (indexing,
# suggestions, emails) is a task enqueued after the commit. TASKS_BACKEND "database": rows that
# `manage.py run_worker` runs, with retries and recovery from a worker that died; "immediate":
# each task runs at once in the process that enqueued it (development and tests).
TASKS = tasks_setting(env.str("TASKS_BACKEND", default="database"))
# A worker beats every quarter of this; a task it left running is run again once it is silent.
TASKS_WORKER_SILENT_AFTER = env.int("TASKS_WORKER_SILENT_AFTER", default=60)
# A running task whose worker never beat (not started by run_worker) counts as abandoned after:
TASKS_ABANDONED_AFTER = env.int("TASKS_ABANDONED_AFTER", default=6 * 3600)
TASKS_KEEP_RESULTS_DAYS = env.int("TASKS_KEEP_RESULTS_DAYS", default=14)
# The periodic jobs, enqueued on time by `manage.py run_scheduler` (crontab lines, TIME_ZONE).
PERIODIC_TASKS = {
    "refresh_matches": {"task": "matching.tasks.refresh_all_matches", "cron": "30 2 * * *"},
    "close_expired_needs": {"task": "market.needs.tasks.close_expired_needs", "cron": "10 0 * * *"},
    "expire_vouchers": {"task": "market.funding.tasks.expire_vouchers", "cron": "20 0 * * *"},
    "event_reminders": {"task": "matching.events.tasks.send_reminders", "cron": "0 9 * * *"},
    "requeue_abandoned": {"task": "background.tasks.requeue_abandoned_tasks", "cron": "* * * * *"},
    "publish_scheduled_pages": {"task": "cms.tasks.publish_scheduled_pages", "cron": "* * * * *"},
    "prune_task_results": {"task": "background.tasks.prune_task_results", "cron": "40 3 * * 0"},
}

# /healthz (portal.health) calls the background tasks degraded when the oldest waiting task has
# waited longer than this (seconds); the disk, below this many MB free.
HEALTH_MAX_TASK_WAIT = env.int("HEALTH_MAX_TASK_WAIT", default=300)
HEALTH_MIN_FREE_MB = env.int("HEALTH_MIN_FREE_MB", default=500)

# A load balancer asks /healthz over plain HTTP: answered there, never redirected to HTTPS
# (production redirects every other request).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Logs go to the console: one line a request (portal.requests), every line with the request's
# id (portal.logs). LOG_FORMAT=json writes one JSON object a line, for a log collector.
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.logs.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": ["levelname", "name", "request_id", "message"],
            "timestamp": True,
            "json_ensure_ascii": False,
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Wagtail's reference-index tasks log every run at INFO.
    "loggers": {"django_tasks": {"level": "WARNING"}},
}

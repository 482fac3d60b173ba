"""Tests: the same apps as production, fast hashing, in-memory mail, media in a temporary folder."""

import tempfile

from background.backends import tasks_setting

from .base import *  # noqa: F403
from .base import env

PORTAL_ENVIRONMENT = "test"
DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="portal-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="portal-test-private-")
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {
        "BACKEND": "portal.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
}
PORTAL_BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
SEARCH_BACKEND = {
    "BACKEND": "search.backends.embedded.EmbeddedBackend",
    "PATH": tempfile.mkdtemp(prefix="portal-test-search-"),
}
# Background tasks run at once after the commit, so a test sees their effect; the tests of the
# worker itself use the database backend (tests/background; TASKS_BACKEND=database for the worker
# processes they start).
TASKS = tasks_setting(env.str("TASKS_BACKEND", default="immediate"))
# Encoding with the embedding model takes a moment per text: the tests of semantic matching turn
# it on themselves (tests/matching/test_semantic.py); the rest rank on words.
MATCHING_SEMANTIC = False
# Each test process its own cache, emptied before every test (tests/conftest.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME", default=None)}  # noqa: F405
# A parallel run on SQLite migrates one database for all its processes, each copying it over a
# test database made from the models (tests/database_template.py).
if env.str("PORTAL_TEST_DATABASE_TEMPLATE", default=""):
    DATABASES["default"]["TEST"]["MIGRATE"] = False  # noqa: F405

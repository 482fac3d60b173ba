"""Local development: debug on, emails printed to the console, any local host allowed."""

from background.backends import tasks_setting

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-change-me")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# Background tasks run at once in the process that enqueued them: no worker to start. With
# TASKS_BACKEND=database, run `make worker` beside `make serve`, as production does.
TASKS = tasks_setting(env.str("TASKS_BACKEND", default="immediate"))

# The portal's own 404 and 500 pages, in Chinese with a way back, even with DEBUG on (the demo);
# DEBUG_ERROR_PAGES=true brings back Django's debug pages.
if not env.bool("DEBUG_ERROR_PAGES", default=False):
    MIDDLEWARE = [*MIDDLEWARE, "portal.error_pages.OwnErrorPagesMiddleware"]  # noqa: F405

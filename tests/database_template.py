"""One migrated SQLite database for all the processes of a parallel run.

Running the migrations (230-odd, most of them Wagtail's) takes a quarter of a minute of CPU, and
each pytest-xdist process used to run them for its own test database at the same moment. In a
parallel run on SQLite, the controller now starts them once, in a background process, as soon
as it is configured, and the test processes start meanwhile (those handed a test that needs no
database run it while they wait). Each process then makes its test database from the
models (a second: portal/settings/test.py turns its migrations off when a template is coming)
and copies the migrated template over it with SQLite's backup, so every test still runs on a
database the migrations made. On PostgreSQL, or in one process, nothing changes.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ENVIRONMENT = "PORTAL_TEST_DATABASE_TEMPLATE"
_STARTED = pytest.StashKey[tuple]()
WAIT_SECONDS = 600

# Run by the background process: migrate a new file, then move it to where the test processes
# look for it (so they never see half a database); or leave the error beside it.
_MIGRATE = """
import os, subprocess, sys
target = sys.argv[1]
building = target + ".building"
env = dict(os.environ, DATABASE_URL="sqlite:///" + building)
done = subprocess.run(
    [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
    env=env, capture_output=True, text=True,
)
if done.returncode == 0:
    os.replace(building, target)
else:
    with open(target + ".failed", "w") as failed:
        failed.write(done.stdout + done.stderr)
"""


def start(config, root: Path) -> None:
    """In the controller of a parallel run on SQLite: start migrating the template."""
    from django.conf import settings

    parallel = getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput")
    sqlite = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    if not parallel or not sqlite or os.environ.get(ENVIRONMENT):
        return
    folder = Path(tempfile.mkdtemp(prefix="portal-test-template-"))
    target = folder / "migrated.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-c", _MIGRATE, str(target)],
        cwd=root,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
    )
    config.stash[_STARTED] = (folder, process)
    # The test processes start after this and inherit it (portal/settings/test.py reads it).
    os.environ[ENVIRONMENT] = str(target)


def stop(config) -> None:
    started = config.stash.get(_STARTED, None)
    if started is None:
        return
    folder, process = started
    if process.poll() is None:
        process.kill()
        process.wait()
    shutil.rmtree(folder, ignore_errors=True)
    os.environ.pop(ENVIRONMENT, None)


def copy_into_test_database() -> bool:
    """In a test process: wait for the template and copy it over this process's test database;
    False when there is none to copy (one process, or PostgreSQL)."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    template = os.environ.get(ENVIRONMENT)
    if not template or settings.DATABASES["default"]["TEST"].get("MIGRATE", True):
        return False
    path = Path(template)
    deadline = time.monotonic() + WAIT_SECONDS
    while not path.exists():
        failed = Path(f"{template}.failed")
        if failed.exists():
            raise RuntimeError(f"the migrations failed:\n{failed.read_text()}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"no migrated test database after {WAIT_SECONDS} s")
        time.sleep(0.2)
    connection.ensure_connection()
    source = sqlite3.connect(path)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    # Ids the database made from the models before the copy are not the template's.
    ContentType.objects.clear_cache()
    return True

import pytest
from django.core.management import call_command

from background.backends import tasks_setting


@pytest.fixture
def database_tasks(settings):
    """Tasks wait in the database for a worker, as in production."""
    settings.TASKS = tasks_setting("database")


def run_worker_batch(**options):
    """``manage.py run_worker --batch``: run every task that is due, then stop."""
    from io import StringIO

    out = StringIO()
    call_command(
        "run_worker", "--batch", "--no-startup-delay", "--interval", "0", stdout=out, **options
    )
    return out.getvalue()

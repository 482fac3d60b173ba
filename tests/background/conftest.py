import pytest

from background.backends import tasks_setting


@pytest.fixture
def database_tasks(settings):
    """Tasks wait in the database for a worker, as in production."""
    settings.TASKS = tasks_setting("database")

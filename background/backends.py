"""settings.TASKS for a backend name (plain Python: the settings modules import it)."""

BACKENDS = {
    # rows in the database, run by `manage.py run_worker` (production)
    "database": "django_tasks_db.DatabaseBackend",
    # each task runs at once in the process that enqueued it (development, tests, the demo seed)
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}


def tasks_setting(backend: str) -> dict:
    if backend not in BACKENDS:
        raise ValueError(f"TASKS_BACKEND must be one of {sorted(BACKENDS)}, not {backend!r}.")
    return {"default": {"BACKEND": BACKENDS[backend]}}

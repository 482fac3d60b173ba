"""What the benchmarks share: Django on the throwaway settings, percentiles, and cleaning up."""

import os
import shutil


def setup_django() -> None:
    """Set up Django on benchmarks/settings.py (a throwaway database and search index)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    import django

    django.setup()


def create_tables() -> None:
    """The throwaway database's tables made straight from the models, with the vocabularies the
    migrations load: a second, where running the portal's 230-odd migrations takes a quarter of a
    minute. For benchmarks that only read and write the portal's own rows (no Wagtail page tree:
    those migrate, as a real database does)."""
    from django.apps import apps
    from django.core.management import call_command
    from django.test.utils import override_settings

    from taxonomy.services import terms_sync

    without_migrations = {config.label: None for config in apps.get_app_configs()}
    with override_settings(MIGRATION_MODULES=without_migrations):
        call_command("migrate", run_syncdb=True, verbosity=0)
    terms_sync()


def remove_benchmark_dir() -> None:
    """Delete the throwaway folder of benchmarks/settings.py (database and index)."""
    from django.conf import settings

    shutil.rmtree(settings.BENCHMARK_DIR, ignore_errors=True)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]

"""What the benchmarks share: Django on the throwaway settings, percentiles, and cleaning up."""

import os
import shutil


def setup_django() -> None:
    """Set up Django on benchmarks/settings.py (a throwaway database and search index)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    import django

    django.setup()


def remove_benchmark_dir() -> None:
    """Delete the throwaway folder of benchmarks/settings.py (database and index)."""
    from django.conf import settings

    shutil.rmtree(settings.BENCHMARK_DIR, ignore_errors=True)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]

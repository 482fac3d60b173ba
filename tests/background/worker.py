"""Running the background worker from a test."""

from io import StringIO

from django.core.management import call_command


def run_worker_batch(**options):
    """``manage.py run_worker --batch``: run every task that is due, then stop."""
    out = StringIO()
    call_command(
        "run_worker", "--batch", "--no-startup-delay", "--interval", "0", stdout=out, **options
    )
    return out.getvalue()

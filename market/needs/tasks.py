"""Needs' periodic work (settings.PERIODIC_TASKS): the daily close of expired needs.

The review emails are tasks of notifications.py (``send_need_email``), which the services
enqueue; this module stands above the services and nothing of ours imports it.
"""

from background.tasks import background_task
from market.needs.services import needs_expire


@background_task(retries=1)
def close_expired_needs() -> int:
    return needs_expire()

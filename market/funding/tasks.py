"""Funding's background work: the daily expiry of vouchers past their validity."""

from background.tasks import background_task
from market.funding.services import vouchers_expire


@background_task(retries=1)
def expire_vouchers() -> int:
    return vouchers_expire()

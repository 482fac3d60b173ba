"""Funding's background work: the daily expiry of vouchers past their validity."""

from background.tasks import background_task


@background_task(retries=1)
def expire_vouchers() -> int:
    from market.funding.services import vouchers_expire

    return vouchers_expire()

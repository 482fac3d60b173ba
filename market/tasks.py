"""Needs' background work: review emails and the daily close of expired needs."""

from background.tasks import background_task


@background_task()
def send_need_email(template: str, need_id: int) -> int:
    """``template``: need_submitted (to the brokers), need_published or need_returned (to the
    enterprise). A need gone meanwhile gets no email."""
    from market import notifications
    from market.models import Need

    need = Need.objects.select_related("organization").filter(pk=need_id).first()
    if need is None:
        return 0
    return notifications.SENDERS[template](need)


@background_task(retries=1)
def close_expired_needs() -> int:
    from market.services import needs_expire

    return needs_expire()

"""Emails about needs: new submissions to brokers, review decisions to the enterprise."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.utils.translation import override

from accounts.models import User
from accounts.roles import Role
from background.tasks import background_task
from market.needs.models import Need


def site_url(path: str) -> str:
    """The absolute address of a path of the site, for emails (an absolute URL stays as it is)."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.PORTAL_BASE_URL + path


def render_email(name: str, context: dict) -> tuple[str, str]:
    """The subject (``<name>_subject.txt``, one line) and body (``<name>.txt``) of an email, as
    plain text: nothing HTML-escaped. Every app's emails are rendered here."""
    subject = render_to_string(f"{name}_subject.txt", context, using="plain_text")
    body = render_to_string(f"{name}.txt", context, using="plain_text")
    return " ".join(subject.split()), body


def _send(template: str, need: Need, recipients: list[str], **extra) -> int:
    recipients = sorted({r for r in recipients if r})
    if not recipients:
        return 0
    with override(settings.LANGUAGE_CODE):
        context = {"need": need, "url": site_url(f"/needs/{need.pk}/"), **extra}
        subject, body = render_email(f"market/email/{template}", context)
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [r]) for r in recipients]
    return send_mass_mail(messages, fail_silently=False)


def brokers_emails() -> list[str]:
    return list(
        User.objects.filter(is_active=True, memberships__role=Role.BROKER)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def enterprise_emails(need: Need) -> list[str]:
    members = User.objects.filter(
        is_active=True,
        memberships__organization=need.organization,
        memberships__role=Role.ENTERPRISE_MEMBER,
    )
    return list(members.exclude(email="").values_list("email", flat=True).distinct())


def need_submitted(need: Need) -> int:
    return _send("need_submitted", need, brokers_emails(), review_url=site_url("/needs/review/"))


def need_published(need: Need) -> int:
    return _send("need_published", need, enterprise_emails(need))


def need_returned(need: Need) -> int:
    return _send("need_returned", need, enterprise_emails(need))


SENDERS = {
    "need_submitted": need_submitted,
    "need_published": need_published,
    "need_returned": need_returned,
}


@background_task()
def send_need_email(template: str, need_id: int) -> int:
    """A background task (enqueued by the needs services after their commit): ``template`` is
    need_submitted (to the brokers), need_published or need_returned (to the enterprise). A need
    gone meanwhile gets no email."""
    need = Need.objects.select_related("organization").filter(pk=need_id).first()
    return SENDERS[template](need) if need is not None else 0

"""Writes to needs. Every change of a need goes through here and leaves a NeedEvent."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization, User
from accounts.services import organization_acting_for
from accounts.text import REASON_MAX, max_chars
from background.tasks import enqueue_on_commit
from market.attachments import check_attachment
from market.history import locked_in_status
from market.needs import permissions, signals
from market.needs.models import Need, NeedAttachment, NeedEvent
from market.needs.notifications import send_need_email

# Fields an enterprise fills in; the rest is the workflow's.
EDITABLE_FIELDS = (
    "title",
    "summary",
    "description",
    "tech_field",
    "industry",
    "district",
    "budget_min_wan",
    "budget_max_wan",
    "deadline",
    "contact_name",
    "contact_phone",
    "contact_email",
    "confidentiality",
)


def _reindex(need: Need) -> None:
    from market.needs.search import reindex_need  # search.py reads models; imported when needed

    reindex_need(need.pk)


def _jsonable(value):
    if isinstance(value, Decimal | datetime.date):
        return str(value)
    if hasattr(value, "pk"):
        return str(value)
    return value


def _check_length(name: str, text: str, limit: int) -> None:
    """A reviewer's reason or note, not a field of the need, held to the same kind of limit."""
    try:
        max_chars(limit)(text or "")
    except ValidationError as error:
        raise ValidationError({name: error.messages}) from error


def _validate(need: Need, cooperation_modes) -> None:
    errors = {}
    try:
        # The table's constraints are checked below with messages people understand.
        need.full_clean(validate_constraints=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    low, high = need.budget_min_wan, need.budget_max_wan
    if low is not None and high is not None and low > high:
        errors.setdefault("budget_max_wan", []).append(
            _("The upper end of the budget is below the lower end.")
        )
    if not list(cooperation_modes):
        errors.setdefault("cooperation_modes", []).append(
            _("Choose at least one way to cooperate.")
        )
    if errors:
        raise ValidationError(errors)


def need_enterprise(
    *, user: User, organization: Organization | None = None, imported: bool = False
) -> Organization:
    """Which enterprise a new need belongs to: the one rule for the pages, the API and the import.

    The enterprise chosen, if the user may post for it (``permissions.enterprises_posting_for``);
    none chosen, the user's only enterprise. A member of several enterprises chooses one.
    """
    return organization_acting_for(
        permissions.enterprises_posting_for(user, imported=imported).order_by("name"),
        organization,
        several=ValidationError(
            {
                "organization": _(
                    "You belong to several enterprises; choose the one this need is for."
                )
            }
        ),
        not_yours=ValidationError({"organization": _("Choose one of your enterprises.")}),
        nobody=PermissionDenied(_("Only enterprise members may post needs.")),
    )


@transaction.atomic
def need_create(
    *,
    organization: Organization | None = None,
    user: User,
    data: dict,
    cooperation_modes,
    imported: bool = False,
) -> Need:
    """A new draft need, written by ``user`` for ``organization`` (see ``need_enterprise``)."""
    organization = need_enterprise(user=user, organization=organization, imported=imported)
    cooperation_modes = list(cooperation_modes)
    need = Need(organization=organization, created_by=user, status=Need.Status.DRAFT)
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(need, name, data[name])
    _validate(need, cooperation_modes)
    need.save()
    need.cooperation_modes.set(cooperation_modes)
    action = NeedEvent.Action.IMPORTED if imported else NeedEvent.Action.CREATED
    NeedEvent.record(need, user, action)
    return need


@transaction.atomic
def need_update(*, need: Need, user: User, data: dict, cooperation_modes) -> Need:
    """Edit a draft or returned need; the event records the old and new values."""
    if not permissions.owns_need(user, need):
        raise PermissionDenied(_("Only the enterprise may edit its need, and only before review."))
    cooperation_modes = list(cooperation_modes)
    need, _before = _transition(need, permissions.EDITABLE)
    changes = {}
    for name in EDITABLE_FIELDS:
        if name in data and getattr(need, name) != data[name]:
            changes[name] = [_jsonable(getattr(need, name)), _jsonable(data[name])]
            setattr(need, name, data[name])
    old_modes = sorted(t.code for t in need.cooperation_modes.all())
    new_modes = sorted(t.code for t in cooperation_modes)
    if old_modes != new_modes:
        changes["cooperation_modes"] = [old_modes, new_modes]
    _validate(need, cooperation_modes)
    need.save()
    need.cooperation_modes.set(cooperation_modes)
    if changes:
        NeedEvent.record(need, user, NeedEvent.Action.UPDATED, before=need.status, changes=changes)
    return need


def _transition(need: Need, allowed: tuple[str, ...]) -> tuple[Need, str]:
    return locked_in_status(
        need, allowed, _("This need is “%(status)s”; that step is not possible now.")
    )


@transaction.atomic
def need_submit(*, need: Need, user: User) -> Need:
    """The enterprise sends its need to the brokers for review."""
    if not permissions.owns_need(user, need):
        raise PermissionDenied(_("Only the enterprise may submit its need."))
    need, before = _transition(need, permissions.EDITABLE)
    if permissions.awaits_verification(user, need):
        raise ValidationError(
            _("Your enterprise awaits verification by an administrator; you can submit after it.")
        )
    if need.deadline <= timezone.localdate():
        raise ValidationError({"deadline": _("The deadline has passed; choose a later date.")})
    need.status = Need.Status.SUBMITTED
    need.submitted_at = timezone.now()
    need.save(update_fields=["status", "submitted_at", "updated_at"])
    NeedEvent.record(need, user, NeedEvent.Action.SUBMITTED, before=before)
    enqueue_on_commit(send_need_email, "need_submitted", need.pk)
    return need


def _check_reviewer(need: Need, user: User) -> None:
    if not permissions.can_review_need(user):
        raise PermissionDenied(_("Only brokers review needs."))
    if permissions.reviews_own_need(user, need):
        raise PermissionDenied(
            _("You belong to %(enterprise)s, whose need this is; another broker reviews it.")
            % {"enterprise": need.organization.name}
        )


@transaction.atomic
def need_publish(*, need: Need, user: User) -> Need:
    """A broker publishes a submitted need."""
    _check_reviewer(need, user)
    need, before = _transition(need, (Need.Status.SUBMITTED,))
    need.status = Need.Status.PUBLISHED
    need.published_at = timezone.now()
    need.reviewed_by = user
    need.return_reason = ""
    need.save(
        update_fields=["status", "published_at", "reviewed_by", "return_reason", "updated_at"]
    )
    NeedEvent.record(need, user, NeedEvent.Action.PUBLISHED, before=before)
    enqueue_on_commit(send_need_email, "need_published", need.pk)
    _reindex(need)
    signals.need_published.send(sender=Need, need=need)
    return need


@transaction.atomic
def need_return(*, need: Need, user: User, reason: str) -> Need:
    """A broker returns a submitted need to the enterprise, saying what to change."""
    _check_reviewer(need, user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what the enterprise should change.")})
    _check_length("reason", reason, REASON_MAX)
    need, before = _transition(need, (Need.Status.SUBMITTED,))
    need.status = Need.Status.RETURNED
    need.return_reason = reason
    need.reviewed_by = user
    need.save(update_fields=["status", "return_reason", "reviewed_by", "updated_at"])
    NeedEvent.record(need, user, NeedEvent.Action.RETURNED, before=before, note=reason)
    enqueue_on_commit(send_need_email, "need_returned", need.pk)
    return need


def _close(need: Need, user: User | None, reason: str, allowed: tuple[str, ...], note="") -> Need:
    need, before = _transition(need, allowed)
    need.status = Need.Status.CLOSED
    need.close_reason = reason
    need.closed_at = timezone.now()
    need.save(update_fields=["status", "close_reason", "closed_at", "updated_at"])
    NeedEvent.record(need, user, NeedEvent.Action.CLOSED, before=before, note=note or reason)
    _reindex(need)
    signals.need_closed.send(sender=Need, need=need)
    return need


@transaction.atomic
def need_withdraw(*, need: Need, user: User) -> Need:
    """The enterprise takes its need back (before or after publication)."""
    if not permissions.owns_need(user, need):
        raise PermissionDenied(_("Only the enterprise may withdraw its need."))
    return _close(need, user, Need.CloseReason.WITHDRAWN, permissions.WITHDRAWABLE)


@transaction.atomic
def need_mark_solved(*, need: Need, user: User, note: str = "") -> Need:
    """The enterprise or a broker closes a published need as solved."""
    if not permissions.closes_need(user, need):
        raise PermissionDenied(_("Only the enterprise or a broker may close this need."))
    _check_length("note", note, REASON_MAX)
    return _close(need, user, Need.CloseReason.SOLVED, (Need.Status.PUBLISHED,), note)


def needs_expire(*, today: datetime.date | None = None) -> int:
    """Close published needs whose deadline has passed; returns how many."""
    today = today or timezone.localdate()
    closed = 0
    for need in Need.objects.filter(status=Need.Status.PUBLISHED, deadline__lt=today):
        with transaction.atomic():
            _close(need, None, Need.CloseReason.EXPIRED, (Need.Status.PUBLISHED,))
        closed += 1
    return closed


@transaction.atomic
def attachment_add(*, need: Need, user: User, uploaded) -> NeedAttachment:
    """Attach a checked file to an editable need."""
    if not permissions.can_edit_need(user, need):
        raise PermissionDenied(_("Only the enterprise may add files, and only before review."))
    content_type = check_attachment(uploaded)
    attachment = NeedAttachment.objects.create(
        need=need,
        file=uploaded,
        name=uploaded.name[:200],
        size=uploaded.size,
        content_type=content_type,
        uploaded_by=user,
    )
    NeedEvent.record(
        need, user, NeedEvent.Action.ATTACHMENT_ADDED, before=need.status, note=attachment.name
    )
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: NeedAttachment, user: User) -> None:
    need = attachment.need
    if not permissions.can_edit_need(user, need):
        raise PermissionDenied(_("Only the enterprise may remove files, and only before review."))
    name = attachment.name
    attachment.file.delete(save=False)
    attachment.delete()
    NeedEvent.record(need, user, NeedEvent.Action.ATTACHMENT_REMOVED, before=need.status, note=name)

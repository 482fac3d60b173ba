"""Writes to matches. Every change of a match goes through here and leaves a MatchEvent."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from cms.models import OutcomePage
from cms.selectors import institution_of
from market.contracts.models import Contract
from market.needs.models import Need
from matching import permissions
from matching.models import Match, MatchEvent, Suggestion

# The forward path of a match; "closed" may end any open match.
STEPS = (
    Match.Status.SUGGESTED,
    Match.Status.INTRODUCED,
    Match.Status.MEETING,
    Match.Status.NEGOTIATING,
    Match.Status.SIGNED,
)


def _check_outcome(outcome: OutcomePage) -> None:
    if not OutcomePage.objects.live().public().filter(pk=outcome.pk).exists():
        raise ValidationError(_("Only published outcomes can be matched."))


def _check_need(need: Need) -> None:
    if need.status != Need.Status.PUBLISHED:
        raise ValidationError(_("Only published needs can be matched."))


def _check_contract(match: Match, contract: Contract) -> None:
    """The contract is this match's: the outcome's institution sells, the need's enterprise
    buys, and a need or outcome the contract names is the match's own."""
    institution = institution_of(match.outcome)
    enterprise = match.need.organization
    parties = (
        institution is not None
        and contract.seller_organization_id == institution.pk
        and contract.buyer_organization_id == enterprise.pk
    )
    sources = contract.need_id in (None, match.need_id) and contract.outcome_id in (
        None,
        match.outcome_id,
    )
    if not (parties and sources):
        raise ValidationError(
            {
                "contract": _(
                    "Contract %(number)s is not this match's: a match's contract is sold by "
                    "the outcome's institution (%(seller)s) and bought by the need's enterprise "
                    "(%(buyer)s)."
                )
                % {
                    "number": contract.registration_number or contract.pk,
                    "seller": institution.name if institution else "—",
                    "buyer": enterprise.name,
                }
            }
        )


@transaction.atomic
def match_express_interest(*, need: Need, outcome: OutcomePage, user: User) -> Match:
    """An enterprise member asks the brokers to introduce one of its published needs to an
    outcome: the match is created as "suggested" (or reused), with an "interest" event."""
    if not permissions.can_express_interest(user, need):
        raise PermissionDenied(_("Only the enterprise may ask for an introduction for its need."))
    _check_need(need)
    _check_outcome(outcome)
    match, created = Match.objects.get_or_create(
        need=need,
        outcome=outcome,
        defaults={"status": Match.Status.SUGGESTED, "created_by": user},
    )
    MatchEvent.record(
        match, user, MatchEvent.Action.INTEREST, before="" if created else match.status
    )
    if not created:
        match.save(update_fields=["updated_at"])
    return match


@transaction.atomic
def match_create(
    *,
    need: Need,
    outcome: OutcomePage,
    user: User,
    score: float | None = None,
    reasons=(),
) -> Match:
    """A broker pairs a need with an outcome; an existing pair is returned unchanged."""
    if not permissions.can_manage_match(user):
        raise PermissionDenied(_("Only brokers create matches."))
    _check_need(need)
    _check_outcome(outcome)
    existing = Match.objects.filter(need=need, outcome=outcome).first()
    if existing is not None:
        return existing
    match = Match(
        need=need,
        outcome=outcome,
        status=Match.Status.SUGGESTED,
        score=score,
        reasons=list(reasons),
        created_by=user,
        broker=user,
    )
    match.full_clean(validate_unique=False)
    match.save()
    MatchEvent.record(match, user, MatchEvent.Action.CREATED)
    return match


@transaction.atomic
def match_start_from_suggestion(*, suggestion: Suggestion, user: User) -> Match:
    """A broker starts a match from a stored suggestion: "suggested", with the suggestion's
    score and reasons and a "created" event saying where it came from. A pair that already has
    a match gets that match back unchanged."""
    if not permissions.can_manage_match(user):
        raise PermissionDenied(_("Only brokers create matches."))
    need, outcome = suggestion.need, suggestion.outcome
    if need.status != Need.Status.PUBLISHED:
        raise ValidationError(
            _("The need “%(title)s” is no longer published; no match was started.")
            % {"title": need.title}
        )
    if not OutcomePage.objects.live().public().filter(pk=outcome.pk).exists():
        raise ValidationError(
            _("The outcome “%(title)s” is no longer published; no match was started.")
            % {"title": outcome.title}
        )
    existing = Match.objects.filter(need=need, outcome=outcome).first()
    if existing is not None:
        return existing
    match = Match(
        need=need,
        outcome=outcome,
        status=Match.Status.SUGGESTED,
        score=suggestion.score,
        reasons=list(suggestion.reasons),
        created_by=user,
        broker=user,
    )
    match.full_clean(validate_unique=False)
    match.save()
    note = _("Started from a stored suggestion (score %(score).2f).") % {"score": suggestion.score}
    MatchEvent.record(match, user, MatchEvent.Action.CREATED, note=note)
    return match


def _follow_up(match: Match, next_step: str, due_date: datetime.date | None) -> None:
    if next_step:
        match.next_step = next_step
    if due_date is not None:
        match.due_date = due_date


@transaction.atomic
def match_advance(
    *,
    match: Match,
    user: User,
    status: str,
    note: str = "",
    next_step: str = "",
    due_date: datetime.date | None = None,
    contract: Contract | None = None,
    close_reason: str = "",
) -> Match:
    """A broker moves a match forward (introduced, meeting, negotiating, signed) or closes it.

    Steps never go back; "signed" needs a registered contract; "closed" needs a reason.
    """
    if not permissions.can_manage_match(user, match):
        raise PermissionDenied(permissions.manage_match_denial(user, match))
    match = Match.objects.select_for_update().get(pk=match.pk)
    before = match.status
    if not match.is_open:
        raise ValidationError(
            _("This match is “%(status)s”; it cannot change any more.")
            % {"status": match.get_status_display()}
        )
    if status == Match.Status.CLOSED:
        close_reason = close_reason.strip()
        if not close_reason:
            raise ValidationError({"close_reason": _("Say why the match is closed.")})
        match.close_reason = close_reason
    elif status in STEPS:
        if STEPS.index(status) <= STEPS.index(before):
            raise ValidationError(
                {
                    "status": _(
                        "A match only moves forward: it is “%(current)s” and cannot become "
                        "“%(wanted)s”."
                    )
                    % {
                        "current": match.get_status_display(),
                        "wanted": Match.Status(status).label,
                    }
                }
            )
    else:
        raise ValidationError({"status": _("Unknown status.")})
    if status == Match.Status.SIGNED:
        contract = contract or match.contract
        if contract is None or contract.status != Contract.Status.REGISTERED:
            raise ValidationError(
                {"contract": _("A signed match links to a registered technology contract.")}
            )
    if contract is not None:
        _check_contract(match, contract)
        match.contract = contract
    match.status = status
    if match.broker_id is None:
        match.broker = user
    _follow_up(match, next_step.strip(), due_date)
    if not match.is_open:
        match.due_date = None  # nothing left to follow up
    match.save()
    MatchEvent.record(match, user, MatchEvent.Action.ADVANCED, before=before, note=note.strip())
    return match


@transaction.atomic
def match_add_note(
    *,
    match: Match,
    user: User,
    note: str,
    next_step: str = "",
    due_date: datetime.date | None = None,
) -> Match:
    """A broker writes down what happened and, optionally, the next step and its date."""
    if not permissions.can_manage_match(user, match):
        raise PermissionDenied(permissions.manage_match_denial(user, match))
    note, next_step = note.strip(), next_step.strip()
    if not (note or next_step or due_date):
        raise ValidationError({"note": _("Write a note or a next step.")})
    match = Match.objects.select_for_update().get(pk=match.pk)
    _follow_up(match, next_step, due_date)
    if match.broker_id is None:
        match.broker = user
    match.save()
    text = note
    if next_step:
        text = "\n".join(filter(None, [note, _("Next step: %(step)s") % {"step": next_step}]))
    MatchEvent.record(match, user, MatchEvent.Action.NOTE, before=match.status, note=text)
    return match

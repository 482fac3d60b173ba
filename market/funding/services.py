"""Every write to vouchers, claims and subsidies, with its rules: who, which state, how much.

Budgets are committed with the scheme's row locked (``SELECT … FOR UPDATE``), so two bureau
reviewers approving at the same moment never commit more than the budget; the database's check
constraints refuse it too. Every step writes a FundingEvent with its actor and time.

The services are the gate (docs/architecture.md): each asks who may act first
(PermissionDenied), then whether the object's state allows the step, on its locked row
(ValidationError), then the input (ValidationError by field); nothing changes when one refuses.
The pages and the API call them and show what they say.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization, User
from accounts.roles import OrganizationKind, Role
from accounts.services import organization_acting_for
from market.contracts.selectors import registered_contracts
from market.funding.models import (
    VOUCHER_OPEN,
    ZERO,
    Claim,
    FundingEvent,
    Provider,
    Scheme,
    Subsidy,
    Voucher,
)
from market.funding.money import subsidy_proposed, voucher_payable, voucher_suggested
from market.funding.permissions import (
    can_decide,
    enterprises_of,
    is_bureau,
    is_party,
    is_provider_of,
)
from market.history import locked_in_status

# Contracts a voucher may be redeemed against, and those a purchase subsidy rests on.
VOUCHER_CONTRACT_TYPES = ("service", "consulting", "development")
SUBSIDY_CONTRACT_TYPES = ("transfer", "licence")
# The province's region codes (GB/T 2260) begin with these digits: Henan.
PROVINCE_PREFIX = "41"
OPEN = VOUCHER_OPEN
BUREAU_PERMISSIONS = (
    "funding.view_scheme",
    "funding.add_scheme",
    "funding.change_scheme",
    "funding.view_provider",
    "funding.add_provider",
    "funding.change_provider",
)


# --- helpers -------------------------------------------------------------------------------------


def _in_status(obj, *allowed):
    """The voucher, claim or subsidy again, its row locked, and its status, if one of ``allowed``;
    else the ValidationError every funding step gives for a wrong state."""
    return locked_in_status(obj, allowed, _("This is “%(status)s”; that step is not possible now."))


def _save(obj, *fields) -> None:
    if any(field.name == "updated_at" for field in obj._meta.fields):
        fields = (*fields, "updated_at")
    obj.save(update_fields=list(fields))


def amount_of(value, field: str) -> Decimal:
    """A positive amount in yuan with at most 2 decimals, or a ValidationError on ``field``."""
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError, TypeError) as error:
        raise ValidationError({field: _("Enter an amount in yuan.")}) from error
    if not amount.is_finite() or amount <= 0 or amount.as_tuple().exponent < -2:
        raise ValidationError(
            {field: _("Enter a positive amount in yuan with at most 2 decimals.")}
        )
    if amount >= Decimal("1e14"):
        raise ValidationError({field: _("This amount is too large.")})
    return amount


def _reason(reason: str, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": message})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("At most 2,000 characters.")})
    return reason


def _require_bureau(user, *parties) -> None:
    if not is_bureau(user):
        raise PermissionDenied(_("Only the science bureau reviews vouchers and subsidies."))
    if not can_decide(user, *parties):
        raise PermissionDenied(_("You belong to a party of this case; another reviewer decides."))


def _wrong_state(obj) -> ValidationError:
    return ValidationError(
        _("This is “%(status)s”; that step is not possible now.")
        % {"status": obj.get_status_display()}
    )


def _open_scheme(today: datetime.date) -> Scheme:
    """This year's scheme, if its application window is open today."""
    scheme = scheme_for(today.year)
    if not scheme.opens_on <= today <= scheme.closes_on:
        raise ValidationError(
            _("Applications are open from %(opens)s to %(closes)s.")
            % {"opens": scheme.opens_on.isoformat(), "closes": scheme.closes_on.isoformat()}
        )
    return scheme


def scheme_for(year: int) -> Scheme:
    scheme = Scheme.objects.filter(year=year).first()
    if scheme is None:
        raise ValidationError(
            _("The science bureau has not set up a scheme for %(year)s.") % {"year": year}
        )
    return scheme


def _enterprise_committed(scheme: Scheme, enterprise_id: int) -> Decimal:
    """What an enterprise's vouchers hold of its yearly cap: an open voucher its face value,
    a closed one what it paid."""
    vouchers = Voucher.objects.filter(scheme=scheme, enterprise_id=enterprise_id)
    open_ = vouchers.filter(status__in=OPEN).aggregate(s=Sum("face_value"))["s"] or ZERO
    closed = (
        vouchers.exclude(status__in=OPEN).exclude(face_value__isnull=True).aggregate(s=Sum("used"))
    )["s"] or ZERO
    return open_ + closed


def _enterprise_subsidised(scheme: Scheme, enterprise_id: int) -> Decimal:
    return (
        Subsidy.objects.filter(
            scheme=scheme,
            enterprise_id=enterprise_id,
            status__in=(Subsidy.Status.APPROVED, Subsidy.Status.PAID),
        ).aggregate(s=Sum("amount"))["s"]
        or ZERO
    )


def bureau_group_permissions(sender, role_group, **kwargs) -> None:
    """A bureau reviewers' group may set up schemes and the provider directory in the
    workbench (connected to accounts' role_group_created in apps.py)."""
    if role_group.role != Role.BUREAU_REVIEWER:
        return
    for dotted in BUREAU_PERMISSIONS:
        app_label, codename = dotted.split(".")
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            role_group.group.permissions.add(permission)


# --- providers -----------------------------------------------------------------------------------

PROVIDER_KINDS = (
    OrganizationKind.UNIVERSITY,
    OrganizationKind.RESEARCH_INSTITUTE,
    OrganizationKind.SERVICE_AGENCY,
)


@transaction.atomic
def provider_list(
    *, organization: Organization, user: User, categories: list[str], note: str = ""
) -> Provider:
    """The bureau lists (or re-lists) an institution or service organization as a provider."""
    if not is_bureau(user):
        raise PermissionDenied(_("Only the science bureau lists voucher providers."))
    if organization.kind not in PROVIDER_KINDS:
        raise ValidationError(
            {"organization": _("Only universities, institutes and service organizations.")}
        )
    if not categories:
        raise ValidationError({"categories": _("Choose the services it offers.")})
    provider = Provider.objects.filter(organization=organization).first() or Provider(
        organization=organization
    )
    provider.categories = list(categories)
    provider.listed = True
    provider.listed_on = timezone.localdate()
    provider.note = note
    provider.full_clean()
    provider.save()
    return provider


# --- vouchers ------------------------------------------------------------------------------------


def voucher_enterprises(user: User):
    """The enterprises ``user`` may apply for vouchers for (the application form's choices);
    someone who belongs to none may not apply."""
    enterprises = enterprises_of(user)
    if not enterprises.exists():
        raise PermissionDenied(_("Only members of an enterprise apply for vouchers."))
    return enterprises


def voucher_enterprise(*, user: User, enterprise: Organization | None = None) -> Organization:
    """Which enterprise a voucher application is for: the one rule for the page and the API.

    The enterprise chosen, if the user is its member; none chosen, the user's only enterprise.
    A member of several enterprises chooses one (a 400 on ``organization`` in the API).
    """
    return organization_acting_for(
        voucher_enterprises(user),
        enterprise,
        several=ValidationError(
            {
                "organization": _(
                    "You belong to several enterprises; choose the one this voucher is for."
                )
            }
        ),
        not_yours=PermissionDenied(_("Only members of the enterprise apply for its vouchers.")),
        nobody=PermissionDenied(_("Only members of an enterprise apply for vouchers.")),
    )


@transaction.atomic
def voucher_apply(
    *,
    user: User,
    enterprise: Organization | None = None,
    provider: Provider,
    category: str,
    purpose: str,
    estimate,
    today: datetime.date | None = None,
) -> Voucher:
    """An enterprise applies for a voucher: what it needs, from which provider, an estimate.
    ``enterprise``: see ``voucher_enterprise``."""
    today = today or timezone.localdate()
    enterprise = voucher_enterprise(user=user, enterprise=enterprise)
    scheme = _open_scheme(today)
    errors: dict[str, list[str]] = {}
    if not enterprise.verified:
        raise ValidationError(_("Your enterprise must be verified before it applies."))
    if (
        scheme.only_listed_enterprises
        and not scheme.qualified_enterprises.filter(pk=enterprise.pk).exists()
    ):
        raise ValidationError(_("This year's vouchers are for the enterprises the bureau listed."))
    if not provider.listed:
        errors["provider"] = [_("This provider is not listed.")]
    if category not in scheme.categories:
        errors["category"] = [_("This year's vouchers do not pay for this service.")]
    elif category not in provider.categories:
        errors["category"] = [_("This provider does not offer this service.")]
    if is_party(user, provider.organization_id):
        errors["provider"] = [_("A voucher cannot buy from your own organization.")]
    purpose = (purpose or "").strip()
    if not purpose:
        errors["purpose"] = [_("Say what your enterprise needs.")]
    try:
        estimate = amount_of(estimate, "estimate")
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    voucher = Voucher(
        scheme=scheme,
        enterprise=enterprise,
        provider=provider,
        category=category,
        purpose=purpose,
        estimate=estimate,
        applied_by=user,
    )
    voucher.full_clean(exclude=["number"])
    voucher.save()
    FundingEvent.record(voucher, user, "applied")
    return voucher


def voucher_suggestion(voucher: Voucher) -> Decimal:
    """The face value the rules suggest for an application (shown to the reviewer)."""
    scheme = voucher.scheme
    enterprise_left = scheme.enterprise_cap - _enterprise_committed(scheme, voucher.enterprise_id)
    return voucher_suggested(
        share=scheme.voucher_share, estimate=voucher.estimate, enterprise_left=enterprise_left
    )


def _voucher_parties(voucher: Voucher) -> tuple[int, int]:
    return voucher.enterprise_id, voucher.provider.organization_id


@transaction.atomic
def voucher_approve(
    *,
    voucher: Voucher,
    user: User,
    face_value,
    note: str = "",
    today: datetime.date | None = None,
) -> Voucher:
    """The bureau issues the voucher with a face value, committed against the budget.

    The scheme's row is locked first: every approval, expiry and withdrawal queues on it, so
    the budget left and the enterprise's cap are read and changed by one reviewer at a time.
    """
    _require_bureau(user, *_voucher_parties(voucher))
    today = today or timezone.localdate()
    scheme = Scheme.objects.select_for_update().get(pk=voucher.scheme_id)
    voucher, before = _in_status(voucher, Voucher.Status.APPLIED)
    face_value = amount_of(face_value, "face_value")
    left = scheme.voucher_budget - scheme.voucher_committed
    if face_value > left:
        raise ValidationError(
            {
                "face_value": _("Only %(left)s yuan of this year's voucher budget is left.")
                % {"left": f"{left:,.2f}"}
            }
        )
    cap_left = scheme.enterprise_cap - _enterprise_committed(scheme, voucher.enterprise_id)
    if face_value > cap_left:
        raise ValidationError(
            {
                "face_value": _(
                    "The enterprise's yearly cap leaves %(left)s yuan for this voucher."
                )
                % {"left": f"{max(cap_left, ZERO):,.2f}"}
            }
        )
    serial = Voucher.objects.filter(scheme=scheme, number__isnull=False).count() + 1
    voucher.number = f"CXQ{scheme.year}{serial:05d}"
    voucher.face_value = face_value
    voucher.valid_from = today
    voucher.valid_until = today + datetime.timedelta(days=scheme.validity_days)
    voucher.status = Voucher.Status.ISSUED
    voucher.decision_note = (note or "").strip()
    voucher.save()
    scheme.voucher_committed += face_value
    scheme.save(update_fields=["voucher_committed"])
    FundingEvent.record(
        voucher,
        user,
        "issued",
        before=before,
        note=voucher.decision_note,
        changes={"number": voucher.number, "face_value": face_value},
    )
    return voucher


@transaction.atomic
def voucher_reject(*, voucher: Voucher, user: User, reason: str) -> Voucher:
    return _refuse(
        voucher,
        user,
        reason,
        parties=_voucher_parties(voucher),
        waiting=Voucher.Status.APPLIED,
        message=_("Say why the voucher is not approved."),
        action="rejected",
    )


def _close(voucher: Voucher, scheme: Scheme, status: str) -> Decimal:
    """Close an open voucher; what it has not paid goes back to the budget."""
    unused = voucher.face_value - voucher.used
    voucher.status = status
    voucher.returned = unused
    _save(voucher, "status", "returned")
    scheme.voucher_committed -= unused
    scheme.save(update_fields=["voucher_committed"])
    return unused


@transaction.atomic
def voucher_withdraw(*, voucher: Voucher, user: User, reason: str = "") -> Voucher:
    """The enterprise withdraws its application or an unused voucher; the bureau may withdraw
    any open voucher (with a reason). Pending claims must be decided first."""
    bureau = is_bureau(user)
    own = enterprises_of(user).filter(pk=voucher.enterprise_id).exists()
    if not (bureau or own):
        raise PermissionDenied(_("Only the enterprise or the science bureau withdraws a voucher."))
    scheme = Scheme.objects.select_for_update().get(pk=voucher.scheme_id)
    voucher, before = _in_status(voucher, Voucher.Status.APPLIED, *OPEN)
    if before == Voucher.Status.APPLIED and not own:
        raise PermissionDenied(_("Refuse the application instead."))
    if bureau and not own:
        reason = _reason(reason, _("Say why the voucher is withdrawn."))
    if before == Voucher.Status.APPLIED:
        voucher.status = Voucher.Status.WITHDRAWN
        _save(voucher, "status")
        returned = ZERO
    else:
        if own and not bureau and voucher.used > 0:
            raise ValidationError(_("A voucher that has paid a claim runs until it expires."))
        if voucher.claims.filter(status=Claim.Status.SUBMITTED).exists():
            raise ValidationError(_("A claim on this voucher awaits review; decide it first."))
        returned = _close(voucher, scheme, Voucher.Status.WITHDRAWN)
    FundingEvent.record(
        voucher,
        user,
        "withdrawn",
        before=before,
        note=(reason or "").strip(),
        changes={"returned": returned},
    )
    return voucher


def vouchers_expire(*, today: datetime.date | None = None) -> int:
    """Expire open vouchers past their validity (no claim pending); the unused value returns
    to the budget. The daily job (``manage.py expire_vouchers``) calls this."""
    today = today or timezone.localdate()
    due = (
        Voucher.objects.filter(status__in=OPEN, valid_until__lt=today)
        .exclude(claims__status=Claim.Status.SUBMITTED)
        .values_list("pk", "scheme_id")
    )
    count = 0
    for pk, scheme_id in list(due):
        with transaction.atomic():
            scheme = Scheme.objects.select_for_update().get(pk=scheme_id)
            voucher = Voucher.objects.select_for_update().get(pk=pk)
            if voucher.status not in OPEN:
                continue
            before = voucher.status
            returned = _close(voucher, scheme, Voucher.Status.EXPIRED)
            FundingEvent.record(
                voucher, None, "expired", before=before, changes={"returned": returned}
            )
            count += 1
    return count


# --- claims --------------------------------------------------------------------------------------


def claimable_contracts(voucher: Voucher):
    """Registered service, consulting or development contracts between the voucher's provider
    (seller) and enterprise (buyer)."""
    return registered_contracts(
        seller=voucher.provider.organization,
        buyer=voucher.enterprise,
        types=VOUCHER_CONTRACT_TYPES,
    )


def claim_payable(voucher: Voucher, fee: Decimal) -> Decimal:
    scheme = voucher.scheme
    return voucher_payable(
        share=scheme.voucher_share, fee=fee, cap=scheme.claim_cap, left=voucher.left
    )


def claimant_check(*, voucher: Voucher, user: User) -> None:
    """Only the voucher's provider claims against it (the claim form asks here too)."""
    if not is_provider_of(user, voucher):
        raise PermissionDenied(_("Only the voucher's provider claims against it."))


@transaction.atomic
def claim_submit(
    *,
    voucher: Voucher,
    user: User,
    contract_id: int,
    invoice_number: str,
    fee,
    today: datetime.date | None = None,
) -> Claim:
    """The provider claims against the voucher with the registered contract and the invoice."""
    today = today or timezone.localdate()
    claimant_check(voucher=voucher, user=user)
    voucher, _status = _in_status(voucher, *OPEN)
    if voucher.valid_until < today:
        raise ValidationError(
            _("This voucher expired on %(day)s.") % {"day": voucher.valid_until.isoformat()}
        )
    errors: dict[str, list[str]] = {}
    contract = claimable_contracts(voucher).filter(pk=contract_id).first()
    if contract is None:
        errors["contract"] = [
            _(
                "Choose a registered service, consulting or development contract between "
                "the provider and the enterprise."
            )
        ]
    elif not voucher.valid_from <= contract.signed_on <= voucher.valid_until:
        errors["contract"] = [_("The contract was not signed while the voucher was valid.")]
    elif Claim.objects.filter(contract=contract).exclude(status=Claim.Status.REJECTED).exists():
        errors["contract"] = [_("This contract has already been claimed.")]
    invoice_number = (invoice_number or "").strip()
    if not invoice_number:
        errors["invoice_number"] = [_("Give the invoice number.")]
    elif len(invoice_number) > 40:
        errors["invoice_number"] = [_("At most 40 characters.")]
    try:
        fee = amount_of(fee, "fee")
    except ValidationError as error:
        errors.update(error.message_dict)
    else:
        if contract is not None and fee > contract.contract_amount:
            errors["fee"] = [_("The invoiced fee cannot exceed the contract amount.")]
    if errors:
        raise ValidationError(errors)
    claim = Claim.objects.create(
        voucher=voucher,
        contract=contract,
        invoice_number=invoice_number,
        fee=fee,
        proposed=claim_payable(voucher, fee),
        claimed_by=user,
    )
    FundingEvent.record(
        claim,
        user,
        "claimed",
        voucher=voucher,
        changes={"fee": fee, "proposed": claim.proposed},
    )
    return claim


@transaction.atomic
def claim_approve(*, claim: Claim, user: User, amount=None, note: str = "") -> Claim:
    """The bureau approves what the voucher pays: min(share × fee, cap, voucher left), as
    computed now, or less with a note."""
    _require_bureau(user, *_voucher_parties(claim.voucher))
    voucher = Voucher.objects.select_for_update().select_related("scheme").get(pk=claim.voucher_id)
    claim, before_claim = _in_status(claim, Claim.Status.SUBMITTED)
    if voucher.status not in OPEN:
        raise _wrong_state(voucher)
    payable = claim_payable(voucher, claim.fee)
    note = (note or "").strip()
    if amount in (None, ""):
        amount = payable
    else:
        amount = amount_of(amount, "amount")
        if amount > payable:
            raise ValidationError(
                {
                    "amount": _("At most %(payable)s yuan is payable on this claim.")
                    % {"payable": f"{payable:,.2f}"}
                }
            )
        if amount != payable and not note:
            raise ValidationError({"note": _("Say why less than the payable amount is approved.")})
    if amount <= 0:
        raise ValidationError(_("Nothing is left on this voucher to pay."))
    claim.amount = amount
    claim.status = Claim.Status.APPROVED
    claim.decision_note = note
    _save(claim, "amount", "status", "decision_note")
    before = voucher.status
    voucher.used += amount
    voucher.status = (
        Voucher.Status.REDEEMED if voucher.used >= voucher.face_value else Voucher.Status.IN_USE
    )
    _save(voucher, "used", "status")
    FundingEvent.record(
        claim, user, "claim_approved", before=before_claim, note=note, changes={"amount": amount}
    )
    FundingEvent.record(
        voucher,
        user,
        "used",
        before=before,
        changes={"used": voucher.used, "claim": claim.invoice_number},
    )
    return claim


@transaction.atomic
def claim_reject(*, claim: Claim, user: User, reason: str) -> Claim:
    return _refuse(
        claim,
        user,
        reason,
        parties=_voucher_parties(claim.voucher),
        waiting=Claim.Status.SUBMITTED,
        message=_("Say why the claim is not approved."),
        action="claim_rejected",
    )


@transaction.atomic
def claim_mark_paid(*, claim: Claim, user: User, paid_on, reference: str) -> Claim:
    """The finance office has paid the provider."""
    return _mark_paid(claim, user, paid_on, reference)


# --- the bureau's decisions, the same for vouchers, claims and subsidies -------------------------


def _refuse(obj, user: User, reason: str, *, parties, waiting: str, message: str, action: str):
    """The bureau does not approve a voucher application, a claim or a subsidy, saying why."""
    _require_bureau(user, *parties)
    obj, before = _in_status(obj, waiting)
    reason = _reason(reason, message)
    obj.status = obj.Status.REJECTED
    obj.decision_note = reason
    _save(obj, "status", "decision_note")
    FundingEvent.record(obj, user, action, before=before, note=reason)
    return obj


def _mark_paid(obj, user: User, paid_on, reference: str):
    """The bureau records that an approved claim or subsidy has been paid."""
    if not is_bureau(user):
        raise PermissionDenied(_("Only the science bureau records payments."))
    obj, before = _in_status(obj, obj.Status.APPROVED)
    reference = (reference or "").strip()
    if not reference:
        raise ValidationError({"payment_reference": _("Give the payment's reference.")})
    if len(reference) > 60:
        raise ValidationError({"payment_reference": _("At most 60 characters.")})
    if not isinstance(paid_on, datetime.date):
        raise ValidationError({"paid_on": _("Give the payment date.")})
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("The payment date cannot be in the future.")})
    obj.status = obj.Status.PAID
    obj.paid_on = paid_on
    obj.payment_reference = reference
    _save(obj, "status", "paid_on", "payment_reference")
    FundingEvent.record(
        obj, user, "paid", before=before, changes={"paid_on": paid_on, "reference": reference}
    )
    return obj


# --- purchase subsidies --------------------------------------------------------------------------


def subsidy_contracts(enterprise: Organization | None):
    """Registered transfer or licence contracts the enterprise bought (all buyers' for None)."""
    return registered_contracts(buyer=enterprise, types=SUBSIDY_CONTRACT_TYPES)


def subsidy_enterprises(user: User):
    """The enterprises ``user`` may apply for subsidies for; someone who belongs to none may not
    apply."""
    enterprises = enterprises_of(user)
    if not enterprises.exists():
        raise PermissionDenied(_("Only members of an enterprise apply for subsidies."))
    return enterprises


def subsidy_contracts_of(user: User):
    """The contracts the user's enterprises bought that a subsidy may rest on (the form's list)."""
    return subsidy_contracts(None).filter(buyer_organization__in=enterprises_of(user))


def subsidy_enterprise(
    *, user: User, contract_id: int, enterprise: Organization | None = None
) -> Organization:
    """Which enterprise a subsidy application is for: the buyer of the contract, which the user
    must belong to. Named, it must be one of the user's enterprises; not named, the contract's
    buyer among them (the contract is refused on its field if none of them bought it)."""
    enterprises = subsidy_enterprises(user)
    if enterprise is not None:
        if not enterprises.filter(pk=enterprise.pk).exists():
            raise PermissionDenied(_("Only members of the enterprise apply for its subsidies."))
        return enterprise
    buyer = subsidy_contracts_of(user).filter(pk=contract_id).values("buyer_organization")
    return enterprises.filter(pk__in=buyer).first() or enterprises.first()


def subsidy_rule(scheme: Scheme, enterprise_id: int, basis: Decimal) -> Decimal:
    return subsidy_proposed(
        rate=scheme.subsidy_rate,
        basis=basis,
        cap_per_contract=scheme.subsidy_cap_per_contract,
        enterprise_left=scheme.subsidy_cap_per_enterprise
        - _enterprise_subsidised(scheme, enterprise_id),
    )


@transaction.atomic
def subsidy_apply(
    *,
    user: User,
    contract_id: int,
    paid_to_seller,
    enterprise: Organization | None = None,
    today: datetime.date | None = None,
) -> Subsidy:
    """An enterprise applies for a purchase subsidy on a registered transfer or licence
    contract it bought; the year's rule proposes the amount. One application per contract.
    ``enterprise``: see ``subsidy_enterprise``."""
    today = today or timezone.localdate()
    enterprise = subsidy_enterprise(user=user, contract_id=contract_id, enterprise=enterprise)
    scheme = _open_scheme(today)
    errors: dict[str, list[str]] = {}
    contract = subsidy_contracts(enterprise).filter(pk=contract_id).first()
    if contract is None:
        errors["contract"] = [
            _("Choose a registered technology transfer or licence contract your enterprise bought.")
        ]
    elif not contract.buyer_region.startswith(PROVINCE_PREFIX):
        errors["contract"] = [_("The buyer must be in the province.")]
    elif contract.registered_on.year not in (scheme.year, scheme.year - 1):
        errors["contract"] = [_("Only contracts registered this year or last year qualify.")]
    elif Subsidy.objects.filter(contract=contract).exists():
        errors["contract"] = [_("A subsidy has already been applied for on this contract.")]
    try:
        paid = amount_of(paid_to_seller, "paid_to_seller")
    except ValidationError as error:
        errors.update(error.message_dict)
    else:
        if contract is not None and paid > contract.contract_amount:
            errors["paid_to_seller"] = [_("More than the contract amount cannot have been paid.")]
    if errors:
        raise ValidationError(errors)
    basis = min(paid, contract.transaction_amount)
    subsidy = Subsidy.objects.create(
        scheme=scheme,
        enterprise=enterprise,
        contract=contract,
        paid_to_seller=paid,
        basis=basis,
        proposed=subsidy_rule(scheme, enterprise.pk, basis),
        applied_by=user,
    )
    FundingEvent.record(
        subsidy, user, "applied", changes={"basis": basis, "proposed": subsidy.proposed}
    )
    return subsidy


def _subsidy_parties(subsidy: Subsidy) -> tuple[int, int]:
    return subsidy.enterprise_id, subsidy.contract.seller_organization_id


@transaction.atomic
def subsidy_approve(*, subsidy: Subsidy, user: User, amount=None, reason: str = "") -> Subsidy:
    """The bureau approves the proposed amount, or another one with a reason, never above the
    rule (share, caps) nor the budget left."""
    _require_bureau(user, *_subsidy_parties(subsidy))
    scheme = Scheme.objects.select_for_update().get(pk=subsidy.scheme_id)
    subsidy, before = _in_status(subsidy, Subsidy.Status.SUBMITTED)
    rule = subsidy_rule(scheme, subsidy.enterprise_id, subsidy.basis)
    reason = (reason or "").strip()
    if amount in (None, ""):
        amount = rule
    else:
        amount = amount_of(amount, "amount")
        if amount > rule:
            raise ValidationError(
                {
                    "amount": _("The rule allows at most %(rule)s yuan on this contract.")
                    % {"rule": f"{rule:,.2f}"}
                }
            )
    if amount != subsidy.proposed and not reason:
        raise ValidationError({"reason": _("Say why the amount differs from the proposal.")})
    if amount <= 0:
        raise ValidationError(_("The enterprise's yearly cap is used up."))
    left = scheme.subsidy_budget - scheme.subsidy_committed
    if amount > left:
        raise ValidationError(
            {
                "amount": _("Only %(left)s yuan of this year's subsidy budget is left.")
                % {"left": f"{left:,.2f}"}
            }
        )
    subsidy.amount = amount
    subsidy.adjustment_reason = reason if amount != subsidy.proposed else ""
    subsidy.decision_note = reason
    subsidy.status = Subsidy.Status.APPROVED
    _save(subsidy, "amount", "adjustment_reason", "decision_note", "status")
    scheme.subsidy_committed += amount
    scheme.save(update_fields=["subsidy_committed"])
    FundingEvent.record(
        subsidy,
        user,
        "approved",
        before=before,
        note=reason,
        changes={"proposed": subsidy.proposed, "amount": amount},
    )
    return subsidy


@transaction.atomic
def subsidy_reject(*, subsidy: Subsidy, user: User, reason: str) -> Subsidy:
    return _refuse(
        subsidy,
        user,
        reason,
        parties=_subsidy_parties(subsidy),
        waiting=Subsidy.Status.SUBMITTED,
        message=_("Say why the subsidy is not approved."),
        action="rejected",
    )


@transaction.atomic
def subsidy_mark_paid(*, subsidy: Subsidy, user: User, paid_on, reference: str) -> Subsidy:
    """The finance office has paid the enterprise."""
    return _mark_paid(subsidy, user, paid_on, reference)

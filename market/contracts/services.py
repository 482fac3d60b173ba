"""Writes to technology contracts: drafting by the seller side, review and registration.

Every change leaves a ContractEvent with who, when, and the old and new values.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization, User
from accounts.roles import OrganizationKind
from accounts.services import organization_acting_for
from market.contracts.models import (
    SUBTYPES,
    Contract,
    ContractEvent,
    PartyNature,
    RegistrationCounter,
)
from market.contracts.permissions import (
    EDITABLE,
    IN_REVIEW,
    is_registrar,
    is_seller_member,
    seller_organizations_of,
)
from market.history import locked_in_status

CONTRACT_FIELDS = (
    "name",
    "contract_type",
    "subtype",
    "buyer_organization",
    "buyer_name",
    "buyer_credit_code",
    "buyer_region",
    "buyer_nature",
    "signed_on",
    "term_start",
    "term_end",
    "contract_amount",
    "declared_transaction_amount",
    "document",
    "need",
    "outcome",
)

NATURE_OF_KIND = {
    OrganizationKind.ENTERPRISE: PartyNature.ENTERPRISE,
    OrganizationKind.UNIVERSITY: PartyNature.UNIVERSITY,
    OrganizationKind.RESEARCH_INSTITUTE: PartyNature.INSTITUTE,
}


def second_review_from() -> Decimal:
    return Decimal(settings.CONTRACT_SECOND_REVIEW_FROM)


def _jsonable(value):
    """A value as the audit trail keeps it (files by name)."""
    if isinstance(value, File):
        return value.name or ""
    if isinstance(value, Decimal | datetime.date):
        return str(value)
    if hasattr(value, "pk"):
        return str(value)
    return value


def party_from_organization(organization: Organization, prefix: str) -> dict:
    """The party fields a portal organization fills in by itself."""
    district = organization.district.code if organization.district else ""
    region = district if district.isdigit() else settings.CONTRACT_REGISTRATION_POINT
    return {
        f"{prefix}_organization": organization,
        f"{prefix}_name": organization.name,
        f"{prefix}_credit_code": organization.credit_code,
        f"{prefix}_region": region,
        f"{prefix}_nature": NATURE_OF_KIND.get(organization.kind, PartyNature.OTHER),
    }


def _validate(contract: Contract) -> None:
    errors: dict[str, list[str]] = {}
    try:
        contract.full_clean(exclude=["document"], validate_constraints=False)
    except ValidationError as error:
        errors.update(error.message_dict)

    def add(field, message):
        errors.setdefault(field, []).append(message)

    subtypes = SUBTYPES.get(contract.contract_type, ())
    if contract.subtype and contract.contract_type and contract.subtype not in subtypes:
        add("subtype", _("This subtype does not belong to the chosen contract type."))
    if contract.signed_on and contract.signed_on > timezone.localdate():
        add("signed_on", _("The signing date cannot be in the future."))
    if contract.term_start and contract.term_end and contract.term_end < contract.term_start:
        add("term_end", _("The term ends before it starts."))
    amount, declared = contract.contract_amount, contract.declared_transaction_amount
    if amount is not None and declared is not None and declared > amount:
        add(
            "declared_transaction_amount",
            _("The technology transaction amount cannot exceed the contract amount."),
        )
    if errors:
        raise ValidationError(errors)


def _check_not_own(contract: Contract, user: User) -> None:
    """A registrar who belongs to the seller never reviews that contract: another does."""
    if is_seller_member(user, contract):
        raise PermissionDenied(
            _("You belong to the seller, %(seller)s; another registrar reviews this contract.")
            % {"seller": contract.seller_name}
        )


def contract_seller(*, user: User, seller: Organization | None = None) -> Organization:
    """Which organization a new contract is the seller side of: the one chosen, if the user
    drafts for it (``permissions.seller_organizations_of``); none chosen, the user's only one.
    A member of several chooses one."""
    return organization_acting_for(
        seller_organizations_of(user),
        seller,
        several=ValidationError(
            {
                "seller": _(
                    "You belong to several organizations; choose the seller side of this contract."
                )
            }
        ),
        not_yours=ValidationError({"seller": _("Choose one of your organizations.")}),
        nobody=PermissionDenied(
            _("Only members of an enterprise, university or institute register contracts.")
        ),
    )


@transaction.atomic
def contract_create(*, user: User, seller: Organization | None = None, data: dict) -> Contract:
    """A draft contract of the seller side (see ``contract_seller``), written by ``user``."""
    seller = contract_seller(user=user, seller=seller)
    contract = Contract(created_by=user, status=Contract.Status.DRAFT)
    for name, value in {**party_from_organization(seller, "seller"), **data}.items():
        setattr(contract, name, value)
    if contract.buyer_organization and not data.get("buyer_name"):
        for name, value in party_from_organization(contract.buyer_organization, "buyer").items():
            setattr(contract, name, value)
    _validate(contract)
    contract.save()
    ContractEvent.record(contract, user, "created")
    return contract


@transaction.atomic
def contract_update(*, contract: Contract, user: User, data: dict) -> Contract:
    """Correct a draft or returned contract; the history keeps the old values."""
    if not is_seller_member(user, contract):
        raise PermissionDenied(_("Only the seller side edits its contract."))
    contract, _before = _locked(contract, EDITABLE)
    changes = {}
    for name in CONTRACT_FIELDS:
        if name in data and getattr(contract, name) != data[name]:
            changes[name] = [_jsonable(getattr(contract, name)), _jsonable(data[name])]
            setattr(contract, name, data[name])
    _validate(contract)
    contract.save()
    if changes:
        ContractEvent.record(contract, user, "updated", before=contract.status, changes=changes)
    return contract


def _locked(contract: Contract, allowed) -> tuple[Contract, str]:
    return locked_in_status(
        contract, allowed, _("This contract is “%(status)s”; that step is not possible now.")
    )


@transaction.atomic
def contract_submit(*, contract: Contract, user: User) -> Contract:
    if not is_seller_member(user, contract):
        raise PermissionDenied(_("Only the seller side submits its contract."))
    contract, before = _locked(contract, EDITABLE)
    _validate(contract)
    if not contract.document:
        raise ValidationError({"document": _("Attach the signed contract as a PDF.")})
    contract.status = Contract.Status.SUBMITTED
    contract.submitted_at = timezone.now()
    contract.save(update_fields=["status", "submitted_at", "updated_at"])
    ContractEvent.record(contract, user, "submitted", before=before)
    return contract


def _next_number(point: str, year: int) -> tuple[int, str]:
    """The next serial at this point in this year, under a row lock: no gaps, no repeats."""
    RegistrationCounter.objects.get_or_create(point=point, year=year)
    counter = RegistrationCounter.objects.select_for_update().get(point=point, year=year)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    return counter.last_serial, f"{year}{point}{counter.last_serial:06d}"


def _verified_amount(contract: Contract, amount) -> Decimal:
    try:
        amount = Decimal(str(amount))
    except (ArithmeticError, ValueError) as error:
        raise ValidationError({"transaction_amount": _("Enter an amount in yuan.")}) from error
    if amount <= 0 or amount.as_tuple().exponent < -2:
        raise ValidationError(
            {"transaction_amount": _("Enter a positive amount in yuan with at most 2 decimals.")}
        )
    if amount > contract.contract_amount:
        raise ValidationError(
            {
                "transaction_amount": _(
                    "The technology transaction amount cannot exceed the contract amount."
                )
            }
        )
    return amount


@transaction.atomic
def contract_register(*, contract: Contract, user: User, transaction_amount) -> Contract:
    """A registrar verifies the technology transaction amount and registers the contract.

    From CONTRACT_SECOND_REVIEW_FROM yuan up, the first registrar's approval sends it to a
    second registrar, who registers it.
    """
    if not is_registrar(user):
        raise PermissionDenied(_("Only registrars register contracts."))
    _check_not_own(contract, user)
    contract, before = _locked(contract, IN_REVIEW)
    amount = _verified_amount(contract, transaction_amount)
    changes = {}
    if contract.transaction_amount != amount:
        changes["transaction_amount"] = [_jsonable(contract.transaction_amount), str(amount)]
    contract.transaction_amount = amount
    large = contract.contract_amount >= second_review_from()
    if before == Contract.Status.SUBMITTED and large:
        contract.status = Contract.Status.SECOND_REVIEW
        contract.first_reviewer = user
        contract.save(
            update_fields=["status", "transaction_amount", "first_reviewer", "updated_at"]
        )
        ContractEvent.record(contract, user, "first_approval", before=before, changes=changes)
        return contract
    if before == Contract.Status.SECOND_REVIEW:
        if contract.first_reviewer_id == user.pk:
            raise PermissionDenied(_("A second registrar, not the first, approves this contract."))
        contract.second_reviewer = user
    else:
        contract.first_reviewer = user
    point = settings.CONTRACT_REGISTRATION_POINT
    today = timezone.localdate()
    serial, number = _next_number(point, today.year)
    contract.registration_point = point
    contract.registration_year = today.year
    contract.registration_serial = serial
    contract.registration_number = number
    contract.registered_on = today
    contract.status = Contract.Status.REGISTERED
    contract.save()
    changes["registration_number"] = [None, number]
    ContractEvent.record(contract, user, "registered", before=before, changes=changes)
    return contract


def _end_review(contract, user, reason: str, *, status: str, action: str, why: str) -> Contract:
    """A registrar sends a contract under review back (returned) or refuses it (rejected),
    with the reason, which is required."""
    if not is_registrar(user):
        raise PermissionDenied(_("Only registrars review contracts."))
    _check_not_own(contract, user)
    if not (reason or "").strip():
        raise ValidationError({"reason": why})
    contract, before = _locked(contract, IN_REVIEW)
    contract.status = status
    contract.review_note = reason.strip()
    contract.save(update_fields=["status", "review_note", "updated_at"])
    ContractEvent.record(contract, user, action, before=before, note=contract.review_note)
    return contract


@transaction.atomic
def contract_return(*, contract: Contract, user: User, reason: str) -> Contract:
    """Back to the seller for correction, saying what to correct."""
    return _end_review(
        contract,
        user,
        reason,
        status=Contract.Status.RETURNED,
        action="returned",
        why=_("Say what the seller should correct."),
    )


@transaction.atomic
def contract_reject(*, contract: Contract, user: User, reason: str) -> Contract:
    """未予登记: not registered, with the reason."""
    return _end_review(
        contract,
        user,
        reason,
        status=Contract.Status.REJECTED,
        action="rejected",
        why=_("Say why the contract is not registered."),
    )


@transaction.atomic
def contract_document_replace(*, contract: Contract, user, uploaded) -> Contract:
    """Attach a new signed PDF to a draft or returned contract; the history keeps the old name."""
    if not is_seller_member(user, contract):
        raise PermissionDenied(_("Only the seller side edits its contract."))
    contract, before = _locked(contract, EDITABLE)
    old = contract.document.name or ""
    contract.document = uploaded
    contract.save(update_fields=["document", "updated_at"])
    ContractEvent.record(
        contract,
        user,
        "updated",
        before=before,
        changes={"document": [old, contract.document.name]},
    )
    return contract

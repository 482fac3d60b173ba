"""Who sees and may change which technology contracts: pages and the API ask here."""

from accounts.permissions import has_role, is_administrator, organizations_of
from accounts.roles import OrganizationKind, Role
from market.contracts.models import Contract

SELLER_KINDS = (
    OrganizationKind.ENTERPRISE,
    OrganizationKind.UNIVERSITY,
    OrganizationKind.RESEARCH_INSTITUTE,
)
EDITABLE = (Contract.Status.DRAFT, Contract.Status.RETURNED)
IN_REVIEW = (Contract.Status.SUBMITTED, Contract.Status.SECOND_REVIEW)


def is_registrar(user) -> bool:
    return is_administrator(user) or has_role(user, Role.REGISTRAR)


def seller_organizations_of(user):
    """The enterprises, universities and institutes on whose behalf the user drafts contracts."""
    return organizations_of(user).filter(kind__in=SELLER_KINDS).order_by("name")


def contracts_visible_to(user):
    """Registrars and administrators see every contract; others their organizations' own."""
    contracts = Contract.objects.select_related("seller_organization", "buyer_organization")
    if not getattr(user, "is_authenticated", False):
        return contracts.none()
    if is_registrar(user):
        return contracts
    return contracts.filter(seller_organization__in=organizations_of(user))


def is_seller_member(user, contract: Contract) -> bool:
    return (
        contract.seller_organization_id is not None
        and organizations_of(user).filter(pk=contract.seller_organization_id).exists()
    )


def can_edit_contract(user, contract: Contract) -> bool:
    return contract.status in EDITABLE and is_seller_member(user, contract)


def can_review_contract(user, contract: Contract) -> bool:
    """A registrar reviews a contract under review, unless they belong to its seller."""
    return (
        is_registrar(user) and contract.status in IN_REVIEW and not is_seller_member(user, contract)
    )

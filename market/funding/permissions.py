"""Who sees and does what with vouchers and subsidies: pages, the API and services ask here."""

from django.db.models import Q
from django.utils.translation import gettext_noop

from accounts.permissions import has_role, is_administrator, organizations_of
from accounts.roles import Role
from market.funding.models import VOUCHER_OPEN, Claim, Subsidy, Voucher

# The role's label lives in accounts.roles; its Chinese is kept in this room's catalogue.
gettext_noop("Science bureau reviewer")


def is_bureau(user) -> bool:
    """Science bureau reviewers (and administrators) see every voucher and subsidy."""
    return is_administrator(user) or has_role(user, Role.BUREAU_REVIEWER)


def enterprises_of(user):
    """Enterprises the user applies for (as an enterprise member)."""
    return organizations_of(user, Role.ENTERPRISE_MEMBER).order_by("name")


def provider_organizations_of(user):
    """Listed providers the user belongs to (any role there)."""
    return organizations_of(user).filter(voucher_provider__isnull=False)


def vouchers_q(user) -> Q:
    """Vouchers of the user's enterprises, or naming the user's providers; all for the bureau."""
    if is_bureau(user):
        return Q()
    orgs = organizations_of(user)
    return Q(enterprise__in=orgs) | Q(provider__organization__in=orgs)


def subsidies_q(user) -> Q:
    if is_bureau(user):
        return Q()
    return Q(enterprise__in=organizations_of(user))


def is_party(user, *organization_ids) -> bool:
    """The user belongs to one of these organizations (so never reviews their case)."""
    return organizations_of(user).filter(pk__in=[pk for pk in organization_ids if pk]).exists()


def can_decide(user, *organization_ids) -> bool:
    return is_bureau(user) and not is_party(user, *organization_ids)


def is_provider_of(user, voucher) -> bool:
    """The user belongs to the voucher's provider (who claims against it)."""
    return is_party(user, voucher.provider.organization_id)


# Which buttons and forms the pages show; the services decide again when one is used.


def can_decide_voucher(user, voucher) -> bool:
    return voucher.status == Voucher.Status.APPLIED and can_decide(
        user, voucher.enterprise_id, voucher.provider.organization_id
    )


def can_withdraw_voucher(user, voucher) -> bool:
    own = enterprises_of(user).filter(pk=voucher.enterprise_id).exists()
    return (own and voucher.status in (Voucher.Status.APPLIED, *VOUCHER_OPEN)) or (
        is_bureau(user) and voucher.status in VOUCHER_OPEN
    )


def can_claim(user, voucher) -> bool:
    return voucher.status in VOUCHER_OPEN and is_provider_of(user, voucher)


def can_decide_claim(user, claim) -> bool:
    voucher = claim.voucher
    return claim.status == Claim.Status.SUBMITTED and can_decide(
        user, voucher.enterprise_id, voucher.provider.organization_id
    )


def can_decide_subsidy(user, subsidy) -> bool:
    return subsidy.status == Subsidy.Status.SUBMITTED and can_decide(
        user, subsidy.enterprise_id, subsidy.contract.seller_organization_id
    )


def can_record_payment(user, approved) -> bool:
    """A claim or subsidy approved and not yet paid; the bureau records the payment."""
    return approved.status == approved.Status.APPROVED and is_bureau(user)

"""Who may see and do what with a need: the one place pages, exports, search and the API ask.

Confidentiality of a published need:
- public: everyone sees all of it;
- members (会员可见): everyone sees its title and public summary; members of verified
  organizations (accounts.permissions.is_verified_member), brokers and the enterprise's own
  members see the details;
- brokers: only brokers, administrators and the enterprise's own members see it at all.
Before publication a need is seen by its enterprise and, once submitted, by brokers.
"""

from django.db.models import Q

from accounts.models import Organization
from accounts.permissions import is_broker, is_member, is_verified_member, organizations_of
from accounts.roles import OrganizationKind, Role
from market.needs.models import Need

# The statuses each step starts from; the services refuse the others.
EDITABLE = (Need.Status.DRAFT, Need.Status.RETURNED)
WITHDRAWABLE = (Need.Status.SUBMITTED, Need.Status.RETURNED, Need.Status.PUBLISHED)


def _owns(user, need: Need) -> bool:
    return organizations_of(user, Role.ENTERPRISE_MEMBER).filter(pk=need.organization_id).exists()


def visible_needs_q(user) -> Q:
    """The needs a user may know exist, as a filter on Need."""
    published = Q(status=Need.Status.PUBLISHED)
    visible = published & Q(
        confidentiality__in=[Need.Confidentiality.PUBLIC, Need.Confidentiality.MEMBERS]
    )
    if is_broker(user):
        visible |= published | Q(
            status__in=[Need.Status.SUBMITTED, Need.Status.RETURNED, Need.Status.CLOSED]
        )
    if is_member(user):
        own = organizations_of(user, Role.ENTERPRISE_MEMBER)
        visible |= Q(organization__in=own)
    return visible


def can_view_need(user, need: Need) -> bool:
    if (
        need.status == Need.Status.PUBLISHED
        and need.confidentiality != Need.Confidentiality.BROKERS
    ):
        return True
    if is_broker(user) and need.status != Need.Status.DRAFT:
        return True
    return is_member(user) and _owns(user, need)


def can_view_need_details(user, need: Need) -> bool:
    """Description, budget, contact and attachments."""
    if not can_view_need(user, need):
        return False
    if need.confidentiality == Need.Confidentiality.PUBLIC:
        return True
    if need.confidentiality == Need.Confidentiality.MEMBERS:
        return is_verified_member(user) or (is_member(user) and _owns(user, need))
    return is_broker(user) or _owns(user, need)


def can_view_need_contact(user, need: Need) -> bool:
    """One rule for the contacts of needs and outcomes (``cms.permissions.can_view_contact``):
    signed-in members only, and for a need only where its confidentiality shows the details."""
    return is_member(user) and can_view_need_details(user, need)


def owns_need(user, need: Need) -> bool:
    """A member of the need's enterprise: who edits, submits and withdraws it (in its time)."""
    return is_member(user) and _owns(user, need)


def enterprises_posting_for(user, *, imported: bool = False):
    """The enterprises a user may post needs for: their own, as an enterprise member; a broker
    importing the needs collection form, any enterprise."""
    if imported and is_broker(user):
        return Organization.objects.filter(kind=OrganizationKind.ENTERPRISE)
    if not is_member(user):
        return Organization.objects.none()
    return organizations_of(user, Role.ENTERPRISE_MEMBER)


def can_post_need(user) -> bool:
    return enterprises_posting_for(user).exists()


def can_import_needs(user) -> bool:
    """Brokers (for any enterprise) and members of verified enterprises (for their own): a
    fresh, unverified sign-up does not import needs."""
    return is_broker(user) or (can_post_need(user) and is_verified_member(user))


def can_edit_need(user, need: Need) -> bool:
    return need.is_editable and owns_need(user, need)


def can_submit_need(user, need: Need) -> bool:
    """The enterprise's members, once the enterprise is verified."""
    return can_edit_need(user, need) and need.organization.verified


def awaits_verification(user, need: Need) -> bool:
    """The need's own enterprise could submit it but is not verified yet."""
    return can_edit_need(user, need) and not need.organization.verified


def can_withdraw_need(user, need: Need) -> bool:
    return need.status in WITHDRAWABLE and owns_need(user, need)


def closes_need(user, need: Need) -> bool:
    """Who marks a need solved: its enterprise or a broker."""
    return is_broker(user) or _owns(user, need)


def can_close_need(user, need: Need) -> bool:
    """Mark solved: the enterprise or a broker, once published."""
    return need.status == Need.Status.PUBLISHED and closes_need(user, need)


def reviews_own_need(user, need: Need) -> bool:
    """Whether the user belongs to the need's enterprise (in any role): then another broker
    reviews it, never they."""
    return organizations_of(user).filter(pk=need.organization_id).exists()


def can_review_need(user, need: Need | None = None) -> bool:
    if not is_broker(user):
        return False
    return need is None or (
        need.status == Need.Status.SUBMITTED and not reviews_own_need(user, need)
    )

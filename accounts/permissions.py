"""Who holds which role: the one place pages, services and the API ask."""

from rest_framework.permissions import BasePermission

from accounts.models import Membership, Organization
from accounts.roles import Role


def roles_of(user) -> frozenset[str]:
    """The roles a user holds anywhere (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is None:
        cached = frozenset(Membership.objects.filter(user=user).values_list("role", flat=True))
        user._portal_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user).intersection(roles))


def is_administrator(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or has_role(user, Role.ADMINISTRATOR)


def is_broker(user) -> bool:
    """Brokers review and pair needs; administrators may do all a broker does."""
    return is_administrator(user) or has_role(user, Role.BROKER)


def is_member(user) -> bool:
    """A signed-in member of the market: may see contact details."""
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


def is_verified_member(user) -> bool:
    """A member of a verified organization (or a broker or administrator): who "members only"
    (会员可见) means. A fresh sign-up counts once an administrator has verified its enterprise."""
    if not is_member(user):
        return False
    cached = getattr(user, "_portal_verified_member", None)
    if cached is None:
        cached = (
            is_broker(user)
            or Membership.objects.filter(user=user, organization__verified=True).exists()
        )
        user._portal_verified_member = cached
    return cached


PUBLIC, ANONYMOUS, MEMBERS, BROKERS = "public", "anonymous", "members", "brokers"
# What a broker may see of everything (a broker's own organizations aside): every published
# need, whatever its confidentiality.
BROKER_AUDIENCES = (PUBLIC, MEMBERS, BROKERS)


def audiences_of(user) -> list[str]:
    """Who the user counts as when deciding what a search may show them.

    "public" for everyone; "members" for members of verified organizations (is_verified_member);
    "anonymous" for everyone else, signed out or not yet verified (they see members-only needs
    as a summary); "brokers" for brokers and administrators; "org:<id>" for each organization
    the user belongs to. Documents list the audiences that may see them (search.documents), and
    a search only ever returns documents of the user's audiences.
    """
    audiences = [PUBLIC]
    if not is_member(user):
        return [*audiences, ANONYMOUS]
    audiences.append(MEMBERS if is_verified_member(user) else ANONYMOUS)
    if is_broker(user):
        audiences.append(BROKERS)
    memberships = Membership.objects.filter(user=user).values_list("organization_id", flat=True)
    audiences.extend(f"org:{pk}" for pk in sorted(set(memberships)))
    return audiences


def organizations_of(user, *roles: str):
    """Organizations where the user holds any of ``roles`` (all roles when none given)."""
    if not getattr(user, "is_authenticated", False):
        return Organization.objects.none()
    memberships = Membership.objects.filter(user=user)
    if roles:
        memberships = memberships.filter(role__in=roles)
    return Organization.objects.filter(pk__in=memberships.values("organization"))


class HasRole(BasePermission):
    """DRF permission: the user holds one of the view's ``required_roles``."""

    def has_permission(self, request, view) -> bool:
        required = getattr(view, "required_roles", ())
        return is_administrator(request.user) or has_role(request.user, *required)

"""Template context: the signed-in user's roles, for menus and entry points."""

from accounts.permissions import is_administrator, is_verified_member, roles_of
from accounts.roles import Role


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user_roles": frozenset(), "user_is_administrator": False}
    user_roles = roles_of(user)
    return {
        "user_roles": user_roles,
        "user_is_administrator": is_administrator(user),
        # asked only by the pages that show the verification note (a callable: no query else)
        "user_awaits_verification": lambda: (
            Role.ENTERPRISE_MEMBER in user_roles and not is_verified_member(user)
        ),
    }

"""Template context: the signed-in user's roles, for menus and entry points."""

from accounts.permissions import is_administrator, roles_of


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user_roles": frozenset(), "user_is_administrator": False}
    return {"user_roles": roles_of(user), "user_is_administrator": is_administrator(user)}

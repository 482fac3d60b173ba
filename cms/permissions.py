"""Who may see and do what with outcomes: used by the pages and the API alike."""

from wagtail.models import Page

from accounts.permissions import is_member


def can_view_contact(user) -> bool:
    """Contact details of an outcome are shown to signed-in members only."""
    return is_member(user)


def can_edit_outcome(user, page: Page) -> bool:
    """Editing follows the Wagtail page permissions granted to the institution's groups."""
    return (
        bool(getattr(user, "is_authenticated", False))
        and page.permissions_for_user(user).can_edit()
    )


def can_publish_outcome(user, page: Page) -> bool:
    return (
        bool(getattr(user, "is_authenticated", False))
        and page.permissions_for_user(user).can_publish()
    )

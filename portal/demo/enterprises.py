"""The demo's enterprises and their people, shared by the seed and its contracts and events."""

import json
from pathlib import Path

from accounts.models import Organization, User
from accounts.roles import Role
from accounts.services import membership_grant

DATA_DIR = Path(__file__).resolve().parent


def load_enterprises() -> list[dict]:
    with open(DATA_DIR / "enterprises.json", encoding="utf-8") as fh:
        return json.load(fh)


def enterprise_user(organization: Organization, users: dict[str, User]) -> User:
    """demo_enterprise for its own firm; for every other firm, a member account of its own."""
    member = organization.memberships.filter(role=Role.ENTERPRISE_MEMBER).first()
    if member:
        return member.user
    user, _created = User.objects.get_or_create(
        username=f"firm_{organization.slug}"[:150],
        defaults={"email": f"{organization.slug}@demo.techmarket.example", "is_active": True},
    )
    if _created:
        user.set_unusable_password()
        user.save()
    membership_grant(user=user, organization=organization, role=Role.ENTERPRISE_MEMBER)
    return user

"""Writes to identity: sign-up, verification, memberships and their groups."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.authentication import token_expired
from accounts.credit_code import normalize
from accounts.models import Membership, Organization, RoleGroup, User
from accounts.roles import OrganizationKind, Role
from accounts.signals import role_group_created
from accounts.slugs import unique_slug

# Django permissions each role's group holds, beyond what other apps attach.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.UNIVERSITY_EDITOR: ["wagtailadmin.access_admin"],
    Role.UNIVERSITY_APPROVER: ["wagtailadmin.access_admin"],
    Role.BROKER: ["wagtailadmin.access_admin", "accounts.view_organization"],
    Role.REGISTRAR: ["wagtailadmin.access_admin", "accounts.view_organization"],
    Role.BUREAU_REVIEWER: ["wagtailadmin.access_admin", "accounts.view_organization"],
    Role.ADMINISTRATOR: [
        "wagtailadmin.access_admin",
        "accounts.view_organization",
        "accounts.add_organization",
        "accounts.change_organization",
    ],
}


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def role_group_ensure(*, organization: Organization, role: str) -> Group:
    """The group for this role at this organization, created with its permissions if new."""
    existing = RoleGroup.objects.select_related("group").filter(
        organization=organization, role=role
    )
    if existing:
        return existing[0].group
    with override("zh-hans"):
        name = f"{organization.name} · {Role(role).label}"
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(*[_permission(p) for p in ROLE_PERMISSIONS.get(role, [])])
    role_group = RoleGroup.objects.create(organization=organization, role=role, group=group)
    role_group_created.send(sender=RoleGroup, role_group=role_group)
    return group


@transaction.atomic
def membership_grant(*, user: User, organization: Organization, role: str) -> Membership:
    """Give a user a role at an organization (idempotent), with the matching group."""
    membership = Membership.objects.filter(user=user, organization=organization, role=role).first()
    if membership is None:
        membership = Membership(user=user, organization=organization, role=role)
        membership.full_clean()
        membership.save()
    user.groups.add(role_group_ensure(organization=organization, role=role))
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership) -> None:
    """Take a role away, and its group with it."""
    group = role_group_ensure(organization=membership.organization, role=membership.role)
    membership.user.groups.remove(group)
    membership.delete()


@transaction.atomic
def organization_create(
    *,
    kind: str,
    name: str,
    credit_code: str,
    short_name: str = "",
    district=None,
    industry=None,
    address: str = "",
    website: str = "",
    description: str = "",
    verified: bool = False,
    verified_by: User | None = None,
    slug: str = "",
) -> Organization:
    """Create an organization after validating every field (credit code included)."""
    organization = Organization(
        kind=kind,
        name=name.strip(),
        short_name=short_name.strip(),
        credit_code=credit_code,
        district=district,
        industry=industry,
        address=address,
        website=website,
        description=description,
        slug=slug or unique_slug(Organization, slugify(name) or normalize(credit_code).lower()),
    )
    if verified:
        organization.verified = True
        organization.verified_at = timezone.now()
        organization.verified_by = verified_by
    organization.full_clean()
    organization.save()
    return organization


@transaction.atomic
def organization_set_verified(
    *, organization: Organization, verified: bool, by: User
) -> Organization:
    """An administrator verifies (or withdraws verification of) an organization."""
    if not by.is_superuser and not by.has_perm("accounts.change_organization"):
        raise ValidationError(_("Only administrators may verify organizations."))
    organization.verified = verified
    organization.verified_at = timezone.now() if verified else None
    organization.verified_by = by if verified else None
    organization.save(update_fields=["verified", "verified_at", "verified_by"])
    return organization


@transaction.atomic
def enterprise_signup(
    *,
    username: str,
    email: str,
    password: str,
    organization_name: str,
    credit_code: str,
    district,
    industry=None,
    contact_name: str = "",
    phone: str = "",
) -> User:
    """A new enterprise joins: its user, its organization (awaiting verification), its membership.

    Either everything is saved or nothing is.
    """
    user = User(username=username, email=email, first_name=contact_name, phone=phone)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    organization = organization_create(
        kind=OrganizationKind.ENTERPRISE,
        name=organization_name,
        credit_code=credit_code,
        district=district,
        industry=industry,
    )
    membership_grant(user=user, organization=organization, role=Role.ENTERPRISE_MEMBER)
    return user


@transaction.atomic
def api_token_issue(*, user: User):
    """The user's API token: the current one, or a new one when it has expired."""
    from rest_framework.authtoken.models import Token  # the app registry is ready by now

    token, created = Token.objects.select_for_update().get_or_create(user=user)
    if not created and token_expired(token):
        token.delete()
        token = Token.objects.create(user=user)
    return token


def organization_acting_for(
    allowed,
    chosen: Organization | None,
    *,
    several: ValidationError,
    not_yours: Exception,
    nobody: Exception,
) -> Organization:
    """The organization a user acts for in something new (a need, a contract, a voucher): the
    one ``chosen``, if it is among ``allowed`` (a queryset); none chosen, their only one. Raises
    ``several`` when they have several and chose none, ``not_yours`` when they chose one not
    allowed, ``nobody`` when none is allowed. One rule; each service words its own errors."""
    if chosen is not None:
        if allowed.filter(pk=chosen.pk).exists():
            return chosen
        raise not_yours if allowed.exists() else nobody
    choices = list(allowed[:2])
    if len(choices) == 1:
        return choices[0]
    raise several if choices else nobody

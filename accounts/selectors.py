"""Reads of identity data."""

from accounts.models import Membership, Organization
from accounts.roles import INSTITUTION_KINDS, OrganizationKind


def memberships_of(user):
    return (
        Membership.objects.filter(user=user)
        .select_related("organization", "organization__district", "organization__industry")
        .order_by("organization__name", "role")
    )


def institutions():
    """Universities and research institutes, by name."""
    return Organization.objects.filter(kind__in=INSTITUTION_KINDS).order_by("name")


def enterprises(*, verified: bool | None = None):
    qs = Organization.objects.filter(kind=OrganizationKind.ENTERPRISE).select_related(
        "district", "industry"
    )
    if verified is not None:
        qs = qs.filter(verified=verified)
    return qs.order_by("name")

"""Attach page rights to role groups created by accounts/."""

from django.dispatch import receiver

from accounts.roles import Role
from accounts.signals import role_group_created


@receiver(role_group_created)
def grant_administrator_rights(sender, role_group, **kwargs):
    if role_group.role == Role.ADMINISTRATOR:
        from cms.services import administrator_rights_grant

        administrator_rights_grant(group=role_group.group)

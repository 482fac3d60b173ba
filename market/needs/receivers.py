"""Give brokers' and administrators' groups what they need to see needs in the workbench."""

from django.contrib.auth.models import Permission
from django.dispatch import receiver

from accounts.roles import Role
from accounts.signals import role_group_created

WORKBENCH_PERMISSIONS = {
    Role.BROKER: ["view_need"],
    Role.ADMINISTRATOR: ["view_need"],
}


@receiver(role_group_created)
def grant_need_permissions(sender, role_group, **kwargs):
    codenames = WORKBENCH_PERMISSIONS.get(role_group.role, [])
    if codenames:
        role_group.group.permissions.add(
            *Permission.objects.filter(content_type__app_label="market", codename__in=codenames)
        )

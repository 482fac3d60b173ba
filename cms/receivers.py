"""React to identity changes: page rights for administrators, a section for each institution."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import Organization
from accounts.roles import Role
from accounts.signals import role_group_created


@receiver(role_group_created)
def grant_administrator_rights(sender, role_group, **kwargs):
    if role_group.role == Role.ADMINISTRATOR:
        from cms.services import administrator_rights_grant

        administrator_rights_grant(group=role_group.group)


@receiver(post_save, sender=Organization)
def give_institution_a_section(sender, instance: Organization, created: bool, raw=False, **kw):
    """A university or institute added in the workbench gets its section, groups and workflow."""
    if raw or not created or not instance.is_institution:
        return

    def ensure():
        from cms.services import institution_section_ensure

        institution_section_ensure(organization=instance)

    transaction.on_commit(ensure)

"""React to identity changes: page rights for administrators, a section for each institution."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import Organization
from accounts.roles import Role
from accounts.signals import role_group_created
from background.tasks import enqueue_on_commit
from cms.tasks import ensure_institution_section


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

    enqueue_on_commit(ensure_institution_section, instance.pk)

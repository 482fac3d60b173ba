"""The portal's roles and which kinds of organization hold each."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    UNIVERSITY = "university", _("University")
    RESEARCH_INSTITUTE = "institute", _("Research institute")
    SERVICE_AGENCY = "agency", _("Service agency")
    GOVERNMENT = "government", _("Government")


class Role(models.TextChoices):
    ENTERPRISE_MEMBER = "enterprise_member", _("Enterprise member")
    UNIVERSITY_EDITOR = "university_editor", _("University editor")
    UNIVERSITY_APPROVER = "university_approver", _("University approver")
    BROKER = "broker", _("Technology broker")
    REGISTRAR = "registrar", _("Contract registrar")
    BUREAU_REVIEWER = "bureau_reviewer", _("Science bureau reviewer")
    ADMINISTRATOR = "administrator", _("Administrator")


INSTITUTION_KINDS = (OrganizationKind.UNIVERSITY, OrganizationKind.RESEARCH_INSTITUTE)

# Which organization kinds may hold each role.
ROLE_KINDS: dict[str, tuple[str, ...]] = {
    Role.ENTERPRISE_MEMBER: (OrganizationKind.ENTERPRISE,),
    Role.UNIVERSITY_EDITOR: INSTITUTION_KINDS,
    Role.UNIVERSITY_APPROVER: INSTITUTION_KINDS,
    Role.BROKER: (OrganizationKind.SERVICE_AGENCY, OrganizationKind.GOVERNMENT),
    Role.REGISTRAR: (OrganizationKind.GOVERNMENT, OrganizationKind.SERVICE_AGENCY),
    Role.BUREAU_REVIEWER: (OrganizationKind.GOVERNMENT,),
    Role.ADMINISTRATOR: (OrganizationKind.GOVERNMENT, OrganizationKind.SERVICE_AGENCY),
}

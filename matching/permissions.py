"""Who sees suggestions: a need's enterprise and brokers; an outcome's institution and brokers."""

from accounts.permissions import is_broker, organizations_of
from accounts.roles import INSTITUTION_KINDS, Role


def can_see_outcome_suggestions(user, need) -> bool:
    if is_broker(user):
        return True
    return organizations_of(user, Role.ENTERPRISE_MEMBER).filter(pk=need.organization_id).exists()


def can_see_need_suggestions(user, institution) -> bool:
    if is_broker(user):
        return True
    if institution is None or institution.kind not in INSTITUTION_KINDS:
        return False
    roles = (Role.UNIVERSITY_EDITOR, Role.UNIVERSITY_APPROVER)
    return organizations_of(user, *roles).filter(pk=institution.pk).exists()

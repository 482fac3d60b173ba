"""Who sees suggestions and matches: a need's enterprise, an outcome's institution, brokers."""

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.permissions import is_broker, is_member, organizations_of
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


# --- matches -------------------------------------------------------------------------------------
#
# Brokers see and steer every match. An enterprise sees the matches of its own needs; an
# institution (its editors and approvers) sees the matches of its own outcomes. Nobody else sees
# a match at all.

INSTITUTION_ROLES = (Role.UNIVERSITY_EDITOR, Role.UNIVERSITY_APPROVER)


def _own_outcomes_q(user) -> Q:
    """Matches whose outcome sits in a section of one of the user's institutions."""
    from cms.models import InstitutionPage

    sections = InstitutionPage.objects.filter(
        organization__in=organizations_of(user, *INSTITUTION_ROLES)
    ).values_list("path", flat=True)
    condition = Q(pk__in=[])
    for path in sections:
        condition |= Q(outcome__path__startswith=path)
    return condition


def own_matches_q(user) -> Q:
    """Matches the user takes part in as the enterprise or the institution (not as a broker)."""
    if not is_member(user):
        return Q(pk__in=[])
    own_needs = Q(need__organization__in=organizations_of(user, Role.ENTERPRISE_MEMBER))
    return own_needs | _own_outcomes_q(user)


def visible_matches_q(user) -> Q:
    """The matches a user may know exist, as a filter on Match."""
    if is_broker(user):
        return Q()
    return own_matches_q(user)


def can_view_match(user, match) -> bool:
    from matching.models import Match

    if is_broker(user):
        return True
    return Match.objects.filter(visible_matches_q(user), pk=match.pk).exists()


def is_party_to_match(user, match) -> bool:
    """Whether the user belongs to the match's enterprise or institution."""
    from matching.models import Match

    return Match.objects.filter(own_matches_q(user), pk=match.pk).exists()


def can_manage_match(user, match=None) -> bool:
    """Advancing a match and writing its notes are the brokers' work, never of a broker who
    belongs to one of its parties: another broker follows that match up."""
    return is_broker(user) and (match is None or not is_party_to_match(user, match))


def manage_match_denial(user, match=None) -> str:
    """Why ``can_manage_match`` says no, in words for the person."""
    if is_broker(user) and match is not None and is_party_to_match(user, match):
        return _("You belong to a party of this match; another broker follows it up.")
    return _("Only brokers advance matches and write their notes.")


def interest_needs(user):
    """The published needs for which the user may ask for an introduction."""
    from market.needs.models import Need

    if not is_member(user):
        return Need.objects.none()
    return Need.objects.filter(
        organization__in=organizations_of(user, Role.ENTERPRISE_MEMBER),
        status=Need.Status.PUBLISHED,
    ).order_by("-published_at", "-pk")


def can_express_interest(user, need=None) -> bool:
    """An enterprise member with a published need (this one, when given) may ask."""
    needs = interest_needs(user)
    if need is not None:
        needs = needs.filter(pk=need.pk)
    return needs.exists()

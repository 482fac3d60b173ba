"""Who may do what with events: brokers organise; members of an organization register and,
once confirmed, see the other participants and request meetings."""

from accounts.permissions import is_broker, is_member, organizations_of
from accounts.roles import OrganizationKind

# Organizations whose people take part in events (brokers' agencies organise them instead).
PARTICIPANT_KINDS = (
    OrganizationKind.ENTERPRISE,
    OrganizationKind.UNIVERSITY,
    OrganizationKind.RESEARCH_INSTITUTE,
)


def can_manage_events(user) -> bool:
    """Creating, editing and running events is the brokers' work."""
    return is_broker(user)


def participant_organizations(user):
    """Enterprises and institutions the user belongs to, verified or not."""
    if not is_member(user):
        return organizations_of(user).none()
    return organizations_of(user).filter(kind__in=PARTICIPANT_KINDS).order_by("name")


def registering_organizations(user):
    """The organizations a user may register for: verified enterprises and institutions they
    belong to (a fresh sign-up registers once an administrator has verified it)."""
    return participant_organizations(user).filter(verified=True)


def can_register(user) -> bool:
    return registering_organizations(user).exists()


def can_view_event(user, event) -> bool:
    """Published and cancelled events are public; drafts only for brokers."""
    from matching.events.models import Event

    return event.status != Event.Status.DRAFT or can_manage_events(user)


def is_confirmed_participant(user, event) -> bool:
    from matching.events.models import Registration

    if not is_member(user):
        return False
    return Registration.objects.filter(
        event=event, user=user, status=Registration.Status.APPROVED
    ).exists()


def can_see_participants(user, event) -> bool:
    """Who comes is shown to confirmed participants and brokers."""
    return can_manage_events(user) or is_confirmed_participant(user, event)

"""cms's background work: an institution added in the workbench gets its section; pages an
editor scheduled (go-live and expiry times in the workbench) are published and unpublished on
time (settings.PERIODIC_TASKS, every minute)."""

from io import StringIO

from django.core.management import call_command

from accounts.models import Organization
from background.tasks import background_task
from cms.services import institution_section_ensure


@background_task()
def ensure_institution_section(organization_id: int) -> bool:
    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is None or not organization.is_institution:
        return False
    institution_section_ensure(organization=organization)
    return True


@background_task(retries=0)
def publish_scheduled_pages() -> str:
    """Wagtail's ``publish_scheduled``: what is due goes live, what expired is taken down."""
    out = StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue()[-500:]

"""cms's background work: an institution added in the workbench gets its section."""

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

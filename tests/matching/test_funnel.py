"""The dashboard's funnel counts matches, those that reached a meeting, and those signed."""

from django.utils import timezone

from accounts.roles import Role
from accounts.services import membership_grant
from matching.selectors import year_funnel
from matching.services import match_advance, match_create
from tests.factories import OrganizationFactory, UserFactory, make_need, make_outcome


def test_funnel_counts_matches_meetings_and_signatures(client, section_a, firm_a, member_a, broker):
    need = make_need(firm_a, member_a, status="published", broker=broker)
    first = make_outcome(section_a, title="镁合金熔体净化", slug="o1")
    second = make_outcome(section_a, title="镁合金真空压铸", slug="o2")
    met = match_create(need=need, outcome=first, user=broker)
    match_advance(match=met, user=broker, status="introduced")
    match_advance(match=met, user=broker, status="meeting")
    match_advance(match=met, user=broker, status="closed", close_reason="技术路线不合适")
    match_create(need=need, outcome=second, user=broker)

    year = timezone.localdate().year
    assert year_funnel(year) == {"matches": 2, "meetings": 1, "signed": 0}

    office = OrganizationFactory(kind="government", slug="office-f")
    registrar = UserFactory(username="registrar_f")
    membership_grant(user=registrar, organization=office, role=Role.REGISTRAR)
    client.force_login(registrar)
    response = client.get("/dashboard/")
    assert response.context["match_funnel"] == {"matches": 2, "meetings": 1, "signed": 0}

"""seed_demo loads a believable market once; a second run changes nothing; production refuses."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Page, Revision

from accounts.models import Organization, User
from accounts.permissions import has_role
from accounts.roles import Role
from cms.models import InstitutionPage, OutcomePage
from cms.permissions import can_edit_outcome, can_publish_outcome
from market.contracts.models import Contract, ContractEvent
from market.needs.models import Need, NeedEvent
from matching.events.models import Event, Meeting, MeetingRequest, Registration
from matching.events.selectors import events_held_by_quarter
from matching.models import Match, Suggestion
from taxonomy import vocabularies as vocab
from taxonomy.models import Term


def snapshot() -> dict:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "last_revision": Revision.objects.order_by("-pk").values_list("pk", flat=True).first(),
        "organizations": Organization.objects.count(),
        "users": User.objects.count(),
        "passwords": sorted(User.objects.values_list("password", flat=True)),
        "needs": list(Need.objects.order_by("pk").values_list("pk", "status", "updated_at")),
        "need_events": NeedEvent.objects.count(),
        "contracts": list(
            Contract.objects.order_by("pk").values_list(
                "pk", "status", "registration_number", "registered_on", "updated_at"
            )
        ),
        "contract_events": ContractEvent.objects.count(),
        "events": list(Event.objects.order_by("pk").values_list("pk", "updated_at")),
        "registrations": Registration.objects.count(),
        "meeting_requests": MeetingRequest.objects.count(),
        "meetings": list(Meeting.objects.order_by("pk").values_list("pk", "slot", "outcome")),
    }


def test_seed_demo_builds_the_market_and_is_idempotent(db, client, settings):
    first = StringIO()
    call_command("seed_demo", stdout=first)
    assert "demo_enterprise" in first.getvalue()
    # The brokers' queue has strong suggestions to start from (stored by refresh_matches).
    assert "strong and medium suggestions stored" in first.getvalue()
    assert Suggestion.objects.filter(need__status="published").exists()

    live = OutcomePage.objects.live()
    assert live.count() >= 60
    assert InstitutionPage.objects.count() == 8
    assert Organization.objects.filter(kind="enterprise").count() >= 20
    for vocabulary in (vocab.TECH_FIELD, vocab.INDUSTRY):
        for term in Term.objects.of(vocabulary):
            field = "tech_field" if vocabulary == vocab.TECH_FIELD else "industries"
            assert live.filter(**{field: term}).exists(), term.name_zh
    districts = set(
        Organization.objects.filter(kind="enterprise").values_list("district__code", flat=True)
    )
    assert {"410602", "410603", "410611", "410621", "410622"} <= districts

    roles = {
        "demo_enterprise": Role.ENTERPRISE_MEMBER,
        "demo_university": Role.UNIVERSITY_EDITOR,
        "demo_approver": Role.UNIVERSITY_APPROVER,
        "demo_broker": Role.BROKER,
        "demo_registrar": Role.REGISTRAR,
        "demo_admin": Role.ADMINISTRATOR,
    }
    for username, role in roles.items():
        user = User.objects.get(username=username)
        assert user.check_password("demo12345")
        assert has_role(user, role)

    # Matchmaking events: two held last quarter (the dashboard counts them), one coming up where
    # demo_enterprise has asked demo_university for a meeting.
    today = timezone.localdate()
    quarter = (today.month - 1) // 3 + 1
    year, last_quarter = (today.year, quarter - 1) if quarter > 1 else (today.year - 1, 4)
    assert events_held_by_quarter(year)[last_quarter] == 2
    assert Match.objects.filter(event_meetings__outcome="follow_up").exists()
    upcoming = Event.objects.get(date__gt=today)
    pending = MeetingRequest.objects.get(
        event=upcoming, recipient__user__username="demo_university"
    )
    assert pending.sender.user.username == "demo_enterprise" and pending.status == "pending"

    before = snapshot()
    second = StringIO()
    call_command("seed_demo", stdout=second)
    assert "nothing changed" in second.getvalue()
    assert snapshot() == before

    needs = Need.objects.all()
    assert needs.count() >= 40
    assert set(needs.values_list("status", flat=True)) == {
        "draft",
        "submitted",
        "returned",
        "published",
        "closed",
    }
    assert set(needs.values_list("confidentiality", flat=True)) == {"public", "members", "brokers"}
    assert set(needs.filter(status="closed").values_list("close_reason", flat=True)) == {
        "solved",
        "withdrawn",
        "expired",
    }
    for need in needs.filter(status="published"):
        assert need.events.filter(action="published", actor__username="demo_broker").exists()

    contracts = Contract.objects.all()
    assert contracts.count() >= 250
    assert set(contracts.values_list("status", flat=True)) == set(Contract.Status.values)
    registered = contracts.filter(status="registered")
    assert registered.count() >= 0.8 * contracts.count()
    assert set(contracts.values_list("contract_type", flat=True)) == {
        "development",
        "transfer",
        "licence",
        "consulting",
        "service",
    }
    sellers = set(contracts.values_list("seller_organization__slug", flat=True))
    assert {"semi-cas", "dicp-cas", "iccas", "zju", "buaa", "zzu", "tju", "hnagri"} <= sellers
    assert contracts.filter(seller_organization__kind="enterprise").exists()
    assert contracts.filter(need__isnull=False).exists()
    year = timezone.localdate().year
    for contract in registered:
        assert contract.signed_on <= contract.registered_on <= timezone.localdate()
        assert contract.registered_on.year == year
        assert contract.transaction_amount <= contract.declared_transaction_amount
    large = registered.filter(contract_amount__gte=10_000_000)
    assert large.exists()
    for contract in large:
        assert contract.first_reviewer_id and contract.second_reviewer_id
        assert contract.first_reviewer_id != contract.second_reviewer_id
    assert contracts.filter(status="second_review", contract_amount__gte=10_000_000).exists()

    editor = User.objects.get(username="demo_university")
    approver = User.objects.get(username="demo_approver")
    zju = InstitutionPage.objects.get(organization__slug="zju")
    zzu = InstitutionPage.objects.get(organization__slug="zzu")
    zju_outcome = OutcomePage.objects.child_of(zju).live().first()
    zzu_outcome = OutcomePage.objects.child_of(zzu).first()
    assert can_edit_outcome(editor, zju_outcome)
    assert not can_publish_outcome(editor, zju_outcome)
    assert can_publish_outcome(approver, zju_outcome)
    assert not can_edit_outcome(editor, zzu_outcome)
    waiting = OutcomePage.objects.child_of(zju).filter(live=False).get()
    assert waiting.current_workflow_state.status == "in_progress"

    assert client.get("/").status_code == 200
    listing = client.get("/outcomes/")
    assert listing.context["result_count"] == live.count()
    mg = client.get("/outcomes/", {"industry": "magnesium"})
    assert any("镁合金" in o.title for o in mg.context["outcomes"])


def test_demo_search_finds_the_right_outcome_first(db, client, embedded_search):
    """Among outcomes (the 类型 facet), the one named by the query comes first, highlighted."""
    call_command("seed_demo", stdout=StringIO())
    for query, expected in [
        ("镁合金", "镁合金精深加工技术"),
        ("光互连", "硅基光互连芯片"),
        ("智能灌溉", "智能灌溉水肥一体化系统"),
        ("5G", "5G"),
    ]:
        first = client.get("/search/", {"q": query, "kind": "outcome"}).context["hits"][0]
        assert expected in first.title, (query, first.title)
        assert f"<mark>{query}</mark>" in first.highlights["title"]


def test_seed_demo_refuses_production(db, settings):
    settings.PORTAL_ENVIRONMENT = "production"
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo")
    assert not OutcomePage.objects.exists()

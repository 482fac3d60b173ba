"""seed_demo loads a believable market once; a second run changes nothing; production refuses;
`make demo` prints a short summary and makes real PDFs of the signed contracts.

Seeding the demo takes a while: the tests of TestTheDemo share one run of seed_demo on an empty
database (the class's fixture, `seeded`: what it printed and logged, its media and the search
index it built), each test in a savepoint of that transaction, rolled back after it."""

import base64
import logging
import re
import zlib
from dataclasses import dataclass
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test.utils import override_settings
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
from search.backends import reset_backend
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


def pdf_text(data: bytes) -> str:
    """The text a PDF's pages show (ReportLab's streams: ASCII85 and Flate, UCS-2 strings)."""
    shown = []
    pattern = rb"/Filter \[ /ASCII85Decode /FlateDecode \] /Length (\d+)\s*>>\s*stream\r?\n"
    for match in re.finditer(pattern, data):
        body = data[match.end() : match.end() + int(match.group(1))].strip()
        content = zlib.decompress(base64.a85decode(body.removesuffix(b"~>")))
        for literal in re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", content):
            raw = re.sub(
                rb"\\([0-7]{1,3}|.)",
                lambda e: bytes([int(e.group(1), 8)]) if e.group(1)[:1].isdigit() else e.group(1),
                literal,
            )
            shown.append(raw.decode("utf-16-be", errors="replace"))
    return "\n".join(shown)


@dataclass
class Seeded:
    printed: str
    logged: list[logging.LogRecord]
    media: Path
    index: Path


class _Records(logging.Handler):
    """What reaches the root logger at INFO and above (as caplog.at_level(logging.INFO))."""

    def __init__(self):
        super().__init__(level=logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """seed_demo run once on the empty test database, in a transaction rolled back after the
    class; its media and search index in folders of their own."""
    media, index = tmp_path_factory.mktemp("demo-media"), tmp_path_factory.mktemp("demo-search")
    search = {"BACKEND": "search.backends.embedded.EmbeddedBackend", "PATH": index}
    records, root = _Records(), logging.getLogger()
    level = root.level
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(MEDIA_ROOT=media, SEARCH_BACKEND=search):
            reset_backend()
            root.addHandler(records)
            root.setLevel(logging.INFO)
            out = StringIO()
            try:
                call_command("seed_demo", stdout=out)
            finally:
                root.removeHandler(records)
                root.setLevel(level)
                reset_backend()
        yield Seeded(out.getvalue(), records.records, media, index)
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded, db, settings):
    """The seeded demo for one test (its changes rolled back after it)."""
    settings.MEDIA_ROOT = seeded.media
    return seeded


# One process seeds the demo for all of the class's tests (make test: pytest-xdist's loadgroup).
@pytest.mark.xdist_group("seeded-demo")
class TestTheDemo:
    def test_seed_demo_builds_the_market_and_is_idempotent(self, demo, client):
        first = demo.printed
        assert "demo_enterprise" in first
        # The brokers' queue has strong suggestions to start from (stored by refresh_matches).
        assert "strong and medium suggestions stored" in first
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
        assert set(needs.values_list("confidentiality", flat=True)) == {
            "public",
            "members",
            "brokers",
        }
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

    def test_demo_search_finds_the_right_outcome_first(self, demo, client, settings):
        """Among outcomes (the 类型 facet), the one named by the query comes first, highlighted."""
        # the index seed_demo built
        settings.SEARCH_BACKEND = {
            "BACKEND": "search.backends.embedded.EmbeddedBackend",
            "PATH": demo.index,
        }
        reset_backend()
        for query, expected in [
            ("镁合金", "镁合金精深加工技术"),
            ("光互连", "硅基光互连芯片"),
            ("智能灌溉", "智能灌溉水肥一体化系统"),
            ("5G", "5G"),
        ]:
            first = client.get("/search/", {"q": query, "kind": "outcome"}).context["hits"][0]
            assert expected in first.title, (query, first.title)
            assert f"<mark>{query}</mark>" in first.highlights["title"]

    def test_make_demo_prints_a_summary_and_makes_real_pdfs(self, demo):
        """make demo (issue 14, item 10): a short summary instead of hundreds of lines, and the
        demo's signed contracts are real one-page PDFs with their parties, amount and number."""
        printed = demo.printed.strip().splitlines()
        assert len(printed) <= 25, printed
        assert any("demo_enterprise" in line for line in printed)
        assert any("demo_bureau" in line for line in printed)  # every demo account is listed
        logged = [r for r in demo.logged if r.levelno >= logging.INFO]
        assert len(logged) <= 5, [(r.name, r.getMessage()) for r in logged[:20]]

        contract = Contract.objects.filter(status=Contract.Status.REGISTERED).order_by("pk").first()
        data = contract.document.open("rb").read()
        assert data.startswith(b"%PDF-") and b"/Count 1" in data and len(data) > 1500
        text = pdf_text(data)
        assert contract.name in text
        assert contract.seller_name in text and contract.buyer_name in text
        assert f"{contract.contract_amount:,.2f} 元" in text
        assert re.search(r"HB\d{4}-\d{4}", text)
        assert Decimal(contract.contract_amount) > 0
        # every signed copy in the demo is a real PDF, the funding demo's service contracts too
        stubs = [
            c.name
            for c in Contract.objects.exclude(document="")
            if len(c.document.open("rb").read()) < 1500
        ]
        assert stubs == []


def test_seed_demo_refuses_production(db, settings):
    settings.PORTAL_ENVIRONMENT = "production"
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo")
    assert not OutcomePage.objects.exists()

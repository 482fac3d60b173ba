"""Demo content for the portal: institutions with their sections and outcomes, Hebi enterprises,
one user for each role. Every step looks before it writes, so a second run changes nothing.

Outcome texts are in part written for this project (outcomes_original.jsonl) and in part drawn
from the CSL dataset (Chinese Scientific Literature, Apache-2.0; see portal/demo/csl.py).
"""

import json
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.credit_code import make_credit_code
from accounts.models import Organization, User
from accounts.roles import Role
from accounts.services import membership_grant, organization_create
from cms.models import InstitutionPage, OutcomePage
from cms.patents import make_patent_number
from cms.services import institution_section_ensure, outcome_create, site_ensure
from market.funding.demo import seed_funding
from portal.demo.contracts import contract_pdf, seed_contracts
from portal.demo.csl import csl_outcomes
from portal.demo.enterprises import DATA_DIR, enterprise_user, load_enterprises
from portal.demo.events import seed_events
from portal.demo.front import seed_front
from portal.demo.images import field_image
from portal.demo.institutions import INSTITUTIONS, OFFICES
from portal.demo.listing import listing_entry, outcome_body
from taxonomy import vocabularies as vocab
from taxonomy.models import Term

# username -> (role, organization slug, display name)
DEMO_USERS = {
    "demo_enterprise": (Role.ENTERPRISE_MEMBER, None, "赵经理"),
    "demo_university": (Role.UNIVERSITY_EDITOR, "zju", "钱老师"),
    "demo_approver": (Role.UNIVERSITY_APPROVER, "zju", "孙主任"),
    "demo_broker": (Role.BROKER, "hebi-techmarket", "李经纪"),
    "demo_registrar": (Role.REGISTRAR, "hebi-contract-office", "周登记员"),
    "demo_admin": (Role.ADMINISTRATOR, "hebi-stb", "吴管理员"),
}


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, n: int = 1) -> None:
        self.created[what] = self.created.get(what, 0) + n

    @property
    def changed(self) -> bool:
        return any(self.created.values())


def _term(vocabulary: str, code: str | None) -> Term | None:
    return Term.objects.get(vocabulary=vocabulary, code=code) if code else None


def _organization(entry: dict, kind: str, report: SeedReport) -> Organization:
    existing = Organization.objects.filter(slug=entry["slug"]).first()
    if existing:
        return existing
    report.add("organizations")
    return organization_create(
        kind=kind,
        name=entry["name"],
        slug=entry["slug"],
        credit_code=make_credit_code(entry["prefix"]),
        district=_term(vocab.DISTRICT, entry.get("district")),
        industry=_term(vocab.INDUSTRY, entry.get("industry")),
        address=entry.get("address", ""),
        website=entry.get("website", ""),
        description=entry.get("description", ""),
        verified=entry.get("verified", True),
    )


def load_outcomes() -> list[dict]:
    """Outcomes written for the demo, then those drawn from the CSL corpus."""
    with open(DATA_DIR / "outcomes_original.jsonl", encoding="utf-8") as fh:
        original = [json.loads(line) for line in fh if line.strip()]
    return [listing_entry(entry) for entry in original + csl_outcomes()]


def _user(username: str, name: str, password: str, report: SeedReport) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, first_name=name, email=f"{username}@demo.techmarket.example")
        user.set_password(password)
        if username == "demo_admin":
            user.is_superuser = True
            user.is_staff = True
        user.save()
        report.add("users")
    return user


def _outcome(
    entry: dict,
    section: InstitutionPage,
    editor: User | None,
    approver: User | None,
    report: SeedReport,
):
    if OutcomePage.objects.filter(slug=entry["slug"]).exists():
        return
    data = {
        "title": entry["title"],
        "slug": entry["slug"],
        "summary": entry["summary"],
        "body": outcome_body(entry),
        "tech_field": _term(vocab.TECH_FIELD, entry["tech_field"]),
        "maturity": _term(vocab.MATURITY, entry["maturity"]),
        "price_wan": Decimal(str(entry["price_wan"])) if entry.get("price_wan") else None,
        "contact_name": entry.get("contact_name", ""),
        "contact_phone": entry.get("contact_phone", ""),
        "contact_email": entry.get("contact_email", ""),
        "image": field_image(entry["tech_field"]),
    }
    patents = [
        {
            "kind": p["kind"],
            "number": make_patent_number(p["digits"]) if p["kind"] != "software" else p["digits"],
            "title": p.get("title", ""),
        }
        for p in entry.get("patents", [])
    ]
    outcome = outcome_create(
        section=section,
        data=data,
        industries=[_term(vocab.INDUSTRY, c) for c in entry.get("industries", [])],
        transfer_modes=[_term(vocab.TRANSFER_MODE, c) for c in entry.get("transfer_modes", [])],
        keywords=entry.get("keywords", []),
        patents=patents,
        user=editor,
        publisher=approver,
        publish=entry.get("state", "live") == "live",
    )
    if entry.get("state") == "in_moderation":
        outcome.get_workflow().start(outcome, editor)
    elif entry.get("state", "live") == "live":
        published = timezone.now() - timedelta(days=entry.get("days_ago", 1))
        OutcomePage.objects.filter(pk=outcome.pk).update(
            first_published_at=published, last_published_at=published
        )
    report.add("outcomes")


def load_needs() -> list[dict]:
    with open(DATA_DIR / "needs.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _need(entry: dict, users: dict[str, User], report: SeedReport) -> None:
    """A need of a Hebi enterprise, taken through the workflow to the state the entry names.

    Its first member posts it and demo_broker reviews it, so the history reads like real use.
    """
    from market.needs import services
    from market.needs.models import Need

    organization = Organization.objects.get(name=entry["enterprise"])
    if Need.objects.filter(organization=organization, title=entry["title"]).exists():
        return
    author = enterprise_user(organization, users)
    today = timezone.localdate()
    data = {
        "title": entry["title"],
        "summary": entry["summary"],
        "description": entry["description"],
        "tech_field": _term(vocab.TECH_FIELD, entry["tech_field"]),
        "industry": _term(vocab.INDUSTRY, entry.get("industry")),
        "district": _term(vocab.DISTRICT, entry["district"]),
        "budget_min_wan": _decimal(entry.get("budget_min_wan")),
        "budget_max_wan": _decimal(entry.get("budget_max_wan")),
        "deadline": today + timedelta(days=max(entry["deadline_days"], 1)),
        "contact_name": entry["contact_name"],
        "contact_phone": entry["contact_phone"],
        "contact_email": entry.get("contact_email", ""),
        "confidentiality": entry["confidentiality"],
    }
    modes = [_term(vocab.COOPERATION_MODE, c) for c in entry["cooperation_modes"]]
    need = services.need_create(
        organization=organization, user=author, data=data, cooperation_modes=modes
    )
    status, broker = entry["status"], users["demo_broker"]
    if status != "draft":
        need = services.need_submit(need=need, user=author)
    if status == "returned":
        services.need_return(need=need, user=broker, reason=entry.get("return_reason", "请补充"))
    if status in ("published", "closed"):
        need = services.need_publish(need=need, user=broker)
    if status == "closed":
        reason = entry.get("close_reason", "solved")
        if reason == "withdrawn":
            services.need_withdraw(need=need, user=author)
        elif reason == "solved":
            services.need_mark_solved(need=need, user=broker)
        else:
            Need.objects.filter(pk=need.pk).update(
                deadline=today + timedelta(days=entry["deadline_days"])
            )
            services.needs_expire(today=today)
    moment = timezone.now() - timedelta(days=entry.get("days_ago", 1))
    Need.objects.filter(pk=need.pk, published_at__isnull=False).update(published_at=moment)
    Need.objects.filter(pk=need.pk, submitted_at__isnull=False).update(submitted_at=moment)
    report.add("needs")


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@transaction.atomic
def seed(*, password: str) -> SeedReport:
    """Create whatever of the demo content is missing."""
    report = SeedReport()
    site_ensure(port=8000)

    for entry in OFFICES:
        _organization(entry, entry["kind"], report)
    sections = {}
    for entry in INSTITUTIONS:
        institution = _organization(entry, entry["kind"], report)
        had_section = InstitutionPage.objects.filter(organization=institution).exists()
        sections[entry["name"]] = institution_section_ensure(organization=institution)
        if not had_section:
            report.add("sections")
    enterprises = [_organization(e, "enterprise", report) for e in load_enterprises()]

    users = {}
    for username, (role, org_slug, name) in DEMO_USERS.items():
        user = _user(username, name, password, report)
        organization = (
            Organization.objects.get(slug=org_slug)
            if org_slug
            else next(e for e in enterprises if e.verified)
        )
        if not user.memberships.filter(organization=organization, role=role).exists():
            report.add("memberships")
        membership_grant(user=user, organization=organization, role=role)
        users[username] = user

    outcomes = load_outcomes()
    # One of 浙江大学's outcomes waits in its approval workflow, for demo_approver to decide.
    [e for e in outcomes if e["institution"] == "浙江大学"][-1]["state"] = "in_moderation"
    for entry in outcomes:
        by_demo_users = entry["institution"] == "浙江大学"
        editor = users["demo_university"] if by_demo_users else None
        approver = users["demo_approver"] if by_demo_users else None
        _outcome(entry, sections[entry["institution"]], editor, approver, report)
    for entry in load_needs():
        _need(entry, users, report)
    seed_contracts(users=users, report=report)
    seed_events(users=users, report=report)
    seed_funding(users=users, password=password, report=report, signed_copy=contract_pdf)
    seed_front(report=report)
    return report

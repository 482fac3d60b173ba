"""Who may do what, through the real pages and API: every kind of person against the main
objects (a draft need, a submitted need, a published members-only need, an outcome, a
contract under review, a match) and actions (view, edit, submit, publish, register, advance),
asserting the status each would see.

People: anonymous; an enterprise member (the need's owner); a university editor and an
approver (the outcome's institution, the contract's seller); a broker; a registrar; an
administrator; a member of another, verified enterprise; an unverified sign-up; and two people
holding two roles: a broker who belongs to the need's enterprise and a registrar who belongs to
the seller. Each case builds its world anew, so a permitted write never leaks into another.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from accounts.roles import Role
from accounts.services import enterprise_signup, membership_grant
from market.contracts.services import contract_create, contract_submit
from matching.services import match_create
from tests.factories import (
    OrganizationFactory,
    UserFactory,
    credit_code,
    make_need,
    make_outcome,
    term,
)

DRAFT_SECRET = "草稿保密说明QX-9"
MEMBERS_SECRET = "会员可见保密说明MB-7"
PHONE = "13855501234"  # need_data's contact phone


def _member(organization, role, username):
    user = UserFactory(username=username)
    membership_grant(user=user, organization=organization, role=role)
    return user


@pytest.fixture
def world(site, uni_a, section_a, firm_a, firm_b):
    office = OrganizationFactory(kind="government", name="鹤壁市科技局", slug="office")
    agency = OrganizationFactory(kind="agency", name="鹤壁市技术转移中心", slug="agency")
    people = {
        "anonymous": None,
        "enterprise_member": _member(firm_a, Role.ENTERPRISE_MEMBER, "owner"),
        "university_editor": _member(uni_a, Role.UNIVERSITY_EDITOR, "editor"),
        "approver": _member(uni_a, Role.UNIVERSITY_APPROVER, "approver"),
        "broker": _member(agency, Role.BROKER, "broker"),
        "registrar": _member(office, Role.REGISTRAR, "registrar"),
        "admin": _member(office, Role.ADMINISTRATOR, "admin"),
        "other_org_member": _member(firm_b, Role.ENTERPRISE_MEMBER, "other"),
        "unverified": enterprise_signup(
            username="newcomer",
            email="newcomer@example.com",
            password="a-long-Passw0rd",
            organization_name="鹤壁新来科技有限公司",
            credit_code=credit_code(),
            district=term("district", "410611"),
        ),
    }
    broker_owner = _member(agency, Role.BROKER, "broker_owner")
    membership_grant(user=broker_owner, organization=firm_a, role=Role.ENTERPRISE_MEMBER)
    people["broker_and_owner"] = broker_owner
    registrar_seller = _member(office, Role.REGISTRAR, "registrar_seller")
    membership_grant(user=registrar_seller, organization=uni_a, role=Role.UNIVERSITY_EDITOR)
    people["registrar_and_seller"] = registrar_seller

    owner, broker = people["enterprise_member"], people["broker"]
    draft = make_need(firm_a, owner, title="草稿需求", description=DRAFT_SECRET)
    submitted = make_need(firm_a, owner, status="submitted", title="待审核需求")
    members = make_need(
        firm_a,
        owner,
        status="published",
        broker=broker,
        title="会员可见需求",
        confidentiality="members",
        description=MEMBERS_SECRET,
    )
    outcome = make_outcome(section_a, slug="matrix-outcome")
    editor = people["university_editor"]
    today = datetime.date.today()
    contract = contract_create(
        user=editor,
        seller=uni_a,
        data={
            "name": "镁合金压铸工艺技术开发合同",
            "contract_type": "development",
            "subtype": "commissioned",
            "buyer_organization": firm_a,
            "signed_on": today - datetime.timedelta(days=10),
            "term_start": today - datetime.timedelta(days=10),
            "term_end": today + datetime.timedelta(days=300),
            "contract_amount": Decimal("500000.00"),
            "declared_transaction_amount": Decimal("400000.00"),
            "document": ContentFile(b"%PDF-1.4\n% contract\n", name="contract.pdf"),
        },
    )
    contract = contract_submit(contract=contract, user=editor)
    match = match_create(need=members, outcome=outcome, user=broker)
    return {
        "people": people,
        "draft": draft,
        "submitted": submitted,
        "members": members,
        "outcome": outcome,
        "contract": contract,
        "match": match,
    }


def _json(client, url, data):
    return client.post(url, data, content_type="application/json")


# Each action: (object, what it does) -> a function of (client, world) giving the response.
ACTIONS = {
    ("need draft", "view"): lambda c, w: c.get(f"/needs/{w['draft'].pk}/"),
    ("need draft", "view api"): lambda c, w: c.get(f"/api/v1/needs/{w['draft'].pk}/"),
    ("need draft", "edit"): lambda c, w: c.get(f"/needs/{w['draft'].pk}/edit/"),
    ("need draft", "submit"): lambda c, w: _json(c, f"/api/v1/needs/{w['draft'].pk}/submit/", {}),
    ("submitted need", "publish"): lambda c, w: _json(
        c, f"/api/v1/needs/{w['submitted'].pk}/publish/", {}
    ),
    ("members-only need", "view"): lambda c, w: c.get(f"/needs/{w['members'].pk}/"),
    ("outcome", "view"): lambda c, w: c.get(w["outcome"].url),
    ("outcome", "edit"): lambda c, w: c.get(f"/admin/pages/{w['outcome'].pk}/edit/"),
    ("contract", "view"): lambda c, w: c.get(f"/api/v1/contracts/{w['contract'].pk}/"),
    ("contract", "register"): lambda c, w: _json(
        c, f"/api/v1/contracts/{w['contract'].pk}/register/", {"transaction_amount": "400000"}
    ),
    ("match", "view"): lambda c, w: c.get(f"/api/v1/matches/{w['match'].pk}/"),
    ("match", "advance"): lambda c, w: _json(
        c, f"/api/v1/matches/{w['match'].pk}/advance/", {"status": "introduced"}
    ),
}

# What each person sees, action by action, in the order of ACTIONS (reads before the writes
# that change their object). "full": the page with the need's details; "summary": the page
# with its title and summary only. 302 is a redirect to the log-in page (or, in the workbench,
# to its home with "no permission"); the API answers 403 to anonymous writes.
FULL, SUMMARY = "full", "summary"
EXPECTED = {
    # need draft: view, view api, edit, submit; submitted need: publish; members-only need:
    # view; outcome: view, edit; contract: view, register; match: view, advance
    "anonymous": (404, 404, 302, 403, 403, SUMMARY, 200, 302, 404, 403, 403, 403),
    "enterprise_member": (FULL, 200, 200, 200, 403, FULL, 200, 302, 404, 403, 200, 403),
    "university_editor": (404, 404, 404, 404, 404, FULL, 200, 200, 200, 403, 200, 403),
    "approver": (404, 404, 404, 404, 404, FULL, 200, 200, 200, 403, 200, 403),
    "broker": (404, 404, 404, 404, 200, FULL, 200, 302, 404, 403, 200, 200),
    "registrar": (404, 404, 404, 404, 404, FULL, 200, 302, 200, 200, 404, 404),
    "admin": (404, 404, 404, 404, 200, FULL, 200, 200, 200, 200, 200, 200),
    "other_org_member": (404, 404, 404, 404, 404, FULL, 200, 302, 404, 403, 404, 404),
    "unverified": (404, 404, 404, 404, 404, SUMMARY, 200, 302, 404, 403, 404, 404),
    # Two roles: never reviewing or steering their own organization's work.
    "broker_and_owner": (FULL, 200, 200, 200, 403, FULL, 200, 302, 404, 403, 200, 403),
    "registrar_and_seller": (404, 404, 404, 404, 404, FULL, 200, 200, 200, 403, 200, 403),
}
SECRETS = {("need draft", "view"): DRAFT_SECRET, ("members-only need", "view"): MEMBERS_SECRET}


def _seen(key, response):
    """The status, or for a need's page whether its details show."""
    if key not in SECRETS or response.status_code != 200:
        return response.status_code
    page = response.content.decode()
    return FULL if SECRETS[key] in page and PHONE in page else SUMMARY


@pytest.mark.parametrize("person", list(EXPECTED))
def test_what_each_person_may_do(client, world, person):
    user = world["people"][person]
    if user is not None:
        client.force_login(user)
    seen = {key: _seen(key, act(client, world)) for key, act in ACTIONS.items()}
    assert seen == dict(zip(ACTIONS, EXPECTED[person], strict=True))

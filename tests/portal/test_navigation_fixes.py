"""Pages reachable from a link, not only by typing their address (issue 14, items 4 and 7)."""

import pytest

from accounts.roles import Role
from accounts.services import membership_grant
from tests.factories import OrganizationFactory, UserFactory


@pytest.fixture
def registrar(db):
    user = UserFactory(username="registrar")
    office = OrganizationFactory(kind="government", name="鹤壁市技术合同登记处", slug="office")
    membership_grant(user=user, organization=office, role=Role.REGISTRAR)
    return user


def test_enterprises_find_their_matches_in_the_menu(client, member_a):
    client.force_login(member_a)
    html = client.get("/needs/").content.decode()
    assert 'href="/matches/mine/"' in html
    assert "我的对接" in html


def test_the_registrars_contracts_menu_leads_to_the_registration_queue(client, registrar):
    client.force_login(registrar)
    html = client.get("/needs/").content.decode()
    assert 'href="/contracts/review/"' in html
    assert 'href="/contracts/"' not in html


def test_the_ledger_export_is_linked_from_the_registrars_pages(client, registrar):
    client.force_login(registrar)
    for page in ("/contracts/review/", "/contracts/all/"):
        html = client.get(page).content.decode()
        assert 'href="/contracts/ledger/export.xlsx"' in html, page
        assert 'href="/contracts/ledger/import/"' in html, page
    export = client.get("/contracts/ledger/export.xlsx")
    assert export.status_code == 200


def test_the_menu_has_a_button_that_folds_it(client, db):
    html = client.get("/needs/").content.decode()
    assert "data-nav-toggle" in html and 'aria-controls="main-nav"' in html
    assert '<nav class="main-nav" id="main-nav"' in html

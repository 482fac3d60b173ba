"""On SQLite, a registration that finds the database locked by another writer answers 503
"please try again" (a page, or JSON on the API), never a 500; with the lock gone it succeeds."""

import sqlite3

import pytest
from django.db import connection
from django.urls import reverse

from accounts.roles import Role
from accounts.services import membership_grant
from market.contracts.models import Contract
from market.contracts.services import contract_create, contract_submit
from tests.factories import InstitutionFactory, OrganizationFactory, UserFactory
from tests.market.test_registration_numbers import contract_data

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's single writer"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def submitted(db):
    seller = InstitutionFactory(name="郑州大学", slug="zzu-busy")
    editor = UserFactory(username="busy_editor")
    membership_grant(user=editor, organization=seller, role=Role.UNIVERSITY_EDITOR)
    office = OrganizationFactory(kind="government", slug="office-busy")
    registrar = UserFactory(username="busy_registrar")
    membership_grant(user=registrar, organization=office, role=Role.REGISTRAR)
    contract = contract_create(user=editor, seller=seller, data=contract_data(1))
    return contract_submit(contract=contract, user=editor), registrar


def _other_writer():
    """A second connection to the test database holding the write lock, as a concurrent
    registration would."""
    name = connection.settings_dict["NAME"]
    other = sqlite3.connect(str(name), uri=str(name).startswith("file:"), timeout=0)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE market_registrationcounter SET last_serial = last_serial")
    other.execute("UPDATE market_contract SET name = name")
    return other


@pytest.fixture
def short_busy_timeout(monkeypatch):
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "timeout", 0.1)
    connection.close()  # reconnect with the short busy timeout
    yield
    connection.close()


def test_a_locked_database_is_a_503_asking_to_retry(client, submitted, short_busy_timeout):
    contract, registrar = submitted
    client.force_login(registrar)
    other = _other_writer()
    try:
        page = client.post(
            reverse("contracts:register", args=[contract.pk]), {"transaction_amount": "400000"}
        )
        assert page.status_code == 503
        assert page["Retry-After"] == "5"
        assert "请重试" in page.content.decode()
        api = client.post(
            f"/api/v1/contracts/{contract.pk}/register/",
            {"transaction_amount": "400000"},
            content_type="application/json",
        )
        assert api.status_code == 503
        assert "请重试" in api.json()["detail"]
    finally:
        other.rollback()
        other.close()

    page = client.post(
        reverse("contracts:register", args=[contract.pk]), {"transaction_amount": "400000"}
    )
    assert page.status_code == 302
    contract.refresh_from_db()
    assert contract.status == Contract.Status.REGISTERED
    assert contract.registration_serial == 1


def test_sqlite_waits_for_the_writer_and_takes_the_lock_up_front():
    options = connection.settings_dict["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5

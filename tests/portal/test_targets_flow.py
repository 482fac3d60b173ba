"""The issue's walk-through: a registrar registers a submitted contract and the dashboard moves by
exactly its amount; the ledger export sums to the dashboard's figure."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.services import membership_grant
from market.contracts.selectors import year_progress
from market.contracts.services import contract_create, contract_register, contract_submit
from tests.factories import InstitutionFactory, OrganizationFactory, UserFactory, credit_code

TODAY = timezone.localdate()


def contract_data(name: str, amount: str) -> dict:
    return {
        "name": name,
        "contract_type": "transfer",
        "subtype": "patent_right",
        "buyer_name": "鹤壁天海电器有限公司",
        "buyer_credit_code": credit_code(),
        "buyer_region": "410611",
        "buyer_nature": "enterprise",
        "signed_on": TODAY,
        "term_start": TODAY,
        "term_end": TODAY + datetime.timedelta(days=365),
        "contract_amount": Decimal(amount),
        "declared_transaction_amount": Decimal(amount),
        "document": ContentFile(b"%PDF-1.4\n% contract\n", name="contract.pdf"),
    }


@pytest.fixture
def people(db):
    seller = InstitutionFactory(name="天津大学", slug="tju-t")
    editor = UserFactory(username="seller")
    membership_grant(user=editor, organization=seller, role=Role.UNIVERSITY_EDITOR)
    office = OrganizationFactory(kind="government", name="鹤壁市技术合同登记处", slug="office-t")
    registrar = UserFactory(username="registrar")
    membership_grant(user=registrar, organization=office, role=Role.REGISTRAR)
    return seller, editor, registrar


def test_registering_moves_the_dashboard_by_exactly_the_amount(client, people):
    seller, editor, registrar = people
    earlier = contract_submit(
        contract=contract_create(
            user=editor, seller=seller, data=contract_data("甲合同", "1234567.89")
        ),
        user=editor,
    )
    contract_register(contract=earlier, user=registrar, transaction_amount="1000000.00")
    waiting = contract_submit(
        contract=contract_create(
            user=editor, seller=seller, data=contract_data("乙合同", "376543.21")
        ),
        user=editor,
    )
    before = year_progress(TODAY.year)["registered_amount"]
    assert before == Decimal("1234567.89")

    client.force_login(registrar)
    response = client.post(
        reverse("contracts:register", args=[waiting.pk]),
        {"transaction_amount": "300000", "transaction_amount_unit": "yuan"},
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == "registered"

    after = year_progress(TODAY.year)["registered_amount"]
    assert after - before == Decimal("376543.21")
    api = client.get(f"/api/v1/targets/{TODAY.year}/").json()
    assert api["registered_amount"] == "1611111.10"
    assert api["registered_count"] == 2

    ledger = client.get(reverse("contracts:ledger_export"), {"year": TODAY.year})
    sheet = openpyxl.load_workbook(io.BytesIO(ledger.content)).active
    amounts = [
        Decimal(str(row[13]))
        for row in sheet.iter_rows(min_row=2, values_only=True)
        if row[0] and str(row[0]).startswith(str(TODAY.year))
    ]
    assert sum(amounts) == after

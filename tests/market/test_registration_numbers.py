"""Registration numbers are unique and gap-free per year and registration point, also when
registrars register at the same moment (run on PostgreSQL with real concurrent transactions)."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connections
from django.utils import timezone

from accounts.roles import Role
from accounts.services import membership_grant
from market.contracts.models import Contract, ContractEvent
from market.contracts.services import contract_create, contract_register, contract_submit
from tests.factories import InstitutionFactory, OrganizationFactory, UserFactory, credit_code


def contract_data(n: int, amount: str = "500000.00") -> dict:
    from django.core.files.base import ContentFile

    today = timezone.localdate()
    return {
        "name": f"镁合金压铸工艺技术开发合同{n}",
        "contract_type": "development",
        "subtype": "commissioned",
        "buyer_name": "鹤壁天海电器有限公司",
        "buyer_credit_code": credit_code(),
        "buyer_region": "410611",
        "buyer_nature": "enterprise",
        "signed_on": today - datetime.timedelta(days=10),
        "term_start": today - datetime.timedelta(days=10),
        "term_end": today + datetime.timedelta(days=300),
        "contract_amount": Decimal(amount),
        "declared_transaction_amount": (Decimal(amount) * Decimal("0.8")).quantize(Decimal("0.01")),
        "document": ContentFile(b"%PDF-1.4\n% contract\n", name="contract.pdf"),
    }


@pytest.fixture
def parties(db):
    seller = InstitutionFactory(name="郑州大学", slug="zzu-test")
    editor = UserFactory(username="seller_editor")
    membership_grant(user=editor, organization=seller, role=Role.UNIVERSITY_EDITOR)
    office = OrganizationFactory(kind="government", name="鹤壁市技术合同登记处", slug="office")
    registrars = []
    for name in ("registrar_1", "registrar_2"):
        user = UserFactory(username=name)
        membership_grant(user=user, organization=office, role=Role.REGISTRAR)
        registrars.append(user)
    return seller, editor, registrars


def submitted(seller, editor, n, amount="500000.00") -> Contract:
    contract = contract_create(user=editor, seller=seller, data=contract_data(n, amount))
    return contract_submit(contract=contract, user=editor)


def test_numbers_follow_each_other_without_gaps(parties):
    seller, editor, (registrar, _other) = parties
    year = timezone.localdate().year
    numbers = [
        contract_register(
            contract=submitted(seller, editor, n), user=registrar, transaction_amount="400000"
        ).registration_number
        for n in range(3)
    ]
    assert numbers == [f"{year}410600{n:06d}" for n in (1, 2, 3)]


def test_a_large_contract_needs_a_second_registrar(parties):
    seller, editor, (first, second) = parties
    contract = submitted(seller, editor, 1, amount="10000000.00")
    contract = contract_register(contract=contract, user=first, transaction_amount="9000000")
    assert contract.status == "second_review"
    assert contract.registration_number is None
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        contract_register(contract=contract, user=first, transaction_amount="9000000")
    contract = contract_register(contract=contract, user=second, transaction_amount="8500000")
    assert contract.status == "registered"
    assert contract.transaction_amount == Decimal("8500000.00")
    change = ContractEvent.objects.filter(contract=contract, action="registered").get()
    assert change.changes["transaction_amount"] == ["9000000.00", "8500000"]


@pytest.mark.skipif(
    "postgres" not in settings.DATABASES["default"]["ENGINE"],
    reason="concurrent transactions need PostgreSQL (SQLite serialises writers)",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_get_distinct_consecutive_numbers(parties):
    seller, editor, registrars = parties
    contracts = [submitted(seller, editor, n) for n in range(8)]
    barrier = threading.Barrier(len(contracts))
    errors: list[BaseException] = []

    def register(contract, registrar):
        try:
            barrier.wait(timeout=10)
            contract_register(contract=contract, user=registrar, transaction_amount="400000")
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=register, args=(c, registrars[i % 2]))
        for i, c in enumerate(contracts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    serials = sorted(
        Contract.objects.filter(status="registered").values_list("registration_serial", flat=True)
    )
    assert serials == list(range(1, 9))

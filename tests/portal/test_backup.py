"""Backups round-trip: what a restore puts back is what was backed up, to the row, the fen, the
registration counter and the byte of every file; the search index is rebuilt from it; a file
that is not a backup changes nothing. On SQLite by the backup API, on PostgreSQL by pg_dump and
pg_restore (the same test, run by the suite on each database)."""

import tarfile
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db.models import Sum
from django.utils import timezone

from market.contracts.models import Contract, RegistrationCounter
from market.contracts.services import contract_register
from portal.backups import compare, database_facts, read_manifest
from search.documents import SearchQuery
from search.selectors import search
from tests.factories import make_outcome
from tests.market.test_registration_numbers import parties, submitted  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def money() -> Decimal:
    return Contract.objects.aggregate(total=Sum("transaction_amount"))["total"]


def found(text: str) -> list[str]:
    return [hit.title for hit in search(SearchQuery(text=text, highlight=False)).hits]


def test_a_restore_puts_back_rows_money_counters_files_and_search(
    parties,  # noqa: F811
    section_a,
    embedded_search,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    seller, editor, (registrar, _other) = parties
    year = timezone.localdate().year
    contracts = [
        contract_register(
            contract=submitted(seller, editor, n, amount="123456.78"),
            user=registrar,
            transaction_amount="98765.43",
        )
        for n in range(2)
    ]
    outcome = make_outcome(section_a, title="镁合金熔体净化技术", slug="mg-backup")
    call_command("rebuild_search_index", no_progress=True)
    logo = default_storage.save("logos/market.png", ContentFile(b"\x89PNG not really"))
    signed = contracts[0].document.path
    with open(signed, "rb") as fh:
        signed_bytes = fh.read()
    before = database_facts()
    assert money() == Decimal("197530.86")

    archive = tmp_path / "portal.tar.gz"
    call_command("backup", str(archive))
    manifest = read_manifest(archive)
    assert manifest["facts"] == before
    assert manifest["folders"]["private"] >= 2 and manifest["folders"]["media"] >= 1

    # after the backup: a third registration, a changed amount, lost files, an empty index
    contract_register(
        contract=submitted(seller, editor, 9), user=registrar, transaction_amount="1.00"
    )
    Contract.objects.filter(pk=contracts[1].pk).update(transaction_amount=Decimal("0.01"))
    default_storage.delete(logo)
    contracts[0].document.storage.delete(contracts[0].document.name)
    embedded_search.rebuild([])
    assert found("镁合金") == []

    call_command("restore", str(archive), "--yes")

    assert compare(before, database_facts()) == []
    assert Contract.objects.count() == 2
    assert money() == Decimal("197530.86")
    assert RegistrationCounter.objects.get(year=year).last_serial == 2
    with default_storage.open(logo) as fh:
        assert fh.read() == b"\x89PNG not really"
    with open(signed, "rb") as fh:
        assert fh.read() == signed_bytes
    assert outcome.title in found("镁合金")
    # numbers stay gap-free after the restore: the next registration is the third
    third = contract_register(
        contract=submitted(seller, editor, 10), user=registrar, transaction_amount="2.00"
    )
    assert third.registration_number == f"{year}410600000003"


def test_a_file_that_is_not_a_backup_changes_nothing(parties, tmp_path):  # noqa: F811
    seller, editor, (registrar, _other) = parties
    contract_register(
        contract=submitted(seller, editor, 1), user=registrar, transaction_amount="100.00"
    )
    before = database_facts()
    bogus = tmp_path / "holiday-photos.tar.gz"
    with tarfile.open(bogus, "w:gz"):
        pass
    with pytest.raises(CommandError, match="not a portal backup"):
        call_command("restore", str(bogus), "--yes")
    not_even_tar = tmp_path / "notes.txt"
    not_even_tar.write_text("hello")
    with pytest.raises(CommandError, match="not a portal backup"):
        call_command("restore", str(not_even_tar), "--yes")
    assert compare(before, database_facts()) == []


def test_compare_names_every_difference():
    backup = {"rows": {"a": 2}, "money": {"a.x": "1.00"}, "registration_counters": {"p/1": 2}}
    now = {"rows": {"a": 3}, "money": {"a.x": "1.01"}, "registration_counters": {"p/1": 2}}
    assert compare(backup, now) == [
        "rows a: backup 2, now 3",
        "money a.x: backup 1.00, now 1.01",
    ]
    assert compare(backup, backup) == []

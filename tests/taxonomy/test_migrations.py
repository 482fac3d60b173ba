"""The vocabularies' data migrations carry their own data: a fresh database gets exactly the
terms of vocabularies.py, and a later edit of that file without a new data migration fails
here instead of leaving databases behind."""

from pathlib import Path

from taxonomy.models import Term
from taxonomy.vocabularies import VOCABULARIES

MIGRATIONS = Path(__file__).resolve().parents[2] / "taxonomy" / "migrations"


def test_a_migrated_database_has_exactly_the_terms_of_vocabularies_py(db):
    expected = {
        (vocabulary, code, name_zh, name_en, position)
        for vocabulary, entries in VOCABULARIES.items()
        for position, (code, name_zh, name_en) in enumerate(entries)
    }
    found = set(Term.objects.values_list("vocabulary", "code", "name_zh", "name_en", "position"))
    assert found == expected, "vocabularies.py changed: add a data migration with the change"


def test_data_migrations_import_no_live_code():
    for migration in sorted(MIGRATIONS.glob("0*.py")):
        source = migration.read_text(encoding="utf-8")
        assert "from taxonomy" not in source and "import taxonomy" not in source, migration.name

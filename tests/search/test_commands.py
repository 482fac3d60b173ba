"""manage.py rebuild_search_index and search_index_status against the embedded engine."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from search.backends import SearchUnavailable
from search.documents import SearchQuery
from tests.factories import make_outcome


@pytest.fixture
def outcomes(embedded_search, section_a, section_b):
    # Not inside on-commit capture: the index stays empty until a command fills it.
    return {
        "mg": make_outcome(section_a, title="镁合金精深加工技术", slug="mg"),
        "chip": make_outcome(
            section_b,
            title="硅基光互连芯片",
            slug="chip",
            field="electronic-information",
            industries=("optoelectronics",),
            keywords=("光互连",),
        ),
        "draft": make_outcome(section_a, title="镁合金草稿", slug="draft", publish=False),
    }


def run(name: str, **options) -> str:
    buf = StringIO()
    call_command(name, stdout=buf, **options)
    return buf.getvalue()


def indexed_ids(backend) -> set[str]:
    results = backend.search(SearchQuery(text="", page_size=100))
    return {hit.id for hit in results.hits}


def test_rebuild_indexes_exactly_the_live_public_outcomes(embedded_search, outcomes):
    assert embedded_search.count() == 0
    output = run("rebuild_search_index", no_progress=True)
    assert "Indexed 2 documents" in output
    assert indexed_ids(embedded_search) == {
        f"outcome:{outcomes['mg'].pk}",
        f"outcome:{outcomes['chip'].pk}",
    }


def test_rebuild_twice_does_not_duplicate(embedded_search, outcomes):
    run("rebuild_search_index", no_progress=True)
    output = run("rebuild_search_index", no_progress=True)
    assert "Indexed 2 documents" in output
    assert embedded_search.count("outcome") == 2


def test_status_shows_engine_location_and_ok_when_in_sync(embedded_search, outcomes, tmp_path):
    run("rebuild_search_index", no_progress=True)
    output = run("search_index_status")
    assert f"engine:    {embedded_search.name}" in output
    assert f"location:  {tmp_path / 'site-search'}" in output
    assert "documents: 2" in output
    line = next(x for x in output.splitlines() if x.strip().startswith("outcome"))
    assert line.split()[-1] == "ok"
    assert "rebuild_search_index" not in output


def test_status_shows_differs_and_the_hint_after_an_out_of_band_change(embedded_search, outcomes):
    run("rebuild_search_index", no_progress=True)
    embedded_search.delete([f"outcome:{outcomes['mg'].pk}"])
    output = run("search_index_status")
    line = next(x for x in output.splitlines() if x.strip().startswith("outcome"))
    assert line.split() == ["outcome", "indexed", "1", "database", "2", "differs"]
    assert "Run manage.py rebuild_search_index to catch up." in output


def test_rebuild_reports_an_unavailable_engine(embedded_search, outcomes, monkeypatch):
    class Down:
        name = "down"

        def rebuild(self, documents):
            list(documents)
            raise SearchUnavailable("down")

    monkeypatch.setattr(
        "search.management.commands.rebuild_search_index.get_backend", lambda: Down()
    )
    with pytest.raises(CommandError, match="unavailable"):
        run("rebuild_search_index", no_progress=True)


def test_a_rebuild_on_the_search_server_keeps_search_answering(
    site_search_server, section_a, section_b, monkeypatch
):
    """Zero downtime on Elasticsearch or OpenSearch: while the command fills the new index,
    searches answer in full from the old one; the alias then moves at once."""
    from search.registry import all_documents

    server = site_search_server
    made = [
        make_outcome(section_a, title="镁合金精深加工技术", slug="mg"),
        make_outcome(section_b, title="硅基光互连芯片", slug="chip", keywords=("光互连",)),
    ]
    expected = {f"outcome:{outcome.pk}" for outcome in made}
    assert "Indexed 2 documents" in run("rebuild_search_index", no_progress=True)
    assert indexed_ids(server) == expected
    during = []

    def documents():
        for document in all_documents():
            during.append(indexed_ids(server))
            yield document

    monkeypatch.setattr("search.management.commands.rebuild_search_index.all_documents", documents)
    output = run("rebuild_search_index", no_progress=True)
    assert f"Indexed 2 documents ({server.name})" in output
    assert during == [expected, expected]
    assert indexed_ids(server) == expected
    assert "differs" not in run("search_index_status")

"""Issue 11, findings 2 and 3: highlights are escaped text with <mark>s, built in time linear in
the text, however a document was written; the search page never shows a stored text unescaped."""

import time

import pytest
from django.urls import reverse

from search.documents import SearchDocument, SearchQuery
from search.highlighting import MAX_MATCHES, highlight
from tests.factories import make_need

SCRIPT_TITLE = "<img src=x onerror=alert(1)>镁合金"


def test_marks_the_match_in_the_original_text():
    assert highlight("镁合金精深加工技术", ["镁合金"]) == "<mark>镁合金</mark>精深加工技术"


def test_marks_full_width_text_for_a_half_width_term():
    assert highlight("５Ｇ基站用氮化铝陶瓷基板", ["5g"]) == "<mark>５Ｇ</mark>基站用氮化铝陶瓷基板"


def test_text_is_escaped_before_the_marks_go_in():
    marked = highlight('<b onclick="x">镁合金</b>', ["镁合金", "b"])
    assert "<b" not in marked
    assert marked.startswith("&lt;<mark>b</mark> onclick=&quot;x&quot;&gt;<mark>镁合金</mark>")


def test_a_term_that_looks_like_markup_is_escaped_too():
    assert highlight("a<mark>b", ["<mark>"]) == "a<mark>&lt;mark&gt;</mark>b"


def test_the_window_with_most_matches_is_shown():
    text = "绿色食品产业" * 30 + "镁合金精深加工" + "汽车零部件" * 30
    marked = highlight(text, ["镁合金"], length=40)
    assert "<mark>镁合金</mark>" in marked
    assert marked.startswith("…") and marked.endswith("…")
    assert len(marked.replace("<mark>", "").replace("</mark>", "")) <= 42


def test_a_window_prefers_the_densest_stretch():
    text = "镁" + "。" * 100 + "镁合金 镁合金 镁合金" + "。" * 100
    marked = highlight(text, ["镁合金", "镁"], length=30)
    assert marked.count("<mark>镁合金</mark>") == 3


def test_one_character_repeated_is_quick_and_marks_a_bounded_number():
    started = time.monotonic()
    marked = highlight("镁" * 2_400_000, ["镁"], length=160)
    assert time.monotonic() - started < 1.0
    assert 0 < marked.count("<mark>") <= MAX_MATCHES


def test_many_matches_of_many_terms_stay_quick():
    text = "镁合金压铸" * 100_000
    started = time.monotonic()
    highlight(text, ["镁合金", "压铸", "镁", "合金", "铸"] * 10)
    assert time.monotonic() - started < 1.0


def test_searching_a_document_of_one_repeated_character_is_quick(backend):
    backend.index(
        [
            SearchDocument(id="need:1", kind="need", title="镁", body="镁" * 200_000),
            SearchDocument(id="need:2", kind="need", title="镁合金", summary="镁" * 50_000),
        ]
    )
    started = time.monotonic()
    results = backend.search(SearchQuery(text="镁"))
    assert time.monotonic() - started < 3.0
    assert {hit.id for hit in results.hits} == {"need:1", "need:2"}


@pytest.fixture
def script_need(firm_a, member_a, broker, embedded_search, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_need(
            firm_a,
            member_a,
            status="published",
            broker=broker,
            title=SCRIPT_TITLE,
            summary="<script>alert(2)</script>寻求镁合金方案。",
        )


@pytest.mark.parametrize("params", [{"kind": "need"}, {"q": "镁合金"}, {"q": "img"}])
def test_a_published_title_with_markup_is_shown_as_text(client, script_need, params):
    html = client.get(reverse("search"), params).content.decode()
    assert " src=x onerror=alert(1)&gt;" in html
    assert "<img src=x" not in html
    assert "<script>alert(2)" not in html

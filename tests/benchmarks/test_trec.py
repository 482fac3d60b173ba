"""benchmarks/trec.py on tiny hand-made queries, qrels and runs (no database)."""

import math

import pytest

from benchmarks import trec

QUERIES = {"q1": ("镁合金", "src"), "q2": ("光互连", "")}
QRELS = {
    "q1": {"a": 2, "b": 1, "c": 0},
    "q2": {"x": 1},
}


def dcg(grades):
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def test_a_perfect_run_scores_one():
    run = {"q1": [("a", 3.0), ("b", 2.0)], "q2": [("x", 1.0)]}
    assert trec.evaluate(QUERIES, QRELS, run) == {
        "ndcg10": 1.0,
        "recall100": 1.0,
        "mrr10": 1.0,
        "p1": 1.0,
        "recall10": 1.0,
        "n": 2,
    }


def test_the_source_document_is_dropped():
    # The paper itself comes first; without it the run is perfect.
    run = {"q1": [("src", 9.0), ("a", 3.0), ("b", 2.0)], "q2": [("x", 1.0)]}
    metrics = trec.evaluate(QUERIES, QRELS, run)
    assert metrics["ndcg10"] == pytest.approx(1.0)
    assert metrics["mrr10"] == pytest.approx(1.0)


def test_repeats_are_dropped():
    run = {"q1": [("b", 3.0), ("b", 2.5), ("a", 2.0)], "q2": [("x", 1.0)]}
    ranked = trec.ranked_docids(run["q1"], "src")
    assert ranked == ["b", "a"]
    q1 = dcg([1, 2]) / dcg([2, 1])
    assert trec.evaluate(QUERIES, QRELS, run)["ndcg10"] == pytest.approx((q1 + 1) / 2)


def test_a_query_missing_from_the_run_scores_zero():
    run = {"q1": [("a", 3.0), ("b", 2.0)]}
    metrics = trec.evaluate(QUERIES, QRELS, run)
    assert metrics == {
        "ndcg10": 0.5,
        "recall100": 0.5,
        "mrr10": 0.5,
        "p1": 0.5,
        "recall10": 0.5,
        "n": 2,
    }


def test_a_query_without_relevant_documents_scores_zero():
    queries = {"q3": ("无关", "")}
    metrics = trec.evaluate(queries, {"q3": {"z": 0}}, {"q3": [("z", 1.0)]})
    assert metrics == {
        "ndcg10": 0.0,
        "recall100": 0.0,
        "mrr10": 0.0,
        "p1": 0.0,
        "recall10": 0.0,
        "n": 1,
    }


def test_ndcg_uses_exponential_gain_and_log_discount():
    run = {"q1": [("c", 3.0), ("b", 2.0), ("a", 1.0)]}
    expected = dcg([0, 1, 2]) / dcg([2, 1, 0])
    assert trec.evaluate({"q1": QUERIES["q1"]}, QRELS, run)["ndcg10"] == pytest.approx(expected)


def test_ndcg_only_counts_the_first_ten():
    qrels = {"q": {"hit": 1}}
    run = {"q": [(f"d{i}", 100.0 - i) for i in range(10)] + [("hit", 1.0)]}
    metrics = trec.evaluate({"q": ("t", "")}, qrels, run)
    assert metrics["ndcg10"] == 0.0
    assert metrics["recall100"] == 1.0


def test_mrr_looks_for_the_top_grade():
    # b (grade 1) comes first but is not the best; a (grade 2) is second.
    run = {"q1": [("b", 3.0), ("a", 2.0)]}
    assert trec.evaluate({"q1": QUERIES["q1"]}, QRELS, run)["mrr10"] == pytest.approx(0.5)


def test_mrr_is_zero_when_the_top_grade_is_below_ten():
    qrels = {"q": {"best": 2, "good": 1}}
    run = {"q": [("good", 50.0)] + [(f"d{i}", 40.0 - i) for i in range(9)] + [("best", 1.0)]}
    assert trec.evaluate({"q": ("t", "")}, qrels, run)["mrr10"] == 0.0


def test_recall_counts_only_relevant_documents():
    # c is judged with grade 0: finding it does not count, missing it does not either.
    run = {"q1": [("a", 3.0), ("c", 2.0)]}
    assert trec.evaluate({"q1": QUERIES["q1"]}, QRELS, run)["recall100"] == pytest.approx(0.5)


def test_recall_stops_at_one_hundred():
    qrels = {"q": {"late": 1, "early": 1}}
    run = {"q": [("early", 200.0)] + [(f"d{i}", 100.0 - i / 10) for i in range(99)]}
    run["q"].append(("late", 0.0))
    assert trec.evaluate({"q": ("t", "")}, qrels, run)["recall100"] == pytest.approx(0.5)


def test_scores_order_the_run_and_ranks_break_ties():
    # Listed out of score order: b scores highest. a and c tie; a, listed first, ranks first.
    run = {"q1": [("a", 1.0), ("b", 5.0), ("c", 1.0)]}
    assert trec.ranked_docids(run["q1"]) == ["b", "a", "c"]


def test_files_round_trip(tmp_path):
    (tmp_path / "queries.tsv").write_text(
        "q1\t镁合金\tsrc\nq2\t光互连\t\nq3\t无来源\n", encoding="utf-8"
    )
    (tmp_path / "qrels.txt").write_text("q1 0 a 2\nq1 0 b 1\nq1 0 c 0\nq2 0 x 1\n")
    queries = trec.read_queries(tmp_path / "queries.tsv")
    assert queries == {"q1": ("镁合金", "src"), "q2": ("光互连", ""), "q3": ("无来源", "")}
    assert list(queries) == ["q1", "q2", "q3"]
    assert trec.read_qrels(tmp_path / "qrels.txt") == QRELS

    results = {"q1": [("b", 1.0), ("a", 2.0), ("c", 1.0)], "q2": [("x", 0.5)]}
    trec.write_run(tmp_path / "run.txt", results, "test")
    lines = (tmp_path / "run.txt").read_text().splitlines()
    assert lines[:3] == [
        "q1 Q0 a 1 2.000000 test",
        "q1 Q0 b 2 1.000000 test",
        "q1 Q0 c 3 1.000000 test",
    ]
    run = trec.read_run(tmp_path / "run.txt")
    assert run == {"q1": [("a", 2.0), ("b", 1.0), ("c", 1.0)], "q2": [("x", 0.5)]}
    metrics = trec.evaluate(queries, QRELS, run)
    assert metrics["n"] == 3  # q3 has no qrels and no results: it counts, as 0
    assert metrics["recall100"] == pytest.approx(2 / 3)


def test_read_run_orders_by_rank_not_by_line(tmp_path):
    (tmp_path / "run.txt").write_text("q Q0 b 2 1.0 t\nq Q0 a 1 1.0 t\n")
    run = trec.read_run(tmp_path / "run.txt")
    assert run == {"q": [("a", 1.0), ("b", 1.0)]}
    assert trec.ranked_docids(run["q"]) == ["a", "b"]


def test_a_run_keeps_at_most_one_hundred_per_query(tmp_path):
    results = {"q": [(f"d{i}", float(-i)) for i in range(150)]}
    trec.write_run(tmp_path / "run.txt", results, "t")
    lines = (tmp_path / "run.txt").read_text().splitlines()
    assert len(lines) == 100
    assert lines[-1].split()[:4] == ["q", "Q0", "d99", "100"]


def test_p_at_1_counts_only_a_best_grade_first():
    # q1's first hit is b (grade 1, not the best): P@1 0; q2's first is x: 1.
    run = {"q1": [("b", 3.0), ("a", 2.0)], "q2": [("x", 1.0)]}
    assert trec.evaluate(QUERIES, QRELS, run)["p1"] == pytest.approx(0.5)


def test_recall_at_10_ignores_what_comes_after_the_tenth():
    run = {"q2": [(f"n{i}", 20.0 - i) for i in range(10)] + [("x", 1.0)]}
    metrics = trec.evaluate({"q2": QUERIES["q2"]}, QRELS, run)
    assert metrics["recall10"] == 0.0
    assert metrics["recall100"] == 1.0

"""Each signal's contribution to matching, on every task of the relevance set at once.

    python -m benchmarks.ablation [--data benchmarks/data/csl]

Indexes the corpus once (as benchmarks.relevance does), then ranks every query of the three
tasks (keyword, title, lead) with a series of rankers: the site search, the engine with its
signals switched on one by one, and the full engine with one part taken away at a time. Prints
a table of nDCG@10 (and R@100, MRR@10) per task, then one line for the full engine.

The dev set has text and a technical field (the paper's discipline) only: the signals that
need an industry, cooperation modes, a budget or a maturity are the same for every candidate
there and cannot move the ranking, so they are not in the table.
"""

import argparse
import time
from pathlib import Path

from benchmarks import trec
from benchmarks.common import remove_benchmark_dir, setup_django
from benchmarks.relevance import (
    build_index,
    engine_ranker,
    load_corpus,
    rank_bm25,
    rank_bm25_all_terms,
    run_queries,
)

TASKS = ("keyword", "title", "lead")
# The field weights before tuning, for the row that shows what tuning them gave.
UNTUNED_FIELD_WEIGHTS = {"title": 4.0, "keywords": 3.0, "summary": 2.0, "body": 1.0}


def rows():
    """(label, ranker factory, field weights or None for the tuned ones)."""
    text_only = {"weight_feedback": 0.0}
    return [
        ("site search: BM25, 16 rarest words", lambda: rank_bm25, UNTUNED_FIELD_WEIGHTS),
        ("site search, tuned field weights (as it runs)", lambda: rank_bm25, None),
        ("BM25, every term", lambda: rank_bm25_all_terms, UNTUNED_FIELD_WEIGHTS),
        ("+ field weights tuned (keywords x5, title x3)", lambda: rank_bm25_all_terms, None),
        ("engine, text only", lambda: engine_ranker(text_only), None),
        (
            "+ field feedback from the top 5",
            lambda: engine_ranker({"field_candidates": False, "feedback_full_words": 0}),
            None,
        ),
        (
            "+ second search in the inferred field",
            lambda: engine_ranker({"feedback_full_words": 0}),
            None,
        ),
        ("+ less feedback for 1-3 words = the engine", lambda: engine_ranker(), None),
        ("engine, untuned field weights", lambda: engine_ranker(), UNTUNED_FIELD_WEIGHTS),
        ("engine, feedback from the top 10", lambda: engine_ranker({"feedback_docs": 10}), None),
        ("engine, feedback from the top 20", lambda: engine_ranker({"feedback_docs": 20}), None),
        (
            "engine, feedback only with text evidence (gate 0.2)",
            lambda: engine_ranker({"feedback_gate": 0.2}),
            None,
        ),
        (
            "engine, text 0.40, feedback 0.40",
            lambda: engine_ranker({"weight_feedback": 0.40, "weight_text": 0.40}),
            None,
        ),
        (
            "engine, text 0.55, feedback 0.25",
            lambda: engine_ranker({"weight_feedback": 0.25, "weight_text": 0.55}),
            None,
        ),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="benchmarks/data/csl", help="corpus.jsonl and dev/")
    args = parser.parse_args(argv)
    data = Path(args.data)

    setup_django()

    from search.backends import reset_backend
    from search.documents import TEXT_FIELDS

    tasks = {
        task: (
            trec.read_queries(data / "dev" / f"queries_{task}.tsv"),
            trec.read_qrels(data / "dev" / f"qrels_{task}.txt"),
        )
        for task in TASKS
    }
    tuned = dict(TEXT_FIELDS)
    table = []
    try:
        build_index(load_corpus(data / "corpus.jsonl"))
        for label, factory, field_weights in rows():
            # Field weights apply when querying: the index is the same for every row.
            TEXT_FIELDS.clear()
            TEXT_FIELDS.update(field_weights or tuned)
            rank = factory()
            started = time.perf_counter()
            scores = {}
            for task, (queries, qrels) in tasks.items():
                run, _times = run_queries(rank, queries)
                scores[task] = trec.evaluate(queries, qrels, run)
            seconds = time.perf_counter() - started
            table.append((label, scores))
            cells = " | ".join(f"{scores[t]['ndcg10']:.4f}" for t in TASKS)
            print(f"{label:<48} {cells}  ({seconds:.1f} s)", flush=True)
    finally:
        TEXT_FIELDS.clear()
        TEXT_FIELDS.update(tuned)
        reset_backend()
        remove_benchmark_dir()

    print()
    print("| ranker | " + " | ".join(f"{t} nDCG@10 / R@100 / MRR@10" for t in TASKS) + " |")
    print("|---|" + "---|" * len(TASKS))
    for label, scores in table:
        cells = " | ".join(
            f"{scores[t]['ndcg10']:.4f} / {scores[t]['recall100']:.4f} / {scores[t]['mrr10']:.4f}"
            for t in TASKS
        )
        print(f"| {label} | {cells} |")
    engine = dict(table)["+ less feedback for 1-3 words = the engine"]
    print("engine nDCG@10 " + " ".join(f"{task}={engine[task]['ndcg10']:.4f}" for task in TASKS))


if __name__ == "__main__":
    main()

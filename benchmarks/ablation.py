"""What each change to the matching engine gives, on the company-style needs set.

    python -m benchmarks.ablation [--needs benchmarks/data/needs/dev]

Indexes the CSL corpus once (as benchmarks.relevance does, vectors included), then ranks every
need with a series of rankers: the plain BM25 baselines and the site search, the engine with its
parts switched on one by one, and changes that were tried and left out. Prints MRR@10 and P@1
for all needs and by style (full, short, title), then one line for the engine as it runs.

The set has text only: the signals that need a declared field, an industry, cooperation modes,
a budget or a maturity are the same for every candidate there and cannot move the ranking, so
they are not in the table.
"""

import argparse
import time
from pathlib import Path

from benchmarks import trec
from benchmarks.common import remove_benchmark_dir, setup_django
from benchmarks.relevance import (
    DEFAULT_CORPUS,
    build_index,
    by_style,
    engine_ranker,
    get_ranker,
    load_corpus,
    query_vectors,
    read_styles,
    run_queries,
    store_paper_vectors,
)

WORDS_ONLY = {"semantic_share": 0.0}


def rows():
    """(label, ranker factory taking the papers and the query vectors)."""

    def engine(**options):
        return lambda papers, vectors: engine_ranker(options, vectors=vectors)

    def baseline(name):
        return lambda papers, vectors: get_ranker(name, papers=papers)

    return [
        ("BM25 over character bigrams (baseline)", baseline("bm25-bigrams")),
        ("BM25 over rjieba words (baseline)", baseline("bm25-words")),
        ("site search (16 rarest words, weighted fields)", baseline("bm25")),
        ("engine, words field only", engine(**WORDS_ONLY, bigram_share=0.0)),
        ("engine, bigrams field only", engine(**WORDS_ONLY, bigram_share=1.0)),
        (
            "engine, bigrams + words, boilerplate kept",
            engine(**WORDS_ONLY, strip_boilerplate=False),
        ),
        ("+ boilerplate and the parties' names dropped", engine(**WORDS_ONLY)),
        ("+ vectors, 0.5 of the text part", engine(semantic_share=0.5)),
        ("+ vectors, 0.7 of the text part = the engine", engine()),
        ("engine, vectors 0.9 of the text part", engine(semantic_share=0.9)),
        ("vectors alone (re-ranking the word candidates)", engine(semantic_share=1.0)),
        (
            "tried: words + field feedback 0.1",
            engine(**WORDS_ONLY, weight_feedback=0.1, weight_text=0.7),
        ),
        (
            "tried: words + field feedback 0.3",
            engine(**WORDS_ONLY, weight_feedback=0.3, weight_text=0.5),
        ),
        (
            "tried: engine + field feedback 0.1",
            engine(weight_feedback=0.1, weight_text=0.7),
        ),
        (
            "tried: engine + the outcome's keywords in the need 0.05",
            engine(weight_keywords=0.05, weight_text=0.75),
        ),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--needs", default="benchmarks/data/needs/dev", help="a needs set")
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    args = parser.parse_args(argv)
    folder = Path(args.needs)

    setup_django()
    from search.backends import reset_backend

    papers = load_corpus(args.corpus)
    queries = trec.read_queries(folder / "queries.tsv")
    qrels = trec.read_qrels(folder / "qrels.txt")
    styles = read_styles(folder / "needs.jsonl")
    table = []
    try:
        build_index(papers)
        store_paper_vectors(papers)
        vectors = query_vectors(queries)
        for label, factory in rows():
            started = time.perf_counter()
            rank = factory(papers, vectors)
            rank("热身")
            run, _times = run_queries(rank, queries)
            table.append((label, by_style(queries, qrels, run, styles)))
            print(f"{label}: {time.perf_counter() - started:.1f} s", flush=True)
    finally:
        reset_backend()
        remove_benchmark_dir()

    groups = list(table[0][1])
    print("\nMRR@10 / P@1\n")
    print("| ranker | " + " | ".join(groups) + " |")
    print("|---" * (len(groups) + 1) + "|")
    for label, metrics in table:
        cells = [f"{metrics[g]['mrr10']:.3f} / {metrics[g]['p1']:.2f}" for g in groups]
        print(f"| {label} | " + " | ".join(cells) + " |")
    engine = dict(table)["+ vectors, 0.7 of the text part = the engine"]["all"]
    print(f"\nengine MRR@10 {engine['mrr10']:.4f} P@1 {engine['p1']:.4f}")


if __name__ == "__main__":
    main()

"""Relevance of need -> outcome ranking on the CSL papers, as a TREC run and its scores.

    python -m benchmarks.relevance --corpus benchmarks/data/csl/corpus.jsonl \\
        --queries benchmarks/data/csl/dev/queries_lead.tsv --run var/lead.run \\
        --qrels benchmarks/data/csl/dev/qrels_lead.txt

Indexes every paper of the corpus as one outcome through the real code path (the analyzer, with
the vocabularies and the corpus keywords as its user dictionary, and the configured embedded
backend's rebuild, in a throwaway folder: benchmarks/settings.py), then ranks outcomes for each
query's text as a need's text, writes the top RUN_DEPTH as a TREC run and, given qrels, scores
it (benchmarks/trec.py).

The ranking is one function, ``text -> [(docid, score)]``, chosen by ``--ranker``: a name in
RANKERS, or ``module:function`` / ``module.function`` for one defined elsewhere (a matching
engine), so another ranker is measured on the same index, queries and scorer.

Prints the timings, then, with --qrels, one line:
nDCG@10 X R@100 Y MRR@10 Z n N
"""

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import trec
from benchmarks.common import remove_benchmark_dir, setup_django

Ranker = Callable[[str], list[tuple[str, float]]]


def _site_search(text: str, *, all_terms: bool) -> list[tuple[str, float]]:
    from search.documents import SearchQuery
    from search.selectors import search

    query = SearchQuery(
        text=text,
        filters={"kind": ["outcome"]},
        page_size=trec.RUN_DEPTH,
        highlight=False,
        all_terms=all_terms,
    )
    return [(hit.id, hit.score) for hit in search(query).hits]


def rank_bm25(text: str) -> list[tuple[str, float]]:
    """Outcomes for a need's text by the site search (BM25 with field weights), best first."""
    return _site_search(text, all_terms=False)


def rank_bm25_all_terms(text: str) -> list[tuple[str, float]]:
    """As rank_bm25, with every term of the text (SearchQuery.all_terms)."""
    return _site_search(text, all_terms=True)


RANKERS: dict[str, Ranker] = {"bm25": rank_bm25, "bm25-all-terms": rank_bm25_all_terms}


def get_ranker(name: str) -> Ranker:
    """A ranker of RANKERS by name, or any function by its dotted path."""
    if name in RANKERS:
        return RANKERS[name]
    from django.utils.module_loading import import_string

    try:
        return import_string(name.replace(":", "."))
    except ImportError as error:
        known = ", ".join(sorted(RANKERS))
        raise SystemExit(f"unknown ranker {name!r} (known: {known}; or module:function)") from error


def load_corpus(path: str | os.PathLike) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def outcome_document(paper: dict):
    """A CSL paper as the outcome it stands in for; its discipline is the technical field."""
    from search.documents import SearchDocument

    return SearchDocument(
        id=paper["id"],
        kind="outcome",
        title=paper.get("title") or "",
        summary=paper.get("abstract") or "",
        keywords=list(paper.get("keywords") or []),
        facets={"tech_field": [paper["discipline"]]} if paper.get("discipline") else {},
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True, help="papers, one JSON object a line")
    parser.add_argument("--queries", required=True, help="qid<TAB>text<TAB>source_id")
    parser.add_argument("--run", required=True, help="the TREC run to write")
    parser.add_argument("--qrels", help="TREC qrels: score the run")
    parser.add_argument("--ranker", default="bm25", help="a name in RANKERS or module:function")
    parser.add_argument("--tag", help="the run's tag (default: the ranker's name)")
    args = parser.parse_args(argv)

    setup_django()

    from search.analysis import ChineseAnalyzer, install_analyzer
    from search.backends import get_backend, reset_backend
    from taxonomy.vocabularies import VOCABULARIES

    rank = get_ranker(args.ranker)
    tag = args.tag or args.ranker.rsplit(".", 1)[-1].rsplit(":", 1)[-1]
    papers = load_corpus(args.corpus)
    queries = trec.read_queries(args.queries)
    qrels = trec.read_qrels(args.qrels) if args.qrels else None

    try:
        # The user dictionary a live portal has: vocabulary names and the outcomes' keywords.
        words = [name for entries in VOCABULARIES.values() for _code, name, _en in entries]
        words += [k for paper in papers for k in paper.get("keywords") or []]
        install_analyzer(ChineseAnalyzer(words=words))

        backend = get_backend()
        started = time.perf_counter()
        indexed = backend.rebuild(outcome_document(paper) for paper in papers)
        index_seconds = time.perf_counter() - started
        print(
            f"indexed {indexed} outcomes in {index_seconds:.2f} s "
            f"({indexed / index_seconds:,.0f} docs/s), {backend.name}",
            flush=True,
        )

        rank("热身")  # warm-up: the first reader
        results: dict[str, list[tuple[str, float]]] = {}
        times: list[float] = []
        for qid, (text, _source_id) in queries.items():
            t = time.perf_counter()
            results[qid] = rank(text)[: trec.RUN_DEPTH]
            times.append((time.perf_counter() - t) * 1000)
        print(
            f"ranked {len(queries)} queries with {args.ranker}: "
            f"mean {statistics.fmean(times) if times else 0:.2f} ms, "
            f"p50 {statistics.median(times) if times else 0:.2f} ms, "
            f"max {max(times, default=0):.2f} ms per query",
            flush=True,
        )
    finally:
        reset_backend()
        remove_benchmark_dir()

    Path(args.run).parent.mkdir(parents=True, exist_ok=True)
    trec.write_run(args.run, results, tag)
    print(f"run written to {args.run}")
    if qrels is not None:
        # Score the file as written, as any other scorer would.
        print(trec.format_metrics(trec.evaluate(queries, qrels, trec.read_run(args.run))))


if __name__ == "__main__":
    main()

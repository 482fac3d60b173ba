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


def engine_ranker(options: dict | None = None) -> Ranker:
    """The matching engine exactly as the need page calls it: the query text is a need's text
    (no declared field, industry or budget: the dev set has none), ranked against outcomes.
    ``options`` change the engine's knobs (matching.engine.Config.with_options)."""
    from matching import engine

    # A run lists 100 outcomes a query: the engine fetches that many candidates a search (the
    # portal, which shows 10, fetches 50: the same nDCG@10 on the dev set, measured).
    config = engine.DEFAULT.with_options(**{"candidates": trec.RUN_DEPTH, **(options or {})})

    def rank(text: str) -> list[tuple[str, float]]:
        probe = engine.Profile(kind="need", id="", text=text, shown=text)
        ranked = engine.rank(probe, kind="outcome", config=config)
        return [(item.profile.id, item.score) for item in ranked]

    return rank


RANKERS: dict[str, Ranker] = {"bm25": rank_bm25, "bm25-all-terms": rank_bm25_all_terms}


def parse_options(pairs: list[str]) -> dict:
    """["feedback_docs=5", "weight_feedback=0"] -> {"feedback_docs": 5, "weight_feedback": 0.0}"""
    options = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise SystemExit(f"--set wants name=value, got {pair!r}")
        if value.lower() in ("true", "false"):
            options[name] = value.lower() == "true"
        else:
            try:
                options[name] = int(value)
            except ValueError:
                options[name] = float(value)
    return options


def get_ranker(name: str, options: dict | None = None) -> Ranker:
    """A ranker of RANKERS by name, ``engine`` (the matching engine), or any function by its
    dotted path."""
    if name == "engine":
        try:
            return engine_ranker(options)
        except ValueError as error:
            raise SystemExit(str(error)) from error
    if options:
        raise SystemExit("--set applies to --ranker engine only")
    if name in RANKERS:
        return RANKERS[name]
    from django.utils.module_loading import import_string

    try:
        return import_string(name.replace(":", "."))
    except ImportError as error:
        known = ", ".join(sorted([*RANKERS, "engine"]))
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


def build_index(papers: list[dict]) -> None:
    """Index the papers as outcomes, with the user dictionary a live portal has (vocabulary
    names and the outcomes' keywords); prints how long it took."""
    from search.analysis import ChineseAnalyzer, install_analyzer
    from search.backends import get_backend
    from taxonomy.vocabularies import VOCABULARIES

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


def run_queries(rank: Ranker, queries: trec.Queries) -> tuple[trec.Run, list[float]]:
    """Each query's ranking (at most RUN_DEPTH) and the milliseconds it took."""
    results: trec.Run = {}
    times: list[float] = []
    for qid, (text, _source_id) in queries.items():
        t = time.perf_counter()
        results[qid] = rank(text)[: trec.RUN_DEPTH]
        times.append((time.perf_counter() - t) * 1000)
    return results, times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True, help="papers, one JSON object a line")
    parser.add_argument("--queries", required=True, help="qid<TAB>text<TAB>source_id")
    parser.add_argument("--run", required=True, help="the TREC run to write")
    parser.add_argument("--qrels", help="TREC qrels: score the run")
    parser.add_argument(
        "--ranker", default="engine", help="engine (default), a name in RANKERS, or module:function"
    )
    parser.add_argument("--tag", help="the run's tag (default: the ranker's name)")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="an engine knob, e.g. feedback_docs=5 or weight_feedback=0 (--ranker engine)",
    )
    args = parser.parse_args(argv)

    setup_django()

    from search.backends import reset_backend

    papers = load_corpus(args.corpus)
    queries = trec.read_queries(args.queries)
    qrels = trec.read_qrels(args.qrels) if args.qrels else None
    try:
        build_index(papers)
        rank = get_ranker(args.ranker, parse_options(args.set))
        tag = args.tag or args.ranker.rsplit(".", 1)[-1].rsplit(":", 1)[-1]
        rank("热身")  # warm-up: the first reader
        results, times = run_queries(rank, queries)
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

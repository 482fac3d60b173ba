"""Relevance of need -> outcome ranking on the CSL papers, as a TREC run and its scores.

    python -m benchmarks.relevance --needs benchmarks/data/needs/dev [--shown] [--set K=V]
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

With ``--needs`` (a known-item set of company-style needs: the yardstick for matching), the
corpus defaults to the CSL papers, and the baselines run in the same process after the chosen
ranker: plain BM25 over character bigrams and over rjieba words (benchmarks.baselines) and the
site search (``bm25``). It prints MRR@10, P@1, R@10 and nDCG@10 for all needs and by style
(full, short, title) for each, and last:
RANKER MRR@10 X P@1 Y R@10 Z nDCG@10 W n N
``--shown`` scores only what a need's page would show, in its order (``matching.engine.shown``).
"""

import argparse
import hashlib
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import trec
from benchmarks.common import create_tables, remove_benchmark_dir, setup_django

Ranker = Callable[[str], list[tuple[str, float]]]
DEFAULT_CORPUS = Path(__file__).resolve().parent / "data" / "csl" / "corpus.jsonl"
# Where the embedding vectors of corpora and queries are kept between runs.
SEMANTIC_CACHE = Path("var") / "semantic-cache"


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


def cached_vectors(texts: list[str], role: str, cache: Path = SEMANTIC_CACHE):
    """The embedding vectors of ``texts`` (search.semantic), kept under ``cache``: encoding the
    corpus takes minutes on two cores, and the same texts give the same vectors."""
    import numpy as np

    from search import semantic

    digest = hashlib.sha256("\n".join([semantic.MODEL, role, *texts]).encode()).hexdigest()[:16]
    path = cache / f"{role}-{digest}.npy"
    if path.exists():
        return np.load(path)
    started = time.perf_counter()
    vectors = semantic.encode(texts, role=role)
    seconds = time.perf_counter() - started
    print(f"encoded {len(texts)} {role} texts in {seconds:.1f} s", flush=True)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def store_paper_vectors(papers: list[dict], cache: Path = SEMANTIC_CACHE) -> None:
    """The papers' vectors as the portal keeps an outcome's (matching.vectors), in the
    throwaway database; nothing when semantic matching is off."""
    from matching.models import TextVector
    from search import semantic

    if not semantic.enabled():
        return
    create_tables()
    texts = [
        "。".join(t for t in (p["title"], "、".join(p.get("keywords") or []), p["abstract"]) if t)
        for p in papers
    ]
    vectors = cached_vectors(texts, "passage", cache)
    TextVector.objects.bulk_create(
        TextVector(
            kind="outcome",
            object_id=paper["id"],
            model=semantic.MODEL,
            digest="",
            vector=semantic.to_bytes(vector),
        )
        for paper, vector in zip(papers, vectors, strict=True)
    )


def query_vectors(queries: trec.Queries, cache: Path = SEMANTIC_CACHE) -> dict:
    """A need's text -> its vector, as the portal keeps a need's (none when semantic matching
    is off)."""
    from search import semantic

    if not semantic.enabled():
        return {}
    texts = [text for text, _source_id in queries.values()]
    return dict(zip(texts, cached_vectors(texts, "query", cache), strict=True))


def engine_ranker(
    options: dict | None = None, *, shown: bool = False, vectors: dict | None = None
) -> Ranker:
    """The matching engine exactly as the need page calls it: the query text is a need's text
    (no declared field, industry or budget: the dev set has none), ranked against outcomes.
    ``options`` change the engine's knobs (matching.engine.Config.with_options). With
    ``shown``, only what the need page shows, in its order (``matching.engine.shown``): an
    answer the page hides counts as not found."""
    from matching import engine

    # A run lists 100 outcomes a query: the engine fetches that many candidates a search (the
    # portal, which shows 10, fetches 50: the same figures on the dev sets, measured).
    config = engine.DEFAULT.with_options(**{"candidates": trec.RUN_DEPTH, **(options or {})})

    def rank(text: str) -> list[tuple[str, float]]:
        vector = (vectors or {}).get(text)
        probe = engine.Profile(kind="need", id="", text=text, shown=text, vector=vector)
        ranked = engine.rank(probe, kind="outcome", config=config)
        if shown:
            ranked = [entry.item for entry in engine.shown(probe, ranked, config=config)]
        return [(item.profile.id, item.score) for item in ranked]

    return rank


RANKERS: dict[str, Ranker] = {"bm25": rank_bm25, "bm25-all-terms": rank_bm25_all_terms}
# Plain BM25 over the papers, outside the portal's index (benchmarks.baselines): name -> terms.
BASELINES = {"bm25-bigrams": "bigrams", "bm25-words": "words"}
# What every run on a needs set is compared with, in the same process.
NEEDS_BASELINES = ("bm25-bigrams", "bm25-words", "bm25")
STYLES = ("full", "short", "title")


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


def refuse_unusable_options(ranker: str, options: dict, *, shown: bool) -> None:
    """Stop on a knob the engine does not have, or --set/--shown with another ranker, before
    any work: indexing and encoding the corpus take minutes."""
    if ranker != "engine":
        if options or shown:
            raise SystemExit("--set and --shown apply to --ranker engine only")
        return
    from matching import engine

    try:
        engine.DEFAULT.with_options(**options)
    except ValueError as error:
        raise SystemExit(str(error)) from error


def get_ranker(
    name: str,
    options: dict | None = None,
    *,
    shown: bool = False,
    papers: list | None = None,
    vectors: dict | None = None,
) -> Ranker:
    """A ranker of RANKERS by name, ``engine`` (the matching engine), a plain BM25 baseline
    over ``papers`` (``bm25-bigrams``, ``bm25-words``), or any function by its dotted path."""
    if name == "engine":
        try:
            return engine_ranker(options, shown=shown, vectors=vectors)
        except ValueError as error:
            raise SystemExit(str(error)) from error
    if options or shown:
        raise SystemExit("--set and --shown apply to --ranker engine only")
    if name in BASELINES:
        from benchmarks.baselines import bm25_ranker

        return bm25_ranker(papers or [], BASELINES[name])
    if name in RANKERS:
        return RANKERS[name]
    from django.utils.module_loading import import_string

    try:
        return import_string(name.replace(":", "."))
    except ImportError as error:
        known = ", ".join(sorted([*RANKERS, *BASELINES, "engine"]))
        raise SystemExit(f"unknown ranker {name!r} (known: {known}; or module:function)") from error


def load_corpus(path: str | os.PathLike) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def outcome_document(paper: dict):
    """A CSL paper as the outcome it stands in for, with the portal's technical field its
    discipline maps to (benchmarks.fields), never the discipline itself."""
    from benchmarks.fields import tech_field
    from search.documents import SearchDocument

    field = tech_field(paper)
    return SearchDocument(
        id=paper["id"],
        kind="outcome",
        title=paper.get("title") or "",
        summary=paper.get("abstract") or "",
        keywords=list(paper.get("keywords") or []),
        facets={"tech_field": [field]} if field else {},
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


def confidence_rows(
    queries: trec.Queries,
    qrels: trec.Qrels,
    options: dict | None = None,
    vectors: dict | None = None,
) -> dict[str, tuple[int, int]]:
    """label -> (suggestions a need page shows with that confidence, how many of them are
    the query's best-graded document): how far each label can be trusted."""
    from matching import engine

    config = engine.DEFAULT.with_options(**(options or {}))
    tally = {label: [0, 0] for label in engine.CONFIDENCE_LABELS}
    for qid, (text, _source_id) in queries.items():
        judged = qrels.get(qid, {})
        best = max(judged.values(), default=0)
        vector = (vectors or {}).get(text)
        probe = engine.Profile(kind="need", id="", text=text, shown=text, vector=vector)
        ranked = engine.rank(probe, kind="outcome", config=config)
        for entry in engine.shown(probe, ranked, config=config):
            tally[entry.confidence][0] += 1
            right = best > 0 and judged.get(entry.item.profile.id) == best
            tally[entry.confidence][1] += int(right)
    return {label: (shown, right) for label, (shown, right) in tally.items()}


def read_styles(path: str | os.PathLike) -> dict[str, str]:
    """qid -> style (full, short, title) from a needs set's needs.jsonl."""
    return {item["qid"]: item.get("style", "") for item in load_corpus(path)}


def by_style(
    queries: trec.Queries, qrels: trec.Qrels, run: trec.Run, styles: dict[str, str]
) -> dict[str, dict]:
    """Metrics over all queries ("all") and over each style's queries."""
    groups = {"all": queries}
    for style in STYLES:
        chosen = {qid: q for qid, q in queries.items() if styles.get(qid) == style}
        if chosen:
            groups[style] = chosen
    return {name: trec.evaluate(group, qrels, run) for name, group in groups.items()}


def format_needs_row(name: str, metrics: dict[str, dict]) -> str:
    cells = [
        f"{m['mrr10']:.3f} / {m['p1']:.2f} / {m['recall10']:.2f} / {m['ndcg10']:.3f}"
        for m in metrics.values()
    ]
    return f"| {name} | " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--needs",
        help="a needs set's folder (needs.jsonl, queries.tsv, qrels.txt): scores by style and "
        "runs the baselines in the same process",
    )
    parser.add_argument(
        "--corpus", help="papers, one JSON object a line (with --needs: the CSL corpus)"
    )
    parser.add_argument("--queries", help="qid<TAB>text<TAB>source_id")
    parser.add_argument("--run", help="the TREC run to write")
    parser.add_argument("--qrels", help="TREC qrels: score the run")
    parser.add_argument(
        "--ranker",
        default="engine",
        help="engine (default), a name in RANKERS or BASELINES, or module:function",
    )
    parser.add_argument("--tag", help="the run's tag (default: the ranker's name)")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="an engine knob, e.g. feedback_docs=5 or weight_feedback=0 (--ranker engine)",
    )
    parser.add_argument(
        "--cache",
        default=str(SEMANTIC_CACHE),
        help="where the embedding vectors of the corpus and the queries are kept",
    )
    parser.add_argument(
        "--shown",
        action="store_true",
        help="only what a need's page shows, in its order (--ranker engine)",
    )
    args = parser.parse_args(argv)
    styles: dict[str, str] = {}
    if args.needs:
        folder = Path(args.needs)
        args.corpus = args.corpus or str(DEFAULT_CORPUS)
        args.queries = args.queries or str(folder / "queries.tsv")
        args.qrels = args.qrels or str(folder / "qrels.txt")
        args.run = args.run or str(Path(tempfile.gettempdir()) / "needs.run")
        styles = read_styles(folder / "needs.jsonl")
    missing = [name for name in ("corpus", "queries", "run") if not getattr(args, name)]
    if missing:
        parser.error("required: " + ", ".join(f"--{name}" for name in missing))

    setup_django()
    refuse_unusable_options(args.ranker, parse_options(args.set), shown=args.shown)

    from search.backends import reset_backend

    papers = load_corpus(args.corpus)
    queries = trec.read_queries(args.queries)
    qrels = trec.read_qrels(args.qrels) if args.qrels else None
    names = [args.ranker]
    if args.needs:
        names += [name for name in NEEDS_BASELINES if name != args.ranker]
    results: dict[str, trec.Run] = {}
    labels: dict[str, tuple[int, int]] = {}
    try:
        build_index(papers)
        vectors = {}
        if args.ranker == "engine":
            store_paper_vectors(papers, Path(args.cache))
            vectors = query_vectors(queries, Path(args.cache))
        if args.needs and args.ranker == "engine" and qrels is not None:
            labels = confidence_rows(queries, qrels, parse_options(args.set), vectors)
        for number, name in enumerate(names):
            main_ranker = number == 0
            rank = get_ranker(
                name,
                parse_options(args.set) if main_ranker else None,
                shown=args.shown and main_ranker,
                papers=papers,
                vectors=vectors,
            )
            rank("热身")  # warm-up: the first reader
            results[name], times = run_queries(rank, queries)
            print(
                f"ranked {len(queries)} queries with {name}"
                f"{' (shown)' if args.shown and main_ranker else ''}: "
                f"mean {statistics.fmean(times) if times else 0:.2f} ms, "
                f"p50 {statistics.median(times) if times else 0:.2f} ms, "
                f"max {max(times, default=0):.2f} ms per query",
                flush=True,
            )
    finally:
        reset_backend()
        remove_benchmark_dir()

    tag = args.tag or args.ranker.rsplit(".", 1)[-1].rsplit(":", 1)[-1]
    Path(args.run).parent.mkdir(parents=True, exist_ok=True)
    trec.write_run(args.run, results[args.ranker], tag)
    print(f"run written to {args.run}")
    if qrels is None:
        return
    # Score the file as written, as any other scorer would.
    written = trec.read_run(args.run)
    if not args.needs:
        print(trec.format_metrics(trec.evaluate(queries, qrels, written)))
        return
    tables = {name: by_style(queries, qrels, results[name], styles) for name in names}
    tables[args.ranker] = by_style(queries, qrels, written, styles)
    groups = list(tables[args.ranker])
    counts = ", ".join(f"{g} {tables[args.ranker][g]['n']}" for g in groups)
    print(f"\nMRR@10 / P@1 / R@10 / nDCG@10 ({counts})\n")
    print("| ranker | " + " | ".join(groups) + " |")
    print("|---" * (len(groups) + 1) + "|")
    for name in names:
        label = f"{name} (shown)" if args.shown and name == args.ranker else name
        print(format_needs_row(label, tables[name]))
    if labels:
        print("\nconfidence of what the need pages show (engine):\n")
        print("| label | shown | the right paper | share right |")
        print("|---|---|---|---|")
        for label, (shown, right) in labels.items():
            print(f"| {label} | {shown} | {right} | {right / shown if shown else 0:.2f} |")
    overall = tables[args.ranker]["all"]
    print(
        f"\n{args.ranker}{' shown' if args.shown else ''} MRR@10 {overall['mrr10']:.4f} "
        f"P@1 {overall['p1']:.4f} R@10 {overall['recall10']:.4f} "
        f"nDCG@10 {overall['ndcg10']:.4f} n {overall['n']}"
    )


if __name__ == "__main__":
    main()

"""Search latency and indexing throughput at scale, against a naive ORM baseline.

    python -m benchmarks.search_latency --docs 100000

Generates realistic Chinese outcome documents (benchmarks/corpus.py), indexes them through the
real code path (analyzer + the configured embedded backend's rebuild), then runs a fixed query
mix through the backend interface, as /search/ does (analysis, facets, highlights, one page of
10). The baseline runs the same queries as a naive ORM search would, on SQLite, in the same
process, with the same warm-up and rounds: the query split into words (rjieba's plain cut, as a
naive portal would split Chinese; a short query's words must all be found, a long one's any),
each word ``icontains`` in any text column, one page of rows plus the count.

Prints a table, then one line:
docs=N index_docs_per_s=X p50_ms=Y p95_ms=Z icontains_p95_ms=W speedup=S
"""

import argparse
import statistics
import time

from benchmarks.common import percentile, remove_benchmark_dir, setup_django


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents to index")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds of the query mix")
    args = parser.parse_args(argv)

    setup_django()

    import rjieba
    from django.db import connection
    from django.db.models import Q

    from benchmarks.corpus import load_papers, outcome_documents, query_mix
    from benchmarks.models import BenchmarkOutcome
    from search.analysis import ChineseAnalyzer, install_analyzer
    from search.backends import get_backend
    from search.documents import SearchQuery
    from taxonomy.vocabularies import VOCABULARIES

    # The user dictionary a live portal has: vocabulary names and the outcomes' keywords.
    words = [name for entries in VOCABULARIES.values() for _code, name, _en in entries]
    words += [k for paper in load_papers() for k in paper["keywords"]]
    install_analyzer(ChineseAnalyzer(words=words))

    print(f"generating {args.docs} documents…", flush=True)
    documents = list(outcome_documents(args.docs))

    backend = get_backend()
    started = time.perf_counter()
    backend.rebuild(documents)
    index_seconds = time.perf_counter() - started
    docs_per_s = args.docs / index_seconds
    print(
        f"indexed in {index_seconds:.1f} s ({docs_per_s:,.0f} docs/s), {backend.name}", flush=True
    )

    with connection.schema_editor() as editor:
        editor.create_model(BenchmarkOutcome)
    batch = 5_000
    for start in range(0, len(documents), batch):
        BenchmarkOutcome.objects.bulk_create(
            BenchmarkOutcome(
                title=d.title, keywords=" ".join(d.keywords), summary=d.summary, body=d.body
            )
            for d in documents[start : start + batch]
        )
    del documents

    facets = ("kind", "tech_field", "industries", "maturity", "institution")
    queries = query_mix()

    def engine(text: str) -> None:
        backend.search(SearchQuery(text=text, facets=facets, page_size=10))

    jieba = rjieba.Jieba()

    def icontains(text: str) -> None:
        words = list(dict.fromkeys(w for w in jieba.cut(text) if len(w.strip()) > 1))
        condition = Q()
        for word in words:
            anywhere = (
                Q(title__icontains=word)
                | Q(keywords__icontains=word)
                | Q(summary__icontains=word)
                | Q(body__icontains=word)
            )
            # a few words must all be found; a sentence's words are any of them
            condition = condition & anywhere if len(words) <= 3 else condition | anywhere
        found = BenchmarkOutcome.objects.filter(condition)
        list(found[:10])
        found.count()

    def timed(run, rounds: int) -> dict[str, list[float]]:
        times: dict[str, list[float]] = {"short": [], "long": []}
        for _ in range(rounds):
            for kind, text in queries:
                t = time.perf_counter()
                run(text)
                times[kind].append((time.perf_counter() - t) * 1000)
        return times

    timed(engine, 1)  # warm-up: page cache, first reader
    engine_times = timed(engine, args.rounds)
    print("running the icontains baseline…", flush=True)
    timed(icontains, 1)  # the same warm-up
    baseline_times = timed(icontains, args.rounds)

    print()
    print(f"{'':24}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for label, times in (("engine", engine_times), ("icontains", baseline_times)):
        for kind in ("short", "long"):
            values = times[kind]
            p50, p95 = statistics.median(values), percentile(values, 95)
            name = f"{label} {kind} queries"
            print(f"{name:24}{p50:10.2f}{p95:10.2f}{max(values):10.2f}")
    engine_all = engine_times["short"] + engine_times["long"]
    baseline_all = baseline_times["short"] + baseline_times["long"]
    p50 = statistics.median(engine_all)
    p95 = percentile(engine_all, 95)
    base_p95 = percentile(baseline_all, 95)
    print()
    print(
        f"docs={args.docs} index_docs_per_s={docs_per_s:.0f} p50_ms={p50:.2f} p95_ms={p95:.2f} "
        f"icontains_p95_ms={base_p95:.1f} speedup={base_p95 / p95:.1f}"
    )
    backend.close()
    remove_benchmark_dir()


if __name__ == "__main__":
    main()

"""Search latency and indexing throughput at scale, against a naive ORM baseline.

    python -m benchmarks.search_latency --docs 100000

Generates realistic Chinese outcome documents (benchmarks/corpus.py), indexes them through the
real code path (analyzer + the embedded backend's rebuild), then runs a fixed query
mix through the backend interface, as /search/ does (analysis, facets, highlights, one page of
10). The baseline runs the same queries as a naive ORM search would, on SQLite, in the same
process, with the same warm-up and rounds: the query split into words (rjieba's plain cut, as a
naive portal would split Chinese; a short query's words must all be found, a long one's any),
each word ``icontains`` in any text column, one page of rows plus the count.

Prints a table, then one line:
docs=N index_docs_per_s=X p50_ms=Y p95_ms=Z icontains_p95_ms=W speedup=S

    SEARCH_BACKEND=opensearch OPENSEARCH_URL=http://127.0.0.1:9201 \
        python -m benchmarks.search_latency --docs 100000 --backend opensearch

With ``--backend elasticsearch|opensearch`` the same documents also go into that server (the URL
from the environment, as the portal's settings read it; scripts/search-engine.sh starts one),
each round of the query mix runs on both, one after the other, and the last line compares them:
docs=N backend=B index_docs_per_s=X p50_ms=Y p95_ms=Z embedded_index_docs_per_s=X2
embedded_p50_ms=Y2 embedded_p95_ms=Z2 p95_ratio=R same_top10=K/Q
(R = the server's p95 / the embedded engine's; K of the Q queries have the same first page, ids
in the same order). ``--no-icontains`` leaves out the ORM baseline.
"""

import argparse
import statistics
import time
import uuid
from pathlib import Path

from benchmarks.common import percentile, remove_benchmark_dir, setup_django


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents to index")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds of the query mix")
    parser.add_argument(
        "--backend",
        choices=("embedded", "elasticsearch", "opensearch"),
        default="embedded",
        help="a search server to measure beside the embedded engine (its URL from the environment)",
    )
    parser.add_argument(
        "--no-icontains", action="store_true", help="leave out the naive ORM baseline"
    )
    args = parser.parse_args(argv)

    setup_django()
    from django.conf import settings

    if args.backend not in ("embedded", settings.SEARCH_ENGINE):
        parser.error(
            f"--backend {args.backend} needs SEARCH_BACKEND={args.backend} and the server's URL "
            "(ELASTICSEARCH_URL or OPENSEARCH_URL) in the environment"
        )

    import rjieba
    from django.db import connection
    from django.db.models import Q
    from django.utils.module_loading import import_string

    from benchmarks.corpus import load_papers, outcome_documents, query_mix
    from benchmarks.models import BenchmarkOutcome
    from search.analysis import ChineseAnalyzer, install_analyzer
    from search.backends.embedded import EmbeddedBackend
    from search.documents import SearchQuery
    from taxonomy.vocabularies import VOCABULARIES

    # The user dictionary a live portal has: vocabulary names and the outcomes' keywords.
    words = [name for entries in VOCABULARIES.values() for _code, name, _en in entries]
    words += [k for paper in load_papers() for k in paper["keywords"]]
    install_analyzer(ChineseAnalyzer(words=words))

    print(f"generating {args.docs} documents…", flush=True)
    documents = list(outcome_documents(args.docs))

    # The embedded engine in the throwaway folder, whatever the environment names.
    backend = EmbeddedBackend(path=Path(settings.BENCHMARK_DIR) / "search")
    docs_per_s = rebuild_timed(backend, documents)
    server = None
    if args.backend != "embedded":
        config = {k.lower(): v for k, v in settings.SEARCH_CLUSTER.items()}
        server_class = import_string(config.pop("backend"))
        # An index of its own, dropped at the end; bulk requests of 100,000 documents and the
        # refresh after them take longer than a search's timeout.
        config.update(index_prefix=f"portal-benchmark-{uuid.uuid4().hex[:8]}", timeout=120)
        server = server_class(**config)
        server_docs_per_s = rebuild_timed(server, documents)

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

    first_pages: dict[str, dict[str, list[str]]] = {"embedded": {}, "server": {}}

    def searcher(on, name: str):
        def run(text: str) -> None:
            results = on.search(SearchQuery(text=text, facets=facets, page_size=10))
            first_pages[name][text] = [hit.id for hit in results.hits]

        return run

    engine = searcher(backend, "embedded")

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

    rows = []
    if server is None:
        timed(engine, 1)  # warm-up: page cache, first reader
        engine_times = timed(engine, args.rounds)
        rows.append(("engine", engine_times))
    else:
        on_server = searcher(server, "server")
        timed(engine, 1)  # warm-up, both
        timed(on_server, 1)
        # Round by round, one engine then the other: both see the same load on the machine.
        engine_times = {"short": [], "long": []}
        server_times = {"short": [], "long": []}
        for _ in range(args.rounds):
            for kind, values in timed(engine, 1).items():
                engine_times[kind] += values
            for kind, values in timed(on_server, 1).items():
                server_times[kind] += values
        rows += [("embedded", engine_times), (args.backend, server_times)]
    if not args.no_icontains:
        print("running the icontains baseline…", flush=True)
        timed(icontains, 1)  # the same warm-up
        baseline_times = timed(icontains, args.rounds)
        rows.append(("icontains", baseline_times))

    print()
    print(f"{'':32}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for label, times in rows:
        for kind in ("short", "long"):
            values = times[kind]
            p50, p95 = statistics.median(values), percentile(values, 95)
            name = f"{label} {kind} queries"
            print(f"{name:32}{p50:10.2f}{p95:10.2f}{max(values):10.2f}")
    engine_all = engine_times["short"] + engine_times["long"]
    p50 = statistics.median(engine_all)
    p95 = percentile(engine_all, 95)
    print()
    if server is None:
        line = (
            f"docs={args.docs} index_docs_per_s={docs_per_s:.0f} p50_ms={p50:.2f} p95_ms={p95:.2f}"
        )
        if not args.no_icontains:
            base_p95 = percentile(baseline_times["short"] + baseline_times["long"], 95)
            line += f" icontains_p95_ms={base_p95:.1f} speedup={base_p95 / p95:.1f}"
        print(line)
    else:
        server_all = server_times["short"] + server_times["long"]
        server_p95 = percentile(server_all, 95)
        same = sum(
            first_pages["server"][text] == first_pages["embedded"][text] for _k, text in queries
        )
        print(
            f"docs={args.docs} backend={args.backend} index_docs_per_s={server_docs_per_s:.0f} "
            f"p50_ms={statistics.median(server_all):.2f} p95_ms={server_p95:.2f} "
            f"embedded_index_docs_per_s={docs_per_s:.0f} embedded_p50_ms={p50:.2f} "
            f"embedded_p95_ms={p95:.2f} p95_ratio={server_p95 / p95:.2f} "
            f"same_top10={same}/{len(queries)}"
        )
        server.drop()
        server.close()
    backend.close()
    remove_benchmark_dir()


def rebuild_timed(backend, documents) -> float:
    """Rebuild ``backend`` with ``documents``; documents a second."""
    started = time.perf_counter()
    backend.rebuild(documents)
    seconds = time.perf_counter() - started
    print(
        f"indexed in {seconds:.1f} s ({len(documents) / seconds:,.0f} docs/s), {backend.name}",
        flush=True,
    )
    return len(documents) / seconds


if __name__ == "__main__":
    main()

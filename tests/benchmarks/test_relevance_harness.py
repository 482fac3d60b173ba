"""The relevance harness, run as a user runs it: a valid TREC run, and scores by the rules."""

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from benchmarks import trec

ROOT = Path(__file__).resolve().parents[2]
CSL = ROOT / "benchmarks" / "data" / "csl"


@pytest.fixture
def small_set(tmp_path):
    """Fifteen papers of each of two disciplines of the CSL corpus, with a title query for two
    papers of each: a random order scores nDCG@10 about 0.43 on them."""
    papers = [json.loads(line) for line in (CSL / "corpus.jsonl").read_text().splitlines()]
    count = Counter(p["discipline"] for p in papers)
    disciplines = sorted(d for d, n in count.items() if n >= 15)[:2]
    chosen = [p for d in disciplines for p in [q for q in papers if q["discipline"] == d][:15]]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in chosen) + "\n")
    queries, qrels = [], []
    for paper in chosen[:2] + chosen[15:17]:
        qid = f"T{paper['id']}"
        queries.append(f"{qid}\t{paper['title']}\t{paper['id']}")
        for other in chosen:
            if other["id"] != paper["id"] and other["discipline"] == paper["discipline"]:
                shared = set(other["keywords"]) & set(paper["keywords"])
                qrels.append(f"{qid} 0 {other['id']} {2 if shared else 1}")
    (tmp_path / "queries.tsv").write_text("\n".join(queries) + "\n")
    (tmp_path / "qrels.txt").write_text("\n".join(qrels) + "\n")
    return tmp_path, {p["id"] for p in chosen}


# A title finds papers of its own discipline by their words (no ranker sees the discipline: the
# papers carry the portal's technical field it maps to).
@pytest.mark.parametrize("ranker,least_ndcg", [("engine", 0.6), ("bm25", 0.1)])
def test_the_harness_writes_a_valid_run_and_scores_it(small_set, ranker, least_ndcg):
    folder, docids = small_set
    run_path = folder / f"{ranker}.run"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.relevance",
            "--corpus",
            str(folder / "corpus.jsonl"),
            "--queries",
            str(folder / "queries.tsv"),
            "--qrels",
            str(folder / "qrels.txt"),
            "--run",
            str(run_path),
            "--ranker",
            ranker,
            "--cache",
            str(folder / "vectors"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = run_path.read_text().splitlines()
    assert lines
    by_query: dict[str, list[tuple[int, float]]] = {}
    for line in lines:
        qid, q0, docid, rank, score, tag = line.split()
        assert q0 == "Q0" and docid in docids and tag == ranker
        by_query.setdefault(qid, []).append((int(rank), float(score)))
    assert set(by_query) == {line.split("\t")[0] for line in (folder / "queries.tsv").open()}
    for ranked in by_query.values():
        assert [rank for rank, _score in ranked] == list(range(1, len(ranked) + 1))
        assert len(ranked) <= trec.RUN_DEPTH
        scores = [score for _rank, score in ranked]
        assert scores == sorted(scores, reverse=True)
    # The printed figures are those of the file as written.
    printed = result.stdout.strip().splitlines()[-1]
    queries = trec.read_queries(folder / "queries.tsv")
    metrics = trec.evaluate(queries, trec.read_qrels(folder / "qrels.txt"), trec.read_run(run_path))
    assert printed == trec.format_metrics(metrics)
    assert metrics["ndcg10"] > least_ndcg


def test_an_unknown_engine_knob_is_refused_clearly(small_set):
    folder, _docids = small_set
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.relevance",
            "--corpus",
            str(folder / "corpus.jsonl"),
            "--queries",
            str(folder / "queries.tsv"),
            "--run",
            str(folder / "x.run"),
            "--set",
            "feedback_dox=3",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "unknown option: feedback_dox" in result.stderr
    assert not (folder / "x.run").exists()
    # refused at once, before the corpus is indexed and encoded (minutes on a real corpus)
    assert "indexed" not in result.stdout and "encoded" not in result.stdout


@pytest.fixture
def needs_set(tmp_path):
    """Twelve papers of the CSL corpus and three company-style needs of the dev set, one for
    each of three of them: the shape of benchmarks/data/needs/dev, small enough to run here."""
    needs_dir = ROOT / "benchmarks" / "data" / "needs" / "dev"
    needs = [json.loads(line) for line in (needs_dir / "needs.jsonl").read_text().splitlines()]
    answers = dict(
        line.split()[0::2] for line in (needs_dir / "qrels.txt").read_text().splitlines()
    )
    chosen = [next(n for n in needs if n["style"] == style) for style in ("full", "short", "title")]
    wanted = {answers[n["qid"]] for n in chosen}
    papers = [json.loads(line) for line in (CSL / "corpus.jsonl").read_text().splitlines()]
    corpus = [p for p in papers if p["id"] in wanted]
    corpus += [p for p in papers if p["id"] not in wanted][: 12 - len(corpus)]
    (tmp_path / "corpus.jsonl").write_text(
        "\n".join(json.dumps(p, ensure_ascii=False) for p in corpus) + "\n"
    )
    (tmp_path / "needs.jsonl").write_text(
        "\n".join(json.dumps(n, ensure_ascii=False) for n in chosen) + "\n"
    )
    (tmp_path / "queries.tsv").write_text(
        "".join(f"{n['qid']}\t{n['title']}。{n['description']}\t\n" for n in chosen)
    )
    (tmp_path / "qrels.txt").write_text(
        "".join(f"{n['qid']} 0 {answers[n['qid']]} 2\n" for n in chosen)
    )
    return tmp_path


def test_a_needs_set_is_scored_by_style_beside_the_baselines(needs_set):
    """As the yardstick runs: the engine as its pages show it (--shown), the baselines beside
    it, by style, and how far each confidence label can be trusted."""
    run_path = needs_set / "engine.run"
    command = [
        sys.executable,
        "-m",
        "benchmarks.relevance",
        "--needs",
        str(needs_set),
        "--corpus",
        str(needs_set / "corpus.jsonl"),
        "--run",
        str(run_path),
        "--cache",
        str(needs_set / "vectors"),
    ]
    result = subprocess.run(
        [*command, "--shown"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    # every ranker in one table, all needs and each style present
    assert "| ranker | all | full | short | title |" in out
    for name in ("engine", "bm25-bigrams", "bm25-words", "bm25"):
        assert f"| {name}" in out
    assert "| strong |" in out
    last = out.strip().splitlines()[-1]
    assert last.startswith("engine shown MRR@10")
    # the printed figures are those of the run file as written
    queries = trec.read_queries(needs_set / "queries.tsv")
    metrics = trec.evaluate(
        queries, trec.read_qrels(needs_set / "qrels.txt"), trec.read_run(run_path)
    )
    assert f"MRR@10 {metrics['mrr10']:.4f} P@1 {metrics['p1']:.4f}" in last
    # three needs whose answers are in a corpus of twelve: the engine finds them
    assert metrics["mrr10"] > 0.5

"""Realistic Chinese outcome documents for benchmarks, recombined from the CSL corpus.

The CSL papers (benchmarks/data/README.md) give real titles, abstracts and keywords; a seeded
random generator recombines them into as many outcomes as asked for, each with facets like the
portal's, so the text statistics stay those of real scientific Chinese.
"""

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

from search.documents import PUBLIC, SearchDocument

DATA = Path(__file__).resolve().parent / "data" / "csl"
TECH_FIELDS = [
    "electronic-information",
    "biomedicine",
    "aerospace",
    "new-materials",
    "high-tech-services",
    "new-energy",
    "resources-environment",
    "advanced-manufacturing",
]
INDUSTRIES = [
    "auto-parts-electrics",
    "clean-energy-materials",
    "green-food",
    "magnesium",
    "optoelectronics",
]
MATURITIES = ["research", "lab", "pilot", "industrial"]
TRANSFER_MODES = ["transfer", "licence", "joint-development", "equity", "service"]
INSTITUTIONS = ["semi-cas", "dicp-cas", "iccas", "zju", "buaa", "zzu", "tju", "hnagri"]
TITLE_ENDINGS = ["", "", "及其应用", "关键技术", "的制备方法", "系统", "工艺优化", "产业化示范"]


def load_papers() -> list[dict]:
    with open(DATA / "corpus.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。.;；])", text) if len(s.strip()) > 4]


def outcome_documents(count: int, *, seed: int = 2020) -> Iterator[SearchDocument]:
    """``count`` outcome documents, the same ones for the same seed."""
    papers = load_papers()
    rng = random.Random(seed)
    by_discipline: dict[str, list[dict]] = {}
    for paper in papers:
        by_discipline.setdefault(paper["discipline"], []).append(paper)
    disciplines = sorted(by_discipline)
    field_of = {d: TECH_FIELDS[i % len(TECH_FIELDS)] for i, d in enumerate(disciplines)}
    # Transfer modes and prices from a generator of their own: the texts and facets above stay
    # those of earlier runs of the same seed.
    terms_rng = random.Random(seed + 1)
    for n in range(count):
        paper = papers[n % len(papers)] if n < len(papers) else rng.choice(papers)
        neighbours = by_discipline[paper["discipline"]]
        sentences = _sentences(paper["abstract"])
        extra = [
            s
            for other in rng.sample(neighbours, min(3, len(neighbours)))
            for s in _sentences(other["abstract"])
        ]
        rng.shuffle(extra)
        title = paper["title"] + (rng.choice(TITLE_ENDINGS) if n >= len(papers) else "")
        keywords = list(paper["keywords"])
        if n >= len(papers):
            keywords.append(rng.choice(rng.choice(neighbours)["keywords"] or ["技术"]))
        yield SearchDocument(
            id=f"outcome:{n + 1}",
            kind="outcome",
            title=title,
            url=f"/outcomes/bench/{n + 1}/",
            summary="".join(sentences[:2]),
            keywords=keywords,
            body="".join(sentences[2:] + extra[:4]),
            facets={
                "tech_field": [field_of[paper["discipline"]]],
                "industries": rng.sample(INDUSTRIES, rng.randint(0, 2)),
                "maturity": [rng.choice(MATURITIES)],
                "institution": [rng.choice(INSTITUTIONS)],
                "modes": terms_rng.sample(TRANSFER_MODES, terms_rng.randint(1, 2)),
            },
            audiences=[PUBLIC],
            published=1_600_000_000 + n * 60,
            # a price in 万元 for most, 面议 for the others
            attributes=(
                {"price_wan": float(terms_rng.choice([20, 50, 80, 120, 300, 800]))}
                if terms_rng.random() < 0.7
                else {}
            ),
        )


def query_mix(seed: int = 7) -> list[tuple[str, str]]:
    """A fixed mix of (kind, text): short queries of 1-3 words and long need-like texts."""
    rng = random.Random(seed)
    short = [
        "镁合金",
        "光互连",
        "智能灌溉",
        "5G",
        "PM2.5",
        "304不锈钢",
        "锂电池",
        "储能",
        "光纤传感器",
        "图像识别",
        "纳米材料",
        "催化剂",
        "污水处理",
        "食品安全",
        "小麦",
        "汽车 轻量化",
        "风力发电",
        "永磁同步电机",
        "石墨烯",
        "中药 提取",
        "遥感",
        "钢",
        "数据挖掘",
        "混凝土 裂缝",
        "激光",
        "农药残留",
        "燃料电池",
        "无人机 控制",
        "高分子材料 改性",
        "土壤 重金属",
    ]
    with open(DATA / "dev" / "queries_lead.tsv", encoding="utf-8") as fh:
        leads = [line.split("\t")[1] for line in fh if line.strip()]
    long = rng.sample(leads, 10)
    return [("short", q) for q in short] + [("long", q) for q in long]

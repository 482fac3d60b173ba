"""Demo outcomes drawn from the CSL corpus of real Chinese scientific abstracts (Apache-2.0,
see benchmarks/data/README.md). A fixed, deterministic selection: the same papers, institutions,
prices and contacts on every machine. Each abstract is rewritten as an outcome listing
(portal/demo/listing.py): the paper's facts under 成果简介、技术指标, with 应用领域、合作方式、
知识产权 added, in full-width punctuation."""

import hashlib
import json
from pathlib import Path

from portal.demo.listing import csl_sections, listing_phrasing, sentences, zh_punctuation

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "csl" / "corpus.jsonl"

# discipline -> (how many papers, institutions in turn, technical field, default industry)
DISCIPLINES = {
    "材料科学与工程": (
        6,
        ["中科院化学研究所", "郑州大学"],
        "new-materials",
        "clean-energy-materials",
    ),
    "冶金工程": (3, ["郑州大学"], "new-materials", "clean-energy-materials"),
    "化学/化学工程与技术": (
        5,
        ["中科院大连化学物理研究所", "天津大学"],
        "new-materials",
        "clean-energy-materials",
    ),
    "纺织科学与工程": (2, ["天津大学"], "new-materials", "clean-energy-materials"),
    "食品科学与工程": (6, ["河南省农业科学院", "郑州大学"], "biomedicine", "green-food"),
    "作物学": (3, ["河南省农业科学院"], "biomedicine", "green-food"),
    "园艺学": (2, ["河南省农业科学院"], "resources-environment", "green-food"),
    "农业工程": (3, ["河南省农业科学院", "浙江大学"], "advanced-manufacturing", "green-food"),
    "信息与通信工程": (4, ["浙江大学", "北京航空航天大学"], "electronic-information", None),
    "计算机科学与技术": (3, ["浙江大学", "天津大学"], "electronic-information", None),
    "电子科学与技术": (4, ["中科院半导体研究所"], "electronic-information", "optoelectronics"),
    "光学工程": (
        4,
        ["中科院半导体研究所", "浙江大学"],
        "electronic-information",
        "optoelectronics",
    ),
    "机械工程": (
        4,
        ["北京航空航天大学", "天津大学"],
        "advanced-manufacturing",
        "auto-parts-electrics",
    ),
    "交通运输工程": (2, ["北京航空航天大学"], "advanced-manufacturing", "auto-parts-electrics"),
    "控制科学与工程": (2, ["北京航空航天大学"], "advanced-manufacturing", None),
    "电气工程": (3, ["天津大学", "浙江大学"], "new-energy", "auto-parts-electrics"),
    "动力工程及工程热物理": (
        3,
        ["中科院大连化学物理研究所"],
        "new-energy",
        "clean-energy-materials",
    ),
    "环境科学与工程": (3, ["天津大学", "中科院大连化学物理研究所"], "resources-environment", None),
    "航空宇航科学与技术": (2, ["北京航空航天大学"], "aerospace", None),
    "药学": (2, ["郑州大学"], "biomedicine", None),
    "测绘科学与技术": (2, ["浙江大学"], "high-tech-services", None),
}

# A keyword in the title or abstract that ties a paper to one of Hebi's industries.
INDUSTRY_HINTS = [
    ("magnesium", ("镁",)),
    ("optoelectronics", ("光电", "激光", "光纤", "LED", "发光", "光子")),
    ("auto-parts-electrics", ("汽车", "车辆", "电机", "线束", "电器", "发动机")),
    (
        "green-food",
        ("食品", "小麦", "玉米", "水果", "果蔬", "果胶", "蔬菜", "肉制品", "乳", "茶", "鱼"),
    ),
    ("clean-energy-materials", ("电池", "储能", "氢", "催化", "煤", "光伏", "燃料")),
]

INSTITUTION_CONTACTS = {
    "中科院半导体研究所": ("semi.ac.cn", "010-8230"),
    "中科院大连化学物理研究所": ("dicp.ac.cn", "0411-8437"),
    "中科院化学研究所": ("iccas.ac.cn", "010-6256"),
    "浙江大学": ("zju.edu.cn", "0571-8795"),
    "北京航空航天大学": ("buaa.edu.cn", "010-8231"),
    "郑州大学": ("zzu.edu.cn", "0371-6778"),
    "天津大学": ("tju.edu.cn", "022-2740"),
    "河南省农业科学院": ("hnagri.org.cn", "0371-6572"),
}
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
TITLES = ("老师", "研究员", "教授", "工程师")
MATURITIES = ("research", "lab", "lab", "pilot", "pilot", "industrial")
MODE_SETS = (
    ["licence"],
    ["transfer", "licence"],
    ["joint-development"],
    ["transfer"],
    ["joint-development", "service"],
    ["equity", "joint-development"],
)


def _digest(text: str) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:12], 16)


def _is_outcome_like(paper: dict) -> bool:
    text = paper["title"] + paper["abstract"]
    return len(paper["abstract"]) >= 80 and "综述" not in text and "述评" not in text


def _industries(paper: dict, default: str | None) -> list[str]:
    text = paper["title"] + paper["abstract"]
    found = [code for code, words in INDUSTRY_HINTS if any(w in text for w in words)]
    if default and default not in found:
        found.insert(0, default)
    return found[:2]


def _outcome(paper: dict, institution: str, field: str, default_industry: str | None) -> dict:
    h = _digest(paper["id"])
    # the summary: the first two sentences, or one, when they fit its 300 characters;
    # the sections go on from there (and repeat all when even one does not fit)
    parts = sentences(paper["abstract"])
    lead = next((n for n in (2, 1) if len(zh_punctuation("".join(parts[:n]))) <= 300), 0)
    summary = zh_punctuation(listing_phrasing("".join(parts[: lead or 1])))[:300]
    modes = MODE_SETS[h % len(MODE_SETS)]
    domain, phone_prefix = INSTITUTION_CONTACTS[institution]
    surname = SURNAMES[h % len(SURNAMES)]
    price = None if h % 3 == 0 else [15, 30, 50, 80, 120, 200, 350, 600][h % 8]
    entry = {
        "slug": f"csl-{paper['id']}",
        "institution": institution,
        "title": zh_punctuation(paper["title"]),
        "summary": summary,
        "tech_field": field,
        "industries": _industries(paper, default_industry),
        "maturity": MATURITIES[h % len(MATURITIES)],
        "transfer_modes": modes,
        "price_wan": price,
        "keywords": paper["keywords"][:5],
        "patents": [],
        "contact_name": surname + TITLES[h % len(TITLES)],
        "contact_phone": f"{phone_prefix}{h % 10000:04d}",
        "contact_email": f"tto{h % 100:02d}@{domain}",
        "days_ago": 30 + h % 300,
    }
    entry["sections"] = csl_sections(entry, paper["abstract"], lead=lead)
    return entry


def csl_outcomes(corpus: Path = CORPUS) -> list[dict]:
    """The selected papers as outcome entries, in a fixed order."""
    with open(corpus, encoding="utf-8") as fh:
        papers = sorted((json.loads(line) for line in fh), key=lambda p: p["id"])
    entries = []
    for discipline, (count, institutions, field, industry) in DISCIPLINES.items():
        chosen = [p for p in papers if p["discipline"] == discipline and _is_outcome_like(p)]
        for n, paper in enumerate(chosen[:count]):
            entries.append(_outcome(paper, institutions[n % len(institutions)], field, industry))
    return entries

"""The demo's outcomes read like outcome listings, in full-width Chinese punctuation, and keep
the technical content the matching pairs them on."""

import json
import re

import pytest

from portal.demo.csl import CORPUS, csl_outcomes
from portal.demo.listing import HEADINGS, outcome_body, sentences, zh_punctuation
from portal.demo.seed import load_outcomes

HALF_WIDTH_NEXT_TO_CHINESE = re.compile(r"[\u4e00-\u9fff][,;:()]|[,;:()][\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("固溶氮是前提条件.高氮钢,适当;如下:", "固溶氮是前提条件。高氮钢，适当；如下："),
        ("奥氏体(HNS)不锈钢", "奥氏体（HNS）不锈钢"),
        ("由7.6上升到10,虚部0.34", "由7.6上升到10，虚部0.34"),
        ("成交1,200万元, 14:00开始.", "成交1,200万元，14:00开始。"),
        ("PM2.5 (fine particles)", "PM2.5 (fine particles)"),
        ("两种方案：1)利用图像;2)利用视线", "两种方案：1）利用图像；2）利用视线"),
    ],
)
def test_chinese_text_gets_full_width_punctuation_numbers_and_latin_stay(raw, expected):
    assert zh_punctuation(raw) == expected


def test_sentences_never_split_inside_a_number():
    assert sentences("实部由基体的7.6上升到10～100.结果表明,性能提高;保温10min.") == [
        "实部由基体的7.6上升到10～100.",
        "结果表明,性能提高;",
        "保温10min.",
    ]


def test_every_demo_outcome_is_a_listing_with_sections_in_full_width_punctuation():
    outcomes = load_outcomes()
    assert len(outcomes) >= 80
    for entry in outcomes:
        headings = [h for h, _text in outcome_body(entry) if h == "heading"]
        texts = [value for kind, value in outcome_body(entry) if kind == "heading"]
        assert texts[0] == "成果简介", entry["title"]
        assert {"应用领域", "合作方式", "知识产权"} <= set(texts), entry["title"]
        assert set(texts) <= set(HEADINGS)
        assert len(headings) == len(texts)
        words = entry["summary"] + "".join(v for k, v in outcome_body(entry) if k == "text")
        assert not HALF_WIDTH_NEXT_TO_CHINESE.search(words), entry["title"]


def test_sections_go_on_from_the_summary_rather_than_repeat_it():
    for entry in csl_outcomes():
        sections = dict(entry["sections"])
        assert entry["summary"][:20] not in sections["成果简介"][0], entry["title"]


def test_csl_outcomes_keep_the_papers_title_keywords_and_facts():
    with open(CORPUS, encoding="utf-8") as fh:
        papers = {p["id"]: p for p in map(json.loads, fh)}
    for entry in csl_outcomes():
        paper = papers[entry["slug"].removeprefix("csl-")]
        assert entry["title"] == zh_punctuation(paper["title"])
        assert entry["keywords"] == paper["keywords"][:5]
        body = entry["summary"] + "".join(v for k, v in outcome_body(entry) if k == "text")
        # every figure of the abstract is still there (but the paper's count of its
        # figures and references, 图9参8, which is no fact about the technology)
        abstract = re.sub(r"图\d+表?\d*参\d+$", "", paper["abstract"])
        for figure in re.findall(r"\d+(?:\.\d+)?", abstract):
            assert figure in body, (entry["title"], figure)

"""Demo outcomes written the way outcome listings are written: 成果简介、技术指标、应用领域、
合作方式、知识产权 as sections, in full-width Chinese punctuation.

The technical content stays as the source gives it (title, facts, figures, keywords), so the
matching engine pairs the demo's needs and outcomes as before; only the wording around it and
the punctuation change.
"""

import re

CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{CJK}]")
# Half-width marks next to Chinese text, each with its full-width form.
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}

HEADINGS = ("成果简介", "技术指标", "应用领域", "合作方式", "知识产权")

MODE_WORDS = {
    "transfer": "技术转让",
    "licence": "专利许可",
    "equity": "作价入股",
    "joint-development": "合作开发",
    "service": "技术服务",
}
MATURITY_WORDS = {
    "research": "处于研发阶段，已完成原理验证",
    "lab": "已完成小试，关键工艺参数明确",
    "pilot": "已完成中试，具备放大生产条件",
    "industrial": "已实现产业化应用，可直接导入生产线",
}
# Where an outcome of each field is used, and what a Hebi firm does with it.
FIELD_USES = {
    "new-materials": "可用于新材料制备、零部件制造和材料性能改进",
    "electronic-information": "可用于通信设备、电子元器件、工业软件和智能终端",
    "biomedicine": "可用于食品加工、农产品精深加工和生物医药",
    "resources-environment": "可用于资源综合利用、节能减排和生态环境治理",
    "advanced-manufacturing": "可用于装备制造、生产线智能化改造和质量检测",
    "new-energy": "可用于新能源装备、储能系统和工业节能",
    "aerospace": "可用于航空航天零部件、精密制造和可靠性测试",
    "high-tech-services": "可用于测绘地理信息、检验检测和技术咨询服务",
}
INDUSTRY_WORDS = {
    "auto-parts-electrics": "鹤壁汽车零部件与电子电器企业",
    "clean-energy-materials": "鹤壁清洁能源与新材料企业",
    "green-food": "鹤壁绿色食品企业",
    "magnesium": "鹤壁镁精深加工企业",
    "optoelectronics": "鹤壁光电子企业",
}
# Paper phrasing -> listing phrasing.
ACADEMIC = (
    ("本文", "本成果"),
    ("该文", "本成果"),
    ("文章", "本成果"),
    ("本研究", "本成果"),
    ("本论文", "本成果"),
    ("论文", "成果"),
    ("文中", "成果中"),
    ("笔者", "研究团队"),
    ("我们", "研究团队"),
)
RESULT_LEADS = re.compile(
    r"^(?:研究)?(?:结果|试验结果|实验结果|测试结果|仿真结果)(?:表明|显示)[，,：:]?"
)
# A measured figure (a number with its unit) or a comparison: what belongs under 技术指标.
FIGURE = re.compile(
    r"\d(?:\.\d+)?\s*(?:%|℃|°|倍|nm|μm|mm|cm|MPa|GPa|kg|mg|g/|h\b|min|dB|[GMk]?Hz|kW|W|V\b|"
    r"cd|个|次|项|万|元|吨|米|小时|天|年)|提高|降低|达到|可达|优于|减少|下降|上升|增加"
)


def zh_punctuation(text: str) -> str:
    """Full-width ，；：？！ next to Chinese text, 。 for a full stop after it, （） around or
    beside Chinese; decimals (0.05), times (14:00), thousands (1,200) and Latin text untouched."""
    if not text or not _CJK_CHAR.search(text):
        return text
    chars = list(text)
    out = []
    for i, char in enumerate(chars):
        before = chars[i - 1] if i else ""
        after = chars[i + 1] if i + 1 < len(chars) else ""
        near_cjk = bool(_CJK_CHAR.match(before) or _CJK_CHAR.match(after))
        between_digits = before.isdigit() and after.isdigit()
        if char in _FULL and not between_digits and (near_cjk or not after or after == " "):
            out.append(_FULL[char])
        elif char == "." and before and (not after or after == " " or _CJK_CHAR.match(after)):
            out.append("。")
        else:
            out.append(char)
    text = "".join(out)
    text = re.sub(r"\(([^()]*)\)", _parens, text)
    # an enumeration after Chinese text: "方案：1)利用" -> "方案：1）利用"
    text = re.sub(f"(?<=[{CJK}：；，。])(\\d{{1,2}})\\)", "\\1）", text)
    # No spaces hug full-width marks.
    return re.sub(r"\s*([，。；：？！（）])\s*", r"\1", text)


def _parens(match: re.Match) -> str:
    inner = match.group(1)
    start, end = match.span()
    source = match.string
    before = source[start - 1] if start else ""
    after = source[end] if end < len(source) else ""
    if _CJK_CHAR.search(inner) or _CJK_CHAR.match(before) or _CJK_CHAR.match(after):
        return f"（{inner}）"
    return match.group(0)


def sentences(text: str) -> list[str]:
    """Sentences of an abstract, split at full stops and semicolons but never inside a
    number (7.6, 0.34)."""
    parts = re.split(r"(?<=[。；;])|(?<=[^\d.]\.)(?!\d)|(?<=\d\.)(?=[^\d])", text)
    return [p.strip() for p in parts if p and len(p.strip()) > 4]


def listing_phrasing(sentence: str) -> str:
    for old, new in ACADEMIC:
        sentence = sentence.replace(old, new)
    return sentence


def _paragraph(parts: list[str]) -> str:
    text = zh_punctuation("".join(parts))
    if text and text[-1] not in "。！？":
        text = text.rstrip("，；：,;:") + "。"
    return text


def cooperation_text(entry: dict) -> str:
    modes = "、".join(MODE_WORDS[m] for m in entry.get("transfer_modes", []) if m in MODE_WORDS)
    price = entry.get("price_wan")
    price_text = f"参考价格{price}万元，可按合作方式协商" if price else "价格面议"
    return (
        f"可采取{modes or '合作开发'}等方式与鹤壁企业合作；{price_text}。"
        "有意向的企业可在本页点击“我有兴趣”，由技术经纪人安排对接。"
    )


def property_text(entry: dict) -> str:
    patents = entry.get("patents", [])
    institution = entry["institution"]
    if patents:
        kinds = {"invention": "发明专利", "utility": "实用新型专利", "software": "软件著作权"}
        counts: dict[str, int] = {}
        for patent in patents:
            word = kinds.get(patent["kind"], "知识产权")
            counts[word] = counts.get(word, 0) + 1
        held = "、".join(f"{word}{n}项" for word, n in counts.items())
        return f"已获授权{held}（见下表），权利人为{institution}，可办理许可或转让手续。"
    return f"相关技术秘密和试验数据归{institution}所有，可通过技术许可、转让或合作开发方式使用。"


def application_text(entry: dict) -> str:
    uses = FIELD_USES.get(entry["tech_field"], "可用于相关产业的技术升级")
    firms = "、".join(INDUSTRY_WORDS[c] for c in entry.get("industries", []) if c in INDUSTRY_WORDS)
    maturity = MATURITY_WORDS.get(entry.get("maturity", ""), "")
    text = f"{uses}等领域"
    if firms:
        text += f"，适合{firms}开展技术升级和新产品开发"
    return text + (f"。成果{maturity}。" if maturity else "。")


def csl_sections(entry: dict, abstract: str, lead: int = 2) -> list[tuple[str, list[str]]]:
    """A paper's abstract as an outcome listing: what it is, its figures, where it is used,
    how to cooperate and who holds the rights. The first ``lead`` sentences are the summary
    shown above the sections, so the sections go on from them rather than repeat them."""
    parts = [listing_phrasing(s) for s in sentences(abstract)]
    results = [s for s in parts if RESULT_LEADS.match(s) or FIGURE.search(s)]
    summary = parts[:lead]
    intro = [s for s in parts if s not in results and s not in summary]
    indicators = [RESULT_LEADS.sub("", s) for s in results if s not in summary]
    if not intro:
        intro = [_about(entry)]
    return [
        ("成果简介", [_paragraph(intro)]),
        ("技术指标", [_paragraph(indicators)]),
        ("应用领域", [application_text(entry)]),
        ("合作方式", [cooperation_text(entry)]),
        ("知识产权", [property_text(entry)]),
    ]


def _about(entry: dict) -> str:
    modes = "、".join(MODE_WORDS[m] for m in entry.get("transfer_modes", []) if m in MODE_WORDS)
    return (
        f"本成果由{entry['institution']}研究团队完成，关键词：{'、'.join(entry['keywords'])}。"
        f"团队可就技术细节与企业深入交流，{modes or '合作开发'}方式均可商谈。"
    )


def original_sections(entry: dict) -> list[tuple[str, list[str]]]:
    """An outcome written for the demo (three paragraphs: the technology, its figures, its
    uses and the team's offer) under the listing's headings."""
    body = [zh_punctuation(p) for p in entry.get("body", [])]
    technology, figures, uses = [*body, "", "", ""][:3]
    return [
        ("成果简介", [technology]),
        ("技术指标", [figures]),
        ("应用领域", [uses]),
        ("合作方式", [cooperation_text(entry)]),
        ("知识产权", [property_text(entry)]),
    ]


def listing_entry(entry: dict) -> dict:
    """The entry with its summary in full-width punctuation and its body as sections."""
    entry = dict(entry)
    entry["title"] = zh_punctuation(entry["title"])
    entry["summary"] = _paragraph([listing_phrasing(entry["summary"])])
    if "sections" not in entry:
        entry["sections"] = original_sections(entry)
    return entry


def outcome_body(entry: dict) -> list[tuple[str, str]]:
    """StreamField data: a heading block and a text block per section."""
    body = []
    for heading, paragraphs in entry["sections"]:
        paragraphs = [p for p in paragraphs if p]
        if paragraphs:
            body.append(("heading", heading))
            body.append(("text", "".join(f"<p>{p}</p>" for p in paragraphs)))
    return body

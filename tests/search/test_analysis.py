"""The Chinese analyzer and the highlighter, on phrases from 鹤壁's industries."""

import pytest

from search.analysis import ChineseAnalyzer, normalize
from search.highlighting import highlight


@pytest.fixture
def analyzer():
    return ChineseAnalyzer()


def shared(analyzer, query: str, text: str) -> set[str]:
    return set(analyzer.query_terms(query)) & set(analyzer.tokens(text))


# -- segmentation --------------------------------------------------------------------------


def test_search_mode_yields_the_compound_and_its_parts(analyzer):
    terms = analyzer.tokens("镁合金精深加工技术")
    assert {"镁合金", "合金", "加工", "技术"} <= set(terms)


def test_queries_for_the_compound_and_its_part_both_match(analyzer):
    title = "镁合金精深加工技术"
    assert "镁合金" in shared(analyzer, "镁合金", title)
    assert "合金" in shared(analyzer, "合金", title)


def test_unrelated_query_shares_no_terms(analyzer):
    assert shared(analyzer, "光电子", "镁合金精深加工技术") == set()


def test_industry_names_segment_into_words(analyzer):
    assert {"绿色食品", "食品", "深加工"} <= set(analyzer.tokens("绿色食品深加工"))
    assert {"汽车", "零部件", "光电子"} <= set(analyzer.tokens("汽车零部件与光电子"))


def test_tokens_keep_duplicates_for_term_frequency(analyzer):
    assert analyzer.tokens("镁合金与镁合金").count("镁合金") == 2


def test_query_terms_are_distinct_in_first_appearance_order(analyzer):
    terms = analyzer.query_terms("镁合金与镁合金")
    assert len(terms) == len(set(terms))
    assert terms.index("合金") < terms.index("镁合金")


# -- Latin words and codes ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("5G通信基站", "5g"),
        ("PM2.5在线监测", "pm2.5"),
        ("Ti-6Al-4V钛合金", "ti-6al-4v"),
        ("304不锈钢采样管", "304"),
    ],
)
def test_codes_stay_whole_and_lower_cased(analyzer, text, term):
    terms = analyzer.tokens(text)
    assert term in terms
    assert not any(t in terms for t in ("5", "pm", "2.5", "ti", "6al", "4v"))


def test_code_joined_to_the_following_word_as_a_compound(analyzer):
    terms = analyzer.tokens("304不锈钢采样管")
    assert {"304", "304不锈钢", "不锈钢"} <= set(terms)


def test_a_code_is_not_joined_to_a_lone_character(analyzer):
    terms = analyzer.tokens("酯化废水COD高、含四氢呋喃")
    assert "cod" in terms
    assert not any(t.startswith("cod") and t != "cod" for t in terms)


def test_query_304_stainless_matches_plain_stainless_text(analyzer):
    assert "不锈钢" in shared(analyzer, "304不锈钢", "不锈钢采样管")


def test_code_is_not_glued_to_a_following_stopword(analyzer):
    assert "5g和" not in analyzer.tokens("5G和PM2.5监测")
    assert "304的" not in analyzer.tokens("304的不锈钢")


# -- full-width input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("full", "half"),
    [("ＰＭ２．５", "PM2.5"), ("５Ｇ", "5G"), ("ＰＭ２．５颗粒物在线监测", "PM2.5颗粒物在线监测")],
)
def test_full_width_gives_the_same_terms_as_half_width(analyzer, full, half):
    assert analyzer.tokens(full) == analyzer.tokens(half)
    assert analyzer.query_terms(full) == analyzer.query_terms(half)


def test_normalize_folds_width_and_case():
    assert normalize("ＰＭ２．５") == "pm2.5"
    assert normalize("Ti-6Al-4V") == "ti-6al-4v"
    assert normalize(None) == ""


# -- stopwords ------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["的", "和", "与", "基于", "研究"])
def test_stopword_alone_gives_no_terms(analyzer, word):
    assert analyzer.query_terms(word) == []


def test_stopwords_are_dropped_from_a_title(analyzer):
    terms = analyzer.tokens("基于镁合金的研究与分析")
    assert "镁合金" in terms
    assert not {"基于", "的", "研究", "与", "分析"} & set(terms)


def test_a_meaningful_single_character_is_kept(analyzer):
    assert analyzer.tokens("镁") == ["镁"]
    assert analyzer.query_terms("镁") == ["镁"]


def test_analyzed_joins_terms_with_spaces(analyzer):
    assert analyzer.analyzed("镁合金的加工") == " ".join(analyzer.tokens("镁合金的加工"))
    assert analyzer.analyzed("的") == ""


# -- user dictionary ------------------------------------------------------------------------


def test_user_dictionary_teaches_a_domain_term():
    analyzer = ChineseAnalyzer()
    assert "光互连" not in analyzer.tokens("硅基光互连芯片")
    assert analyzer.add_words(["光互连"]) == 1
    assert "光互连" in analyzer.tokens("硅基光互连芯片")
    assert "光互连" in analyzer.highlight_terms("硅基光互连芯片")


def test_add_words_counts_only_new_chinese_words():
    analyzer = ChineseAnalyzer()
    assert analyzer.add_words(["镁精深加工", "镁精深加工", "5G", "镁", ""]) == 1
    assert analyzer.dictionary_size == 1


def test_words_given_at_construction_are_known():
    analyzer = ChineseAnalyzer(words=["光互连"])
    assert "光互连" in analyzer.tokens("硅基光互连芯片")


def test_bigrams_cover_a_term_missing_from_the_dictionary(analyzer):
    # Without 光互连 in the dictionary, a query still shares character pairs with the text.
    assert {"光互", "互连"} <= shared(analyzer, "光互连", "硅基光互连芯片")


# -- bigram terms ---------------------------------------------------------------------------


def test_bigram_terms_are_overlapping_pairs(analyzer):
    assert analyzer.bigram_terms("硅基光互连芯片") == [
        "硅基",
        "基光",
        "光互",
        "互连",
        "连芯",
        "芯片",
    ]


def test_bigram_terms_keep_codes_whole_and_single_characters(analyzer):
    assert analyzer.bigram_terms("５Ｇ基站") == ["5g", "基站"]
    assert analyzer.bigram_terms("镁") == ["镁"]


def test_bigram_terms_do_not_depend_on_the_dictionary():
    analyzer = ChineseAnalyzer()
    before = analyzer.bigram_terms("硅基光互连芯片")
    analyzer.add_words(["光互连", "硅基"])
    assert analyzer.bigram_terms("硅基光互连芯片") == before


# -- highlight terms ------------------------------------------------------------------------


def test_highlight_terms_are_words_not_filler_bigrams(analyzer):
    terms = analyzer.highlight_terms("智能灌溉系统")
    assert {"智能", "灌溉", "系统"} <= set(terms)
    assert "能灌" not in terms
    assert "溉系" not in terms


def test_highlight_terms_drop_single_characters_beside_words(analyzer):
    terms = analyzer.highlight_terms("304不锈钢采样管")
    assert "管" not in terms
    assert "304不锈钢" in terms


# -- highlight ------------------------------------------------------------------------------


def test_highlight_marks_the_match_in_the_original_text():
    assert highlight("镁合金精深加工技术", ["镁合金"]) == "<mark>镁合金</mark>精深加工技术"


def test_highlight_half_width_term_marks_full_width_text():
    assert highlight("５Ｇ基站用氮化铝陶瓷基板", ["5g"]) == "<mark>５Ｇ</mark>基站用氮化铝陶瓷基板"


def test_highlight_keeps_the_original_case(analyzer):
    marked = highlight("Ti-6Al-4V钛合金棒材", analyzer.highlight_terms("ti-6al-4v"))
    assert marked.startswith("<mark>Ti-6Al-4V</mark>")


def test_highlight_matches_full_width_in_text_with_degree_celsius():
    marked = highlight("５Ｇ基站功放模块，工作温度-40℃～85℃", ["5g"])
    assert "<mark>５Ｇ</mark>" in marked


def test_highlight_prefers_the_longest_term():
    marked = highlight("镁合金精深加工", ["合金", "镁合金"])
    assert marked == "<mark>镁合金</mark>精深加工"


def test_highlight_escapes_html_in_the_text():
    marked = highlight("<script>alert(1)</script>镁合金压铸件", ["镁合金"])
    assert "<script>" not in marked
    assert "&lt;script&gt;" in marked
    assert "<mark>镁合金</mark>" in marked


def test_highlight_shows_the_window_with_the_match_in_long_text():
    text = "鹤壁市绿色食品产业" * 20 + "镁合金精深加工" + "汽车零部件" * 20
    marked = highlight(text, ["镁合金"], length=40)
    assert "<mark>镁合金</mark>" in marked
    assert marked.startswith("…")
    assert marked.endswith("…")
    assert len(marked.replace("<mark>", "").replace("</mark>", "")) <= 40 + 2


def test_highlight_without_a_match_gives_the_escaped_start():
    text = "<b>鹤壁</b>" + "绿色食品" * 50
    marked = highlight(text, ["光互连"], length=20)
    assert marked == "&lt;b&gt;鹤壁&lt;/b&gt;" + "绿色食品" * 2 + "绿色食…"
    assert "<mark>" not in marked


def test_highlight_of_short_text_without_a_match_has_no_ellipsis():
    assert highlight("绿色食品", ["光互连"]) == "绿色食品"
    assert highlight("", ["镁"]) == ""

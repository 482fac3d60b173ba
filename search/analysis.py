"""Chinese text analysis: one analyzer for indexing and querying, in every backend.

- Normalisation: NFKC folds full-width letters, digits and punctuation to half-width
  (ＰＭ２．５ -> PM2.5); OpenCC folds traditional characters to simplified (技術開發 ->
  技术开发, 制備 -> 制备), one character for one, so a text counts the same in either script;
  then case folding.
- Latin words and codes stay whole: 5G, PM2.5, Ti-6Al-4V, 304 (and 304不锈钢 also as one token,
  the code joined to the Chinese word that follows it).
- Chinese runs are segmented by rjieba in search mode (镁合金 gives 镁合金 and 合金), with a user
  dictionary of the domain's terms; character bigrams that segmentation did not produce are
  added, so a term missing from the dictionary still matches.
- Stopwords (function words) are dropped.
- Boilerplate (``strip_boilerplate``): company forms, self-introductions, institution words and
  place names say who wrote a text, not what it is about; the matching engine drops them from
  what it searches for and never names them as a reason.
"""

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable

import opencc
import rjieba

# Function words and filler that carry no meaning for matching.
STOPWORDS = frozenset(
    """
    的 了 和 与 及 或 而 且 并 在 是 为 对 于 以 由 从 把 被 将 就 也 都 又 其 之 等 各 该 此 这 那
    个 中 上 下 及其 以及 并且 或者 可以 能够 通过 进行 具有 一种 一个 一些 我们 本文 基于 关于 对于
    采用 利用 使用 提出 研究 分析 方法 结果 表明 问题 情况 方面 相关 主要 有关 及时 目前 已经
    a an and are as at be by for from in is it of on or that the to with
    """.split()
)

# Who wrote a text rather than what it is about: company forms and self-introductions, and the
# words of institutions. Phrases, matched on the normalised text, longest first, so that
# 有限公司 goes whole and leaves no 限公 behind.
BOILERPLATE = frozenset(
    """
    有限责任公司 股份有限公司 科技有限公司 有限公司 集团公司 分公司 总公司 集团 股份 公司
    企业 厂家 我公司 本公司 我司 我厂 本厂 我单位 本单位 我方 我们 我院 本院 我校 本校
    贵单位 贵公司 民营企业 国有企业 私营企业 合资企业 外资企业 高新技术企业 科技型中小企业
    中小企业 专精特新 小巨人 龙头企业 是一家 一家 成立于 始建于 创建于 成立 注册资本 注册资金
    年产值 年销售额 销售收入 员工 职工 占地 位于 坐落于 地处 主要从事 专业从事 从事 致力于
    主营 主营业务 主要产品 经营范围 联系人 联系电话 联系方式 科技 实业 股份制
    大学 学院 研究院 研究所 科学院 中国科学院 工程院 实验室 重点实验室 工程技术研究中心
    研究中心 工程中心 课题组 团队 教授 研究员 博士 专家
    """.split()
)
# Places: never a reason to suggest a match, but kept in what is searched for, since research
# is often about a region (深圳 in a need for 深圳's hill soils finds the paper on them).
PLACE_NAMES = frozenset(
    """
    中国 我国 国内 全国 国外 省内 市内 本地 当地 河南 河南省 郑州 郑州市 鹤壁 鹤壁市 洛阳
    新乡 安阳 开封 南阳 焦作 许昌 平顶山 商丘 信阳 周口 驻马店 漯河 三门峡 濮阳 济源 淇滨区
    山城区 鹤山区 浚县 淇县 北京 北京市 天津 天津市 上海 上海市 重庆 重庆市 河北 山西 辽宁
    吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 湖北 湖南 广东 海南 四川 贵州 云南 陕西 甘肃
    青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门 深圳 广州 杭州 南京 武汉 成都 西安 长沙
    苏州 宁波 青岛 济南 合肥 沈阳 大连 哈尔滨 长春 石家庄 太原 南昌 福州 厦门 昆明 贵阳
    兰州 无锡 佛山 东莞
    """.split()
)
_BOILERPLATE = re.compile("|".join(sorted(map(re.escape, BOILERPLATE), key=len, reverse=True)))


def strip_boilerplate(text: str, names: Iterable[str] = ()) -> str:
    """The normalised text without boilerplate phrases and the given names (the parties' own:
    an enterprise's, an institution's), each replaced by a comma so that the words on either
    side do not run together."""
    text = normalize(text)
    for name in sorted({normalize(n).strip() for n in names if n and n.strip()}, key=len)[::-1]:
        text = text.replace(name, "，")
    if not _BOILERPLATE.search(text):
        return text
    # A phrase that opens or sits inside a longer word is part of that word, not boilerplate:
    # 大学生, 科技创新, 博士后 stay; at a word's end it names who wrote it: 郑州大学, 某某公司.
    word_end = [0] * len(text)
    for _word, start, end in get_analyzer().spans(text):
        word_end[start:end] = [end] * (end - start)

    def replace(match: re.Match) -> str:
        return match.group() if match.end() < word_end[match.start()] else "，"

    return _BOILERPLATE.sub(replace, text)


def is_boilerplate(word: str) -> bool:
    """Whether a (whole) word is boilerplate or a place: never a reason to suggest a match."""
    word = normalize(word)
    return word in BOILERPLATE or word in PLACE_NAMES


# A query of up to this many words finds only what has them all (required_words).
MAX_REQUIRED_WORDS = 3

# Beyond this many terms a query is need-like text rather than a few search words.
LONG_QUERY_TERMS = 16

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A run is either Latin letters/digits (with joiners inside: PM2.5, Ti-6Al-4V, C++) or Chinese.
_RUN = re.compile(rf"(?P<latin>[a-z0-9]+(?:[.\-+_/][a-z0-9]+)*\+*)|(?P<cjk>[{_CJK}]+)")
_CJK_CHAR = re.compile(rf"[{_CJK}]")


# Traditional to simplified, character for character (the output has the input's length).
_t2s = opencc.OpenCC("t2s")


def normalize(text: str) -> str:
    """Full-width to half-width, traditional to simplified, case folding: the form every token
    is made from."""
    return _t2s.convert(unicodedata.normalize("NFKC", text or "")).casefold()


def is_cjk(token: str) -> bool:
    return bool(_CJK_CHAR.match(token))


class ChineseAnalyzer:
    """Turns text into index terms. Thread-safe; the user dictionary can grow at run time."""

    def __init__(self, *, stopwords: frozenset[str] = STOPWORDS, words: Iterable[str] = ()):
        self._jieba = rjieba.Jieba()
        self._lock = threading.Lock()
        self._known: set[str] = set()
        self.stopwords = stopwords
        self.add_words(words)

    def add_words(self, words: Iterable[str]) -> int:
        """Teach the segmenter domain terms (镁精深加工, 光互连); returns how many were new."""
        added = 0
        with self._lock:
            for word in words:
                word = normalize(word).strip()
                if len(word) < 2 or word in self._known or not is_cjk(word):
                    continue
                self._jieba.add_word(word, None, None)
                self._known.add(word)
                added += 1
        return added

    @property
    def dictionary_size(self) -> int:
        return len(self._known)

    def tokens(self, text: str, *, bigrams: bool = True) -> list[str]:
        """The terms of ``text`` in order (duplicates kept: term frequency matters).

        Without ``bigrams``, only the words: what a highlight should mark.
        """
        out: list[str] = []
        text = normalize(text)
        previous_end, previous_latin = -1, None
        for match in _RUN.finditer(text):
            latin, cjk = match.group("latin"), match.group("cjk")
            if latin:
                if latin not in self.stopwords:
                    out.append(latin)
                previous_latin, previous_end = latin, match.end()
                continue
            words = [w for w in self._jieba.cut_for_search(cjk) if w.strip()]
            if previous_latin and previous_end == match.start() and words:
                # 304不锈钢: the code with the word it qualifies, as one more term (a word, not
                # a lone character: "COD高达" says nothing as cod高).
                qualified = self._jieba.cut(cjk)[0]
                if len(qualified) > 1 and qualified not in self.stopwords:
                    out.append(previous_latin + qualified)
            seen = set()
            for word in words:
                seen.add(word)
                if word not in self.stopwords:
                    out.append(word)
            for i in range(len(cjk) - 1 if bigrams else 0):
                bigram = cjk[i : i + 2]
                if bigram not in seen and bigram not in self.stopwords:
                    out.append(bigram)
            previous_latin = None
        return out

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """The words of an already normalised text with their places (precise segmentation,
        with the user dictionary), punctuation included."""
        return [(w, start, end) for w, start, end in self._jieba.tokenize(text)]

    def words(self, text: str) -> list[str]:
        """The whole words of a text as written (precise segmentation: 半导体, never 半导 or
        导体 beside it), normalised, in order, once each; no stopwords, no lone characters."""
        out: dict[str, None] = {}
        for match in _RUN.finditer(normalize(text)):
            latin, cjk = match.group("latin"), match.group("cjk")
            for word in [latin] if latin else self._jieba.cut(cjk):
                if len(word) > 1 and word not in self.stopwords:
                    out[word] = None
        return list(out)

    def bigram_terms(self, text: str) -> list[str]:
        """Latin words and codes whole, Chinese as overlapping character pairs (a lone character
        as itself). No dictionary involved, so the same text always gives the same terms: what a
        term-matching engine needs when every term of a query must be found."""
        out: list[str] = []
        for match in _RUN.finditer(normalize(text)):
            latin, cjk = match.group("latin"), match.group("cjk")
            if latin:
                out.append(latin)
            elif len(cjk) == 1:
                out.append(cjk)
            else:
                out.extend(cjk[i : i + 2] for i in range(len(cjk) - 1))
        return out

    def match_terms(self, text: str, field: str) -> list[str]:
        """The terms of a matching field (search.documents.MATCH_FIELDS), duplicates kept:
        ``match_bigrams`` character pairs (and Latin words whole), ``match_words`` the words of
        two characters or more (search mode: 镁合金 and 合金)."""
        if field == "match_bigrams":
            return self.bigram_terms(text)
        if field == "match_words":
            return [w for w in self.tokens(text, bigrams=False) if len(w) > 1]
        raise ValueError(f"unknown matching field: {field}")

    def query_terms(self, text: str) -> list[str]:
        """Distinct terms of a query, in order of first appearance."""
        return list(dict.fromkeys(self.tokens(text)))

    def highlight_terms(self, text: str) -> list[str]:
        """The words of a query to mark in results (single characters only when alone)."""
        words = list(dict.fromkeys(self.tokens(text, bigrams=False)))
        longer = [w for w in words if len(w) > 1]
        return longer or words

    def search_terms(self, text: str, *, limit: int = LONG_QUERY_TERMS) -> tuple[list[str], bool]:
        """The terms to search for, and whether the query is long (need-like text).

        A short query keeps every term, bigrams included, for recall. A long one keeps only its
        words of two or more characters: the backend then picks the most informative of them.
        """
        terms = self.query_terms(text)
        if len(terms) <= limit:
            return terms, False
        # Lone characters too: in long text they are leftovers of segmentation, not intent.
        words = dict.fromkeys(w for w in self.tokens(text, bigrams=False) if len(w) > 1)
        return list(words), True

    def required_words(self, text: str) -> list[str]:
        """The words a query of two or three words must find all of (智能灌溉: 智能 and 灌溉),
        so that a result matching only the commonest of them does not come back. None for one
        word, nor for more: a title-like query of four words or more ranks by its words, as a
        need-like text does (a paper rarely has every word of another's title)."""
        terms, is_long = self.search_terms(text)
        if is_long:
            return []
        words = [w for w in self.words(text) if w in terms]
        return words if 1 < len(words) <= MAX_REQUIRED_WORDS else []

    def analyzed(self, text: str) -> str:
        """Terms joined by spaces: the pre-segmented form a whitespace tokenizer indexes."""
        return " ".join(self.tokens(text))


_analyzer: ChineseAnalyzer | None = None
_analyzer_lock = threading.Lock()
_word_sources: list[Callable[[], Iterable[str]]] = []


def register_word_source(source: Callable[[], Iterable[str]]) -> None:
    """Apps add domain terms (taxonomy names, keywords) to the user dictionary through this."""
    _word_sources.append(source)
    if _analyzer is not None:
        _analyzer.add_words(source())


def get_analyzer() -> ChineseAnalyzer:
    """The process-wide analyzer, built on first use with the registered domain terms."""
    global _analyzer
    if _analyzer is None:
        with _analyzer_lock:
            if _analyzer is None:
                analyzer = ChineseAnalyzer()
                for source in _word_sources:
                    analyzer.add_words(source())
                _analyzer = analyzer
    return _analyzer


def install_analyzer(analyzer: ChineseAnalyzer) -> None:
    """Use this analyzer process-wide (benchmarks and tools that bring their own dictionary)."""
    global _analyzer
    with _analyzer_lock:
        _analyzer = analyzer


def reset_analyzer() -> None:
    """Forget the analyzer (tests, and after the dictionary's sources changed wholesale)."""
    global _analyzer
    with _analyzer_lock:
        _analyzer = None

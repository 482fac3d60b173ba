"""Plain BM25 rankers a competent engineer would write first, as baselines for the engine.

Each indexes a paper's title, abstract and keywords as one bag of terms, in memory, and ranks by
Okapi BM25 (k1 1.2, b 0.75) over the distinct terms of the query: nothing of the portal's search
index, analyzer dictionary or field weights, so a gain of the engine over them is the engine's.

- ``bigrams``: Latin words and codes whole, Chinese as overlapping character pairs;
- ``words``: rjieba's search-mode words of two characters or more (its own dictionary only).
"""

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

import rjieba

from search.analysis import ChineseAnalyzer, normalize

Ranker = Callable[[str], list[tuple[str, float]]]


class BM25:
    """Okapi BM25 over an in-memory inverted index of ``{docid: [term, ...]}``."""

    def __init__(self, documents: dict[str, list[str]], *, k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self.ids = list(documents)
        self.lengths = [len(documents[i]) for i in self.ids]
        self.average = sum(self.lengths) / max(1, len(self.lengths))
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for number, docid in enumerate(self.ids):
            for term, count in Counter(documents[docid]).items():
                self.postings[term].append((number, count))
        n = len(self.ids)
        self.idf = {
            term: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5))
            for term, p in self.postings.items()
        }

    def rank(self, terms: Iterable[str], depth: int = 100) -> list[tuple[str, float]]:
        scores: dict[int, float] = defaultdict(float)
        k1, b = self.k1, self.b
        for term in set(terms):
            idf = self.idf.get(term)
            if idf is None:
                continue
            for number, count in self.postings[term]:
                norm = k1 * (1 - b + b * self.lengths[number] / self.average)
                scores[number] += idf * count * (k1 + 1) / (count + norm)
        best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:depth]
        return [(self.ids[number], score) for number, score in best]


def paper_text(paper: dict) -> str:
    return " ".join(
        [paper.get("title") or "", paper.get("abstract") or "", *(paper.get("keywords") or [])]
    )


def bigram_tokens() -> Callable[[str], list[str]]:
    analyzer = ChineseAnalyzer(words=())
    return analyzer.bigram_terms


def word_tokens() -> Callable[[str], list[str]]:
    jieba = rjieba.Jieba()
    return lambda text: [w for w in jieba.cut_for_search(normalize(text)) if len(w.strip()) > 1]


TOKENIZERS = {"bigrams": bigram_tokens, "words": word_tokens}


def bm25_ranker(papers: list[dict], tokens: str) -> Ranker:
    """A ranker over ``papers`` with the named tokenizer (``bigrams`` or ``words``)."""
    tokenize = TOKENIZERS[tokens]()
    index = BM25({paper["id"]: tokenize(paper_text(paper)) for paper in papers})
    return lambda text: index.rank(tokenize(text))

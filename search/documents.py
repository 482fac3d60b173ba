"""What apps hand to search, and what search hands back. Plain data: no pages, no models.

A document has an ``id`` unique across kinds (``outcome:42``), text fields that are searched
with weights, keyword fields that filter and facet, stored fields shown with a hit, and
``audiences``: who may see it at all. Every search states its audiences, so a document meant
for brokers only can never surface, not even as a count, for anyone else.
"""

from dataclasses import dataclass, field

# Text fields and their weights. The keywords an owner chose say most about a document, then its
# title, then its summary and body (tuned on the relevance set: benchmarks/README.md).
TEXT_FIELDS: dict[str, float] = {"title": 3.0, "keywords": 5.0, "summary": 2.0, "body": 1.0}

# What the matching engine ranks on: all of a document's text as one bag of terms, with no field
# weights, once as character bigrams and once as words (search.analysis.match_terms). On needs
# as companies write them, one bag beats fields weighted for short queries (keywords x5 and
# title x3 cost 0.05 MRR@10 on benchmarks/data/needs/dev), and bigrams and words each find what
# the other misses.
MATCH_FIELDS = ("match_bigrams", "match_words")

# Keyword fields every backend can filter and facet on.
KEYWORD_FIELDS = (
    "kind",
    "tech_field",
    "industries",
    "maturity",
    "modes",
    "institution",
    "district",
    "status",
)

PUBLIC = "public"


@dataclass
class SearchDocument:
    id: str
    kind: str
    title: str
    url: str = ""
    summary: str = ""
    keywords: list[str] = field(default_factory=list)
    body: str = ""
    # keyword field name -> values (a list even for one value)
    facets: dict[str, list[str]] = field(default_factory=dict)
    audiences: list[str] = field(default_factory=lambda: [PUBLIC])
    # epoch seconds of publication, for sorting by date
    published: float = 0.0
    # Stored with the document and handed back with its hit, never searched: what a ranker
    # needs beyond text and facets (an outcome's price, a need's budget, in 万元).
    attributes: dict[str, float | str] = field(default_factory=dict)

    def text(self, name: str) -> str:
        value = getattr(self, name)
        return " ".join(value) if isinstance(value, list) else value or ""

    def match_text(self) -> str:
        """All the text, for the matching fields."""
        return " ".join(self.text(name) for name in TEXT_FIELDS)


@dataclass
class SearchQuery:
    text: str = ""
    # keyword field -> accepted values (any of them); several fields must all match
    filters: dict[str, list[str]] = field(default_factory=dict)
    facets: tuple[str, ...] = ()
    audiences: tuple[str, ...] = (PUBLIC,)
    page: int = 1
    page_size: int = 20
    highlight: bool = True
    # Every term of a long text, not only its most informative words: slower, better recall
    # (matching a need's whole description, computed off the page request).
    all_terms: bool = False
    # Rank on one of MATCH_FIELDS alone, with every term of the text made as that field's are
    # (the matching engine); empty: the weighted text fields (the site search).
    match_field: str = ""

    @property
    def offset(self) -> int:
        return (max(self.page, 1) - 1) * self.page_size


@dataclass
class Hit:
    id: str
    kind: str
    score: float
    title: str
    url: str
    summary: str
    # field -> HTML fragment of the original text with <mark> around matched terms
    highlights: dict[str, str] = field(default_factory=dict)
    keywords: list[str] = field(default_factory=list)
    # the document's keyword fields and attributes, as indexed
    facets: dict[str, list[str]] = field(default_factory=dict)
    attributes: dict[str, float | str] = field(default_factory=dict)


@dataclass
class SearchResults:
    total: int
    hits: list[Hit]
    # facet field -> [(value, count)], most frequent first
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)
    # the page served: the one asked for, or the last one when it asked past the end
    page: int = 1

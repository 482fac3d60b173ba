"""Where documents come from. Apps register a source per kind; search only sees documents."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from search.documents import SearchDocument


@dataclass(frozen=True)
class Source:
    kind: str
    # every document of this kind that should be in the index (for a rebuild)
    documents: Callable[[], Iterable[SearchDocument]]
    # how many that is, without building them (for status and progress)
    count: Callable[[], int]
    # for some items (ids) that changed: their current documents, and the ids of their documents
    # that must go (an item no longer published, deleted, or no longer shown to an audience)
    update: Callable[[list], tuple[list[SearchDocument], list[str]]]


_sources: dict[str, Source] = {}


def register_source(source: Source) -> None:
    _sources[source.kind] = source


def source(kind: str) -> Source:
    return _sources[kind]


def sources() -> list[Source]:
    return list(_sources.values())


def all_documents() -> Iterator[SearchDocument]:
    for source in _sources.values():
        yield from source.documents()


def expected_count() -> int:
    return sum(source.count() for source in _sources.values())

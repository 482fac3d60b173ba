"""What a page shows besides its own fields: the reads are registered here from cms/pages.py.

The page models ask this registry in ``get_context`` rather than importing the selectors,
which import the models; the app registers its readers when it is ready (cms.apps).
"""

from collections.abc import Callable

Reader = Callable[..., dict]

_readers: dict[type, Reader] = {}


def reads_for(page_class: type) -> Callable[[Reader], Reader]:
    """Register ``reader(page, request) -> dict``: what pages of this class add to their context."""

    def register(reader: Reader) -> Reader:
        _readers[page_class] = reader
        return reader

    return register


def extra_context(page, request) -> dict:
    reader = _readers.get(type(page))
    return reader(page, request) if reader else {}

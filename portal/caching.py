"""Figures many people read and few writes change, computed once and kept in the cache.

Every cached value's key carries the market's *generation*, a number kept in the cache and
moved on by every write that can change a public figure: a contract, need, outcome, event,
voucher or subsidy saved or deleted, a page published or unpublished (``portal.apps`` connects
the signals). A write makes every older value unreachable at once, in every web process (the
cache is shared: a folder under var/ by default, or Redis by CACHE_URL), and the next reader
computes afresh. Values also expire after CACHE_SECONDS, a safety net.
"""

from collections.abc import Callable

from django.core.cache import cache

GENERATION_KEY = "portal:market-generation"
CACHE_SECONDS = 600


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY) or 1
    return int(value)


def bump(**_signal_kwargs) -> None:
    """Move the generation on (a signal receiver: its arguments are ignored)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any new number will do
        cache.set(GENERATION_KEY, 2, timeout=None)


def cached(name: str, compute: Callable[[], object], *parts) -> object:
    """``compute()`` kept under ``name`` and ``parts`` for the current generation."""
    key = ":".join(["portal", name, str(generation()), *map(str, parts)])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=CACHE_SECONDS)
    return value

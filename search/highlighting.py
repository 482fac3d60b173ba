"""Highlights: a window of a stored text with the query's terms in <mark>, safe to show as HTML.

Every piece of the text is escaped before a <mark> goes around it, and the result is a
SafeString: templates show it as it is, and anything that is not a highlight stays plain text
that the template escapes. The work is linear in the text and bounded whatever a document holds:
only the first MAX_TEXT characters are looked at and at most MAX_MATCHES matches are marked, so
a description of one character repeated a million times costs no more than a normal one.
"""

from bisect import bisect_right
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.analysis import normalize

# Descriptions are at most 10,000 characters (market.needs.models); a title or a summary far less.
MAX_TEXT = 20_000
MAX_MATCHES = 200
MAX_TERMS = 32


def _folded(text: str) -> tuple[str, list[int] | range]:
    """The text folded as the analyzer folds it, and for each folded character the position of
    the original character it came from (NFKC may change the length: ℃ -> °c)."""
    folded = normalize(text)
    if len(folded) == len(text):
        return folded, range(len(text))
    characters: list[str] = []
    origin: list[int] = []
    for position, char in enumerate(text):
        for folded_char in normalize(char):
            characters.append(folded_char)
            origin.append(position)
    return "".join(characters), origin


def _spans(folded: str, terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) of the terms in the folded text, longest terms first, at
    most MAX_MATCHES of them, sorted."""
    taken = bytearray(len(folded))
    spans: list[tuple[int, int]] = []
    for term in terms:
        start = folded.find(term)
        while start != -1 and len(spans) < MAX_MATCHES:
            end = start + len(term)
            if not any(taken[start:end]):
                spans.append((start, end))
                taken[start:end] = b"\x01" * (end - start)
            start = folded.find(term, end)
        if len(spans) >= MAX_MATCHES:
            break
    spans.sort()
    return spans


def _best_window(spans: list[tuple[int, int]], length: int) -> int:
    """Where the window of ``length`` characters with the most marked characters starts; each
    candidate window opens a little before a match. Two pointers: linear in the matches."""
    ends = [end for _start, end in spans]
    covered = [0]
    for start, end in spans:
        covered.append(covered[-1] + end - start)
    best_start, best_score = 0, -1
    last = 0  # first span ending after the window's start
    for start, _end in spans:
        window_start = max(0, start - length // 4)
        window_end = window_start + length
        while ends[last] <= window_start:
            last += 1
        beyond = bisect_right(spans, (window_end, -1), lo=last)  # first span from window_end on
        score = covered[beyond] - covered[last]
        score -= max(0, window_start - spans[last][0])  # the first span may start before
        if beyond > last:
            score -= max(0, spans[beyond - 1][1] - window_end)  # the last may end after
        if score > best_score:
            best_start, best_score = window_start, score
    return best_start


def highlight(text: str, terms: Iterable[str], *, length: int = 160) -> SafeString:
    """An HTML fragment of ``text`` around its best match, matches wrapped in <mark>.

    Terms match case-insensitively and across full-width forms (as the analyzer folds them).
    Without a match, the start of the text. Always escaped; never longer than ``length``
    characters of text plus ellipses.
    """
    if not text:
        return mark_safe("")
    clipped = text[:MAX_TEXT]
    folded, origin = _folded(clipped)
    wanted = sorted({t for t in terms if t}, key=len, reverse=True)[:MAX_TERMS]
    spans = [(origin[s], origin[e - 1] + 1) for s, e in _spans(folded, wanted)]
    if not spans:
        suffix = "…" if len(text) > length else ""
        return mark_safe(escape(text[:length]) + suffix)
    window_start = _best_window(spans, length)
    window_end = min(len(clipped), window_start + length)
    parts, cursor = [], window_start
    for start, end in spans:
        if end <= window_start or start >= window_end:
            continue
        start, end = max(start, window_start), min(end, window_end)
        parts.append(escape(clipped[cursor:start]))
        parts.append(f"<mark>{escape(clipped[start:end])}</mark>")
        cursor = end
    parts.append(escape(clipped[cursor:window_end]))
    prefix = "…" if window_start > 0 else ""
    suffix = "…" if window_end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)

"""Sentences as character spans: where a full stop ends a sentence and where it ends an abbreviation."""

from __future__ import annotations

import re

from index.vocab.calendar import MONTH_ABBREVIATIONS, WEEKDAY_ABBREVIATIONS

__all__ = ["ABBREVIATIONS", "MAX_SENTENCE_CHARS", "Span", "split_sentences", "trim_span"]

Span = tuple[int, int]

MAX_SENTENCE_CHARS = 800
"""The longest sentence: a longer run without a sentence break is split at a clause or a word. Fitted by
``python -m bench.sentence_cap`` on the tune split of the development data (RGB en_fact and RAMDocs dev): the
longest sentence there, 786 characters, rounded up to a hundred, so no real sentence of it is cut; on the held-out
split 1 of 6,284 sentences is (855 characters)."""

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st gen col lt sgt capt cmdr adm gov sen rep pres rev hon maj fr
    u.s u.k u.n e.u u.s.a inc ltd co corp bros dept est approx vs etc no nos vol fig
    a.m p.m i.e e.g al cf mt ft""".split()
) | MONTH_ABBREVIATIONS | WEEKDAY_ABBREVIATIONS
"""Words after which a period does not end a sentence (lower-case, without the period)."""

_OPEN_QUOTES = "“‘«"
_CLOSE_QUOTES = "”’»"
_TERMINALS = ".!?"
_CLOSERS = "”’\"')]»"


def trim_span(text: str, start: int, end: int) -> Span | None:
    """``(start, end)`` narrowed past surrounding whitespace and byte-order marks; None when nothing is left."""
    while start < end and (text[start].isspace() or text[start] == "\ufeff"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def split_sentences(text: str, start: int = 0, end: int | None = None, *, max_quoted_chars: int = 400,
                    attached: re.Pattern | None = None, max_chars: int = MAX_SENTENCE_CHARS) -> list[Span]:
    """Sentence spans within ``text[start:end]``.

    A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or brackets, then whatever ``attached``
    matches there, such as a language model's citation markers) followed by whitespace and a capital, digit or
    opening quote, except after a known abbreviation or a single initial. Inside an open quotation the sentence
    continues (a quoted speech is cited whole) unless it has grown past ``max_quoted_chars``. No span is longer
    than ``max_chars``: a longer run is cut after its last clause mark or space that fits, or mid-word if none.
    """
    if max_chars <= 0:
        raise ValueError(f"max_chars must be > 0, got {max_chars}")
    spans = _split(text, start, end, max_quoted_chars, attached)
    if all(e - s <= max_chars for s, e in spans):
        return spans
    return [piece for span in spans for piece in _capped(text, span, max_chars)]


def _split(text: str, start: int, end: int | None, max_quoted_chars: int, attached: re.Pattern | None) -> list[Span]:
    end = len(text) if end is None else end
    spans: list[Span] = []
    sentence_start = start
    depth = 0
    i = start
    while i < end:
        ch = text[i]
        if ch in _OPEN_QUOTES:
            depth += 1
        elif ch in _CLOSE_QUOTES and depth > 0 and not (ch == "’" and _is_apostrophe(text, i, end)):
            depth -= 1
        if ch in _TERMINALS:
            j = i + 1
            while j < end and text[j] in _TERMINALS:
                j += 1
            while j < end and text[j] in _CLOSERS:
                if text[j] in _CLOSE_QUOTES and depth > 0:
                    depth -= 1
                j += 1
            if attached is not None:
                match = attached.match(text, j, end)
                j = match.end() if match else j
            if _is_boundary(text, sentence_start, i, j, end):
                quoted_too_long = (j - sentence_start) > max_quoted_chars
                if depth == 0 or quoted_too_long:
                    span = trim_span(text, sentence_start, j)
                    if span:
                        spans.append(span)
                    sentence_start = j
                    depth = 0
            i = j
            continue
        i += 1
    tail = trim_span(text, sentence_start, end)
    if tail:
        spans.append(tail)
    return spans


_CLAUSE_MARKS = ",;:\u2013\u2014"


def _capped(text: str, span: Span, max_chars: int) -> list[Span]:
    """``span`` cut into pieces of at most ``max_chars``, after the last clause mark (in the piece's second half)
    or space that fits, or at ``max_chars`` when the run has neither."""
    pieces: list[Span] = []
    start, end = span
    while end - start > max_chars:
        limit = start + max_chars
        cut = -1
        for i in range(limit, start + max_chars // 2, -1):
            if text[i].isspace() and text[i - 1] in _CLAUSE_MARKS:
                cut = i
                break
        if cut < 0:
            for i in range(limit, start, -1):
                if text[i].isspace():
                    cut = i
                    break
        if cut < 0:
            cut = limit
        piece = trim_span(text, start, cut)
        if piece:
            pieces.append(piece)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    piece = trim_span(text, start, end)
    if piece:
        pieces.append(piece)
    return pieces


def _is_apostrophe(text: str, i: int, end: int) -> bool:
    """A right single quote between letters (Assad’s) is an apostrophe, not a closing quote."""
    return 0 < i < end - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()


def _is_boundary(text: str, sentence_start: int, terminal: int, after: int, end: int) -> bool:
    if after >= end:
        return False  # the tail is added by the caller
    if not text[after].isspace():
        return False
    k = after
    while k < end and text[k].isspace():
        k += 1
    if k >= end:
        return False
    nxt = text[k]
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPEN_QUOTES or nxt in "\"'(["):
        return False
    if text[terminal] != ".":
        return True
    word_start = terminal
    while word_start > sentence_start and not text[word_start - 1].isspace() and text[word_start - 1] not in "(\"“‘":
        word_start -= 1
    word = text[word_start:terminal].lower()
    if word in ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isalpha():
        return False  # an initial, as in "J. Smith"
    return True

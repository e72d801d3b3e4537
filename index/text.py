"""Pure text structure: paragraphs and sentences as character spans, so every piece maps back to its source."""

from __future__ import annotations

import re
import unicodedata

Span = tuple[int, int]

# Abbreviations after which a period does not end a sentence (compared lower-case, without the period).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st gen col lt sgt capt cmdr adm gov sen rep pres rev hon maj fr
    u.s u.k u.n e.u u.s.a inc ltd co corp bros dept est approx vs etc no nos vol fig
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    a.m p.m i.e e.g al cf mt ft""".split()
)

_OPEN_QUOTES = "“‘«"
_CLOSE_QUOTES = "”’»"
_TERMINALS = ".!?"
_CLOSERS = "”’\"')]»"
_WRAP_END = re.compile(r"[.!?:;\"”’')\]]$")
_WHITESPACE = re.compile(r"\s+")


def fold_whitespace(text: str) -> str:
    """Collapse every run of whitespace (newlines and BOMs included) into one space and trim."""
    return _WHITESPACE.sub(" ", text.replace("\ufeff", " ")).strip()


def paragraph_key(text: str) -> str:
    """A comparison key under which the same paragraph repeated with other spacing or quotes is equal."""
    folded = unicodedata.normalize("NFKC", fold_whitespace(text)).lower()
    return folded.translate(str.maketrans("“”‘’", "\"\"''"))


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and (text[start].isspace() or text[start] == "\ufeff"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def split_paragraphs(text: str, *, wrap_width: int = 100) -> list[Span]:
    """Paragraph spans of ``text``, trimmed of surrounding whitespace.

    A blank line always ends a paragraph. Inside a block of lines, each line is a paragraph (news
    text often has one paragraph a line, headlines included) unless the block is hard-wrapped:
    all lines but the last between 40% and 100% of ``wrap_width`` long and most of them ending
    mid-sentence.
    """
    spans: list[Span] = []
    block: list[Span] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        line_span = _trimmed(text, pos, pos + len(line))
        pos += len(line)
        if line_span is None:
            spans.extend(_block_paragraphs(text, block, wrap_width))
            block = []
        else:
            block.append(line_span)
    spans.extend(_block_paragraphs(text, block, wrap_width))
    return spans


def _block_paragraphs(text: str, lines: list[Span], wrap_width: int) -> list[Span]:
    if len(lines) < 2:
        return lines
    body = lines[:-1]
    lengths = [end - start for start, end in body]
    if max(lengths) > wrap_width or min(lengths) < wrap_width * 0.4:
        return lines
    open_ended = sum(1 for start, end in body if not _WRAP_END.search(text[start:end]))
    if open_ended * 2 >= len(body):
        return [(lines[0][0], lines[-1][1])]
    return lines


def split_sentences(text: str, start: int = 0, end: int | None = None, *, max_quoted_chars: int = 400) -> list[Span]:
    """Sentence spans within ``text[start:end]``.

    A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or brackets) followed by
    whitespace and a capital, digit or opening quote, except after a known abbreviation or a
    single initial. Inside an open quotation the sentence continues (a quoted speech is cited
    whole) unless it has grown past ``max_quoted_chars``.
    """
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
            if _is_boundary(text, sentence_start, i, j, end):
                quoted_too_long = (j - sentence_start) > max_quoted_chars
                if depth == 0 or quoted_too_long:
                    span = _trimmed(text, sentence_start, j)
                    if span:
                        spans.append(span)
                    sentence_start = j
                    depth = 0
            i = j
            continue
        i += 1
    tail = _trimmed(text, sentence_start, end)
    if tail:
        spans.append(tail)
    return spans


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


def find_repeated_paragraphs(text: str, spans: list[Span]) -> set[int]:
    """Indexes of paragraphs that repeat an earlier paragraph of the same article (kept once, first time)."""
    seen: set[str] = set()
    repeated: set[int] = set()
    for i, (start, end) in enumerate(spans):
        key = paragraph_key(text[start:end])
        if key in seen:
            repeated.add(i)
        seen.add(key)
    return repeated

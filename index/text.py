"""Pure text structure: paragraphs as character spans, so every piece maps back to its source (sentences: vocab)."""

from __future__ import annotations

import re
import unicodedata

from index.metadata import is_top_line
from index.vocab import Span, content_terms, trim_span

__all__ = ["fold_whitespace", "paragraph_key", "split_paragraphs", "find_repeated_paragraphs", "folded_positions",
           "encode_offsets", "map_offsets", "strip_control_sequences", "first_surrogate",
           "keep_main_script"]

_WRAP_END = re.compile(r"[.!?:;\"”’')\]]$")
_WHITESPACE = re.compile(r"\s+")
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"              # CSI: colours, cursor moves ("\x1b[31m")
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window titles, hyperlinks
    r"|\x1b[ -/]*[0-~]?"                     # any other escape sequence, or a lone ESC
    r"|\x9b[0-?]*[ -/]*[@-~]"               # the 8-bit CSI
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"   # other control characters; tab and line breaks stay
)
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def strip_control_sequences(text: str) -> str:
    """``text`` without terminal escape sequences and control characters (each becomes one space)."""
    return _CONTROL.sub(" ", text)


def first_surrogate(text: str) -> int | None:
    """The position of the first lone surrogate (a byte that was not UTF-8, decoded with surrogateescape), or None."""
    match = _SURROGATE.search(text)
    return match.start() if match else None


_WORD = re.compile(r"[^\W\d_]\w*")


def _script(letter: str) -> str:
    """The script a letter is written in, as Unicode names it: LATIN, CYRILLIC, GREEK, CJK, ARABIC, ..."""
    return unicodedata.name(letter, "UNKNOWN").split(" ", 1)[0]


def keep_main_script(text: str) -> str:
    """``text`` without the words appended to it in a script other than its main one (the script most of its
    letters are in).

    A word pasted from another keyboard at the end ("Where did Assad go? Москва") would otherwise be a search term
    no English article holds, and turn an answerable question into an unanswered one. Words inside the question
    stay, whatever their script (a name is part of what is asked); ``text`` comes back unchanged when nothing
    searchable would be left.
    """
    words = list(_WORD.finditer(text))
    letters: dict[str, int] = {}
    for word in words:
        for ch in word.group():
            if ch.isalpha():
                letters[_script(ch)] = letters.get(_script(ch), 0) + 1
    if len(letters) < 2:
        return text
    main = max(letters, key=letters.get)
    appended = []
    for word in reversed(words):
        if _script(word.group()[0]) == main:
            break
        appended.append(word)
    if not appended:
        return text
    kept, pos = [], 0
    for word in reversed(appended):
        kept.append(text[pos:word.start()])
        pos = word.end()
    kept.append(text[pos:])
    cleaned = re.sub(r"\s+([?.!,;:])", r"\1", fold_whitespace("".join(kept))).lstrip("?.!,;: ")
    return cleaned if content_terms(cleaned) else text


def fold_whitespace(text: str) -> str:
    """Collapse every run of whitespace (newlines and BOMs included) into one space and trim."""
    return _WHITESPACE.sub(" ", text.replace("\ufeff", " ")).strip()


def paragraph_key(text: str) -> str:
    """A comparison key under which the same paragraph repeated with other spacing or quotes is equal."""
    folded = unicodedata.normalize("NFKC", fold_whitespace(text)).lower()
    return folded.translate(str.maketrans("“”‘’", "\"\"''"))


def split_paragraphs(text: str, *, wrap_width: int = 100) -> list[Span]:
    """Paragraph spans of ``text``, trimmed of surrounding whitespace.

    A blank line always ends a paragraph. Inside a block of lines, each line is a paragraph (news
    text often has one paragraph a line, headlines included) unless the block is hard-wrapped:
    all lines but the last between 40% and 100% of ``wrap_width`` long and most of them ending
    mid-sentence, and the last no longer than ``wrap_width`` (a headline over a paragraph written
    on one long line is no wrapped text), and none a byline, date line, dateline or outlet's name
    (``index.metadata.is_top_line``: a headline over "By Jo Roe, Reuters" or "The Harbour Gazette" is two
    paragraphs).
    """
    spans: list[Span] = []
    block: list[Span] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        line_span = trim_span(text, pos, pos + len(line))
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
    if max(lengths) > wrap_width or min(lengths) < wrap_width * 0.4 or lines[-1][1] - lines[-1][0] > wrap_width \
            or any(is_top_line(text[start:end]) for start, end in lines):
        return lines
    open_ended = sum(1 for start, end in body if not _WRAP_END.search(text[start:end]))
    if open_ended * 2 >= len(body):
        return [(lines[0][0], lines[-1][1])]
    return lines


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


def folded_positions(text: str) -> list[int]:
    """For each char of ``fold_whitespace(text)``, its index in ``text`` (a folded space stands for the first char
    of the whitespace run it replaces)."""
    positions: list[int] = []
    i, n = 0, len(text)

    def blank(k: int) -> bool:
        return text[k].isspace() or text[k] == "\ufeff"

    while i < n and blank(i):
        i += 1
    end = n
    while end > i and blank(end - 1):
        end -= 1
    while i < end:
        positions.append(i)
        if blank(i):
            while i < end and blank(i):
                i += 1
        else:
            i += 1
    return positions


def encode_offsets(spans: list[tuple[int, int]]) -> str | None:
    """A compact map from the chars of a sentence's readable text to its quote: ``spans[i]`` is where char ``i``
    comes from, relative to the quote's start. None when the map is the identity (the text is the quote).

    Runs of one-for-one chars are stored as ``start,raw,length``; any other char (an entity, an escape, a folded
    whitespace run) as ``start,raw,-width``; entries are separated by ``;``.
    """
    if all(a == i and b == i + 1 for i, (a, b) in enumerate(spans)):
        return None
    entries: list[str] = []
    i, n = 0, len(spans)
    while i < n:
        a, b = spans[i]
        if b - a != 1:
            entries.append(f"{i},{a},{-(b - a)}")
            i += 1
            continue
        j = i + 1
        while j < n and spans[j] == (a + j - i, a + j - i + 1):
            j += 1
        entries.append(f"{i},{a},{j - i}")
        i = j
    return ";".join(entries)


def map_offsets(encoded: str | None, start: int, end: int) -> tuple[int, int]:
    """Where ``text[start:end]`` of a sentence lies in its quote (see ``encode_offsets``); identity when None."""
    if not encoded:
        return start, end
    runs = [tuple(int(x) for x in entry.split(",")) for entry in encoded.split(";")]

    def locate(i: int) -> tuple[int, int]:
        for first, raw, length in reversed(runs):
            if first <= i:
                if length < 0:
                    return raw, raw - length
                return raw + (i - first), raw + (i - first) + 1
        return i, i + 1

    return locate(start)[0], locate(end - 1)[1]

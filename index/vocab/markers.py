"""Citation markers: one grammar that reads what a language model writes, one canonical form the engine writes.

Read: ``[1]``, ``[1][2]``, ``[1, 2]``, ``[1-3]``, ``[1 and 2]``, ``[Passage 4]``, ``[p4]``, ``[Source 2]``.
Written: ``[1][2]``, one bracket per number, right after the words it cites.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

__all__ = ["MARKER", "MARKER_RUN", "Marker", "parse_markers", "format_markers", "strip_markers", "split_markers",
           "renumber_markers"]

_LABEL = r"(?:(?:passages?|sources?|p)\s*)?"
MARKER = re.compile(rf"\[\s*{_LABEL}(\d+(?:\s*(?:,|;|-|–|and)\s*{_LABEL}\d+)*)\s*\]", re.I)
"""One marker; group 1 holds its numbers with their separators."""

MARKER_RUN = re.compile(rf"(?:\s*{MARKER.pattern})+", re.I)
"""Markers in a row, each after optional whitespace: what may follow a sentence's full stop and belong to it."""

_MAX_RANGE = 20  # "[2-7]" is a range of passages; "[1990-2024]" is not


@dataclass(frozen=True)
class Marker:
    """A marker as written in a text, with the numbers it cites in order."""

    text: str
    numbers: tuple[int, ...]


def _numbers_of(group: str) -> list[int]:
    numbers: list[int] = []
    for part in re.split(r"\s*(?:,|;|and)\s*", re.sub(r"(?i)passages?|sources?|p", "", group)):
        bounds = [int(x) for x in re.split(r"\s*[-–]\s*", part.strip()) if x.strip().isdigit()]
        if len(bounds) == 2 and 0 <= bounds[1] - bounds[0] <= _MAX_RANGE:
            bounds = list(range(bounds[0], bounds[1] + 1))
        numbers.extend(n for n in bounds if n not in numbers)
    return numbers


def parse_markers(text: str) -> tuple[int, ...]:
    """Every number cited in ``text``, each once, in order of first citation."""
    numbers: list[int] = []
    for match in MARKER.finditer(text):
        numbers.extend(n for n in _numbers_of(match.group(1)) if n not in numbers)
    return tuple(numbers)


def format_markers(numbers: Iterable[int]) -> str:
    """The canonical form: ``[1][3]``."""
    return "".join(f"[{n}]" for n in numbers)


def strip_markers(text: str) -> str:
    """The words of ``text`` without markers, spaces tidied: ``Moscow [1].`` -> ``Moscow.``."""
    text = MARKER.sub(" ", text)
    text = re.sub(r"\s+([.,;:!?)”’])", r"\1", text)
    return " ".join(text.split())


def split_markers(text: str) -> Iterator[str | Marker]:
    """Text pieces and markers, in order: ``a [1] b [2, 3]`` -> ``"a "``, ``Marker("[1]", (1,))``, ``" b "``, ..."""
    position = 0
    for match in MARKER.finditer(text):
        if match.start() > position:
            yield text[position:match.start()]
        yield Marker(match.group(), tuple(_numbers_of(match.group(1))))
        position = match.end()
    if position < len(text):
        yield text[position:]


def renumber_markers(text: str, number: Callable[[int], int]) -> str:
    """``text`` with each marker rewritten in the canonical form, every number passed through ``number``."""
    return MARKER.sub(lambda m: format_markers(dict.fromkeys(number(n) for n in _numbers_of(m.group(1)))), text)

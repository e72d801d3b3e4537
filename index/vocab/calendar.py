"""Month and weekday names with their abbreviations, as tables and as regular-expression alternations."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

__all__ = ["MONTH_NAMES", "MONTHS", "MONTH_WORDS", "MONTH_ABBREVIATIONS", "WEEKDAY_NAMES", "WEEKDAYS",
           "WEEKDAY_WORDS", "WEEKDAY_ABBREVIATIONS", "CALENDAR_NAMES", "YEAR_DIGITS", "month_number", "alternation",
           "format_date"]

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CALENDAR_NAMES = frozenset(MONTH_NAMES) | frozenset(WEEKDAY_NAMES)
"""Capitalised words that name no person, place or body."""

MONTH_ABBREVIATIONS = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
WEEKDAY_ABBREVIATIONS = frozenset({"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"})
YEAR_DIGITS = r"(?:1[5-9]|20)\d\d"
"""The four digits read as a year, 1500 to 2099, as a regular expression without its surroundings (each reader of
years adds what may stand beside one)."""



def _numbered(names: tuple[str, ...], abbreviations: frozenset[str], first: int) -> dict[str, int]:
    """Each lower-case name and abbreviation (an abbreviation is a name's first letters) with its number."""
    table = {name.lower(): k for k, name in enumerate(names, start=first)}
    for word in sorted(abbreviations):
        table[word] = next(k for name, k in list(table.items()) if name.startswith(word[:3]))
    return table


MONTHS = _numbered(MONTH_NAMES, MONTH_ABBREVIATIONS, 1)
"""Lower-case month name or abbreviation -> 1..12."""

WEEKDAYS = _numbered(WEEKDAY_NAMES, WEEKDAY_ABBREVIATIONS, 0)
"""Lower-case weekday name or abbreviation -> 0 (Monday) .. 6."""

MONTH_WORDS = tuple(sorted(MONTHS, key=lambda w: (-len(w), w)))
WEEKDAY_WORDS = tuple(sorted(WEEKDAYS, key=lambda w: (-len(w), w)))


def month_number(word: str) -> int | None:
    """``"Dec."`` -> 12, ``"september"`` -> 9; None for anything else."""
    return MONTHS.get(word.strip().rstrip(".").lower())


def alternation(words: Iterable[str], *, title: bool = False) -> str:
    """A regular-expression group matching any of ``words``, longest first (``title``: capitalised forms)."""
    ordered = sorted(dict.fromkeys(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w.title() if title else w) for w in ordered) + ")"


def format_date(published: str | None) -> str:
    """An ISO publication date for a reader: ``2024-12-09`` -> ``9 Dec 2024``, ``--12-09`` (no year) -> ``9 Dec``;
    anything else unchanged."""
    if not published:
        return ""
    match = re.fullmatch(r"(\d{4}|-)-(\d{2})-(\d{2})", published.strip())
    if not match:
        return published
    year, month, day = match.groups()
    try:
        date(2000 if year == "-" else int(year), int(month), int(day))
    except ValueError:
        return published
    shown = f"{int(day)} {MONTH_NAMES[int(month) - 1][:3]}"
    return shown if year == "-" else f"{shown} {year}"

"""Numbers written as words: "six", "twenty-four", "a dozen", and the scale words after a number."""

from __future__ import annotations

__all__ = ["UNITS", "TENS", "SCALES", "NUMBER_WORDS", "ORDINAL_WORDS", "COMPOUND_NUMBER", "NUMBER_IN_WORDS",
           "word_to_number"]

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
NUMBER_WORDS = {**UNITS, **TENS}
"""Every number word below a hundred that is written as one word."""

ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                 "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
                 "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
                 "twentieth": 20}
"""Ordinals written as words, to the twentieth: "the third season" is season 3."""

COMPOUND_NUMBER = ("(?:" + "|".join(TENS) + r")(?:[-\s](?:" + "|".join(w for w, n in UNITS.items() if 1 <= n <= 9)
                   + "))?")
"""A regular expression for a tens word with an optional unit: "twenty", "twenty-four", "ninety nine"."""

NUMBER_IN_WORDS = ("(?:" + COMPOUND_NUMBER + "|" + "|".join(sorted(UNITS, key=lambda w: (-len(w), w)))
                   + r"|a\s+dozen)")
"""A regular expression for a number written in words: "six", "fourteen", "twenty-four", "a dozen"."""


def word_to_number(words: str) -> float | None:
    """``"six"`` -> 6, ``"twenty-four"`` -> 24, ``"a"`` -> 1, ``"a dozen"`` -> 12; None when not a number."""
    parts = words.lower().replace("-", " ").split()
    if parts == ["a", "dozen"]:
        return 12
    if parts in (["a"], ["an"]):
        return 1
    total = 0
    for part in parts:
        if part not in NUMBER_WORDS:
            return None
        total += NUMBER_WORDS[part]
    return total

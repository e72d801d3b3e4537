"""Numbers written as words: "six", "twenty-four", "a dozen", and the scale words after a number."""

from __future__ import annotations

__all__ = ["UNITS", "TENS", "SCALES", "NUMBER_WORDS", "COMPOUND_NUMBER", "word_to_number"]

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
NUMBER_WORDS = {**UNITS, **TENS}
"""Every number word below a hundred that is written as one word."""

COMPOUND_NUMBER = ("(?:" + "|".join(TENS) + r")(?:[-\s](?:" + "|".join(w for w, n in UNITS.items() if 1 <= n <= 9)
                   + "))?")
"""A regular expression for a tens word with an optional unit: "twenty", "twenty-four", "ninety nine"."""


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

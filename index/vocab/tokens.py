"""Words as a reader sees them: tokens with their character spans, their alphanumeric parts, and folded forms."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Token", "tokenize", "token_texts", "word_parts", "fold_accents", "fold_word"]

_TOKEN = re.compile(
    r"[A-Za-z](?:\.[A-Za-z])+\.?"                  # acronyms with dots: U.S., U.K.
    r"|[A-Z]\.(?=\s+[A-Z])"                         # an initial: the "B." of "Niels B. Christiansen"
    r"|\$?\d+(?:[.,:/]\d+)*[A-Za-z]*(?:[-–]\w+)*"   # numbers, with glued units: 24-year, 9/8c, 5a
    r"|\w+(?:[-'’]\w+)*"                            # words, hyphenated words, possessives
    r"|[^\w\s]"                                     # any other single character
)
_PART = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Token:
    """A word or punctuation mark with its character span in the text it was read from."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return any(ch.isalnum() for ch in self.text)

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str) -> tuple[Token, ...]:
    """Words and punctuation with their spans: "U.S.", "B." (an initial), "$10.4", "24-year", "al-Assad's"."""
    return tuple(Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text))


def token_texts(text: str) -> list[str]:
    """The texts of ``tokenize(text)``, without building tokens: for callers that need no spans."""
    return _TOKEN.findall(text)


def word_parts(text: str) -> list[str]:
    """The alphanumeric runs of ``text``, in order: the parts of its word tokens ("al-Assad's" -> al, Assad, s).

    The unit of lexical search, where a hyphenated name must match its parts."""
    return _PART.findall(text)


def fold_accents(text: str) -> str:
    """``Pogačar`` -> ``Pogacar``: compare names the way a reader would."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def fold_word(word: str) -> str:
    """Lower case, accents folded, no possessive or edge dots: ``Pogačar’s`` -> ``pogacar``, ``U.S.`` -> ``u.s``."""
    folded = fold_accents(word.lower()).replace("’", "'")
    if folded.endswith("'s"):
        folded = folded[:-2]
    return folded.strip("'.")

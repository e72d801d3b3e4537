"""Stems and search terms: the Snowball English stemmer (PyStemmer's C extension) behind a cache and a fold."""

from __future__ import annotations

import threading
from functools import lru_cache

import Stemmer

from index.vocab.stopwords import LIGHT_WORDS, STOPWORDS
from index.vocab.tokens import fold_word, word_parts

__all__ = ["stem", "content_terms"]

_SNOWBALL = Stemmer.Stemmer("english")
_LOCK = threading.Lock()  # a Stemmer object is not safe to share between threads
_DOUBLES = ("bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of a word after ``fold_word``: "rules"/"ruled"/"ruling" -> "rule", "Assad’s" -> "assad".

    Snowball keeps the "-er" of short agent nouns, but a question asks "who leads" what an article calls its
    "leader": such a stem joins its verb ("leader" -> "lead", "ruler" -> "rule", "winner" -> "win"). Words with
    digits ("24-year", "1990s") are folded but not stemmed."""
    folded = fold_word(word)
    if not folded or any(ch.isdigit() for ch in folded):
        return folded
    with _LOCK:
        stemmed = _SNOWBALL.stemWord(folded)
        if len(stemmed) >= 5 and stemmed.endswith("er"):
            verb = _SNOWBALL.stemWord(stemmed[:-1])
            verb = verb[:-1] if verb.endswith(_DOUBLES) else verb
            stemmed = verb if len(verb) >= 3 else stemmed
    return stemmed


def content_terms(text: str) -> list[str]:
    """The search terms of ``text``: stems of its word parts without stopwords or light words, in order, repeats
    kept ("al-Assad's 24-year rule" -> al, assad, 24, year, rule)."""
    words = (part.lower() for part in word_parts(text))
    return [stem(w) for w in words if w not in STOPWORDS and w not in LIGHT_WORDS]

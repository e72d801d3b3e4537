"""Lexical search: a BM25 index with an inverted file over the vocabulary's search terms, and rank fusion."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

import numpy as np

from index.vocab import content_terms

__all__ = ["BM25Index", "idf", "reciprocal_rank_fusion"]


def idf(df: int, n: int) -> float:
    """Okapi BM25's inverse document frequency of a term found in ``df`` of ``n`` indexed texts."""
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


class BM25Index:
    """Okapi BM25 over an inverted file, so a query touches only the postings of its own terms."""

    def __init__(self, *, k1: float = 1.2, b: float = 0.75):
        if k1 < 0:
            raise ValueError(f"k1 must be >= 0, got {k1}")
        if not 0 <= b <= 1:
            raise ValueError(f"b must be within [0, 1], got {b}")
        self.k1, self.b = k1, b
        self._keys: list[str | None] = []
        self._rows: dict[str, int] = {}
        self._lengths: list[int] = []
        self._postings: dict[str, dict[int, int]] = {}
        self._arrays: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._total_length = 0
        self._live = 0

    def __len__(self) -> int:
        return self._live

    def add(self, key: str, text: str) -> None:
        if key in self._rows:
            self.remove(key)
        row = len(self._keys)
        terms = Counter(content_terms(text))
        self._keys.append(key)
        self._rows[key] = row
        length = sum(terms.values())
        self._lengths.append(length)
        self._total_length += length
        self._live += 1
        for term, tf in terms.items():
            self._postings.setdefault(term, {})[row] = tf
            self._arrays.pop(term, None)

    def remove(self, key: str) -> None:
        row = self._rows.pop(key, None)
        if row is None:
            return
        self._keys[row] = None
        self._total_length -= self._lengths[row]
        self._lengths[row] = 0
        self._live -= 1
        for term, postings in self._postings.items():
            if postings.pop(row, None) is not None:
                self._arrays.pop(term, None)

    def unknown_terms(self, text: str) -> frozenset[str]:
        """Content terms of ``text`` that occur in no indexed document."""
        return frozenset(t for t in content_terms(text) if t not in self._postings)

    def idf(self, term: str) -> float:
        return idf(len(self._postings.get(term, ())), self._live)

    def term_weights(self, text: str) -> dict[str, float]:
        """Each distinct content term of ``text`` with its idf in this collection."""
        return {t: self.idf(t) for t in dict.fromkeys(content_terms(text))}

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        """The ``k`` best keys for ``query`` with their BM25 scores, best first."""
        if k <= 0:
            raise ValueError(f"k must be > 0, got {k}")
        if not self._live:
            return []
        lengths = np.asarray(self._lengths, dtype=np.float32)
        average = self._total_length / self._live or 1.0
        scores = np.zeros(len(self._keys), dtype=np.float32)
        for term, weight in self.term_weights(query).items():
            if term not in self._postings:
                continue
            rows, tfs = self._posting_arrays(term)
            norm = tfs + self.k1 * (1 - self.b + self.b * lengths[rows] / average)
            scores[rows] += weight * tfs * (self.k1 + 1) / norm
        hits = np.flatnonzero(scores)
        if hits.size == 0:
            return []
        top = hits[np.argsort(-scores[hits], kind="stable")[:k]]
        return [(self._keys[i], float(scores[i])) for i in top]

    def _posting_arrays(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        cached = self._arrays.get(term)
        if cached is None:
            postings = self._postings[term]
            cached = (np.fromiter(postings.keys(), dtype=np.int64, count=len(postings)),
                      np.fromiter(postings.values(), dtype=np.float32, count=len(postings)))
            self._arrays[term] = cached
        return cached


def reciprocal_rank_fusion(rankings: Iterable[list[str]], *, k: int = 60) -> list[tuple[str, float]]:
    """Fuse ranked lists: each key scores the sum of 1 / (k + rank) over the lists it appears in."""
    if k <= 0:
        raise ValueError(f"k must be > 0, got {k}")
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, key in enumerate(ranking, start=1):
            scores[key] = scores.get(key, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda item: -item[1])

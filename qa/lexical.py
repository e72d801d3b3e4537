"""Rank fusion: one ranking from the dense and the lexical chunk rankings."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["reciprocal_rank_fusion"]


def reciprocal_rank_fusion(rankings: Iterable[list[str]], *, k: int = 60) -> list[tuple[str, float]]:
    """Fuse ranked lists: each key scores the sum of 1 / (k + rank) over the lists it appears in."""
    if k <= 0:
        raise ValueError(f"k must be > 0, got {k}")
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, key in enumerate(ranking, start=1):
            scores[key] = scores.get(key, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda item: -item[1])

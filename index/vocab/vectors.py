"""Vector similarity with one contract: the cosine of two vectors of any length, None when one is missing."""

from __future__ import annotations

__all__ = ["cosine_similarity"]


def cosine_similarity(a, b) -> float | None:
    """The cosine of the angle between ``a`` and ``b`` (normalised here, so any scale works); None when either is
    None, 0.0 when either is the zero vector."""
    if a is None or b is None:
        return None
    import numpy as np  # here, not at the top: the rest of the vocabulary imports in milliseconds

    a, b = np.asarray(a, dtype=np.float32), np.asarray(b, dtype=np.float32)
    norm = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(np.dot(a, b)) / norm if norm else 0.0

"""Honest fakes for fast tests: an embedding that ranks by shared words."""

from __future__ import annotations

import hashlib

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding

from index.vocab import content_terms


class HashedBagOfWords(BaseEmbedding):
    """Each content word hashed into one of ``dim`` buckets; unit-norm, so cosine counts shared words."""

    dim: int = 256
    model_name: str = "hashed-bag-of-words-256"

    def _vector(self, text: str) -> list[float]:
        vector = np.zeros(self.dim, dtype=np.float32)
        for term in content_terms(text):
            bucket = int.from_bytes(hashlib.blake2b(term.encode(), digest_size=4).digest(), "little") % self.dim
            vector[bucket] += 1.0
        norm = float(np.linalg.norm(vector))
        return (vector / norm if norm else vector).tolist()

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._vector(query)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._vector(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._vector(text)

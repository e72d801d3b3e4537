"""Finding what to read: dense and lexical chunk rankings fused, then the articles to read and their sentences.

Plain Python over the store and the lexical index (llama-index adapters over it live in ``qa.llama``), so asking a
question needs neither llama-index nor torch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from index.store import ArticleInfo, ChromaStore, StoredChunk, StoredSentence
from qa.evidence import Evidence
from qa.lexical import reciprocal_rank_fusion
from qa.reader import ArticleText

__all__ = ["SearchSettings", "HybridSearch", "to_evidence"]


@dataclass(frozen=True)
class SearchSettings:
    """How wide retrieval looks. ``exact_k``: the lexical and dense rankings' own top chunks always join the
    fused list, so a rare exact term ("bulletin 2231") that fusion would bury is still read."""

    dense_k: int = 30
    lexical_k: int = 30
    fused_k: int = 20
    exact_k: int = 3
    rrf_k: int = 60
    max_articles: int = 8
    chunks_per_article: int = 3

    def __post_init__(self):
        for name, value in self.__dict__.items():
            if value <= 0:
                raise ValueError(f"{name} must be > 0, got {value}")


class HybridSearch:
    """Ranks chunks for a question and gathers the articles the reader reads, with their sentences and vectors.

    ``corpus`` returns what is live (``articles``, ``chunks``, and a ``lexical`` index with ``search`` and
    ``term_weights``)."""

    def __init__(self, store: ChromaStore, corpus: Callable[[], object], settings: SearchSettings | None = None):
        self.store = store
        self.corpus = corpus
        self.settings = settings or SearchSettings()

    def rank_chunks(self, text: str, vector: np.ndarray | None) -> list[tuple[str, float]]:
        """Chunk ids with fused scores, best first: the fused top ``fused_k`` and each ranking's top ``exact_k``."""
        corpus, s = self.corpus(), self.settings
        if not corpus.chunks:
            return []
        dense = [] if vector is None else [
            cid for cid, _, _ in self.store.query_chunks(np.asarray(vector), s.dense_k) if cid in corpus.chunks]
        lexical = [cid for cid, _ in corpus.bm25.search(text, s.lexical_k) if cid in corpus.chunks]
        fused = reciprocal_rank_fusion([dense, lexical], k=s.rrf_k)
        chosen = dict(fused[:s.fused_k])
        scores = dict(fused)
        for cid in dense[:s.exact_k] + lexical[:s.exact_k]:
            chosen.setdefault(cid, scores[cid])
        return sorted(chosen.items(), key=lambda item: -item[1])

    def articles(self, text: str, vector: np.ndarray | None) -> tuple[list[ArticleText], dict[str, float]]:
        """The articles to read, best first (at most ``max_articles``), each with the sentences of its best chunks
        and of its lead, in article order; and the question's term weights in the collection."""
        corpus, s = self.corpus(), self.settings
        picked: dict[str, list[StoredChunk]] = {}
        for cid, _ in self.rank_chunks(text, vector):
            chunk = corpus.chunks[cid]
            chunks = picked.get(chunk.doc_id)
            if chunks is None:
                if len(picked) >= s.max_articles:
                    continue
                chunks = picked[chunk.doc_id] = []
            if len(chunks) < s.chunks_per_article:
                chunks.append(chunk)
        wanted: list[StoredChunk] = []
        for doc_id, chunks in picked.items():
            lead = _lead_chunk(corpus, doc_id, chunks)
            wanted.extend(dict.fromkeys([*([lead] if lead else []), *chunks]))
        by_article: dict[str, list[Evidence]] = {doc_id: [] for doc_id in picked}
        for sentence in self.store.sentences_of(wanted):
            by_article[sentence.doc_id].append(to_evidence(sentence, corpus.articles.get(sentence.doc_id)))
        views = [ArticleText(doc_id, tuple(sorted(items, key=lambda e: e.position)))
                 for doc_id, items in by_article.items() if items]
        return views, corpus.bm25.term_weights(text)

    def rank_documents(self, text: str, vector: np.ndarray | None, k: int) -> list[str]:
        ranked: list[str] = []
        corpus = self.corpus()
        for cid, _ in self.rank_chunks(text, vector):
            doc_id = corpus.chunks[cid].doc_id
            if doc_id not in ranked:
                ranked.append(doc_id)
        return ranked[:k]


def _lead_chunk(corpus, doc_id: str, chunks: Sequence[StoredChunk]) -> StoredChunk | None:
    """The article's first chunk (its headline and lead), which says what "the company" or "he" is."""
    if any(c.index == 0 for c in chunks):
        return None
    first = chunks[0]
    return corpus.chunks.get(first.id.rsplit("::", 1)[0] + "::0")


def to_evidence(sentence: StoredSentence, article: ArticleInfo | None, relevance: float = 0.0) -> Evidence:
    """A stored sentence with its article's metadata, as the reader and the answer use it."""
    return Evidence(
        doc_id=sentence.doc_id, text=sentence.text, quote=sentence.quote, start=sentence.start, end=sentence.end,
        title=article.title if article else None, source=article.source if article else None,
        published=article.published if article else None, path=article.path if article else None,
        url=article.url if article else None, relevance=relevance, embedding=sentence.embedding,
        position=sentence.position, offsets=sentence.offsets,
    )

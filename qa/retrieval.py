"""Finding what to read: dense and lexical chunk rankings fused, then the articles to read and their sentences,
over what is live in the store (read on demand, never the whole collection).

Plain Python over the store and the lexical index (llama-index adapters over it live in ``qa.llama``), so asking a
question needs neither llama-index nor torch.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from index.lexical import LexicalIndex
from index.store import ArticleInfo, ChromaStore, StoredChunk, StoredSentence, sentence_vectors
from qa.evidence import Evidence
from qa.lexical import reciprocal_rank_fusion
from qa.reader import ArticleText

__all__ = ["SearchSettings", "LiveIndex", "LiveView", "HybridSearch", "to_evidence"]


@dataclass(frozen=True)
class SearchSettings:
    """How wide retrieval looks. ``exact_k``: the lexical and dense rankings' own top chunks always join the
    fused list and are read, past ``max_articles`` if need be, so a rare exact term ("bulletin 2231") that fusion
    would bury is still read. ``sentence_weight``: the dense ranking orders Chroma's ``dense_k`` nearest chunks by
    ``(1 - w) * chunk similarity + w * best sentence similarity``; 0.5 was chosen by ``python -m bench.fit_retrieval``
    on the development data's tune questions (top-5 article hit, tune / held-out: RGB 0.780 / 0.829 at 0, 0.864 /
    0.829 at 0.5; RAMDocs 0.984 / 0.981 at both, MRR 0.931 -> 0.937 on tune)."""

    dense_k: int = 30
    lexical_k: int = 30
    fused_k: int = 20
    exact_k: int = 3
    rrf_k: int = 60
    max_articles: int = 8
    chunks_per_article: int = 3
    sentence_weight: float = 0.5

    def __post_init__(self):
        for name, value in self.__dict__.items():
            if name == "sentence_weight":
                if not 0.0 <= value <= 1.0:
                    raise ValueError(f"sentence_weight must be in [0, 1], got {value}")
            elif value <= 0:
                raise ValueError(f"{name} must be > 0, got {value}")


class LiveIndex:
    """What is live in the store, read on demand: article records, chunks and the lexical index, serving only
    live article versions.

    Article records are cached until the store's generation changes (any process's write); ``refresh`` reads the
    generation, once a question, and when another process wrote, lets the store follow it (Chroma's in-process
    vector index, the lexical index) and starts a new view. Chunks are cached by id (an id names one version of an
    article, so its text never changes).
    """

    def __init__(self, store: ChromaStore, *, chunk_cache: int = 4096):
        if chunk_cache <= 0:
            raise ValueError(f"chunk_cache must be > 0, got {chunk_cache}")
        self._store = store
        self._lock = threading.Lock()
        self._refresh_lock = threading.Lock()
        self._generation: int | None = None
        self._view = LiveView(store)
        self._chunks: OrderedDict[str, StoredChunk] = OrderedDict()
        self._chunk_cache = chunk_cache

    @property
    def lexical(self) -> LexicalIndex:
        """The store's lexical index: BM25 search, term weights and unknown terms."""
        return self._store.lexical

    def refresh(self) -> bool:
        """Notice another write to the store; returns whether there was one since the last call."""
        generation = self._store.generation()
        if generation == self._generation:
            return False
        with self._refresh_lock:
            if generation == self._generation:
                return False
            if self._generation is not None:
                self._store.follow()
            self._store.sync_lexical()
            with self._lock:
                self._view, self._generation = LiveView(self._store), generation
        return True

    def view(self) -> "LiveView":
        """The article records of the current generation: a question reads them all from one view, so a refresh by
        another thread meanwhile cannot give it two versions of an article."""
        with self._lock:
            return self._view

    def articles(self, doc_ids: Iterable[str]) -> dict[str, ArticleInfo]:
        """The live records of these articles, by doc_id (absent when an article is not in the store)."""
        return self.view().articles(doc_ids)

    def all_articles(self) -> dict[str, ArticleInfo]:
        """Every live article record, by doc_id (read once a generation)."""
        return self.view().all_articles()

    def live(self, pairs: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which (doc_id, content_hash) pairs are live article versions."""
        return self.view().live(pairs)

    def search(self, query: str, k: int, view: "LiveView | None" = None) -> list[tuple[str, float]]:
        """BM25 over the live chunks: (chunk id, score), best first."""
        view = view or self.view()

        def served(hits):
            live = view.live((h.doc_id, h.content_hash) for h in hits)
            return [h for h in hits if (h.doc_id, h.content_hash) in live]

        return [(h.chunk_id, h.score) for h in self.lexical.search(query, k, live=served)]

    def chunks(self, ids: Sequence[str]) -> list[StoredChunk]:
        """The chunks with these ids, in the order given (ids the store does not hold are left out)."""
        with self._lock:
            missing = [i for i in dict.fromkeys(ids) if i not in self._chunks]
        found = self._store.chunks(missing) if missing else {}
        out = []
        with self._lock:
            self._chunks.update(found)
            for cid in ids:
                chunk = self._chunks.get(cid)
                if chunk is not None:
                    self._chunks.move_to_end(cid)
                    out.append(chunk)
            while len(self._chunks) > self._chunk_cache:
                self._chunks.popitem(last=False)
        return out


class LiveView:
    """The article records of one store generation, read on demand and then kept: every step of a question asks
    the same view, so each article has one version throughout."""

    def __init__(self, store: ChromaStore):
        self._store = store
        self._lock = threading.Lock()
        self._articles: dict[str, ArticleInfo | None] = {}
        self._listing: dict[str, ArticleInfo] | None = None

    def articles(self, doc_ids: Iterable[str]) -> dict[str, ArticleInfo]:
        """The live records of these articles, by doc_id (absent when an article is not in the store)."""
        wanted = list(dict.fromkeys(doc_ids))
        with self._lock:
            missing = [d for d in wanted if d not in self._articles]
        if missing:
            found = self._store.articles_by_id(missing)
            with self._lock:
                for d in missing:
                    self._articles.setdefault(d, found.get(d))
        with self._lock:
            return {d: self._articles[d] for d in wanted if self._articles.get(d) is not None}

    def all_articles(self) -> dict[str, ArticleInfo]:
        """Every live article record, by doc_id (read once a view)."""
        with self._lock:
            listing = self._listing
        if listing is None:
            listing = self._store.articles()
            with self._lock:
                for d, info in listing.items():
                    self._articles.setdefault(d, info)
                self._listing = listing = {d: a for d, a in self._articles.items() if a is not None and d in listing}
        return listing

    def live(self, pairs: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which (doc_id, content_hash) pairs are live article versions in this view."""
        pairs = list(pairs)
        records = self.articles(d for d, _ in pairs)
        return {(d, h) for d, h in pairs if d in records and records[d].content_hash == h}


class HybridSearch:
    """Ranks chunks for a question and gathers the articles the reader reads, with their sentences and vectors.

    ``corpus`` returns what is live (a ``LiveIndex``); each ranking first lets it notice other processes' writes."""

    def __init__(self, store: ChromaStore, corpus: Callable[[], LiveIndex], settings: SearchSettings | None = None):
        self.store = store
        self.corpus = corpus
        self.settings = settings or SearchSettings()

    def rank_chunks(self, text: str, vector: np.ndarray | None) -> list[tuple[str, float]]:
        """Chunk ids with fused scores, best first: the fused top ``fused_k`` and each ranking's top ``exact_k``."""
        corpus = self.corpus()
        corpus.refresh()
        return self._rank(corpus, corpus.view(), text, vector)[0]

    def _rank(self, corpus: LiveIndex, view: LiveView, text: str, vector: np.ndarray | None
              ) -> tuple[list[tuple[str, float]], set[str]]:
        """``rank_chunks`` over one view, and which chunks are there as a ranking's own top ``exact_k``."""
        s = self.settings
        dense = self.dense_chunks(view, vector) if vector is not None else []
        lexical = [cid for cid, _ in corpus.search(text, s.lexical_k, view)]
        fused = reciprocal_rank_fusion([dense, lexical], k=s.rrf_k)
        chosen = dict(fused[:s.fused_k])
        scores = dict(fused)
        exact = set(dense[:s.exact_k] + lexical[:s.exact_k])
        for cid in exact:
            chosen.setdefault(cid, scores[cid])
        return sorted(chosen.items(), key=lambda item: -item[1]), exact

    def dense_chunks(self, view: LiveView, vector: np.ndarray) -> list[str]:
        """The live chunks nearest the question vector, best first: Chroma's ``dense_k`` nearest chunks, ordered by
        their own similarity blended with their best sentence's (``sentence_weight``)."""
        query = np.asarray(vector, dtype=np.float32)
        hits = self.store.query_chunks(query, self.settings.dense_k)
        live = view.live((m["doc_id"], m["content_hash"]) for _, _, m in hits)
        hits = [hit for hit in hits if (hit[2]["doc_id"], hit[2]["content_hash"]) in live]
        weight = self.settings.sentence_weight
        if weight:
            hits.sort(key=lambda hit: -_dense_score(query, hit[1], hit[2], weight))
        return [cid for cid, _, _ in hits]

    def articles(self, text: str, vector: np.ndarray | None) -> tuple[list[ArticleText], dict[str, float]]:
        """The articles to read, best first (at most ``max_articles``, and the articles of each ranking's own top
        ``exact_k`` chunks beyond them), each with the sentences of its best chunks and of its lead, in article
        order; and the question's term weights in the collection."""
        corpus, s = self.corpus(), self.settings
        corpus.refresh()
        view = corpus.view()  # one version of each article for every step of this question
        ranked, exact = self._rank(corpus, view, text, vector)
        picked: dict[str, list[StoredChunk]] = {}
        for chunk in corpus.chunks([cid for cid, _ in ranked]):
            chunks = picked.get(chunk.doc_id)
            if chunks is None:
                if len(picked) >= s.max_articles and chunk.id not in exact:
                    continue
                chunks = picked[chunk.doc_id] = []
            if len(chunks) < s.chunks_per_article:
                chunks.append(chunk)
        leads = {c.id: c for c in corpus.chunks([_lead_id(chunks) for chunks in picked.values()
                                                 if not any(c.index == 0 for c in chunks)])}
        wanted: list[StoredChunk] = []
        for chunks in picked.values():
            lead = leads.get(_lead_id(chunks))
            wanted.extend(dict.fromkeys([*([lead] if lead else []), *chunks]))
        sentences = [sentence for chunk in wanted for sentence in chunk.sentences]
        records = view.articles(picked)
        by_article: dict[str, list[Evidence]] = {doc_id: [] for doc_id in picked}
        for sentence in sentences:
            record = records.get(sentence.doc_id)
            if record is not None and record.content_hash == sentence.content_hash:
                by_article[sentence.doc_id].append(to_evidence(sentence, record))
        views = [ArticleText(doc_id, tuple(sorted(items, key=lambda e: e.position)))
                 for doc_id, items in by_article.items() if items]
        return views, corpus.lexical.term_weights(text)

    def rank_documents(self, text: str, vector: np.ndarray | None, k: int) -> list[str]:
        ranked: list[str] = []
        for chunk in self.corpus().chunks([cid for cid, _ in self.rank_chunks(text, vector)]):
            if chunk.doc_id not in ranked:
                ranked.append(chunk.doc_id)
        return ranked[:k]


def _dense_score(query: np.ndarray, chunk_similarity: float, meta: dict, sentence_weight: float) -> float:
    """A chunk's similarity to the question blended with its best sentence's: a chunk's vector is the mean of its
    sentences', which blurs the one sentence that answers."""
    vectors = sentence_vectors(meta)
    best = float(np.max(vectors @ query)) if len(vectors) else chunk_similarity
    return (1.0 - sentence_weight) * chunk_similarity + sentence_weight * best


def _lead_id(chunks: Sequence[StoredChunk]) -> str:
    """The id of the article's first chunk (its headline and lead), which says what "the company" or "he" is."""
    return chunks[0].id.rsplit("::", 1)[0] + "::0"


def to_evidence(sentence: StoredSentence, article: ArticleInfo | None, relevance: float = 0.0) -> Evidence:
    """A stored sentence with its article's metadata, as the reader and the answer use it."""
    return Evidence(
        doc_id=sentence.doc_id, text=sentence.text, quote=sentence.quote, start=sentence.start, end=sentence.end,
        title=article.title if article else None, source=article.source if article else None,
        published=article.published if article else None, path=article.path if article else None,
        url=article.url if article else None, relevance=relevance, embedding=sentence.embedding,
        position=sentence.position, offsets=sentence.offsets,
    )

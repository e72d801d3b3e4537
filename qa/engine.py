"""The query engine: hybrid retrieval over the store, extractive cited answers, disagreements; and its façade."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.base.response.schema import Response
from llama_index.core.postprocessor.types import BaseNodePostprocessor
from llama_index.core.query_engine import CustomQueryEngine
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from index.embedding import MAX_CHUNK_TOKENS, load_embed_model, model_identity, model_token_counter, single_threaded
from index.errors import InputError
from index.ingest import IngestReport, ingest
from index.store import ArticleInfo, ChromaStore, StoredChunk, StoredSentence
from qa.answer import Answer, Citation, Claim, Disagreement
from qa.citations import CitationNumbers
from qa.compose import ComposerSettings, render_draft, score_relevance, select_claims, with_relevance
from qa.conflicts import Conflict, ConflictDetector, RuleConflictDetector
from qa.conversation import HistoryItem, condense_question, validate_history
from qa.evidence import Evidence
from qa.lexical import BM25Index, reciprocal_rank_fusion

MAX_QUESTION_CHARS = 2000
NOT_COVERED = "The articles do not answer this question."


@dataclass(frozen=True)
class Passage:
    """The readable paragraph around a cited sentence, split so the quote can be highlighted."""

    before: str
    quote: str
    after: str


def validate_question(question) -> str:
    if not isinstance(question, str) or not question.strip():
        raise InputError("the question is empty: ask something, e.g. \"Where did Assad go?\"")
    if len(question) > MAX_QUESTION_CHARS:
        raise InputError(f"the question is {len(question):,} characters long; keep it under {MAX_QUESTION_CHARS:,}")
    return question.strip()


class Corpus:
    """What is live in the store, held in memory for fast lexical search: articles, chunks and BM25."""

    def __init__(self, articles: dict[str, ArticleInfo], chunks: dict[str, StoredChunk]):
        self.articles = articles
        self.chunks = chunks
        self.bm25 = BM25Index()
        for chunk in chunks.values():
            self.bm25.add(chunk.id, chunk.text)

    @classmethod
    def load(cls, store: ChromaStore) -> "Corpus":
        articles = store.articles()
        chunks = {c.id: c for c in store.iter_chunks() if _is_live(c, articles)}
        return cls(articles, chunks)


def _is_live(chunk: StoredChunk, articles: dict[str, ArticleInfo]) -> bool:
    article = articles.get(chunk.doc_id)
    return article is not None and article.content_hash == chunk.content_hash


class HybridRetriever(BaseRetriever):
    """Dense (Chroma, cosine) and lexical (BM25) chunk rankings fused by reciprocal rank."""

    def __init__(self, store: ChromaStore, corpus_ref: Callable[[], Corpus], embed_query: Callable[[str], np.ndarray],
                 *, dense_k: int = 30, lexical_k: int = 30, top_k: int = 20, rrf_k: int = 60):
        for name, value in (("dense_k", dense_k), ("lexical_k", lexical_k), ("top_k", top_k), ("rrf_k", rrf_k)):
            if value <= 0:
                raise ValueError(f"{name} must be > 0, got {value}")
        super().__init__()
        self._store, self._corpus, self._embed_query = store, corpus_ref, embed_query
        self.dense_k, self.lexical_k, self.top_k, self.rrf_k = dense_k, lexical_k, top_k, rrf_k

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        corpus = self._corpus()
        if not corpus.chunks:
            return []
        vector = query_bundle.embedding
        if vector is None:
            vector = self._embed_query(query_bundle.query_str)
            query_bundle.embedding = list(map(float, vector))
        dense = [cid for cid, _, _ in self._store.query_chunks(np.asarray(vector), self.dense_k) if cid in corpus.chunks]
        lexical = [cid for cid, _ in corpus.bm25.search(query_bundle.query_str, self.lexical_k)]
        fused = reciprocal_rank_fusion([dense, lexical], k=self.rrf_k)[: self.top_k]
        nodes = []
        for cid, score in fused:
            chunk = corpus.chunks[cid]
            node = TextNode(id_=cid, text=chunk.text, metadata={"doc_id": chunk.doc_id, "chunk": chunk.index})
            nodes.append(NodeWithScore(node=node, score=score))
        return nodes


class OutletDiversity(BaseNodePostprocessor):
    """Re-rank so one article cannot crowd out the others: each further chunk of an article is discounted."""

    discount: float = 0.5
    top_n: int = 12

    def _postprocess_nodes(self, nodes: list[NodeWithScore], query_bundle: QueryBundle | None = None) -> list[NodeWithScore]:
        seen: dict[str, int] = {}
        rescored = []
        for node in nodes:
            doc_id = node.node.metadata.get("doc_id")
            rescored.append((node.score / (1 + self.discount * seen.get(doc_id, 0)), node))
            seen[doc_id] = seen.get(doc_id, 0) + 1
        rescored.sort(key=lambda pair: -pair[0])
        return [NodeWithScore(node=n.node, score=s) for s, n in rescored[: self.top_n]]


class SourcewiseQueryEngine(CustomQueryEngine):
    """Retrieve, score sentences, compose an extractive cited answer, and report disagreements."""

    retriever: BaseRetriever
    postprocessor: BaseNodePostprocessor
    store: ChromaStore
    corpus_ref: Callable[[], Corpus]
    embed_query: Callable[[str], np.ndarray]
    detector: ConflictDetector
    settings: ComposerSettings = ComposerSettings()

    def custom_query(self, query_str: str) -> Response:
        vector = self.embed_query(query_str)
        bundle = QueryBundle(query_str=query_str, embedding=list(map(float, vector)))
        nodes = self.postprocessor.postprocess_nodes(self.retriever.retrieve(bundle), query_bundle=bundle)
        corpus = self.corpus_ref()
        evidence = self._evidence(query_str, vector, nodes, corpus)
        answer = compose_answer(query_str, evidence, self.settings, self.detector)
        return Response(response=answer.answer, source_nodes=nodes, metadata={"answer": answer, "evidence": evidence})

    def _evidence(self, question: str, vector: np.ndarray, nodes: list[NodeWithScore], corpus: Corpus) -> list[Evidence]:
        chunks = [corpus.chunks[n.node.node_id] for n in nodes if n.node.node_id in corpus.chunks]
        sentences = self.store.sentences_of(chunks)
        evidence = [_to_evidence(s, corpus.articles.get(s.doc_id)) for s in sentences]
        weights = corpus.bm25.term_weights(question)
        scores = score_relevance(question, vector, evidence, weights, self.settings, corpus.bm25.unknown_terms(question))
        return with_relevance(evidence, scores)


def _to_evidence(sentence: StoredSentence, article: ArticleInfo | None, relevance: float = 0.0) -> Evidence:
    return Evidence(
        doc_id=sentence.doc_id, text=sentence.text, quote=sentence.quote, start=sentence.start, end=sentence.end,
        title=article.title if article else None, source=article.source if article else None,
        published=article.published if article else None, path=article.path if article else None,
        url=article.url if article else None, relevance=relevance, embedding=sentence.embedding,
    )


def compose_answer(question: str, evidence: Sequence[Evidence], settings: ComposerSettings,
                   detector: ConflictDetector | None) -> Answer:
    """Turn scored evidence into an ``Answer``: cited sentences, then any disagreement in plain words."""
    draft = select_claims(evidence, settings)
    conflicts = detector.find(question, evidence) if draft.claims and detector is not None else []
    if conflicts and not draft.answered:
        # Sources that state competing values for the point asked do answer it, though not with one voice.
        draft = replace(draft, answered=True, preface="")
    numbers = CitationNumbers()
    text = render_draft(draft, numbers) if draft.claims else NOT_COVERED
    disagreements = [to_disagreement(conflict, numbers) for conflict in conflicts]
    for disagreement in disagreements:
        text = f"{text}\n\n{disagreement.summary}"
    return Answer(question=question, answer=text, answered=draft.answered, citations=tuple(numbers.citations),
                  disagreements=tuple(disagreements))


def to_disagreement(conflict: Conflict, numbers: CitationNumbers, *, per_side: int = 3) -> Disagreement:
    """Number each side's evidence and say the disagreement in one plain sentence."""
    claims, sides = [], []
    for side in conflict.sides:
        evidence = list(side.evidence)[:per_side]
        for item in evidence:
            claims.append(Claim(doc_id=item.doc_id, n=numbers.number(item), quote=item.quote, start=item.start,
                                end=item.end, value=side.value, source=item.outlet, published=item.published))
        sides.append(f"{side.value} {numbers.markers(evidence)}")
    summary = f"Sources disagree on {conflict.topic}: " + " vs ".join(sides) + "."
    return Disagreement(topic=conflict.topic, kind=conflict.kind, summary=summary, claims=tuple(claims))


@contextmanager
def _closed_on_error(store: ChromaStore) -> Iterator[None]:
    """Close ``store`` if what follows fails, so a failed open leaves no connection behind."""
    try:
        yield
    except BaseException:
        store.close()
        raise


class Engine:
    """Ask questions of an indexed article collection; the public entry point of Sourcewise.

    >>> with Engine.from_paths(["seeds/"], store=".sourcewise") as engine:
    ...     engine.ask("How long did Bashar al-Assad rule Syria?").to_dict()
    """

    def __init__(self, store: ChromaStore, embed_model, *, detector: ConflictDetector | None = None,
                 settings: ComposerSettings | None = None, llm=None):
        self._store = store
        self._embed_model = embed_model
        self._embed_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._loaded = Corpus.load(store)
        self.detector = detector if detector is not None else RuleConflictDetector()
        self.retriever = HybridRetriever(store, lambda: self._corpus, self._embed_query)
        self.query_engine = SourcewiseQueryEngine(
            retriever=self.retriever, postprocessor=OutletDiversity(), store=store,
            corpus_ref=lambda: self._corpus, embed_query=self._embed_query, detector=self.detector,
            settings=settings or ComposerSettings(),
        )
        self.generator = None
        if llm is not None:
            from qa.generate import GeneratedAnswerer

            self.generator = GeneratedAnswerer(llm, self._embed_texts)

    @property
    def answerer(self) -> str:
        """Which answerer is active: "extractive", or the language model's description."""
        if self.generator is None:
            return "extractive"
        model = getattr(self.generator.llm, "model", None)
        return f"llm: {model} at {self.generator.label}" if model else f"llm: {self.generator.label}"

    # -- construction and lifecycle --------------------------------------------------------
    @staticmethod
    def _connect(store: str | Path, chroma_url: str | None, embed_model, *, rebuild: bool = False) -> ChromaStore:
        model_id, dimension = model_identity(embed_model)
        return ChromaStore.connect(path=None if chroma_url else store, url=chroma_url, model_id=model_id,
                                   dimension=dimension, rebuild=rebuild)

    @classmethod
    def open(cls, store: str | Path = ".sourcewise", *, chroma_url: str | None = None, embed_model=None,
             **options) -> "Engine":
        """An engine over an index built before; says which command builds it when there is none."""
        if not chroma_url and not Path(store).is_dir():
            raise InputError(f"no index at {store}: build it with `sourcewise ingest PATH --store {store}`")
        embed_model = embed_model or load_embed_model()
        connected = cls._connect(store, chroma_url, embed_model)
        with _closed_on_error(connected):
            if not connected.exists():
                where = f"--chroma-url {chroma_url}" if chroma_url else f"--store {store}"
                raise InputError(f"no index in {connected.location}: build it with `sourcewise ingest PATH {where}`")
            connected.open(create=False)
            return cls(connected, embed_model, **options)

    @classmethod
    def from_paths(cls, paths: Iterable[str | Path], *, store: str | Path = ".sourcewise",
                   chroma_url: str | None = None, embed_model=None, prune: bool = False,
                   show_progress: bool | None = None, rebuild: bool = False, **options) -> "Engine":
        """Build or update the index of ``paths`` in ``store``, then open it (``rebuild`` starts from empty)."""
        embed_model = embed_model or load_embed_model()
        connected = cls._connect(store, chroma_url, embed_model, rebuild=rebuild)
        with _closed_on_error(connected):
            connected.open(create=True)
            engine = cls(connected, embed_model, **options)
            engine.last_report = engine.ingest(paths, prune=prune, show_progress=show_progress)
            return engine

    def close(self) -> None:
        """Let go of the store; closing twice is harmless, and any other call afterwards is a ``StoreError``."""
        self._store.close()

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @property
    def _corpus(self) -> Corpus:
        """What is live in the store; a closed engine says so instead."""
        self._store.ensure_open()
        return self._loaded

    @_corpus.setter
    def _corpus(self, corpus: Corpus) -> None:
        self._loaded = corpus

    # -- collection ------------------------------------------------------------------------
    def ingest(self, paths: Iterable[str | Path], *, prune: bool = False,
               progress: Callable[[int, int, str], None] | None = None,
               show_progress: bool | None = None) -> IngestReport:
        """Index new and changed articles; the next question sees them."""
        with self._write_lock:
            report = ingest(paths, self._store, self._embed_model, model_token_counter(self._embed_model),
                            prune=prune, progress=progress, show_progress=show_progress,
                            max_chunk_tokens=MAX_CHUNK_TOKENS)
            if report.added or report.updated or report.removed or not self._corpus.articles:
                self._corpus = Corpus.load(self._store)
        return report

    def remove(self, doc_id: str) -> bool:
        """Take an article out of the index; False when there was no such article."""
        with self._write_lock:
            removed = self._store.remove(doc_id)
            self._corpus = Corpus.load(self._store)
        return removed

    def articles(self) -> list[ArticleInfo]:
        return sorted(self._corpus.articles.values(), key=lambda a: a.doc_id)

    # -- questions -------------------------------------------------------------------------
    def ask(self, question: str, history: Sequence[HistoryItem] = ()) -> Answer:
        """Answer ``question``; ``history`` (earlier turns, oldest first: ``Turn``, ``Answer`` or an earlier
        question as a string) resolves follow-ups such as "Where did he speak?"."""
        question = validate_question(question)
        standalone = condense_question(question, validate_history(history))
        response = self.query_engine.query(standalone)
        answer: Answer = response.metadata["answer"]
        if self.generator is not None:
            answer = self.generator.answer(standalone, response.metadata["evidence"], answer)
        return replace(answer, question=question)

    def ask_stream(self, question: str, history: Sequence[HistoryItem] = ()) -> Iterator[str | Answer]:
        """Like ``ask``, for display as it is written: the language model's raw text pieces (not yet checked),
        then the checked ``Answer`` as the last item. Without a language model, the ``Answer`` alone."""
        question = validate_question(question)
        standalone = condense_question(question, validate_history(history))
        response = self.query_engine.query(standalone)
        answer: Answer = response.metadata["answer"]
        if self.generator is None:
            yield replace(answer, question=question)
            return
        for item in self.generator.stream(standalone, response.metadata["evidence"], answer):
            yield item if isinstance(item, str) else replace(item, question=question)

    def query(self, question: str) -> Response:
        """The llama-index view: a ``Response`` whose ``source_nodes`` are the retrieved chunks."""
        return self.query_engine.query(validate_question(question))

    def rank_documents(self, question: str, k: int = 5) -> list[str]:
        """Article ids in retrieval order (fused dense and lexical), one entry per article."""
        if k <= 0:
            raise ValueError(f"k must be > 0, got {k}")
        ranked: list[str] = []
        for node in self.retriever.retrieve(validate_question(question)):
            doc_id = node.node.metadata["doc_id"]
            if doc_id not in ranked:
                ranked.append(doc_id)
        return ranked[:k]

    def context(self, citation: Citation) -> Passage:
        """The paragraph around a cited sentence, in readable text."""
        corpus = self._corpus
        for chunk in (c for c in corpus.chunks.values() if c.doc_id == citation.doc_id):
            for sentence in self._store.sentences_of([chunk], embeddings=False):
                if sentence.start == citation.start and sentence.end == citation.end:
                    text = chunk.text
                    para_start = text.rfind("\n", 0, sentence.chunk_start) + 1
                    para_end = text.find("\n", sentence.chunk_end)
                    para_end = len(text) if para_end < 0 else para_end
                    return Passage(text[para_start:sentence.chunk_start], sentence.text,
                                   text[sentence.chunk_end:para_end])
        return Passage("", citation.text, "")

    def conflicts(self) -> list[Disagreement]:
        """Every cross-source disagreement in the collection, grouped by topic, for an editor to review."""
        corpus = self._corpus
        live = {d: a.content_hash for d, a in corpus.articles.items()}
        evidence = [_to_evidence(s, corpus.articles[s.doc_id]) for s in self._store.iter_sentences()
                    if s.doc_id in live and s.chunk_id in corpus.chunks]
        found = []
        for conflict in self.detector.find_in_corpus(evidence):
            found.append(to_disagreement(conflict, CitationNumbers()))
        return found

    def stats(self) -> dict:
        return {"store": self._store.location, **self._store.counts(), "embedding_model": self._store.model_id}

    def _embed_texts(self, texts: list[str]) -> np.ndarray:
        with self._embed_lock:
            return np.asarray(self._embed_model.get_text_embedding_batch(list(texts)), dtype=np.float32)

    def _embed_query(self, text: str) -> np.ndarray:
        with self._embed_lock, single_threaded():
            return np.asarray(self._embed_model.get_query_embedding(text), dtype=np.float32)

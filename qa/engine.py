"""The engine: the public façade over the store, the search and the answer pipeline (retrieve, read each article,
aggregate across articles, write the answer), with the optional language-model answerer on top."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from index.embedding import MAX_CHUNK_TOKENS, MODEL_ID, BundledEmbedding, model_identity, model_token_counter
from index.errors import InputError
from index.ingest import IngestReport, ingest
from index.store import ArticleInfo, ChromaStore, require_local_index
from index.text import first_surrogate, fold_whitespace, keep_main_script, strip_control_sequences
from qa.answer import Answer, Citation, Disagreement
from qa.compose import NOT_COVERED
from qa.conversation import HistoryItem, Turn, condense_question, leans_on_history, validate_history
from qa.evidence import Evidence
from qa.pipeline import AnswerPipeline, Outcome
from qa.reader import Reader, ReaderModel
from qa.retrieval import HybridSearch, LiveIndex, SearchSettings

__all__ = ["Engine", "Passage", "MAX_QUESTION_CHARS", "NOT_COVERED", "validate_question"]

MAX_QUESTION_CHARS = 2000


@dataclass(frozen=True)
class Passage:
    """The readable paragraph around a cited sentence, split so the quote can be highlighted."""

    before: str
    quote: str
    after: str


def validate_question(question) -> str:
    """The question as it is asked: terminal escape sequences and control characters dropped, trimmed; an
    ``InputError`` that says what to do when it is not text, not valid UTF-8, empty or too long."""
    if not isinstance(question, str):
        raise InputError(f"the question must be text (a str), not {type(question).__name__}: ask something, "
                         "e.g. \"Where did Assad go?\"")
    bad = first_surrogate(question)
    if bad is not None:
        raise InputError(f"the question is not valid UTF-8 text (character {bad + 1} is not): check that your "
                         "terminal or program sends UTF-8, and ask again")
    cleaned = strip_control_sequences(question)
    question = fold_whitespace(cleaned) if cleaned != question else question.strip()
    if not question:
        raise InputError("the question is empty: ask something, e.g. \"Where did Assad go?\"")
    if len(question) > MAX_QUESTION_CHARS:
        raise InputError(f"the question is {len(question):,} characters long; keep it under {MAX_QUESTION_CHARS:,}")
    return question


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

    def __init__(self, store: ChromaStore, embed_model, *, reader: Reader | None = None,
                 search: SearchSettings | None = None, llm=None):
        self._store = store
        self._embed_model = embed_model
        self._query_encoder = _query_encoder(embed_model)
        self._embed_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._live = LiveIndex(store)
        self._live.refresh()
        self.search = HybridSearch(store, lambda: self._corpus, search)
        self.reader = reader or Reader(ReaderModel.load(),
                                       word_vector=getattr(self._query_encoder, "word_vector", None),
                                       phrase_vectors=getattr(self._query_encoder, "phrase_vectors", None))
        self.pipeline = AnswerPipeline(self.search.articles, self._embed_query, self.reader)
        self._query_engine = None
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
    def _connect(store: str | Path, chroma_url: str | None, embed_model, *, rebuild: bool = False,
                 create: bool = True, wait: float | None = None) -> ChromaStore:
        model_id, dimension = model_identity(embed_model)
        waiting = {} if wait is None else {"wait": wait}
        return ChromaStore.connect(path=None if chroma_url else store, url=chroma_url, model_id=model_id,
                                   dimension=dimension, rebuild=rebuild, create=create, replica_folder=store,
                                   **waiting)

    @classmethod
    def open(cls, store: str | Path = ".sourcewise", *, chroma_url: str | None = None, embed_model=None,
             wait: float | None = None, **options) -> "Engine":
        """An engine over an index built before; says which command builds it when there is none.

        ``wait`` is how long its ingests wait for another writer of the store (default 300 s)."""
        if not chroma_url:
            require_local_index(store)
        embed_model = embed_model or BundledEmbedding()
        connected = cls._connect(store, chroma_url, embed_model, create=False, wait=wait)
        with _closed_on_error(connected):
            if not connected.exists():
                where = f"--chroma-url {chroma_url}" if chroma_url else f"--store {store}"
                raise InputError(f"no index in {connected.location}: build it with `sourcewise ingest PATH {where}`")
            connected.open(create=False)
            return cls(connected, embed_model, **options)

    @classmethod
    def from_paths(cls, paths: Iterable[str | Path], *, store: str | Path = ".sourcewise",
                   chroma_url: str | None = None, embed_model=None, prune: bool = False,
                   show_progress: bool | None = None, rebuild: bool = False, wait: float | None = None,
                   **options) -> "Engine":
        """Build or update the index of ``paths`` in ``store``, then open it (``rebuild`` starts from empty).

        ``wait`` is how long to wait for another writer of the store (default 300 s) before refusing."""
        embed_model = embed_model or BundledEmbedding()
        connected = cls._connect(store, chroma_url, embed_model, rebuild=rebuild, wait=wait)
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
    def _corpus(self) -> LiveIndex:
        """What is live in the store; a closed engine says so instead."""
        self._store.ensure_open()
        return self._live

    # -- collection ------------------------------------------------------------------------
    def ingest(self, paths: Iterable[str | Path], *, prune: bool = False,
               progress: Callable[[int, int, str], None] | None = None,
               show_progress: bool | None = None) -> IngestReport:
        """Index new and changed articles; the next question sees them."""
        with self._write_lock:
            report = ingest(paths, self._store, self._embed_model, model_token_counter(self._embed_model),
                            prune=prune, progress=progress, show_progress=show_progress,
                            max_chunk_tokens=MAX_CHUNK_TOKENS)
            self._corpus.refresh()
        return report

    def remove(self, doc_id: str) -> bool:
        """Take an article out of the index; False when there was no such article."""
        with self._write_lock:
            removed = self._store.remove(doc_id)
            self._corpus.refresh()
        return removed

    def articles(self) -> list[ArticleInfo]:
        corpus = self._corpus
        corpus.refresh()
        return sorted(corpus.all_articles().values(), key=lambda a: a.doc_id)

    # -- questions -------------------------------------------------------------------------
    def ask(self, question: str, history: Sequence[HistoryItem] = ()) -> Answer:
        """Answer ``question``; ``history`` (earlier turns, oldest first: ``Turn``, ``Answer`` or an earlier
        question as a string) resolves follow-ups such as "Where did he speak?"."""
        question = validate_question(question)
        standalone = self._standalone(question, history)
        outcome = self._run(standalone)
        answer = outcome.answer
        if self.generator is not None:
            answer = self.generator.answer(standalone, _read_sentences(outcome), answer)
        return replace(answer, question=question)

    def ask_stream(self, question: str, history: Sequence[HistoryItem] = ()) -> Iterator[str | Answer]:
        """Like ``ask``, for display as it is written: the language model's raw text pieces (not yet checked),
        then the checked ``Answer`` as the last item. Without a language model, the ``Answer`` alone."""
        question = validate_question(question)
        standalone = self._standalone(question, history)
        outcome = self._run(standalone)
        if self.generator is None:
            yield replace(outcome.answer, question=question)
            return
        for item in self.generator.stream(standalone, _read_sentences(outcome), outcome.answer):
            yield item if isinstance(item, str) else replace(item, question=question)

    def _standalone(self, question: str, history: Sequence[HistoryItem]) -> str:
        """The question made to stand alone from the conversation. When the latest earlier turn is a question
        passed without its answer and the new one leans on it, that question is answered again (one more reading,
        tens of milliseconds), so "he" in "Where did he speak?" after "Who leads HTS?" stands for the person the
        articles name, as it does when the answer is passed."""
        turns = validate_history(history)
        if turns and turns[-1].question and not turns[-1].answer and leans_on_history(question):
            last = turns[-1]
            earlier = self._run(condense_question(last.question, turns[:-1])).answer
            turns = (*turns[:-1], Turn(last.question, earlier.answer))
        return condense_question(question, turns)

    def _run(self, text: str) -> Outcome:
        self._store.ensure_open()
        outcome, _ = self.pipeline.run(keep_main_script(text))
        return outcome

    @property
    def query_engine(self):
        """The llama-index query engine over the same pipeline (llama-index is loaded on first use)."""
        if self._query_engine is None:
            from qa.llama import SourcewiseQueryEngine

            self._query_engine = SourcewiseQueryEngine(pipeline=self.pipeline)
        return self._query_engine

    @property
    def retriever(self):
        """The llama-index retriever over the same search (llama-index is loaded on first use)."""
        from qa.llama import SourcewiseRetriever

        return SourcewiseRetriever(self.search, self._embed_query)

    def query(self, question: str):
        """The llama-index view: a ``Response`` whose ``source_nodes`` are the sentences read, with their scores,
        and whose ``metadata["answer"]`` is the ``Answer``."""
        return self.query_engine.query(keep_main_script(validate_question(question)))

    def rank_documents(self, question: str, k: int = 5) -> list[str]:
        """Article ids in retrieval order (fused dense and lexical), one entry per article."""
        if k <= 0:
            raise ValueError(f"k must be > 0, got {k}")
        text = keep_main_script(validate_question(question))
        return self.search.rank_documents(text, self._embed_query(text), k)

    def context(self, citation: Citation) -> Passage:
        """The paragraph around a cited sentence, in readable text."""
        corpus = self._corpus
        corpus.refresh()
        article = corpus.articles([citation.doc_id]).get(citation.doc_id)
        for chunk in self._store.chunks_of(citation.doc_id, article.content_hash) if article else ():
            for sentence in chunk.sentences:
                if sentence.start == citation.start and sentence.end == citation.end:
                    text = chunk.text
                    para_start = text.rfind("\n", 0, sentence.chunk_start) + 1
                    para_end = text.find("\n", sentence.chunk_end)
                    para_end = len(text) if para_end < 0 else para_end
                    return Passage(text[para_start:sentence.chunk_start], sentence.text,
                                   text[sentence.chunk_end:para_end])
        return Passage("", citation.text, "")

    def conflicts(self) -> list[Disagreement]:
        """Every cross-source disagreement in the collection, for an editor to review (``qa.scan``)."""
        from qa.scan import scan_disagreements

        corpus = self._corpus
        corpus.refresh()
        return scan_disagreements(self._store, corpus, self.reader)

    def stats(self) -> dict:
        return {"store": self._store.location, **self._store.counts(), "embedding_model": self._store.model_id}

    def _embed_texts(self, texts: list[str]) -> np.ndarray:
        with self._embed_lock:
            return np.asarray(self._embed_model.get_text_embedding_batch(list(texts)), dtype=np.float32)

    def _embed_query(self, text: str) -> np.ndarray:
        with self._embed_lock:
            return np.asarray(self._query_encoder.get_query_embedding(text), dtype=np.float32)


def _query_encoder(embed_model):
    """What embeds questions: for the bundled model, its numpy twin (the same vectors, proven by a test, without
    torch, and on one thread); any other model embeds its own questions."""
    own = getattr(embed_model, "query_encoder", None)  # BundledEmbedding: its numpy encoder
    if own is not None:
        return own
    name = getattr(embed_model, "model_name", None)
    try:
        from index.embedding import bundled_model_path

        bundled = name in (MODEL_ID, bundled_model_path())
    except Exception:  # noqa: BLE001 - no bundled model installed: use the model itself
        bundled = False
    if not bundled:
        return embed_model
    from index.encoder import NumpyEncoder

    return NumpyEncoder()


def _read_sentences(outcome: Outcome) -> list[Evidence]:
    """The sentences the reader scored (their relevance is their score): what a language model is shown."""
    return [item for item, _ in outcome.readout.scored]

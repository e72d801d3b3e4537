"""An honest fake of ``qa.Engine`` for tests where the model and the store are beside the point."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from index.readers import ReadFailure, ReadWarning, SourceDoc, read_sources
from index.text import split_paragraphs
from index.vocab import content_terms, format_markers, split_sentences
from qa import Answer, ArticleInfo, Citation, Disagreement, IngestReport, Passage, Turn
from qa.conversation import HistoryItem, condense_question, validate_history
from qa.engine import NOT_COVERED, validate_question


@dataclass
class FakeEngine:
    """Reads articles with the real readers and checks questions and history as the engine does; answers with the
    two sentences that share the most words with the (condensed) question, cited exactly, or with a script.

    ``scripted`` maps a question to its Answer and ``drafts`` to the pieces a language model would stream first;
    every question is recorded in ``asked`` with its history as turns. ``ingest_delay`` (seconds per article)
    slows ingest down enough to watch a progress bar.
    """

    scripted: dict[str, Answer] = field(default_factory=dict)
    drafts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    answerer: str = "extractive"
    ingest_delay: float = 0.0
    asked: list[tuple[str, tuple[Turn, ...]]] = field(default_factory=list)
    _docs: dict[str, SourceDoc] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def from_paths(cls, paths: Iterable[str | Path], **options) -> FakeEngine:
        engine = cls(**options)
        engine.ingest(paths)
        return engine

    # -- questions ---------------------------------------------------------------------------
    def ask(self, question: str, history: Sequence[HistoryItem] = ()) -> Answer:
        question = validate_question(question)
        turns = validate_history(history)
        with self._lock:
            self.asked.append((question, turns))
        if question in self.scripted:
            return self.scripted[question]
        citations = []
        for _, doc, start, end in self._matches(condense_question(question, turns)):
            if all(c.text != doc.text[start:end] for c in citations):
                citations.append(self._citation(len(citations) + 1, doc, start, end))
            if len(citations) == 2:
                break
        if not citations:
            return Answer(question=question, answer=NOT_COVERED, answered=False)
        text = " ".join(f"{c.text} {format_markers([c.n])}" for c in citations)
        return Answer(question=question, answer=text, answered=True, citations=tuple(citations))

    def ask_stream(self, question: str, history: Sequence[HistoryItem] = ()) -> Iterator[str | Answer]:
        answer = self.ask(question, history)
        yield from self.drafts.get(question.strip(), ())
        yield answer

    def rank_documents(self, question: str, k: int = 5) -> list[str]:
        if k <= 0:
            raise ValueError(f"k must be > 0, got {k}")
        ranked = dict.fromkeys(doc.doc_id for _, doc, _, _ in self._matches(validate_question(question)))
        return list(ranked)[:k]

    def context(self, citation: Citation) -> Passage:
        with self._lock:
            doc = self._docs.get(citation.doc_id)
        start = doc.text.find(citation.text) if doc else -1
        if start < 0:
            return Passage("", citation.text, "")
        end = start + len(citation.text)
        para_start = doc.text.rfind("\n", 0, start) + 1
        para_end = doc.text.find("\n", end)
        return Passage(doc.text[para_start:start], citation.text, doc.text[end:None if para_end < 0 else para_end])

    def cite(self, sentence_start: str, n: int) -> Citation:
        """Citation ``n`` of the sentence that begins with ``sentence_start``, for scripting an answer."""
        for doc in self._documents():
            for start, end in _sentences(doc):
                if doc.text.startswith(sentence_start, start):
                    return self._citation(n, doc, start, end)
        raise LookupError(f"no sentence begins with {sentence_start!r}")

    def _matches(self, query: str) -> list[tuple[int, SourceDoc, int, int]]:
        """Sentences that share content words with ``query``, most shared first."""
        wanted = set(content_terms(query))
        found = []
        for doc in self._documents():
            for start, end in _sentences(doc):
                shared = len(wanted & set(content_terms(doc.text[start:end])))
                if shared:
                    found.append((shared, doc, start, end))
        return sorted(found, key=lambda match: -match[0])

    @staticmethod
    def _citation(n: int, doc: SourceDoc, start: int, end: int) -> Citation:
        raw_start, raw_end = doc.raw_span(start, end)
        return Citation(n=n, doc_id=doc.doc_id, quote=doc.raw[raw_start:raw_end], start=raw_start, end=raw_end,
                        score=1.0, text=doc.text[start:end], title=doc.title, source=doc.source,
                        published=doc.published, file=doc.path, url=doc.url)

    # -- collection --------------------------------------------------------------------------
    def ingest(self, paths: Iterable[str | Path], *, prune: bool = False,
               progress: Callable[[int, int, str], None] | None = None,
               show_progress: bool | None = None) -> IngestReport:
        """Read ``paths`` as the engine does; ``show_progress`` is accepted for the engine's signature (no bar)."""
        items = list(read_sources(paths))
        docs = [item for item in items if isinstance(item, SourceDoc)]
        counts: Counter = Counter()
        for done, doc in enumerate(docs, start=1):
            time.sleep(self.ingest_delay)
            with self._lock:
                previous = self._docs.get(doc.doc_id)
                self._docs[doc.doc_id] = doc
            counts["added" if previous is None else
                   "unchanged" if previous.content_hash == doc.content_hash else "updated"] += 1
            if progress:
                progress(done, len(docs), doc.doc_id)
        removed = 0
        if prune:
            for doc in self._documents():
                if not Path(doc.path).exists():
                    removed += self.remove(doc.doc_id)
        failed = tuple((item.path, item.reason) for item in items if isinstance(item, ReadFailure))
        warnings = tuple((item.path, item.reason) for item in items if isinstance(item, ReadWarning))
        return IngestReport(added=counts["added"], updated=counts["updated"], unchanged=counts["unchanged"],
                            removed=removed, failed=failed, warnings=warnings)

    def articles(self) -> list[ArticleInfo]:
        return sorted((ArticleInfo(doc_id=doc.doc_id, content_hash=doc.content_hash, title=doc.title,
                                   source=doc.source, published=doc.published, path=doc.path, url=doc.url,
                                   chunks=len(split_paragraphs(doc.text)), sentences=len(_sentences(doc)))
                       for doc in self._documents()), key=lambda article: article.doc_id)

    def conflicts(self) -> list[Disagreement]:
        """Every disagreement the scripted answers report, each once, in script order."""
        found: list[Disagreement] = []
        for answer in self.scripted.values():
            found += [d for d in answer.disagreements if d not in found]
        return found

    def remove(self, doc_id: str) -> bool:
        with self._lock:
            return self._docs.pop(doc_id, None) is not None

    def _documents(self) -> list[SourceDoc]:
        with self._lock:
            return list(self._docs.values())


def _sentences(doc: SourceDoc) -> list[tuple[int, int]]:
    """Sentence spans of each paragraph, as the chunker sees them."""
    return [span for start, end in split_paragraphs(doc.text) for span in split_sentences(doc.text, start, end)]

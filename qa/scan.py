"""Every disagreement in a collection, with no question asked: each sentence that states a date, a number or a
confirmation status becomes a question ("what does this sentence's slot hold?"), the reader answers it from the
articles that speak of the same thing, and the aggregator keeps the incompatible answers.

The same reading and the same fitted thresholds as for a question, so a disagreement found here is one an answer
would report. Scans in memory over the collection's sentence vectors (an editor's tool, not a per-question path).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from index.store import ChromaStore
from index.vocab import QUESTION_WORDS, STOPWORDS, content_terms, stem, tokenize, word_parts
from qa.aggregate import Verdict, aggregate
from qa.answer import Disagreement
from qa.compose import compose_answer
from qa.evidence import Evidence
from qa.question import Kind, Question
from qa.reader import ArticleText, Reader
from qa.retrieval import to_evidence
from qa.spans import SpanKind, find_spans

__all__ = ["scan_disagreements", "slot_question"]

NEIGHBOURS = 10  # nearest sentences (in other articles) whose articles are read for each slot
_SLOT_KINDS = {SpanKind.DATE: Kind.DATE, SpanKind.DURATION: Kind.DURATION, SpanKind.COUNT: Kind.COUNT,
               SpanKind.MONEY: Kind.MONEY, SpanKind.PERCENT: Kind.PERCENT, SpanKind.STATUS: Kind.YES_NO}


def slot_question(item: Evidence, start: int, end: int, kind: Kind) -> Question:
    """The question a sentence's value answers: its words without the value ("ending his … rule" asks how long)."""
    masked = f"{item.text[:start]}…{item.text[end:]}"
    words = [t for t in tokenize(masked) if t.is_word]
    anchors = frozenset(stem(p) for k, t in enumerate(words) for p in word_parts(t.text)
                        if p[:1].isupper() and k > 0 and p.lower() not in STOPWORDS)
    return Question(text=masked, kind=kind,
                    terms=tuple(dict.fromkeys(t for t in content_terms(masked) if t not in QUESTION_WORDS)),
                    anchors=anchors, words=frozenset(stem(p) for t in words for p in word_parts(t.text)))


def scan_disagreements(store: ChromaStore, corpus, reader: Reader) -> list[Disagreement]:
    """Disagreements between articles, each once, in the order their sentences come in the collection."""
    sentences: dict[str, list[Evidence]] = defaultdict(list)
    records = corpus.all_articles()
    for stored in store.iter_sentences():
        article = records.get(stored.doc_id)
        if article is not None and article.content_hash == stored.content_hash :
            sentences[stored.doc_id].append(to_evidence(stored, article))
    items = [e for doc in sorted(sentences) for e in sorted(sentences[doc], key=lambda e: e.position)]
    if len({e.doc_id for e in items}) < 2:
        return []
    vectors = np.stack([e.embedding for e in items])
    views = {doc: ArticleText(doc, tuple(sorted(found, key=lambda e: e.position)))
             for doc, found in sentences.items()}
    weights = _weights(corpus, items)
    found: list[Disagreement] = []
    seen: set[frozenset] = set()
    for index, item in enumerate(items):
        slots = [s for s in find_spans(item.text) if s.kind in _SLOT_KINDS]
        if not slots:
            continue
        similarity = vectors @ item.embedding
        order = [k for k in np.argsort(-similarity) if items[k].doc_id != item.doc_id][:NEIGHBOURS]
        docs = dict.fromkeys([item.doc_id, *(items[k].doc_id for k in order)])
        articles = [views[d] for d in docs]
        for span in slots:
            question = slot_question(item, span.start, span.end, _SLOT_KINDS[span.kind])
            readout = reader.read(question, item.embedding, articles, weights(question))
            finding = aggregate(readout, reader.model)
            if finding.verdict != Verdict.DISPUTED or item.doc_id not in _doc_ids(finding):
                continue
            answer = compose_answer(question, finding)
            for disagreement in answer.disagreements:
                signature = frozenset((c.doc_id, c.start, c.side) for c in disagreement.claims)
                if signature not in seen:
                    seen.add(signature)
                    found.append(replace(disagreement, topic=_topic(item, span.start, span.end),
                                         summary=disagreement.summary.replace(disagreement.topic,
                                                                              _topic(item, span.start, span.end))))
    return found


def _doc_ids(finding) -> set[str]:
    return {r.doc_id for side in finding.sides for r in side.cited}


def _topic(item: Evidence, start: int, end: int, words: int = 5) -> str:
    """The words around a value, as a reader would name the point: "“… ending his … rule”"."""
    before = item.text[:start].split()[-words:]
    after = item.text[end:].split()[:words]
    return "“" + " ".join([*before, "…", *after]).strip() + "”"


def _weights(corpus, items: Sequence[Evidence]):
    """Term weights of a slot question in the collection, from the lexical index."""
    def weights(question: Question) -> dict[str, float]:
        return corpus.lexical.term_weights(" ".join(question.terms))
    return weights

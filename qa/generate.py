"""The generated answer: a language model writes it from numbered passages, and every sentence it writes is checked
(``qa.support``) against the passage it cites before it is shown.

Whatever goes wrong -- no server, a timeout, an error, an empty or wholly unsupported reply -- the caller gets the
extractive answer back with a one-line ``notice``, never an exception.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

import numpy as np

from index.vocab import MARKER, MARKER_RUN, format_markers, parse_markers, renumber_markers, split_sentences, strip_markers
from qa.answer import Answer
from qa.citations import CitationNumbers
from qa.evidence import Evidence
from qa.llm import chat_messages, describe_llm, failure_notice, first_line
from qa.prompts import build_messages
from qa.support import DraftSentence, PromptPassage, Verdict, check_sentences, evidence_key

__all__ = ["GeneratedAnswerer", "select_passages", "prompt_messages", "split_reply", "compose_generated"]

# --------------------------------------------------------------------------------------------- passages

_CREDIT_LINE = re.compile(r"^(?:(?:editing|edited|reporting|additional reporting|writing|written|photos?)\s+by|by)\s",
                          re.I)


def is_statement(text: str, min_words: int = 6) -> bool:
    """A full sentence or a credit line ("Editing by ..."), not a headline or section title ("The Fall of Damascus")."""
    return (len(text.split()) >= min_words or text.rstrip("”’\"')").endswith((".", "!", "?"))
            or bool(_CREDIT_LINE.match(text)))


def select_passages(evidence: Sequence[Evidence], *, max_passages: int = 8, per_article: int = 3, context: int = 1,
                    first: Sequence[tuple[str, int, int]] = (), min_share_of_best: float = 0.5,
                    max_gap: int = 200) -> list[PromptPassage]:
    """The passages to show the model: the ``first`` sentences (what the extractive answer cites), then the most
    relevant others, at most ``per_article`` from one article while others remain, each with ``context`` sentences
    either side; overlapping or touching windows of an article merge. Numbered by relevance, best first."""
    unique: dict[tuple[str, int, int], Evidence] = {}
    for item in evidence:
        unique.setdefault(evidence_key(item), item)
    if not unique:
        return []
    by_doc: dict[str, list[Evidence]] = defaultdict(list)
    for item in unique.values():
        by_doc[item.doc_id].append(item)
    for items in by_doc.values():
        items.sort(key=lambda e: e.start)
    position = {evidence_key(e): i for items in by_doc.values() for i, e in enumerate(items)}

    ranked = sorted(unique.values(), key=lambda e: -e.relevance)
    floor = ranked[0].relevance * min_share_of_best
    preferred = [unique[k] for k in first if k in unique]
    chosen: dict[tuple[str, int, int], Evidence] = {}
    for item in preferred:
        if len(chosen) < max_passages:
            chosen.setdefault(evidence_key(item), item)
    for capped in (True, False):
        per_doc: dict[str, int] = defaultdict(int)
        for item in chosen.values():
            per_doc[item.doc_id] += 1
        for item in ranked:
            if len(chosen) >= max_passages or item.relevance < floor:
                break
            key = evidence_key(item)
            if key in chosen or not is_statement(item.text) or (capped and per_doc[item.doc_id] >= per_article):
                continue
            chosen[key] = item
            per_doc[item.doc_id] += 1

    windows: dict[str, list[list[int]]] = defaultdict(list)  # doc -> [low, high, best relevance]
    for item in chosen.values():
        items = by_doc[item.doc_id]
        i = position[evidence_key(item)]
        low = high = i
        while low > 0 and i - low < context and _adjacent(items[low - 1], items[low], max_gap):
            low -= 1
        while high < len(items) - 1 and high - i < context and _adjacent(items[high], items[high + 1], max_gap):
            high += 1
        windows[item.doc_id].append([low, high, item.relevance])
    merged: list[tuple[float, tuple[Evidence, ...]]] = []
    for doc_id, spans in windows.items():
        spans.sort()
        current = spans[0]
        for span in spans[1:]:
            if span[0] <= current[1] + 1 and _adjacent(by_doc[doc_id][current[1]], by_doc[doc_id][span[0]], max_gap) \
                    or span[0] <= current[1]:
                current = [current[0], max(current[1], span[1]), max(current[2], span[2])]
            else:
                merged.append((current[2], tuple(by_doc[doc_id][current[0]:current[1] + 1])))
                current = span
        merged.append((current[2], tuple(by_doc[doc_id][current[0]:current[1] + 1])))
    merged.sort(key=lambda pair: -pair[0])
    return [PromptPassage(n=n, sentences=sentences) for n, (_, sentences) in enumerate(merged, start=1)]


def _adjacent(a: Evidence, b: Evidence, max_gap: int) -> bool:
    return 0 <= b.start - a.end <= max_gap


def prompt_messages(question: str, passages: Sequence[PromptPassage]) -> list[tuple[str, str]]:
    return build_messages(question, [(p.n, p.text, p.source, p.published) for p in passages])


# --------------------------------------------------------------------------------------------- reading the reply

_THINK = re.compile(r"<think>.*?(?:</think>|$)", re.S | re.I)
_BULLET = re.compile(r"^\s*(?:[-*•]+|\d+[.)]|#+)\s+")
_LABEL = re.compile(r"^\s*(?:\*\*)?answer(?:\*\*)?\s*:\s*(?:\*\*)?\s*", re.I)


def split_reply(reply: str) -> list[DraftSentence]:
    """The model's reply as sentences with their markers; markers after a full stop belong to the sentence before.

    Reasoning blocks (``<think>``), bullets, headings, bold and an "Answer:" label are dropped; a line is never
    joined to the next; within a line, sentences end where they end in an article (``index.vocab.split_sentences``:
    not after ``Mr.``, ``Dec.``, ``U.S.`` or an initial).
    """
    reply = _THINK.sub(" ", reply).replace("**", "").replace("__", "").replace("`", "")
    sentences: list[DraftSentence] = []
    for line in reply.splitlines():
        if line.lstrip().startswith("#"):
            continue                        # a heading states nothing
        line = _LABEL.sub("", _BULLET.sub("", line)).strip()
        if not line or (line.endswith(":") and not MARKER.search(line)):
            continue                        # nor does an introduction ("Here is what the passages say:")
        for start, end in split_sentences(line, attached=MARKER_RUN):
            _add_sentence(sentences, line[start:end])
    return sentences


def _add_sentence(sentences: list[DraftSentence], raw: str) -> None:
    raw = raw.strip()
    if not raw:
        return
    markers, text = parse_markers(raw), strip_markers(raw)
    if not re.search(r"\w", text):          # a line of markers alone cites the sentence before it
        if sentences and markers:
            last = sentences[-1]
            sentences[-1] = DraftSentence(last.text, last.markers + tuple(n for n in markers if n not in last.markers))
        return
    sentences.append(DraftSentence(text, markers))


# --------------------------------------------------------------------------------------------- the checked answer

def _sentence_end(text: str) -> str:
    return text if text.rstrip("”’\"')").endswith((".", "!", "?")) else f"{text}."


def compose_generated(question: str, verdicts: Sequence[Verdict], fallback: Answer) -> Answer | None:
    """The checked answer: kept sentences with renumbered markers, then the disagreements the extractive answer
    found, renumbered into the same list; None when nothing was kept."""
    citations = CitationNumbers()
    parts: list[str] = []
    supported = False
    for verdict in verdicts:
        if verdict.kind == "unsupported":
            continue
        text = _sentence_end(verdict.sentence.text)
        if verdict.kind == "supported":
            supported = True
            numbers = dict.fromkeys(citations.number(anchor) for _, anchor in verdict.anchors)
            text = f"{text} {format_markers(numbers)}"
        if text not in parts:
            parts.append(text)
    if not parts:
        return None
    answer_text = " ".join(parts)
    old = {c.n: c for c in fallback.citations}
    disagreements = []
    for disagreement in fallback.disagreements:
        mapping = {}
        for k in [*parse_markers(disagreement.summary), *(c.n for c in disagreement.claims)]:
            if k in old and k not in mapping:
                mapping[k] = citations.renumber(old[k])
        summary = renumber_markers(disagreement.summary, lambda n: mapping.get(n, n))
        claims = tuple(replace(c, n=mapping.get(c.n, c.n)) for c in disagreement.claims)
        disagreements.append(replace(disagreement, summary=summary, claims=claims))
        answer_text = f"{answer_text}\n\n{summary}"
    unsupported = tuple(dict.fromkeys(v.sentence.text for v in verdicts if v.kind == "unsupported"))
    return Answer(question=question, answer=answer_text, answered=supported and fallback.answered,
                  citations=tuple(citations.citations), disagreements=tuple(disagreements), answerer="llm",
                  unsupported=unsupported)


# --------------------------------------------------------------------------------------------- the answerer

class GeneratedAnswerer:
    """Answers with a language model over the passages retrieval found, keeping only the sentences the passages
    support; falls back to the extractive answer (with a notice) whenever the model cannot give one."""

    name = "llm"

    def __init__(self, llm, embed_text: Callable[[list[str]], np.ndarray], *, support_threshold: float = 0.4,
                 max_passages: int = 8, per_article: int = 3, context_sentences: int = 1,
                 max_missing_share: float = 0.25, timeout: float | None = None, label: str | None = None):
        if not 0 <= support_threshold <= 1:
            raise ValueError(f"support_threshold must be within [0, 1], got {support_threshold}")
        if max_passages <= 0:
            raise ValueError(f"max_passages must be > 0, got {max_passages}")
        if per_article <= 0:
            raise ValueError(f"per_article must be > 0, got {per_article}")
        if context_sentences < 0:
            raise ValueError(f"context_sentences must be >= 0, got {context_sentences}")
        if not 0 <= max_missing_share < 1:
            raise ValueError(f"max_missing_share must be within [0, 1), got {max_missing_share}")
        timeout = timeout if timeout is not None else getattr(llm, "timeout", None) or 60.0
        if timeout <= 0:
            raise ValueError(f"timeout must be > 0, got {timeout}")
        self.llm, self.embed_text = llm, embed_text
        self.support_threshold, self.max_passages, self.per_article = support_threshold, max_passages, per_article
        self.context_sentences, self.max_missing_share, self.timeout = context_sentences, max_missing_share, timeout
        self.label = label or describe_llm(llm)

    def passages(self, evidence: Sequence[Evidence], fallback: Answer) -> list[PromptPassage]:
        first = [(c.doc_id, c.start, c.end) for c in fallback.citations]
        return select_passages(evidence, max_passages=self.max_passages, per_article=self.per_article,
                               context=self.context_sentences, first=first)

    def answer(self, question: str, evidence: Sequence[Evidence], fallback: Answer) -> Answer:
        """The checked answer, or ``fallback`` with a notice saying why the model's answer is not shown."""
        if not fallback.citations:  # nothing near the question: the extractive "not covered" stands
            return fallback
        try:
            passages = self.passages(evidence, fallback)
            if not passages:
                return fallback
            response = self.llm.chat(chat_messages(prompt_messages(question, passages)))
            reply = response.message.content or ""
        except Exception as exc:  # any failure of the model falls back; see failure_notice
            return replace(fallback, notice=failure_notice(exc, self.label, self.timeout))
        return self.finish(question, reply, passages, fallback)

    def stream(self, question: str, evidence: Sequence[Evidence], fallback: Answer) -> Iterator[str | Answer]:
        """The model's text as it arrives (raw and unchecked, for display), then the checked ``Answer`` last; on a
        failure the fallback with a notice is the last item."""
        if not fallback.citations:
            yield fallback
            return
        try:
            passages = self.passages(evidence, fallback)
            if not passages:
                yield fallback
                return
            chunks = self.llm.stream_chat(chat_messages(prompt_messages(question, passages)))
        except Exception as exc:
            yield replace(fallback, notice=failure_notice(exc, self.label, self.timeout))
            return
        pieces: list[str] = []
        deadline = time.monotonic() + self.timeout
        try:
            for chunk in chunks:
                if chunk.delta:
                    pieces.append(chunk.delta)
                    yield chunk.delta
                if time.monotonic() > deadline:
                    raise TimeoutError(f"no complete answer within {self.timeout:g} s")
        except Exception as exc:
            yield replace(fallback, notice=failure_notice(exc, self.label, self.timeout))
            return
        finally:
            close = getattr(chunks, "close", None)
            if callable(close):
                close()
        yield self.finish(question, "".join(pieces), passages, fallback)

    def finish(self, question: str, reply: str, passages: Sequence[PromptPassage], fallback: Answer) -> Answer:
        """Check ``reply`` and build the answer; the fallback with a notice when nothing in it can be shown."""
        sentences = split_reply(reply)
        if not sentences:
            return replace(fallback, notice=f"The language model at {self.label} gave an empty answer; "
                                            "showing the extractive answer.")
        try:
            verdicts = check_sentences(sentences, self._embed([s.text for s in sentences]), passages,
                                       self._passage_vectors(passages), question, threshold=self.support_threshold,
                                       max_missing_share=self.max_missing_share)
        except Exception as exc:  # the embedding model failed: nothing can be checked, so nothing is shown
            return replace(fallback, notice=f"The answer of the language model at {self.label} could not be checked "
                                            f"({type(exc).__name__}: {first_line(exc)}); "
                                            "showing the extractive answer.")
        answer = compose_generated(question, verdicts, fallback)
        if answer is None:
            rejected = tuple(dict.fromkeys(v.sentence.text for v in verdicts))
            return replace(fallback, unsupported=rejected,
                           notice="No sentence of the language model's answer was supported by the passages it "
                                  "cites; showing the extractive answer.")
        return answer

    def _embed(self, texts: list[str]) -> list[np.ndarray]:
        return list(np.asarray(self.embed_text(texts), dtype=np.float32)) if texts else []

    def _passage_vectors(self, passages: Sequence[PromptPassage]) -> dict[tuple[str, int, int], np.ndarray]:
        vectors = {evidence_key(s): np.asarray(s.embedding, dtype=np.float32)
                   for p in passages for s in p.sentences if s.embedding is not None}
        missing = list(dict.fromkeys(s for p in passages for s in p.sentences if evidence_key(s) not in vectors))
        for item, vector in zip(missing, self._embed([s.text for s in missing])):
            vectors[evidence_key(item)] = vector
        return vectors

"""Where two articles say the same sentence but for one value, that value is what they disagree on.

Outlets copy one another: a wire story is reprinted with one figure changed, a page is rewritten with another name
in the one place that matters. Two sentences whose words are the same but for one run, where that run is a value
of the kind asked in each and the words they share speak of what is asked, state incompatible answers to the
question, whatever the span model makes of either sentence alone. Nothing here is fitted: the sentences must agree
word for word (case and punctuation aside) outside the one run.

Pure: from two sentences (or two articles' sentences read) to the spans in which they differ.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from index.vocab import stem, tokenize, word_parts
from qa.evidence import Evidence
from qa.question import Question
from qa.spans import Span

__all__ = ["Contrast", "CandidateSpans", "contrasting_spans", "find_contrasts"]

CandidateSpans = Callable[[str], Sequence[Span]]
"""A sentence's candidate answers of the kind asked."""


@dataclass(frozen=True)
class Contrast:
    """Two articles' sentences that are the same but for ``spans``, one value each."""

    items: tuple[Evidence, Evidence]
    spans: tuple[Span, Span]


def contrasting_spans(question: Question, first: str, second: str,
                      candidates: CandidateSpans) -> tuple[Span, Span] | None:
    """The candidate answers in which two sentences differ, when they differ in one run of words only, each run
    lies within a candidate of the kind asked (the smallest that holds it), and the words they share include one
    the question searches for."""
    runs = _one_run(first, second)
    if runs is None:
        return None
    differ_a, differ_b, shared = runs
    if {stem(part) for word in shared for part in word_parts(word)}.isdisjoint(question.terms):
        return None
    span_a = _covering(candidates(first), differ_a[0][1], differ_a[-1][2])
    span_b = _covering(candidates(second), differ_b[0][1], differ_b[-1][2])
    return (span_a, span_b) if span_a is not None and span_b is not None else None


def find_contrasts(question: Question, articles: Sequence[Sequence[Evidence]],
                   candidates: CandidateSpans) -> list[Contrast]:
    """Every pair of sentences of different articles (each article's sentences as given) that differ in one value
    of the kind asked (see ``contrasting_spans``)."""
    found = []
    for i, mine in enumerate(articles):
        for theirs in articles[i + 1:]:
            for x in mine:
                for y in theirs:
                    spans = contrasting_spans(question, x.text, y.text, candidates)
                    if spans is not None:
                        found.append(Contrast((x, y), spans))
    return found


def _one_run(first: str, second: str) -> tuple[tuple, tuple, list[str]] | None:
    """The one run of words in which two sentences differ (each side's words with their character spans) and the
    words they share; None when they are the same or one only adds words."""
    a, b = _words(first), _words(second)
    prefix = 0
    while prefix < min(len(a), len(b)) and a[prefix][0] == b[prefix][0]:
        prefix += 1
    suffix = 0
    while suffix < min(len(a), len(b)) - prefix and a[-1 - suffix][0] == b[-1 - suffix][0]:
        suffix += 1
    differ_a, differ_b = a[prefix:len(a) - suffix], b[prefix:len(b) - suffix]
    if not differ_a or not differ_b:
        return None
    return differ_a, differ_b, [w for w, _, _ in a[:prefix] + a[len(a) - suffix:]]


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[tuple[str, int, int], ...]:
    """The sentence's words, compared without case and with one apostrophe, with their character spans."""
    return tuple((t.text.lower().replace("’", "'"), t.start, t.end) for t in tokenize(text) if t.is_word)


def _covering(spans: Sequence[Span], start: int, end: int) -> Span | None:
    """The smallest span that holds the characters ``start:end``."""
    holding = [s for s in spans if s.start <= start and s.end >= end]
    return min(holding, key=lambda s: s.end - s.start) if holding else None

"""The extractive answerer: scores source sentences against the question and stitches the best into a cited answer.

Pure logic over ``Evidence`` values and vectors; it never writes a word that is not in a cited sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from index.vocab import (AGENT_NOUNS, AMOUNT_NOUNS, COUNT_NOUNS, DATE_NOUNS, DURATION_NOUNS, HOW_WORDS, MONTH_NAMES,
                         NAME_PARTICLES, NUMBER_WORDS, PERSON_WORDS, PLACE_NOUNS, SCALES, WEEKDAY_NAMES, alternation,
                         content_terms, cosine_similarity, stem, tokenize)
from qa.citations import CitationNumbers
from qa.evidence import Evidence

_MONTHS = alternation(name.lower() for name in MONTH_NAMES)
_WEEKDAYS = alternation(name.lower() for name in WEEKDAY_NAMES)
_NUMBER_WORDS = alternation([*NUMBER_WORDS, *SCALES, *(f"{scale}s" for scale in SCALES), "dozen", "dozens", "half",
                             "several", "many"])
_UNITS = "years?|months?|weeks?|days?|hours?|minutes?|decades?|centur(?:y|ies)"
_DATE_PHRASE = re.compile(rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+(?:{_MONTHS})|(?:19|20)\d\d)\b", re.I)
ANSWER_TYPE_PATTERNS = {
    "date": re.compile(rf"\b(?:{_MONTHS}|{_WEEKDAYS}|(?:19|20)\d\d|yesterday|today|tonight)\b", re.I),
    "duration": re.compile(rf"(?:\d+|\b(?:{_NUMBER_WORDS}))[\s-]*(?:{_UNITS})\b|\b(?:decades?|centur(?:y|ies))\b", re.I),
    "count": re.compile(rf"\d|\b{_NUMBER_WORDS}\b", re.I),
    "amount": re.compile(r"[$€£¥₽]|\b(?:dollars?|euros?|pounds?|roubles?|rubles?|yuan|percent|per cent|million|billion)\b|%", re.I),
    "place": re.compile(r"\b(?:in|to|at|from|into|towards?|near|inside|across)\s+(?:the\s+)?[A-Z][\w’'-]+"),
    "name": re.compile(rf"(?<!^)(?<![.!?]\s)\b[A-Z][\w’'-]+(?:\s+{alternation(NAME_PARTICLES)}?-?\s?[A-Z][\w’'-]+)*"),
}


def _how(kind: str) -> str:
    return alternation(word for word, asked in HOW_WORDS.items() if asked == kind)


_QUESTION_TYPES = tuple((re.compile(pattern, re.I), kind) for pattern, kind in (
    (rf"\b(?:when|(?:what|which) {alternation(DATE_NOUNS)}|since when)\b", "date"),
    (rf"\bhow {_how('duration')}\b|\bfor how many {alternation(DURATION_NOUNS)}\b", "duration"),
    (rf"\bhow {_how('count')}\b|\bwhat {alternation(COUNT_NOUNS)}\b", "count"),
    (rf"\bhow {_how('amount')}\b|\bwhat {alternation(AMOUNT_NOUNS)}\b", "amount"),
    (rf"\b(?:where|(?:which|what) {alternation(PLACE_NOUNS)})\b", "place"),
    (rf"\b(?:{alternation(PERSON_WORDS)}|which {alternation(AGENT_NOUNS)})\b", "name"),
))


def question_names(question: str) -> list[str]:
    """Capitalised words inside the question's sentences (not the first word): the names it asks about."""
    names = []
    for sentence in re.split(r"(?<=[?.!])\s+", question.strip()):
        words = [t.text for t in tokenize(sentence) if t.is_word]
        names.extend(w for w in words[1:] if w[:1].isupper() and not w.isupper() or len(w) > 1 and w.isupper())
    return [re.split(r"[’']", n)[0] for n in names]


def states_answer_type(kind: str, text: str) -> bool:
    """Whether ``text`` holds a value of the kind asked for (a count ignores the numbers inside dates)."""
    if kind == "count":
        text = _DATE_PHRASE.sub(" ", text)
    return bool(ANSWER_TYPE_PATTERNS[kind].search(text))


def expected_answer_type(question: str) -> str | None:
    """What kind of value the last question in ``question`` asks for: date, number, place, name, or None."""
    last = re.split(r"(?<=[?.!])\s+", question.strip())[-1]
    for pattern, kind in _QUESTION_TYPES:
        if pattern.search(last):
            return kind
    return None


@dataclass(frozen=True)
class ComposerSettings:
    """Thresholds of the extractive answerer, on the 0..1 relevance scale of ``score_relevance``."""

    answer_threshold: float = 0.33
    near_threshold: float = 0.22
    margin: float = 0.15
    max_sentences: int = 3
    duplicate_similarity: float = 0.86
    dense_weight: float = 0.6
    type_penalty: float = 0.08
    unknown_term_penalty: float = 0.5
    unknown_name_penalty: float = 0.5
    min_claim_words: int = 6

    def __post_init__(self):
        if not 0 <= self.near_threshold <= self.answer_threshold <= 1:
            raise ValueError("need 0 <= near_threshold <= answer_threshold <= 1, "
                             f"got {self.near_threshold} and {self.answer_threshold}")
        if self.max_sentences < 1:
            raise ValueError(f"max_sentences must be >= 1, got {self.max_sentences}")
        if not 0 <= self.dense_weight <= 1:
            raise ValueError(f"dense_weight must be within [0, 1], got {self.dense_weight}")


def score_relevance(question: str, query_vector: np.ndarray | None, evidence: Sequence[Evidence],
                    term_weights: dict[str, float], settings: ComposerSettings,
                    unknown_terms: frozenset[str] = frozenset()) -> list[float]:
    """Relevance of each sentence: cosine to the question blended with idf-weighted term coverage.

    A sentence that lacks the kind of value the question asks for (a date for "when", a duration
    for "how long") loses ``type_penalty``. Question words that occur nowhere in the collection
    ("weather", "airport") scale every score down by their share of the question's weight, and a
    name the collection never mentions ("Putin") scales them down by ``unknown_name_penalty``.
    """
    total_weight = sum(term_weights.values()) or 1.0
    unknown_share = sum(w for t, w in term_weights.items() if t in unknown_terms) / total_weight
    unknown_name = any(stem(name.lower()) in unknown_terms for name in question_names(question))
    wanted = expected_answer_type(question)
    scores = []
    for item in evidence:
        terms = set(content_terms(item.text))
        lexical = sum(w for t, w in term_weights.items() if t in terms) / total_weight
        dense = cosine_similarity(query_vector, item.embedding)
        dense = lexical if dense is None else dense
        score = settings.dense_weight * max(dense, 0.0) + (1 - settings.dense_weight) * lexical
        if wanted and not states_answer_type(wanted, item.text):
            score -= settings.type_penalty
        score *= 1.0 - settings.unknown_term_penalty * unknown_share
        if unknown_name:
            score *= 1.0 - settings.unknown_name_penalty
        scores.append(max(score, 0.0))
    return scores


@dataclass(frozen=True)
class Draft:
    """An answer before numbering: claims in order, each with the sentences (one per article) that state it."""

    answered: bool
    claims: tuple[tuple[Evidence, ...], ...]
    preface: str = ""


def select_claims(evidence: Sequence[Evidence], settings: ComposerSettings) -> Draft:
    """Pick the sentences that answer, merging ones that say the same thing in different articles."""
    ranked = sorted((e for e in evidence if is_statement(e.text, settings.min_claim_words)),
                    key=lambda e: -e.relevance)
    if not ranked or ranked[0].relevance < settings.near_threshold:
        return Draft(answered=False, claims=())
    best = ranked[0].relevance
    if best < settings.answer_threshold:
        return Draft(answered=False, claims=((ranked[0],),),
                     preface="The articles do not clearly answer this. The closest they come:")
    cutoff = max(settings.near_threshold, best - settings.margin)
    claims: list[list[Evidence]] = []
    for item in ranked:
        if item.relevance < cutoff:
            break
        same = next((c for c in claims if _same_statement(c[0], item, settings)), None)
        if same is not None:
            if all(e.doc_id != item.doc_id for e in same):
                same.append(item)
        elif len(claims) < settings.max_sentences and not any(_overlaps(c, item) for c in claims):
            claims.append([item])
    return Draft(answered=True, claims=tuple(tuple(c) for c in claims))


_CREDIT_LINE = re.compile(r"^(?:(?:editing|edited|reporting|additional reporting|writing|written|photos?)\s+by|by)\s",
                          re.I)


def is_statement(text: str, min_words: int = 6) -> bool:
    """A full sentence or a credit line ("Editing by ..."), not a headline or section title ("The Fall of Damascus")."""
    return (len(text.split()) >= min_words or text.rstrip("”’\"')").endswith((".", "!", "?"))
            or bool(_CREDIT_LINE.match(text)))


def _same_statement(a: Evidence, b: Evidence, settings: ComposerSettings) -> bool:
    similarity = cosine_similarity(a.embedding, b.embedding)
    if similarity is not None and similarity >= settings.duplicate_similarity:
        return True
    ta, tb = set(content_terms(a.text)), set(content_terms(b.text))
    return bool(ta and tb) and len(ta & tb) / len(ta | tb) >= 0.7


def _overlaps(claim: list[Evidence], item: Evidence) -> bool:
    """The same sentence of the same article (kept once even if it came through two chunks)."""
    return any(e.doc_id == item.doc_id and e.start == item.start for e in claim)


def render_draft(draft: Draft, numbers: CitationNumbers) -> str:
    """The answer text: each claim's sentence followed by the markers of every article that states it."""
    parts = [draft.preface] if draft.preface else []
    for claim in draft.claims:
        parts.append(f"{claim[0].text} {numbers.markers(claim)}")
    return " ".join(parts)


def with_relevance(evidence: Sequence[Evidence], scores: Sequence[float]) -> list[Evidence]:
    return [replace(item, relevance=round(float(score), 4)) for item, score in zip(evidence, scores)]

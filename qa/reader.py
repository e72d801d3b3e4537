"""Reading each article for the answer: which of its sentences state it, and which of their words are the answer.

Two linear models do the reading, both fitted on development data by ``bench/fit_reader.py`` (their weights,
thresholds and what they were fitted on are in ``qa/reader_model.json``):

- the *sentence model* scores every sentence the reader sees from how close it is to the question (embedding
  cosine, the share of the question's weighted terms it and its neighbours hold, the names and numbers of the
  question it lacks) and from whether it holds a value of the kind asked;
- the *span model* picks, within a sentence, the candidate span (``qa.spans``) that answers: the kind asked, not
  a repeat of the question, near the question's words, after "is a"/"by", like the noun the question asks for (a
  name's likeness to "place" or "company" is the cosine of the encoder's vectors of the two, read on their own).

An article's reading is its best (sentence, span) pair. Pure: no I/O beyond loading the model file.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from index.vocab import (CATEGORY_NOUNS, DESTINATION_WORDS, FORMER_WORDS, HEADCOUNT_NOUNS, LEAVING_WORDS,
                         LIFE_EVENT_WORDS, MONTH_NAMES, MOVING_WORDS, NAME_FIRST_WORD, NAME_NEXT_WORD, NAME_PARTICLES,
                         ORGANISATION_NOUNS, PERSON_NOUNS, PERSON_TITLES, PLACE_NOUNS, POINT_EVENT_WORDS,
                         REPORTING_VERBS, ROLE_NOUNS, STOPWORDS, WEEKDAY_NAMES, content_terms, stem, synonym_stems,
                         token_texts, tokenize, used_most_as_verb, word_parts)
from qa.contrast import find_contrasts
from qa.evidence import Evidence
from qa.question import Kind, Question, singular
from qa.spans import (NUMERIC_KINDS, Post, Span, SpanKind, derives, find_spans, is_demonym, is_name_word, name_list,
                      nationalities, nationalities_in, place_word, posts, same_place)
from qa.values import (DateValue, Name, Phrase, Quantity, Status, Value, YearRange, entity_key, find_dates,
                       find_quantities, find_statuses, find_year_ranges, resolve_date, values_compatible)

__all__ = ["EXPECTED", "ALSO", "SENTENCE_FEATURES", "SPAN_FEATURES", "LinearModel", "Thresholds", "ReaderModel",
           "ArticleText", "ShortAnswerSpan", "Reading", "ReadOut", "Reader", "MODEL_PATH", "read_value",
           "sentence_features", "span_features", "Casing", "casing", "is_title_case", "PAIR_FEATURES",
           "pair_features", "slot_terms", "holds_kind_asked", "answer_spans", "Alignment", "contrast",
           "ANSWERABLE_FEATURES", "answerable_features", "scored_terms", "sentence_terms", "typing_phrases",
           "typing_vectors", "type_fit", "post_places", "of_another_place", "holders_of_other_places", "post_holders",
           "Names", "TYPE_NOUNS", "GENERIC_TYPES", "TYPED_SPANS", "contrasted", "sentence_states"]

MODEL_PATH = Path(__file__).with_name("reader_model.json")

EXPECTED: dict[Kind, frozenset[SpanKind]] = {
    Kind.DATE: frozenset({SpanKind.DATE, SpanKind.YEAR}),
    Kind.DURATION: frozenset({SpanKind.DURATION}),
    Kind.COUNT: frozenset({SpanKind.COUNT}),
    Kind.MONEY: frozenset({SpanKind.MONEY}),
    Kind.PERCENT: frozenset({SpanKind.PERCENT}),
    Kind.PERSON: frozenset({SpanKind.NAME}),
    Kind.PLACE: frozenset({SpanKind.NAME, SpanKind.NAME_PAIR}),
    Kind.ORGANISATION: frozenset({SpanKind.NAME}),
    Kind.WORK: frozenset({SpanKind.TITLE, SpanKind.NAME}),
    Kind.ENTITY: frozenset({SpanKind.NAME, SpanKind.TITLE, SpanKind.PHRASE}),
    Kind.YES_NO: frozenset({SpanKind.STATUS}),
    Kind.EXPLANATION: frozenset(),
}
"""The span kinds that answer each kind of question (linguistic knowledge; how much each counts is fitted)."""

ALSO: dict[Kind, frozenset[SpanKind]] = {
    Kind.DATE: frozenset(),
    Kind.DURATION: frozenset({SpanKind.COUNT}),
    Kind.COUNT: frozenset({SpanKind.DURATION, SpanKind.MONEY, SpanKind.PERCENT}),
    Kind.MONEY: frozenset({SpanKind.COUNT}),
    Kind.PERCENT: frozenset({SpanKind.COUNT}),
    Kind.PERSON: frozenset({SpanKind.NAME_PAIR, SpanKind.TITLE, SpanKind.PHRASE}),
    Kind.PLACE: frozenset({SpanKind.PHRASE}),
    Kind.ORGANISATION: frozenset({SpanKind.NAME_PAIR, SpanKind.TITLE, SpanKind.PHRASE}),
    Kind.WORK: frozenset({SpanKind.PHRASE}),
    Kind.ENTITY: frozenset({SpanKind.YEAR, SpanKind.COUNT, SpanKind.NAME_PAIR, SpanKind.ADJECTIVE}),
    Kind.YES_NO: frozenset(),
    Kind.EXPLANATION: frozenset({SpanKind.PHRASE}),
}
"""Span kinds that sometimes answer (a person question answered by "his family")."""

SENTENCE_FEATURES = ("cos", "cos_gap", "cos_gap_article", "terms", "terms_gap", "terms_context", "anchors_missing",
                     "expected_kind", "lead", "title_case", "length", "short")
SPAN_FEATURES = ("expected", "also", "in_question", "all_in_question", "near_terms", "words", "capitalised",
                 "after_copula", "after_by", "near_head", "head_similarity", "sentence_start",
                 "capitalised_elsewhere", "title_case", "term_after", "term_before", "subject", "contrast",
                 "place_preposition", "possessive", "type_fit",
                 *(f"kind_{kind.value}" for kind in SpanKind))

ANSWERABLE_FEATURES = ("best_score", "best_anchors_missing", "relation_unseen", "head_unseen", "best_span",
                       "kind_in_best")
PAIR_FEATURES = ("weaker_score", "weaker_span", "slot_overlap", "same_kind", "numeric", "exclusive")

TYPE_NOUNS: dict[Kind, str] = {Kind.PLACE: "place", Kind.ORGANISATION: "organisation", Kind.WORK: "title"}
"""The noun a question of each kind asks for when it names none ("Where ...?" asks for a place). A bare "Who ...?"
has none: who wins, signs or acquires is as often a team, a country or a company as a person."""
GENERIC_TYPES = ("person", "place", "organisation", "thing")
"""What a name can be: a name's likeness to the noun asked is measured against its mean likeness to these."""
TYPED_SPANS = frozenset({SpanKind.NAME, SpanKind.NAME_PAIR, SpanKind.TITLE})
_TYPED_KINDS = frozenset({Kind.PERSON, Kind.PLACE, Kind.ORGANISATION, Kind.WORK, Kind.ENTITY})

_COPULA = re.compile(r"\b(?:is|was|are|were|as|became|becomes)\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){0,4}$", re.I)
_POSSESSIVE = re.compile(r"[’']s?\b")  # a possessive ("Syria’s deposed president"), weighed by the fit
_POSSESSIVE_END = re.compile(r"[’']s?$")  # a word's possessive ending: "Assad’s" is "Assad" capitalised
_LOCATIVE = re.compile(r"\b(?:in|to|at|from|into|towards?|near|inside|outside|for)\s+(?:the\s+)?$", re.I)
_BY = re.compile(r"\bby\s+(?:[\w’'.-]+\s+){0,3}$", re.I)
_NEAR_CHARS = 30


@dataclass(frozen=True)
class LinearModel:
    """``score(x) = ((x - mean) / scale) . weights + bias`` over named features. (In the span model, where a
    constant cancels out of a softmax, ``bias`` is instead the score of "no span of this sentence answers".)"""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float = 0.0

    def __post_init__(self):
        n = len(self.features)
        for name in ("mean", "scale", "weights"):
            if len(getattr(self, name)) != n:
                raise ValueError(f"{name} has {len(getattr(self, name))} entries for {n} features")

    def score(self, x: np.ndarray) -> np.ndarray:
        return ((np.asarray(x, dtype=np.float64) - self.mean) / self.scale) @ self.weights + self.bias

    @classmethod
    def from_dict(cls, data: dict, expected: Sequence[str]) -> "LinearModel":
        if tuple(data["features"]) != tuple(expected):
            raise ValueError(f"the model's features {data['features']} are not the reader's {list(expected)}: "
                             "refit it with `python -m bench.fit_reader`")
        return cls(tuple(data["features"]), np.asarray(data["mean"], float), np.asarray(data["scale"], float),
                   np.asarray(data["weights"], float), float(data.get("bias", 0.0)))

    def to_dict(self) -> dict:
        return {"features": list(self.features), "mean": [round(float(v), 6) for v in self.mean],
                "scale": [round(float(v), 6) for v in self.scale],
                "weights": [round(float(v), 6) for v in self.weights], "bias": round(self.bias, 6)}


@dataclass(frozen=True)
class Thresholds:
    """Decision points on the models' scales, each fitted on development data (see ``qa/reader_model.json``)."""

    answer: float        # the answerable model's probability at or above which the articles answer
    side: float          # an article's sentence must score this much for its value to stand as a side
    span: float          # a span needs this probability within its sentence to be given as the short answer
    clash: float         # two sides whose pair model gives this probability or more are a disagreement
    same_subject: float  # two articles whose question-name contexts overlap this much are about the same thing

    def to_dict(self) -> dict:
        return {k: round(float(v), 6) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class ReaderModel:
    """The fitted models: sentence (does it state the answer), span (which words answer), pair (do two articles'
    incompatible values clash on the same point, or are they about different points), answerable (do the
    articles read answer the question at all)."""

    sentence: LinearModel
    span: LinearModel
    pair: LinearModel
    answerable: LinearModel
    thresholds: Thresholds
    provenance: dict = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path = MODEL_PATH) -> "ReaderModel":
        return _load_model(str(path))

    @classmethod
    def from_dict(cls, data: dict) -> "ReaderModel":
        return cls(LinearModel.from_dict(data["sentence"], SENTENCE_FEATURES),
                   LinearModel.from_dict(data["span"], SPAN_FEATURES),
                   LinearModel.from_dict(data["pair"], PAIR_FEATURES),
                   LinearModel.from_dict(data["answerable"], ANSWERABLE_FEATURES),
                   Thresholds(**data["thresholds"]), data.get("provenance", {}))

    def to_dict(self) -> dict:
        return {"provenance": self.provenance, "thresholds": self.thresholds.to_dict(),
                "sentence": self.sentence.to_dict(), "span": self.span.to_dict(), "pair": self.pair.to_dict(),
                "answerable": self.answerable.to_dict()}


@lru_cache(maxsize=4)
def _load_model(path: str) -> ReaderModel:
    return ReaderModel.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


@dataclass(frozen=True)
class ArticleText:
    """What the reader sees of one article: some of its sentences, in article order (position 0 is the lead)."""

    doc_id: str
    sentences: tuple[Evidence, ...]


@dataclass(frozen=True)
class ShortAnswerSpan:
    """The words of a sentence that answer: ``text == file_text[start:end]`` in the article's file."""

    text: str
    start: int
    end: int
    value: Value
    probability: float
    span: Span  # within the sentence's readable text


@dataclass(frozen=True)
class Reading:
    """One article's answer to the question: its best sentence and, for a value question, the value it states."""

    doc_id: str
    sentence: Evidence
    score: float
    short: ShortAnswerSpan | None = None
    read: tuple[Evidence, ...] = field(default=(), repr=False, compare=False)  # the article's sentences read
    contrasts: frozenset[str] = frozenset()  # articles that say ``sentence`` but for this value (``qa.contrast``)
    # The other candidate spans of ``sentence``, each with its probability: what else the article may state.
    alternatives: tuple[ShortAnswerSpan, ...] = field(default=(), repr=False, compare=False)

    @cached_property
    def words(self) -> frozenset[str]:
        """Stems of every word of the article's sentences read: made only when two articles' values are
        compared, not for every reading."""
        return frozenset(stem(p) for item in self.read for p in word_parts(item.text))

    @cached_property
    def stated(self) -> tuple[Value, ...]:
        """Every date (resolved against the article's publication date) and figure of the article's sentences
        read: made, like ``words``, only when two articles' values are compared."""
        return _values_stated(self.read)


@dataclass(frozen=True)
class ReadOut:
    """Everything the reader found: every sentence it scored (best first), each article's reading, and how likely
    the articles read answer the question at all."""

    question: Question
    scored: tuple[tuple[Evidence, float], ...]
    readings: tuple[Reading, ...]
    answerable: float = 0.0
    answerable_row: tuple[float, ...] = ()  # the ANSWERABLE_FEATURES it was computed from

    @property
    def best_score(self) -> float:
        return self.scored[0][1] if self.scored else -math.inf

    @cached_property
    def terms_read(self) -> frozenset[str]:
        """The search terms of every sentence scored."""
        return scored_terms(self.question, self.scored)


def scored_terms(question: Question, scored: Sequence[tuple[Evidence, float]]) -> frozenset[str]:
    """The search terms of the sentences in ``scored``, as the question's terms are found in them."""
    return frozenset(t for item, _ in scored for t in sentence_terms(question, item.text))


class Reader:
    """Scores sentences and spans with a fitted ``ReaderModel``. Optional: ``word_vector`` gives context-free word
    vectors for matching an answer to the noun asked for; ``phrase_vectors`` gives the encoder's vectors of short
    phrases, for how much a name is like the thing asked (a place, a company)."""

    SENTENCES_PER_ARTICLE = 3
    """How many of an article's best-scored sentences its reading looks in for its answer. Measured, not fitted, by
    ``python -m bench.fit_reader --check --sentences-per-article K`` (stop 35; the threshold fit's objective on the
    development data, tune / held-out): 2: 0.830 / 0.732; 3: 0.857 / 0.764; 4: 0.881 / 0.752 (0.871 / 0.750 with
    the thresholds refitted for 4); 5: 0.884 / 0.757. Tune gains from more, held-out does not confirm it: 3 stays."""

    def __init__(self, model: ReaderModel, *, word_vector: Callable[[str], np.ndarray | None] | None = None,
                 phrase_vectors: Callable[[Sequence[str]], Sequence[np.ndarray]] | None = None,
                 sentences_per_article: int = SENTENCES_PER_ARTICLE):
        if sentences_per_article < 1:
            raise ValueError(f"sentences_per_article must be >= 1, got {sentences_per_article}")
        self.model = model
        self.word_vector = word_vector
        self.phrase_vectors = phrase_vectors
        self.sentences_per_article = sentences_per_article

    # -- the whole reading ----------------------------------------------------------------------------------------
    def read(self, question: Question, query_vector: np.ndarray | None, articles: Sequence[ArticleText],
             term_weights: dict[str, float], *, year_hint: int | None = None) -> ReadOut:
        """Score every sentence of ``articles`` and read each article's answer. ``year_hint`` is the year that
        dates without one ("on Sunday" in an article dated "9 December") most likely fall in."""
        items, features = sentence_features(question, query_vector, articles, term_weights)
        if not items:
            return ReadOut(question, (), (), 0.0)
        scores = self.model.sentence.score(features)
        order = np.argsort(-scores, kind="stable")
        scored = tuple((replace(items[i], relevance=round(_sigmoid(float(scores[i])), 4)), float(scores[i]))
                       for i in order)
        readings = []
        by_article: dict[str, list[tuple[Evidence, float]]] = {}
        for item, score in scored:
            by_article.setdefault(item.doc_id, []).append((item, score))
        views = {a.doc_id: a for a in articles}
        aligned = Alignment(items)
        phrases = typing_vectors(question, [item for ranked in by_article.values()
                                            for item, _ in ranked[:self.sentences_per_article]], self.phrase_vectors)
        for doc_id, ranked in by_article.items():
            readings.append(self.read_article(question, views[doc_id], ranked[:self.sentences_per_article],
                                              year_hint=year_hint, aligned=aligned, phrases=phrases))
        readings.sort(key=lambda r: -r.score)
        best = int(order[0])
        row = answerable_features(question, scored, readings, features[best], term_weights)
        probability = _sigmoid(float(self.model.answerable.score(row)))
        if question.asks_value:
            read = {doc_id: [(item, score) for item, score in ranked[:self.sentences_per_article]
                             if score >= self.model.thresholds.side] for doc_id, ranked in by_article.items()}
            readings = contrasted(question, readings, read, year_hint)
        return ReadOut(question, scored, tuple(readings), probability, tuple(row))

    def read_article(self, question: Question, article: ArticleText, ranked: Sequence[tuple[Evidence, float]],
                     *, year_hint: int | None = None, aligned: "Alignment | None" = None,
                     phrases: Mapping[str, np.ndarray] | None = None) -> Reading:
        """The article's answer from its best sentences: the (sentence, span) pair most likely to answer."""
        best_sentence, best_score = ranked[0]
        if question.kind == Kind.EXPLANATION:
            return Reading(article.doc_id, best_sentence, best_score)
        words = casing(article)
        best: tuple[float, Evidence, float, ShortAnswerSpan | None, tuple[list[Span], np.ndarray]] | None = None
        for item, score in ranked:
            candidates = self._candidates(question, item, words, aligned.closest(item) if aligned else None, phrases)
            short = self._most_likely(question, item, candidates, year_hint)
            combined = score + (math.log(short.probability) if short else math.log(1e-3))
            if best is None or combined > best[0]:
                best = (combined, item, score, short, candidates)
        _, item, score, short, (spans, probabilities) = best
        others = _alternatives(item, spans, probabilities, short, year_hint)
        return Reading(article.doc_id, item, score, short, article.sentences, alternatives=others)

    def read_span(self, question: Question, item: Evidence, words: Casing, *, year_hint: int | None = None,
                  aligned: tuple[Evidence, float] | None = None,
                  phrases: Mapping[str, np.ndarray] | None = None) -> ShortAnswerSpan | None:
        """The most likely answering span of one sentence, with its probability: the span model's softmax over the
        sentence's spans and "none of them" (whose score is the model's ``bias``: a headline may hold no answer).
        Asked for several names, the span is the list the most likely one stands in, as likely as its names
        together; a year of a range of years that is a candidate stands for the range ("built in 1912-1914")."""
        candidates = self._candidates(question, item, words, aligned, phrases)
        return self._most_likely(question, item, candidates, year_hint)

    @staticmethod
    def _most_likely(question: Question, item: Evidence, candidates: tuple[list[Span], np.ndarray],
                     year_hint: int | None) -> ShortAnswerSpan | None:
        if question.kind == Kind.YES_NO:
            return _status_span(item, question)
        spans, probabilities = candidates
        if not spans:
            return None
        span, summed = _answer_span(item.text, int(np.argmax(probabilities)), spans, question)
        return _short(item, span, float(probabilities[summed].sum()), year_hint)

    def _candidates(self, question: Question, item: Evidence, words: Casing,
                    aligned: tuple[Evidence, float] | None,
                    phrases: Mapping[str, np.ndarray] | None) -> tuple[list[Span], np.ndarray]:
        """The sentence's candidate spans and the span model's probability of each (softmax over the spans and
        "none of them"); none for a yes/no question, whose answer is the status a sentence states."""
        if question.kind == Kind.YES_NO:
            return [], np.zeros(0)
        spans, features = span_features(question, item, words, self.word_vector, aligned, phrases)
        if not spans:
            return [], np.zeros(0)
        scores = self.model.span.score(features) - self.model.span.bias
        top = max(float(scores.max()), self.model.span.bias)
        weights = np.exp(scores - top)
        return spans, weights / (weights.sum() + math.exp(self.model.span.bias - top))


# -- sentence features --------------------------------------------------------------------------------------------

def sentence_features(question: Question, query_vector: np.ndarray | None, articles: Sequence[ArticleText],
                      term_weights: dict[str, float]) -> tuple[list[Evidence], np.ndarray]:
    """One row of ``SENTENCE_FEATURES`` per sentence of every article, in article order."""
    items: list[Evidence] = []
    rows: list[list[float]] = []
    total = sum(term_weights.get(t, 0.0) for t in question.terms) or 1.0

    def cover(terms: set[str]) -> float:
        return sum(term_weights.get(t, 0.0) for t in question.terms if t in terms) / total

    per_article = []
    for article in articles:
        terms = [sentence_terms(question, s.text) for s in article.sentences]
        cos = [_cos(query_vector, s.embedding) for s in article.sentences]
        per_article.append((article, terms, cos))
    all_cos = [c for _, _, cos in per_article for c in cos]
    max_cos = max(all_cos, default=0.0)
    max_cover = max((cover(t) for _, terms, _ in per_article for t in terms), default=0.0)
    about = question.anchors | question.subject_terms  # what a sentence, or the ones around it, must be about
    for article, terms, cos in per_article:
        lead = next((t for s, t in zip(article.sentences, terms) if s.position == 0), set())
        article_max = max(cos, default=0.0)
        by_position = {s.position: t for s, t in zip(article.sentences, terms)}
        for k, item in enumerate(article.sentences):
            context = set(terms[k]) | by_position.get(item.position - 1, set()) \
                | by_position.get(item.position + 1, set()) | lead
            missing = sum(1 for a in about if a not in context) / len(about) if about else 0.0
            words = item.text.split()
            rows.append([
                cos[k], cos[k] - max_cos, cos[k] - article_max, cover(terms[k]), cover(terms[k]) - max_cover,
                cover(context), missing, 1.0 if holds_kind_asked(question, item.text) else 0.0,
                1.0 / (1 + item.position), 1.0 if is_title_case(item.text) else 0.0, min(len(words), 40) / 40.0,
                1.0 if len(words) < 6 else 0.0,
            ])
            items.append(item)
    return items, np.asarray(rows, dtype=np.float64).reshape(len(rows), len(SENTENCE_FEATURES))


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(x, 50.0), -50.0)))


def _cos(a: np.ndarray | None, b: np.ndarray | None) -> float:
    if a is None or b is None:
        return 0.0
    return float(np.dot(a, b))


def holds_kind_asked(question: Question, text: str) -> bool:
    """Whether ``text`` holds a candidate of the kind asked beyond the question's own words; asked who did
    something, the doer after "by" and the question's own verb counts ("shot down by rebels" for "Who shot down the
    plane?"), in lower case as a group of people often is."""
    wanted = EXPECTED[question.kind]
    if not wanted:
        return False
    return any((span.kind in wanted or _agent_of_the_verb_asked(text, span, question))
               and not _only_question_words(span.text, question) for span in answer_spans(text, question))


_AGENT_BEFORE = re.compile(r"((?:[\w’'-]+\s+){1,2})by\s+(?:the\s+)?$", re.I)  # "shot down by (the) ..."


def _agent_of_the_verb_asked(text: str, span: Span, question: Question) -> bool:
    """A phrase right after "by" and a word of the question's that names no subject (its verb, with a particle:
    "shot down by"): the doer of what a who-question asks about, in the passive."""
    if question.kind not in (Kind.PERSON, Kind.ORGANISATION) or span.kind != SpanKind.PHRASE:
        return False
    found = _AGENT_BEFORE.search(text, 0, span.start)
    return found is not None and any(stem(w) in question.relation_terms for w in word_parts(found.group(1)))


@lru_cache(maxsize=8192)
def is_title_case(text: str) -> bool:
    """A headline or a list of names: most of its (three or more) words capitalised. Cached: the same sentences
    come back question after question."""
    words = [w for w in token_texts(text) if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) / len(words) > 0.6


# -- span features ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Casing:
    """How an article writes its words: those it capitalises away from the start of a sentence (evidence that they
    are names) and the stems of those it writes in lower case (evidence that a word is not a name)."""

    capitalised: frozenset[str] = frozenset()
    lowercase: frozenset[str] = frozenset()
    in_prose: frozenset[str] | None = None  # capitalised inside its sentences that are no headline; None: no such
    places: frozenset[str] = frozenset()    # the nationalities it names (``qa.spans.nationalities``): "syrian"
    titled: frozenset[str] = frozenset()    # the words of the names it writes after a person's title (``_titled``)
    towns: frozenset[str] = frozenset()     # the names it calls a city or a capital (``_towns``)
    located: frozenset[str] = frozenset()   # the names it writes after a preposition of place (``_located``)


def casing(article: ArticleText) -> Casing:
    """The ``Casing`` of an article's sentences."""
    capitalised: set[str] = set()
    in_prose: set[str] = set()
    has_prose = False
    for sentence in article.sentences:
        inside = [w for w in token_texts(sentence.text)[1:] if w[:1].isupper()]
        capitalised.update(inside)
        if not is_title_case(sentence.text):
            has_prose = True
            in_prose.update(_POSSESSIVE_END.sub("", w) for w in inside)
    return Casing(frozenset(capitalised),
                  frozenset(stem(p) for s in article.sentences for p in word_parts(s.text) if p[:1].islower()),
                  frozenset(in_prose) if has_prose else None,
                  nationalities_in(s.text for s in article.sentences),
                  frozenset(w for s in article.sentences if not is_title_case(s.text) for w in _titled(s.text)),
                  frozenset(town for s in article.sentences for town in _towns(s.text)),
                  frozenset(name for s in article.sentences for name in _located(s.text)))


# A person's title right before a name: "President Assad", "Prime Minister Mohammad Jalali", "HTS leader Abu Mohammed
# al Jolani", "President-elect Donald Trump"; the name's words are joined by the particles of personal names, not by
# "of" ("President Assad of Syria" names Assad).
_PERSONAL_NAME = NAME_FIRST_WORD + r"(?:\s+(?:(?:" + "|".join(sorted(NAME_PARTICLES - {"of", "the", "and", "&"})) \
    + r")[-\s]+)?[A-Z][\w’'-]*)*"
_TITLE_WORDS = "|".join(sorted(PERSON_TITLES | {"leader", "mr", "mrs", "ms", "dr"}, key=len, reverse=True))
_TITLED = re.compile(r"\b(?i:" + _TITLE_WORDS + r")(?:-elect|-designate)?\.?\s+(" + _PERSONAL_NAME + ")")


@lru_cache(maxsize=8192)
def _titled(text: str) -> frozenset[str]:
    """The words (``entity_key``) of the names a sentence writes after a person's title: evidence that they are
    people, which a place question's answer is not."""
    return frozenset(w for m in _TITLED.finditer(text) for w in entity_key(m.group(1)))


# A name called a city or a capital: "the capital, Damascus", "the city of Aleppo", "cities like Aleppo, Homs, and
# Daraa", "Damascus, the capital".
_TOWN_NOUN = r"(?:capital|city|cities|town|towns)"
_TOWN_AFTER = re.compile(r"\b" + _TOWN_NOUN + r"(?:\s+of|,|\s+(?:like|such\s+as|including))?\s+("
                         + NAME_FIRST_WORD + r"(?:(?:,\s+|,?\s+and\s+)" + NAME_FIRST_WORD + r")*)")
_TOWN_BEFORE = re.compile("(" + NAME_FIRST_WORD + r"),\s+(?:the|a|its|their)\s+(?:[A-Za-z-]+\s+)?" + _TOWN_NOUN + r"\b")
COUNTRY_NOUNS = frozenset({"country", "countries", "nation", "nations"})
_TOWN_NOUNS = frozenset({"city", "cities", "capital", "capitals", "town", "towns", "village", "villages"})
# Organisations no country or city is ("Which groups fought the army?"); a team, an alliance, an army or a
# government may be named by its country.
_NO_COUNTRY_BODIES = ORGANISATION_NOUNS - {"team", "alliance", "coalition", "army", "ministry", "department",
                                           "government", "court", "league", "federation", "union", "network"}


@lru_cache(maxsize=8192)
def _towns(text: str) -> frozenset[str]:
    """The names a sentence calls a city or a capital."""
    found = {m.group(1) for m in _TOWN_BEFORE.finditer(text)}
    for m in _TOWN_AFTER.finditer(text):
        found |= {name for name in re.split(r",?\s+and\s+|,\s+", m.group(1)) if name}
    return frozenset(found)


# A place something is in: "arrived in Moscow", "a source within the Kremlin"; not "to" or "from", which as often
# take a person ("asylum to Assad") or a body ("a statement from TASS").
_LOCATED = re.compile(r"\b(?:in|near|outside|across|throughout|within|into)\s+(?:the\s+)?(" + _PERSONAL_NAME + ")")
_NOT_PLACES = frozenset(MONTH_NAMES) | frozenset(WEEKDAY_NAMES)


@lru_cache(maxsize=8192)
def _located(text: str) -> frozenset[str]:
    """The names a sentence writes after a preposition of place (not a month, "in December", nor a possessor, "in
    Assad’s regime", nor a nationality, "in Syrian territory")."""
    return frozenset(m.group(1) for m in _LOCATED.finditer(text) if m.group(1) not in _NOT_PLACES
                     and not _POSSESSIVE_END.search(m.group(1)) and place_word(m.group(1)) is None)


# Nouns for people that a band, a team, a company or a country may also be: "the artist of the album", "the
# winner", "the host of the games".
_MAY_BE_A_BODY = frozenset({"artist", "winner", "champion", "runner-up", "owner", "creator", "producer", "host",
                            "publisher", "successor", "predecessor", "candidate", "nominee"})


def _not_the_kind_asked(span: Span, question: Question, words: Casing) -> bool:
    """Whether the article says a name is not of the kind asked. Asked for a place or an organisation, a name it
    gives a person's title ("President Bashar al-Assad", and so "Assad") is none: every word of it is a word of
    such a name. Asked
    for a country, a name it calls a city or a capital ("the capital, Damascus") is none, and asked for a city, a
    country whose nationality it names ("Syria" beside "Syrian") is none, nor is it or a city the group or company
    asked for (``_NO_COUNTRY_BODIES``). Asked for a person by a
    noun only people are ("Who is the leader of ...?"; not ``_MAY_BE_A_BODY``), a place is none: a name it writes
    after "in" or calls a city, or a country whose nationality it names ("Syria" beside "Syrian"), unless it also
    gives it a title."""
    if span.kind not in (SpanKind.NAME, SpanKind.NAME_PAIR):
        return False
    key = entity_key(span.text)
    person = bool(key) and key <= words.titled

    def country() -> bool:
        return " " not in span.text and any(same_place(stem(span.text.lower()), n) for n in words.places)

    if question.kind == Kind.PLACE:
        return person or (question.head in COUNTRY_NOUNS and span.text in words.towns) \
            or (question.head in _TOWN_NOUNS and country())
    if question.kind == Kind.PERSON and question.head in PERSON_NOUNS - _MAY_BE_A_BODY and not person:
        return span.text in words.located or span.text in words.towns or country()
    if question.kind == Kind.ORGANISATION:
        return person or (singular(question.head or "") in _NO_COUNTRY_BODIES
                          and (country() or span.text in words.towns))
    return False


def _headline_names(text: str, span: Span, words: Casing) -> list[Span]:
    """A headline capitalises every word, so its runs of capitalised words say nothing of names: a run is cut to
    its parts that the article capitalises in its prose ("Bashar al-Assad’s Escapes to Moscow" offers "Bashar
    al-Assad" and "Moscow", not "Escapes"; "Civilians Face Grave Risks" offers nothing). Kept whole when the
    article has no prose to tell."""
    if span.kind != SpanKind.NAME or words.in_prose is None:
        return [span]
    parts, run = [], []
    for token in tokenize(span.text):
        if token.is_word and _POSSESSIVE_END.sub("", token.text) in words.in_prose:
            run.append(token)
        elif run and token.is_word and token.lower in NAME_PARTICLES:
            run.append(token)
        else:
            parts.append(run)
            run = []
    parts.append(run)
    found = []
    for run in parts:
        while run and run[-1].lower in NAME_PARTICLES:
            run.pop()
        if run:
            start, end = span.start + run[0].start, span.start + run[-1].end
            found.append(Span(start, end, text[start:end], SpanKind.NAME))
    return found


def _capitalised_as_first_word(span: Span, words: Casing) -> bool:
    """A one-word "name" opening a sentence that its article never capitalises inside a sentence and either writes in
    lower case elsewhere ("Opposition leaders, including Hadi al-Bahra, declared ..." names no "Opposition") or is a
    word WordNet uses most as a verb (a page's "See all past winners", "Click here")."""
    return _opens_sentence(span) and span.text not in words.capitalised and (
        stem(span.text) in words.lowercase or used_most_as_verb(span.text.lower()))


def _proper_name(span: Span, words: Casing) -> bool:
    """A title, or a run of capitalised words its article never writes in lower case ("Helen Garner", "British Film
    Institute"), where "Rugby league" or "Football" opening a sentence is the article's "rugby league" or
    "football": no answer when a kind of thing is asked (``CATEGORY_NOUNS``: a sport, a genre, a medium)."""
    if span.kind == SpanKind.TITLE:
        return True
    return span.kind in (SpanKind.NAME, SpanKind.NAME_PAIR) and not all(
        stem(p) in words.lowercase for p in word_parts(span.text) if p.lower() not in STOPWORDS)


def _opens_sentence(span: Span) -> bool:
    """A one-word name that opens its sentence: capitalised there whatever it is (the ``sentence_start`` feature)."""
    return span.kind == SpanKind.NAME and span.start == 0 and " " not in span.text


class Alignment:
    """For each sentence, the most similar sentence of another article: where two outlets say the same thing, the
    words in which they differ are what they disagree on ("… ending his 24-year rule" / "… his 12-year rule")."""

    def __init__(self, items: Sequence[Evidence]):
        self.items = [i for i in items if i.embedding is not None]
        self.vectors = np.stack([i.embedding for i in self.items]) if self.items else None
        self.docs = np.array([i.doc_id for i in self.items])

    def closest(self, item: Evidence) -> tuple[Evidence, float] | None:
        if self.vectors is None or item.embedding is None:
            return None
        similarity = np.where(self.docs != item.doc_id, self.vectors @ item.embedding, -np.inf)
        k = int(np.argmax(similarity))
        return (self.items[k], float(similarity[k])) if np.isfinite(similarity[k]) else None


def span_features(question: Question, item: Evidence, words: Casing,
                  word_vector: Callable[[str], np.ndarray | None] | None,
                  aligned: tuple[Evidence, float] | None = None,
                  phrases: Mapping[str, np.ndarray] | None = None) -> tuple[list[Span], np.ndarray]:
    """One row of ``SPAN_FEATURES`` per candidate span of a sentence; ``aligned`` is the most similar sentence of
    another article, with its cosine; ``phrases`` holds the vectors of ``typing_phrases`` (without them a name's
    type is not weighed). A sentence's capitalised first word that its article writes in lower case elsewhere is no
    candidate (``_capitalised_as_first_word``), unless a kind of thing is asked: then it may be the common noun
    asked for, and a proper name is none (``_proper_name``). In a headline a run of capitalised words offers only
    its words that the article capitalises in its prose (``_headline_names``)."""
    text = item.text
    excluded = _proper_name if question.head in CATEGORY_NOUNS else _capitalised_as_first_word
    spans = [s for s in answer_spans(text, question, words.places)
             if not excluded(s, words) and not _not_the_kind_asked(s, question, words)]
    if is_title_case(text):
        spans = list(dict.fromkeys(part for s in spans for part in _headline_names(text, s, words)))
    if not spans:
        return [], np.zeros((0, len(SPAN_FEATURES)))
    tokens = [t for t in tokenize(text) if t.is_word]
    question_terms = set(question.terms)
    matched = [t for t in tokens if any(stem(p) in question_terms for p in word_parts(t.text))]
    relation = [t for t in matched if not any(stem(p) in question.anchors for p in word_parts(t.text))]
    head = stem(question.head) if question.head else None
    head_vector = word_vector(question.head) if (word_vector and question.head) else None
    title_case = 1.0 if is_title_case(text) else 0.0
    expected, also = EXPECTED[question.kind], ALSO[question.kind]
    first_name = next((s for s in spans if s.kind in (SpanKind.NAME, SpanKind.TITLE)), None)
    # The name a sentence opens with answers "Who won?", not "Who did she beat?" nor "Where did he go?".
    asks_subject = not question.asks_object and question.kind != Kind.PLACE
    first_words = tokens[2].end if len(tokens) > 2 else len(text)
    typed = type_fit(question, phrases or {})
    rows = []
    for span in spans:
        stems = [stem(p) for p in word_parts(span.text) if p.lower() not in STOPWORDS]
        in_question = sum(1 for s in stems if s in question.words) / len(stems) if stems else 1.0
        outside = [span.start - t.end if t.end <= span.start else t.start - span.end for t in matched
                   if t.end <= span.start or t.start >= span.end]
        near = 1.0 / (1.0 + min(outside) / 20.0) if outside else 0.0
        before = text[max(0, span.start - 40):span.start]
        window = text[max(0, span.start - _NEAR_CHARS):span.end + _NEAR_CHARS]
        near_head = 1.0 if head and head in {stem(p) for p in word_parts(window)} else 0.0
        similarity = 0.0
        if head_vector is not None:
            last = word_parts(span.text)
            vector = word_vector(last[-1]) if last else None
            similarity = float(np.dot(head_vector, vector)) if vector is not None else 0.0
        first_word = span.text.split()[0] if span.text.split() else ""
        rows.append([
            1.0 if span.kind in expected else 0.0,
            1.0 if span.kind in also else 0.0,
            in_question, 1.0 if in_question >= 1.0 else 0.0, near, min(len(span.text.split()), 6) / 6.0,
            1.0 if span.text[:1].isupper() else 0.0,
            1.0 if _COPULA.search(before) else 0.0, 1.0 if _BY.search(before) else 0.0, near_head, similarity,
            1.0 if _opens_sentence(span) else 0.0,
            1.0 if span.kind == SpanKind.NAME and first_word in words.capitalised else 0.0, title_case,
            1.0 if any(span.end <= t.start <= span.end + 25 for t in relation) else 0.0,
            1.0 if any(span.start - 25 <= t.end <= span.start for t in relation) else 0.0,
            1.0 if span is first_name and span.start <= first_words and asks_subject else 0.0,
            contrast(span, aligned),
            1.0 if question.kind == Kind.PLACE and _LOCATIVE.search(before) else 0.0,
            1.0 if _POSSESSIVE.match(text, span.end) else 0.0,
            typed(span),
            *(1.0 if span.kind == kind else 0.0 for kind in SpanKind),
        ])
    return spans, np.asarray(rows, dtype=np.float64)


def typing_phrases(question: Question, items: Sequence[Evidence]) -> list[str]:
    """The phrases whose vectors type the candidate names of ``items``: the noun asked for, ``GENERIC_TYPES`` and
    each name (none when the question does not ask for a name)."""
    noun = _noun_asked(question)
    if noun is None:
        return []
    names = (s.text for item in items for s in answer_spans(item.text, question) if s.kind in TYPED_SPANS)
    return list(dict.fromkeys([noun, *GENERIC_TYPES, *names]))


def typing_vectors(question: Question, items: Sequence[Evidence],
                   phrase_vectors: Callable[[Sequence[str]], Sequence[np.ndarray]] | None) -> dict[str, np.ndarray]:
    """The vectors of ``typing_phrases``, in one call of ``phrase_vectors``: what ``span_features`` types the names
    of ``items`` with (empty without ``phrase_vectors``)."""
    texts = typing_phrases(question, items) if phrase_vectors is not None else []
    return dict(zip(texts, phrase_vectors(texts))) if texts else {}


def _noun_asked(question: Question) -> str | None:
    """The noun whose instance a name-asking question wants: its head, else its kind's ``TYPE_NOUNS``."""
    if question.kind not in _TYPED_KINDS:
        return None
    return question.head or TYPE_NOUNS.get(question.kind)


def type_fit(question: Question, phrases: Mapping[str, np.ndarray]) -> Callable[[Span], float]:
    """How much more a name is like the noun asked for than like what a name can be (``GENERIC_TYPES``): the
    cosine of their phrase vectors, less its mean cosine to the generic nouns; 0 without vectors."""
    noun = _noun_asked(question)
    asked = phrases.get(noun) if noun else None
    if asked is None:
        return lambda span: 0.0
    generic = np.stack([phrases[g] for g in GENERIC_TYPES])

    def fit(span: Span) -> float:
        vector = phrases.get(span.text) if span.kind in TYPED_SPANS else None
        if vector is None:
            return 0.0
        return float(asked @ vector - (generic @ vector).mean())

    return fit


def contrast(span: Span, aligned: tuple[Evidence, float] | None) -> float:
    """How alike the closest sentence of another article is, when it lacks this span's words (0 when it has them)."""
    if aligned is None:
        return 0.0
    other, similarity = aligned
    mine = {stem(p) for p in word_parts(span.text)}
    theirs = {stem(p) for p in word_parts(other.text)}
    return max(similarity, 0.0) if mine and not mine <= theirs else 0.0


def answer_spans(text: str, question: Question, known_places: frozenset[str] = frozenset()) -> list[Span]:
    """The sentence's candidate answers to ``question``: its spans that do not name the question's subject, where a run
    of capitalised words that holds the noun asked for gives the name after it instead (asked "Who is the CEO of
    Tesla?", "Tesla CEO Elon Musk" offers "Elon Musk"), each span once; asked how many years, a figure in days is none
    (``_in_another_unit``); asked where someone went or is, neither is a place left behind nor the country a title
    belongs to (``_not_whereabouts``), and asked where someone went, only a place the sentence says they reached or
    are in is (``_reached``: "arrived in Moscow", "is now in Moscow", not "palaces in Damascus"); asked for something
    no person is (``_asks_no_person``), a person named by a title is none, but the names around the title are ("Tesla"
    and "Portugal" of "Tesla CEO ..." and "President of Portugal", ``_around_title``); asked for a person, such a run
    gives the name after its title ("Elon Musk", ``_name_after_title``), since the title's words are no part of the
    answer. Asked for the holder of a post of one place, a name given as another place's is none
    (``_post_of_another_place``; ``known_places`` are the nationalities the article names, which tell its places), nor
    one given another title (``_holds_another_post``); asked where someone came from, no place they went to is
    (``_reached``); asked for a year, no date that writes none ("November 27") is. A sentence that asks a question
    itself offers none (``_asks``). Asked who said something, no name inside the words quoted is (``_quoted``); asked
    for a place but where from, no place someone left is (``_left``)."""
    if _life_event_unstated(text, question) or _asks(text):
        return []
    spans = find_spans(text, year_only=question.year_only)
    titled = {span: _after_head(text, span, question) if span.kind == SpanKind.NAME else [] for span in spans}
    # The name a title introduces is a name wherever it stands: "2254" of "Resolution 2254" is not a count.
    places = {(n.start, n.end) for names in titled.values() for n in names}
    spans = [s for s in spans if s.kind == SpanKind.NAME or (s.start, s.end) not in places]
    seen = {(s.start, s.end) for s in spans}
    kept = []

    def elsewhere(span: Span) -> bool:
        return _post_of_another_place(text, span, question, known_places) or _holds_another_post(text, span, question)

    for span in spans:
        if (question.year_only and _yearless(text, span)) or _in_another_unit(span, question) \
                or _fraction_of_a_headcount(span, question) \
                or _range_for_a_point_event(span, question) or elsewhere(span) \
                or (question.whereabouts and _not_whereabouts(text, span, question)) \
                or (question.destination and span.kind == SpanKind.NAME
                    and not _reached(text, span, staying=True)) \
                or (question.asks_origin and _reached(text, span)) \
                or (question.asks_current and _named_former(text, span, question.head)) \
                or (question.asks_speaker and _quoted(text, span)) \
                or (question.kind == Kind.PLACE and not question.asks_origin and _left(text, span)):
            continue
        names = titled[span]
        if not names and _asks_no_person(question) and span.kind == SpanKind.NAME:
            around = _around_title(span)  # asked for a body, "Tesla CEO Elon Musk" offers "Tesla"
            if around is not None:
                if not around:
                    continue
                names = around
        elif not names and question.kind == Kind.PERSON and span.kind == SpanKind.NAME:
            after = _name_after_title(span)  # asked for a person, "Tesla CEO Elon Musk" offers "Elon Musk"
            names = [after] if after else []
        if not names and not _names_the_subject(span, question):
            kept.append(span)  # a run with a title in it stands for the name after the title, not for both
        for name in names:
            if (name.start, name.end) not in seen and not _names_the_subject(name, question) \
                    and not elsewhere(name):
                kept.append(name)
                seen.add((name.start, name.end))
    return _instances_first(text, kept, question)


_NAME_RUN = NAME_FIRST_WORD + "(?:" + NAME_NEXT_WORD + ")*"
_YEAR_WRITTEN = re.compile(r"(?<!\d)\d{3,4}(?!\d)")
_YEAR_AFTER = re.compile(r",?\s*\d{3,4}\b")


_LEFT = re.compile(r"\b(?:" + "|".join(sorted(LEAVING_WORDS - {"from"}, key=len, reverse=True))
                   + r")\s+(?:the\s+)?$", re.I)


def _left(text: str, span: Span) -> bool:
    """A place the sentence says someone left ("fled Syria", "escaped Damascus"): it answers where from, and no
    other question for a place ("Which country gave him refuge?"). Not one after "from", which may say where
    someone is from ("troops from France")."""
    return span.kind == SpanKind.NAME and bool(_LEFT.search(text, max(0, span.start - 16), span.start))


_QUOTE_MARKS = {"“": 1, "”": -1, "«": 1, "»": -1}


def _quoted(text: str, span: Span) -> bool:
    """Whether ``span`` lies inside words the sentence quotes: between “ and ” (or « and », or straight double
    quotes), or before a closing mark that no mark in the sentence opens (a quotation begun in the sentence before:
    "The future is ours,” he said.")."""
    depth, straight, unopened = 0, False, None
    for k, char in enumerate(text):
        if k == span.start and (depth > 0 or straight):
            return True
        straight ^= char == '"'
        depth += _QUOTE_MARKS.get(char, 0)
        if depth < 0:
            depth = 0
            unopened = k if unopened is None else unopened
    return unopened is not None and span.end <= unopened


def _yearless(text: str, span: Span) -> bool:
    """A date that writes no year ("November 27"): asked for a year, it states none. A year right after it that the
    date reader does not take for one ("27 August 1105") is written all the same."""
    return span.kind == SpanKind.DATE and not _YEAR_WRITTEN.search(span.text) and not _YEAR_AFTER.match(text, span.end)


@lru_cache(maxsize=4096)
def _instances(text: str, head: str) -> tuple[tuple[int, int], ...]:
    """Where a sentence names something as an instance of the noun ``head``: "news agency TASS", "the Interfax news
    agency", "TASS, the state news agency", "the Labour Party"."""
    noun = re.escape(head) + "s?"
    patterns = (rf"\b{noun},?\s+({_NAME_RUN})", rf"({_NAME_RUN})\s+(?:[a-z]+\s+)?{noun}\b",
                rf"({_NAME_RUN}),\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}{noun}\b", rf"({_NAME_RUN}\s+(?i:{noun}))\b")
    return tuple((m.start(1), m.end(1)) for pattern in patterns for m in re.finditer(pattern, text))


def _instances_first(text: str, spans: list[Span], question: Question) -> list[Span]:
    """Asked which organisation of a kind ("Which news agency ...?"), a sentence that names one as such ("Russian
    news agency TASS, citing Kremlin sources, ...") answers with it, not with another name it holds ("Kremlin")."""
    if question.kind != Kind.ORGANISATION or not question.head:
        return spans
    where = _instances(text, question.head)
    named = [s for s in spans if s.kind == SpanKind.NAME and any(a < s.end and s.start < b for a, b in where)]
    if not named:
        return spans
    return [s for s in spans if s.kind not in (SpanKind.NAME, SpanKind.NAME_PAIR) or s in named]


_PLACE_OR_BODY_NOUNS = PLACE_NOUNS | ORGANISATION_NOUNS


def _asks_no_person(question: Question) -> bool:
    """Whether no person answers: asked for a body, a place, a work, or a thing of a kind it names ("On what grounds
    ...?") but a role (``ROLE_NOUNS``: a profession may be a title); a query naming no kind ("Nobel Peace Prize
    2019") may be answered by anyone."""
    return question.kind in (Kind.ORGANISATION, Kind.PLACE, Kind.WORK) or (
        question.kind == Kind.ENTITY and question.head is not None and question.head not in ROLE_NOUNS)


def _around_title(span: Span) -> list[Span] | None:
    """For a run of capitalised words that names a person by a title followed by a name or "of" ("Deposed Syrian
    President Bashar al-Assad", "President of Portugal"), the names around the title: the one before it ("Tesla"
    of "Tesla CEO Elon Musk"), unless the words before it only describe the person, and the one it is "of"
    ("Portugal"). None when the run names no person by a title, or is named after one ("Mayor Street")."""
    words = list(_WORD_RUN.finditer(span.text))
    texts = [w.group() for w in words]
    k = _title_at(texts)
    if k is None:
        return None
    found = []
    if k and not any(is_demonym(w) or w.lower().endswith("ed") or w.lower() in STOPWORDS for w in texts[:k]):
        end = words[k - 1].end()
        found.append(Span(span.start, span.start + end, span.text[:end], SpanKind.NAME))
    if k + 2 < len(words) and texts[k + 1] == "of":
        start = words[k + 2].start()
        found.append(Span(span.start + start, span.end, span.text[start:], SpanKind.NAME))
    return found


def _title_at(texts: Sequence[str]) -> int | None:
    """Where the title stands in a run of capitalised words that names a person by one (``PERSON_TITLES``)
    followed by a name or "of" ("Deposed Syrian President Bashar al-Assad", "President of Portugal"); None when the
    run names no person by a title or is named after one ("Mayor Street")."""
    if not texts or texts[-1].lower() in _PLACE_OR_BODY_NOUNS:
        return None
    return next((k for k, word in enumerate(texts[:-1]) if _title_root(word) in PERSON_TITLES
                 and (texts[k + 1] == "of" or all(map(_in_personal_name, texts[k + 1:])))), None)


def _title_root(word: str) -> str:
    """A title word without the ending that says when its holder holds it: "President-elect" -> "president"."""
    return re.sub(r"-(?:elect|designate)$", "", word.lower())


def _name_after_title(span: Span) -> Span | None:
    """The personal name a run of capitalised words gives after its title: "Mohammad Jalali" of "Syrian Prime
    Minister Mohammad Jalali"; None when the run holds no title followed by a name ("President of Portugal")."""
    words = list(_WORD_RUN.finditer(span.text))
    k = _title_at([w.group() for w in words])
    if k is None or words[k + 1].group() == "of":
        return None
    start = words[k + 1].start()
    return Span(span.start + start, span.end, span.text[start:], SpanKind.NAME)


def _in_personal_name(word: str) -> bool:
    """A word of a personal name: a name word (``is_name_word``) or a particle standing alone ("bin", "van")."""
    return is_name_word(word) or word.lower() in NAME_PARTICLES


_FORMER = "(?:" + "|".join(sorted(FORMER_WORDS)) + ")"


# The posts that lead a country or a people: asked for its new leader, a former president is a former leader.
_LEADING_POSTS = frozenset({"leader", "ruler", "president", "premier", "chancellor", "king", "queen", "emperor",
                            "monarch", "dictator"})


@lru_cache(maxsize=256)
def _former_patterns(head: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """A past holder of the post ``head``: the title (ending inside a name's run or right before it: "Deposed
    Syrian President Bashar al-Assad", "ex-CEO Tom Berg"), the title and what it is of before the name ("the former
    president of Syria, Bashar al-Assad"), or the title right after the name ("..., Syria’s ousted president"). A
    post that leads a country stands for any other (``_LEADING_POSTS``): a deposed president is a former leader."""
    titles = _LEADING_POSTS if head in _LEADING_POSTS else {head}
    title = rf"\b{_FORMER}(?:[\s-]+[\w’'.-]+){{0,2}}?[\s-]+(?:{'|'.join(sorted(map(re.escape, titles)))})s?\b"
    before = re.compile(title + r"(?:\s+of\s+(?:the\s+)?[\w’'-]+)?[\s,]*$", re.I)
    after = re.compile(r"^\s*,?\s*(?:the\s+)?(?:[\w-]+[’']s\s+)?" + title, re.I)
    return re.compile(title, re.I), before, after


def _named_former(text: str, span: Span, head: str | None) -> bool:
    """Asked for the new or current holder of a post, a name the sentence calls its former holder is none."""
    if head is None or span.kind != SpanKind.NAME:
        return False
    title, before, after = _former_patterns(head)
    lo = max(0, span.start - 60)
    # the title ends inside the name's run or right before it: "former Syrian President Bashar al-Assad"
    return bool(any(m.end() >= span.start - 1 for m in title.finditer(text, lo, span.end))
                or before.search(text[lo:span.start]) or after.search(text[span.end:span.end + 60]))


# How a name joins a mention of a post: after it ("Syrian President Bashar al-Assad", "President of Syria, Bashar",
# "the Syrian capital of Damascus") or before it, in apposition ("Bashar al-Assad, the ousted President of Syria").
_POST_BEFORE_NAME = re.compile(r"\s*(?:,|:|of)?\s*")
_POST_AFTER_NAME = re.compile(r"\s*,\s*(?:(?:the|an?)\s+)?(?:[a-z][\w-]*\s+){0,2}")


def _post_of_another_place(text: str, span: Span, question: Question, known: frozenset[str]) -> bool:
    """Asked for the holder of a post of one place ("the Russian president", "the capital of Russia"), a name the
    sentence gives as the holder of that post of another place is none ("Syrian President Bashar al-Assad",
    "Bashar al-Assad, Syria’s deposed president", "the Syrian capital of Damascus"), nor the post itself ("President
    of Syria") or the place it is of ("Syria" of "Syria’s deposed president"). An owner ("Syria’s", "of Syria")
    counts as a place when ``known`` or the sentence holds its nationality (``post_places``)."""
    if not question.post_of or not question.head or span.kind not in (SpanKind.NAME, SpanKind.NAME_PAIR):
        return False
    for post in posts(text, question.head):
        places = post_places(post, known | nationalities(text))
        if question.head in PLACE_NOUNS and post.start < span.start and span.end == post.end:
            places = places - {stem(p) for p in word_parts(span.text)}  # "Damascus" of "the capital of Damascus"
        if _joined(text, post, span) and of_another_place(places, question):
            return True
    return False


def holders_of_other_places(question: Question, texts: Sequence[str]) -> frozenset[frozenset[str]]:
    """The names (``entity_key``) that any of ``texts`` gives as the holder of the post asked of another place
    (``_post_of_another_place``): "Damascus" of "the Syrian capital of Damascus", asked for the capital of Russia.
    A post asked of a place has one holder there, so such a name answers for no other sentence either."""
    if not question.post_of or not question.head:
        return frozenset()
    known = nationalities_in(texts)
    return frozenset(entity_key(span.text) for text in texts for span in find_spans(text)
                     if _post_of_another_place(text, span, question, known) and entity_key(span.text))


Names = frozenset[frozenset[str]]  # names as their ``entity_key``s


def post_holders(question: Question, texts: Sequence[str]) -> tuple[Names, Names]:
    """What ``texts`` say of who holds the post a person question asks for by its title, as two sets of names
    (``entity_key``): those they give the title ("Syrian Prime Minister Mohammad Jalali"; empty when the question
    asks for no title of ``PERSON_TITLES``, or no sentence names a holder), and those they show hold it no longer
    (asked for the current holder, a name a sentence calls its former one: "the deposed president")."""
    head = question.head
    if question.kind != Kind.PERSON or not head:
        return frozenset(), frozenset()
    titled, former = set(), set()
    asked = _SAME_POST.get(head, head)
    for text in texts:
        for span in find_spans(text):
            key = entity_key((_name_after_title(span) or span).text) if span.kind == SpanKind.NAME else None
            if not key or any(_title_root(word).rstrip("s") in PERSON_TITLES for word in key):
                continue  # no name, or a title with no name after it ("Presidents", "Syrian President")
            if question.asks_current and _named_former(text, span, head):
                former.add(key)
            if head in PERSON_TITLES and _given_title(text, span, asked):
                titled.add(key)
    return frozenset(titled), frozenset(former)


def of_another_place(places: frozenset[str], question: Question) -> bool:
    """Whether a post of ``places`` is of places the question does not ask about (``Question.post_of``); a post of
    no place named is of no other place."""
    return bool(places) and not any(same_place(p, q) for p in places for q in question.post_of)


def _joined(text: str, post: Post, span: Span) -> bool:
    """Whether a name is the one a mention of a post gives: inside it, right after it ("Syrian President Bashar
    al-Assad", "President of Syria, Bashar") or in apposition before it ("Bashar al-Assad, the ousted President")."""
    return (span.start < post.end and post.start < span.end) or (
        post.end <= span.start and bool(_POST_BEFORE_NAME.fullmatch(text, post.end, span.start))) or (
        span.end <= post.start and bool(_POST_AFTER_NAME.fullmatch(text, span.end, post.start)))


# Titles of one post: asked for a prime minister ("minister"), a premier is one.
_SAME_POST = {"premier": "minister", "chairwoman": "chairman", "spokeswoman": "spokesman", "spokesperson": "spokesman"}


def _holds_another_post(text: str, span: Span, question: Question) -> bool:
    """Asked for the holder of a post by its title ("Who is the prime minister?"), a name the sentence gives
    another title and not that one is none: "Bashar al-Assad, the ousted President of Syria" is no prime minister.
    Only titles of ``PERSON_TITLES`` count; a name given both ("chairman and CEO") holds the one asked."""
    head = question.head
    if question.kind != Kind.PERSON or head not in PERSON_TITLES:
        return False
    if span.kind not in (SpanKind.NAME, SpanKind.NAME_PAIR):
        return False
    asked = _SAME_POST.get(head, head)
    return not _given_title(text, span, asked) and any(_given_title(text, span, post)
                                                       for post in _POSTS if post != asked)


_POSTS = frozenset(_SAME_POST.get(title, title) for title in PERSON_TITLES)  # the posts PERSON_TITLES name


def _given_title(text: str, span: Span, post: str) -> bool:
    """Whether a sentence joins a name to a title of ``post`` (a post of ``_POSTS``: "minister" for "Prime Minister"
    and "premier" alike)."""
    return any(_joined(text, mention, span) for title in PERSON_TITLES if _SAME_POST.get(title, title) == post
               for mention in posts(text, title))


def post_places(post: Post, known: frozenset[str]) -> frozenset[str]:
    """The places a post is of: its nationalities, and its owners that are places by a nationality in ``known``
    ("Syria" of "Syria’s president" where the articles say "Syrian"); an owner that may be a person ("Putin’s
    spokesman") is left out."""
    return post.places | {o for o in post.owners if any(same_place(o, n) for n in known)}


_DECIMAL = re.compile(r"\d[\d,]*\.\d+")


def _fraction_of_a_headcount(span: Span, question: Question) -> bool:
    """A decimal figure asked for a count of people (``HEADCOUNT_NOUNS``): "39.1" of "39.1 people per square mile",
    a coordinate's "41.172464"; a figure with a scale word ("1.2 million") is a whole count."""
    return span.kind == SpanKind.COUNT and question.head in HEADCOUNT_NOUNS and bool(_DECIMAL.fullmatch(span.text))


_POINT_EVENTS = frozenset(stem(w) for w in POINT_EVENT_WORDS)


def _range_for_a_point_event(span: Span, question: Question) -> bool:
    """A range of years asked when something happened that happens at one time (``POINT_EVENT_WORDS``): the life
    span "1848–1912" dates no birth, though either of its years may; a building "built 1850–1851" has a range."""
    return bool(question.words & _POINT_EVENTS) and _year_range(span) is not None


_LIFE_EVENTS = frozenset(stem(w) for w in LIFE_EVENT_WORDS)
# A life span in brackets: "(1848–1912)", "(c. 1627 – 31 December 1700)".
_LIFE_SPAN = re.compile(r"\([^()]*\b\d{3,4}\b[^()]*[–—-][^()]*\)")


def _asks(text: str) -> bool:
    """Whether a sentence is itself a question ("Who will lead Syria now?"): it states no answer, whatever names it
    holds ("Who directed Titanic and Avatar?" does not say that Avatar did)."""
    return text.rstrip(" \"'”’)]").endswith("?")


def _life_event_unstated(text: str, question: Question) -> bool:
    """Asked when or where someone was born or died (``LIFE_EVENT_WORDS``), whether the sentence says neither, in
    words or by a life span in brackets: then none of its dates or places answers ("December 8" of "she left on
    December 8" dates no birth). A word of a name asked about is none ("The Walking Dead"). In the development data
    each of the 118 answerable collections that ask it (113 when, 5 where), tune and held-out, states the answer in
    such a sentence."""
    return question.kind in (Kind.DATE, Kind.PLACE) \
        and not _LIFE_EVENTS.isdisjoint(question.relation_terms) \
        and _LIFE_EVENTS.isdisjoint(content_terms(text)) and not _LIFE_SPAN.search(text)


def _year_range(span: Span) -> YearRange | None:
    """The range of years a candidate is ("1850–1851", "1926-27"), or None: a year, a date, or no date at all."""
    if span.kind != SpanKind.YEAR:
        return None
    ranges = find_year_ranges(span.text)
    return ranges[0] if ranges and ranges[0].text == span.text else None


def _in_another_unit(span: Span, question: Question) -> bool:
    """A quantity in another unit than the one the question counts in: asked "how many years", "12 days" does not
    answer, while "24-year" and "six decades" may (a number without a unit may too)."""
    if question.unit is None or span.kind not in (SpanKind.DURATION, SpanKind.COUNT):
        return False
    found = find_quantities(span.text)
    return bool(found) and found[0].quantity.unit not in ("", question.unit)


_CLAUSE_WORDS = re.compile(r"[\w’'-]+|[,;:()\u2013\u2014]")
_POSSESSED = re.compile(r"[’']s?\s+((?:[\w-]+\s+){0,2}[\w-]+)")


def _not_whereabouts(text: str, span: Span, question: Question) -> bool:
    """A place that does not say where someone went or is: one left behind ("fled Syria", "left the capital of
    Damascus", "from Damascus", but not "fled Syria for Moscow"), or the possessor of something other than the
    question's subject ("Syria’s deposed president", "Syria’s crisis"; "Paris’s Eiffel Tower" does say where the
    Eiffel Tower is)."""
    if span.kind != SpanKind.NAME:
        return False
    possessed = _POSSESSED.match(text, span.end)
    if possessed:
        return not any(stem(p) in question.anchors for p in word_parts(possessed.group(1)))
    before = _CLAUSE_WORDS.findall(text[max(0, span.start - 60):span.start])
    for word in reversed(before[-6:]):
        low = word.lower()
        if low in DESTINATION_WORDS or not word[:1].isalnum():
            return False
        if low in LEAVING_WORDS:
            return True
    return False


_TOWARDS = frozenset({"to", "into", "towards", "toward", "for"})
_REACHING = MOVING_WORDS - LEAVING_WORDS


# Words before a "to" that goes nowhere: "according to Russian media", "due to the war".
_NOT_GOING_TO = frozenset({"according", "due", "thanks", "owing", "prior", "contrary"})
# Being or staying somewhere, right before the place: "is now in Lisbon", "stayed in Lisbon".
_STAYING = re.compile(r"\b(?:is|are|was|were|be|been|stay\w*|remain\w*|liv(?:e|es|ed|ing))\s+(?:now\s+|still\s+)?"
                      r"(?:in|at|inside)\s+(?:the\s+)?$", re.I)


def _reached(text: str, span: Span, *, staying: bool = False) -> bool:
    """A place someone went to, which does not say where they came from: "changing course towards Moscow",
    "arrived in Moscow", "Escapes to Moscow"; not "took off from Damascus", "fled Syria for Moscow" said of Syria.
    The nearest word of going or leaving (or, with ``staying``, of being somewhere: "is now in Moscow") before the
    place decides."""
    if span.kind != SpanKind.NAME:
        return False
    if staying and _STAYING.search(text, max(0, span.start - 40), span.start):
        return True
    before = _CLAUSE_WORDS.findall(text[max(0, span.start - 60):span.start])
    for k in range(len(before) - 1, max(len(before) - 7, -1), -1):
        word, low = before[k], before[k].lower()
        if low in LEAVING_WORDS or not word[:1].isalnum():
            return False
        if low == "to" and k and before[k - 1].lower() in _NOT_GOING_TO:
            continue
        if low in _TOWARDS or low in _REACHING:
            return True
    return False


_WORD_RUN = re.compile(r"\S+")


def _after_head(text: str, span: Span, question: Question) -> list[Span]:
    """The part of a name run after the question's head noun, when it starts with a capital or a digit: the name a
    title introduces ("Syrian President Bashar al-Assad" asked for a president, "Resolution 2254" for a
    resolution). In a headline, where every word is capitalised and the name's end is not marked, each of its
    shorter beginnings too ("Apple CEO Tim Cook Received Nearly $100 Million")."""
    if not question.head:
        return []
    head = stem(question.head)
    words = list(_WORD_RUN.finditer(span.text))
    for k, word in enumerate(words[:-1]):
        following = words[k + 1].group()[:1]
        if stem(_title_root(word.group())) == head and (following.isupper() or following.isdigit()):
            rest = words[k + 1:]
            ends = [w.end() for w in rest] if is_title_case(text) else [rest[-1].end()]
            return [Span(span.start + rest[0].start(), span.start + end, span.text[rest[0].start():end],
                         SpanKind.NAME) for end in ends]
    return []


def _names_the_subject(span: Span, question: Question) -> bool:
    """An answer does not name what the question is about: "Where did Assad go?" is not answered by "Bashar
    al-Assad", nor "Who leads the Syrian opposition?" by "Syria". (A confirmation status is about the question's
    subject by nature, so it is kept.) A date or figure names the subject only when it says nothing more than the
    question: asked about "the 2020 awards", "2020" is the subject's name but "January 5, 2020" is an answer."""
    if span.kind == SpanKind.STATUS:
        return False
    parts = [stem(p) for p in word_parts(span.text)]
    if span.kind in NUMERIC_KINDS:
        return all(p in question.anchors for p in parts)
    # A name that qualifies the noun asked ("US" of "which US politician") may be part of an answer, not all of it.
    subject = question.anchors - question.qualifiers
    if any(p in subject for p in parts) or (parts and all(p in question.qualifiers for p in parts)):
        return True
    # The name an adjective of the question derives from is what it names: "Syria" asked about "the Syrian
    # opposition", "Russia" asked for "a Russian news agency".
    if parts and all(derives(p, question.modifiers) for p in parts):
        return True
    # A name and its initials are one name: "Hayat Tahrir al-Sham" asked about "HTS", and "HTS" asked about it.
    initials = _initials(span.text)
    return (len(initials) > 1 and initials in question.anchors) or (
        len(parts) == 1 and span.text.isupper() and parts[0] in _name_initials(question.text))


_CAPITALISED_RUN = re.compile(NAME_FIRST_WORD + "(?:" + NAME_NEXT_WORD + ")+")


def _initials(name: str) -> str:
    """The initials of a name's capitalised words, lower-cased: "Hayat Tahrir al-Sham" -> "hts" (a capitalised
    function word, "Is" or "The" opening a sentence, is not part of the name)."""
    return "".join(p[0].lower() for p in word_parts(name) if p[:1].isupper() and p.lower() not in STOPWORDS)


@lru_cache(maxsize=16384)
def sentence_terms(question: Question, text: str) -> frozenset[str]:
    """The search terms of a sentence, with the question's terms it writes another way: a name by its initials or
    in full (``_names_spelled``), a word by a synonym ("start" where it says "began"). Cached: an article's
    sentences are read for each question, as ``find_spans`` is."""
    terms = frozenset(content_terms(text))
    return terms | _names_spelled(question, text) | _synonyms_written(question, terms)


def _synonyms_written(question: Question, terms: frozenset[str]) -> set[str]:
    """The question's terms (not its names) that a sentence with ``terms`` leaves out but writes by a synonym."""
    return {t for t, synonyms in _term_synonyms(question).items()
            if t not in terms and not synonyms.isdisjoint(terms)}


_GOING_STEMS = frozenset(stem(w) for w in MOVING_WORDS)


@lru_cache(maxsize=1024)
def _term_synonyms(question: Question) -> dict[str, frozenset[str]]:
    """Each of the question's terms that is no name, with the stems of its word's synonyms (``synonym_stems``).
    Asked where someone went (``Question.destination``), every verb of going is one for its verb of going: the
    sentence that says where ("arrived in Moscow") need not use the verb asked with ("Where did he flee to?")."""
    found: dict[str, frozenset[str]] = {}
    for word in word_parts(question.text):
        term = stem(word.lower())
        if term in question.relation_terms:
            going = _GOING_STEMS if question.destination and term in _GOING_STEMS else frozenset()
            found[term] = found.get(term, frozenset()) | synonym_stems(word.lower()) | going
    return {t: synonyms for t, synonyms in found.items() if synonyms}


def _names_spelled(question: Question, text: str) -> set[str]:
    """The question's names that ``text`` writes the other way, by initials or in full: "un" of "the UN" where it
    says "United Nations", and "hayat", "tahrir", "sham" of "Hayat Tahrir al-Sham" where it says "HTS"."""
    found = set()
    spelled, written = _initials_spelled(text), _acronyms(text)
    for acronym in _acronyms(question.text):
        if acronym in spelled:
            found.add(stem(acronym))
    for run in _CAPITALISED_RUN.finditer(question.text):
        if _initials(run.group()) in written:
            found |= {stem(p) for p in word_parts(run.group())} & question.anchors
    return found


_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")


@lru_cache(maxsize=8192)
def _acronyms(text: str) -> frozenset[str]:
    """The words in capitals of ``text`` ("UN", "HTS"), lower-cased."""
    return frozenset(m.group().lower() for m in _ACRONYM.finditer(text))


@lru_cache(maxsize=8192)
def _initials_spelled(text: str) -> frozenset[str]:
    """The initials of every run of two or more capitalised words in ``text`` and of each run of two or more of its
    words: "United Nations Secretary-General António Guterres" spells "un", "ns", "unsg", ..."""
    found = set()
    for m in _CAPITALISED_RUN.finditer(text):
        letters = _initials(m.group())
        found |= {letters[i:j] for i in range(len(letters)) for j in range(i + 2, len(letters) + 1)}
    return frozenset(found)


@lru_cache(maxsize=4096)
def _name_initials(text: str) -> frozenset[str]:
    """The initials of every run of two or more capitalised words in ``text`` (joined, as names are, by particles:
    "Hayat Tahrir al-Sham")."""
    return frozenset(_initials(m.group()) for m in _CAPITALISED_RUN.finditer(text))


def _only_question_words(text: str, question: Question) -> bool:
    stems = [stem(p) for p in word_parts(text) if p.lower() not in STOPWORDS]
    return bool(stems) and all(s in question.words for s in stems)


_REPORTING = frozenset(stem(w) for w in REPORTING_VERBS)


def answerable_features(question: Question, scored: Sequence[tuple[Evidence, float]], readings: Sequence["Reading"],
                        best_row: np.ndarray, term_weights: dict[str, float]) -> list[float]:
    """One row of ``ANSWERABLE_FEATURES``: how well the best sentence answers, the question's names it lacks, the
    share of what the question says about its subject (its terms but its names and head noun) found in no
    sentence read ("weather" when the articles never mention it), whether its head noun is in no sentence read
    ("airport" in "which airport", which an answer may name without the word), how sure the best reading's span
    is, and whether the best sentence holds a value of the kind asked."""
    seen = scored_terms(question, scored)
    head = stem(question.head) if question.head else None
    # What the question says about its subject (not its names, nor the noun whose instance an answer names, nor
    # how it was put: the articles say "called it" where the question says "characterise").
    terms = [t for t in question.terms if t != head and t not in question.anchors and t not in _REPORTING]
    total = sum(term_weights.get(t, 0.0) for t in terms)
    unseen = sum(term_weights.get(t, 0.0) for t in terms if t not in seen) / total if total else 0.0
    spans = [r.short.probability for r in readings if r.short is not None]
    kind = 1.0 if not question.asks_value else best_row[SENTENCE_FEATURES.index("expected_kind")]
    head_unseen = 1.0 if head and head not in question.anchors and head not in seen else 0.0
    return [scored[0][1], float(best_row[SENTENCE_FEATURES.index("anchors_missing")]), unseen, head_unseen,
            max(spans, default=0.0), float(kind)]


# -- pairs of readings ----------------------------------------------------------------------------------------------

def slot_terms(reading: Reading, words: int = 3) -> frozenset[str]:
    """The stems of the words right around a reading's value: its slot ("ending his … rule")."""
    if reading.short is None:
        return frozenset()
    text, span = reading.sentence.text, reading.short.span
    before = word_parts(text[:span.start])[-words:]
    after = word_parts(text[span.end:])[:words]
    return frozenset(stem(w) for w in (*before, *after) if w.lower() not in STOPWORDS)


def pair_features(a: Reading, b: Reading) -> list[float]:
    """One row of ``PAIR_FEATURES`` for two articles' readings with different values: how strongly the weaker of the
    two is read (its sentence and its span), how alike the words right around the values are (the same slot,
    "ending his … rule"), whether both are values of one kind (dates, figures, statuses), and whether each
    article's value is missing from the other article's sentences read (``_exclusive``: each states only its own,
    not one article naming two people or two dates, one of which was misread as its answer).

    Deliberately nothing about how alike the two sentences or articles are as a whole: outlets that disagree
    mostly say it in their own words, and a model that learned clashes from near-copies would miss those. (Tried:
    the two sentences' embedding cosine as a sixth feature; refitted, it lowered paraphrased-conflict recall on RGB
    tune from 0.058 to 0.019 and moved nothing else beyond a single item.)"""
    sa, sb = slot_terms(a), slot_terms(b)
    return [min(a.score, b.score),
            min(a.short.probability if a.short else 0.0, b.short.probability if b.short else 0.0),
            len(sa & sb) / len(sa | sb) if sa | sb else 0.0,
            1.0 if a.short and b.short and a.short.span.kind == b.short.span.kind else 0.0,
            1.0 if a.short and b.short and isinstance(a.short.value, (DateValue, Quantity, Status))
            and isinstance(b.short.value, (DateValue, Quantity, Status)) else 0.0,
            _exclusive(a, b)]


def _exclusive(a: Reading, b: Reading) -> float:
    """1 when each article's value is missing from the other's sentences read (each states only its own), -1 when
    one article also states the other's value, 0 when the question cannot be put (a status, or no value)."""
    missing = (_missing_from(a, b), _missing_from(b, a))
    if None in missing:
        return 0.0
    return 1.0 if all(missing) else -1.0


def _missing_from(a: Reading, b: Reading) -> bool | None:
    """Whether ``b``'s article, in the sentences read, states nothing that agrees with ``a``'s value
    (``_lacks``)."""
    return None if a.short is None else _lacks(a.short, b.words, b.stated)


def sentence_states(item: Evidence, short: ShortAnswerSpan) -> bool:
    """Whether a sentence states ``short``'s value (as ``_lacks`` compares them; a status counts as stated)."""
    return not _lacks(short, frozenset(stem(p) for p in word_parts(item.text)), _values_stated((item,)))


def _lacks(short: ShortAnswerSpan, words: frozenset[str], stated: Sequence[Value]) -> bool | None:
    """Whether text of these word stems and these dates and figures states nothing that agrees with ``short``'s
    value: for a name or phrase, a word of it that the text does not use; for a date or figure, no date or figure
    that states it (compared as values, not words: two articles that clash on a date may both write "Sunday",
    meaning different days). None for a status, whose words both sides of a clash write ("confirmed")."""
    value = short.value
    if isinstance(value, (Name, Phrase)):
        return any(stem(p) not in words for p in word_parts(short.text))
    if isinstance(value, (DateValue, Quantity)):
        return not any(_states(other, value) for other in stated)
    return None


def _values_stated(items: Sequence[Evidence]) -> tuple[Value, ...]:
    """Every date (resolved against its article's publication date) and figure of some sentences."""
    found: list[Value] = []
    for item in items:
        found += [v for m in find_dates(item.text) if (v := resolve_date(m, item.published)) is not None]
        found += [m.quantity for m in find_quantities(item.text)]
        found += [r.value for r in find_year_ranges(item.text)]
    return tuple(found)


def _states(other: Value, value: Value) -> bool:
    """Whether ``other`` states ``value``: compatible with it, and for a date as precise (a year alone, "in 2011",
    does not state "December 1", though both could hold)."""
    if not values_compatible(value, other):
        return False
    if isinstance(value, DateValue) and isinstance(other, DateValue):
        return (value.day is None or other.day is not None) and (value.month is None or other.month is not None)
    return True


# -- short answers ------------------------------------------------------------------------------------------------

def contrasted(question: Question, readings: Sequence[Reading], read: Mapping[str, Sequence[tuple[Evidence, float]]],
               year_hint: int | None) -> list[Reading]:
    """The readings, where two articles say one of their answering sentences (``read``) word for word but for one
    value of a kind the question expects (``EXPECTED``), each re-read as that sentence and its value
    (``qa.contrast``). The value is certain (probability 1.0, like a stated status): it is the one place where the
    two differ. Each reading names the articles it differs from, so the two sides clash whatever the pair model
    makes of them. Best first, like the readings given."""
    expected = EXPECTED[question.kind]

    def candidates(text: str) -> list[Span]:
        return [s for s in answer_spans(text, question) if s.kind in expected]

    scores = {id(item): score for ranked in read.values() for item, score in ranked}
    best: dict[str, tuple[float, Evidence, ShortAnswerSpan]] = {}
    against: dict[str, set[str]] = {}
    for contrast in find_contrasts(question, [[item for item, _ in ranked] for ranked in read.values()], candidates):
        shorts = [_short(item, span, 1.0, year_hint) for item, span in zip(contrast.items, contrast.spans)]
        if None in shorts or values_compatible(shorts[0].value, shorts[1].value):
            continue  # "4-2" and "4–2": the same value written twice
        for item, short, other in zip(contrast.items, shorts, reversed(contrast.items)):
            score = scores[id(item)]
            if item.doc_id not in best or score > best[item.doc_id][0]:
                best[item.doc_id] = (score, item, short)
            against.setdefault(item.doc_id, set()).add(other.doc_id)
    again = [Reading(r.doc_id, best[r.doc_id][1], best[r.doc_id][0], best[r.doc_id][2], r.read,
                     frozenset(against[r.doc_id])) if r.doc_id in best else r for r in readings]
    return sorted(again, key=lambda r: -r.score)


def _listed(text: str, span: Span, candidates: Sequence[Span]) -> Span:
    """Asked for several names, the list the picked name stands in ("Russia and Iran", "France, Germany and
    Italy"); the very span given when it is in none."""
    if span.kind != SpanKind.NAME:
        return span
    names = sorted((s for s in candidates if s.kind == SpanKind.NAME), key=lambda s: s.start)
    k = next((i for i, s in enumerate(names) if (s.start, s.end) == (span.start, span.end)), None)
    if k is None:
        return span
    first, last = name_list(text, names, k)
    if first == last:
        return span
    start, end = names[first].start, names[last].end
    return Span(start, end, text[start:end], SpanKind.NAME)


def _answer_span(text: str, k: int, spans: Sequence[Span], question: Question) -> tuple[Span, list[int]]:
    """The answer when ``spans[k]`` is the likeliest candidate, and the candidates whose probabilities it sums.
    Asked for several names, it is the list the name stands in, or that another mention of it stands in
    ("Russia and Iran, once his protectors, ... Russia's struggles"), as likely as every mention of its names; a
    year of a range of years stands for the range, as likely as the range and its years; else the span alone."""
    if not question.plural:
        span = _in_range(spans[k], spans)
        return span, [k] if span is spans[k] else _within(span, spans)  # no phrase sums the phrases inside it
    mentions = [k, *(j for j, s in enumerate(spans) if s.text == spans[k].text and j != k)]  # its own list first
    listed = next((lst for j in mentions if (lst := _listed(text, spans[j], spans)) is not spans[j]), None)
    if listed is None:
        return spans[k], [k]
    inside = _within(listed, spans)
    names = {spans[j].text for j in inside}
    return listed, [j for j, s in enumerate(spans) if j in inside or s.text in names]


def _within(outer: Span, spans: Sequence[Span]) -> list[int]:
    """The indices of ``spans`` that lie inside ``outer`` (``outer`` itself too, when it is one of them)."""
    return [j for j, s in enumerate(spans) if outer.start <= s.start and s.end <= outer.end]


def _in_range(span: Span, candidates: Sequence[Span]) -> Span:
    """The range of years among ``candidates`` that a year stands in ("1912" of "1912-1914"); else the span."""
    if span.kind != SpanKind.YEAR:
        return span
    return next((s for s in candidates if s.start <= span.start and span.end <= s.end and s != span
                 and _year_range(s) is not None), span)


def _alternatives(item: Evidence, spans: Sequence[Span], probabilities: np.ndarray, chosen: ShortAnswerSpan | None,
                  year_hint: int | None) -> tuple[ShortAnswerSpan, ...]:
    """The sentence's candidate spans other than (and not inside) ``chosen``, each with its probability."""
    if chosen is None:
        return ()
    inside = chosen.span
    others = (_short(item, span, float(p), year_hint) for span, p in zip(spans, probabilities)
              if not (inside.start <= span.start and span.end <= inside.end))
    return tuple(o for o in others if o is not None)


def _short(item: Evidence, span: Span, probability: float, year_hint: int | None) -> ShortAnswerSpan | None:
    value = read_value(span, item.published, year_hint)
    if value is None:
        return None
    start, end = item.file_span(span.start, span.end)
    return ShortAnswerSpan(text=span.text, start=start, end=end, value=value, probability=probability, span=span)


def _status_span(item: Evidence, question: Question) -> ShortAnswerSpan | None:
    """A yes/no question's answer is the confirmation status a sentence states ("no official confirmation"), in a
    sentence that says something of what the question asks beyond its names: "no official confirmation of the
    asylum" does not answer "Did the president resign?"."""
    relation = question.relation_terms
    statuses = [s for s in find_statuses(item.text) if s.status.is_exact]
    if not statuses or (relation and relation.isdisjoint(sentence_terms(question, item.text))):
        return None
    found = statuses[0]
    span = Span(found.start, found.end, found.text, SpanKind.STATUS)
    start, end = item.file_span(span.start, span.end)
    return ShortAnswerSpan(text=span.text, start=start, end=end, value=found.status, probability=1.0, span=span)


def read_value(span: Span, published: str | None, year_hint: int | None = None) -> Value | None:
    """The typed value a span states: a calendar date (resolved against the article's publication date), a
    quantity, a status, or a name or phrase compared by its words."""
    if span.kind in (SpanKind.DATE, SpanKind.YEAR):
        if (years := _year_range(span)) is not None:
            return years.value
        mentions = find_dates(span.text) or find_dates(f"in {span.text}")
        return resolve_date(mentions[0], published, year_hint) if mentions else None
    if span.kind in (SpanKind.DURATION, SpanKind.COUNT, SpanKind.MONEY, SpanKind.PERCENT):
        found = find_quantities(span.text)
        if found:
            return found[0].quantity
        try:
            number = float(span.text.replace(",", ""))
        except ValueError:
            return None
        return Quantity(low=number, high=number, unit="", value=number)
    if span.kind == SpanKind.STATUS:
        found = find_statuses(span.text)
        return found[0].status if found else None
    if span.kind in (SpanKind.NAME, SpanKind.NAME_PAIR, SpanKind.TITLE, SpanKind.ADJECTIVE):
        return Name(span.text)
    return Phrase(span.text)


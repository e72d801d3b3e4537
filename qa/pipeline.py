"""The one answering pipeline: retrieve, read each article, aggregate across articles, write the answer.

``AnswerPipeline.run`` is what ``Engine.ask``, ``Engine.ask_stream`` and the llama-index query engine all call;
``answer_articles`` is its pure second half (read, aggregate, compose), which the fitting script and tests run
on articles without a store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from qa.aggregate import Finding, aggregate
from qa.answer import Answer
from qa.compose import compose_answer
from qa.question import Question, ReportAsked, read_question, search_text, without_source
from qa.reader import ArticleText, Reader, ReadOut
from qa.spans import dateline_place
from qa.values import entity_key, find_dates, infer_year, parse_published

__all__ = ["Outcome", "answer_articles", "outlet_articles", "described_articles", "year_hint", "AnswerPipeline",
           "Retrieval"]


@dataclass(frozen=True)
class Outcome:
    """An answer with what led to it: the question as read, every reading, and the finding."""

    answer: Answer
    question: Question
    readout: ReadOut
    finding: Finding


def answer_articles(text: str, vector: np.ndarray | None, articles: Sequence[ArticleText],
                    term_weights: dict[str, float], reader: Reader, *, today: date | None = None) -> Outcome:
    """Read ``articles`` for the question ``text`` and write the answer (no retrieval, no I/O). Asked what one outlet
    reports ("..., according to North Press?"), only its articles are read when any is among ``articles``;
    otherwise the outlet is one of the question's names (an agency the articles quote)."""
    question = read_question(text)
    from_outlet = outlet_articles(articles, question.according_to)
    if from_outlet:
        question, articles = without_source(question), from_outlet
    articles = described_articles(articles, question.report) or articles
    readout = reader.read(question, vector, articles, term_weights, year_hint=year_hint(articles, today))
    finding = aggregate(readout, reader.model)
    return Outcome(compose_answer(question, finding), question, readout, finding)


def outlet_articles(articles: Sequence[ArticleText], outlet: str | None) -> list[ArticleText]:
    """The articles whose outlet (their ``source``) is ``outlet``, matched by its words ("north press")."""
    if not outlet:
        return []
    wanted = entity_key(outlet)
    return [a for a in articles if a.sentences and a.sentences[0].source
            and entity_key(a.sentences[0].source) == wanted]


def described_articles(articles: Sequence[ArticleText], report: ReportAsked | None) -> list[ArticleText]:
    """The articles that fit what a question says of the report it asks about (``Question.report``): datelined at
    the place it names, and naming each source it says the report cites or quotes in the sentences read."""
    if report is None:
        return []
    cited = [re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.I) for name in report.cites]
    return [a for a in articles
            if (report.datelined is None or any((dateline_place(e.text) or "").casefold() == report.datelined.casefold()
                                                for e in a.sentences if e.position < 3))
            and all(any(name.search(e.text) for e in a.sentences) for name in cited)]


def year_hint(articles: Sequence[ArticleText], today: date | None = None) -> int | None:
    """The year the articles' undated days most likely fall in: the latest year (not after ``today``) in which
    the weekdays and dates they state together hold ("By Sunday, December 1" -> 2024); without such a pair, the
    year of the articles whose publication dates give one, when they all give the same (a report datelined "Oct 9"
    beside another dated 9 October 2025: its "on Wednesday" is 8 October 2025)."""
    pairs = []
    for article in articles:
        for item in article.sentences:
            for mention in find_dates(item.text):
                if mention.weekday is not None and mention.month and mention.day and mention.year is None:
                    pairs.append((mention.weekday, mention.month, mention.day))
    if pairs:
        return infer_year(pairs, today or date.today())
    years = {year for article in articles for item in article.sentences[:1]
             if (year := parse_published(item.published)[0]) is not None}
    return years.pop() if len(years) == 1 else None


Retrieval = Callable[[str, np.ndarray | None], tuple[Sequence[ArticleText], dict[str, float]]]
"""Question text and vector in; the articles to read (in retrieval order) and the question's term weights out."""


class AnswerPipeline:
    """Retrieval, then ``answer_articles``; the retrieval step is the engine's (store and lexical index)."""

    def __init__(self, retrieve: Retrieval, embed_query: Callable[[str], np.ndarray], reader: Reader):
        self.retrieve = retrieve
        self.embed_query = embed_query
        self.reader = reader

    def run(self, text: str) -> tuple[Outcome, Sequence[ArticleText]]:
        vector = self.embed_query(text)
        articles, weights = self.retrieve(search_text(text), vector)
        return answer_articles(text, vector, articles, weights, self.reader), articles

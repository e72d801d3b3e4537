"""Writing the answer: a ``Finding`` becomes the ``Answer`` every surface returns, with numbered exact citations.

A direct answer first, then its evidence: "Moscow [1][2][3]" and the supporting quote; for a disagreement each
side with its articles and each article's own value; for a why/how question the sentences that say it. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa.aggregate import Finding, Side, Verdict
from qa.answer import Answer, Claim, Disagreement, DistinctEntities, ShortAnswer
from qa.citations import CitationNumbers
from qa.evidence import Evidence
from index.vocab import AUXILIARIES, QUESTION_WORDS
from qa.question import Question
from qa.reader import Reading
from qa.timeline import PublicationDate, order_claims, timeline_summary
from qa.values import DateValue, Quantity, Status

__all__ = ["NOT_COVERED", "compose_answer", "topic_of", "value_kind"]

NOT_COVERED = "The articles do not answer this question."


def compose_answer(question: Question, finding: Finding) -> Answer:
    """The answer text with ``[n]`` markers, its citations, short answers, disagreements and distinct things."""
    if finding.verdict == Verdict.UNANSWERED:
        return Answer(question=question.text, answer=NOT_COVERED, answered=False)
    numbers = CitationNumbers()
    paragraphs: list[str] = []
    short_answers: list[ShortAnswer] = []
    disagreements: list[Disagreement] = []
    if finding.sides:
        for side in finding.sides:
            for reading in side.cited:
                numbers.number(reading.sentence)  # citations in reading order, best read first
            for reading in _spokesman_first(side):  # the direct answer's words first
                n = numbers.number(reading.sentence)
                short = reading.short
                short_answers.append(ShortAnswer(short.text, reading.doc_id, short.start, short.end, n))
        labelled = [f"{side_label(side)} {numbers.markers(r.sentence for r in side.cited)}"
                    for side in finding.sides]
        if finding.verdict == Verdict.DISPUTED:
            paragraphs.append("The articles disagree: " + " vs ".join(labelled) + ".")
            disagreements.append(_disagreement(question, finding.sides, numbers))
            evidence = [side.readings[0].sentence for side in finding.sides]
        else:
            paragraphs.append(labelled[0])
            evidence = list(finding.sentences)
        paragraphs.extend(f"“{item.text}” {numbers.markers([item])}" for item in evidence)
    else:
        paragraphs.append(" ".join(f"{item.text} {numbers.markers([item])}" for item in finding.sentences))
    distinct = None
    if finding.distinct:
        sides = (finding.sides[0], *finding.distinct)
        distinct = DistinctEntities(summary=_distinct_summary(question, sides, numbers),
                                    claims=tuple(_claims(sides, numbers)))
        paragraphs.append(distinct.summary)
    return Answer(question=question.text, answer="\n\n".join(p for p in paragraphs if p), answered=True,
                  citations=tuple(numbers.citations), disagreements=tuple(disagreements),
                  short_answers=tuple(short_answers), distinct_entities=distinct)


def side_label(side: Side) -> str:
    """How a side's value reads: the words of the article that speaks for it (``_spokesman``), with the day they
    name when they write no date but a day the report's own date fixes ("Wednesday (8 October 2025)" in a report
    dated 9 October): the answer says which day, the short answer stays the article's words."""
    short = _spokesman(side).short
    value = short.value
    if isinstance(value, DateValue) and value.day and value.month and not any(c.isdigit() for c in short.text):
        return f"{short.text} ({PublicationDate(value.year, value.month, value.day)})"
    return short.text


def _spokesman(side: Side) -> Reading:
    """The article whose words say a side's value: one that states the side's representative value ("24-year",
    "December 8"), words that state the value (digits, a month) before words that imply it ("Sunday")."""
    return max(side.readings, key=lambda r: (r.short.value == side.value or any(c.isdigit() for c in r.short.text),
                                             any(c.isdigit() for c in r.short.text), r.score))


def _spokesman_first(side: Side) -> list[Reading]:
    """The side's cited readings, the one whose words label the side first (its short answer is the direct
    answer)."""
    first = _spokesman(side)
    return [first, *(r for r in side.cited if r is not first)]


def topic_of(question: Question) -> str:
    """The point asked, as a phrase: "How long did X rule Syria?" -> "how long did X rule Syria"."""
    text = question.text.strip().rstrip("?").strip()
    first = text.split(" ", 1)[0].lower()
    return text[:1].lower() + text[1:] if first in QUESTION_WORDS or first in AUXILIARIES else text


def value_kind(side: Side) -> str:
    """The kind of a disagreement, as the answer JSON names it: date, number, status or entity."""
    value = side.value
    if isinstance(value, DateValue):
        return "date"
    if isinstance(value, Quantity):
        return "number"
    if isinstance(value, Status):
        return "status"
    return "entity"


def _claims(sides: Sequence[Side], numbers: CitationNumbers) -> list[Claim]:
    claims = []
    for k, side in enumerate(sides):
        for reading in side.cited:
            item: Evidence = reading.sentence
            claims.append(Claim(doc_id=reading.doc_id, n=numbers.number(item), quote=item.quote, start=item.start,
                                end=item.end, value=reading.short.text, source=item.source,
                                published=item.published, side=k))
    return claims


def _disagreement(question: Question, sides: Sequence[Side], numbers: CitationNumbers) -> Disagreement:
    """The disagreement: each side's articles with their own values, the claims oldest first, and which report is
    the later one when their dates say so."""
    topic = topic_of(question)
    parts = [", ".join(f"{r.short.text} {numbers.markers([r.sentence])}" for r in side.cited) for side in sides]
    summary = f"Sources disagree on {topic}: " + " vs ".join(parts) + "."
    found = Disagreement(topic=topic, kind=value_kind(sides[0]), summary=summary,
                         claims=tuple(_claims(sides, numbers)))
    timeline = timeline_summary(found)
    return Disagreement(topic=topic, kind=found.kind, summary=f"{summary} {timeline}" if timeline else summary,
                        claims=order_claims(found))


def _distinct_summary(question: Question, sides: Sequence[Side], numbers: CitationNumbers) -> str:
    parts = [f"{side_label(side)} {numbers.markers(r.sentence for r in side.cited)}" for side in sides]
    return ("These articles seem to be about different things that share a name, each with its own answer: "
            + "; ".join(parts) + ".")


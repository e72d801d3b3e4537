"""Value types of an answer: the one contract shared by the Python API, the CLI and the UI.

How to read and write its text is part of the contract too: ``split_markers`` finds the ``[n]`` citation markers of
an answer and ``format_markers`` writes them; ``format_date`` shows a ``published`` date ("2024-12-09", or "--12-09"
without a year) to a reader.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from index.vocab import Marker, format_date, format_markers, split_markers

__all__ = ["Answer", "Citation", "Claim", "Disagreement", "DistinctEntities", "Marker", "ShortAnswer", "format_date",
           "format_markers", "split_markers"]


@dataclass(frozen=True)
class Citation:
    """An exact quote: ``quote == open(file, encoding="utf-8").read()[start:end]``.

    ``text`` is the same sentence as a reader sees it (markup stripped, whitespace folded); for plain
    text files it differs from ``quote`` only in whitespace.
    """

    n: int
    doc_id: str
    quote: str
    start: int
    end: int
    score: float
    text: str
    title: str | None = None
    source: str | None = None
    published: str | None = None
    file: str | None = None  # the article's file (not "path": gradio_client would take the dict for a download)
    url: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class ShortAnswer:
    """The words that answer, inside cited sentence ``n``: ``text == open(file).read()[start:end]``."""

    text: str
    doc_id: str
    start: int
    end: int
    n: int

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Claim:
    """One article's evidence: the exact quote of its sentence and the value that article itself states.

    ``side`` numbers the group of compatible values the claim belongs to (0 is the first side named)."""

    doc_id: str
    n: int
    quote: str
    start: int
    end: int
    value: str
    source: str | None = None
    published: str | None = None
    side: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Disagreement:
    """Sources that state conflicting values for the point asked."""

    topic: str
    kind: str  # number | date | entity | status | other
    summary: str
    claims: tuple[Claim, ...]

    def to_dict(self) -> dict:
        return {"topic": self.topic, "kind": self.kind, "summary": self.summary,
                "claims": [c.to_dict() for c in self.claims]}


@dataclass(frozen=True)
class DistinctEntities:
    """Articles that answer about different things sharing the question's name: not a disagreement, each its own
    answer (one side a thing, numbered in ``claims[].side``)."""

    summary: str
    claims: tuple[Claim, ...]

    def to_dict(self) -> dict:
        return {"summary": self.summary, "claims": [c.to_dict() for c in self.claims]}


@dataclass(frozen=True)
class Answer:
    """What the engine says to a question, with numbered citations and any disagreements."""

    question: str
    answer: str
    answered: bool
    citations: tuple[Citation, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    answerer: str = "extractive"
    notice: str | None = None
    unsupported: tuple[str, ...] = field(default=())
    short_answers: tuple[ShortAnswer, ...] = ()
    distinct_entities: DistinctEntities | None = None

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "answered": self.answered,
            "short_answers": [s.to_dict() for s in self.short_answers],
            "citations": [c.to_dict() for c in self.citations],
            "disagreements": [d.to_dict() for d in self.disagreements],
            "distinct_entities": self.distinct_entities.to_dict() if self.distinct_entities else None,
            "answerer": self.answerer,
            "notice": self.notice,
            "unsupported": list(self.unsupported),
        }

    def _repr_markdown_(self) -> str:
        """How Jupyter shows an answer: its text with markers, disagreements in date order and numbered sources,
        article text escaped so it stays text."""
        from qa.markdown import answer_markdown

        return answer_markdown(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Answer":
        return cls(
            question=data["question"],
            answer=data["answer"],
            answered=data["answered"],
            citations=tuple(Citation(**c) for c in data.get("citations", ())),
            disagreements=tuple(
                Disagreement(topic=d["topic"], kind=d["kind"], summary=d["summary"],
                             claims=tuple(Claim(**c) for c in d["claims"]))
                for d in data.get("disagreements", ())
            ),
            answerer=data.get("answerer", "extractive"),
            notice=data.get("notice"),
            unsupported=tuple(data.get("unsupported", ())),
            short_answers=tuple(ShortAnswer(**s) for s in data.get("short_answers", ())),
            distinct_entities=_distinct_from_dict(data.get("distinct_entities")),
        )


def _distinct_from_dict(data: dict | None) -> DistinctEntities | None:
    if not data:
        return None
    return DistinctEntities(summary=data["summary"], claims=tuple(Claim(**c) for c in data["claims"]))

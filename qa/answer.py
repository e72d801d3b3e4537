"""Value types of an answer: the one contract shared by the Python API, the CLI and the UI.

How to read and write its text is part of the contract too: ``split_markers`` finds the ``[n]`` citation markers of
an answer and ``format_markers`` writes them; ``format_date`` shows a ``published`` date ("2024-12-09", or "--12-09"
without a year) to a reader.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from index.vocab import Marker, format_date, format_markers, split_markers

__all__ = ["Answer", "Citation", "Claim", "Disagreement", "Marker", "format_date", "format_markers", "split_markers"]


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
class Claim:
    """One side's evidence in a disagreement: an exact quote and the normalised value it states."""

    doc_id: str
    n: int
    quote: str
    start: int
    end: int
    value: str
    source: str | None = None
    published: str | None = None

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

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "answered": self.answered,
            "citations": [c.to_dict() for c in self.citations],
            "disagreements": [d.to_dict() for d in self.disagreements],
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
        )

"""Citation numbers: one per distinct source sentence, in order of first use, each with the Citation it names."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from index.vocab import format_markers
from qa.answer import Citation
from qa.evidence import Evidence

__all__ = ["CitationNumbers", "to_citation"]


def to_citation(n: int, item: Evidence) -> Citation:
    """The numbered citation of an evidence sentence: its exact span, readable text and article metadata."""
    return Citation(n=n, doc_id=item.doc_id, quote=item.quote, start=item.start, end=item.end,
                    score=round(item.relevance, 4), text=item.text, title=item.title, source=item.source,
                    published=item.published, file=item.path, url=item.url)


class CitationNumbers:
    """Hands out citation numbers in order of first use, one per sentence (its article and span), and keeps the
    citations in that order; a sentence cited again keeps its number."""

    def __init__(self):
        self.citations: list[Citation] = []
        self._numbers: dict[tuple[str, int, int], int] = {}

    def number(self, item: Evidence) -> int:
        """The number of an evidence sentence."""
        return self._number((item.doc_id, item.start, item.end), lambda n: to_citation(n, item))

    def renumber(self, citation: Citation) -> int:
        """The number here of a citation numbered elsewhere (an extractive answer's, taken into a generated one)."""
        return self._number((citation.doc_id, citation.start, citation.end), lambda n: replace(citation, n=n))

    def markers(self, items: Iterable[Evidence]) -> str:
        """The markers citing ``items``, in the engine's canonical form: ``[1][2]``."""
        return format_markers(self.number(item) for item in items)

    def _number(self, key: tuple[str, int, int], make: Callable[[int], Citation]) -> int:
        if key not in self._numbers:
            self._numbers[key] = len(self.citations) + 1
            self.citations.append(make(self._numbers[key]))
        return self._numbers[key]

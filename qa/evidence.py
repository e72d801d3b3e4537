"""A sentence of an article offered as evidence: what retrieval hands to answer composition and conflict detection."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from index.text import map_offsets


@dataclass(frozen=True, eq=False)
class Evidence:
    """One sentence with its exact span in the original file and the article's metadata.

    ``quote == raw_file_text[start:end]``; ``text`` is the readable form (markup stripped,
    whitespace folded). ``relevance`` is the sentence's score for the current question (0..1,
    higher is better; 0 when there is no question, as in a corpus-wide scan). ``embedding`` is
    the unit-norm sentence vector of the index's embedding model.
    """

    doc_id: str
    text: str
    quote: str
    start: int
    end: int
    title: str | None = None
    source: str | None = None
    published: str | None = None  # ISO date "2024-12-09", or "--12-09" when the year is not stated
    path: str | None = None
    url: str | None = None
    relevance: float = 0.0
    embedding: np.ndarray | None = None
    position: int = 0             # the sentence's place in its article, from 0 (0 is the headline or lead)
    offsets: str | None = None    # where each char of ``text`` lies in ``quote`` (index.text.encode_offsets)

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the article file holding ``text[start:end]``: its readable words, markup between them kept."""
        a, b = map_offsets(self.offsets, start, end)
        return self.start + a, self.start + b

    @property
    def outlet(self) -> str:
        """How to name the article to a reader: its outlet, else its title, else its id."""
        return self.source or self.title or self.doc_id

"""``EngineLike``: the engine as the browser chat and the evaluation use it, so a fake can stand in for it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from index.ingest import IngestReport
    from index.store import ArticleInfo
    from qa.answer import Answer, Citation, Disagreement
    from qa.conversation import HistoryItem
    from qa.engine import Passage

__all__ = ["EngineLike"]


@runtime_checkable
class EngineLike(Protocol):
    """Asking, ranking, the library and its disagreements: ``qa.Engine`` is one, and so is every fake engine in
    the tests."""

    @property
    def answerer(self) -> str:
        """Which answerer is active: "extractive", or the language model's description."""

    def ask(self, question: str, history: Sequence[HistoryItem] = ()) -> Answer: ...

    def ask_stream(self, question: str, history: Sequence[HistoryItem] = ()) -> Iterator[str | Answer]: ...

    def rank_documents(self, question: str, k: int = 5) -> list[str]: ...

    def articles(self) -> list[ArticleInfo]: ...

    def conflicts(self) -> list[Disagreement]: ...

    def ingest(self, paths: Iterable[str | Path], *, prune: bool = False,
               progress: Callable[[int, int, str], None] | None = None,
               show_progress: bool | None = None) -> IngestReport: ...

    def remove(self, doc_id: str) -> bool: ...

    def context(self, citation: Citation) -> Passage: ...

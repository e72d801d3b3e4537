"""Sourcewise: ask a collection of news articles and get answers with exact, verifiable citations.

The engine and the store's value types are imported on first use, so that ``from qa import Answer`` and the
command line's ``--help`` do not pay for loading llama-index and Chroma.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from index.errors import InputError, SourcewiseError, StoreError
from qa.answer import Answer, Citation, Claim, Disagreement
from qa.conversation import Turn
from qa.protocol import EngineLike

if TYPE_CHECKING:
    from index.ingest import IngestReport
    from index.store import ArticleInfo
    from qa.engine import Engine, Passage

_LAZY = {"ArticleInfo": "index.store", "Engine": "qa.engine", "IngestReport": "index.ingest", "Passage": "qa.engine"}

__all__ = ["Answer", "ArticleInfo", "Citation", "Claim", "Disagreement", "Engine", "EngineLike", "IngestReport",
           "InputError", "Passage", "SourcewiseError", "StoreError", "Turn"]


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'qa' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

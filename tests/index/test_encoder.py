"""The numpy encoder's pure parts and its behaviour on a tiny random BERT written to disk (no real weights)."""

from __future__ import annotations

import json
import math
import threading

import numpy as np
import pytest

import index.encoder as encoder_module
from index.encoder import NumpyEncoder, erf, gelu, l2_normalise, mean_pool, one_blas_thread, pad_batch
from index.errors import StoreError

WORDS = ["the", "cat", "sat", "on", "mat", "a", "dog", "ran", "far", "away", "##s"]
HIDDEN, HEADS, LAYERS, INTERMEDIATE, POSITIONS, MAX_SEQ = 8, 2, 2, 16, 32, 6


def write_tokenizer(path):
    """A word-piece tokenizer over WORDS that, like the shipped one, pads and truncates on its own."""
    from tokenizers import Tokenizer, normalizers, pre_tokenizers, processors
    from tokenizers.models import WordPiece

    vocab = {t: i for i, t in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", *WORDS])}
    tokenizer = Tokenizer(WordPiece(vocab, unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 2), ("[SEP]", 3)])
    tokenizer.enable_padding(length=16, pad_id=0, pad_token="[PAD]")
    tokenizer.enable_truncation(max_length=12)
    tokenizer.save(str(path / "tokenizer.json"))
    return len(vocab)


def write_tiny_bert(path, *, pooling: str = "pooling_mode_mean_tokens", seed: int = 7):
    """A two-layer BERT with random weights in the layout of the bundled model's folder."""
    from safetensors.numpy import save_file

    path.mkdir(parents=True, exist_ok=True)
    vocab = write_tokenizer(path)
    (path / "config.json").write_text(json.dumps({
        "model_type": "bert", "hidden_act": "gelu", "hidden_size": HIDDEN, "num_attention_heads": HEADS,
        "num_hidden_layers": LAYERS, "intermediate_size": INTERMEDIATE, "layer_norm_eps": 1e-12,
        "max_position_embeddings": POSITIONS, "position_embedding_type": "absolute"}))
    (path / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": MAX_SEQ}))
    (path / "modules.json").write_text(json.dumps([
        {"idx": 0, "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "type": "sentence_transformers.models.Normalize"}]))
    (path / "1_Pooling").mkdir(exist_ok=True)
    modes = ("pooling_mode_cls_token", "pooling_mode_mean_tokens", "pooling_mode_max_tokens")
    (path / "1_Pooling" / "config.json").write_text(json.dumps(
        {"word_embedding_dimension": HIDDEN, **{m: m == pooling for m in modes}}))
    rng = np.random.default_rng(seed)

    def rand(*shape):
        return rng.normal(0, 0.5, shape).astype(np.float32)

    state = {"embeddings.word_embeddings.weight": rand(vocab, HIDDEN),
             "embeddings.position_embeddings.weight": rand(POSITIONS, HIDDEN),
             "embeddings.token_type_embeddings.weight": rand(2, HIDDEN),
             "embeddings.LayerNorm.weight": 1 + rand(HIDDEN), "embeddings.LayerNorm.bias": rand(HIDDEN)}
    for i in range(LAYERS):
        p = f"encoder.layer.{i}"
        for name, (out, inp) in {"attention.self.query": (HIDDEN, HIDDEN), "attention.self.key": (HIDDEN, HIDDEN),
                                 "attention.self.value": (HIDDEN, HIDDEN), "attention.output.dense": (HIDDEN, HIDDEN),
                                 "intermediate.dense": (INTERMEDIATE, HIDDEN),
                                 "output.dense": (HIDDEN, INTERMEDIATE)}.items():
            state[f"{p}.{name}.weight"], state[f"{p}.{name}.bias"] = rand(out, inp), rand(out)
        for name in ("attention.output.LayerNorm", "output.LayerNorm"):
            state[f"{p}.{name}.weight"], state[f"{p}.{name}.bias"] = 1 + rand(HIDDEN), rand(HIDDEN)
    save_file(state, str(path / "model.safetensors"))
    return path


@pytest.fixture
def tiny(tmp_path):
    return NumpyEncoder(write_tiny_bert(tmp_path / "tiny"), batch_size=2)


# -- pure parts ------------------------------------------------------------------------------

def test_erf_matches_the_standard_library_to_float32_resolution():
    xs = np.linspace(-7, 7, 20001, dtype=np.float32)
    expected = np.array([math.erf(float(x)) for x in xs])
    assert np.abs(erf(xs) - expected).max() < 1e-6
    assert erf(xs).dtype == np.float32


def test_gelu_is_the_erf_form_not_the_tanh_approximation():
    xs = np.linspace(-6, 6, 2001, dtype=np.float32)
    exact = np.array([0.5 * x * (1 + math.erf(x / math.sqrt(2))) for x in map(float, xs)])
    tanh_form = 0.5 * xs * (1 + np.tanh(math.sqrt(2 / math.pi) * (xs + 0.044715 * xs ** 3)))
    assert np.abs(gelu(xs) - exact).max() < 2e-6
    assert np.abs(tanh_form - exact).max() > 1e-4


def test_mean_pool_averages_real_tokens_only():
    hidden = np.arange(2 * 4 * 3, dtype=np.float32).reshape(2, 4, 3)
    mask = np.array([[1, 1, 0, 0], [1, 1, 1, 1]])
    hidden[0, 2:] = 1e6
    pooled = mean_pool(hidden, mask)
    np.testing.assert_allclose(pooled[0], hidden[0, :2].mean(axis=0))
    np.testing.assert_allclose(pooled[1], hidden[1].mean(axis=0))


def test_l2_normalise_gives_unit_rows_and_leaves_a_zero_row_zero():
    vectors = np.array([[3, 4], [0, 0], [-1e-3, 0]], dtype=np.float32)
    with np.errstate(all="raise"):
        unit = l2_normalise(vectors)
    np.testing.assert_allclose(unit, [[0.6, 0.8], [0, 0], [-1, 0]])


def test_pad_batch_pads_right_and_masks_the_padding():
    ids, mask = pad_batch([[2, 5, 3], [2, 3]])
    assert ids.tolist() == [[2, 5, 3], [2, 3, 0]]
    assert mask.tolist() == [[1, 1, 1], [1, 1, 0]]


def test_bundled_tokenizer_truncates_to_max_seq_length_and_pads_nothing():
    encoder = NumpyEncoder()
    assert encoder.max_seq_length == 256
    long_ids, short_ids = encoder.token_ids(["Damascus fell to the rebels. " * 200, "Where did Assad go?"])
    assert len(long_ids) == 256 and long_ids[0] == 101 and long_ids[-1] == 102
    assert 3 < len(short_ids) < 16 and 0 not in short_ids


# -- the forward pass on a tiny random BERT ------------------------------------------------------

def test_tokenizer_settings_of_the_folder_are_replaced_by_max_seq_length(tiny):
    assert tiny.token_ids(["The cat sat on the mat and ran far away", "a dog", "Dogs"]) == [
        [2, 4, 5, 6, 7, 3], [2, 9, 10, 3], [2, 10, 14, 3]]


def test_text_beyond_max_seq_length_is_cut_like_its_first_word_pieces(tiny):
    long, cut = tiny.encode(["the cat sat on the mat far away", "the cat sat on"])
    np.testing.assert_allclose(long, cut, atol=1e-6)


def test_a_batch_gives_each_text_the_vector_it_gets_alone(tiny):
    texts = ["a dog", "the cat sat on the mat", "dogs ran", "the cat", "away"]
    batched = tiny.encode(texts)
    alone = np.stack([tiny.encode([t])[0] for t in texts])
    np.testing.assert_allclose(batched, alone, atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(batched, axis=1), 1, atol=1e-6)
    assert len({tuple(np.round(v, 4)) for v in batched}) == len(texts)


def test_llama_index_surface_returns_plain_lists_that_agree(tiny):
    query = tiny.get_query_embedding("the cat sat")
    assert isinstance(query, list) and len(query) == HIDDEN and all(isinstance(x, float) for x in query)
    np.testing.assert_allclose(query, tiny.get_text_embedding("the cat sat"), atol=1e-7)
    batch = tiny.get_text_embedding_batch(["the cat sat", "a dog"], show_progress=False)
    np.testing.assert_allclose(batch[0], query, atol=1e-6)
    assert tiny.model_name == str(tiny.model_path) and tiny.dimension == HIDDEN


def test_model_identity_is_the_folder_like_the_sentence_transformers_model(tiny):
    from index.embedding import model_identity

    assert model_identity(tiny) == (str(tiny.model_path), HIDDEN)


def test_an_empty_batch_reads_no_weights(tiny, monkeypatch):
    monkeypatch.setattr(tiny, "_read_weights", lambda: pytest.fail("weights read for nothing"))
    assert tiny.encode([]).shape == (0, HIDDEN)


def test_concurrent_first_queries_load_the_weights_once(tiny, monkeypatch):
    reads = []
    original = tiny._read_weights

    def counted():
        reads.append(1)
        threading.Event().wait(0.05)
        return original()

    monkeypatch.setattr(tiny, "_read_weights", counted)
    results = [None] * 8
    start = threading.Barrier(8)

    def ask(i):
        start.wait()
        results[i] = tiny.get_query_embedding("the cat sat on the mat")

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(reads) == 1
    assert all(r == results[0] for r in results)


def test_other_pooling_is_refused_with_the_mode_named(tmp_path):
    with pytest.raises(StoreError, match="pooling_mode_cls_token"):
        NumpyEncoder(write_tiny_bert(tmp_path / "cls", pooling="pooling_mode_cls_token"))


def test_missing_safetensors_weights_say_so_on_first_use(tmp_path):
    folder = write_tiny_bert(tmp_path / "noweights")
    (folder / "model.safetensors").unlink()
    encoder = NumpyEncoder(folder)
    with pytest.raises(StoreError, match="no model.safetensors"):
        encoder.get_query_embedding("the cat")


def test_batch_size_must_be_positive(tmp_path):
    with pytest.raises(ValueError, match="batch_size must be > 0, got 0"):
        NumpyEncoder(write_tiny_bert(tmp_path / "t"), batch_size=0)


def test_one_blas_thread_limits_while_any_user_is_inside_and_restores_after():
    from threadpoolctl import threadpool_info

    def blas_threads():
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]

    before = blas_threads()
    with one_blas_thread():
        with one_blas_thread():
            assert set(blas_threads()) == {1}
        assert set(blas_threads()) == {1}
    assert blas_threads() == before


def test_phrase_vectors_are_the_encoders_and_encode_each_phrase_once(tiny, monkeypatch):
    phrases = ["a dog", "the cat", "a dog"]
    first = tiny.phrase_vectors(phrases)
    np.testing.assert_allclose(np.stack(first), tiny.encode(phrases), atol=1e-6)
    encoded = []
    real_encode = tiny.encode
    monkeypatch.setattr(tiny, "encode", lambda texts: encoded.append(list(texts)) or real_encode(texts))
    again = tiny.phrase_vectors(["the cat", "away", "a dog", "away"])
    assert encoded == [["away"]]
    np.testing.assert_allclose(again[0], first[1])
    np.testing.assert_allclose(again[2], first[0])


def test_a_full_phrase_cache_forgets_the_phrase_used_longest_ago_not_all(tiny, monkeypatch):
    monkeypatch.setattr(encoder_module, "PHRASE_CACHE", 2)
    tiny.phrase_vectors(["a dog", "the cat"])
    tiny.phrase_vectors(["a dog"])          # used again: "the cat" is now the oldest
    tiny.phrase_vectors(["away"])
    encoded = []
    real_encode = tiny.encode
    monkeypatch.setattr(tiny, "encode", lambda texts: encoded.append(list(texts)) or real_encode(texts))
    tiny.phrase_vectors(["a dog", "away", "the cat"])
    assert encoded == [["the cat"]]

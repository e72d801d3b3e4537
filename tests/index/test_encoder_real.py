"""The numpy encoder against the sentence-transformers model ingest uses: same word pieces, same vectors."""

from __future__ import annotations

import json

import numpy as np
import pytest

from index.embedding import MODEL_ID, BundledEmbedding, model_identity
from index.encoder import NumpyEncoder
from index.store import ChromaStore
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.slow
MIN_COSINE = 0.9999


@pytest.fixture(scope="module")
def numpy_encoder():
    return NumpyEncoder().load()


@pytest.fixture(scope="module")
def seed_store(seed_engine, numpy_encoder):
    """The seed store built by sentence-transformers, opened under the numpy encoder's model identity."""
    model_id, dimension = model_identity(numpy_encoder)
    return ChromaStore.connect(path=seed_engine.stats()["store"], model_id=model_id,
                               dimension=dimension).open(create=False)


@pytest.fixture(scope="module")
def seed_sentences(seed_store):
    return [s.text for s in seed_store.iter_sentences()]


@pytest.fixture(scope="module")
def seed_texts(seed_store, seed_sentences):
    """What ingest embedded (every chunk and sentence of the seeds), plus whole articles past 256 tokens."""
    chunks = [c.text for c in seed_store.iter_chunks()]
    articles = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir()) if p.is_file()]
    return chunks + seed_sentences + articles


def gold_questions() -> list[str]:
    lines = (ROOT / "tests" / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()]


def cosines(a, b) -> np.ndarray:
    return (np.asarray(a, dtype=np.float64) * np.asarray(b, dtype=np.float64)).sum(axis=1)


def test_the_numpy_encoder_has_the_identity_of_the_model_that_built_the_store(numpy_encoder, real_embed):
    assert model_identity(numpy_encoder) == model_identity(real_embed) == (MODEL_ID, 384)


def test_the_bundled_model_in_parts_embeds_questions_and_few_texts_in_numpy_and_many_with_the_ingest_model(
        real_embed, monkeypatch):
    bundled = BundledEmbedding()
    assert model_identity(bundled) == model_identity(real_embed)
    assert bundled._texts is None, "knowing the model's identity loads no weights"
    question = "Where did Assad go?"
    assert cosines([bundled.get_query_embedding(question)], [real_embed.get_query_embedding(question)])[0] >= MIN_COSINE
    assert bundled._texts is None, "a question runs through the numpy encoder"
    text = "Bashar al-Assad arrived in Moscow with his family."
    few = bundled.get_text_embedding_batch([text])
    assert cosines(few, real_embed.get_text_embedding_batch([text]))[0] >= MIN_COSINE
    assert bundled._texts is None, "a few texts run through the numpy encoder too"
    monkeypatch.setattr("index.embedding.NUMPY_TEXTS", 0)  # a batch larger than that loads the ingest model
    assert bundled.get_text_embedding_batch([text]) == real_embed.get_text_embedding_batch([text])
    assert bundled._texts is not None


def test_ingest_adds_no_instruction_so_a_query_embeds_like_a_text(real_embed):
    assert not any(real_embed._model.prompts.values())
    question = "Where did Assad go?"
    assert cosines([real_embed.get_query_embedding(question)], [real_embed.get_text_embedding(question)])[0] > 0.99999


def test_word_pieces_match_sentence_transformers_including_truncation(numpy_encoder, real_embed, seed_texts):
    batch = real_embed._model.preprocess(seed_texts)
    expected = [ids[mask.bool()].tolist() for ids, mask in zip(batch["input_ids"], batch["attention_mask"])]
    got = numpy_encoder.token_ids(seed_texts)
    assert got == expected
    assert sum(len(ids) == 256 for ids in got) >= 5


def test_text_vectors_match_the_ingest_model_for_every_seed_text(numpy_encoder, real_embed, seed_texts):
    expected = real_embed.get_text_embedding_batch(seed_texts)
    similarity = cosines(numpy_encoder.get_text_embedding_batch(seed_texts), expected)
    worst = int(similarity.argmin())
    assert similarity.min() >= MIN_COSINE, f"cosine {similarity[worst]:.6f} for {seed_texts[worst][:80]!r}"


def test_query_vectors_match_the_ingest_model(numpy_encoder, real_embed, seed_sentences):
    queries = gold_questions() + seed_sentences[::4]
    expected = [real_embed.get_query_embedding(q) for q in queries]
    similarity = cosines([numpy_encoder.get_query_embedding(q) for q in queries], expected)
    worst = int(similarity.argmin())
    assert similarity.min() >= MIN_COSINE, f"cosine {similarity[worst]:.6f} for {queries[worst][:80]!r}"


def test_questions_find_the_same_chunks_in_a_store_built_by_sentence_transformers(numpy_encoder, real_embed,
                                                                                 seed_store):
    for question in gold_questions():
        ours = seed_store.query_chunks(np.asarray(numpy_encoder.get_query_embedding(question)), 10)
        theirs = seed_store.query_chunks(np.asarray(real_embed.get_query_embedding(question)), 10)
        assert [i for i, _, _ in ours] == [i for i, _, _ in theirs], question

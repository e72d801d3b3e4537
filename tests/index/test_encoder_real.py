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
def seed_store(tmp_path_factory, real_embed, numpy_encoder):
    """A seed store built by sentence-transformers, opened under the numpy encoder's model identity."""
    from qa import Engine

    path = tmp_path_factory.mktemp("st-seed-store") / "store"
    Engine.from_paths([SEEDS], store=path, embed_model=real_embed, show_progress=False).close()
    model_id, dimension = model_identity(numpy_encoder)
    return ChromaStore.connect(path=path, model_id=model_id, dimension=dimension).open(create=False)


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


def test_the_bundled_model_embeds_questions_and_texts_in_numpy_as_sentence_transformers_does(real_embed,
                                                                                          seed_sentences):
    bundled = BundledEmbedding(batch_size=5)
    assert model_identity(bundled) == model_identity(real_embed)
    assert bundled._encoder is None, "knowing the model's identity loads no weights"
    question = "Where did Assad go?"
    assert cosines([bundled.get_query_embedding(question)], [real_embed.get_query_embedding(question)])[0] >= MIN_COSINE
    assert isinstance(bundled.query_encoder, NumpyEncoder) and bundled.query_encoder.batch_size == 5
    texts = seed_sentences[:23]  # several batches, the last one short
    assert cosines(bundled.get_text_embedding_batch(texts), real_embed.get_text_embedding_batch(texts)).min() \
        >= MIN_COSINE


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

"""Ingest sends each sentence through the embedding model once, and derives chunk vectors from sentence vectors."""

import shutil

import numpy as np
import pytest

from index.chunking import word_token_estimate
from index.ingest import ingest, unit_mean
from index.text import map_offsets
from tests.conftest import SEEDS
from tests.fakes import HashedBagOfWords
from tests.index.test_store import open_store


def cosine(a, b) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


class CountingEmbedding(HashedBagOfWords):
    """The hashed fake, noting every text it is asked to embed."""

    seen: list = []

    def _get_text_embeddings(self, texts):
        self.seen.extend(texts)
        return [self._vector(t) for t in texts]


def test_each_sentence_is_embedded_once_and_chunks_are_the_length_weighted_mean(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "articles")
    model = CountingEmbedding(seen=[])
    store = open_store(tmp_path / "store")
    report = ingest([tmp_path / "articles"], store, model, word_token_estimate, show_progress=False)
    assert len(model.seen) == len(set(model.seen)) > 0.95 * report.sentences, "each distinct sentence once"

    chunks = list(store.iter_chunks())
    got = store._chunks.get(ids=[c.id for c in chunks], include=["embeddings"])
    vectors = dict(zip(got["ids"], np.asarray(got["embeddings"])))
    for chunk in chunks:
        sentences = chunk.sentences
        assert {s.text for s in sentences} <= set(model.seen)
        for sentence in sentences:  # kept as float16: the same direction as the model's vector
            assert cosine(sentence.embedding, model._vector(sentence.text)) >= 0.99999
        weights = np.array([[len(s.text)] for s in sentences], dtype=np.float32)
        expected = unit_mean(np.stack([model._vector(s.text) for s in sentences]) * weights)
        assert vectors[chunk.id] == pytest.approx(expected, abs=1e-6)


def test_a_sentence_that_two_articles_print_word_for_word_is_embedded_once_and_stored_for_both(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    wire = "The agency said the port would reopen on Monday after repairs."
    (folder / "a.txt").write_text(f"Port to reopen\n\n{wire} Crews worked through the night.\n", encoding="utf-8")
    (folder / "b.txt").write_text(f"Harbour news\n\nShips waited offshore. {wire}\n", encoding="utf-8")
    model = CountingEmbedding(seen=[])
    store = open_store(tmp_path / "store")
    report = ingest([folder], store, model, word_token_estimate, show_progress=False)
    assert model.seen.count(wire) == 1 and len(model.seen) == report.sentences - 1
    stored = [s for c in store.iter_chunks() for s in c.sentences if s.text == wire]
    assert sorted(s.doc_id for s in stored) == ["a", "b"]
    assert all(cosine(s.embedding, model._vector(wire)) >= 0.99999 for s in stored)


def test_unit_mean_is_a_unit_vector_and_keeps_a_zero_mean_zero():
    assert np.linalg.norm(unit_mean(np.array([[3.0, 0.0], [0.0, 4.0]]))) == pytest.approx(1.0)
    assert unit_mean(np.array([[1.0, 0.0], [-1.0, 0.0]])).tolist() == [0.0, 0.0]


def test_sentences_keep_their_place_and_their_map_to_the_file_when_embedded_once(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    page = folder / "port.html"
    page.write_text("<html><body><h1>Port news</h1><p>The port of <b>Tartus</b> stayed open &amp; busy on Monday."
                    "</p><p>Ships   left at dawn.</p></body></html>", encoding="utf-8")
    store = open_store(tmp_path / "store")
    ingest([folder], store, CountingEmbedding(seen=[]), word_token_estimate, show_progress=False)
    sentences = [s for c in sorted(store.iter_chunks(), key=lambda c: c.index) for s in c.sentences]
    assert [s.position for s in sentences] == list(range(len(sentences)))
    raw = page.read_text(encoding="utf-8")
    port = next(s for s in sentences if "Tartus" in s.text)
    assert port.offsets, "the quote holds markup, so the sentence carries its map to the file"
    for word in ("Tartus", "&", "busy"):
        at = port.text.index(word)
        start, end = map_offsets(port.offsets, at, at + len(word))
        assert raw[port.start + start:port.start + end] == {"&": "&amp;"}.get(word, word)

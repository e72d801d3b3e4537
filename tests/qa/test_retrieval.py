"""Hybrid search over the store and its on-disk lexical index: a rare exact term reaches the reader through the
lexical side even when the dense side does not see it."""

import numpy as np
import pytest

from index.vocab import content_terms
from qa import Engine
from qa.lexical import reciprocal_rank_fusion
from qa.retrieval import SearchSettings
from tests.fakes import HashedBagOfWords

QUESTION = "Which quay did notice 4471 close?"


class BlindToNumbers(HashedBagOfWords):
    """The hashed fake without any term holding a digit: a dense model that cannot tell bulletin numbers apart."""

    def _vector(self, text: str) -> list[float]:
        return super()._vector(" ".join(t for t in content_terms(text) if not any(c.isdigit() for c in t)))


def test_a_rare_exact_term_is_read_though_fusion_would_bury_it(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(30):
        (folder / f"harbour-{i:02d}.txt").write_text(
            f"Harbour notice {i + 1}\nThe harbour notice said the quay would close at the port on day {i + 1}. "
            "Officials said the quay notice was routine and the quay would close briefly.\n", encoding="utf-8")
    (folder / "weather.txt").write_text(
        "Weather on the coast\nRain fell over the coast on Monday and fishermen stayed home. "
        "Notice 4471 shut the northern quay until further notice.\n", encoding="utf-8")
    with Engine.from_paths([folder], store=tmp_path / "store", embed_model=BlindToNumbers(),
                           show_progress=False) as engine:
        search, corpus = engine.search, engine._corpus
        vector = engine._embed_query(QUESTION)
        lexical = [cid for cid, _ in corpus.search(QUESTION, search.settings.lexical_k)]
        target = lexical[0]
        assert target.startswith("weather"), "the on-disk BM25 ranks the chunk with the rare term first"
        dense = [cid for cid, _, _ in engine._store.query_chunks(np.asarray(vector), search.settings.dense_k)]
        fused = [cid for cid, _ in reciprocal_rank_fusion([dense, lexical])[:search.settings.fused_k]]
        assert target not in fused, "the scenario: fusion alone would bury it"

        assert target in [cid for cid, _ in search.rank_chunks(QUESTION, vector)]
        articles, _ = search.articles(QUESTION, vector)
        read = [a.doc_id for a in articles]
        assert len(read) > search.settings.max_articles and read[-1].startswith("weather"), read
        assert any("4471" in e.text for e in articles[-1].sentences)
        assert "4471" in engine.ask(QUESTION).answer


def test_a_chunk_with_one_answering_sentence_outranks_one_that_only_shares_words(tmp_path):
    """A chunk's vector is the mean of its sentences', so one sentence that states the answer among unrelated ones
    is blurred; blending in the best sentence's similarity (``sentence_weight``) brings that chunk first."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "answer.txt").write_text(
        "Town diary\nThe river ferry will resume service on Tuesday. Bakers sold bread and cakes at the market. "
        "Farmers brought apples, pears and plums. Children played football near the school. Musicians performed "
        "songs in the square. Tourists photographed old churches downtown.\n", encoding="utf-8")
    (folder / "words.txt").write_text(
        "Notes\nThe river was high all week. Ferry crews waited at the pier. Service notices were posted at noon. "
        "A resume date is unknown.\n", encoding="utf-8")
    question = "When will the river ferry resume service?"
    with Engine.from_paths([folder], store=tmp_path / "store", embed_model=HashedBagOfWords(),
                           show_progress=False) as engine:
        search, vector = engine.search, engine._embed_query(question)
        view = engine._corpus.view()
        search.settings = SearchSettings(sentence_weight=0.0)
        assert search.dense_chunks(view, vector)[0].startswith("words"), "the scenario: the chunk mean alone misleads"
        search.settings = SearchSettings(sentence_weight=0.5)
        assert search.dense_chunks(view, vector)[0].startswith("answer")


def test_search_settings_reject_a_sentence_weight_outside_zero_to_one():
    with pytest.raises(ValueError, match="sentence_weight"):
        SearchSettings(sentence_weight=1.5)

"""Hybrid search over the store and its on-disk lexical index: a rare exact term reaches the reader through the
lexical side even when the dense side does not see it."""

import numpy as np

from index.vocab import content_terms
from qa import Engine
from qa.lexical import reciprocal_rank_fusion
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

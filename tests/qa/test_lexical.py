import pytest

from qa.lexical import BM25Index, reciprocal_rank_fusion


def test_bm25_ranks_by_rare_shared_terms_and_forgets_removed_documents():
    index = BM25Index()
    index.add("moscow", "Assad arrived in Moscow with his family")
    index.add("rule", "Assad ended his 24-year rule over Syria")
    index.add("other", "Thousands celebrated in the streets of Syria")
    assert [key for key, _ in index.search("How long was Assad's rule?", 3)][0] == "rule"
    assert [key for key, _ in index.search("Where is Assad now, Moscow?", 1)] == ["moscow"]
    index.remove("moscow")
    assert "moscow" not in [key for key, _ in index.search("Moscow", 3)]
    assert len(index) == 2


def test_bm25_rare_terms_weigh_more():
    index = BM25Index()
    for i in range(10):
        index.add(f"common{i}", "Syria Syria news")
    index.add("rare", "asylum granted")
    weights = index.term_weights("Syria asylum")
    assert weights["asylum"] > weights["syria"]


def test_bm25_validates_arguments():
    with pytest.raises(ValueError, match="b must be within"):
        BM25Index(b=2)
    with pytest.raises(ValueError, match="k must be > 0, got 0"):
        BM25Index().search("x", 0)


def test_rrf_rewards_agreement_between_rankings():
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["b", "c", "a"]], k=60)
    assert fused[0][0] == "b"
    assert reciprocal_rank_fusion([["x"], []])[0] == ("x", pytest.approx(1 / 61))

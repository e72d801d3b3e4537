import pytest

from qa.lexical import reciprocal_rank_fusion


def test_rrf_rewards_agreement_between_rankings():
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["b", "c", "a"]], k=60)
    assert fused[0][0] == "b"
    assert reciprocal_rank_fusion([["x"], []])[0] == ("x", pytest.approx(1 / 61))


def test_rrf_validates_k():
    with pytest.raises(ValueError, match="k must be > 0, got 0"):
        reciprocal_rank_fusion([["x"]], k=0)

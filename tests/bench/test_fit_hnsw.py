"""The vector-graph fit's recall measure, on a real Chroma collection of small random vectors."""

from __future__ import annotations

import numpy as np

from bench import fit_hnsw


def test_a_search_that_finds_the_exact_nearest_has_recall_one_and_ties_count_as_found(tmp_path):
    rng = np.random.default_rng(7)
    distinct = fit_hnsw.unit(rng.normal(size=(60, 16)))
    vectors = np.concatenate([distinct, distinct[:20]])  # 20 repeated vectors: the exact 5 nearest are ties
    queries = fit_hnsw.unit(distinct[:10] + 0.01 * rng.normal(size=(10, 16)))
    got = fit_hnsw.measure((16, 100, 100), vectors, queries, fit_hnsw.exact_kth(queries, vectors, 5), 5, tmp_path)
    assert got["found"] == [1.0] * 10  # Chroma returns one copy or the other of each tie: either is as near
    assert got["build_s"] > 0 and got["query_ms"] > 0


def test_recall_counts_only_vectors_as_near_as_the_exact_kth(tmp_path):
    rng = np.random.default_rng(8)
    vectors = fit_hnsw.unit(rng.normal(size=(50, 16)))
    queries = vectors[:4]
    impossible = np.full(4, 2.0)  # no cosine reaches 2: nothing returned is near enough
    got = fit_hnsw.measure((16, 100, 100), vectors, queries, impossible, 5, tmp_path)
    assert got["found"] == [0.0] * 4

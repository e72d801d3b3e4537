"""Choose the vector index's graph (Chroma's HNSW settings, ``index.store.VECTOR_INDEX``) by how many of the
exact nearest neighbours it finds for the development questions; the held-out questions are only reported.

    python -m bench.fit_hnsw [--target 0.999] [--data DIR]

HNSW search is approximate. Every setting of ``GRID`` builds a Chroma collection of the sentence vectors of every
development article (RGB en_fact snippets and RAMDocs documents, read back from stores that ``Engine.from_paths``
built, so they are the vectors ingest writes) and searches it with each question's vector. Its recall is the share
of the exact ``dense_k`` nearest (cosine, by numpy) that Chroma returns; the sentences are used rather than the
chunks because there are four times as many, and a larger index is the harder case. The chosen setting is the first
in ``GRID`` whose recall over the tune questions reaches ``--target``. ``GRID`` is ordered by what a question
costs, ``ef_search`` first: the graph's own settings only slow ingest, where embedding costs far more.

Then the choice is checked where a user meets it: the RAMDocs retrieval store is built a second time from the same
files with ``VECTOR_INDEX`` as the code has it, and the script counts the questions whose dense ``dense_k`` chunks
differ between the two builds (a rebuild of the same files should retrieve the same chunks).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bench import devdata, devset

GRID = (  # (max_neighbors, ef_construction, ef_search), cheapest question first; the first is Chroma's default
    (16, 100, 100),
    (16, 100, 200),
    (16, 200, 200),
    (32, 200, 200),
    (16, 100, 400),
    (32, 400, 400),
)
DEFAULT_TARGET = 0.999
_TIE = 1e-5  # float32 rounding between Chroma's distances and numpy's


def unit(rows: np.ndarray) -> np.ndarray:
    rows = np.asarray(rows, dtype=np.float32)
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)


def exact_kth(queries: np.ndarray, vectors: np.ndarray, k: int) -> np.ndarray:
    """Each query's cosine to its ``k``-th nearest vector, by exact search (unit rows)."""
    return -np.partition(-(queries @ vectors.T), k - 1, axis=1)[:, k - 1]


def development_vectors(data, tmp: Path, cached) -> tuple[np.ndarray, list, np.ndarray]:
    """The stored sentence vectors of every development article, the retrieval questions, and their vectors."""
    from qa import Engine

    sentences, questions = [], []
    for rset in devdata.retrieval_sets(devdata.data_dir(data)):
        folder, store = _articles_and_store(tmp, rset.dataset)
        devset.write_articles(folder, rset.articles)
        with Engine.from_paths([folder], store=store, embed_model=cached, show_progress=False) as engine:
            cached.save()
            sentences.extend(s.embedding for s in engine.search.store.iter_sentences() if s.embedding is not None)
            questions.extend(rset.questions)
    query_vectors = [cached.get_query_embedding(q.question) for q in questions]
    return unit(np.stack(sentences)), questions, unit(query_vectors)


def measure(setting: tuple[int, int, int], vectors: np.ndarray, queries: np.ndarray, exact: np.ndarray, k: int,
            tmp: Path) -> dict:
    """One setting's recall of each question's exact ``k`` nearest (``exact``: the similarity of each question's
    ``k``-th nearest), its build time and its query time."""
    import chromadb

    neighbours, ef_construction, ef_search = setting
    folder = Path(tempfile.mkdtemp(dir=tmp))
    client = chromadb.PersistentClient(str(folder), settings=chromadb.Settings(anonymized_telemetry=False))
    collection = client.create_collection(
        "fit-hnsw", embedding_function=None,
        configuration={"hnsw": {"space": "cosine", "max_neighbors": neighbours, "ef_construction": ef_construction,
                                "ef_search": ef_search}})
    ids = [str(i) for i in range(len(vectors))]
    started = time.perf_counter()
    for start in range(0, len(ids), 4000):
        collection.add(ids=ids[start:start + 4000], embeddings=vectors[start:start + 4000])
    collection.query(query_embeddings=queries[:1], n_results=k, include=[])  # loads the index
    build_s = time.perf_counter() - started
    found, took = [], []
    for query, kth in zip(queries, exact):
        started = time.perf_counter()
        got = collection.query(query_embeddings=[query], n_results=k, include=[])["ids"][0]
        took.append(time.perf_counter() - started)
        # Identical sentences (repeated boilerplate, copied articles) tie: any of them is as near as another
        similarity = vectors[[int(i) for i in got]] @ query
        found.append(float(np.sum(similarity >= kth - _TIE)) / k if len(got) else 0.0)
    client.delete_collection("fit-hnsw")
    return {"found": found, "build_s": build_s, "query_ms": statistics.median(took) * 1000}


def _articles_and_store(tmp: Path, dataset: str) -> tuple[Path, Path]:
    """Where ``development_vectors`` writes a retrieval set's articles and builds their store."""
    return tmp / dataset, tmp / f"{dataset}-store"


def rebuild_differences(data, tmp: Path, cached, k: int) -> tuple[int, int]:
    """Questions of the RAMDocs retrieval set whose dense top ``k`` chunks differ between two builds of its store:
    the one ``development_vectors`` built and a second build of the same article files."""
    from qa import Engine

    rset = next(r for r in devdata.retrieval_sets(devdata.data_dir(data)) if r.dataset == "ramdocs")
    folder, built = _articles_and_store(tmp, rset.dataset)
    runs = []
    for store in (built, tmp / f"{rset.dataset}-rebuilt"):
        with Engine.from_paths([folder], store=store, embed_model=cached, show_progress=False) as engine:
            runs.append([[hit[0] for hit in engine.search.store.query_chunks(
                np.asarray(cached.get_query_embedding(q.question), dtype=np.float32), k)] for q in rset.questions])
    return sum(a != b for a, b in zip(*runs)), len(rset.questions)


def fit(target: float, data=None, grid: Sequence[tuple[int, int, int]] = GRID, printer=print):
    from index.embedding import load_embed_model
    from index.store import VECTOR_INDEX
    from qa.retrieval import SearchSettings

    k = SearchSettings().dense_k
    cached = devset.CachedEmbedding(load_embed_model(), devset.OUT / f"embeddings-{devset.cache_tag()}.npz")
    with tempfile.TemporaryDirectory(prefix="sourcewise-fit-hnsw-", dir=devset.scratch_dir()) as tmp:
        tmp = Path(tmp)
        vectors, questions, queries = development_vectors(data, tmp, cached)
        exact = exact_kth(queries, vectors, k)
        printer(f"{len(vectors)} sentence vectors, {len(questions)} questions, recall of the exact top {k}")
        splits = [q.split for q in questions]
        chosen = None
        for setting in grid:
            got = measure(setting, vectors, queries, exact, k, tmp)
            recall = {split: statistics.mean(f for f, s in zip(got["found"], splits) if s == split)
                      for split in devdata.SPLITS}
            missing = {split: sum(f < 1 for f, s in zip(got["found"], splits) if s == split) for split in recall}
            printer(f"max_neighbors {setting[0]:2d}, ef_construction {setting[1]:3d}, ef_search {setting[2]:3d}: "
                    + "; ".join(f"{split} recall {recall[split]:.4f} ({missing[split]} questions miss any)"
                                for split in recall)
                    + f"; build {got['build_s']:.1f} s, query p50 {got['query_ms']:.2f} ms")
            if chosen is None and recall["tune"] >= target:
                chosen = setting
        differ, total = rebuild_differences(data, tmp, cached, k)
        shipped = (VECTOR_INDEX["max_neighbors"], VECTOR_INDEX["ef_construction"], VECTOR_INDEX["ef_search"])
        printer(f"two builds of the RAMDocs store with the shipped {shipped}: the dense top {k} differs for "
                f"{differ} of {total} questions")
    return chosen


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", type=float, default=DEFAULT_TARGET,
                        help=f"recall of the exact nearest to reach on tune (default {DEFAULT_TARGET})")
    parser.add_argument("--data", help="development data folder (default ../shared/data)")
    args = parser.parse_args(argv)
    if not 0.0 < args.target <= 1.0:
        sys.exit("fit_hnsw: --target must lie in (0, 1]")
    chosen = fit(args.target, args.data)
    if chosen is None:
        sys.exit(f"fit_hnsw: no setting reaches recall {args.target} on tune")
    print(f"chosen on tune: max_neighbors {chosen[0]}, ef_construction {chosen[1]}, ef_search {chosen[2]}")


if __name__ == "__main__":
    main()

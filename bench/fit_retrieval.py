"""Fit how much a dense hit's best sentence counts against its chunk vector, on the tune split of the development
data; the held-out split is only reported.

    python -m bench.fit_retrieval [--weights 0 0.25 0.5 0.75 1] [--data DIR]

A chunk's vector is the mean of its sentences' vectors (ingest embeds each sentence once), which blurs the one
sentence a short question matches. The dense ranking re-orders Chroma's nearest chunks by
``(1 - w) * chunk similarity + w * best sentence similarity`` (``SearchSettings.sentence_weight``). Each weight is
scored by the top-5 article hit and MRR@10 of ``Engine.rank_documents`` over the two retrieval stores of
``bench.devset`` (every RGB snippet; every RAMDocs document), and the chosen weight is the one with the best mean
top-5 hit over the two datasets' tune questions, MRR breaking ties. The stores are built once per run with the
cached vectors of the bundled model (``bench.devset.CachedEmbedding``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from bench import devdata, devset

DEFAULT_WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0)


def score(engine, questions, k: int = devset.RETRIEVAL_K) -> dict[str, dict[str, float]]:
    """Top-5 article hit and MRR@k of the engine's ranking, per split."""
    per_split: dict[str, list[dict[str, float]]] = {}
    for question in questions:
        ranked = engine.rank_documents(question.question, k=k)
        per_split.setdefault(question.split, []).append(devset.rank_scores(ranked, question.relevant))
    return {split: {name: statistics.mean(v[name] for v in values) for name in ("hit5", "mrr")} | {"n": len(values)}
            for split, values in per_split.items()}


def fit(weights, data=None, printer=print) -> tuple[float, dict]:
    """Every weight's figures by dataset and split, and the weight chosen on tune."""
    from index.embedding import load_embed_model
    from qa import Engine

    cached = devset.CachedEmbedding(load_embed_model(), devset.OUT / f"embeddings-{devset.cache_tag()}.npz")
    figures: dict[float, dict[str, dict]] = {w: {} for w in weights}
    with tempfile.TemporaryDirectory(prefix="sourcewise-fit-retrieval-", dir=devset.scratch_dir()) as tmp:
        for rset in devdata.retrieval_sets(devdata.data_dir(data)):
            folder = Path(tmp) / rset.dataset
            devset.write_articles(folder, rset.articles)
            with Engine.from_paths([folder], store=Path(tmp) / f"{rset.dataset}-store", embed_model=cached,
                                   show_progress=False) as engine:
                cached.save()
                for w in weights:
                    engine.search.settings = replace(engine.search.settings, sentence_weight=w)
                    figures[w][rset.dataset] = score(engine, rset.questions)
                    printer(_line(w, rset.dataset, figures[w][rset.dataset]))

    def on_tune(w):
        tune = [figures[w][d]["tune"] for d in figures[w]]
        return statistics.mean(t["hit5"] for t in tune), statistics.mean(t["mrr"] for t in tune)

    return max(weights, key=on_tune), figures


def _line(w: float, dataset: str, by_split: dict) -> str:
    parts = [f"{split} hit5 {v['hit5']:.3f} MRR {v['mrr']:.3f} (n={v['n']})" for split, v in sorted(
        by_split.items(), key=lambda item: item[0] != "tune")]
    return f"w={w:.2f} {dataset:8s} " + "; ".join(parts)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--weights", type=float, nargs="+", default=list(DEFAULT_WEIGHTS))
    parser.add_argument("--data", help="development data folder (default ../shared/data)")
    args = parser.parse_args(argv)
    if any(not 0.0 <= w <= 1.0 for w in args.weights):
        sys.exit("fit_retrieval: weights must lie in [0, 1]")
    chosen, _ = fit(args.weights, args.data)
    print(f"chosen on tune: sentence_weight = {chosen}")


if __name__ == "__main__":
    main()

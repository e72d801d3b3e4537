"""The numpy encoder against sentence-transformers: cold import and load, per-question latency, and texts/s at
several batch sizes on the sentences ingest embeds (where ``index.encoder.ENCODE_BATCH`` comes from).

    python -m bench.encoder [--cold-runs 3] [--queries 200] [--batch-runs 3] [--batch-texts 1500]

Cold figures come from fresh processes (median of --cold-runs); the rest run in this process with both models
loaded. Each figure is printed with the load average (1 min) around it: on a shared machine, read them with that
in mind. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "Where did Assad go?"

_COLD_NUMPY = """
import json, time
t0 = time.perf_counter()
from index.encoder import NumpyEncoder
t1 = time.perf_counter()
encoder = NumpyEncoder().load()
t2 = time.perf_counter()
encoder.get_query_embedding(QUESTION)
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "first_query_s": t3 - t2}))
"""

_COLD_SENTENCE_TRANSFORMERS = """
import json, time
t0 = time.perf_counter()
import torch
from index.embedding import load_embed_model
from llama_index.embeddings.huggingface import HuggingFaceEmbedding
t1 = time.perf_counter()
model = load_embed_model()
t2 = time.perf_counter()
torch.set_num_threads(1)
model.get_query_embedding(QUESTION)
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "first_query_s": t3 - t2}))
"""


@contextmanager
def single_threaded() -> Iterator[None]:
    """Run torch on one thread: one short query gains nothing from two, and on a busy machine two threads
    spin-wait on each other (measured here: 16 ms on one thread against 440 ms on two under load)."""
    import torch

    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def load() -> float:
    return os.getloadavg()[0]


def cold(script: str) -> dict:
    """One fresh interpreter: import, load and first question, plus the whole process's wall time."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    before = load()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", f"QUESTION = {QUESTION!r}\n{script}"], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return {**figures, "process_s": wall, "load": (before + load()) / 2}


def median_of(runs: list[dict]) -> dict:
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def latencies_ms(embed, n: int) -> dict:
    for _ in range(5):
        embed(QUESTION)
    before = load()
    times = []
    for _ in range(n):
        started = time.perf_counter()
        embed(QUESTION)
        times.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": float(np.percentile(times, 50)), "p90_ms": float(np.percentile(times, 90)),
            "load": (before + load()) / 2}


def throughput(embed_batch, texts: list[str], runs: int) -> dict:
    before = load()
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        embed_batch(texts)
        seconds.append(time.perf_counter() - started)
    return {"texts_per_s": len(texts) / statistics.median(seconds), "runs_s": seconds, "load": (before + load()) / 2}


def ingest_texts(embed_model, limit: int) -> list[str]:
    """What ingest embeds: the distinct sentences of articles, cut by the product's chunker and the model's own
    tokenizer; the seeds first, then RAMDocs dev documents (real web text, when the data is present), ``limit`` in
    all."""
    from bench.devdata import DATA_ENV, DEFAULT_DATA, RAMDOCS_FILE
    from index.chunking import chunk_article
    from index.embedding import MAX_CHUNK_TOKENS, model_token_counter
    from index.readers import SourceDoc, read_sources

    count = model_token_counter(embed_model)
    articles = [doc.text for doc in read_sources([ROOT / "seeds"]) if isinstance(doc, SourceDoc)]
    ramdocs = Path(os.environ.get(DATA_ENV) or DEFAULT_DATA) / RAMDOCS_FILE
    if ramdocs.is_file():
        for line in ramdocs.read_text(encoding="utf-8").splitlines():
            articles.extend(d["text"] for d in json.loads(line)["documents"])
    texts: dict[str, None] = {}
    for text in articles:
        for chunk in chunk_article(text, count, max_tokens=MAX_CHUNK_TOKENS):
            texts.update((s.text, None) for s in chunk.sentences)
        if len(texts) >= limit:
            break
    return list(texts)[:limit]


def run(*, cold_runs: int = 3, queries: int = 200, batch_runs: int = 3, batch_texts: int = 1500,
        printer=print) -> dict:
    """Every figure, printed as measured and returned as a dict."""
    results: dict = {"cpus": os.cpu_count()}
    for name, script in (("numpy", _COLD_NUMPY), ("sentence_transformers", _COLD_SENTENCE_TRANSFORMERS)):
        runs = [cold(script) for _ in range(cold_runs)]
        results[f"cold_{name}"] = figures = median_of(runs)
        printer(f"cold {name}: import {figures['import_s']:.2f} s, load {figures['load_s']:.2f} s, first question "
                f"{figures['first_query_s'] * 1000:.0f} ms; whole process {figures['process_s']:.2f} s "
                f"(median of {cold_runs}; load {figures['load']:.1f})")

    from index.embedding import load_embed_model
    from index.encoder import ENCODE_BATCH, NumpyEncoder, one_blas_thread

    encoder = NumpyEncoder().load()
    model = load_embed_model()

    def st_query_one_thread(q):
        with single_threaded():
            return model.get_query_embedding(q)

    def numpy_query_default_threads(q):
        return encoder.encode([q])[0]

    for name, embed in (("numpy, 1 thread", encoder.get_query_embedding),
                        ("numpy, default threads", numpy_query_default_threads),
                        ("sentence-transformers, 1 thread", st_query_one_thread),
                        ("sentence-transformers, default threads", model.get_query_embedding)):
        results[f"query {name}"] = figures = latencies_ms(embed, queries)
        printer(f"question {QUESTION!r}, {name}: p50 {figures['p50_ms']:.1f} ms, p90 {figures['p90_ms']:.1f} ms "
                f"over {queries} (load {figures['load']:.1f})")

    texts = ingest_texts(model, batch_texts)

    def numpy_at(size: int, one_thread: bool = False):
        sized = NumpyEncoder(batch_size=size).load()

        def embed_batch(batch):
            if not one_thread:
                return sized.encode(batch)
            with one_blas_thread():
                return sized.encode(batch)
        return embed_batch

    def st_at(size: int, one_thread: bool = False):
        def embed_batch(batch):
            if not one_thread:
                return model._model.encode(batch, batch_size=size, normalize_embeddings=True)
            with single_threaded():
                return model._model.encode(batch, batch_size=size, normalize_embeddings=True)
        return embed_batch

    runs = [(f"numpy, batch {n}", numpy_at(n)) for n in (8, 16, 32, 64)]
    runs += [(f"numpy, batch {ENCODE_BATCH}, 1 thread", numpy_at(ENCODE_BATCH, one_thread=True))]
    runs += [(f"sentence-transformers, batch {n}", st_at(n)) for n in (16, 64)]
    runs += [("sentence-transformers, batch 16, 1 thread", st_at(16, one_thread=True))]
    for name, embed_batch in runs:
        embed_batch(texts[:32])  # warm up
        results[f"batch {name}"] = figures = throughput(embed_batch, texts, batch_runs)
        printer(f"{len(texts)} distinct article sentences, {name}: {figures['texts_per_s']:.1f} texts/s "
                f"(median of {batch_runs}; load {figures['load']:.1f})")

    similarity = (np.asarray(encoder.encode(texts), dtype=np.float64)
                  * np.asarray(model.get_text_embedding_batch(texts), dtype=np.float64)).sum(axis=1)
    results["cosine"] = {"min": float(similarity.min()), "mean": float(similarity.mean()), "texts": len(texts)}
    printer(f"cosine numpy vs sentence-transformers over those texts: min {similarity.min():.7f}, "
            f"mean {similarity.mean():.7f}")
    return results


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--batch-runs", type=int, default=3)
    parser.add_argument("--batch-texts", type=int, default=1500, help="sentences per throughput run")
    args = parser.parse_args(argv)
    run(cold_runs=args.cold_runs, queries=args.queries, batch_runs=args.batch_runs, batch_texts=args.batch_texts)


if __name__ == "__main__":
    main()

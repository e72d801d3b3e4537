"""Core figures: ingest throughput against the raw encoder, unchanged re-ingest, warm ask latency.

    python -m bench.core [--articles 200] [--reingest 1000] [--asks 200]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.synth import SEEDS, write_collection

SEED_QUESTIONS = [
    "Where did Assad go?", "How long did Bashar al-Assad rule Syria?", "On what date did Damascus fall to the rebels?",
    "Who leads HTS?", "Did the Russian government officially confirm the asylum?",
    "Which news agency reported the asylum?", "Why did Russia grant asylum?", "What did Guterres say?",
    "What will the weather be in Moscow tomorrow?", "Where did Jolani speak?",
]


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def bench_ingest(work: Path, articles: int, embed_model) -> dict:
    """Ingest a fresh collection, then encode exactly the same texts with SentenceTransformer.encode."""
    from sentence_transformers import SentenceTransformer

    from index.chunking import chunk_article
    from index.embedding import bundled_model_path, model_token_counter
    from index.readers import read_sources
    from qa import Engine

    folder = work / "ingest-articles"
    write_collection(folder, articles)
    started = time.perf_counter()
    engine = Engine.from_paths([folder], store=work / "ingest-store", embed_model=embed_model, show_progress=False)
    pipeline = time.perf_counter() - started
    report = engine.last_report

    count = model_token_counter(embed_model)
    texts = []
    for doc in read_sources([folder]):
        for chunk in chunk_article(doc.text, count):
            texts.append(chunk.text)
            texts.extend(s.text for s in chunk.sentences)
    model = SentenceTransformer(bundled_model_path(), device="cpu")  # the same weights the pipeline embeds with
    started = time.perf_counter()
    model.encode(texts, batch_size=64, normalize_embeddings=True)
    raw = time.perf_counter() - started
    return {"articles": articles, "chunks": report.chunks, "sentences": report.sentences, "texts": len(texts),
            "pipeline_s": pipeline, "raw_encode_s": raw,
            "pipeline_chunks_per_s": report.chunks / pipeline, "raw_chunks_per_s": report.chunks / raw,
            "ratio": raw / pipeline}


def bench_reingest(work: Path, articles: int, embed_model) -> dict:
    from qa import Engine

    folder = work / "reingest-articles"
    write_collection(folder, articles, seed=11)
    engine = Engine.from_paths([folder], store=work / "reingest-store", embed_model=embed_model, show_progress=False)
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        report = engine.ingest([folder], show_progress=False)
        timings.append(time.perf_counter() - started)
        assert report.unchanged == articles and report.chunks == 0, report.summary()
    return {"articles": articles, "reingest_s": min(timings), "reingest_runs_s": timings}


def bench_ask(work: Path, asks: int, embed_model) -> dict:
    from qa import Engine

    engine = Engine.from_paths([SEEDS], store=work / "ask-store", embed_model=embed_model, show_progress=False)
    for question in SEED_QUESTIONS:
        engine.ask(question)  # warm
    latencies = []
    for i in range(asks):
        question = SEED_QUESTIONS[i % len(SEED_QUESTIONS)]
        started = time.perf_counter()
        engine.ask(question)
        latencies.append((time.perf_counter() - started) * 1000)
    return {"asks": asks, "p50_ms": percentile(latencies, 50), "p95_ms": percentile(latencies, 95),
            "mean_ms": statistics.fmean(latencies)}


def run(*, articles: int = 200, reingest: int = 1000, asks: int = 200, embed_model=None, printer=print) -> dict:
    """All three core figures, printed as they are measured and returned as {"ingest", "ask", "reingest"} dicts."""
    if embed_model is None:
        from index.embedding import load_embed_model

        embed_model = load_embed_model()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ingest = bench_ingest(work, articles, embed_model)
        printer(f"ingest: {ingest['articles']} articles, {ingest['chunks']} chunks + {ingest['sentences']} sentences "
                f"embedded in {ingest['pipeline_s']:.1f} s = {ingest['pipeline_chunks_per_s']:.1f} chunks/s; "
                f"raw SentenceTransformer.encode of the same {ingest['texts']} texts: {ingest['raw_encode_s']:.1f} s "
                f"= {ingest['raw_chunks_per_s']:.1f} chunks/s; pipeline at {ingest['ratio']:.0%} of raw "
                "(target >= 80%)")
        ask = bench_ask(work, asks, embed_model)
        printer(f"warm ask on seeds: p50 {ask['p50_ms']:.1f} ms, p95 {ask['p95_ms']:.1f} ms over {ask['asks']} asks "
                "(target p50 < 100 ms)")
        again = bench_reingest(work, reingest, embed_model)
        printer(f"re-ingest of {again['articles']} unchanged articles: {again['reingest_s']:.2f} s "
                f"(best of 3; target < 2 s)")
    return {"ingest": ingest, "ask": ask, "reingest": again}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--reingest", type=int, default=1000)
    parser.add_argument("--asks", type=int, default=200)
    args = parser.parse_args(argv)
    run(articles=args.articles, reingest=args.reingest, asks=args.asks)


if __name__ == "__main__":
    main()

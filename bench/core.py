"""Core figures: cold `sourcewise ask` and `sourcewise --help` against the code before the change, ingest throughput
against that code and the raw encoder, unchanged re-ingest, warm ask latency.

    python -m bench.core [--articles 200] [--reingest 1000] [--asks 200] [--cold-runs 5] [--baseline COMMIT|none]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.baseline import BEFORE_ISSUE_11
from bench.synth import SEEDS, write_collection

SEED_QUESTIONS = [
    "Where did Assad go?", "How long did Bashar al-Assad rule Syria?", "On what date did Damascus fall to the rebels?",
    "Who leads HTS?", "Did the Russian government officially confirm the asylum?",
    "Which news agency reported the asylum?", "Why did Russia grant asylum?", "What did Guterres say?",
    "What will the weather be in Moscow tomorrow?", "Where did Jolani speak?",
]


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def bench_ingest(work: Path, articles: int, embed_model, baseline: str | None = None) -> dict:
    """Ingest a fresh collection with this code, and with the code at ``baseline`` (a git commit, in a fresh process,
    same articles, same machine, same run); then encode the article text once with SentenceTransformer.encode, as
    sentences and as chunks: the floor any design pays."""
    from sentence_transformers import SentenceTransformer

    from bench import baseline as before_change
    from index.chunking import chunk_article
    from index.embedding import MAX_CHUNK_TOKENS, bundled_model_path, model_token_counter
    from index.readers import read_sources
    from qa import Engine

    folder = work / "ingest-articles"
    write_collection(folder, articles)
    started = time.perf_counter()
    engine = Engine.from_paths([folder], store=work / "ingest-store", embed_model=embed_model, show_progress=False)
    pipeline = time.perf_counter() - started
    report = engine.last_report
    engine.close()

    count = model_token_counter(embed_model)
    chunks, sentences = [], []
    for doc in read_sources([folder]):
        for chunk in chunk_article(doc.text, count, max_tokens=MAX_CHUNK_TOKENS):
            chunks.append(chunk.text)
            sentences.extend(s.text for s in chunk.sentences)
    model = SentenceTransformer(bundled_model_path(), device="cpu")  # the same weights the pipeline embeds with
    raw = {}
    for name, texts in (("sentences", sentences), ("chunks", chunks)):
        started = time.perf_counter()
        model.encode(texts, batch_size=64, normalize_embeddings=True)
        raw[name] = time.perf_counter() - started
    floor = min(raw.values())
    figures = {"articles": articles, "chunks": report.chunks, "sentences": report.sentences,
               "texts": len(sentences), "distinct_sentences": len(set(sentences)), "pipeline_s": pipeline,
               "articles_per_s": articles / pipeline,
               "texts_per_s": len(sentences) / pipeline, "raw_sentences_s": raw["sentences"],
               "raw_chunks_s": raw["chunks"], "raw_encode_s": floor, "floor_texts_per_s": len(sentences) / floor,
               "pipeline_chunks_per_s": report.chunks / pipeline, "raw_chunks_per_s": report.chunks / floor,
               "ratio": floor / pipeline}
    if baseline:
        code = (f"import json, time\nfrom index.embedding import load_embed_model\nfrom qa import Engine\n"
                f"model = load_embed_model()\nmodel.get_text_embedding_batch(['warm up the model'] * 8)\n"
                f"started = time.perf_counter()\n"
                f"engine = Engine.from_paths([{str(folder)!r}], store={str(work / 'before-store')!r}, "
                f"embed_model=model, show_progress=False)\n"
                f"seconds = time.perf_counter() - started\nr = engine.last_report\n"
                f"print(json.dumps({{'seconds': seconds, 'added': r.added, 'chunks': r.chunks, "
                f"'sentences': r.sentences}}))\n")
        before = before_change.run(code, baseline)
        figures.update({"baseline": baseline, "before_s": before["seconds"],
                        "before_articles_per_s": before["added"] / before["seconds"],
                        "before_texts": before["chunks"] + before["sentences"],
                        "speedup": before["seconds"] / pipeline})
    return figures


def _command_seconds(argv: list[str], tree: Path) -> float:
    """Wall time of one `sourcewise` command in a fresh process, run from the source tree ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree), "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "ui.cli", *argv], cwd=tree, env=env, capture_output=True, text=True,
                          timeout=600)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"`sourcewise {' '.join(argv)}` in {tree} failed: {done.stderr.strip()[-300:]}")
    return seconds


def drop_page_cache() -> None:
    """Empty the OS page cache (root only), so the next command reads its files from disk as after a reboot."""
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError as error:
        raise SystemExit(f"--drop-caches needs root (writing /proc/sys/vm/drop_caches failed: {error})") from error


def bench_cold(work: Path, runs: int, baseline: str | None = None, *, drop_caches: bool = False) -> dict:
    """`sourcewise ask` and `sourcewise --help` as a terminal user runs them, each in a fresh process (median of
    ``runs``), by this code and by the code at ``baseline``, runs interleaved so both see the same machine. Each
    code asks its own store of seeds/, written by its own `sourcewise ingest` (store formats differ between them).
    With ``drop_caches`` the page cache is emptied before each command: the first ask after a reboot."""
    from bench import baseline as before_change

    trees = {"now": Path(__file__).resolve().parent.parent}
    if baseline:
        trees["before"] = before_change.checkout(baseline)
    stores = {who: work / f"cold-store-{who}" for who in trees}
    for who, tree in trees.items():
        _command_seconds(["ingest", str(SEEDS), "--store", str(stores[who])], tree)
    timings: dict[str, list[float]] = {f"{who}_{what}": [] for who in trees for what in ("ask", "help")}
    for _ in range(runs):
        for who, tree in trees.items():
            if drop_caches:
                drop_page_cache()
            timings[f"{who}_ask"].append(_command_seconds(["ask", SEED_QUESTIONS[0], "--store", str(stores[who])],
                                                          tree))
            if drop_caches:
                drop_page_cache()
            timings[f"{who}_help"].append(_command_seconds(["--help"], tree))
    figures = {"runs": runs, "page_cache": "dropped" if drop_caches else "warm",
               **{f"{k}_s": statistics.median(v) for k, v in timings.items()},
               **{f"{k}_runs_s": v for k, v in timings.items()}}
    if baseline:
        figures.update({"baseline": baseline, "ask_speedup": figures["before_ask_s"] / figures["now_ask_s"]})
    return figures


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


def run(*, articles: int = 200, reingest: int = 1000, asks: int = 200, cold_runs: int = 5, embed_model=None,
        printer=print, baseline: str | None = None, drop_caches: bool = False) -> dict:
    """All core figures, printed as they are measured and returned as {"cold", "ingest", "ask", "reingest"} dicts;
    with ``baseline`` (a git commit), cold start and ingest are also measured with the code at that commit, in the
    same run."""
    if embed_model is None:
        from index.embedding import load_embed_model

        embed_model = load_embed_model()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cold = bench_cold(work, cold_runs, baseline, drop_caches=drop_caches)
        printer(f"cold `sourcewise ask` on the seeds: {cold['now_ask_s']:.2f} s, `sourcewise --help` "
                f"{cold['now_help_s']:.2f} s (median of {cold['runs']} fresh processes, page cache "
                f"{cold['page_cache']})")
        if "before_ask_s" in cold:
            printer(f"cold before the change ({cold['baseline']}), same seeds, same run: "
                    f"ask {cold['before_ask_s']:.2f} s, --help {cold['before_help_s']:.2f} s; "
                    f"ask now x{cold['ask_speedup']:.1f} faster (target >= x5)")
        ingest = bench_ingest(work, articles, embed_model, baseline)
        printer(f"ingest: {ingest['articles']} articles ({ingest['chunks']} chunks, {ingest['sentences']} sentences, "
                f"{ingest['distinct_sentences']} distinct: the rest repeat one word for word) in "
                f"{ingest['pipeline_s']:.1f} s = {ingest['articles_per_s']:.2f} articles/s, "
                f"{ingest['texts_per_s']:.0f} texts/s")
        if "before_s" in ingest:
            printer(f"ingest before the change ({ingest['baseline']}, {ingest['before_texts']} texts embedded): "
                    f"{ingest['before_s']:.1f} s = {ingest['before_articles_per_s']:.2f} articles/s; now "
                    f"x{ingest['speedup']:.2f} (target >= x2)")
        printer(f"raw SentenceTransformer.encode of the article text once: as {ingest['texts']} sentences "
                f"{ingest['raw_sentences_s']:.1f} s, as {ingest['chunks']} chunks {ingest['raw_chunks_s']:.1f} s; "
                f"floor {ingest['floor_texts_per_s']:.0f} texts/s; pipeline at {ingest['ratio']:.0%} of the floor")
        ask = bench_ask(work, asks, embed_model)
        printer(f"warm ask on seeds: p50 {ask['p50_ms']:.1f} ms, p95 {ask['p95_ms']:.1f} ms over {ask['asks']} asks "
                "(target p50 < 100 ms)")
        again = bench_reingest(work, reingest, embed_model)
        printer(f"re-ingest of {again['articles']} unchanged articles: {again['reingest_s']:.2f} s "
                f"(best of 3; target < 2 s)")
    return {"cold": cold, "ingest": ingest, "ask": ask, "reingest": again}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--reingest", type=int, default=1000)
    parser.add_argument("--asks", type=int, default=200)
    parser.add_argument("--cold-runs", type=int, default=5, help="fresh processes per cold command and code")
    parser.add_argument("--drop-caches", action="store_true",
                        help="as root, empty the OS page cache before each cold command (the first ask after a "
                             "reboot; it slows everything else on the machine for a moment)")
    parser.add_argument("--baseline", default=BEFORE_ISSUE_11, metavar="COMMIT",
                        help="also measure ingest with the code at this commit (default: %(default)s, main before "
                             "issue 11); 'none' to skip")
    args = parser.parse_args(argv)
    run(articles=args.articles, reingest=args.reingest, asks=args.asks, cold_runs=args.cold_runs,
        baseline=None if args.baseline == "none" else args.baseline, drop_caches=args.drop_caches)


if __name__ == "__main__":
    main()

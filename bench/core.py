"""Core figures: cold `sourcewise ask` and `sourcewise --help` against the code before the change, ingest throughput
against that code and the raw encoder (on synthetic articles and on RAMDocs dev web documents), unchanged
re-ingest, warm ask latency.

    python -m bench.core [--articles 200] [--web-articles 600] [--reingest 1000] [--asks 200] [--cold-runs 5]
                         [--baseline COMMIT|none]
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
from bench.synth import SEEDS, write_collection, write_web_collection

SEED_QUESTIONS = [
    "Where did Assad go?", "How long did Bashar al-Assad rule Syria?", "On what date did Damascus fall to the rebels?",
    "Who leads HTS?", "Did the Russian government officially confirm the asylum?",
    "Which news agency reported the asylum?", "Why did Russia grant asylum?", "What did Guterres say?",
    "What will the weather be in Moscow tomorrow?", "Where did Jolani speak?",
]


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def bench_ingest(work: Path, name: str, write, embed_model, baseline: str | None = None) -> dict:
    """Ingest a fresh collection (``write(folder)`` makes it) with this code, and with the code at ``baseline`` (a
    git commit, in a fresh process, same articles, same machine, same run); then encode the article text once, as
    sentences, with the numpy encoder and with SentenceTransformer.encode at its best batch size: the floor any
    design pays."""
    from sentence_transformers import SentenceTransformer

    from bench import baseline as before_change
    from index.chunking import chunk_article
    from index.embedding import MAX_CHUNK_TOKENS, bundled_model_path, model_token_counter
    from index.encoder import ENCODE_BATCH, NumpyEncoder
    from index.readers import SourceDoc, read_sources
    from qa import Engine

    folder = work / f"ingest-{name}"
    write(folder)
    started = time.perf_counter()
    engine = Engine.from_paths([folder], store=work / f"ingest-store-{name}", embed_model=embed_model,
                               show_progress=False)
    pipeline = time.perf_counter() - started
    report = engine.last_report
    engine.close()

    count = model_token_counter(embed_model)
    docs = [doc for doc in read_sources([folder]) if isinstance(doc, SourceDoc)]  # as ingest skips unreadable files
    sentences = [s.text for doc in docs
                 for chunk in chunk_article(doc.text, count, max_tokens=MAX_CHUNK_TOKENS) for s in chunk.sentences]
    st_model = SentenceTransformer(bundled_model_path(), device="cpu")  # the same weights, the reference runtime
    numpy_encoder = NumpyEncoder(batch_size=ENCODE_BATCH).load()
    raw = {}
    for runtime, encode in (("numpy", numpy_encoder.encode),
                            ("sentence_transformers", lambda texts: st_model.encode(
                                texts, batch_size=16, normalize_embeddings=True))):
        encode(sentences[:32])
        started = time.perf_counter()
        encode(sentences)
        raw[runtime] = time.perf_counter() - started
    floor = min(raw.values())
    articles = report.added
    figures = {"collection": name, "articles": articles, "unreadable": len(report.failed), "chunks": report.chunks,
               "sentences": report.sentences,
               "texts": len(sentences), "distinct_sentences": len(set(sentences)), "pipeline_s": pipeline,
               "articles_per_s": articles / pipeline, "texts_per_s": len(sentences) / pipeline,
               "raw_numpy_s": raw["numpy"], "raw_sentence_transformers_s": raw["sentence_transformers"],
               "raw_encode_s": floor, "floor_texts_per_s": len(sentences) / floor, "ratio": floor / pipeline}
    if baseline:
        code = (f"import json, time\nfrom index.embedding import load_embed_model\nfrom qa import Engine\n"
                f"model = load_embed_model()\nmodel.get_text_embedding_batch(['warm up the model'] * 8)\n"
                f"started = time.perf_counter()\n"
                f"engine = Engine.from_paths([{str(folder)!r}], store={str(work / f'before-store-{name}')!r}, "
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


def run(*, articles: int = 200, web_articles: int = 600, reingest: int = 1000, asks: int = 200, cold_runs: int = 5,
        embed_model=None, printer=print, baseline: str | None = None, drop_caches: bool = False) -> dict:
    """All core figures, printed as they are measured and returned as {"cold", "ingest", "ask", "reingest"} dicts;
    with ``baseline`` (a git commit), cold start and ingest are also measured with the code at that commit, in the
    same run."""
    if embed_model is None:
        from index.embedding import BundledEmbedding

        embed_model = BundledEmbedding()  # what `sourcewise` and `Engine` embed with
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
        ingest = {}
        for name, write in (("synthetic", lambda folder: write_collection(folder, articles)),
                            ("web", lambda folder: write_web_collection(folder, web_articles))):
            ingest[name] = figures = bench_ingest(work, name, write, embed_model, baseline)
            repeated = 1 - figures["distinct_sentences"] / max(figures["texts"], 1)
            skipped = f"; {figures['unreadable']} files skipped as unreadable" if figures["unreadable"] else ""
            printer(f"ingest, {name}: {figures['articles']} articles ({figures['chunks']} chunks, "
                    f"{figures['sentences']} sentences, {repeated:.0%} of them repeats of another word for word"
                    f"{skipped}) in "
                    f"{figures['pipeline_s']:.1f} s = {figures['articles_per_s']:.2f} articles/s, "
                    f"{figures['texts_per_s']:.0f} texts/s")
            if "before_s" in figures:
                printer(f"  before the change ({figures['baseline']}, {figures['before_texts']} texts embedded): "
                        f"{figures['before_s']:.1f} s = {figures['before_articles_per_s']:.2f} articles/s; now "
                        f"x{figures['speedup']:.2f} (target >= x2)")
            printer(f"  raw encode of those sentences once: numpy {figures['raw_numpy_s']:.1f} s, "
                    f"SentenceTransformer.encode {figures['raw_sentence_transformers_s']:.1f} s; floor "
                    f"{figures['floor_texts_per_s']:.0f} texts/s; pipeline at {figures['ratio']:.0%} of the floor")
        ask = bench_ask(work, asks, embed_model)
        printer(f"warm ask on seeds: p50 {ask['p50_ms']:.1f} ms, p95 {ask['p95_ms']:.1f} ms over {ask['asks']} asks "
                "(target p50 < 100 ms)")
        again = bench_reingest(work, reingest, embed_model)
        printer(f"re-ingest of {again['articles']} unchanged articles: {again['reingest_s']:.2f} s "
                f"(best of 3; target < 2 s)")
    return {"cold": cold, "ingest": ingest, "ask": ask, "reingest": again}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200, help="synthetic articles to ingest")
    parser.add_argument("--web-articles", type=int, default=600, help="RAMDocs web documents to ingest")
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
    run(articles=args.articles, web_articles=args.web_articles, reingest=args.reingest, asks=args.asks,
        cold_runs=args.cold_runs,
        baseline=None if args.baseline == "none" else args.baseline, drop_caches=args.drop_caches)


if __name__ == "__main__":
    main()

"""The benchmark report: bench/REPORT.md (machine, versions, figures, targets) and bench/scale.png.

    python -m bench.report [bench/out/results.json]     # rewrite the report from saved figures

`python -m bench` measures and calls ``write_report``; this module only formats, it measures nothing.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "bench" / "REPORT.md"
PLOT = ROOT / "bench" / "scale.png"
RESULTS = ROOT / "bench" / "out" / "results.json"
PACKAGES = ("torch", "sentence-transformers", "transformers", "chromadb", "llama-index-core",
            "llama-index-embeddings-huggingface", "gradio", "numpy")
ASK_TARGET_MS = 150
ASK_TARGET_ARTICLES = 10_000


# -- the machine -----------------------------------------------------------------------------------------------------


def machine_info() -> dict:
    """CPU model, cores, RAM, OS and the load average now (the machine may be shared)."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = int(line.split()[1]) / 2**20
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": ram_gb, "os": platform.platform(),
            "python": sys.version.split()[0], "load_1min": round(os.getloadavg()[0], 2)}


def package_versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


# -- the plot --------------------------------------------------------------------------------------------------------

MODE_COLOURS = {"embedded": "#1f77b4", "server": "#d62728"}


def plot_scale(scale: dict, path: Path = PLOT) -> Path:
    """Two panels against articles (log x): warm ask p50/p95, and peak RSS while serving and ingesting."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    rows = scale["rows"]
    fig, (latency, memory) = plt.subplots(1, 2, figsize=(12, 6), dpi=110)
    for mode in sorted({r["mode"] for r in rows}):
        mine = sorted((r for r in rows if r["mode"] == mode), key=lambda r: r["articles"])
        x = [r["articles"] for r in mine]
        colour = MODE_COLOURS.get(mode, "black")
        latency.plot(x, [r["p50_ms"] for r in mine], "-", color=colour, lw=2)
        latency.plot(x, [r["p95_ms"] for r in mine], "--", color=colour, lw=1.5)
        memory.plot(x, [r["serve_peak_rss_mb"] for r in mine], "-", color=colour, lw=2)
        memory.plot(x, [r["ingest_peak_rss_mb"] for r in mine], "--", color=colour, lw=1.5)
        memory.plot(x, [r["store_bytes"] / 2**20 for r in mine], ":", color=colour, lw=1.5)
        for r in mine:  # filled marker: real vectors; hollow: hashed stand-in text vectors
            face = colour if r["real_vectors"] else "white"
            for axis, values in ((latency, (r["p50_ms"], r["p95_ms"])),
                                 (memory, (r["serve_peak_rss_mb"], r["ingest_peak_rss_mb"],
                                           r["store_bytes"] / 2**20))):
                axis.plot([r["articles"]] * len(values), values, "o", color=colour, markerfacecolor=face, ms=6)
    latency.axhline(ASK_TARGET_MS, color="grey", lw=1, ls="-.")
    latency.annotate(f"target p50 {ASK_TARGET_MS} ms", (0.02, ASK_TARGET_MS), xycoords=("axes fraction", "data"),
                     xytext=(0, 4), textcoords="offset points", color="grey", fontsize=9)
    latency.set(title="Warm ask latency", xlabel="articles (log)", ylabel="ms", xscale="log")
    latency.set_ylim(bottom=0)
    memory.set(title="Memory and store size", xlabel="articles (log)", ylabel="MB", xscale="log")
    memory.set_ylim(bottom=0)

    modes = [Line2D([], [], color=MODE_COLOURS.get(m, "black"), lw=2, label=f"{m} store")
             for m in sorted({r["mode"] for r in rows})]
    real = [Line2D([], [], ls="", marker="o", color="black", label="real vectors"),
            Line2D([], [], ls="", marker="o", color="black", markerfacecolor="white",
                   label="stand-in text vectors, real query vectors")]
    below = {"fontsize": 8.5, "loc": "upper center", "bbox_to_anchor": (0.5, -0.16), "ncol": 2, "frameon": False}
    latency.legend(handles=modes + [Line2D([], [], color="black", label="p50"),
                                    Line2D([], [], color="black", ls="--", label="p95")] + real, **below)
    memory.legend(handles=modes + [Line2D([], [], color="black", label="serving peak RSS (client + server)"),
                                   Line2D([], [], color="black", ls="--", label="ingest peak RSS (client + server)"),
                                   Line2D([], [], color="black", ls=":", label="store on disk")] + real, **below)
    sizes = sorted({r["articles"] for r in rows})
    for axis in (latency, memory):
        axis.grid(True, which="major", alpha=0.3)
        axis.set_xticks(sizes, [f"{s:,}" for s in sizes])
        axis.minorticks_off()
        axis.set_xlim(sizes[0] / 1.5, sizes[-1] * 1.5)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path


# -- targets -----------------------------------------------------------------------------------------------------------


def collection_memory_mb(row: dict) -> float:
    """Serving peak RSS above what the same processes hold with no collection (model loaded, server just started)."""
    baseline = row["baseline_rss_mb"] + (row.get("server_start_rss_mb") or 0)
    return row["serve_peak_rss_mb"] - baseline


def memory_growth(rows: list[dict]) -> list[dict]:
    """For each mode and each step between consecutive sizes: how much the collection grew and its memory grew."""
    steps = []
    for mode in sorted({r["mode"] for r in rows}):
        mine = sorted((r for r in rows if r["mode"] == mode), key=lambda r: r["chunks"])
        for small, large in zip(mine, mine[1:]):
            before, after = collection_memory_mb(small), collection_memory_mb(large)
            steps.append({"mode": mode, "from": small["articles"], "to": large["articles"],
                          "chunks_x": large["chunks"] / small["chunks"],
                          "memory_before_mb": before, "memory_after_mb": after,
                          "memory_x": after / before if before > 0 else None,
                          "total_x": large["serve_peak_rss_mb"] / small["serve_peak_rss_mb"]})
    return steps


def targets(results: dict) -> list[tuple[str, str, str]]:
    """(target, figure, verdict) rows for the report's summary."""
    out = []
    scale = results.get("scale")
    if scale and scale.get("rows"):
        rows = scale["rows"]
        for mode in sorted({r["mode"] for r in rows}):
            at = [r for r in rows if r["mode"] == mode and r["articles"] >= ASK_TARGET_ARTICLES]
            if at:
                r = min(at, key=lambda r: r["articles"])
                out.append((f"warm ask p50 < {ASK_TARGET_MS} ms at {ASK_TARGET_ARTICLES:,} articles ({mode})",
                            f"{r['p50_ms']:.0f} ms (p95 {r['p95_ms']:.0f} ms) at {r['articles']:,}",
                            "met" if r["p50_ms"] < ASK_TARGET_MS else "**not met**"))
            else:
                out.append((f"warm ask p50 < {ASK_TARGET_MS} ms at {ASK_TARGET_ARTICLES:,} articles ({mode})",
                            "not measured at that size", "-"))
        for step in memory_growth(rows):
            if step["memory_x"] is None:
                figure, verdict = (f"{step['memory_before_mb']:.0f} -> {step['memory_after_mb']:.0f} MB above baseline "
                                   f"for x{step['chunks_x']:.1f} chunks"), "met (nothing to grow from)"
            else:
                figure = (f"x{step['memory_x']:.1f} ({step['memory_before_mb']:.0f} -> {step['memory_after_mb']:.0f} MB "
                          f"above baseline) for x{step['chunks_x']:.1f} chunks")
                verdict = "met" if step["memory_x"] <= step["chunks_x"] else "**not met**"
            out.append((f"memory grows no faster than the collection ({step['mode']}, "
                        f"{step['from']:,} -> {step['to']:,} articles)", figure, verdict))
    core = results.get("core")
    if core and core.get("cold", {}).get("ask_speedup") is not None:
        cold = core["cold"]
        out.append(("cold `sourcewise ask` at least 5x faster than the code before issue 11, same seeds and run",
                    f"{cold['before_ask_s']:.1f} s -> {cold['now_ask_s']:.1f} s = x{cold['ask_speedup']:.1f}",
                    "met" if cold["ask_speedup"] >= 5 else "**not met**"))
    if core and "ingest" in core:
        for name, ingest in ingest_runs(core).items():
            repeats = f" ({_repeats(ingest)})" if ingest.get("distinct_sentences") else ""
            out.append((f"ingest pipeline >= 80% of the raw encoder, {name} articles{repeats}",
                        f"{ingest['ratio']:.0%}", "met" if ingest["ratio"] >= 0.8 else "**not met**"))
            if ingest.get("speedup") is not None:
                out.append((f"ingest at least 2x the articles/s of the code before issue 11, same run, {name} "
                            f"articles", f"x{ingest['speedup']:.2f}",
                            "met" if ingest["speedup"] >= 2 else "**not met**"))
        p50 = core["ask"]["p50_ms"]
        out.append(("warm ask on the seeds p50 < 100 ms", f"{p50:.0f} ms", "met" if p50 < 100 else "**not met**"))
        again = core["reingest"]
        out.append((f"re-ingest of {again['articles']:,} unchanged articles < 2 s", f"{again['reingest_s']:.2f} s",
                    "met" if again["reingest_s"] < 2 else "**not met**"))
    return out


# -- the Markdown ------------------------------------------------------------------------------------------------------


def _table(header: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines


def _other(part: dict) -> str:
    if part.get("other_cores") is not None:
        return f"{part['other_cores']:.2f}"
    load = part.get("load_1min")
    return f"load {load[0]} -> {load[1]}" if load else "-"


def _other_sentence(part: dict) -> str:
    if part.get("other_cores") is None:
        return ""
    return f" Other processes on the machine used {part['other_cores']:.2f} cores meanwhile."


def machine_cores() -> int:
    return os.cpu_count() or 0


def _mb(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def scale_section(scale: dict, plot_name: str) -> list[str]:
    rows = sorted(scale["rows"], key=lambda r: (r["articles"], r["mode"]))
    settings = scale.get("settings", {})
    extra = "".join(f" --{name.replace('_', '-')} {settings[name]}" for name in ("torch_threads",)
                    if settings.get(name))
    lines = ["## Scale", "",
             f"Measured {scale.get('measured', '?')} with `python -m bench.scale --sizes "
             f"{' '.join(str(s) for s in settings.get('sizes', []))} --real-up-to {settings.get('real_up_to')} "
             f"--modes {' '.join(settings.get('modes', []))} --asks {settings.get('asks')}{extra}`"
             + (f" (the largest size chosen by `--target-chunks {settings['target_chunks']}`)"
                if settings.get("target_chunks") else "") + ". "
             "Synthetic articles from `bench/synth.py`: 3-6 paragraphs of 2-4 real sentences drawn from a pool of "
             "about 1,500 (the seeds and RGB snippets, numbers varied), so large collections repeat sentences many "
             "times. Each size and mode runs in fresh processes: one ingests into an empty store and exits, a second "
             "opens the store cold (`Engine.open`) and asks; in server mode `chroma run` is started on its own data "
             "folder for each of the two phases. Latency is over "
             f"{settings.get('asks')} warm asks cycling through {settings.get('questions')} questions (the 10 seed "
             "questions and 30 RGB queries), each asked once before timing.", "",
             f"**Embedding.** Rows marked *stand-in* were ingested with {_stand_in_words()}: chunks and sentences are "
             "the same as with the real model (same tokenizer), and ask latency is real (the query is embedded by "
             "the real model, the store and every stage of `ask` do their full work), but their answers are "
             "meaningless and their ingest speed is not the model's." + _real_model_cost(rows), "",
             "Peak RSS is the client process's `VmHWM` plus, in server mode, the server's; the serving "
             "figure includes the loaded model (the *baseline* column: the client's RSS after loading the model, "
             "before opening the store).", "",
             f"![warm ask latency and memory against collection size]({plot_name})", ""]
    header = ["mode", "articles", "vectors", "chunks", "sentences", "ingest s", "chunks/s", "texts/s", "store MB",
              "open s", "ask p50 ms", "ask p95 ms", "serving peak RSS MB", "baseline MB", "ingest peak RSS MB",
              "other work, cores"]
    table = []
    for r in rows:
        serve = _mb(r["serve_peak_rss_mb"])
        ingest = _mb(r["ingest_peak_rss_mb"])
        if r["mode"] == "server":
            serve += f" ({_mb(r['serve_client_peak_rss_mb'])} + {_mb(r['serve_server_peak_rss_mb'])})"
            ingest += f" ({_mb(r['ingest_client_peak_rss_mb'])} + {_mb(r['ingest_server_peak_rss_mb'])})"
        table.append([r["mode"], f"{r['articles']:,}", "real" if r["real_vectors"] else "*stand-in*",
                      f"{r['chunks']:,}", f"{r['sentences']:,}", f"{r['ingest_s']:.1f}", f"{r['chunks_per_s']:,.0f}",
                      f"{r['texts_per_s']:,.0f}", f"{r['store_bytes'] / 2**20:,.1f}", f"{r['open_s']:.2f}",
                      f"{r['p50_ms']:.0f}", f"{r['p95_ms']:.0f}", serve, _mb(r["baseline_rss_mb"]), ingest,
                      _other(r)])
    lines += _table(header, table)
    lines += ["", "Server rows show client + server in brackets. *Other work* is the CPU that processes outside the "
                  "benchmark used during the measurement, in cores (the machine's busy time minus the benchmark's); "
                  f"on {machine_cores()} cores, other work slows every figure, the query embedding most (see below).", ""]

    stage_rows = [r for r in rows if "ask" in (r.get("ask_stages_ms") or {})]
    if stage_rows:
        # "of_which_count" in rows before 2026-12-03 timed a collection count() the ask no longer makes
        names = [k for k in dict.fromkeys(n for r in stage_rows for n in r["ask_stages_ms"])
                 if k not in ("ask", "of_which_count")]
        lines += ["### Where an ask spends its time", "",
                  "Median ms of each stage timed on its own over the question set: embedding the query (real model), "
                  "reading the store generation, the Chroma nearest-chunks query with their metadata "
                  "(`ChromaStore.query_chunks`), the lexical search (BM25; "
                  "rows measured before the on-disk index: the in-memory BM25), fetching the top chunks and the "
                  "sentences (with vectors) of the top 8; *rest* is the median ask minus those (fusion, sentence "
                  "scoring, composing, disagreement rules).", ""]
        labels = {"embed_query": "embed query", "chroma_query": "Chroma query",
                  "bm25_search": "BM25 (in memory)", "lexical_search": "lexical (FTS5)", "generation": "generation",
                  "fetch_chunks": "fetch chunks", "fetch_sentences": "fetch sentences", "rest": "rest"}
        lines += _table(["mode", "articles", "ask"] + [labels.get(n, n) for n in names],
                        [[r["mode"], f"{r['articles']:,}", f"{r['ask_stages_ms']['ask']:.1f}"]
                         + [_stage(r["ask_stages_ms"], n, ".1f") for n in names] for r in stage_rows])
        lines.append("")
    open_rows = [r for r in rows if "connect" in (r.get("open_stages_s") or {})]
    if open_rows:
        names = list(dict.fromkeys(n for r in open_rows for n in r["open_stages_s"]))
        lines += ["### Where opening a store spends its time", "",
                  "`Engine.open` is the cold open (fresh process, model already loaded; it includes importing "
                  "`chromadb`, about 1 s). The stages are a second open in the same process: connecting and checking "
                  "the collections, then (since the on-disk lexical index) the first refresh, which reads the store "
                  "generation and finds the lexical index in step; rows measured before it read the article records, "
                  "every chunk (in pages of 5,000) and built the in-memory BM25 index.", ""]
        lines += _table(["mode", "articles", "chunks", "Engine.open s"] + [f"{n} s" for n in names],
                        [[r["mode"], f"{r['articles']:,}", f"{r['chunks']:,}", f"{r['open_s']:.2f}"]
                         + [_stage(r["open_stages_s"], n, ".2f") for n in names] for r in open_rows])
        lines.append("")
    steps = memory_growth(rows)
    if steps:
        lines += ["### Memory against collection size", "",
                  "Collection memory is the serving peak RSS minus the baseline (the client after loading the model; "
                  "in server mode plus the server's RSS right after it starts).", ""]
        lines += _table(["mode", "articles", "chunks x", "collection memory MB", "memory x", "total RSS x"],
                        [[s["mode"], f"{s['from']:,} -> {s['to']:,}", f"{s['chunks_x']:.1f}",
                          f"{s['memory_before_mb']:.0f} -> {s['memory_after_mb']:.0f}",
                          "-" if s["memory_x"] is None else f"{s['memory_x']:.1f}", f"{s['total_x']:.2f}"]
                         for s in steps])
        lines.append("")
    return lines


def _stage(stages: dict, name: str, spec: str) -> str:
    """One stage's figure, or "-" for a row measured when the stage did not exist."""
    value = stages.get(name)
    return "-" if value is None else format(value, spec)


def _real_model_cost(rows: list[dict]) -> str:
    """What the stand-in rows would have cost with the real model, at the real rows' best ingest rate."""
    real = [r["texts_per_s"] for r in rows if r["real_vectors"]]
    stand_in = [r for r in rows if not r["real_vectors"]]
    if not real or not stand_in:
        return ""
    largest = max(stand_in, key=lambda r: r["chunks"])
    texts, rate = largest["chunks"] + largest["sentences"], max(real)
    return (f" The real model ingested at most {rate:,.0f} texts/s here, so the {largest['articles']:,}-article "
            f"collection ({texts:,} texts) would take about {texts / rate / 3600:.1f} hours per mode.")


def _stand_in_words() -> str:
    return "text vectors from a hashed 384-d bag of words (a stand-in) and query vectors from the real model"


def ingest_runs(core: dict) -> dict[str, dict]:
    """The ingest figures by collection ("synthetic", "web"); results saved before there were two hold one."""
    ingest = core["ingest"]
    return {"synthetic": ingest} if "pipeline_s" in ingest else ingest


def _repeats(ingest: dict) -> str:
    return f"{1 - ingest['distinct_sentences'] / ingest['texts']:.0%} of sentences repeat another word for word"


INGEST_COLLECTIONS = {"synthetic": "synthetic articles (`bench/synth.py`)",
                      "web": "RAMDocs dev web documents, one article each"}


def core_section(core: dict) -> list[str]:
    ask, again = core["ask"], core["reingest"]
    settings = core.get("settings", {})
    lines = ["## Core figures", "",
             f"Measured {core.get('measured', '?')} with `python -m bench.core "
             + " ".join(f"--{k.replace('_', '-')} {v}" for k, v in settings.items()) + "` (real model, local store)."
             + _other_sentence(core), ""]
    ingest_rows = []
    for name, ingest in ingest_runs(core).items():
        what = INGEST_COLLECTIONS.get(name, name)
        ingest_rows.append([f"ingest of {ingest['articles']} {what}: {ingest['chunks']} chunks, {ingest['sentences']} "
                            f"sentences" + (f", {_repeats(ingest)}" if ingest.get("distinct_sentences") else ""),
                            f"{ingest['pipeline_s']:.1f} s = {ingest['articles_per_s']:.2f} articles/s, "
                            f"{ingest['texts_per_s']:.0f} texts/s"])
        if "before_s" in ingest:
            ingest_rows.append([f"the same with the code before the change (`{ingest['baseline']}`, "
                                f"{ingest['before_texts']} texts embedded), same run (target: x2)",
                                f"{ingest['before_s']:.1f} s = {ingest['before_articles_per_s']:.2f} articles/s; "
                                f"now x{ingest['speedup']:.2f}"])
        if "raw_numpy_s" in ingest:
            ingest_rows.append(["raw encode of those sentences once: numpy encoder / `SentenceTransformer.encode`",
                                f"{ingest['raw_numpy_s']:.1f} s / {ingest['raw_sentence_transformers_s']:.1f} s = "
                                f"{ingest['floor_texts_per_s']:.0f} texts/s at best"])
        elif "raw_sentences_s" in ingest:
            ingest_rows.append(["raw `SentenceTransformer.encode` of the article text once, as sentences / as chunks",
                                f"{ingest['raw_sentences_s']:.1f} s / {ingest['raw_chunks_s']:.1f} s = "
                                f"{ingest['floor_texts_per_s']:.0f} texts/s at best"])
        ingest_rows.append(["pipeline against that floor", f"{ingest['ratio']:.0%}"])
    cold_rows = []
    if "cold" in core:
        cold = core["cold"]
        emptied = ", page cache emptied before each" if cold.get("page_cache") == "dropped" else ""
        cold_rows.append([f"cold `sourcewise ask` / `sourcewise --help` on the seeds, median of {cold['runs']} fresh "
                          f"processes{emptied}", f"{cold['now_ask_s']:.2f} s / {cold['now_help_s']:.2f} s"])
        if "before_ask_s" in cold:
            cold_rows.append([f"the same with the code before the change (`{cold['baseline']}`), same seeds (its "
                              "own store) and run (target: ask x5)",
                              f"{cold['before_ask_s']:.2f} s / {cold['before_help_s']:.2f} s; "
                              f"ask now x{cold['ask_speedup']:.1f}"])
    lines += _table(["figure", "value"], cold_rows + ingest_rows + [
        [f"warm ask on the seeds, {ask['asks']} asks (target p50 < 100 ms)",
         f"p50 {ask['p50_ms']:.1f} ms, p95 {ask['p95_ms']:.1f} ms, mean {ask['mean_ms']:.1f} ms"],
        [f"re-ingest of {again['articles']} unchanged articles, best of 3 (target < 2 s)",
         f"{again['reingest_s']:.2f} s (runs: " + ", ".join(f"{t:.2f}" for t in again["reingest_runs_s"]) + ")"],
    ])
    return lines + [""]


def evaluation_section(evaluation: dict) -> list[str]:
    lines = ["## Seed gold set", "",
             f"Measured {evaluation.get('measured', '?')}: `{evaluation.get('gold', 'tests/gold/seeds.jsonl')}` against "
             f"an engine over `seeds/` (real model, local store), k={evaluation.get('k')}: "
             f"{evaluation['passed']} of {evaluation['questions']} questions passed." + _other_sentence(evaluation), ""]
    counts = evaluation.get("counts", {})
    rows = []
    for name, value in evaluation["metrics"].items():
        shown = "-" if value is None else (f"{value * 1000:.0f} ms" if name.startswith("latency") else f"{value:.2f}")
        rows.append([name, shown, counts.get(name, "")])
    lines += _table(["metric", "value", "over"], rows)
    failures = evaluation.get("failures") or []
    if failures:
        lines += ["", "Failed questions:", ""]
        for item in failures:
            lines.append(f"- {item['question']}: " + "; ".join(item["failures"]))
    return lines + [""]


DEVSET_TITLE = "Development data: RGB en_fact and RAMDocs dev"
# Issue 9's targets for collections nobody here sees, read on the held-out dev data as a proxy:
# (label, task, metric, bound, at least?)
DEVSET_PROXIES = (
    ("RGB disagreement recall >= 0.9", "rgb-conflict", "recall_value", 0.9, True),
    ("RGB false reports <= 5%", "rgb-control", "false_report", 0.05, False),
    ("paraphrased misinformation reported >= 50%", "ramdocs-misinfo", "recall_article", 0.5, True),
    ("false reports <= 10% (one answer + noise)", "ramdocs-control", "false_report", 0.1, False),
    ("false reports <= 10% (same-name entities)", "ramdocs-ambiguity", "false_report", 0.1, False),
    # news quizzes over a large collection: RGB's news questions asked of the store of every RGB document
    ("right answer in the reply >= 70% (news, large collection)", "retrieval-rgb", "answer_correct", 0.7, True),
    ("right article cited >= 90% (news, large collection)", "retrieval-rgb", "cited_relevant", 0.9, True),
)


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def devset_section(result: dict) -> list[str]:
    settings = result.get("settings", {})
    options = "".join(f" --{k} {v}" for k, v in (("split", settings.get("split")), ("limit", settings.get("limit")))
                      if v not in (None, "all"))
    tasks = settings.get("tasks") or []
    embedding = result.get("embedding", {})
    lines = [f"## {DEVSET_TITLE}", "",
             f"Measured {result.get('measured', '?')} by `python -m bench.devset{options}`"
             + (f" (tasks: {', '.join(tasks)})" if tasks and "retrieval" not in tasks else "")
             + ": every collection asked through `Engine.ask(...).to_dict()` (bundled model, real Chroma store), "
             "retrieval through `Engine.rank_documents`. Items are split by a sha1 of dataset and key into about 60% "
             "*tune* and 40% *held-out* (`bench/devdata.py`); nothing is tuned on held-out. Rules of each figure are in "
             "`bench/README.md`." + _other_sentence(result), ""]
    rows = result.get("rows") or []
    lines += _table(["task", "metric", "tune", "n", "held-out", "n"],
                    [[r["task"], r["label"], _share(r["tune"]), r["n_tune"], _share(r["heldout"]), r["n_heldout"]]
                     for r in rows])
    by_key = {(r["task"], r["metric"]): r for r in rows}
    proxies = []
    for label, task, metric, bound, at_least in DEVSET_PROXIES:
        row = by_key.get((task, metric))
        if row is None or row["heldout"] is None:
            continue
        met = row["heldout"] >= bound if at_least else row["heldout"] <= bound
        proxies.append([label, f"{task}: {_share(row['heldout'])} (n {row['n_heldout']})",
                        "met" if met else "**not met**"])
    if proxies:
        lines += ["", "Issue 9's targets for unseen collections, read on the held-out part as a proxy:", ""]
        lines += _table(["target", "held-out figure", "verdict"], proxies)
    timing = [f"{result['seconds']:,.0f} s in all" if result.get("seconds") is not None else None,
              f"{embedding.get('encoded', 0):,} texts encoded by the model and {embedding.get('from_cache', 0):,} "
              "taken from the embedding cache" if embedding else None,
              f"ingest {result['ingest_s']:,.0f} s and asks {result['ask_s']:,.0f} s over "
              f"{sum((result.get('collections') or {}).values()):,} collections (ask p50 {result['ask_p50_ms']} ms)"
              if result.get("ingest_s") is not None and result.get("ask_p50_ms") is not None else None]
    lines += ["", "This run: " + "; ".join(t for t in timing if t) + "."]
    for name, info in (result.get("retrieval") or {}).items():
        lines.append(f"Retrieval store {name}: {info['articles']:,} articles ({info['chunks']:,} chunks), "
                     f"{info['questions']:,} questions.")
    failures = result.get("ingest_failures") or []
    if failures:
        lines.append(f"{len(failures)} article files were refused by the reader (see bench/out/devset/answers.jsonl).")
    lines += ["", "Data: RGB en_fact (Chen, Lin, Han, Sun, AAAI 2024; CC BY-NC-SA 4.0) and RAMDocs dev (Wang, Prasad, "
                  "Stengel-Eskin, Bansal, 2025; MIT), read from `../shared/data`; development figures, not test "
                  "figures.", ""]
    return lines


def render_report(results: dict, plot_name: str = "scale.png") -> str:
    machine = results.get("machine") or machine_info()
    versions = results.get("versions") or package_versions()
    lines = ["# Sourcewise benchmarks", "",
             f"Written by `{results.get('command', 'python -m bench')}` on {results.get('written', time.strftime('%Y-%m-%d %H:%M'))}."
             " Benchmarks print figures and never assert timing; the targets below are the issue's. "
             "Rewrite this file from the saved figures with `python -m bench.report`.", "",
             "## Machine", ""]
    ram = f"{machine['ram_gb']:.1f} GB" if machine.get("ram_gb") else "?"
    lines += _table(["CPU", "cores", "RAM", "OS", "Python", "load at start (1 min)"],
                    [[machine["cpu"], machine["cores"], ram, machine["os"], machine["python"],
                      machine.get("load_1min", "?")]])
    lines += ["", "## Versions", ""]
    lines += _table(list(versions), [list(versions.values())])
    verdicts = targets(results)
    if verdicts:
        lines += ["", "## Targets", ""]
        lines += _table(["target", "figure", "verdict"], [list(v) for v in verdicts])
    lines.append("")
    if results.get("scale", {}).get("rows"):
        lines += scale_section(results["scale"], plot_name)
    if results.get("core"):
        lines += core_section(results["core"])
    if results.get("evaluation"):
        lines += evaluation_section(results["evaluation"])
    if results.get("devset", {}).get("rows"):
        lines += devset_section(results["devset"])
    notes = results.get("notes") or []
    if notes:
        lines += ["## Notes", ""] + [f"- {note}" for note in notes] + [""]
    return "\n".join(lines).rstrip() + "\n"


def merge_reports(old: str, new: str) -> str:
    """``new`` with the sections (and target rows) of ``old`` that ``new`` lacks, in ``old``'s order; within a
    section both have, the ``###`` subsections of ``old`` that ``new`` does not write (hand-written ones, such as a
    before-and-after table) follow ``new``'s text."""

    def sections(text: str) -> tuple[str, dict[str, str]]:
        head, *parts = text.split("\n## ")
        return head, {part.split("\n", 1)[0]: "## " + part for part in parts}

    _, old_parts = sections(old)
    head, new_parts = sections(new)
    if "Targets" in old_parts and "Targets" in new_parts:
        new_rows = new_parts["Targets"].rstrip("\n").split("\n")
        known = {row.split(" | ")[0] for row in new_rows}
        extra = [row for row in old_parts["Targets"].rstrip("\n").split("\n")[4:] if row.split(" | ")[0] not in known]
        new_parts["Targets"] = "\n".join(new_rows + extra) + "\n"
    order = list(old_parts) + [t for t in new_parts if t not in old_parts]
    if "Notes" in order:
        order.remove("Notes")
        order.append("Notes")
    for title in set(old_parts) & set(new_parts):
        new_parts[title] = _with_old_subsections(old_parts[title], new_parts[title])
    merged = [new_parts.get(title, old_parts.get(title, "")).rstrip("\n") + "\n" for title in order]
    return head.rstrip("\n") + "\n\n" + "\n".join(merged)


def _with_old_subsections(old: str, new: str) -> str:
    """``new`` followed by the ``### `` subsections of ``old`` whose titles ``new`` lacks, in ``old``'s order."""
    _, *old_subs = old.split("\n### ")
    written = {part.split("\n", 1)[0] for part in new.split("\n### ")[1:]}
    kept = ["### " + part.rstrip("\n") for part in old_subs if part.split("\n", 1)[0] not in written]
    return "\n\n".join([new.rstrip("\n"), *kept]) + "\n"


def write_report(results: dict, path: Path = REPORT, plot: Path = PLOT, *, keep_unsaved: bool = False) -> Path:
    """Write the Markdown report and, when there are scale figures, the plot beside it. With ``keep_unsaved``,
    sections of the existing report whose figures are not in ``results`` stay as they were written."""
    if results.get("scale", {}).get("rows"):
        plot_scale(results["scale"], plot)
    text = render_report(results, os.path.relpath(plot, path.parent))
    if keep_unsaved and path.exists():
        text = merge_reports(path.read_text(encoding="utf-8"), text)
    path.write_text(text, encoding="utf-8")
    return path


def main(argv=None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", nargs="?", type=Path, default=RESULTS)
    parser.add_argument("--out", type=Path, default=REPORT)
    args = parser.parse_args(argv)
    if not args.results.exists():
        parser.exit(1, f"no figures at {args.results}: run `python -m bench` first\n")
    results = json.loads(args.results.read_text(encoding="utf-8"))
    print(f"wrote {write_report(results, args.out, keep_unsaved=True)}")  # hand-written sections are in no results


if __name__ == "__main__":
    main()

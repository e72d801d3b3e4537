"""Every benchmark, then the report: `python -m bench` writes bench/REPORT.md and bench/scale.png.

    python -m bench                          # core figures, seed gold set, development data, scale (10,000 articles)
    python -m bench --quick                  # scale at 100 and 1,000 articles only, fewer asks, smaller core runs
    python -m bench --parts scale --sizes 100 1000 10000 --target-chunks 100000

Figures are printed as they are measured and saved to bench/out/results.json; with --parts, the parts not run keep
their saved figures (the report dates each section).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from bench import report as bench_report
from bench.baseline import BEFORE_ISSUE_11
from bench.report import RESULTS

PARTS = ("core", "eval", "devset", "scale")
ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "seeds.jsonl"


def now() -> str:
    return time.strftime("%Y-%m-%d %H:%M")


def run_core(embed_model, quick: bool, baseline: str | None) -> dict:
    from bench import core

    settings = ({"articles": 50, "web_articles": 150, "reingest": 200, "asks": 50, "cold_runs": 3} if quick
                else {"articles": 200, "web_articles": 600, "reingest": 1000, "asks": 200, "cold_runs": 5})
    settings["baseline"] = baseline
    figures = core.run(**settings, embed_model=embed_model, printer=lambda line: print(f"core: {line}", flush=True))
    return {**figures, "settings": settings, "measured": now()}


def run_evaluation(embed_model) -> dict:
    """The seed gold set against a fresh engine over seeds/, as `sourcewise eval` runs it."""
    from bench.synth import SEEDS
    from qa import Engine
    from qa.evaluation import evaluate, format_report, load_gold

    with tempfile.TemporaryDirectory() as tmp:
        engine = Engine.from_paths([SEEDS], store=Path(tmp) / "store", embed_model=embed_model, show_progress=False)
        evaluation = evaluate(engine, load_gold(GOLD))
    print("eval: " + format_report(evaluation).replace("\n", "\n      "), flush=True)
    return {"questions": len(evaluation.results), "passed": len(evaluation.results) - len(evaluation.failures),
            "k": evaluation.k, "metrics": evaluation.metrics(), "counts": dict(evaluation.counts),
            "failures": [{"question": r.item.question, "failures": list(r.failures)} for r in evaluation.failures],
            "gold": str(GOLD.relative_to(ROOT)), "measured": now()}


def run_devset(quick: bool) -> dict:
    """The development-data benchmark (RGB en_fact, RAMDocs dev) on both splits, with sentence-transformers behind its
    embedding cache (the same vectors as the numpy encoder's); quick: 20 items of each split."""
    from bench import devset

    result = devset.run(limit=20 if quick else None,
                        printer=lambda line: print(f"devset: {line}", flush=True))
    print("devset:\n" + devset.format_table(result["rows"]), flush=True)
    return {**result, "measured": now()}


def run_scale(args, on_row) -> dict:
    from bench import scale

    return scale.run(args.sizes, modes=args.modes, real_up_to=args.real_up_to, asks=args.asks,
                     target_chunks=args.target_chunks, profile=args.profile, torch_threads=args.torch_threads,
                     wait_idle=args.wait_idle, baseline=None if args.baseline == "none" else args.baseline,
                     serve_embedded_from=args.serve_embedded_from, keep=args.keep, reuse_kept=args.reuse,
                     printer=lambda line: print(line, flush=True), on_row=on_row)


def merge_scale(earlier: dict | None, new: dict) -> dict:
    """New scale rows replace saved ones of the same mode and size; the other saved rows stay."""
    if not earlier or not earlier.get("rows"):
        return new
    measured = {(r["mode"], r["target_articles"]) for r in new["rows"]}
    rows = [r for r in earlier["rows"] if (r["mode"], r["target_articles"]) not in measured] + new["rows"]
    settings = {**earlier.get("settings", {}), **{k: v for k, v in new["settings"].items() if v is not None}}
    settings["sizes"] = sorted({r["target_articles"] for r in rows})
    settings["modes"] = sorted({r["mode"] for r in rows})
    return {"rows": rows, "settings": settings, "measured": new["measured"]}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="sizes 100 and 1,000, 30 asks, smaller core runs, 20 dev items of each split")
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS), help="which benchmarks to run")
    parser.add_argument("--sizes", type=int, nargs="+", help="scale: collection sizes in articles")
    parser.add_argument("--real-up-to", type=int, default=1000, help="scale: largest size embedded by the real model")
    parser.add_argument("--modes", nargs="+", choices=["embedded", "server"], default=["embedded", "server"])
    parser.add_argument("--asks", type=int, help="scale: timed warm asks per measurement (default 100, quick 30)")
    parser.add_argument("--target-chunks", type=int, help="scale: also a collection of about this many chunks")
    parser.add_argument("--profile", action="store_true", help="scale: cProfile open and asks into bench/out/scale/")
    parser.add_argument("--torch-threads", type=int, help="scale: torch intra-op threads (default: torch's choice)")
    parser.add_argument("--serve-embedded-from", type=int, default=100000, metavar="ARTICLES",
                        help="scale: from this size up, server mode serves the embedded store's folder instead of "
                             "ingesting it again through the server (default: %(default)s)")
    parser.add_argument("--baseline", default=BEFORE_ISSUE_11, metavar="COMMIT",
                        help="core and scale: also measure the code at this commit in the same run (default: "
                             "%(default)s, main before issue 11); 'none' to skip")
    parser.add_argument("--wait-idle", type=float, default=0, metavar="MINUTES",
                        help="before each part and measurement, wait up to MINUTES for other processes to go quiet")
    parser.add_argument("--keep", action="store_true", help="scale: keep the stores under bench/out/scale/")
    parser.add_argument("--reuse", action="store_true",
                        help="scale: open and ask the embedded stores a --keep run left, instead of ingesting again")
    args = parser.parse_args(argv)
    args.sizes = args.sizes or ([100, 1000] if args.quick else [100, 1000, 10000, 100000])
    args.asks = args.asks or (30 if args.quick else 100)
    if args.asks <= 0 or any(size <= 0 for size in args.sizes):
        parser.error(f"--asks and --sizes must be > 0, got {args.asks} and {args.sizes}")

    partial = set(args.parts) != set(PARTS)
    measured_now = {"evaluation" if p == "eval" else p for p in args.parts}
    results = {}
    if partial and RESULTS.exists():
        results = json.loads(RESULTS.read_text(encoding="utf-8"))
    results.update({"machine": bench_report.machine_info(), "versions": bench_report.package_versions(),
                    "command": " ".join(["python -m bench"] + (argv if argv is not None else sys.argv[1:]))})
    print(f"machine: {results['machine']}", flush=True)

    owned = {"machine", "versions", "command", "written"}

    def save():
        """Write this run's parts into the saved figures, keeping parts another run saved meanwhile."""
        saved = json.loads(RESULTS.read_text(encoding="utf-8")) if partial and RESULTS.exists() else {}
        saved.update({k: v for k, v in results.items() if k in owned or k not in saved or k in measured_now})
        results.update(saved)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(saved, indent=1, default=str), encoding="utf-8")

    embed_model = None
    if {"core", "eval"} & set(args.parts):
        from index.embedding import BundledEmbedding

        embed_model = BundledEmbedding()  # what `sourcewise` and `Engine` embed with

    def measured(key: str, part) -> None:
        """Run one in-process part, noting how busy the rest of the machine was meanwhile."""
        from bench.scale import OtherWork, wait_for_quiet

        wait_for_quiet(args.wait_idle, printer=lambda line: print(f"{key}: {line.strip()}", flush=True))
        with OtherWork() as other:
            results[key] = part()
        results[key]["other_cores"] = other.cores
        save()

    if "core" in args.parts:
        measured("core", lambda: run_core(embed_model, args.quick, None if args.baseline == "none" else args.baseline))
    if "eval" in args.parts:
        measured("evaluation", lambda: run_evaluation(embed_model))
    if "devset" in args.parts:
        measured("devset", lambda: run_devset(args.quick))
    if "scale" in args.parts:
        earlier = results.get("scale") if partial else None

        def keep_rows(scale: dict) -> None:
            results["scale"] = merge_scale(earlier, scale)
            save()

        results["scale"] = merge_scale(earlier, run_scale(args, keep_rows))
        save()
    results["written"] = now()
    save()
    unsaved = [p for p in PARTS if ("evaluation" if p == "eval" else p) not in results]
    path = bench_report.write_report(results, keep_unsaved=partial and bool(unsaved))
    print(f"report: {path.relative_to(ROOT)}, plot: {bench_report.PLOT.relative_to(ROOT)}, "
          f"figures: {RESULTS.relative_to(ROOT)}", flush=True)


if __name__ == "__main__":
    main()

"""The lexical index alone at scale: search latency of the default search (rarer terms first) against scoring every
matching chunk, and how much their results differ.

    python -m bench.lexical [--articles 100000] [--k 30] [--repeats 5]

Builds (once, kept under bench/out/lexical/) an FTS5 index of ``--articles`` synthetic articles (bench/synth.py:
real sentences, so real term statistics: "assad" is in about one chunk in five), chunked like ingest does (with
the tokenizer-free word estimate), then times ``LexicalIndex.search`` over the benchmark questions both ways. Prints
p50/p95 per way, how many questions the pruned search answered without falling back, and any question whose top
``k`` differ (there must be none).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from bench.scale import OUT, bench_questions, percentile
from bench.synth import articles
from index.chunking import chunk_article, word_token_estimate
from index.embedding import MAX_CHUNK_TOKENS
from index.lexical import LexicalIndex, LexicalRow


def build(count: int, path: Path) -> LexicalIndex:
    """The index of ``count`` synthetic articles at ``path``, built unless a complete one is there."""
    index = LexicalIndex(path)
    if index.generation == count:
        return index
    index.clear()
    started, batch = time.perf_counter(), []
    with index.transaction():
        for i, (name, text) in enumerate(articles(count)):
            batch += [LexicalRow(f"{name}::{c.index}", name, "v1", c.text)
                      for c in chunk_article(text, word_token_estimate, max_tokens=MAX_CHUNK_TOKENS)]
            if len(batch) >= 5000:
                index.add(batch)
                batch = []
            if (i + 1) % 10000 == 0:
                print(f"  indexed {i + 1:,} articles, {time.perf_counter() - started:.0f} s", flush=True)
        index.add(batch)
        index.mark_generation(count)
    return index


def timed(index: LexicalIndex, questions: list[str], k: int, repeats: int, exhaustive: bool):
    times, results = [], {}
    for _ in range(repeats):
        for question in questions:
            started = time.perf_counter()
            results[question] = index.search(question, k, exhaustive=exhaustive)
            times.append(time.perf_counter() - started)
    return times, results


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--k", type=int, default=30, help="hits per search (the engine asks for 30)")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)

    folder = OUT / "lexical"
    folder.mkdir(parents=True, exist_ok=True)
    index = build(args.articles, folder / f"synthetic-{args.articles}.sqlite3")
    questions = bench_questions()
    print(f"{args.articles:,} articles, {len(index):,} chunks, {len(questions)} questions x {args.repeats}, k={args.k}")
    runs = {}
    for exhaustive in (True, False):
        times, results = timed(index, questions, args.k, args.repeats, exhaustive)
        runs[exhaustive] = results
        label = "every matching chunk scored" if exhaustive else "rarer terms first (the default)"
        print(f"  {label:34s} p50 {statistics.median(times) * 1000:7.1f} ms   p95 "
              f"{percentile(times, 95) * 1000:7.1f} ms")
    every, pruned = runs[True], runs[False]
    same = sum([h.chunk_id for h in every[q]] == [h.chunk_id for h in pruned[q]] for q in questions)
    overlap = [len({h.chunk_id for h in every[q]} & {h.chunk_id for h in pruned[q]}) / max(len(every[q]), 1)
               for q in questions]
    top5 = [len({h.chunk_id for h in every[q][:5]} & {h.chunk_id for h in pruned[q][:5]}) / max(len(every[q][:5]), 1)
            for q in questions]
    best = sum(not every[q] or every[q][0].chunk_id in {h.chunk_id for h in pruned[q][:5]} for q in questions)
    print(f"  against scoring every chunk: same top {args.k} for {same} of {len(questions)} questions; mean overlap "
          f"of the top {args.k} {statistics.mean(overlap):.2f}, of the top 5 {statistics.mean(top5):.2f}; its best "
          f"chunk in the top 5 for {best} of {len(questions)}")


if __name__ == "__main__":
    main()

"""The disagreement benchmark on RGB's counterfactual set, through the whole engine.

For each item: `positive` as one article, `positive_wrong` as another, `negative` as a distractor; ask
`query`; a hit is a disagreement whose sides quote both the true and the fake answer. Control: `positive`
split across two articles (plus the distractor): any disagreement is a false report.

Data: RGB, Chen, Lin, Han, Sun, "Benchmarking Large Language Models in Retrieval-Augmented Generation"
(AAAI 2024), en_fact, CC BY-NC-SA 4.0 (../shared/data/rgb/LICENSE.txt).

    python -m bench.disagreements [--limit 100]
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
import unicodedata
from pathlib import Path

from bench.synth import RGB


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def flatten(answers) -> list[str]:
    if isinstance(answers, str):
        return [answers]
    return [a for item in answers for a in flatten(item)]


def mentions(text: str, answers) -> bool:
    options = flatten(answers)
    haystack = f" {normalise(text)} "
    return any(f" {normalise(a)} " in haystack for a in options if normalise(a))


def names_both(answer, true_answer, fake_answer) -> bool:
    """A disagreement whose claims quote the true answer on one side and the fake on another."""
    for d in answer.disagreements:
        sides: dict[str, list[str]] = {}
        for claim in d.claims:
            sides.setdefault(claim.value, []).append(claim.quote)
        true_sides = {v for v, quotes in sides.items() if any(mentions(q, true_answer) for q in quotes)}
        fake_sides = {v for v, quotes in sides.items() if any(mentions(q, fake_answer) for q in quotes)}
        if true_sides and fake_sides and true_sides != fake_sides:
            return True
    return False


def write_articles(folder: Path, articles: dict[str, list[str]]) -> None:
    folder.mkdir(parents=True)
    for name, snippets in articles.items():
        (folder / f"{name}.txt").write_text("\n".join(" ".join(s.split()) for s in snippets) + "\n", encoding="utf-8")


def caching(embed_model):
    """The same model, remembering vectors: the control repeats the conflict run's snippets."""
    cache: dict[str, list[float]] = {}
    inner = embed_model.get_text_embedding_batch

    def get_text_embedding_batch(texts, **kwargs):
        missing = list(dict.fromkeys(t for t in texts if t not in cache))
        if missing:
            cache.update(zip(missing, inner(missing, **kwargs)))
        return [cache[t] for t in texts]

    object.__setattr__(embed_model, "get_text_embedding_batch", get_text_embedding_batch)
    return embed_model


def run(limit: int | None = None, embed_model=None, verbose: bool = False) -> dict:
    """Recall on conflicting pairs and false-report rate on the control; returns the figures."""
    from index.embedding import load_embed_model
    from qa import Engine

    embed_model = caching(embed_model or load_embed_model())
    items = [json.loads(line) for line in RGB.read_text(encoding="utf-8").splitlines() if line.strip()][:limit]
    hits = reported = false_reports = 0
    misses = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for item in items:
            base = Path(tmp) / str(item["id"])
            write_articles(base / "conflict", {"a": item["positive"], "b": item["positive_wrong"],
                                               "c": item["negative"]})
            half = max(1, len(item["positive"]) // 2)
            write_articles(base / "control", {"a": item["positive"][:half], "b": item["positive"][half:],
                                              "c": item["negative"]})
            engine = Engine.from_paths([base / "conflict"], store=base / "s1", embed_model=embed_model,
                                       show_progress=False)
            answer = engine.ask(item["query"])
            reported += bool(answer.disagreements)
            if names_both(answer, item["answer"], item["fakeanswer"]):
                hits += 1
            else:
                misses.append((item["id"], item["query"], item["answer"], item["fakeanswer"],
                               [d.summary for d in answer.disagreements]))
            control = Engine.from_paths([base / "control"], store=base / "s2", embed_model=embed_model,
                                        show_progress=False).ask(item["query"])
            false_reports += bool(control.disagreements)
            if verbose and control.disagreements:
                print("false report:", item["id"], item["query"], [d.summary for d in control.disagreements])
    n = len(items)
    return {"items": n, "recall": hits / n, "any_report": reported / n, "false_report_rate": false_reports / n,
            "seconds": time.perf_counter() - started, "misses": misses}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    result = run(args.limit, verbose=args.verbose)
    if args.verbose:
        for miss in result["misses"]:
            print("missed:", miss)
    print(f"RGB en_fact, {result['items']} items: disagreement recall {result['recall']:.2f} (target >= 0.8), "
          f"false reports on the control {result['false_report_rate']:.2f} (target <= 0.1); "
          f"{result['seconds']:.0f} s")


if __name__ == "__main__":
    main()

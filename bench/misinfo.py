"""Where misinformation goes unreported: each RAMDocs dev collection with a misinformation article, counted at the
first step of the reader's decision that loses it.

    python -m bench.misinfo [--split tune|heldout] [--examples N] [--data DIR]

The steps, in the aggregator's order (``qa.aggregate``), with the shipped model (``qa/reader_model.json``):

- ``reported``: the answer sets the misinformation against the correct answer, each side stating its own article's
  value (the devset's ``recall_both``);
- ``not a value question``: the question asks for sentences, which have no sides;
- ``misread``: no misinformation article's reading holds its own wrong answer (its best sentence and span are
  another value, or nothing);
- ``below thresholds``: one does, but under the span or side threshold, so it is no side;
- ``no true side``: no correct article's reading holding its answer passes the thresholds;
- ``no clash``: the two are read, but no pair of them clashes (the pair model under the clash threshold);
- ``different subjects``: they clash, but their subjects overlap too little, so they are said to be about different
  things;
- ``other``: everything passes and still nothing is reported (grouped as compatible values, or the sides' values
  are not each article's own).

Collections are read once, as ``bench.fit_reader`` reads them (the same embedding cache); a run takes about a minute.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence

from bench import devdata
from bench.fit_reader import (OUT, VectorCache, article_roles, collection_texts, read_all, read_collections, span_label,
                              word_vectors)
from qa.aggregate import aggregate, is_side, sides_clash, subject_overlap, subject_profiles
from qa.compose import compose_answer
from qa.question import Question
from qa.reader import Reader, ReaderModel, Reading, ReadOut

STEPS = ("reported", "not a value question", "misread", "below thresholds", "no true side", "no clash",
         "different subjects", "other")


def lost_at(collection: devdata.Collection, question: Question, readout: ReadOut, model: ReaderModel,
            roles: dict[str, tuple[str, tuple[str, ...]]]) -> str:
    """The first step of ``STEPS`` at which this collection's misinformation is lost (or ``reported``)."""
    answer = compose_answer(question, aggregate(readout, model)).to_dict()
    if devdata.score(collection, answer).values.get("recall_both"):
        return "reported"
    if not question.asks_value:
        return "not a value question"
    thresholds = model.thresholds

    def own(reading: Reading, role: str) -> bool:
        found = roles.get(reading.doc_id)
        return (found is not None and found[0] == role and reading.short is not None
                and span_label(reading.short.text, found[1]))

    false = [r for r in readout.readings if own(r, "false")]
    if not false:
        return "misread"
    false = [r for r in false if is_side(r, thresholds)]
    if not false:
        return "below thresholds"
    true = [r for r in readout.readings if own(r, "true") and is_side(r, thresholds)]
    if not true:
        return "no true side"
    pairs = [(f, t) for f in false for t in true if sides_clash([f], [t], question, model)]
    if not pairs:
        return "no clash"
    profiles = subject_profiles(readout)
    if max(subject_overlap([f], [t], profiles) for f, t in pairs) < thresholds.same_subject:
        return "different subjects"
    return "other"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.misinfo", description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=devdata.SPLITS, default="tune")
    parser.add_argument("--examples", type=int, default=3, help="questions shown for each step (default 3)")
    parser.add_argument("--data", help="development data folder (default: ../shared/data)")
    args = parser.parse_args(argv)
    ramdocs = {item.key: item for item in devdata.load_ramdocs(args.data)}
    collections = [c for c in devdata.dev_collections(args.data, split=args.split)
                   if c.task == "ramdocs-answer" and any(d.kind == "misinfo" for d in ramdocs[c.key].documents)]
    vectors = VectorCache(OUT / "vectors.npz")
    vectors.ensure(collection_texts(collections))
    model = ReaderModel.load()
    reader = Reader(model, word_vector=word_vectors(), phrase_vectors=vectors.phrase_vectors)
    steps: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for asked, question, readout in read_all(read_collections(collections, vectors), reader):
        step = lost_at(asked.collection, question, readout, model, article_roles(asked.collection, ramdocs))
        steps[step] += 1
        examples.setdefault(step, []).append(question.text)
    if vectors.unsaved:
        vectors.save()
    total = sum(steps.values())
    print(f"RAMDocs dev {args.split}: {total} collections with misinformation")
    for step in STEPS:
        print(f"  {step:<22} {steps[step]:>4}  {steps[step] / total if total else 0.0:6.3f}")
        for text in examples.get(step, [])[:args.examples] if step != "reported" else []:
            print(f"      {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

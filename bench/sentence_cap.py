"""Fit the sentence cap (``index.vocab.sentences.MAX_SENTENCE_CHARS``) on the development data.

    python -m bench.sentence_cap [--data DIR]

The cap keeps a run without sentence breaks from becoming one endless sentence (and one endless quote). It is set
to the longest sentence that the splitter finds, uncapped, in the articles of the tune split, rounded up to a
hundred characters, so that no real sentence there is cut; the held-out split only reports how many it would cut.
It also prints the most word pieces a sentence of that length holds, against the embedding model's window.
"""

from __future__ import annotations

import argparse
import math

import numpy as np

from bench.devdata import SPLITS, dev_collections
from index.text import split_paragraphs
from index.vocab import split_sentences

UNCAPPED = 10**9


def sentence_lengths(split: str, data=None) -> tuple[int, list[str]]:
    """The number of distinct articles of ``split`` and every sentence in them, split without a cap."""
    seen: set[str] = set()
    sentences: list[str] = []
    for collection in dev_collections(data, split=split):
        for article in collection.articles:
            if article.text in seen:
                continue
            seen.add(article.text)
            for start, end in split_paragraphs(article.text):
                sentences += [article.text[s:e] for s, e in split_sentences(article.text, start, end,
                                                                           max_chars=UNCAPPED)]
    return len(seen), sentences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", help="development data folder (default: ../shared/data)")
    args = parser.parse_args(argv)
    measured = {split: sentence_lengths(split, args.data) for split in SPLITS}
    tune_lengths = np.array([len(s) for s in measured["tune"][1]])
    cap = int(math.ceil(tune_lengths.max() / 100) * 100)
    for split in SPLITS:
        articles, sentences = measured[split]
        lengths = np.array([len(s) for s in sentences])
        cut = int((lengths > cap).sum())
        print(f"{split}: {articles:,} articles, {len(lengths):,} sentences; length p50 {np.percentile(lengths, 50):.0f}, "
              f"p99 {np.percentile(lengths, 99):.0f}, p99.9 {np.percentile(lengths, 99.9):.0f}, "
              f"max {lengths.max()}; cut at {cap}: {cut} ({cut / len(lengths):.3%})")
    print(f"fitted MAX_SENTENCE_CHARS = {cap} (the longest tune sentence, {tune_lengths.max()}, rounded up)")
    try:
        from index.embedding import bundled_model_path, model_token_counter

        class _Folder:
            model_name = bundled_model_path()

        count = model_token_counter(_Folder())
        longest = [s for s in measured["tune"][1] if len(s) > cap // 2]
        pieces = count(longest) if longest else [0]
        print(f"word pieces in tune sentences over {cap // 2} characters: max {max(pieces)}, "
              f"median {int(np.median(pieces))} (the model's window: 256, the chunk budget: 200)")
    except Exception as exc:  # the tokenizer is optional for the fit itself
        print(f"(word pieces not counted: {exc})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

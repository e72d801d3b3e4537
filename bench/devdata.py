"""Development data as typed items, their tune/held-out split, the per-item collections and how answers are scored.

**The split.** ``split_of(dataset, key)`` is "tune" when the first 8 bytes of
``sha1(f"{dataset}\\0{key}".encode("utf-8"))``, read as a big-endian integer and divided by 2**64, fall below
0.6, and "heldout" otherwise. ``dataset`` is "rgb" or "ramdocs"; ``key`` is the RGB ``id`` in decimal or the RAMDocs
``question`` exactly as in the file. About 60% of the items are "tune". The split depends on nothing but the dataset
name and the key, so reordering or extending the files moves no item. **Nothing may ever be tuned on "heldout"**:
fitting scripts import ``split_of`` (or ``Collection.split``) and fit on "tune" items only; "heldout" figures are
reported, never optimised.

**Collections.** ``dev_collections()`` yields every collection the dev-set benchmark asks, as plain data (articles as
``(doc_id, text)``, the question and what a right answer looks like), so a fitting script can run the answer
pipeline on exactly the same collections without Chroma. An article's ``text`` is exactly its file's content
(``open(file, encoding="utf-8").read()``), so spans index into it. Doc ids are neutral (no "positive"/"fake" in
them) and the true and fake RGB articles are ordered by a hash of the item, so no label leaks into the collection.

**Scoring.** ``score(collection, answer)`` judges one answer (the dict of ``Answer.to_dict()``) with the rules in
bench/README.md: SQuAD-style normalisation, gold answers found as whole words in the answer text, short-answer exact
match and token F1, and disagreement sides matched by article and by answer value.

Data (read-only, never copied into the repository):
RGB en_fact: Chen, Lin, Han, Sun, "Benchmarking Large Language Models in Retrieval-Augmented Generation" (AAAI
2024), repository chen700564/RGB at 65ec39e4; CC BY-NC-SA 4.0 (rgb/LICENSE.txt).
RAMDocs dev: Wang, Prasad, Stengel-Eskin, Bansal, "Retrieval-Augmented Generation with Conflicting Evidence" (2025),
repository HanNight/RAMDocs at d44454c9; MIT (ramdocs/LICENSE).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DATA_ENV = "SOURCEWISE_DEV_DATA"
RGB_FILE = Path("rgb") / "en_fact.jsonl"
RAMDOCS_FILE = Path("ramdocs") / "dev.jsonl"
TUNE_SHARE = 0.6
SPLITS = ("tune", "heldout")
TASKS = ("rgb-answer", "rgb-abstain", "rgb-conflict", "rgb-control",
         "ramdocs-answer", "ramdocs-ambiguity", "ramdocs-control")

Answers = tuple[tuple[str, ...], ...]
"""Gold answer parts: a right answer states every part, each in any of its spellings."""


# -- locating and loading ------------------------------------------------------------------------------------------


def data_dir(override: str | Path | None = None) -> Path:
    """The development data folder: ``override``, else $SOURCEWISE_DEV_DATA, else <repo>/../shared/data."""
    folder = Path(override or os.environ.get(DATA_ENV) or DEFAULT_DATA)
    missing = [str(name) for name in (RGB_FILE, RAMDOCS_FILE) if not (folder / name).is_file()]
    if missing:
        raise InputError(
            f"no development data in {folder} (missing {', '.join(missing)}): pass --data DIR or set {DATA_ENV} to "
            f"a folder holding {RGB_FILE} (RGB en_fact) and {RAMDOCS_FILE} (RAMDocs dev); the team copy is "
            f"{DEFAULT_DATA}")
    return folder


def split_of(dataset: str, key: str) -> str:
    """ "tune" or "heldout" for an item, from a sha1 of the dataset name and the item's key (see the module doc)."""
    digest = hashlib.sha1(f"{dataset}\0{key}".encode("utf-8")).digest()
    return "tune" if int.from_bytes(digest[:8], "big") / 2**64 < TUNE_SHARE else "heldout"


def _flatten(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [text for item in value for text in _flatten(item)]


def parse_answers(value) -> Answers:
    """RGB's answer field as parts: a string is one part; in a list, each element is a part, and a nested list
    holds one part's alternative spellings (how RGB's own evaluation reads it)."""
    if isinstance(value, str):
        return ((value,),)
    return tuple(tuple(_flatten(part)) for part in value)


@dataclass(frozen=True)
class RGBItem:
    """One RGB en_fact item."""

    id: int
    query: str
    answer: Answers
    fake_answer: str
    positive: tuple[str, ...]
    positive_wrong: tuple[str, ...]
    negative: tuple[str, ...]

    @property
    def key(self) -> str:
        return str(self.id)

    @property
    def split(self) -> str:
        return split_of("rgb", self.key)


@dataclass(frozen=True)
class RAMDocument:
    """One RAMDocs document: ``kind`` is correct, misinfo or noise; ``answer`` is None for noise."""

    text: str
    kind: str
    answer: str | None


@dataclass(frozen=True)
class RAMDocsItem:
    """One RAMDocs dev item: a question whose name is shared by several entities, each with its own answer."""

    question: str
    documents: tuple[RAMDocument, ...]
    gold_answers: tuple[str, ...]
    wrong_answers: tuple[str, ...]
    entities: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.question

    @property
    def split(self) -> str:
        return split_of("ramdocs", self.key)


def _read_jsonl(path: Path) -> Iterator[dict]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path} line {number} is not JSON ({exc.msg}): restore the file from the "
                                 "team copy") from exc


def load_rgb(folder: str | Path | None = None) -> list[RGBItem]:
    """RGB en_fact items in file order."""
    items = []
    for record in _read_jsonl(data_dir(folder) / RGB_FILE):
        items.append(RGBItem(id=int(record["id"]), query=record["query"], answer=parse_answers(record["answer"]),
                             fake_answer=str(record["fakeanswer"]), positive=tuple(record["positive"]),
                             positive_wrong=tuple(record["positive_wrong"]), negative=tuple(record["negative"])))
    return items


def load_ramdocs(folder: str | Path | None = None) -> list[RAMDocsItem]:
    """RAMDocs dev items in file order."""
    items = []
    for record in _read_jsonl(data_dir(folder) / RAMDOCS_FILE):
        documents = tuple(RAMDocument(text=d["text"], kind=d["type"],
                                      answer=None if d["type"] == "noise" else str(d["answer"]))
                          for d in record["documents"])
        items.append(RAMDocsItem(question=record["question"], documents=documents,
                                 gold_answers=tuple(map(str, record["gold_answers"])),
                                 wrong_answers=tuple(map(str, record["wrong_answers"])),
                                 entities=tuple(record.get("disambig_entity") or ())))
    return items


def select(items: Sequence, split: str = "all", limit: int | None = None) -> list:
    """Items of one split ("tune", "heldout" or "all"), at most ``limit`` of each split, in file order."""
    if split not in ("all", *SPLITS):
        raise ValueError(f"split must be tune, heldout or all, got {split!r}")
    chosen, taken = [], Counter()
    for item in items:
        if split in ("all", item.split) and (limit is None or taken[item.split] < limit):
            chosen.append(item)
            taken[item.split] += 1
    return chosen


# -- the collections ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    """An article file of a collection: ``text`` is exactly the file's content; the file is ``{doc_id}.txt``."""

    doc_id: str
    text: str


@dataclass(frozen=True)
class ExpectedConflict:
    """A disagreement a right answer reports: a claim from a ``true`` article on one side and one from a ``false``
    article on another. Each article maps to the answer spellings it states."""

    true: tuple[tuple[str, tuple[str, ...]], ...]
    false: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Expectations:
    """What a right answer over a collection does; the empty defaults judge nothing."""

    answers: Answers = ()
    answerable: bool | None = None  # True: should answer; False: should say the articles do not answer
    conflict: ExpectedConflict | None = None
    no_disagreement: bool = False  # any disagreement reported is a false report
    distinct_entities: bool = False  # the articles are about different entities that share a name
    # some of the articles are about different entities that share a name (with others, false or noise): saying
    # the articles are about different things is then no false report, nor is it asked for
    mixed_entities: bool = False


@dataclass(frozen=True)
class Collection:
    """One question over a few articles, and what a right answer looks like."""

    dataset: str
    key: str
    split: str
    task: str
    articles: tuple[Article, ...]
    question: str
    expect: Expectations

    def files(self) -> dict[str, str]:
        return {a.doc_id: a.text for a in self.articles}


def article_text(text: str) -> str:
    """A document as an article file: newlines as text mode reads them, and no NUL characters (which make the
    reader refuse the file as binary; RAMDocs has a few in scraped pages)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def _short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def _true_first(key: str) -> bool:
    return hashlib.sha1(f"order\0{key}".encode("utf-8")).digest()[0] % 2 == 0


def rgb_collections(item: RGBItem, tasks: Iterable[str] = TASKS) -> Iterator[Collection]:
    """The RGB collections of one item, for the tasks asked."""
    tasks = set(tasks)
    base = f"rgb{item.id:03d}"

    def make(task: str, articles: list[tuple[str, str]], expect: Expectations) -> Collection:
        return Collection("rgb", item.key, item.split, task,
                          tuple(Article(d, article_text(t)) for d, t in articles), item.query, expect)

    if "rgb-answer" in tasks:
        yield make("rgb-answer", [(f"{base}-{i:02d}", s) for i, s in enumerate(item.positive, start=1)],
                   Expectations(answers=item.answer, answerable=True))
    if "rgb-abstain" in tasks and not negatives_state_answer(item):
        yield make("rgb-abstain", [(f"{base}-n{i:02d}", s) for i, s in enumerate(item.negative, start=1)],
                   Expectations(answerable=False))
    if "rgb-conflict" in tasks:
        first, second = f"{base}-a", f"{base}-b"
        true_id, fake_id = (first, second) if _true_first(item.key) else (second, first)
        texts = {true_id: "\n".join(s.strip() for s in item.positive),
                 fake_id: "\n".join(s.strip() for s in item.positive_wrong)}
        spellings = tuple(s for part in item.answer for s in part)
        yield make("rgb-conflict", [(d, texts[d]) for d in (first, second)],
                   Expectations(conflict=ExpectedConflict(true=((true_id, spellings),),
                                                          false=((fake_id, (item.fake_answer,)),))))
    if "rgb-control" in tasks and len(item.positive) >= 2:
        half = len(item.positive) // 2
        yield make("rgb-control", [(f"{base}-a", "\n".join(s.strip() for s in item.positive[:half])),
                                   (f"{base}-b", "\n".join(s.strip() for s in item.positive[half:]))],
                   Expectations(no_disagreement=True))


def negatives_state_answer(item: RGBItem) -> bool:
    """Whether a gold answer appears among the negative snippets (then they are no test of abstaining)."""
    return any(found_parts(snippet, item.answer) == len(item.answer) for snippet in item.negative)


def ramdocs_collections(item: RAMDocsItem, tasks: Iterable[str] = TASKS) -> Iterator[Collection]:
    """The RAMDocs collections of one item, for the tasks asked."""
    tasks = set(tasks)
    base = f"ram{_short_hash(item.question)}"
    ids = [f"{base}-{i:02d}" for i in range(1, len(item.documents) + 1)]
    docs = list(zip(ids, item.documents))

    def make(task: str, chosen: list[tuple[str, RAMDocument]], expect: Expectations) -> Collection:
        return Collection("ramdocs", item.key, item.split, task,
                          tuple(Article(d, article_text(doc.text)) for d, doc in chosen), item.question, expect)

    correct = [(d, doc) for d, doc in docs if doc.kind == "correct"]
    entities = len({doc.answer for _, doc in correct})
    if "ramdocs-answer" in tasks:
        conflict = None
        if any(doc.kind == "misinfo" for doc in item.documents):
            conflict = ExpectedConflict(
                true=tuple((d, (doc.answer,)) for d, doc in docs if doc.kind == "correct"),
                false=tuple((d, (doc.answer,)) for d, doc in docs if doc.kind == "misinfo"))
        yield make("ramdocs-answer", docs, Expectations(answers=tuple((g,) for g in item.gold_answers),
                                                        answerable=True, conflict=conflict,
                                                        mixed_entities=entities >= 2))
    if "ramdocs-ambiguity" in tasks and entities >= 2:
        yield make("ramdocs-ambiguity", correct, Expectations(answers=tuple((g,) for g in item.gold_answers),
                                                              distinct_entities=True))
    if "ramdocs-control" in tasks and correct:
        per_answer = Counter(doc.answer for _, doc in correct)
        order = {g: i for i, g in enumerate(item.gold_answers)}
        main = max(per_answer, key=lambda a: (per_answer[a], -order.get(a, len(order))))
        if per_answer[main] >= 2:
            chosen = [(d, doc) for d, doc in docs if doc.kind == "noise" or doc.answer == main and doc.kind == "correct"]
            yield make("ramdocs-control", chosen, Expectations(answers=((main,),), no_disagreement=True))


def dev_collections(folder: str | Path | None = None, *, tasks: Iterable[str] = TASKS, split: str = "all",
                    limit: int | None = None) -> Iterator[Collection]:
    """Every collection of the tasks asked, item by item (an item's collections one after another)."""
    tasks = tuple(tasks)
    unknown = set(tasks) - set(TASKS)
    if unknown:
        raise ValueError(f"unknown tasks {sorted(unknown)}; choose from {', '.join(TASKS)}")
    if any(t.startswith("rgb-") for t in tasks):
        for item in select(load_rgb(folder), split, limit):
            yield from rgb_collections(item, tasks)
    if any(t.startswith("ramdocs-") for t in tasks):
        for item in select(load_ramdocs(folder), split, limit):
            yield from ramdocs_collections(item, tasks)


@dataclass(frozen=True)
class RetrievalQuestion:
    key: str
    split: str
    question: str
    relevant: frozenset[str]
    answers: Answers = ()  # what a right answer states, as ``Expectations.answers``


@dataclass(frozen=True)
class RetrievalSet:
    """One collection of every document of a dataset (identical texts once), and each item's question with the
    articles that answer it (RGB: its positive snippets; RAMDocs: its correct documents)."""

    dataset: str
    articles: tuple[Article, ...]
    questions: tuple[RetrievalQuestion, ...]


def _haystack(dataset: str, prefix: str, docs_per_item: list[tuple[object, list[tuple[str, bool]]]],
              question_of, answers_of, split: str, limit: int | None) -> RetrievalSet:
    ids: dict[str, str] = {}
    for _, docs in docs_per_item:
        for text, _ in docs:
            ids.setdefault(article_text(text), f"{prefix}{len(ids) + 1:05d}")
    chosen = {id(item) for item in select([item for item, _ in docs_per_item], split, limit)}
    questions = tuple(RetrievalQuestion(item.key, item.split, question_of(item),
                                        frozenset(ids[article_text(t)] for t, relevant in docs if relevant),
                                        answers_of(item))
                      for item, docs in docs_per_item if id(item) in chosen)
    return RetrievalSet(dataset, tuple(Article(d, t) for t, d in ids.items()), questions)


def retrieval_sets(folder: str | Path | None = None, *, split: str = "all",
                   limit: int | None = None) -> tuple[RetrievalSet, RetrievalSet]:
    """The RGB and RAMDocs retrieval collections: every document of every item; questions of the split asked."""
    rgb = [(item, [(s, True) for s in item.positive] + [(s, False) for s in item.negative])
           for item in load_rgb(folder)]
    ramdocs = [(item, [(d.text, d.kind == "correct") for d in item.documents]) for item in load_ramdocs(folder)]
    return (_haystack("rgb", "rgbdoc", rgb, lambda i: i.query, lambda i: i.answer, split, limit),
            _haystack("ramdocs", "ramdoc", ramdocs, lambda i: i.question,
                      lambda i: tuple((g,) for g in i.gold_answers), split, limit))


# -- normalising and matching ------------------------------------------------------------------------------------

_CITATION = re.compile(r"\[\d+\]")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_ARTICLES = re.compile(r"\b(?:a|an|the)\b")


def normalise(text: str) -> str:
    """SQuAD-style: accents folded, lower case, no articles, one space between words. Punctuation becomes a space
    (SQuAD deletes it) so "2012.12:01" still holds "2012" and "Assad's" holds "Assad"; thousands commas go."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _THOUSANDS.sub("", text)
    text = "".join(ch if ch.isalnum() or ch.isspace() else " " for ch in text)
    return " ".join(_ARTICLES.sub(" ", text).split())


def answer_text(answer: Mapping) -> str:
    """The answer's words without its citation markers."""
    return _CITATION.sub(" ", answer.get("answer") or "")


def contains(text: str, phrase: str, *, masks: Iterable[str] = ()) -> bool:
    """Whether ``phrase`` appears in ``text`` as whole words after normalising; occurrences of any longer ``masks``
    phrase that contains it are blanked first, so "2012" is not found inside "May 15, 2012" when that is masked."""
    wanted = normalise(phrase)
    if not wanted:
        return False
    haystack = f" {normalise(text)} "
    for mask in sorted({normalise(m) for m in masks}, key=len, reverse=True):
        if mask != wanted and f" {wanted} " in f" {mask} ":
            haystack = re.sub(f"(?<= ){re.escape(mask)}(?= )", "|", haystack)
    return f" {wanted} " in haystack


def found_parts(text: str, answers: Answers) -> int:
    """How many gold parts ``text`` states (a part counts when any of its spellings appears)."""
    return sum(any(contains(text, spelling) for spelling in part) for part in answers)


def exact_match(prediction: str, golds: Iterable[str]) -> float:
    return float(any(normalise(prediction) == normalise(g) for g in golds if normalise(g)))


def token_f1(prediction: str, golds: Iterable[str]) -> float:
    """SQuAD token F1, the best over the gold spellings."""
    best = 0.0
    predicted = normalise(prediction).split()
    for gold in golds:
        expected = normalise(gold).split()
        common = sum((Counter(predicted) & Counter(expected)).values())
        if common:
            precision, recall = common / len(predicted), common / len(expected)
            best = max(best, 2 * precision * recall / (precision + recall))
    return best


# -- scoring an answer -------------------------------------------------------------------------------------------


def _side(claim: Mapping) -> str:
    """Which side of a disagreement a claim is on: its ``side`` when the answer says, else its value."""
    side = claim.get("side")
    return str(side) if side is not None else normalise(str(claim.get("value") or ""))


def _states(claim: Mapping, spellings: Iterable[str], others: Sequence[str]) -> bool:
    """Whether a claim's value or quote states one of ``spellings`` (not merely as part of one of ``others``)."""
    return any(contains(claim.get(field_name) or "", s, masks=others)
               for field_name in ("value", "quote") for s in spellings)


def reports_conflict(answer: Mapping, expected: ExpectedConflict, *, by: str) -> bool:
    """Whether a disagreement sets a true claim against a false one on different sides.

    ``by="value"``: a claim stating a true answer (in its value or quote) against one stating a false answer, where a
    claim stating both counts for neither. ``by="article"``: a claim from a true article against one from a false
    article. ``by="both"``: from those articles, each stating its own article's answer.
    """
    if by not in ("value", "article", "both"):
        raise ValueError(f"by must be value, article or both, got {by!r}")
    true_docs, false_docs = dict(expected.true), dict(expected.false)
    true_values = tuple(dict.fromkeys(s for spellings in true_docs.values() for s in spellings))
    false_values = tuple(dict.fromkeys(s for spellings in false_docs.values() for s in spellings))

    def is_true(claim: Mapping) -> bool:
        if by == "article":
            return claim.get("doc_id") in true_docs
        if by == "both":
            doc = claim.get("doc_id")
            return doc in true_docs and _states(claim, true_docs[doc], false_values)
        return _states(claim, true_values, false_values) and not _states(claim, false_values, true_values)

    def is_false(claim: Mapping) -> bool:
        if by == "article":
            return claim.get("doc_id") in false_docs
        if by == "both":
            doc = claim.get("doc_id")
            return doc in false_docs and _states(claim, false_docs[doc], true_values)
        return _states(claim, false_values, true_values) and not _states(claim, true_values, false_values)

    for disagreement in answer.get("disagreements") or ():
        claims = disagreement.get("claims") or ()
        true_sides = {_side(c) for c in claims if is_true(c)}
        false_sides = {_side(c) for c in claims if is_false(c)}
        if any(t != f for t in true_sides for f in false_sides):
            return True
    return False


def says_distinct_entities(answer: Mapping) -> bool:
    """Whether the answer says the articles are about different entities (``distinct_entities``, on the answer or
    on a disagreement)."""
    return bool(answer.get("distinct_entities")) or any(
        bool(d.get("distinct_entities")) for d in answer.get("disagreements") or ())


def unexcused_disagreements(answer: Mapping) -> int:
    """Disagreements not marked as being about different entities."""
    if answer.get("distinct_entities"):
        return 0
    return sum(not d.get("distinct_entities") for d in answer.get("disagreements") or ())


def span_is_exact(entry: Mapping, files: Mapping[str, str], text_key: str) -> bool:
    """``files[doc_id][start:end] == entry[text_key]`` (False when the article or the offsets are not there)."""
    text = files.get(entry.get("doc_id"))
    start, end = entry.get("start"), entry.get("end")
    if text is None or not isinstance(start, int) or not isinstance(end, int):
        return False
    return 0 <= start <= end <= len(text) and text[start:end] == entry.get(text_key)


@dataclass(frozen=True)
class Score:
    """One answer judged: figures by metric name (1/0 or a fraction), and counts that metrics are taken over."""

    values: dict[str, float] = field(default_factory=dict)
    spans: tuple[bool, ...] = ()  # each short answer: is it an exact span
    citations: tuple[bool, ...] = ()  # each citation: is it an exact span


def score(collection: Collection, answer: Mapping) -> Score:
    """Judge ``answer`` (an ``Answer.to_dict()``) against what ``collection`` expects."""
    expect, files = collection.expect, collection.files()
    answered = bool(answer.get("answered"))
    values: dict[str, float] = {}
    shorts = [s for s in answer.get("short_answers") or () if isinstance(s, Mapping)]
    spans = tuple(span_is_exact(s, files, "text") for s in shorts)
    citations = tuple(span_is_exact(c, files, "quote") for c in answer.get("citations") or ())
    if expect.answerable is not None:
        values["answered"] = float(answered)
    if expect.answerable is False:
        values["abstained"] = float(not answered)
    if expect.answers:
        found = found_parts(answer_text(answer), expect.answers)
        golds = [s for part in expect.answers for s in part]
        values["correct"] = float(answered and found == len(expect.answers))
        values["correct_any"] = float(answered and found > 0)
        values["gold_in_text"] = float(found > 0)
        values["short_given"] = float(bool(shorts))
        first = shorts[0].get("text", "") if shorts else ""
        values["short_em"] = exact_match(first, golds) if shorts else 0.0
        values["short_f1"] = token_f1(first, golds) if shorts else 0.0
        if shorts:  # how far a direct answer, when one is given, can be trusted
            values["short_em_given"] = values["short_em"]
    disagreements = answer.get("disagreements") or ()
    values["any_report"] = float(bool(disagreements))
    if expect.conflict is not None:
        values["recall_value"] = float(reports_conflict(answer, expect.conflict, by="value"))
        values["recall_article"] = float(reports_conflict(answer, expect.conflict, by="article"))
        values["recall_both"] = float(reports_conflict(answer, expect.conflict, by="both"))
    if expect.no_disagreement:
        values["false_report"] = float(bool(disagreements))
    if expect.distinct_entities:
        values["false_report"] = float(unexcused_disagreements(answer) > 0)
        values["said_distinct"] = float(says_distinct_entities(answer))
    elif (expect.answers or expect.no_disagreement) and not expect.mixed_entities:
        values["false_distinct"] = float(says_distinct_entities(answer))  # one entity taken for several
    return Score(values=values, spans=spans, citations=citations)

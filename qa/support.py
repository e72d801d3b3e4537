"""Whether the passages a language model cites support a sentence it wrote: pure checks over strings and vectors.

A sentence is kept only when the passages it cites contain its names, numbers and nearly all its words, agree with it
in polarity, and hold a sentence close to it in meaning, which is then its citation. A word is in a passage when its
stem is (the vocabulary's stemmer), so "confessed" is not supported by "conference".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from index.vocab import (COMPOUND_NUMBER, LIGHT_WORDS, MONTH_NAMES, NAME_PARTICLES, NUMBER_WORDS, STOPWORDS,
                         alternation, content_terms, cosine_similarity, fold_word, month_number, stem, tokenize,
                         word_to_number)
from qa.evidence import Evidence

__all__ = ["PromptPassage", "evidence_key", "DraftSentence", "Facts", "sentence_facts", "numbers_in", "Lexicon",
           "Support", "check_support", "is_instruction", "is_gap_statement", "Verdict", "check_sentences",
           "NEGATION", "INSTRUCTION", "GAP", "FREE_STEMS"]


@dataclass(frozen=True, eq=False)
class PromptPassage:
    """Numbered passage ``n`` of the prompt: consecutive sentences of one article."""

    n: int
    sentences: tuple[Evidence, ...]

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def doc_id(self) -> str:
        return self.sentences[0].doc_id

    @property
    def source(self) -> str:
        return self.sentences[0].outlet

    @property
    def published(self) -> str | None:
        return self.sentences[0].published


def evidence_key(item: Evidence) -> tuple[str, int, int]:
    return item.doc_id, item.start, item.end


@dataclass(frozen=True)
class DraftSentence:
    """A sentence of the model's reply: its words without markers, and the passage numbers it cites, in order."""

    text: str
    markers: tuple[int, ...] = ()


_FREE_WORDS = """yes according reportedly report reports reported reporting source sources passage passages article
articles outlet outlets state states stated stating statement say says said saying mention mentions mentioned note
notes noted add adds added describe describes described claim claims claimed disagree disagrees disagreement differ
differs different difference conflict conflicting contradict contradicts while whereas another other others one
both either respectively however also further furthermore addition additionally meanwhile although though
""".split()
FREE_STEMS = frozenset(stem(w) for w in _FREE_WORDS) | {w for w in _FREE_WORDS}
_COUNTED_WORDS = {**{w: n for w, n in NUMBER_WORDS.items() if n >= 2}, "hundred": 100}  # "one" says "a", not 1
_NUMBER_STEMS = frozenset(stem(w) for w in [*NUMBER_WORDS, "hundred", "hundreds", "dozen", "dozens"])
_WORD_NUMBER = re.compile(rf"\b(?:{COMPOUND_NUMBER}|{alternation(_COUNTED_WORDS)})\b", re.I)
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|none|nobody|nothing|cannot|den(?:y|ies|ied|ying|ial)|"
                      r"refus(?:e|es|ed|ing)|reject(?:s|ed|ing)?|false(?:ly)?)\b|n[’']t\b", re.I)
INSTRUCTION = re.compile(r"\b(?:ignore|disregard|forget|override)\b[^.]{0,60}\b(?:instructions?|prompts?)\b"
                         r"|\bsystem prompt\b|\byou are now\b|\bas an ai\b", re.I)
GAP = re.compile(r"\b(?:passages?|articles?|sources?|texts?)\b[^.]{0,40}\b(?:do|does|did)(?:\s+not|n[’']t)\s+"
                 r"(?:answer|say|mention|state|contain|give|provide|specify|include|cover|report|address|explain)\b"
                 r"|\bno information\b|\bnot (?:mentioned|stated|specified|reported) in the (?:passages?|articles?)\b",
                 re.I)
_GAP_WORDS = frozenset(stem(w) for w in """answer question information mention state contain give provide specify
include cover report address explain detail details clear clearly directly exact exactly""".split())
_CONTRAST = re.compile(r"\b(?:but|however|although|though|yet|whereas|while|instead)\b|;", re.I)


@dataclass(frozen=True)
class Facts:
    """What a sentence asserts that can be looked up in a passage."""

    terms: tuple[str, ...]    # content-word stems, reporting words left out
    names: tuple[str, ...]    # capitalised words and acronyms, as written
    numbers: tuple[str, ...]  # normalised: "1,000" -> "1000", "twenty-four" -> "24"
    negated: bool

    @property
    def empty(self) -> bool:
        return not (self.terms or self.names or self.numbers)


def numbers_in(text: str, *, words: bool = True) -> list[str]:
    """The numbers ``text`` states, normalised, each once: "1,000" -> "1000", "twenty-four" -> "24"."""
    found = [_normalise_number(m.group()) for m in _DIGITS.finditer(text)]
    if words:
        for match in _WORD_NUMBER.finditer(text):
            value = _COUNTED_WORDS.get(match.group().lower())
            found.append(str(int(value if value is not None else word_to_number(match.group()))))
    return list(dict.fromkeys(found))


def _normalise_number(text: str) -> str:
    text = text.replace(",", "")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return str(int(text)) if text.isdigit() else text


def _words(text: str) -> list[str]:
    """The words of ``text`` that start with a letter, as written: "al-Assad’s", "U.S", "Moscow"."""
    return [t.text.rstrip(".") for t in tokenize(text) if t.text[:1].isalpha()]


def sentence_facts(text: str) -> Facts:
    """Terms, names, numbers and polarity of a sentence (its first word is a name unless it is a common word).

    A name is looked up as a name (with its other forms: "Russian" for "Russia", "U.S." for "US"), so its stem is
    not a term as well."""
    names, name_stems = [], set()
    for word in _words(text):
        base = fold_word(word)
        if stem(base) in FREE_STEMS or base in STOPWORDS or base in LIGHT_WORDS or base in FREE_STEMS:
            continue
        if any(len(part) > 1 and part[:1].isupper() for part in word.split("-")):
            names.append(re.sub(r"[’']s?$", "", word))
            name_stems.update(content_terms(word))
    terms = [t for t in content_terms(text)
             if t not in FREE_STEMS and t not in _NUMBER_STEMS and not t.isdigit() and t not in name_stems]
    return Facts(terms=tuple(dict.fromkeys(terms)), names=tuple(dict.fromkeys(names)),
                 numbers=tuple(numbers_in(text)), negated=bool(NEGATION.search(text)))


_DEMONYM_ENDINGS = ("ian", "ese", "ish", "an", "i", "n")


def _derived_names(name: str) -> set[str]:
    """The words for the people of a place: "syria" -> syrian, "china" -> chinese, "israel" -> israeli, ..."""
    if len(name) < 4:
        return set()
    stems = {name, name[:-1]} if name[-1] in "aeiouy" else {name}
    return {s + ending for s in stems for ending in _DEMONYM_ENDINGS}


@dataclass(frozen=True)
class Lexicon:
    """Every word, stem, name and number of some texts, for looking facts up.

    A word is there when it, or its stem, is: sharing a prefix is not enough ("confessed" is not "conference"). A
    name is also there in its other forms: "Russian" for "Russia" and back, "US" for "U.S.", "Dec" for "December"."""

    words: frozenset[str]
    stems: frozenset[str]
    names: frozenset[str]      # capitalised words, folded
    demonyms: frozenset[str]   # the words for the people of ``names``
    months: frozenset[int]
    numbers: frozenset[str]

    @classmethod
    def of(cls, texts: Sequence[str]) -> "Lexicon":
        words, stems, names, numbers = set(), set(), set(), set()
        for text in texts:
            for word in _words(text):
                base = fold_word(word)
                parts = {p for p in re.split(r"[-']", base) if p}
                words.update({base, base.replace(".", ""), *parts})
                stems.add(stem(base))
                if word[:1].isupper():
                    names.update(parts)
            stems.update(content_terms(text))
            numbers.update(numbers_in(text))
        demonyms = {d for name in names for d in _derived_names(name)}
        months = {month_number(w) for w in words} - {None}
        return cls(frozenset(words), frozenset(stems), frozenset(names), frozenset(demonyms), frozenset(months),
                   frozenset(numbers))

    def has_term(self, term: str) -> bool:
        return term in self.stems or term in self.words

    def has_name(self, name: str) -> bool:
        base = fold_word(name)
        parts = [p for p in re.split(r"[-']", base) if p] or [base]
        return all(self._has_word(p) for p in parts
                   if p not in STOPWORDS and p not in LIGHT_WORDS and p not in NAME_PARTICLES)

    def _has_word(self, word: str) -> bool:
        if word in self.words or word.replace(".", "") in self.words or stem(word) in self.stems:
            return True
        if word in self.demonyms or _derived_names(word) & self.names:
            return True
        return month_number(word) in self.months

    def has_number(self, number: str) -> bool:
        return number in self.numbers


def _published_words(published: str | None) -> list[str]:
    """``2024-12-08`` -> ``2024 12 8 December``, so a model may date a report by its article."""
    if not published:
        return []
    parts = re.findall(r"\d+", published)
    words = [str(int(p)) for p in parts]
    if len(parts) >= 2 and 1 <= int(parts[-2]) <= 12:
        words.append(MONTH_NAMES[int(parts[-2]) - 1])
    return words


@dataclass(frozen=True)
class Support:
    """The verdict on one sentence against some passages: the supporting sentence of each passage kept."""

    supported: bool
    anchors: tuple[tuple[int, Evidence], ...] = ()
    similarity: float = 0.0
    reason: str = ""


def is_instruction(text: str) -> bool:
    """Text addressed to an AI ("ignore previous instructions ..."): never evidence for anything."""
    return bool(INSTRUCTION.search(text))


def check_support(text: str, vector: np.ndarray | None, passages: Sequence[PromptPassage],
                  vectors: Mapping[tuple[str, int, int], np.ndarray], *, threshold: float = 0.4,
                  max_missing_share: float = 0.25) -> Support:
    """Whether ``passages`` support the sentence ``text``: every name and number in them, at most
    ``max_missing_share`` of its other words missing, the same polarity as its supporting sentence, and a cosine of at
    least ``threshold`` to it. A cited passage neither close in meaning nor adding a fact of its own is not cited."""
    facts = sentence_facts(text)
    if facts.empty:
        return Support(False, reason="states nothing that can be checked")
    usable = [(p, [s for s in p.sentences if not is_instruction(s.text)]) for p in passages]
    usable = [(p, sentences) for p, sentences in usable if sentences]
    if not usable:
        return Support(False, reason="the cited passages hold no usable sentence")
    contributing = []
    for passage, sentences in usable:
        lexicon = Lexicon.of([s.text for s in sentences] + [passage.source] + _published_words(passage.published))
        if _shares_any(facts, lexicon):
            contributing.append((passage, sentences, lexicon))
    if not contributing:
        return Support(False, reason="shares nothing with the cited passages")
    texts = [s.text for _, sentences, _ in contributing for s in sentences]
    extras = [w for p, _, _ in contributing for w in [p.source, *_published_words(p.published)]]
    pool = Lexicon.of(texts + extras)
    missing_names = [n for n in facts.names if not pool.has_name(n)]
    if missing_names:
        return Support(False, reason=f"names not in the cited passages: {', '.join(missing_names)}")
    missing_numbers = [n for n in facts.numbers if not pool.has_number(n)]
    if missing_numbers:
        return Support(False, reason=f"numbers not in the cited passages: {', '.join(missing_numbers)}")
    missing_terms = [t for t in facts.terms if not pool.has_term(t)]
    if len(missing_terms) > int(len(facts.terms) * max_missing_share):
        return Support(False, reason=f"words not in the cited passages: {', '.join(missing_terms)}")

    anchors: list[tuple[int, Evidence, float]] = []
    covered: list[set[str]] = []
    for passage, sentences, lexicon in contributing:
        scored = []
        for sentence in sentences:
            similarity = cosine_similarity(vector, vectors.get(evidence_key(sentence))) or 0.0
            scored.append((similarity + _coverage(facts, Lexicon.of([sentence.text])), similarity, sentence))
        _, similarity, best = max(scored, key=lambda item: item[0])
        anchors.append((passage.n, best, similarity))
        covered.append(_covered(facts, lexicon))
    # a cited passage stays cited when it is close in meaning or adds a fact no other cited passage has
    kept = [anchor for i, anchor in enumerate(anchors)
            if anchor[2] >= threshold or covered[i] - set().union(*(c for j, c in enumerate(covered) if j != i))]
    anchors = kept or [max(anchors, key=lambda a: a[2])]
    similarity = max(s for _, _, s in anchors)
    if similarity < threshold:
        return Support(False, similarity=similarity,
                       reason=f"too far in meaning from the cited sentence (cosine {similarity:.2f} < {threshold:.2f})")
    closest = max(anchors, key=lambda a: a[2])[1]
    if facts.negated and not any(NEGATION.search(a.text) for _, a, _ in anchors):
        return Support(False, similarity=similarity, reason="negates what the cited sentence says")
    if not facts.negated and NEGATION.search(closest.text):
        return Support(False, similarity=similarity, reason="drops a negation of the cited sentence")
    return Support(True, tuple((n, a) for n, a, _ in anchors), similarity)


def _shares_any(facts: Facts, lexicon: Lexicon) -> bool:
    return any(lexicon.has_term(t) for t in facts.terms) or any(lexicon.has_name(n) for n in facts.names) \
        or any(lexicon.has_number(n) for n in facts.numbers)


def _covered(facts: Facts, lexicon: Lexicon) -> set[str]:
    return {f"t:{t}" for t in facts.terms if lexicon.has_term(t)} | {f"n:{n}" for n in facts.names
                                                                    if lexicon.has_name(n)} \
        | {f"#:{n}" for n in facts.numbers if lexicon.has_number(n)}


def _coverage(facts: Facts, lexicon: Lexicon) -> float:
    checks = [lexicon.has_term(t) for t in facts.terms] + [lexicon.has_name(n) for n in facts.names] \
        + [lexicon.has_number(n) for n in facts.numbers]
    return sum(checks) / len(checks) if checks else 0.0


def is_gap_statement(text: str, question: str, passages: Sequence[PromptPassage]) -> bool:
    """"The passages do not say when he left." -- a statement about the passages, asserting nothing else: every
    name, number and word of it is in the question or the passages, and it has no second clause."""
    if not GAP.search(text) or _CONTRAST.search(text):
        return False
    facts = sentence_facts(text)
    known = Lexicon.of([question] + [p.text for p in passages])
    return all(known.has_name(n) for n in facts.names) and all(known.has_number(n) for n in facts.numbers) \
        and all(known.has_term(t) or t in _GAP_WORDS for t in facts.terms)


# --------------------------------------------------------------------------------------------- checking a reply

@dataclass(frozen=True)
class Verdict:
    """One sentence of the reply: kept with its anchors, kept as a statement about the passages, or left out."""

    sentence: DraftSentence
    kind: str  # "supported" | "gap" | "unsupported"
    anchors: tuple[tuple[int, Evidence], ...] = ()
    reason: str = ""


def check_sentences(sentences: Sequence[DraftSentence], vectors: Sequence[np.ndarray | None],
                    passages: Sequence[PromptPassage], passage_vectors: Mapping[tuple[str, int, int], np.ndarray],
                    question: str, *, threshold: float = 0.4, max_missing_share: float = 0.25) -> list[Verdict]:
    """Check each sentence against the passages it cites; out-of-range markers are dropped, and a sentence left
    without markers is given the one passage that supports it best, if any does."""
    by_number = {p.n: p for p in passages}
    verdicts = []
    for sentence, vector in zip(sentences, vectors):
        cited = [by_number[n] for n in sentence.markers if n in by_number]
        if cited:
            support = check_support(sentence.text, vector, cited, passage_vectors, threshold=threshold,
                                    max_missing_share=max_missing_share)
        elif is_gap_statement(sentence.text, question, passages):
            verdicts.append(Verdict(sentence, "gap"))
            continue
        else:
            candidates = [check_support(sentence.text, vector, [p], passage_vectors, threshold=threshold,
                                        max_missing_share=max_missing_share) for p in passages]
            supported = [c for c in candidates if c.supported]
            support = max(supported, key=lambda c: c.similarity) if supported else Support(
                False, reason="no passage supports it")
        verdicts.append(Verdict(sentence, "supported" if support.supported else "unsupported", support.anchors,
                                support.reason))
    return verdicts

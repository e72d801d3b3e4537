"""Cross-source disagreement detection: do the articles state different values for the point asked?

``RuleConflictDetector`` is the default: no model, every decision a small named rule over the sentences and their
embeddings, so a report can be explained. Any other detector (an NLI model, an LLM judge) can stand behind the
same ``ConflictDetector`` protocol.

How the rules work, in order:
1. Read typed values from each sentence: quantities with units and hedges, dates (weekdays resolved against the
   publication date), confirmation status; and names wherever two near-identical sentences differ in one span
   (never a source: "told TASS" vs "told Interfax" is no disagreement).
2. Give each value its slot -- what it measures: unit, head noun and owner for a number ("his 24-year rule" is
   not "six decades of rule by the Assad family"), the phase of a date (a start or a plan is not the event), the
   object of a confirmation.
3. Keep the values that bear on the question: of the kind it asks for, with its words around them, not about
   another edition ("Splatoon 1" for "Splatoon 2"); each article answers with its values closest to the question.
4. Report a slot when two articles state incompatible values in aligned sentences (close in meaning and sharing
   their subject, or near-identical but for the value); sides group compatible values ("24 years" and "over 20
   years"), and a value that every article states beside a rival is dropped as a different fact.

``find_in_corpus`` does the same without a question, comparing only articles on the same story.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Protocol, Union, runtime_checkable

import numpy as np

from index.vocab import (DATE_NOUNS, HOW_WORDS, MEASURE_NOUNS, NAME_PARTICLES, PERSON_WORDS, STOPWORDS, Token,
                         alternation, cosine_similarity, stem, tokenize, word_parts)
from qa.evidence import Evidence
from qa.values import (
    PERSONAL_PRONOUNS,
    DateMention,
    DateValue,
    Name,
    Quantity,
    QuantityMention,
    Status,
    StatusMention,
    entity_key,
    find_dates,
    find_quantities,
    find_statuses,
    infer_year,
    resolve_date,
)

__all__ = ["KINDS", "Value", "Side", "Conflict", "ConflictDetector", "RuleConflictDetector", "find_disagreements"]

KINDS = ("number", "date", "entity", "status", "other")
Value = Union[Quantity, DateValue, Name, Status]


# --------------------------------------------------------------------------------------------- public types

@dataclass(frozen=True)
class Side:
    """One value that some articles state, with the sentences stating it."""

    value: str                       # normalised: "24 years", "2024-12-08", "no official confirmation"
    evidence: tuple[Evidence, ...]   # sentences (from >= 1 article) stating it


@dataclass(frozen=True)
class Conflict:
    """Articles that state incompatible values for one point."""

    topic: str                # short noun phrase: "length of Assad's rule"
    kind: str                 # "number" | "date" | "entity" | "status" | "other"
    sides: tuple[Side, ...]   # >= 2 sides, each with an article the other sides lack


@runtime_checkable
class ConflictDetector(Protocol):
    """Finds the disagreements between articles: on the point a question asks, and across a whole collection
    (runtime-checkable, so pydantic models can hold one)."""

    def find(self, question: str, evidence: Sequence[Evidence]) -> list[Conflict]: ...

    def find_in_corpus(self, evidence: Sequence[Evidence]) -> list[Conflict]: ...


# --------------------------------------------------------------------------------------------- sentences

@dataclass(frozen=True)
class Sentence:
    """What the rules need from one sentence: tokens, stems, and the typed values it states."""

    text: str
    tokens: tuple[Token, ...]
    stems: tuple[str | None, ...]    # per token: its stem if it is a content word, else None
    quantities: tuple[QuantityMention, ...]
    dates: tuple[DateMention, ...]
    statuses: tuple[StatusMention, ...]
    lowers: tuple[str, ...] = ()     # per token, lower-cased
    words: frozenset[str] = frozenset()   # the set of ``lowers``
    terms: frozenset[str] = frozenset()   # content stems, hyphenated names split too
    names: frozenset[str] = frozenset()   # stems of capitalised words that do not start the sentence
    value_tokens: frozenset[int] = frozenset()  # indices of the tokens inside a date or a quantity


def _expand_terms(stems: Iterable[str]) -> list[str]:
    """Stems plus the parts of hyphenated names: "al-assad" also gives "assad"."""
    out = []
    for s in stems:
        out.append(s)
        if "-" in s:
            out.extend(p for p in s.split("-") if p and p not in NAME_PARTICLES and p not in STOPWORDS
                       and not p.isdigit())
    return out


def _is_content(token: Token) -> bool:
    return token.is_word and token.lower.replace("’", "'") not in STOPWORDS


_MAY_HOLD_DATE = re.compile(r"\d|day\b", re.IGNORECASE)
_MAY_HOLD_STATUS = re.compile(r"confirm|verif|den[yi]|reported|alleged|purported|said to", re.IGNORECASE)


@lru_cache(maxsize=8192)
def read_sentence(text: str) -> Sentence:
    """Tokenise a sentence and read its quantities, dates and confirmation cues (cached: sentences recur)."""
    tokens = tokenize(text)
    stems = tuple(stem(t.text) if _is_content(t) else None for t in tokens)
    dates = tuple(find_dates(text)) if _MAY_HOLD_DATE.search(text) else ()
    quantities = tuple(q for q in find_quantities(text)
                       if not any(q.start < d.end and d.start < q.end for d in dates))
    statuses = tuple(find_statuses(text)) if _MAY_HOLD_STATUS.search(text) else ()
    lowers = tuple(t.lower for t in tokens)
    names = _expand_terms(s for k, (t, s) in enumerate(zip(tokens, stems))
                          if s and k > 0 and t.is_capitalised and tokens[k - 1].text not in ".!?:“\"‘'(")
    spans = [(v.start, v.end) for v in (*dates, *quantities)]
    value_tokens = frozenset(k for k, t in enumerate(tokens) if any(t.start < e and b < t.end for b, e in spans))
    return Sentence(text, tokens, stems, quantities, dates, statuses, lowers, frozenset(lowers),
                    frozenset(_expand_terms(s for s in stems if s)), frozenset(names), value_tokens)


def _token_range(sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """Indices [i, j) of the tokens overlapping the character span [start, end)."""
    idx = [k for k, t in enumerate(sentence.tokens) if t.start < end and start < t.end]
    return (idx[0], idx[-1] + 1) if idx else (0, 0)


def _context_terms(sentence: Sentence, start: int, end: int, window: int) -> frozenset[str]:
    """Stems of the ``window`` content words on each side of a span, other values' words left out: what the
    value there is about."""
    i, j = _token_range(sentence, start, end)
    left = [s for k, s in enumerate(sentence.stems[:i]) if s and k not in sentence.value_tokens][-window:]
    right = [s for k, s in enumerate(sentence.stems[j:], start=j) if s and k not in sentence.value_tokens][:window]
    return frozenset(_expand_terms(left + right))


def _anchor_terms(sentence: Sentence, start: int, size: int = 3) -> frozenset[str]:
    """The content words just before a value, back to the previous value: in English the words a value attaches
    to ("released worldwide on 21 July", "his 24-year rule")."""
    i, _ = _token_range(sentence, start, start + 1)
    words: list[str] = []
    for k in range(i - 1, -1, -1):
        if k in sentence.value_tokens or len(words) == size:
            break
        if sentence.stems[k]:
            words.append(sentence.stems[k])
    return frozenset(_expand_terms(words))


# --------------------------------------------------------------------------------------------- mentions and slots

@dataclass(frozen=True)
class _Mention:
    """One typed value that one evidence sentence states, with the words that say what it is about."""

    item: int                   # index of the sentence in the evidence list
    kind: str
    value: Value
    start: int
    end: int
    context: frozenset[str]     # stems around the value (its subject)
    slot: tuple = ()            # numbers: (unit, head stems, owner); dates: (phase,)
    object_terms: frozenset[str] = frozenset()  # status: what is confirmed (sentence minus who confirms)
    head: str = ""              # numbers: what they count, as written ("rule"), for topics
    anchor: frozenset[str] = frozenset()  # the words just before the value, which it attaches to

    @property
    def is_exact(self) -> bool:
        return self.value.is_exact


_START_WORDS = frozenset({"began", "begun", "begin", "begins", "beginning", "start", "started", "starts",
                          "starting", "commenced", "since", "outbreak", "kicked", "preorders", "pre-orders"})
_PLAN_WORDS = frozenset({"originally", "initially", "previously", "scheduled", "postponed", "planned",
                         "rescheduled", "delayed", "expected", "tentatively", "will", "would", "shall", "slated",
                         "coming", "upcoming", "due", "'ll", "’ll"})
_OWNER_STOP = frozenset({",", ".", ";", ":", "(", ")", "—", "–", "-", "and", "or", "that", "which", "who"})


def _date_phase(sentence: Sentence, start: int) -> str:
    """"start" for a date that opens something ("began on November 27"), "plan" for a schedule or a future
    ("originally scheduled for June 25", "will launch on"), else "event". Values compete only within a phase."""
    i, _ = _token_range(sentence, start, start + 1)
    before = [t.lower for t in sentence.tokens[max(0, i - 4):i]]
    if _START_WORDS.intersection(before):
        return "start"
    clause = [t.lower for t in sentence.tokens[max(0, i - 12):i]]
    if _PLAN_WORDS.intersection(clause):
        return "plan"
    return "event"


def _number_head(sentence: Sentence, start: int, end: int) -> list[Token]:
    """What a number counts: "24-year rule" -> [rule]; "12 days of heavy fighting" -> [heavy, fighting];
    "revenue of $6.3 billion" -> [revenue]."""
    i, j = _token_range(sentence, start, end)
    after = list(sentence.tokens[j:j + 5])
    while after and after[0].lower in ("of", "in", "the", "a", "an", "his", "her", "their", "its"):
        after = after[1:]
    head = []
    for t in after[:2]:
        if not _is_content(t) or not t.text[:1].isalpha():
            break
        head.append(t)
    if head:
        return head
    before = list(sentence.tokens[max(0, i - 3):i])
    for k in range(len(before) - 1, -1, -1):
        linked = k == len(before) - 1 or before[k + 1].lower in (":", "of", "was", "were", "is", "at", "totaled")
        if _is_content(before[k]) and before[k].text[:1].isalpha() and linked:
            return [before[k]]
    return []


@dataclass(frozen=True)
class _Owner:
    """Whose quantity it is: "his", "Assad's" (a proper name), "the Assad family" (a described group)."""

    words: frozenset[str]
    pronoun: bool = False
    proper: bool = False
    text: str = ""


def _number_owner(sentence: Sentence, start: int, end: int) -> _Owner | None:
    """The possessor before a number ("his", "Assad's") or the "of/by X" after its head noun."""
    i, j = _token_range(sentence, start, end)
    if i > 0:
        prev = sentence.tokens[i - 1]
        if prev.lower in PERSONAL_PRONOUNS:
            return _Owner(frozenset({prev.lower}), pronoun=True)
        if prev.lower.endswith(("'s", "’s")):
            k = i - 1
            run = [prev]
            while k > 0 and (sentence.tokens[k - 1].is_capitalised or sentence.tokens[k - 1].lower in NAME_PARTICLES):
                k -= 1
                run.insert(0, sentence.tokens[k])
            text = " ".join(t.text for t in run)
            return _Owner(entity_key(text), proper=all(t.is_capitalised or t.lower in NAME_PARTICLES for t in run),
                          text=text.replace("’", "'"))
    after = sentence.tokens[j:j + 8]
    for k, t in enumerate(after[:4]):
        if t.lower in ("of", "by") and k > 0:
            run = []
            for u in after[k + 1:]:
                if u.lower in _OWNER_STOP or (not u.is_word):
                    break
                if u.lower in ("the", "a", "an"):
                    continue
                run.append(u)
            if run and any(u.is_capitalised for u in run):
                text = " ".join(u.text for u in run)
                return _Owner(entity_key(text), proper=all(u.is_capitalised or u.lower in NAME_PARTICLES
                                                           for u in run), text=text + "'s")
            break
    return None


def _owners_compatible(a: _Owner | None, b: _Owner | None) -> bool:
    """"his" fits "Assad's"; "the Assad family" fits neither: a family's rule is not one man's."""
    if a is None or b is None:
        other = b if a is None else a
        return other is None or other.pronoun
    if a.pronoun or b.pronoun:
        return (a.pronoun or a.proper) and (b.pronoun or b.proper)
    return a.words == b.words or (a.proper and b.proper and bool(a.words & b.words))


def _slots_compatible(a: _Mention, b: _Mention) -> bool:
    """Whether two mentions measure the same thing, so their values compete."""
    if a.kind != b.kind:
        return False
    if a.kind == "number":
        (unit_a, head_a, owner_a), (unit_b, head_b, owner_b) = a.slot, b.slot
        heads_match = bool(head_a & head_b)
        return unit_a == unit_b and heads_match and _owners_compatible(owner_a, owner_b)
    if a.kind == "date":
        return a.slot == b.slot
    return True


def _sentence_mentions(item: int, evidence: Evidence, sentence: Sentence, window: int,
                       year_hint: int | None) -> list[_Mention]:
    """The number, date and status mentions of one sentence, with their slots."""
    out: list[_Mention] = []
    for q in sentence.quantities:
        head = _number_head(sentence, q.start, q.end)
        slot = (q.quantity.unit, frozenset(stem(t.text) for t in head), _number_owner(sentence, q.start, q.end))
        noun = bool(head) and head[0].start >= q.end  # what follows a number names it; what precedes may not
        out.append(_Mention(item, "number", q.quantity, q.start, q.end,
                            _context_terms(sentence, q.start, q.end, window), slot,
                            head=" ".join(t.text for t in head) if noun else "",
                            anchor=_anchor_terms(sentence, q.start)))
    for d in sentence.dates:
        if d.dateline:
            continue
        value = resolve_date(d, evidence.published, year_hint)
        if value is None:
            continue
        out.append(_Mention(item, "date", value, d.start, d.end, _context_terms(sentence, d.start, d.end, window),
                            (_date_phase(sentence, d.start),), anchor=_anchor_terms(sentence, d.start)))
    for s in sentence.statuses:
        agent = frozenset(_expand_terms(stem(t.text) for t in sentence.tokens
                                        if _is_content(t) and s.agent_span[0] <= t.start < s.agent_span[1]))
        cue = frozenset(stem(w) for w in word_parts(s.text))
        out.append(_Mention(item, "status", s.status, s.start, s.end,
                            _context_terms(sentence, s.start, s.end, window), (),
                            object_terms=sentence.terms - agent - cue))
    return out


def _year_hint_from(sentences: Iterable[Sentence], today: date) -> int | None:
    """The year that makes the yearless weekday-date pairs of the evidence true ("Sunday, December 1" -> 2024),
    for weekdays in articles whose publication date has no year."""
    pairs = [(d.weekday, d.month, d.day) for s in sentences for d in s.dates
             if d.weekday is not None and d.month is not None and d.day is not None and d.year is None]
    return infer_year(pairs, today)


# --------------------------------------------------------------------------------------------- token diffs

_ATTRIBUTION_CUES = frozenset({"according", "citing", "cited", "told", "quoted", "quoting", "reported", "reporting",
                               "said", "says", "stated", "agency", "outlet", "media"})
_GLUE = frozenset({",", "and", "&", "-", "–", "of", "de", "da", "la", "le", "von", "van", "al", "el", "bin"})


def _token_similarity(a: Sentence, b: Sentence) -> float:
    """Share of tokens two sentences have in common, in order (difflib ratio over lower-cased tokens)."""
    return SequenceMatcher(None, a.lowers, b.lowers, autojunk=False).ratio()


def differing_spans(a: Sentence, b: Sentence, min_similarity: float) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Token ranges where two near-identical sentences differ: "in Tampa, Florida" vs "in Glendale, Arizona"
    gives ([Tampa, Florida], [Glendale, Arizona]); a range is empty on one side for an insertion. Empty when the
    sentences are not near-identical."""
    la, lb = a.lowers, b.lowers
    if not la or not lb:
        return []
    matcher = SequenceMatcher(None, la, lb, autojunk=False)
    if matcher.real_quick_ratio() < min_similarity or matcher.quick_ratio() < min_similarity:
        return []
    if matcher.ratio() < min_similarity:
        return []
    chunks: list[list[int]] = []
    pending_glue: list[int] | None = None
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            glue = i2 - i1 <= 2 and all(w in _GLUE for w in la[i1:i2])
            pending_glue = [i1, i2, j1, j2] if glue and chunks and chunks[-1][1] == i1 else None
            continue
        if pending_glue is not None and chunks and chunks[-1][1] == pending_glue[0]:
            chunks[-1][1], chunks[-1][3] = i2, j2
        else:
            chunks.append([i1, i2, j1, j2])
        pending_glue = None
    return [((i1, i2), (j1, j2)) for i1, i2, j1, j2 in chunks]


def name_span(sentence: Sentence, i: int, j: int, *, lenient: bool = False) -> tuple[int, int] | None:
    """Grow a differing token range to the one capitalised name around it ("Cook" -> "Tim Cook"); None unless the
    range holds exactly one name. ``lenient`` also takes a lone capitalised word at the start of the sentence."""
    tokens = sentence.tokens
    while i < j and (not tokens[i].is_word or tokens[i].lower in STOPWORDS):
        i += 1
    while j > i and (not tokens[j - 1].is_word or tokens[j - 1].lower in STOPWORDS):
        j -= 1
    if j <= i or not all(_name_like(sentence, k, lenient) or tokens[k].lower in _GLUE for k in range(i, j)):
        return None
    if _is_title_case(sentence):
        return (i, j)  # in a headline the capitals around a name say nothing
    while i > 0 and _name_like(sentence, i - 1) and not tokens[i - 1].lower.endswith(("'s", "’s")):
        i -= 1
    while j < len(tokens) and _name_like(sentence, j):
        j += 1
    return (i, j)


def _name_like(sentence: Sentence, k: int, lenient: bool = False) -> bool:
    """A token that reads as part of a proper name: capitalised (not merely sentence-initial), a code, or a number
    right after a name ("Toy Story 2")."""
    t = sentence.tokens[k]
    if not t.is_word or t.lower in STOPWORDS:
        return False
    if t.text[:1].isdigit():
        return k > 0 and sentence.tokens[k - 1].is_capitalised and sentence.tokens[k - 1].is_word
    if not t.is_capitalised:
        return False
    if lenient or k > 0 and sentence.tokens[k - 1].text not in ("“", '"', "‘", "'", "(", "—", "–", "^"):
        return True
    odd = t.text.isupper() or any(ch.isupper() for ch in t.text[1:]) or "." in t.text
    nxt = sentence.tokens[k + 1] if k + 1 < len(sentence.tokens) else None
    return odd or (nxt is not None and nxt.is_capitalised and nxt.is_word)


def _is_title_case(sentence: Sentence) -> bool:
    """A headline-style sentence, where capitals do not mark names: most of its content words are capitalised."""
    words = [t for t in sentence.tokens if t.is_word and t.lower not in STOPWORDS and not t.text[:1].isdigit()]
    return len(words) >= 2 and sum(t.is_capitalised for t in words) >= 0.7 * len(words)


def _is_full_name(sentence: Sentence, span: tuple[int, int]) -> bool:
    words = [t for t in sentence.tokens[span[0]:span[1]] if t.is_word]
    return len(words) >= 2 or any(t.text.isupper() or any(ch.isupper() for ch in t.text[1:]) for t in words)


def is_attribution(sentence: Sentence, i: int, j: int) -> bool:
    """Whether a name is the source of a report ("told TASS", "The Interfax news agency quoted"): two articles
    citing different agencies do not disagree."""
    before = [t.lower for t in sentence.tokens[max(0, i - 3):i]]
    after = [t.lower for t in sentence.tokens[j:j + 3]]
    return bool(_ATTRIBUTION_CUES.intersection(before[-2:] + after[:2])) or (
        "according" in before or "citing" in before or "told" in before[-1:])


def diff_mentions(ia: int, a: Sentence, ib: int, b: Sentence, mentions: dict[int, list[_Mention]],
                   min_similarity: float, window: int) -> list[tuple[_Mention, _Mention]]:
    """Value pairs of two near-identical sentences that differ only in those values.

    Typed values (numbers, dates, status) overlapping a differing range are paired by kind; otherwise a name
    that differs ("Tampa, Florida" vs "Glendale, Arizona") becomes an entity pair, unless it names a source.
    """
    pairs: list[tuple[_Mention, _Mention]] = []
    spans = differing_spans(a, b, min_similarity)
    if spans and not (_has_substance(a, spans, 0) and _has_substance(b, spans, 1)):
        return []  # "20, 2021." vs "30, 2021.": fragments that say nothing about anything
    for (i1, i2), (j1, j2) in spans:
        if i1 == i2 or j1 == j2:
            if _has_content(a, i1, i2) or _has_content(b, j1, j2):
                return []  # words added on one side only: the sentences say different things
            continue
        sa = (a.tokens[i1].start, a.tokens[i2 - 1].end)
        sb = (b.tokens[j1].start, b.tokens[j2 - 1].end)
        typed = [(ma, mb) for ma in mentions.get(ia, ()) if ma.start < sa[1] and sa[0] < ma.end
                 for mb in mentions.get(ib, ()) if mb.start < sb[1] and sb[0] < mb.end and mb.kind == ma.kind]
        if typed:
            pairs.extend(typed)
            continue
        if _holds_number_or_date(a, sa) or _holds_number_or_date(b, sb):
            continue  # a dateline or a figure that is not a value of its own ("Jul 11" vs "Jul 10")
        na, nb = name_span(a, i1, i2), name_span(b, j1, j2)
        if na is None and nb is not None:
            na = name_span(a, i1, i2, lenient=True)
        elif nb is None and na is not None:
            nb = name_span(b, j1, j2, lenient=True)
        if na is None or nb is None:
            if _has_content(a, i1, i2) or _has_content(b, j1, j2):
                return []  # the sentences differ in more than a value: they say different things
            continue
        if is_attribution(a, *na) or is_attribution(b, *nb):
            continue  # a source is not a value
        if (_is_title_case(a) or _is_title_case(b)) and not (_is_full_name(a, na) and _is_full_name(b, nb)):
            continue  # in a headline every word looks like a name: only trust names of several words
        pairs.append((_name_mention(ia, a, na, window), _name_mention(ib, b, nb, window)))
    return pairs


def _has_substance(sentence: Sentence, spans: list, side: int, minimum: int = 2) -> bool:
    """Whether a sentence has at least ``minimum`` content words outside the ranges where it differs."""
    changed = {k for span in spans for k in range(*span[side])}
    return sum(1 for k, s in enumerate(sentence.stems) if s and k not in changed
               and not s[:1].isdigit()) >= minimum


def _holds_number_or_date(sentence: Sentence, span: tuple[int, int]) -> bool:
    return any(x.start < span[1] and span[0] < x.end for x in (*sentence.dates, *sentence.quantities))


def _has_content(sentence: Sentence, i: int, j: int) -> bool:
    return any(s is not None for s in sentence.stems[i:j])


def _name_mention(item: int, sentence: Sentence, span: tuple[int, int], window: int) -> _Mention:
    start, end = sentence.tokens[span[0]].start, sentence.tokens[span[1] - 1].end
    return _Mention(item, "entity", Name(sentence.text[start:end]), start, end,
                    _context_terms(sentence, start, end, window))


# --------------------------------------------------------------------------------------------- the question

_WH_KINDS = tuple((re.compile(pattern, re.I), kinds) for pattern, kinds in (  # the first match decides the kind
    (rf"\bhow\s+{alternation(HOW_WORDS)}\b|\b(?:what|which)\b.*\b{alternation(MEASURE_NOUNS)}\b", {"number"}),
    (rf"\bwhen\b|\b(?:what|which)\s+{alternation(DATE_NOUNS)}\b|\bdate\b", {"date"}),
    (r"\bwhy\b|\bhow\b", {"other"}),
    (rf"\b(?:{alternation(PERSON_WORDS)}|where|which|what)\b", {"entity"}),
))
_YES_NO = re.compile(r"^\s*(?:did|does|do|is|was|were|are|has|have|had|can|could|will|would|should)\b", re.I)
_COLLECTIVES = frozenset(stem(w) for w in ("family", "dynasty", "clan", "regime", "government", "party",
                                            "administration"))
_STATUS_CUE = re.compile(r"\b(?:confirm\w*|officially|official|verif\w*|den(?:y|ied|ies)|true|acknowledg\w*)\b",
                         re.I)
_QUESTION_WORDS = frozenset({"what", "when", "where", "who", "whom", "whose", "which", "why", "how", "long", "many",
                             "much", "date", "day", "year", "time", "did", "does", "do", "is", "was", "were", "are",
                             "has", "have", "had", "will", "would", "can", "could", "name", "happen", "happened"})


@dataclass(frozen=True)
class QuestionFocus:
    """What a question asks about: its content stems, the kinds of value that answer it, and a topic phrase."""

    text: str
    terms: frozenset[str]
    kinds: frozenset[str]
    asks_start: bool = False
    status_object: frozenset[str] = frozenset()
    official: bool = False
    editions: dict = field(default_factory=dict)   # numbered names: {"season": "4"}
    names: frozenset[str] = frozenset()            # stems of its capitalised words but the first

    @property
    def phrase(self) -> str:
        """The question as a topic: "On what date did X?" -> "what date did X"."""
        text = re.sub(r"^\s*(?:on|in|at|by|since|from|to|for)\s+", "", self.text.strip().rstrip("?").strip(),
                      flags=re.I)
        first = text.split(" ", 1)[0]
        if first.lower() in _QUESTION_WORDS or first.lower() in STOPWORDS:
            text = text[:1].lower() + text[1:]
        return text


def read_question(question: str) -> QuestionFocus:
    """Stems and expected kinds of a question: "How long ...?" -> number; "Did X confirm ...?" -> status."""
    tokens = tokenize(question)
    terms = frozenset(_expand_terms(stem(t.text) for t in tokens
                                    if _is_content(t) and t.lower not in _QUESTION_WORDS))
    kinds: set[str] = set()
    for pattern, found in _WH_KINDS:
        if pattern.search(question):
            kinds = set(found)
            break
    status = _STATUS_CUE.search(question)
    if status and not kinds:
        kinds = {"status"}
    elif not kinds:
        kinds = {"number", "date", "entity"}
    status_object = frozenset()
    if status:
        after = tokenize(question[status.end():])
        status_object = frozenset(_expand_terms(stem(t.text) for t in after if _is_content(t)))
    asks_start = bool(re.search(r"\b(?:begin|began|begun|beginning|start|started|starts|since|commenced?|"
                                r"break\s+out|broke\s+out|broken\s+out|outbreak|erupt(?:ed)?)\b", question, re.I))
    if _YES_NO.match(question) and not status:
        # "Did the rebels meet resistance?" is not answered by a date or a count, unless it names one itself.
        kinds = {kind for kind, present in (("number", bool(find_quantities(question))),
                                            ("date", bool(find_dates(question)))) if present}
    names = frozenset(_expand_terms(stem(t.text) for k, t in enumerate(tokens)
                                    if k > 0 and t.is_capitalised and _is_content(t)))
    return QuestionFocus(question, terms, frozenset(kinds), asks_start, status_object or terms,
                         official=bool(re.search(r"\bofficial(?:ly)?\b", question, re.I)), editions=_editions(tokens),
                         names=names & terms)


def _editions(tokens: Sequence[Token], *, sequels_only: bool = False) -> dict[str, str]:
    """Numbered names: "Season 4" -> {season: 4}, "GPT-3" -> {gpt: 3}, "Q1 2021" -> {q1: 2021},
    "the 2019 Tour" -> {tour: 2019}. ``sequels_only``: just a name and a small number apart ("Odyssey 2")."""
    out: dict[str, str] = {}
    words = [t for t in tokens if t.is_word]
    for k, t in enumerate(words):
        m = re.fullmatch(r"([A-Za-z][\w.]*?)-(\d+[a-z]?)", t.text)
        if m:
            if not sequels_only:
                out[stem(m.group(1))] = m.group(2).lower()
            continue
        nxt = words[k + 1] if k + 1 < len(words) else None
        if nxt is None or nxt.start - t.end > 1 or t.text[:1].isdigit() or t.lower in STOPWORDS:
            if not sequels_only and nxt is not None and nxt.start - t.end == 1 and nxt.is_capitalised \
                    and re.fullmatch(r"(?:19|20)\d\d", t.text) and nxt.lower not in STOPWORDS:
                out.setdefault(stem(nxt.text), t.text)
            continue
        if sequels_only:
            if re.fullmatch(r"[2-9]|[1-9]\d|II|III|IV|V|VI", nxt.text) and t.is_capitalised:
                out[stem(t.text)] = nxt.text.lower()
        elif re.fullmatch(r"\d+[a-z]?|[IVX]+", nxt.text):
            out[stem(t.text)] = nxt.text.lower()
    return out


@lru_cache(maxsize=8192)
def _editions_of(text: str, sequels_only: bool) -> dict[str, str]:
    return _editions(read_sentence(text).tokens, sequels_only=sequels_only)


def _other_edition(sentence: Sentence, q: QuestionFocus) -> bool:
    """Whether a sentence speaks of another numbered thing than the question and not of the question's own:
    "Splatoon 1" when asked about "Splatoon 2", "Q1 2023" for "Q1 2021", "Spider-Man 2" for "Spider-Man"."""
    said = _editions_of(sentence.text, True)
    if any(k in q.terms and k not in q.editions for k in said):
        return True
    if not q.editions:
        return False
    said = _editions_of(sentence.text, False)
    clash = any(k in said and said[k] != v for k, v in q.editions.items())
    return clash and not any(said.get(k) == v for k, v in q.editions.items())


def _is_question(sentence: Sentence) -> bool:
    """A sentence that asks rather than states ("What is the location and date for the Super Bowl in 2022?")."""
    return sentence.text.rstrip(" .…\"”’'").endswith("?")


def _bears_on_question(mention: _Mention, sentence: Sentence, evidence: Evidence, q: QuestionFocus,
                       min_relevance: float) -> str | None:
    """"core" when the words around the value are the question's (or the sentence is highly relevant) and the
    sentence has two of the question's words or one of its names ("Damascus"); "support" when the sentence only
    shares some of its words; None when it does not bear on it (another kind, another edition, a question of
    its own)."""
    if mention.kind not in q.kinds or _is_question(sentence) or _other_edition(sentence, q):
        return None
    if mention.kind == "date" and (mention.slot[0] == "start") != q.asks_start:
        return None
    if mention.kind == "status":
        return "core" if mention.object_terms & q.status_object else None
    if mention.kind == "number" and _collective_owner(mention) != (q.terms & _COLLECTIVES):
        return None  # "how long had the Assad family ruled" is not answered by "his 24-year rule"
    words = mention.context | (mention.slot[1] if mention.kind == "number" else frozenset())
    shared = sentence.terms & q.terms
    named = shared & q.names & sentence.names
    if (words & q.terms or evidence.relevance >= min_relevance) and (len(shared) >= min(2, len(q.terms)) or named):
        return "core"
    return "support" if shared else None


def _collective_owner(mention: _Mention) -> frozenset[str]:
    """The group a number belongs to ("the Assad family"), empty for a person's or an unstated owner."""
    owner = mention.slot[2] if len(mention.slot) > 2 else None
    return frozenset(stem(w) for w in owner.words) & _COLLECTIVES if isinstance(owner, _Owner) else frozenset()


def _question_score(m: _Mention, q: QuestionFocus) -> int:
    """How many of the question's words stand around a value (or name what a number counts), those it attaches
    to counting twice."""
    if m.kind == "status":
        return len(m.object_terms & q.status_object)
    head = m.slot[1] if m.kind == "number" else frozenset()
    return len((m.context | head) & q.terms) + 2 * len(m.anchor & q.terms)


def _answers_per_article(group: Sequence[_Mention], q: QuestionFocus, doc_of: Sequence[str]
                         ) -> tuple[list[_Mention], list[_Mention]]:
    """Each article's answer to the question within a slot: its values with the most question words around them.

    Other values of the article stay as support: they may back an answer, never start a disagreement
    ("released on April 20, 2018, ... a Windows version on January 14, 2022" answers with the first).
    """
    best: dict[str, int] = {}
    for m in group:
        best[doc_of[m.item]] = max(best.get(doc_of[m.item], -1), _question_score(m, q))
    answers = [m for m in group if _question_score(m, q) == best[doc_of[m.item]]]
    rest = [m for m in group if _question_score(m, q) < best[doc_of[m.item]]]
    return answers, rest


# --------------------------------------------------------------------------------------------- sides

def _shares_subject(a: _Mention, b: _Mention, min_shared: int = 1) -> bool:
    """Whether two values sit among the same words (their subject), value words aside."""
    if a.kind == "status":
        return len(a.object_terms & b.object_terms) >= min_shared
    return len(a.context & b.context) >= min_shared


def _shares_name(a: _Mention, b: _Mention, sentences: Sequence[Sentence]) -> bool:
    """Whether two values of one slot have a proper name in common around them ("Damascus")."""
    if a.kind != b.kind or a.kind == "entity" or not _slots_compatible(a, b):
        return False
    common = a.context & b.context
    return bool(common & sentences[a.item].names & sentences[b.item].names)


_MAX_SIDES = 6


def _form_sides(members: Sequence[_Mention]) -> list[list[_Mention]]:
    """Group values into sides: equal exact values together; a vaguer value ("over 20 years", "May 2012" among
    days) joins the one side it fits, forms its own when it fits none, and is left out when it fits several.

    More than ``_MAX_SIDES`` distinct exact values are no disagreement about one fact but a list of many facts
    ("district 17 reported ...", "district 18 reported ..."): then there are no sides.
    """
    finest = min((_GRANULARITY[m.value.granularity] for m in members if isinstance(m.value, DateValue)), default=0)
    exact = [m for m in members if m.is_exact and _precision(m) == finest]
    vague = sorted((m for m in members if not (m.is_exact and _precision(m) == finest)), key=_vagueness)
    sides: list[list[_Mention]] = []
    by_label: dict[str, list[_Mention]] = {}
    for m in exact:
        side = by_label.get(m.value.label)
        if side is None:
            side = next((s for s in sides if s[0].value.compatible(m.value)
                         and _same_reading(s[0].value, m.value)), None)
        if side is None:
            if len(sides) == _MAX_SIDES:
                return []
            side = []
            sides.append(side)
        side.append(m)
        by_label.setdefault(m.value.label, side)
    for m in vague:
        fits = [side for side in sides if all(x.value.compatible(m.value) for x in _representatives(side))]
        if len(fits) == 1:
            fits[0].append(m)
        elif not fits:
            sides.append([m])
    return sides


_GRANULARITY = {"day": 0, "month": 1, "year": 2}


def _representatives(side: list[_Mention]) -> list[_Mention]:
    """The members a newcomer must fit: the first, for a side of equal exact values; all of them otherwise."""
    return side[:1] if side[0].is_exact else side


def _precision(m: _Mention) -> int:
    return _GRANULARITY[m.value.granularity] if isinstance(m.value, DateValue) else 0


def _vagueness(m: _Mention) -> float:
    v = m.value
    if isinstance(v, Quantity):
        return v.high - v.low
    if isinstance(v, DateValue):
        return _GRANULARITY[v.granularity] + (0.5 if v.bound != "on" else 0.0)
    return 0.0


def _same_reading(a: Value, b: Value) -> bool:
    """Exact values join one side only when they say the same thing: a day does not side with its whole month."""
    if isinstance(a, DateValue) and isinstance(b, DateValue):
        return a.granularity == b.granularity
    return True


def _contested_sides(sides: list[list[_Mention]], doc_of: Sequence[str]) -> list[list[_Mention]]:
    """Keep the sides that some article states without also stating a rival value: a value that every article
    states alongside a rival is a different fact, not a side. The widest such side goes first, then the rest
    are judged again."""
    sides = list(sides)
    docs = [{doc_of[m.item] for m in side} for side in sides]
    while len(sides) > 1:
        count = Counter(d for ds in docs for d in ds)
        lacking = [k for k in range(len(sides)) if all(count[d] > 1 for d in docs[k])]
        if not lacking:
            break
        drop = max(lacking, key=lambda k: (len(docs[k]), k))
        sides.pop(drop)
        docs.pop(drop)
    return sides


def _side_label(side: Sequence[_Mention]) -> str:
    """The side's value in normalised words: the most common of its most precise values (a day before a month,
    "24 years" before "over 20 years"), a date with its year before one without."""
    sharpest = min(_vagueness(m) for m in side)
    precise = [m for m in side if _vagueness(m) == sharpest]
    dated = [m for m in precise if not isinstance(m.value, DateValue) or m.value.year is not None]
    return Counter(m.value.label for m in dated or precise).most_common(1)[0][0]


def _to_side(side: Sequence[_Mention], evidence: Sequence[Evidence]) -> Side:
    items: list[int] = []
    for m in sorted(side, key=lambda m: (-evidence[m.item].relevance, m.item)):
        if m.item not in items:
            items.append(m.item)
    return Side(value=_side_label(side), evidence=tuple(evidence[i] for i in items))


# --------------------------------------------------------------------------------------------- topics

_DURATION_UNITS = frozenset({"years", "months", "days", "hours", "minutes"})


def _number_topic(members: Sequence[_Mention]) -> str:
    """"length of Assad's rule", "amount of revenue", "number of medals"."""
    unit, head, _ = members[0].slot
    heads = Counter()
    owners = Counter()
    for m in members:
        words = _surface_head(m)
        if words:
            heads[words] += 1
        owner = m.slot[2]
        if owner is not None and owner.proper:
            owners[owner.text] += 1
    head_text = heads.most_common(1)[0][0] if heads else ""
    owner_text = owners.most_common(1)[0][0] if owners else ""
    thing = " ".join(p for p in (owner_text, head_text) if p)
    if unit in _DURATION_UNITS:
        return f"length of {thing}" if thing else f"duration in {unit}"
    if unit == "percent":
        return f"share of {thing}" if thing else "percentage"
    if unit:
        return f"amount of {thing}" if thing else "amount"
    return f"number of {thing}" if thing else "number"


def _surface_head(m: _Mention) -> str:
    """The head noun as written, for a readable topic."""
    return m.head.lower() if m.head[1:].islower() else m.head


def _question_topic(kind: str, members: Sequence[_Mention], q: QuestionFocus) -> str:
    """A short phrase for what the sides disagree on, from the slot for numbers and the question otherwise."""
    if kind == "number":
        return _number_topic(members) if any(m.head for m in members) else q.phrase
    if kind == "status":
        cue = _STATUS_CUE.search(q.text)
        obj = q.text[cue.end():].strip().rstrip("?").strip() if cue else ""
        obj = re.sub(r"^(?:\w+ly\s+)?(?:confirm\w*\s+)?", "", obj, flags=re.I).strip()
        return ("official " if q.official else "") + "confirmation" + (f" of {obj}" if obj else "")
    return q.phrase


def _corpus_topic(kind: str, members: Sequence[_Mention], sentences: Sequence[Sentence]) -> str:
    """A short phrase for a corpus-wide conflict: the slot for numbers, else the words the sides share
    ("date (Damascus)", "confirmation (Assad, asylum)")."""
    if kind == "number":
        return _number_topic(members)
    common = Counter(w for m in members for w in (m.object_terms if kind == "status" else m.context))
    shared = [w for w, n in common.most_common(3) if n > 1]
    written = {}
    for m in members:
        for token, s in zip(sentences[m.item].tokens, sentences[m.item].stems):
            if s in shared and s not in written:
                written[s] = token.text if token.is_capitalised and token.start > 0 else token.lower
    words = [written.get(w, w).replace("’s", "").replace("'s", "") for w in shared]
    noun = {"date": "date", "status": "confirmation", "entity": "name"}.get(kind, kind)
    return f"{noun} ({', '.join(words)})" if words else noun


# --------------------------------------------------------------------------------------------- the detector

class _UnionFind:
    def __init__(self):
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> None:
        self.parent[self.find(a)] = self.find(b)


@dataclass
class _Prepared:
    """Evidence read once: sentences, their mentions, and the document of each."""

    evidence: Sequence[Evidence]
    sentences: list[Sentence]
    mentions: dict[int, list[_Mention]] = field(default_factory=dict)
    doc_of: list[str] = field(default_factory=list)


class RuleConflictDetector:
    """Model-free disagreement detector: typed values, slots and alignment rules (see the module docstring).

    ``min_alignment``: cosine two sentences need to be compared when asked a question (their subject must match
    too); ``min_corpus_alignment``: the same for the question-free corpus scan; ``min_story_similarity``: cosine of
    two articles' mean embeddings for the corpus scan to compare them at all (same story);
    ``min_relevance``: relevance at which a sentence bears on the question without sharing its words;
    ``min_diff_relevance``: the same for a value that two near-identical sentences state differently;
    ``min_token_similarity``: share of tokens two sentences need to be read as one sentence with a value changed;
    ``window``: content words each side of a value that say what it is about; ``neighbours``: sentences stating a
    value that a corpus scan compares with each one (near-identical sentences: the 3 nearest of all);
    ``today``: the latest date a weekday may resolve to (default: today).
    """

    def __init__(self, *, min_alignment: float = 0.35, min_corpus_alignment: float = 0.45,
                 min_story_similarity: float = 0.8,
                 min_relevance: float = 0.65, min_diff_relevance: float = 0.4, min_token_similarity: float = 0.6,
                 window: int = 8, neighbours: int = 10, today: date | None = None):
        for name, value, low, high in (("min_alignment", min_alignment, -1.0, 1.0),
                                       ("min_corpus_alignment", min_corpus_alignment, -1.0, 1.0),
                                       ("min_story_similarity", min_story_similarity, -1.0, 1.0),
                                       ("min_relevance", min_relevance, 0.0, 1.0),
                                       ("min_diff_relevance", min_diff_relevance, 0.0, 1.0),
                                       ("min_token_similarity", min_token_similarity, 0.0, 1.0)):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value) \
                    or not low <= value <= high:
                raise ValueError(f"{name} must be a number within [{low:g}, {high:g}], got {value!r}")
        if min_token_similarity <= 0:
            raise ValueError(f"min_token_similarity must be > 0, got {min_token_similarity!r}")
        for name, value in (("window", window), ("neighbours", neighbours)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be an integer >= 1, got {value!r}")
        if today is not None and not isinstance(today, date):
            raise ValueError(f"today must be a datetime.date or None, got {today!r}")
        self.min_alignment = float(min_alignment)
        self.min_corpus_alignment = float(min_corpus_alignment)
        self.min_story_similarity = float(min_story_similarity)
        self.min_relevance = float(min_relevance)
        self.min_diff_relevance = float(min_diff_relevance)
        self.min_token_similarity = float(min_token_similarity)
        self.window = window
        self.neighbours = neighbours
        self.today = today

    # -- shared steps ------------------------------------------------------------------------
    def _prepare(self, evidence: Sequence[Evidence]) -> _Prepared:
        sentences = [read_sentence(e.text) for e in evidence]
        hint = _year_hint_from(sentences, self.today or date.today())
        prepared = _Prepared(evidence, sentences, doc_of=[e.doc_id for e in evidence])
        for k, (e, s) in enumerate(zip(evidence, sentences)):
            prepared.mentions[k] = _sentence_mentions(k, e, s, self.window, hint)
        return prepared

    def _aligned(self, a: _Mention, b: _Mention, p: _Prepared, min_cosine: float, min_shared: int = 1) -> bool:
        """Two values are compared when their sentences are close in meaning and they share their subject."""
        if not _shares_subject(a, b, min_shared):
            return False
        sim = cosine_similarity(p.evidence[a.item].embedding, p.evidence[b.item].embedding)
        return sim is None or sim >= min_cosine

    def _conflict(self, kind: str, topic: str, members: Sequence[_Mention], support: Sequence[_Mention],
                  p: _Prepared) -> Conflict | None:
        """Sides from the members, joined by supporting mentions of an equal value; None unless two are contested."""
        sides = _form_sides(members)
        for m in support:
            doc = p.doc_of[m.item]
            for k, side in enumerate(sides):
                if any(x.is_exact and x.value.compatible(m.value) and _same_reading(x.value, m.value)
                       and m.is_exact for x in side):
                    rivals = {p.doc_of[x.item] for n, other in enumerate(sides) if n != k for x in other}
                    if doc not in rivals:
                        side.append(m)  # backing from an article that states a rival value would not count
                    break
        sides = _contested_sides(sides, p.doc_of)
        if len(sides) < 2:
            return None
        sides.sort(key=lambda s: -max(p.evidence[m.item].relevance for m in s))
        return Conflict(topic=topic, kind=kind, sides=tuple(_to_side(s, p.evidence) for s in sides))

    def _diff_pairs(self, p: _Prepared, pairs: Iterable[tuple[int, int]]) -> list[tuple[_Mention, _Mention]]:
        out = []
        for i, j in pairs:
            out.extend(diff_mentions(i, p.sentences[i], j, p.sentences[j], p.mentions, self.min_token_similarity,
                                     self.window))
        return out

    # -- per question -----------------------------------------------------------------------
    def find(self, question: str, evidence: Sequence[Evidence]) -> list[Conflict]:
        """Disagreements between articles on the point ``question`` asks, among the retrieved sentences."""
        if not evidence:
            return []
        q = read_question(question)
        p = self._prepare(evidence)
        diffs = self._diff_pairs(p, self._near_identical_pairs(p))
        core, support = self._bearing_mentions(q, p, diffs)
        diff_links = {(_key(a), _key(b)) for a, b in diffs} | {(_key(b), _key(a)) for a, b in diffs}
        conflicts = []
        for kind, group in self._question_groups(core, diff_links):
            answers, rest = _answers_per_article(group, q, p.doc_of)
            if not self._has_trigger(answers, p, diff_links):
                continue
            topic = _question_topic(kind, answers, q)
            extra = rest + [m for m in support if m.kind == kind and any(_slots_compatible(m, g) for g in group)]
            conflict = self._conflict(kind, topic, answers, extra, p)
            if conflict is not None:
                conflicts.append(conflict)
        return conflicts

    def _near_identical_pairs(self, p: _Prepared, per_sentence: int = 5) -> list[tuple[int, int]]:
        """Sentence pairs from different articles that may differ in a value only: for each sentence, the few
        with the most words in common that pass the cheap bound (so a pile of look-alikes stays cheap)."""
        pairs: set[tuple[int, int]] = set()
        for i, a in enumerate(p.sentences):
            fits = [(len(a.words & b.words), j) for j, b in enumerate(p.sentences)
                    if p.doc_of[j] != p.doc_of[i] and _may_be_near_identical(a, b, self.min_token_similarity)]
            for _, j in sorted(fits, reverse=True)[:per_sentence]:
                pairs.add((min(i, j), max(i, j)))
        return sorted(pairs)

    def _bearing_mentions(self, q: QuestionFocus, p: _Prepared, diffs: Sequence[tuple[_Mention, _Mention]]
                          ) -> tuple[list[_Mention], list[_Mention]]:
        """The values that bear on the question ("core") and those that may only back a side ("support"); a pair
        of values two near-identical sentences state differently is core when both bear on it."""
        core: list[_Mention] = []
        support: list[_Mention] = []
        for k, mentions in p.mentions.items():
            for m in mentions:
                bearing = _bears_on_question(m, p.sentences[k], p.evidence[k], q, self.min_relevance)
                if bearing == "core":
                    core.append(m)
                elif bearing == "support":
                    support.append(m)
        in_core = {_key(m) for m in core}
        for a, b in diffs:
            if _diff_bears(a, p, q, self.min_diff_relevance) and _diff_bears(b, p, q, self.min_diff_relevance):
                for m in (a, b):
                    if _key(m) not in in_core:
                        in_core.add(_key(m))
                        core.append(m)
        return core, [m for m in support if _key(m) not in in_core]

    @staticmethod
    def _question_groups(core: Sequence[_Mention], diff_links: set) -> list[tuple[str, list[_Mention]]]:
        """Numbers group by slot (or by being the value two near-identical sentences change); dates by phase;
        names and status each form one group: the question is their slot."""
        groups: list[tuple[str, list[_Mention]]] = []
        numbers = [m for m in core if m.kind == "number"]
        uf = _UnionFind()
        for x in range(len(numbers)):
            uf.find(x)
            for y in range(x + 1, len(numbers)):
                if _slots_compatible(numbers[x], numbers[y]) or (_key(numbers[x]), _key(numbers[y])) in diff_links:
                    uf.union(x, y)
        by_root: dict[int, list[_Mention]] = defaultdict(list)
        for x, m in enumerate(numbers):
            by_root[uf.find(x)].append(m)
        groups.extend(("number", g) for g in by_root.values())
        for phase in ("event", "plan", "start"):
            group = [m for m in core if m.kind == "date" and m.slot[0] == phase]
            if group:
                groups.append(("date", group))
        for kind in ("status", "entity"):
            group = [m for m in core if m.kind == kind]
            if group:
                groups.append((kind, group))
        return groups

    def _has_trigger(self, group: Sequence[_Mention], p: _Prepared, diff_links: set) -> bool:
        """Some two articles state incompatible values in aligned sentences."""
        for x, a in enumerate(group):
            for b in group[x + 1:]:
                if p.doc_of[a.item] == p.doc_of[b.item] or a.value.compatible(b.value):
                    continue
                if (_key(a), _key(b)) in diff_links:
                    return True
                if a.kind != "entity" and _slots_compatible(a, b) and self._aligned(a, b, p, self.min_alignment):
                    return True
        return False

    # -- whole collection -------------------------------------------------------------------
    def find_in_corpus(self, evidence: Sequence[Evidence]) -> list[Conflict]:
        """Every cross-source disagreement in a collection, grouped by topic, for an editor to review.

        Only articles on the same story are compared (their mean embeddings, or their words, are close), and each
        sentence only with its nearest neighbours in those articles, so it scales to thousands of sentences.
        Values clash when their sentences are aligned and they share a slot; clashes that share a value form one
        topic, and each side is backed by the aligned sentences that state the same value.
        """
        if not evidence:
            return []
        p = self._prepare(evidence)
        stories = _same_story_articles(p.evidence, p.sentences, self.min_story_similarity)
        nearest = self._neighbour_pairs(p, range(len(evidence)), stories, min(3, self.neighbours))
        edges = self._diff_pairs(p, [(i, j) for i, j in nearest if _may_be_near_identical(
            p.sentences[i], p.sentences[j], self.min_token_similarity)])
        valued = [k for k in range(len(evidence)) if p.mentions[k]]
        for i, j in self._neighbour_pairs(p, valued, stories, self.neighbours):
            for a in p.mentions[i]:
                for b in p.mentions[j]:
                    if a.kind != "entity" and _slots_compatible(a, b) \
                            and self._aligned(a, b, p, self.min_corpus_alignment, min_shared=2) \
                            or _shares_name(a, b, p.sentences) and self._aligned(a, b, p, self.min_corpus_alignment):
                        edges.append((a, b))
        uf = _UnionFind()
        agree: dict[tuple, list[_Mention]] = defaultdict(list)
        members: dict[tuple, _Mention] = {}
        for a, b in edges:
            if a.value.compatible(b.value):
                agree[_key(a)].append(b)
                agree[_key(b)].append(a)
            else:
                members[_key(a)], members[_key(b)] = a, b
                uf.union(_key(a), _key(b))
        groups: dict[tuple, list[_Mention]] = defaultdict(list)
        for key, m in members.items():
            groups[uf.find(key)].append(m)
        conflicts = []
        for group in groups.values():
            support = [x for m in group for x in agree[_key(m)] if _key(x) not in members]
            conflict = self._conflict(group[0].kind, _corpus_topic(group[0].kind, group, p.sentences), group, support,
                                      p)
            if conflict is not None:
                conflicts.append(conflict)
        return conflicts

    def _neighbour_pairs(self, p: _Prepared, items: Sequence[int], stories: "Stories", k: int
                         ) -> list[tuple[int, int]]:
        """Pairs among ``items`` from different articles on the same story worth comparing: each sentence's ``k``
        nearest by embedding, or by shared rare words when it has no embedding."""
        with_vectors = [i for i in items if p.evidence[i].embedding is not None]
        pairs: set[tuple[int, int]] = set()
        take = min(k, len(with_vectors) - 1)
        if take > 0:
            matrix = np.stack([np.asarray(p.evidence[i].embedding, dtype=np.float32) for i in with_vectors])
            docs = np.array([stories.index[p.doc_of[i]] for i in with_vectors])
            for lo in range(0, len(with_vectors), 512):
                sims = matrix[lo:lo + 512] @ matrix.T
                sims[~stories.allowed[docs[lo:lo + 512]][:, docs]] = -2.0
                top = np.argpartition(-sims, take - 1, axis=1)[:, :take]
                rows, cols = np.nonzero(np.take_along_axis(sims, top, axis=1) >= self.min_corpus_alignment)
                for r, c in zip(rows.tolist(), top[rows, cols].tolist()):
                    a, b = with_vectors[lo + r], with_vectors[c]
                    pairs.add((min(a, b), max(a, b)))
        without = [i for i in items if p.evidence[i].embedding is None]
        if without:
            pairs |= {(a, b) for a, b in _lexical_pairs(p, without, k)
                      if stories.allowed[stories.index[p.doc_of[a]], stories.index[p.doc_of[b]]]}
        return sorted(pairs)


@dataclass(frozen=True)
class _Stories:
    """Which articles tell the same story: ``allowed[index[a], index[b]]``."""

    index: dict
    allowed: np.ndarray


def _same_story_articles(evidence: Sequence[Evidence], sentences: Sequence[Sentence], min_similarity: float
                         ) -> _Stories:
    """Which articles are on the same story: the cosine of their mean sentence embeddings reaches
    ``min_similarity``; articles without embeddings compare their words instead (tf cosine >= ``_LEXICAL_STORY``)."""
    vectors: dict[str, list[np.ndarray]] = defaultdict(list)
    words: dict[str, Counter] = defaultdict(Counter)
    for e, s in zip(evidence, sentences):
        if e.embedding is not None:
            vectors[e.doc_id].append(np.asarray(e.embedding, dtype=np.float32))
        words[e.doc_id].update(x for x in s.stems if x)
    docs = sorted(words)
    index = {d: k for k, d in enumerate(docs)}
    allowed = np.zeros((len(docs), len(docs)), dtype=bool)
    embedded = [d for d in docs if vectors.get(d)]
    if embedded:
        centroids = np.stack([np.mean(vectors[d], axis=0) for d in embedded])
        centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-9)
        at = np.array([index[d] for d in embedded])
        allowed[np.ix_(at, at)] = centroids @ centroids.T >= min_similarity
    for a in (d for d in docs if not vectors.get(d)):
        for b in docs:
            if _tf_cosine(words[a], words[b]) >= _LEXICAL_STORY:
                allowed[index[a], index[b]] = allowed[index[b], index[a]] = True
    np.fill_diagonal(allowed, False)
    return _Stories(index, allowed)


_LEXICAL_STORY = 0.3


def _tf_cosine(a: Counter, b: Counter) -> float:
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _lexical_pairs(p: _Prepared, items: Sequence[int], neighbours: int) -> set[tuple[int, int]]:
    """Sentence pairs from different articles sharing the most rare words, by summed idf (an inverted index over
    the words, not all pairs of sentences)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for k in range(len(p.evidence)):
        for term in p.sentences[k].terms:
            postings[term].append(k)
    total = len(p.evidence)
    limit = max(50, total // 20)
    wanted = set(items)
    pairs: set[tuple[int, int]] = set()
    for k in items:
        scores: Counter = Counter()
        for term in p.sentences[k].terms:
            posting = postings[term]
            if len(posting) <= limit:
                weight = math.log(1 + total / len(posting))
                for other in posting:
                    if other in wanted and p.doc_of[other] != p.doc_of[k]:
                        scores[other] += weight
        for other, _ in scores.most_common(neighbours):
            if len(p.sentences[k].terms & p.sentences[other].terms) >= 2:
                pairs.add((min(k, other), max(k, other)))
    return pairs


def _key(m: _Mention) -> tuple:
    return (m.item, m.kind, m.start, m.end)


def _may_be_near_identical(a: Sentence, b: Sentence, min_similarity: float) -> bool:
    """A cheap bound before the token diff: similar lengths and enough words in common at all."""
    na, nb = len(a.lowers), len(b.lowers)
    if 2 * min(na, nb) < min_similarity * (na + nb):
        return False
    return 2 * len(a.words & b.words) >= min_similarity * (len(a.words) + len(b.words))


def _diff_bears(m: _Mention, p: _Prepared, q: QuestionFocus, min_relevance: float) -> bool:
    """A value that two near-identical sentences state differently bears on the question when it is of the kind
    asked and its sentence shares the question's words or is relevant to it."""
    if m.kind not in q.kinds or m.kind == "date" and (m.slot[0] == "start") != q.asks_start:
        return False
    if _is_question(p.sentences[m.item]) or _other_edition(p.sentences[m.item], q):
        return False
    return bool(p.sentences[m.item].terms & q.terms) or p.evidence[m.item].relevance >= min_relevance


def find_disagreements(question: str, evidence: Sequence[Evidence],
                       detector: ConflictDetector | None = None) -> list[Conflict]:
    """Disagreements between articles on the point a question asks; the rule detector unless one is given."""
    return (detector or RuleConflictDetector()).find(question, evidence)

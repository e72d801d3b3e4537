"""Candidate answers inside a sentence: typed spans (dates, numbers, names, titles, noun phrases, statuses).

Pure functions over one sentence's readable text. Each span keeps its character offsets in that text, so the
reader can map the one it picks back to the article file and cite the very words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from enum import StrEnum

from index.vocab import (AUXILIARIES, DEMONYM_PLACES, HONORIFICS, MONTHS, NAME_PARTICLES, NUMBER_IN_WORDS,
                         ORGANISATION_NOUNS, PERSON_TITLES, STOPWORDS, WEEKDAYS, Token, YEAR_DIGITS, base_forms, stem,
                         tokenize, used_most_as_verb)
from qa.values import (CLOCK_UNIT, CURRENCY_UNITS, TIME_UNITS, find_dates, find_quantities, find_statuses,
                       find_year_ranges, is_year_number)

__all__ = ["SpanKind", "Span", "Post", "CAPITALISED_WORD", "dateline_agency", "dateline_end", "dateline_place",
           "find_spans", "is_demonym", "is_name_word", "name_list", "nationalities", "nationalities_in", "place_word",
           "posts", "derives", "same_place"]


class SpanKind(StrEnum):
    DATE = "date"
    YEAR = "year"
    DURATION = "duration"
    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"
    NAME = "name"              # a run of capitalised words: "Abu Mohammed al-Jolani", "Hayat Tahrir al-Sham"
    NAME_PAIR = "name_pair"    # "Tampa, Florida"
    ADJECTIVE = "adjective"    # a capitalised modifier: "American" in "American singer"
    TITLE = "title"            # a short quoted title: “Fiesta En America”
    PHRASE = "phrase"          # a run of lower-case content words: "political resolution", "golf"
    STATUS = "status"          # a confirmation cue: "no official confirmation"


NUMERIC_KINDS = frozenset({SpanKind.DATE, SpanKind.YEAR, SpanKind.DURATION, SpanKind.COUNT, SpanKind.MONEY,
                           SpanKind.PERCENT})


@dataclass(frozen=True)
class Span:
    """A candidate answer: ``text == sentence[start:end]``."""

    start: int
    end: int
    text: str
    kind: SpanKind


_FUNCTION_CAPS = STOPWORDS | {"according", "despite", "although", "however", "meanwhile", "following", "today",
                              "yesterday", "tomorrow", "last", "next", "new", "former", "mr", "mrs", "ms", "dr",
                              "many", "most", "some", "several", "other", "another", "such", "also", "one", "two",
                              # sentence adverbs, capitalised only because they open a sentence: "Additionally, ..."
                              "additionally", "furthermore", "moreover", "nevertheless", "nonetheless", "consequently",
                              "therefore", "thus", "hence", "instead", "indeed", "besides", "likewise", "similarly",
                              "separately", "earlier", "later", "finally", "notably", "reportedly", "ultimately",
                              "overall", "currently", "previously", "subsequently", "eventually", "initially",
                              # words of grammar no name is made of: "Neither the firm nor ...", "Within a minute ..."
                              "neither", "either", "nor", "within", "without", "throughout", "amid", "among",
                              "beyond", "whether", "unless", "though", "whereas", "upon",
                              # pronouns of no one in particular: "“Nobody takes this step lightly,” said ..."
                              "nobody", "somebody", "everybody", "anybody", "everyone", "someone", "anyone",
                              "nothing", "something", "everything", "anything"}
# A pronoun joined to its verb, capitalised where a sentence or a quote opens: "I'm a doctor", "We’ve won".
_CONTRACTIONS = """i'm i've i'd i'll we're we've we'd we'll they're they've they'd they'll you're you've you'd you'll
it's it'd it'll he's he'd he'll she's she'd she'll that's there's let's""".split()
_FUNCTION_CAPS |= {form for word in _CONTRACTIONS for form in (word, word.replace("'", "’"))}
_NAME_GLUE = (NAME_PARTICLES - {"and"}) | {"y"}
_PARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|an|ar|at|az|bin|ibn|de|du|da|di|van|von|le|la)-[A-Z]")
_LETTER_COMPOUND = re.compile(r"^[A-Z]-[a-z]{2,}$")  # "U-turn", "T-shirt": a letter's shape, not a name
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:an|ian|ean|ese|ish|ic|i|ch)$")
_QUOTED = re.compile(r"[“\"«]([^”\"»]{2,80})[”\"»]|``\s*([^']{2,80}?)\s*''")
# A whole number (no "4" of "41.17"), and no ordinal ("2nd", "10th": a rank, not a count).
_BARE_NUMBER = re.compile(r"(?<![\w.,$€£-])(\d{1,3}(?:,\d{3})+|\d+)(?!\d|[\w,.]\d|(?:st|nd|rd|th)\b)", re.I)
_YEAR = re.compile(rf"(?<![\d,.$])({YEAR_DIGITS})(?![\d,])")
_MAX_PHRASE = 4
# "in Syria, Russia has granted ...": a name followed by a lower-case word other than a preposition or conjunction
# starts a clause, and one followed by a possessive ("Bashar al-Assad, Syria's deposed president") is an apposition:
# either way the name before the comma and it are no "Tampa, Florida" pair.
_CLAUSE_AFTER = re.compile(r"\s+(?!(?:in|on|at|to|from|for|with|by|of|and|or|near|during|after|before|until|since)\b)"
                           r"[a-z]|[’']s\b")
# A place dateline opening a report, where it was written rather than what it says: "DAMASCUS, SYRIA (North Press)
# – ...", "MOSCOW (Reuters) - ...", "Moscow, Russia – December 9: ...", "LONDON, Dec 9 (Reuters) - ...". A place in
# capitals, a "Place, Place" pair or a place before an agency in brackets; then an optional date (month or day
# first); then a dash and the report's first sentence ("NATO - the alliance - met" is no dateline). A place and a
# date before a colon are one too: "Porto, 3 March: ...".
_CAPS_PLACE = r"[A-Z][A-Z.'’-]{3,}(?:\s+[A-Z][A-Z.'’-]+){0,3}"  # four letters or more: "HTS – ..." is an acronym
_TITLE_PLACE = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
_MONTH = r"(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_MONTH = rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})"  # "Oct 14", "14 October"
_PLACE_DATELINE = re.compile(
    rf"^\s*(?:{_CAPS_PLACE}(?:\s*,\s*{_CAPS_PLACE})?|{_TITLE_PLACE}\s*,\s*{_TITLE_PLACE}"
    rf"|{_TITLE_PLACE}(?=\s*(?:,[^–—()]{{1,20}})?\s*\()|{_TITLE_PLACE}(?=\s*,\s*{_DAY_MONTH}(?:\s+\d{{4}})?\s*:))"
    rf"(?:(?:\s*,\s*{_DAY_MONTH})?(?:\s*\([^()]{{1,40}}\))?\s*[–—-]{{1,2}}|\s*,\s*{_DAY_MONTH}(?:\s+\d{{4}})?\s*:)"
    r"\s+(?=[A-Z“\"])")


# A dateline of a date alone, opening a report: "August 14 - Westbury Rovers have ...", "Nov. 3 (AP) – ...",
# "3 March 2025 - ...".
_DATE_DATELINE = re.compile(rf"^\s*{_DAY_MONTH}(?:(?:,\s*|\s+)\d{{4}})?(?:\s*\([^()]{{1,40}}\))?\s*[–—-]{{1,2}}"
                            r"\s+(?=[A-Z“\"])")


def dateline_end(text: str) -> int:
    """Where a report's first sentence starts past the dateline it opens with ("OSLO, Oct 6 (NNA) - Passengers ...",
    "August 14 - Westbury Rovers ..."): 0 when it opens with none."""
    dateline = _dateline(text)
    return dateline.end() if dateline else 0


def _dateline(text: str) -> re.Match | None:
    """The dateline a report opens with, a place's (``_PLACE_DATELINE``) or a date's (``_DATE_DATELINE``)."""
    return _PLACE_DATELINE.match(text) or _DATE_DATELINE.match(text)


_DATELINE_AGENCY = re.compile(r"\(([^()]{1,40})\)\s*[–—-]{1,2}\s*$")


def dateline_agency(text: str) -> str | None:
    """The agency or outlet a report's dateline credits in brackets ("LONDON, Dec 9 (Reuters) - ..." -> "Reuters"),
    which is no person nor place of what it reports; None without one."""
    dateline = _dateline(text)
    found = _DATELINE_AGENCY.search(dateline.group().rstrip()) if dateline else None
    return found.group(1).strip() if found else None


def dateline_place(text: str) -> str | None:
    """The place a report's dateline names first, where it was written ("NOTTINGHAM, October 8 – ..." ->
    "NOTTINGHAM"; "Moscow, Russia – December 9: ..." -> "Moscow"): a town, not a company nor a person."""
    dateline = _PLACE_DATELINE.match(text)
    return re.split(r"\s*(?:,|\(|\s[–—-])", dateline.group(), maxsplit=1)[0].strip() if dateline else None


def is_demonym(word: str) -> bool:
    """A capitalised word shaped like a nationality: "Syrian", "Japanese", "Turkish", "Iraqi"."""
    return bool(_DEMONYM.match(word))


@dataclass(frozen=True)
class Post:
    """A mention of a noun such as "president" or "capital" with what it is of: ``text[start:end]`` holds the words
    that say so. ``places`` are the stems of the nationalities among them ("Syrian President" -> {"syrian"}), sure
    to be places; ``owners`` those of its possessor or the name it is "of" ("Syria’s president", "President of
    Syria" -> {"syria"}), which may be places, bodies or people ("Putin’s spokesman")."""

    start: int
    end: int
    places: frozenset[str]
    owners: frozenset[str] = frozenset()


# Adjectives shaped like nationalities that are parties or faiths: "Republican Senator ..." is of no place.
_NOT_NATIONALITIES = frozenset({"republican", "christian", "anglican", "lutheran", "presbyterian", "libertarian",
                                "chairman", "spokesman", "veteran", "metropolitan"})
_WORDS_BEFORE = re.compile(r"((?:[\w’'.-]+\s+){0,3})$")
# "President of Syria", "President Assad of Syria": one name it is of (not "of the United States").
_OF_NAME = re.compile(r"(?:\s+[A-Z][\w’'-]*)?\s+of\s+(?:the\s+)?([A-Z][\w’'-]*)(?![\w’'-]|\s+(?:[A-Z]|of\b|and\b|&))")
# Places written in capitals, as the stem of a place name their nationality derives from ("American" of "america").
_PLACE_ABBREVIATIONS = {"us": "america", "u.s.": "america", "usa": "america", "u.s.a.": "america", "uk": "britain",
                        "u.k.": "britain", "eu": "europ"}
_POSSESSIVE_WORD = re.compile(r"^([A-Z][\w-]*)[’']s$")
_POST_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "this", "that", "our"})


@lru_cache(maxsize=8192)
def posts(text: str, noun: str) -> tuple[Post, ...]:
    """Each mention of ``noun`` (or its plural) in ``text`` with what it is of (``Post``): a nationality among the
    (up to three) words before it, after the last determiner ("the Syrian capital", "Deposed Syrian President"), a
    possessor before those words ("Syria’s deposed president") and a one-word name it is "of" ("the President of
    Syria, ...", "President Assad of Syria"). A place in capitals counts by the name its nationality derives from
    ("US" as "america", ``_PLACE_ABBREVIATIONS``); other words in capitals and names of several words ("of the
    United States") are left out: no stem says which place they are. Cached: the reader asks for each name of a
    sentence."""
    found = []
    for m in re.finditer(rf"\b{re.escape(noun)}s?\b", text, re.I):
        lo = max(0, m.start() - 80)
        before = _WORDS_BEFORE.search(text[lo:m.start()])
        start, places, owners = m.start(), set(), set()
        for word in reversed(list(re.finditer(r"\S+", before.group(1)))):
            w = word.group()
            possessor = _POSSESSIVE_WORD.match(w)
            if possessor and not possessor.group(1).isupper():
                owners.add(stem(possessor.group(1).lower()))
                start = lo + before.start(1) + word.start()
                break
            if w.lower() in _POST_DETERMINERS or not w[:1].isalpha():
                break
            place = place_word(w)
            if place:
                places.add(place)
                start = lo + before.start(1) + word.start()
        end = m.end()
        of = _OF_NAME.match(text, m.end())
        if of and of.group(1).lower() in _PLACE_ABBREVIATIONS:
            places.add(_PLACE_ABBREVIATIONS[of.group(1).lower()])
            end = of.end(1)
        elif of and not of.group(1).isupper():
            owners.add(stem(of.group(1).lower()))
            end = of.end(1)
        found.append(Post(start, end, frozenset(places), frozenset(owners)))
    return tuple(found)


CAPITALISED_WORD = re.compile(r"\b[A-Z][\w.]*")
"""A capitalised word, with its inner dots ("U.S."): where a nationality or a place's abbreviation may stand."""


@lru_cache(maxsize=8192)
def nationalities(text: str) -> frozenset[str]:
    """The stems of the nationalities ``text`` names (``place_word``): what tells that a name is a place ("Syria"
    beside "Syrian") where nothing else does. A word only shaped like a nationality counts where it is used as one
    ("Syrian rebels"; not "Jolani declared", ``_used_as_demonym``, nor "Hadi al-Bahra"). Cached, as ``find_spans``:
    every article read is typed again for each question."""
    found = set()
    for m in CAPITALISED_WORD.finditer(text):
        place = place_word(m.group())
        lower = m.group().lower()
        after = _NEXT_WORD.match(text, m.end())
        particle = bool(after) and after.group(1).split("-")[0] in NAME_PARTICLES  # "Hadi al-Bahra"
        shaped = _used_as_demonym(text, m.start(), m.end()) and not particle
        if place and (lower in DEMONYM_PLACES or lower in _PLACE_ABBREVIATIONS or shaped):
            found.add(place)
    return frozenset(found)


def nationalities_in(texts: Iterable[str]) -> frozenset[str]:
    """The nationalities any of ``texts`` names (``nationalities``): the places a set of sentences tells of, which
    type an owner ("Syria’s president") in any one of them."""
    return frozenset(place for text in texts for place in nationalities(text))


def place_word(word: str) -> str | None:
    """The stem of the place a capitalised word names: a nationality ("Syrian"; not a party or faith shaped like
    one, "Republican", nor a word in "-ic", "Democratic") or a place in capitals ("US" as "america")."""
    lower = word.lower()
    if lower in STOPWORDS:  # "Which country ...?"
        return None
    if lower in _PLACE_ABBREVIATIONS:
        return _PLACE_ABBREVIATIONS[lower]
    if lower in DEMONYM_PLACES or (is_demonym(word) and not lower.endswith("ic") and lower not in _NOT_NATIONALITIES):
        return stem(lower)
    return None


_PLACE_OF_DEMONYM = {stem(demonym): stem(place) for demonym, place in DEMONYM_PLACES.items()}
_DEMONYM_ENDINGS = frozenset({"n", "an", "ian", "ean", "es", "ues", "i", "ish"})  # as stemmed: "japanes", "iraqi"


def derives(part: str, adjectives: frozenset[str]) -> bool:
    """Whether an adjective is the name's stem with an ending of nationality: "syria" -> "syrian", "iran" ->
    "iranian", "japan" -> "japanes"; or the name's irregular adjective (``DEMONYM_PLACES``: "franc" -> "french")."""
    return len(part) >= 4 and any((a.startswith(part) and a[len(part):] in _DEMONYM_ENDINGS)
                                  or _PLACE_OF_DEMONYM.get(a) == part for a in adjectives)


def same_place(a: str, b: str) -> bool:
    """Whether two stems name one place: "syria" and "syrian", "britain" and "british" (``derives``)."""
    return a == b or derives(a, frozenset({b})) or derives(b, frozenset({a})) or (
        a in _PLACE_OF_DEMONYM and _PLACE_OF_DEMONYM[a] == _PLACE_OF_DEMONYM.get(b))


@lru_cache(maxsize=8192)
def find_spans(text: str, *, year_only: bool = False) -> tuple[Span, ...]:
    """Every candidate answer in one sentence, each span once (the first reading of it wins); cached, since the
    same sentences come back question after question."""
    tokens = tokenize(text)
    found: list[Span] = []
    dates = find_dates(text)
    # A report's dateline says where and when it was written, not what it tells: "OSLO, Oct 6 (NNA) - ...".
    opens = dateline_end(text)
    found += [Span(d.start, d.end, d.text, SpanKind.DATE) for d in dates if d.states_a_date and d.start >= opens]
    found += [_with_part_of_year(text, Span(m.start(1), m.end(1), m.group(1), SpanKind.YEAR))
              for m in _YEAR.finditer(text)]
    found += [Span(r.start, r.end, r.text, SpanKind.YEAR) for r in find_year_ranges(text)]
    for q in find_quantities(text):
        found.append(Span(q.start, q.end, q.text, _quantity_kind(q.quantity.unit)))
    found += [Span(m.start(1), m.end(1), m.group(1), SpanKind.COUNT) for m in _BARE_NUMBER.finditer(text)
              if not is_year_number(m.group(1))]
    names = [n for n in (_without_based(n) for n in _names(text, tokens)) if n.start >= opens]
    found += names
    plain = [s for s in names if s.kind == SpanKind.NAME]
    for k, (a, b) in enumerate(zip(plain, plain[1:])):
        if text[a.end:b.start] != ", " or len(b.text.split()) > 2 or _CLAUSE_AFTER.match(text, b.end):
            continue
        listed = name_list(text, plain, k)[1] > k  # "Aleppo, Homs, and Daraa" is a list, not a place pair
        titled = not PERSON_TITLES.isdisjoint(a.text.lower().split())  # "President of Syria, Bashar": a person
        if not listed and not titled:
            found.append(Span(a.start, b.end, text[a.start:b.end], SpanKind.NAME_PAIR))
    for m in _QUOTED.finditer(text):
        group = 1 if m.group(1) is not None else 2
        if len(m.group(group).split()) <= 8:
            found.append(Span(m.start(group), m.end(group), m.group(group), SpanKind.TITLE))
    found += _phrases(text, tokens)
    found += [Span(s.start, s.end, s.text, SpanKind.STATUS) for s in find_statuses(text)]
    return _prune(found, year_only, [(d.start, d.end) for d in dates if d.dateline or d.start < opens])


# The part of a year a year is written with: "in spring 2026", "by the autumn of 2025", "early 2024", "mid-2023".
_PART_OF_YEAR = re.compile(r"\b(?:(?:(?:early|late|mid)[\s-]+)?(?:spring|summer|autumn|fall|winter)(?:\s+of)?"
                           r"|early|late|mid-?)\s*$", re.I)


def _with_part_of_year(text: str, span: Span) -> Span:
    """A year with the part of it written before it, "spring 2026" (its value is still the year: compatible with
    any date in it), or the year alone."""
    part = _PART_OF_YEAR.search(text, max(0, span.start - 30), span.start)
    return replace(span, start=part.start(), text=text[part.start():span.end]) if part else span


# A name written before a participle: where something is based or someone born ("the Bergen-based carrier"), or
# who did what the participle says ("Acas-brokered talks", "Kremlin-backed forces", "UN-led mission").
_BASED = re.compile(r"-(?:[a-z]+ed|born|led|run|made|built|held|owned|won)$")
_NUMBER_ALONE = re.compile(NUMBER_IN_WORDS, re.I)  # "Fourteen", "Twenty-six"


def _without_based(span: Span) -> Span:
    """A name written before a participle is the name alone: the place of "the Bergen-based carrier", the body of
    "Acas-brokered talks" (``_BASED``)."""
    based = _BASED.search(span.text) if span.kind == SpanKind.NAME else None
    return replace(span, end=span.start + based.start(), text=span.text[:based.start()]) if based else span


_NEXT_WORD = re.compile(r"\s+([a-z][a-z-]*)")
_ARTICLE_BEFORE = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Aa]nother|[Oo]ne|[Ee]very)\s+$")


def _used_as_demonym(text: str, start: int, end: int) -> bool:
    """Whether a word shaped like a nationality is used as one: before a word that may be a noun ("Syrian rebels",
    "American singer") or after an article ("a Colombian has won"); not "Iran has", "Modi said", "Sudan backed",
    names that only end like a nationality."""
    if _ARTICLE_BEFORE.search(text[max(0, start - 10):start]):
        return True
    after = _NEXT_WORD.match(text, end)
    return bool(after) and after.group(1) not in STOPWORDS and after.group(1) not in AUXILIARIES \
        and not after.group(1).endswith("ed")


_LIST_GLUE = re.compile(r",\s+(?:and|or)\s+|,\s+|\s+(?:and|or|&)\s+")
_AND_OR = re.compile(r"\b(?:and|or)\b|&")


def name_list(text: str, names: Sequence[Span], k: int) -> tuple[int, int]:
    """The list ``names[k]`` stands in, as the indices of its first and last names: names (in text order) joined by
    commas and a last "and"/"or" ("Russia and Iran", "Aleppo, Homs, and Daraa"); ``(k, k)`` when it is in none
    ("in Syria, Russia has ..." has no "and")."""
    first = last = k
    while first > 0 and _LIST_GLUE.fullmatch(text[names[first - 1].end:names[first].start]):
        first -= 1
    while last + 1 < len(names) and _LIST_GLUE.fullmatch(text[names[last].end:names[last + 1].start]):
        last += 1
    while last > first and not _AND_OR.search(text[names[last - 1].end:names[last].start]):
        last -= 1  # a list ends at its "and"/"or": "Russia and Iran, Turkey said"
    return (first, last) if first < last and k <= last else (k, k)


def _quantity_kind(unit: str) -> SpanKind:
    if unit == CLOCK_UNIT:
        return SpanKind.DATE  # a time of day is a point in time; its value is the time (``qa.reader.read_value``)
    if unit in TIME_UNITS:
        return SpanKind.DURATION
    if unit in CURRENCY_UNITS:
        return SpanKind.MONEY
    if unit == "percent":
        return SpanKind.PERCENT
    return SpanKind.COUNT


def is_name_word(word: str) -> bool:
    """A word that may stand in a name: capitalised or a particle joined to a name ("al-Assad"), and no month,
    weekday or stopword ("The", "March"), nor a common noun a capital letter prefixes ("U-turn", "X-ray").
    Particles standing alone ("bin", "van") only join name words."""
    lower = word.lower()
    return ((word[:1].isupper() or bool(_PARTICLE_PREFIX.match(word))) and lower.rstrip(".") not in MONTHS
            and lower.rstrip(".") not in WEEKDAYS and lower not in STOPWORDS and not _LETTER_COMPOUND.match(word))


def _is_name_word(token: Token) -> bool:
    return token.is_word and is_name_word(token.text)


_LABEL_PREPOSITIONS = frozenset({"by", "in", "on", "at", "from", "with", "for", "to", "as", "into"})


def _verb_before_preposition(token: Token, following: Token | None) -> bool:
    """Whether a capitalised word is a verb's past or -ing form right before a preposition: a label or a heading
    ("Directed by Ana Ruiz", "Released in May 1987", "Born in Porto"), not a name."""
    return following is not None and following.lower in _LABEL_PREPOSITIONS and not token.text.isupper() \
        and any(base != token.lower and used_most_as_verb(base) for base in base_forms(token.lower))


def _names(text: str, tokens: tuple[Token, ...]) -> list[Span]:
    """Runs of capitalised words, joined by name particles ("Hayat Tahrir al-Sham", "Ludwig van Beethoven"),
    split at possessives; a capitalised modifier before a lower-case word ("American singer") is an adjective."""
    spans: list[Span] = []
    i, n = 0, len(tokens)
    while i < n:
        if not _is_name_word(tokens[i]):
            i += 1
            continue
        last, j = i, i + 1
        while j < n and not tokens[j - 1].text.endswith(("’s", "'s")):
            token = tokens[j]
            if _is_name_word(token) or (token.text.isdigit() and j == last + 1 and len(token.text) <= 4) \
                    or (j == last + 1 and _MODEL_NUMBER.fullmatch(token.text) is not None) \
                    or (token.text == "I" and j == last + 1 and _numeral_after(tokens, j)):
                last, j = j, j + 1
            elif (token.lower in _NAME_GLUE or _plural_possessive(text, tokens[j - 1], token)
                  or (token.lower == "and" and last == i and _names_a_body(text, tokens, j + 1))) \
                    and j + 1 < n and _is_name_word(tokens[j + 1]):
                j += 1
            else:
                break
        run = list(tokens[i:last + 1])
        while run and run[0].lower in _FUNCTION_CAPS and not _names_mid_sentence(run, tokens[i - 1] if i else None):
            run.pop(0)
        while run and run[-1].lower in _NAME_GLUE:
            run.pop()
        if len(run) == 1 and _NUMBER_ALONE.fullmatch(run[0].lower):
            run = []  # "Fourteen people were injured": a number capitalised where the sentence opens names nothing
        if len(run) == 1 and _verb_before_preposition(run[0], tokens[last + 1] if last + 1 < n else None):
            run = []  # "Directed by ...", "Released in ...": a verb capitalised as a label or a headline's
        if run:
            start, end = run[0].start, run[-1].end
            if text[start:end].endswith(("’s", "'s")):
                end -= 2
            word = text[start:end]
            single = len(run) == 1 and "-" not in word
            kind = SpanKind.ADJECTIVE if single and is_demonym(word) and _used_as_demonym(text, start, end) \
                else SpanKind.NAME
            spans.append(Span(start, end, word, kind))
        i = last + 1
    return spans


def _names_a_body(text: str, tokens: tuple[Token, ...], k: int) -> bool:
    """Whether the run of capitalised words from ``k`` ends in a noun of bodies ("Maritime Workers' Union"): after
    "and", it ends one name with the words before ("the Dockside and Maritime Workers' Union"), where "Ana Ruiz and
    Rita Vale" are two."""
    last = None
    while k < len(tokens) and (_is_name_word(tokens[k]) or _plural_possessive(text, tokens[k - 1], tokens[k])):
        last, k = tokens[k], k + 1
    return last is not None and last.lower in ORGANISATION_NOUNS


# A model's number after its maker's name: "Boeing 737-400", "Cessna 172S"; not a score ("Tarvik 2-1 Kessel").
_MODEL_NUMBER = re.compile(r"\d{3,}(?:-\d+)*[A-Z]{0,2}|\d+-\d{3,}[A-Z]{0,2}")


def _numeral_after(tokens: tuple[Token, ...], k: int) -> bool:
    """Whether the "I" at ``k``, right after a name's word, is its numeral ("King Edward I, who ...", "Edward I of
    England"), not the pronoun ("Tarvik I think is ..."): no word follows it but "of" or "and"."""
    following = tokens[k + 1] if k + 1 < len(tokens) else None
    return following is None or not following.is_word or following.lower in ("of", "and")


def _names_mid_sentence(run: list[Token], before: Token | None) -> bool:
    """Whether a word that opens sentences ("New", "Last") opens a name here: followed by more of the name and
    capitalised after a word or a comma, so not for the sentence's sake ("in New Zealand"); "New" opens a name
    wherever it stands ("New Delhi said ..."). Titles ("Dr", "Former") never do."""
    first = run[0].lower.rstrip(".")
    return len(run) > 1 and first not in HONORIFICS and first != "former" \
        and (first == "new" or before is not None and (before.is_word or before.text == ","))


def _plural_possessive(text: str, word: Token, mark: Token) -> bool:
    """Whether ``mark`` is the apostrophe of a plural possessive inside a name: "Workers'" of "the National Port
    Workers' Union" (the next word capitalised, as the caller checks)."""
    return mark.text in ("'", "’") and word.text.endswith("s") and mark.start == word.end \
        and text[mark.end:mark.end + 1] == " "


def _phrases(text: str, tokens: tuple[Token, ...]) -> list[Span]:
    """Every run of up to four lower-case content words inside a longer run: "golf", "comedy film"."""
    spans: list[Span] = []
    run: list[Token] = []

    def flush() -> None:
        for a in range(len(run)):
            for b in range(a, min(len(run), a + _MAX_PHRASE)):
                spans.append(Span(run[a].start, run[b].end, text[run[a].start:run[b].end], SpanKind.PHRASE))

    for token in tokens:
        if token.is_word and token.text[:1].islower() and token.lower not in _FUNCTION_CAPS:
            run.append(token)
            if len(run) > 6:
                run.pop(0)
        else:
            flush()
            run = []
    flush()
    return spans


def _prune(found: list[Span], year_only: bool, datelines: list[tuple[int, int]]) -> tuple[Span, ...]:
    """Drop readings that a longer typed reading contains (the "7" of "February 7, 2021", the year of a full date
    unless the question asks for a year, a phrase inside a number), and counts inside a dateline (the "9" of
    "Moscow – December 9:", which is no candidate), then duplicates. The years of a range of years stay: "1850" of
    "1850–1851" may answer when the building was begun; so do a dateline's, as telling a dateline is a guess."""
    dates = [(s.start, s.end) for s in found if s.kind == SpanKind.DATE]
    numbers = [(s.start, s.end) for s in found if s.kind in NUMERIC_KINDS]

    def inside(span: Span, outer: list[tuple[int, int]]) -> bool:
        return any(a <= span.start and span.end <= b and (a, b) != (span.start, span.end) for a, b in outer)

    def overlaps(span: Span, outer: list[tuple[int, int]]) -> bool:
        return any(span.start < b and a < span.end for a, b in outer)

    kept: dict[tuple[int, int], Span] = {}
    for span in found:
        if span.kind == SpanKind.COUNT and inside(span, dates + numbers + datelines):
            continue
        if span.kind == SpanKind.YEAR and not year_only and inside(span, dates):
            continue
        if span.kind == SpanKind.PHRASE and overlaps(span, numbers):
            continue
        kept.setdefault((span.start, span.end), span)
    return tuple(sorted(kept.values(), key=lambda s: (s.start, s.end)))

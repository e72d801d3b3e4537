"""Across articles: the readings that agree form one side; sides that cannot both be true are a disagreement.

Pure: from the reader's ``ReadOut`` and its fitted thresholds to a ``Finding`` that says whether the articles
answer, what they answer (each article's own value, grouped with the compatible ones), where they disagree, and
when they are about different things that share a name.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from index.vocab import (BUSINESS_NOUNS, CALENDAR_NAMES, KIN_WORDS, PERSONAL_NAME, PERSON_NOUNS, SPEECH_VERBS,
                         STOPWORDS, a_verb_form, content_terms, noun_senses, stem, used_most_as_verb, word_parts)
from qa.candidates import (Names, answer_spans, described_names, holders_of_other_places, instances_named,
                           lower_case_noun, of_another_place, post_holders, post_places, with_a_company_form, withholds)
from qa.evidence import Evidence
from qa.question import Kind, Question, singular
from qa.reader import (COUNTRY_NOUNS, POSTS, TITLES, ReadOut, ReaderModel, Reading, Thresholds, holds_kind_asked,
                       pair_features, sentence_states, sentence_terms)
from qa.spans import SpanKind, nationalities_in, place_word, posts
from qa.values import DateValue, Name, Phrase, Quantity, Value, entity_key, value_family, values_compatible

__all__ = ["Verdict", "Side", "Finding", "aggregate", "is_side", "sides_clash", "speaks_of_the_post", "answer_withheld",
           "speaks_of_the_relative", "quotes_the_speaker", "SubjectProfile", "subject_profiles", "subject_overlap",
           "representative", "clash_probability", "pair_probability"]

MAX_SENTENCES = 2  # sentences quoted for an answer that is a sentence, not a value


class Verdict(StrEnum):
    ANSWERED = "answered"        # one value (or, for a why/how question, the sentences that say it)
    DISPUTED = "disputed"        # incompatible values about the same thing
    UNANSWERED = "unanswered"    # no article states an answer


@dataclass(frozen=True)
class Side:
    """Articles whose values are compatible: "24-year rule" and "over 20-year rule" are one side."""

    readings: tuple[Reading, ...]  # best first; each carries its own article's value and span
    within: frozenset[tuple[str, str]] = frozenset()  # (inner, outer) places the articles say lie one in another
    listed: bool = False  # asked for several names: the fullest list speaks for the side
    seconded: tuple[Reading, ...] = ()  # articles that read the side's value too unsurely to name it: cited with it
    widest: bool = False  # asked for a country: the place the others lie in speaks for the side

    @property
    def value(self) -> Value:
        return representative(self.readings, self.within, listed=self.listed, widest=self.widest)

    @property
    def cited(self) -> tuple[Reading, ...]:
        """Every article that states the side's value: the readings that name it, then the seconding ones."""
        return self.readings + self.seconded

    @property
    def doc_ids(self) -> tuple[str, ...]:
        return tuple(r.doc_id for r in self.cited)


@dataclass(frozen=True)
class Finding:
    """What the articles say to a question."""

    verdict: Verdict
    sides: tuple[Side, ...] = ()               # value answers: the main side first; two or more when disputed
    sentences: tuple[Evidence, ...] = ()       # the sentences that answer, best first (the evidence of every answer)
    distinct: tuple[Side, ...] = ()            # values about different things that share the question's name


def aggregate(readout: ReadOut, model: ReaderModel) -> Finding:
    """Decide from the readings: unanswered below the answer threshold, or when a value is asked and no article
    states one of the kind asked; else group the articles' values, and set each other group against the main one:
    a clash (the pair model) is a disagreement, a different subject is a different thing, anything else is left
    out."""
    thresholds = model.thresholds
    question = readout.question
    read = readout
    readout = _without_names_ruled_out(readout)
    if _only_names_ruled_out(read, readout, thresholds):
        return Finding(Verdict.UNANSWERED)
    if not readout.scored or not speaks_of_the_question(readout) or not speaks_of_the_relative(readout) \
            or not speaks_of_the_post(readout) or not quotes_the_speaker(readout) or not names_the_role(readout) \
            or answer_withheld(readout, thresholds):
        return Finding(Verdict.UNANSWERED)
    answers = readout.answerable >= thresholds.answer and (
        not question.asks_value or _states_kind_asked(readout, thresholds.side))
    if not answers:
        # Articles that clash on the point asked do answer it, though not with one voice.
        disputed = _value_finding(readout, model, ()) if question.asks_value else None
        return disputed if disputed and disputed.verdict == Verdict.DISPUTED else Finding(Verdict.UNANSWERED)
    sentences = _answer_sentences(readout, thresholds)
    if not (question.asks_value or question.kind == Kind.YES_NO):
        return Finding(Verdict.ANSWERED, sentences=sentences)
    return _value_finding(readout, model, sentences)


def _value_finding(readout: ReadOut, model: ReaderModel, sentences: tuple[Evidence, ...]) -> Finding:
    """The articles' values grouped, the main side first, each other side a disagreement, a different thing, or
    left out. The main side is the value the articles read state most strongly (``_vote``): a value several
    outlets state is stronger evidence than one stated once, though some state it too unsurely to be a side. Those
    that state it in a sentence that answers are cited with it (``_seconding``). An undisputed value that an article
    answering better does not state (``_outread``) is no answer: its sentences answer instead. An article of another
    story states no side (``_off_the_story``)."""
    thresholds, question = model.thresholds, readout.question
    elsewhere = _off_the_story(readout) | _not_of_the_source(readout)
    eligible = [r for r in readout.readings if is_side(r, thresholds) and r.doc_id not in elsewhere]
    within = places_within(eligible) if question.kind == Kind.PLACE else frozenset()
    widest = question.head in COUNTRY_NOUNS
    groups = _group(eligible, within)
    if not groups:
        return Finding(Verdict.ANSWERED, sentences=sentences)
    unsure = [r for r in readout.readings if r.short is not None and not is_side(r, thresholds)
              and r.doc_id not in elsewhere]
    main = max(groups, key=lambda group: _vote(readout.readings, unsure, group, within))
    family = value_family(main[0].short.value)
    others = [g for g in groups if g is not main and value_family(g[0].short.value) == family]
    if question.kind == Kind.YES_NO:
        others = [g for g in others if all(r.short.value.is_exact for r in g)]
    if question.plural or question.asks_source:
        others = []  # asked for several names, or for who reported a thing, articles that name different ones add up
    disputing, distinct = [], []
    profiles = subject_profiles(readout) if others else {}  # only another side is compared by its subject
    for group in others:
        # Any two outlets that clash are a disagreement, not only a clash with the main side: when the most-read
        # value is about something else or misread, two articles may still state the point asked differently.
        partners = [other for other in (main, *others)
                    if other is not group and sides_clash(other, group, question, model)]
        if not partners:
            continue  # not read as another answer to the point asked: most often a misread value
        overlap = max(subject_overlap(other, group, profiles) for other in partners)
        if overlap < thresholds.same_subject:
            distinct.append(Side(tuple(group), within, question.plural, widest=widest))
        else:
            disputing.append(Side(tuple(group), within, question.plural, widest=widest))
    main_side = Side(tuple(main), within, question.plural, _seconding(unsure, main, within, thresholds), widest)
    evidence = tuple(dict.fromkeys([main[0].sentence, *sentences]))[:MAX_SENTENCES]
    if disputing:
        disputing.sort(key=lambda s: -max(r.score for r in s.readings))
        return Finding(Verdict.DISPUTED, sides=(main_side, *disputing), sentences=evidence,
                       distinct=tuple(distinct))
    if _outread(readout, main, thresholds):
        return Finding(Verdict.ANSWERED, sentences=sentences)
    return Finding(Verdict.ANSWERED, sides=(main_side,), sentences=evidence, distinct=tuple(distinct))


def _off_the_story(readout: ReadOut) -> frozenset[str]:
    """The articles read that write none of the nouns a question without names asks about ("Who is the chief
    executive of the rocket maker?": "rocket", "maker") and no name that an article writing one writes: in a
    collection of many stories, another story's chief executive is no answer, while an article of the same story
    (they share the names of its people and places) may state the answer in other words. Empty for a question that
    names its subject (its names say which articles are about it), or whose nouns no article writes; a question of
    one such noun needs two articles that write it, as one may use it in passing. (One noun, measured at stop 63:
    ``bench.fit_reader --check`` unchanged; the opened sets two answers up, none down: "How many people were
    arrested over the theft?" is no longer answered by a wildfire's evacuees.)"""
    question = readout.question
    if question.anchors:
        return frozenset()
    nouns = _subject_nouns(question)
    if not nouns:
        return frozenset()
    words: dict[str, set[str]] = {}
    capitalised: dict[str, set[str]] = {}
    lowercase: set[str] = set()
    for item, _ in readout.scored:
        parts = word_parts(item.text)
        words.setdefault(item.doc_id, set()).update(stem(p) for p in parts)
        capitalised.setdefault(item.doc_id, set()).update(p for p in parts[1:] if p[:1].isupper() and len(p) > 1)
        lowercase.update(p for p in parts if p.islower())
    speaking = {doc_id for doc_id, held in words.items() if any(_writes(held, noun) for noun in nouns)}
    if len(speaking) < (1 if len(nouns) > 1 else 2):
        return frozenset()  # one noun tells a story by two articles that write it: one may use it in passing
    # a name is a capitalised word no sentence read writes in lower case ("University" is none), nor a title
    # ("Mines Minister Ana Ruiz" and "Culture Minister Leo Kent" share no name)
    names = {doc_id: {w for w in held if w.lower() not in lowercase and w not in CALENDAR_NAMES
                      and w.lower() not in POSTS} for doc_id, held in capitalised.items()}
    story = set().union(*(names[doc_id] for doc_id in speaking))
    return frozenset(doc_id for doc_id in words if doc_id not in speaking and not names[doc_id] & story)


def _not_of_the_source(readout: ReadOut) -> frozenset[str]:
    """The articles read that never name the source a question asks after by name ("..., according to Trump?"; an
    outlet among the articles' own is read alone before this, ``qa.pipeline``): what they state is not that
    source's word. Empty when the source has no name, or no sentence read names it."""
    source = readout.question.according_to
    names = {stem(w) for w in word_parts(source) if w[:1].isupper()} if source else set()
    if not names:
        return frozenset()
    naming = {item.doc_id for item, _ in readout.scored if names <= {stem(p) for p in word_parts(item.text)}}
    return frozenset(r.doc_id for r in readout.readings if r.doc_id not in naming) if naming else frozenset()


def _writes(words: set[str], noun: str) -> bool:
    """Whether an article's word stems hold a noun's, alone or ending a compound ("schoolteacher" for "teacher")."""
    return noun in words or (len(noun) > 3 and any(w.endswith(noun) for w in words))


def _subject_nouns(question: Question) -> frozenset[str]:
    """The stems of the nouns a question writes in lower case that are among its terms (not "date" of "On what
    date ...?") and are not the noun it asks for, nor a post, nor a preposition (``_PREPOSITIONS``), nor a word used
    most as a verb unless a determiner makes it a noun ("the attack"), nor the verb right after its question word
    ("Who runs ...?"): what it asks about ("the scooter company's chief executive": "scooter", "company"; every such
    noun, not only the last of a run as ``qa.candidates._other_nouns`` takes, since "scooter" is what names the
    story)."""
    head = stem(singular(question.head.lower())) if question.head else None
    terms = set(question.terms)
    words = word_parts(question.text)
    return frozenset(stem(w) for k, w in enumerate(words) if k > 1 and lower_case_noun(w)
                     and w not in _PREPOSITIONS and (not used_most_as_verb(w) or words[k - 1].lower() in _DETERMINERS)
                     and singular(w) not in POSTS and stem(singular(w)) != head and stem(w) in terms)


# Prepositions that WordNet also has as nouns ("behind", "outside"): what a question asks about is no such word.
_PREPOSITIONS = frozenset({"behind", "despite", "inside", "opposite", "outside", "past", "plus", "round", "till",
                           "worth"})
# After one of these a word used most as a verb is its noun: "the attack", "its recall".
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"})


def support(group: Sequence[Reading]) -> float:
    """How strongly a side is read: the sum over its articles of the reader's weight of each article's (sentence,
    span) pair, exp(sentence score) x span probability (``Reader.read_article`` picks the pair by its log). A sure
    span in a sentence that hardly answers the question counts less than one in the article's answer sentence."""
    return sum(math.exp(min(r.score, 50.0)) * r.short.probability for r in group)


def is_side(reading: Reading, thresholds: Thresholds) -> bool:
    """Whether a reading is sure enough to stand as a side: a value whose span and sentence pass the span and side
    thresholds."""
    return (reading.short is not None and reading.short.probability >= thresholds.span
            and reading.score >= thresholds.side)


def _outread(readout: ReadOut, main: Sequence[Reading], thresholds: Thresholds) -> bool:
    """Whether an article's reading that is no side (its span under the span threshold) outweighs the main side
    (``support``) with a sentence that does not state the main side's value: the sentence that answers best says
    something else, so a value read from sentences that answer worse is no short answer, and the sentences that
    answer best are the answer."""
    weight = support(main)
    return any(r.short is not None and r.score >= thresholds.side and not is_side(r, thresholds)
               and support([r]) > weight
               and not any(sentence_states(r.sentence, m.short) for m in main)
               for r in readout.readings)


def sides_clash(a: Sequence[Reading], b: Sequence[Reading], question: Question, model: ReaderModel) -> bool:
    """Whether two sides of incompatible values clash on the point asked. Opposite answers to a yes/no question
    (one article says it was confirmed, another that it was not) clash by their values: their sentences already
    passed the side threshold as answers, and the pair model cannot judge them, having seen no status pair (the
    development data asks no yes/no question). So do two articles that say the same sentence but for the value
    (``Reading.contrasts``)."""
    if question.kind == Kind.YES_NO or any(y.doc_id in x.contrasts for x in a for y in b):
        return True
    return clash_probability(a, b, model) >= model.thresholds.clash


def clash_probability(a: Sequence[Reading], b: Sequence[Reading], model: ReaderModel) -> float:
    """The pair model's probability that two sides clash on the point asked: the highest over pairs of their
    articles, since the articles of a side state its value in their own words and one pair may put it in the same
    slot where the best-read ones do not (a side holds at most the articles read, so there are few pairs)."""
    return max(pair_probability(x, y, model) for x in a for y in b)


def pair_probability(a: Reading, b: Reading, model: ReaderModel) -> float:
    """The pair model's probability that two articles' readings clash on the point asked."""
    score = float(model.pair.score(pair_features(a, b)))
    return 1.0 / (1.0 + math.exp(-max(min(score, 50.0), -50.0)))


def speaks_of_the_question(readout: ReadOut) -> bool:
    """Whether any word the question searches for appears in a sentence read: without one, nothing shows that the
    articles speak of what is asked (a question in words no article uses, or typed by a cat)."""
    terms = readout.question.terms
    if not terms:
        return True
    return not readout.terms_read.isdisjoint(terms)


def answer_withheld(readout: ReadOut, thresholds: Thresholds) -> bool:
    """Whether the articles say the answer was not given: a sentence read that withholds the value asked
    (``withholds``: "declined to say how much", "asked not to be named", "did not yet know why") scores at least as
    well as every sentence an article states a value of its side in, or, with none, as the best sentence. An
    article that reports what others would not say answers above it; a figure of another relation in a sentence
    that answers worse ("a £45 bill credit" asked what the incident costs) does not. (No threshold: the sentence
    model's own scores are compared.) A sentence a side states its value in, outside the words that withhold,
    answers though it withholds something else ("pennies of King Edward I, found by a detectorist who asked not to
    be named"); "asked" read from "has asked not to be named" states nothing."""
    sides = [r for r in readout.readings if is_side(r, thresholds)]
    best = max((r.score for r in sides), default=readout.scored[0][1])
    # only the sentences that score as well are read for it (``scored`` is best first): no regex on the rest
    return any((where := withholds(item.text, readout.question)) and not _states_beside(item, where, sides)
               for item, _ in itertools.takewhile(lambda pair: pair[1] >= best, readout.scored))


def _states_beside(item: Evidence, withheld: tuple[int, int], sides: Sequence[Reading]) -> bool:
    """Whether a side reads its value from ``item`` outside the words that withhold one (``withheld``)."""
    return any(r.doc_id == item.doc_id and r.sentence.start == item.start and r.short is not None
               and not (r.short.span.start < withheld[1] and withheld[0] < r.short.span.end) for r in sides)


_KIN_TERMS = frozenset(stem(w) for w in KIN_WORDS)


def speaks_of_the_relative(readout: ReadOut) -> bool:
    """Whether a sentence read tells of a family relation, when the question asks about someone's relative
    (``Question.relatives``: "Who is the mayor's wife?", "When did her father die?"). An article that says who
    someone's wife or father is, or when they died, says it in ``KIN_WORDS``; with none of them, the relative is a
    person the articles do not mention, and a name or date they do state is about someone else. (No threshold. In
    the development data each of the 20 collections that answer such a question, tune and held-out, uses one of
    the words; the check moves no development figure.)"""
    if not readout.question.relatives:
        return True
    return not readout.terms_read.isdisjoint(_KIN_TERMS)


def speaks_of_the_post(readout: ReadOut) -> bool:
    """Whether a sentence read speaks of the post or place noun asked as one of the place asked, when the question
    says which (``Question.post_of``: "Who is the Russian president?", "What is the capital of Russia?"): a mention
    of it that names no place, or the place asked, or no mention at all (whether the articles answer is then for
    the rest of the evidence to say). An owner ("Syria’s president") is a place when a sentence read names its
    nationality ("Syrian"; ``qa.candidates.post_places``). When every mention is of other places ("Syrian President
    ...", "Syria’s deposed president"), the articles speak of another country's president, and a name they give is
    not the one asked for. (No threshold.)"""
    question = readout.question
    if not question.post_of or not question.head:
        return True
    texts = [item.text for item, _ in readout.scored]
    known = nationalities_in(texts)
    mentions = [post_places(post, known) for text in texts for post in posts(text, question.head)]
    return not mentions or any(not of_another_place(places, question) for places in mentions)


def among(key: frozenset[str], names: Names) -> bool:
    """Whether a name (``entity_key``) is one of ``names``, or a shorter or longer form of one."""
    return any(key <= name or name <= key for name in names)


def _without_names_ruled_out(readout: ReadOut) -> ReadOut:
    """The readout without the values that the sentences read show are not the holder of the post asked: asked for
    the capital of Russia, "Damascus" of "seizing the capital, Damascus" where another sentence calls it "the Syrian
    capital" (``holders_of_other_places``); asked for the current president, a name a sentence calls the deposed
    one; asked for a title some sentence gives a name ("Syrian Prime Minister Mohammad Jalali"), every name it is
    never given ("Bashar al-Assad" is no prime minister; ``post_holders``); asked for an organisation by its noun
    that some sentence writes a name as ("news agency TASS"), every name never written so ("Moscow" is no news
    agency; ``instances_named``; but a name with a company's legal form is a company, ``with_a_company_form``, in
    an article that writes the question's names, ``_naming_the_subject``), once an article reads such a name as its
    answer: a sentence of the background that writes another company as one ("it bought the payments company
    Kestrel in 2019") rules out no name; asked for someone by way of a person the question describes ("Who coaches
    the champion?"), a name the sentences call by that noun ("champion Rita Vale"; ``described_names``). (No
    threshold.)"""
    texts = [item.text for item, _ in readout.scored]
    titled, former = post_holders(readout.question, texts)
    held = holders_of_other_places(readout.question, texts) | former | described_names(readout.question, texts)
    instances = instances_named(readout.question, texts)
    if any(r.short is not None and (key := entity_key(r.short.text)) and among(key, instances)
           for r in readout.readings):
        titled |= instances
    if not held and not titled:
        return readout

    business = _naming_the_subject(readout) if readout.question.head in BUSINESS_NOUNS else frozenset()

    def elsewhere(reading: Reading) -> bool:
        key = entity_key(reading.short.text) if reading.short is not None else frozenset()
        # "Norvale Foods Ltd" is a company, in an article of the story asked about
        of_the_kind = reading.doc_id in business and with_a_company_form(reading.short.text)
        return bool(key) and (among(key, held) or (bool(titled) and not among(key, titled) and not of_the_kind))

    return replace(readout, readings=tuple(replace(r, short=None, alternatives=()) if elsewhere(r) else r
                                           for r in readout.readings))


def _naming_the_subject(readout: ReadOut) -> frozenset[str]:
    """The articles read that write a name the question writes (``Question.anchors``) in a sentence read; every
    article read when it writes none."""
    anchors = readout.question.anchors
    return frozenset(item.doc_id for item, _ in readout.scored
                     if not anchors or not anchors.isdisjoint(stem(p) for p in word_parts(item.text)))


def _only_names_ruled_out(read: ReadOut, kept: ReadOut, thresholds: Thresholds) -> bool:
    """Whether every value read sure enough to be a side is a name the sentences show does not hold the post asked
    (``_without_names_ruled_out``): asked for the new president, the articles name only the deposed one, and their
    sentences about him answer no question of who holds the post now. (No threshold beyond the side's.)"""
    return any(is_side(r, thresholds) for r in read.readings) \
        and not any(is_side(r, thresholds) for r in kept.readings)


def names_the_role(readout: ReadOut) -> bool:
    """Whether a sentence read that speaks of the role asked names someone, when the question asks for a person by
    a role ("What was the name of the plane's pilot?"): sentences that mention the role but name nobody ("the pilot
    disabled the transponders") say the articles know of the person and not who it is, and a name from elsewhere
    is no answer. Without a mention of the role, the rest of the evidence decides. (No threshold.)"""
    question = readout.question
    if question.kind != Kind.PERSON or question.head not in PERSON_NOUNS or question.plural:
        return True
    head = stem(question.head)
    mentions = [item.text for item, _ in readout.scored if head in content_terms(item.text)]
    return not mentions or any(span.kind == SpanKind.NAME for text in mentions
                               for span in answer_spans(text, question))


def quotes_the_speaker(readout: ReadOut) -> bool:
    """Whether a sentence read gives words to the speaker a question asks about (``Question.speaker``: "What did
    Assad say when he arrived?"): the speaker right before a verb of speech ("Jolani declared", "“...,” Guterres
    stated"), right after "said" ("said the minister"), after "according to", or a pronoun there when the sentence
    before opens with the speaker ("A coalition of groups met. They described ..."). A sentence in which someone else
    speaks about them ("A Kremlin source revealed that Assad ...") is no answer. (No threshold; the development
    data asks no such question.)"""
    if not readout.question.speaker:
        return True
    quotes = _quotes_the_speaker(readout)
    return any(quotes(item) for item, _ in readout.scored)


def _quotes_the_speaker(readout: ReadOut) -> Callable[[Evidence], bool]:
    """Whether a sentence read gives words to the question's speaker (``_gives_words_to``, told the sentence
    before it in its article), or to a person the sentences read name by the speaker's role (``_role_holders``)."""
    speaker = readout.question.speaker | _role_holders(readout)
    texts = {(item.doc_id, item.position): item.text for item, _ in readout.scored}
    return lambda item: _gives_words_to(item.text, speaker, texts.get((item.doc_id, item.position - 1), ""))


_SPEECH = re.compile(r"\b(?:" + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True)) + r")\b", re.I)
_ACCORDING_TO = re.compile(r"\baccording\s+to\b", re.I)
_QUOTE_END = re.compile(r"[”\"»]")
_CLAUSE_END = re.compile(r"[,;:!?(“\"«]")  # not "." (an initial: "according to U.S. officials")
_SPEAKING_PRONOUNS = frozenset({"he", "she", "they"})


_ROLE_NOUNS = frozenset(stem(noun) for noun in PERSON_NOUNS)
# The name right after a role: "Abu Mohammed al-Jolani" of "HTS leader Abu Mohammed al-Jolani, addressing ..."
_NAME_AFTER = re.compile(r"\s+(" + PERSONAL_NAME + ")")


def _role_holders(readout: ReadOut) -> frozenset[str]:
    """The name stems of whom the sentences read call by the question's speaker's role with its names before it:
    asked what "the HTS leader" said, "HTS leader Abu Mohammed al-Jolani" makes "Jolani declared" his words."""
    speaker = readout.question.speaker
    roles = speaker & _ROLE_NOUNS
    names = speaker - roles
    if not roles or not names:
        return frozenset()
    found: set[str] = set()
    for item, _ in readout.scored:
        words = list(re.finditer(r"[\w’'-]+", item.text))
        for k, word in enumerate(words):
            if stem(word.group()) in roles and names & {stem(w.group()) for w in words[max(0, k - 3):k]}:
                holder = _NAME_AFTER.match(item.text, word.end())
                if holder:
                    found |= {stem(p) for p in word_parts(holder.group(1)) if p[:1].isupper()}
    return frozenset(found - names)


def _gives_words_to(text: str, speaker: frozenset[str], previous: str) -> bool:
    """Whether ``text`` gives words to ``speaker`` (``quotes_the_speaker``); ``previous`` is the sentence before."""
    def near(words: list[str]) -> bool:
        return not speaker.isdisjoint(stem(w) for w in words)

    for verb in _SPEECH.finditer(text):
        before = word_parts(_QUOTE_END.split(text[max(0, verb.start() - 60):verb.start()])[-1])[-4:]
        if near(before):  # what comes before a closing quote mark is what was said, not who said it
            return True
        if previous and _SPEAKING_PRONOUNS.intersection(w.lower() for w in before[-2:]) \
                and near(word_parts(previous)[:6]):  # "They described ..." after a sentence the speaker opens
            return True
        after = word_parts(text[verb.end():verb.end() + 40])[:3]
        if verb.group().lower() in ("said", "says") and after and after[0].lower() != "that" and near(after):
            return True  # "..., said the minister", not "said that the minister ..."
    # "according to" names its source in the phrase up to the clause's end: "according to a statement from the
    # Russian foreign ministry, ..." gives the words to the ministry
    return any(near(word_parts(_CLAUSE_END.split(text[m.end():m.end() + 80])[0]))
               for m in _ACCORDING_TO.finditer(text))


def _states_kind_asked(readout: ReadOut, least: float) -> bool:
    """Whether a sentence scoring at least ``least`` holds a value of the kind asked (beyond the question's words):
    the evidence without which a value question is not answered."""
    return any(score >= least and holds_kind_asked(readout.question, item.text) for item, score in readout.scored)


def _answer_sentences(readout: ReadOut, thresholds) -> tuple[Evidence, ...]:
    """The best sentence, and the next best ones that score as a side would, one per statement (a repeat in other
    words of a sentence already chosen is left out); of those, the ones in the form the question asks for first
    (``_in_the_form_asked``)."""
    chosen: list[Evidence] = []
    seen: list[frozenset[str]] = []
    for item, score in _in_the_form_asked(readout, thresholds.side):
        if chosen and score < thresholds.side or len(chosen) >= MAX_SENTENCES:
            break
        terms = frozenset(content_terms(item.text))
        if any(terms <= other or other <= terms for other in seen):
            continue
        chosen.append(item)
        seen.append(terms)
    return tuple(chosen)


# A sentence that gives a reason: "on humanitarian grounds", "because ...", "out of concern for ...".
_REASON = re.compile(r"\b(?:because|due\s+to|owing\s+to|as\s+a\s+result\s+of|thanks\s+to|in\s+order\s+to|so\s+as\s+to|"
                     r"so\s+that|in\s+response\s+to|caused\s+by|on\s+(?:[\w-]+\s+){0,3}grounds|"
                     r"out\s+of\s+(?:[\w-]+\s+){0,3}(?:considerations?|concerns?|fears?|respect)|"
                     r"for\s+(?:[\w-]+\s+){0,3}reasons?|to\s+(?:avoid|prevent|protect|ensure))\b", re.I)


def _in_the_form_asked(readout: ReadOut, least: float) -> list[tuple[Evidence, float]]:
    """The sentences read, best first, but of those that answer (the best one, and any scoring at least ``least``, the
    side threshold), the ones in the form the question asks for before the rest: asked why, a sentence that gives a
    reason ("... granted asylum on humanitarian grounds") before one that only restates what happened, if it says
    something of what the best sentence says of the subject (its ``relation_terms``); asked what someone said
    (``Question.speaker``), a sentence that gives them words (``_gives_words_to``) before one in which others speak
    about them. (No threshold beyond the side's.)"""
    question, scored = readout.question, list(readout.scored)
    if not scored:
        return scored
    if question.speaker:
        in_form = _quotes_the_speaker(readout)
    elif question.asks_reason:
        # what the question says of the subject ("intervene" of "Why did Russia not intervene?"): a reason in a
        # sentence that says none of it is the reason for something else, unless the best sentence says none of
        # it either; it need not say what the best one does ("the disappearance" of "Why did the plane disappear?"
        # against "The plane went off radar ...")
        asked = question.relation_terms
        said = asked & sentence_terms(question, scored[0][0].text)

        def in_form(item: Evidence) -> bool:
            return bool(_REASON.search(item.text)) and (not said or bool(asked & sentence_terms(question, item.text)))
    else:
        return scored
    first = [k for k, (item, score) in enumerate(scored) if (k == 0 or score >= least) and in_form(item)]
    chosen = set(first)
    return [scored[k] for k in first] + [pair for k, pair in enumerate(scored) if k not in chosen]


def _agreeing(readings: Sequence[Reading], group: Sequence[Reading],
              within: frozenset[tuple[str, str]]) -> list[Reading]:
    """The ``readings`` whose value is compatible with every value of ``group``: articles that read the same value
    too unsurely to stand as a side, which still count for it when the main side is chosen (three outlets that
    each name a person, each beside other names, outweigh one outlet's sure misreading)."""
    return [r for r in readings if _agrees(r.short.value, group, within)]


def _agrees(value: Value, group: Sequence[Reading], within: frozenset[tuple[str, str]]) -> bool:
    """Whether ``value`` is compatible with every value of ``group``."""
    return all(_compatible(value, other.short.value, within) for other in group)


def _vote(readings: Sequence[Reading], unsure: Sequence[Reading], group: Sequence[Reading],
          within: frozenset[tuple[str, str]]) -> float:
    """How strongly the articles read state a side's value: its ``support``, that of the ``unsure`` readings (no
    sides) that agree with it (``_agreeing``), and for every other article the chance that the value is what its
    answering sentence states (its ``Reading.alternatives`` that agree), weighed like ``support``. One outlet's
    sure reading of "Norland's former minister" does not outweigh three that each name the minister beside other
    names."""
    agreeing = _agreeing(unsure, group, within)
    counted = {r.doc_id for r in (*group, *agreeing)}
    elsewhere = sum(math.exp(min(r.score, 50.0)) * sum(a.probability for a in r.alternatives
                                                       if _agrees(a.value, group, within))
                    for r in readings if r.doc_id not in counted)
    return support(group) + support(agreeing) + elsewhere


def _seconding(unsure: Sequence[Reading], side: Sequence[Reading], within: frozenset[tuple[str, str]],
               thresholds: Thresholds) -> tuple[Reading, ...]:
    """The unsure readings cited with a side: those that agree with it (``_agreeing``) in a sentence that answers
    as a side's would, a name in no more words than one of the side's ("Assad" with "Bashar al-Assad", not
    "No1 Ashleigh Barty" with "Ashleigh Barty": an unsure span often takes in a word too many)."""
    words = [set(r.short.text.casefold().split()) for r in side]

    def no_more_words(reading: Reading) -> bool:
        if not isinstance(reading.short.value, (Name, Phrase)):
            return True
        return any(set(reading.short.text.casefold().split()) <= w for w in words)

    return tuple(r for r in _agreeing(unsure, side, within) if r.score >= thresholds.side and no_more_words(r))


def _compatible(a: Value, b: Value, within: frozenset[tuple[str, str]]) -> bool:
    return values_compatible(a, b) or _inside(a, b, within) or _inside(b, a, within)


def _group(readings: Sequence[Reading], within: frozenset[tuple[str, str]] = frozenset()) -> list[list[Reading]]:
    """Readings, best first, joined into groups whose values are all pairwise compatible (a place and the place
    the articles say it lies in are: "Moscow" and "Russia" after "Moscow, Russia")."""
    groups: list[list[Reading]] = []
    for reading in sorted(readings, key=lambda r: -r.score):
        for group in groups:
            if all(_compatible(reading.short.value, other.short.value, within) for other in group):
                group.append(reading)
                break
        else:
            groups.append([reading])
    return groups


_PLACE_IN_PLACE = re.compile(r"(?<![\w,] )\b([A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*)*), "
                             r"([A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*)*)(?![\w’'.-])(?!,? (?:and|or) )(?!, [A-Z])")


def places_within(readings: Sequence[Reading]) -> frozenset[tuple[str, str]]:
    """The (inner, outer) pairs of places read that an article writes as "Inner, Outer" ("Moscow, Russia –",
    "Tampa, Florida"), not in a list ("Iran, Russia and Turkey"): the collection's own word that one lies in the
    other, for there is no gazetteer."""
    names = {r.short.value.text for r in readings if isinstance(r.short.value, Name)}
    if len(names) < 2:
        return frozenset()
    found = set()
    for reading in readings:
        for item in (reading.sentence, *reading.read):
            for match in _PLACE_IN_PLACE.finditer(item.text):
                if match.group(1) in names and match.group(2) in names:
                    found.add((match.group(1), match.group(2)))
    return frozenset(found)


def _inside(a: Value, b: Value, within: frozenset[tuple[str, str]]) -> bool:
    return isinstance(a, Name) and isinstance(b, Name) and (a.text, b.text) in within


def representative(readings: Sequence[Reading], within: frozenset[tuple[str, str]] = frozenset(), *,
                   listed: bool = False, widest: bool = False) -> Value:
    """The value that speaks for a side: the most precise one (an exact figure over a hedged one, a full date over
    a month, a full name over the surname alone, a city over the country it lies in, or with ``widest``, asked for a
    country, the country; asked for several names, the list that writes the most of the side's names: "Russia and
    Iran" over "Russia"), then the one most of the side's articles write in the same words (three outlets' "Jane
    Doe" over one's "British actress Jane Doe"), then the best read."""
    values = [r.short.value for r in readings]
    words = Counter(r.short.text.casefold() for r in readings)
    names = {v.text for v in values if isinstance(v, Name)}

    def precision(reading: Reading) -> tuple:
        value = reading.short.value
        if isinstance(value, DateValue):
            return (value.is_exact, value.day is not None, value.month is not None, value.year is not None)
        if isinstance(value, Quantity):
            return (value.is_exact,)
        if listed and isinstance(value, Name):
            return (True, sum(1 for name in names if re.search(rf"\b{re.escape(name)}\b", value.text)))
        if widest:
            return (True, any(_inside(other, value, within) for other in values))
        return (True, any(_inside(value, other, within) for other in values),
                isinstance(value, Name) and any(_fuller(value.text, name) for name in names))

    return max(readings, key=lambda r: (precision(r), words[r.short.text.casefold()], r.score)).short.value


def _fuller(name: str, other: str) -> bool:
    """Whether ``name`` is ``other`` with given names or initials before it: "Maria K. Lindqvist" of
    "Lindqvist". Titles ("President", "Professor"), nationalities ("Swiss-born") and lists ("Alpha, Beta") are not
    given names."""
    if not name.endswith(" " + other):
        return False
    before = name[: -len(other)].split()
    return all(_GIVEN_NAME.fullmatch(w) and w.lower().rstrip(".") not in TITLES
               and not any(map(place_word, w.split("-"))) for w in before)


_GIVEN_NAME = re.compile(r"[A-Z][\w'’-]*|[A-Z]\.")  # a word or an initial; "Farmageddon," is a list's item


@dataclass(frozen=True)
class SubjectProfile:
    """What an article says where it names what the question is about (``subject_profiles``)."""

    terms: frozenset[str]
    sense: str | None = None  # what its encyclopedia-style title tells its subject from others by (``_sense``)
    lead: frozenset[str] = frozenset()  # the terms of its opening after such a title


# An encyclopedia's title tells its subject from others of the same name in brackets, and its text opens by naming
# it again: "Northgate Academy (Dunmore, Ontario) Northgate Academy is a public high school ...".
_DISAMBIGUATED_TITLE = re.compile(r"([A-Z][^()\n]{0,80}?)\s+\(([^()\n]{2,60})\)\s+")


def _sense(opening: str) -> tuple[str, str] | None:
    """The bracketed words of an article's opening title when its text names the title's subject right after them
    ("Dunmore, Ontario"), lower-cased, and the text after them; else the whole title of an encyclopedia's opening
    without brackets (``_title_sense``); None for any other opening, such as a news headline."""
    found = _DISAMBIGUATED_TITLE.match(opening)
    if found is None or found.group(1).split()[-1] not in opening[found.end():found.end() + 120]:
        return _title_sense(opening)
    return " ".join(found.group(2).lower().split()), opening[found.end():]


_TITLE_WORD = re.compile(r"[A-Z0-9][\w.'’-]*,?|(?:of|de|da|del|du|von|van|der|la|le|the|and|y|&),?")
_BRACKETS = re.compile(r"\s*\([^()]{0,80}\)")
_COPULA = frozenset({"is", "was", "are", "were"})
_TITLE_WORDS = 10  # at most as many words in a title, and in the name that opens the text after it


def _title_sense(opening: str) -> tuple[str, str] | None:
    """An encyclopedia page's title that tells its subject from others of one name by more words than the name
    ("Tarvik, Kessel County, Ontario Tarvik is a town in ...", "Ana Ruiz Marquez Ana Ruiz Marquez was a ..."):
    capitalised words (and a name's particles) up to where the title's first word opens the text again, with a name
    there that says what its subject is ("Tarvik is", "Ana Ruiz Marquez (1901-1980) was"); lower-cased, with the
    text after it. None for any other opening: a news headline has words in lower case, or its text does not open
    by naming its subject before "is" or "was"."""
    found = list(re.finditer(r"\S+", opening[:2000]))
    words = [m.group() for m in found]
    for k in range(1, min(len(words), _TITLE_WORDS + 1)):
        if not _title_word(words[k - 1]):
            return None
        if words[k].rstrip(",") != words[0].rstrip(","):
            continue
        rest = opening[found[k].start():]
        named = _BRACKETS.sub("", rest[:300]).split()[:_TITLE_WORDS + 1]
        name = list(itertools.takewhile(_title_word, named))
        if len(name) == len(named) or named[len(name)] not in _COPULA:
            return None
        return " ".join(w.rstrip(",").lower() for w in words[:k]), rest
    return None


def _title_word(word: str) -> bool:
    """A word of an encyclopedia's title: capitalised, a name's particle, or a noun in lower case ("Tarvik railway
    station"); never a verb ("Tarvik Mill Flooded Tarvik is ...": a headline in title case)."""
    bare = word.rstrip(",")
    if a_verb_form(bare.lower()):
        return False
    return bool(_TITLE_WORD.fullmatch(word)) or (bare.isalpha() and bare.islower() and bare not in STOPWORDS
                                                 and bool(noun_senses(bare)))


def subject_profiles(readout: ReadOut) -> dict[str, SubjectProfile]:
    """What each article says where it names what the question is about: the terms (the question's names left
    out) of its sentences the reader saw that hold one of the question's names, and its title's sense."""
    anchors = readout.question.anchors
    terms: dict[str, set[str]] = {}
    senses: dict[str, tuple[str, frozenset[str]]] = {}
    for item, _ in readout.scored:
        found = set(content_terms(item.text))
        if found & anchors:
            terms.setdefault(item.doc_id, set()).update(found - anchors)
        if item.position == 0 and (titled := _sense(item.text)) is not None:
            sense, opening = titled
            senses[item.doc_id] = sense, frozenset(content_terms(opening))
    return {doc_id: SubjectProfile(frozenset(terms.get(doc_id, ())), *senses.get(doc_id, (None, frozenset())))
            for doc_id in terms.keys() | senses.keys()}


# How alike (Jaccard of terms) two openings under titles of different senses must be for one to be a copy of the
# other: fitted by ``python -m bench.fit_reader --sweep-copy`` on the tune split of the development data (objective
# 0.9152 from 0.2 to 0.6, 0.9061 from 0.7; RAMDocs same-name false reports 0.094 at 0.2, 0.080 at 0.3, 0.067 from
# 0.4: the middle of the tied 0.4-0.6; held-out at 0.5: objective 0.8298, same-name false reports 0.072).
COPY_OVERLAP = 0.5


def _profile_overlap(p: SubjectProfile, q: SubjectProfile) -> float | None:
    """How much two articles say the same things about the question's subject: none when their titles tell two
    subjects of one name apart ("Tomas Berg (footballer, born 1991)", "... (footballer, born 1996)") unless one's
    opening copies the other's (``COPY_OVERLAP``: misinformation written over another's text), all when they give
    the same sense, else the overlap (Jaccard) of their terms; None when they cannot be compared."""
    if p.sense and q.sense:
        if p.sense == q.sense:
            return 1.0
        copied = bool(p.lead and q.lead) and len(p.lead & q.lead) / len(p.lead | q.lead) >= COPY_OVERLAP
        return float(copied)  # a copy of one article under another title is about the same thing
    if p.terms and q.terms:
        return len(p.terms & q.terms) / len(p.terms | q.terms)
    return None


def subject_overlap(a: Sequence[Reading], b: Sequence[Reading], profiles: dict[str, SubjectProfile]) -> float:
    """How much two sides' articles say the same things about the question's subject: the highest overlap of their
    profiles over pairs of articles (``_profile_overlap``); 1.0 when no pair can be compared (nothing says they
    differ)."""
    pairs = [(profiles.get(x.doc_id), profiles.get(y.doc_id)) for x in a for y in b]
    overlaps = [o for p, q in pairs if p and q and (o := _profile_overlap(p, q)) is not None]
    return max(overlaps) if overlaps else 1.0

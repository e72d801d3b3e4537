"""What a question asks for: the kind of value that answers it, its head noun, its search terms and its anchors.

Pure and rule-based (word lists in ``index.vocab.questions``): "How long did X rule?" asks for a duration,
"Which company bought Y?" for an organisation, "Why ...?" for an explanation, "Did ...?" for yes or no.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from index.vocab import (ACCOUNT_VERBS, AUXILIARIES, CHANGE_VERBS, CURRENT_WORDS, DEMONYM_PLACES, DESTINATION_WORDS,
                         DURATION_UNITS, EVENT_DATE_NOUNS, HOW_WORDS, KIN_NOUNS, LEADING_VERBS, LEAVING_WORDS,
                         MEASURE_NOUNS, MONEY_NOUNS, MONEY_VERBS, MONTH_WORDS, MOVING_WORDS, NAME_FIRST_WORD,
                         NAME_NEXT_WORD, NAME_PARTICLES, NOUN_ARTIFACT, NOUN_LOCATION, NOUN_OBJECT, NOUN_PERSON,
                         NUMBER_WORDS, ORDINAL_WORDS, ORGANISATION_NOUNS, PERSON_NOUNS, PERSON_TITLES, PLACE_NOUNS,
                         QUESTION_WORDS, ROLE_NOUNS, SHARE_NOUNS, SOURCE_VERBS, SPEECH_VERBS, STOPWORDS, TIME_NOUNS,
                         UNITS, WORK_NOUNS, YEAR_DIGITS, base_forms, content_terms, first_noun_class, is_inflected_verb,
                         is_irregular_past, noun_senses, only_an_adjective, split_sentences, stem, tokenize, word_parts)
from qa.spans import posts
from qa.values import CURRENCY_WORDS, LENGTH_UNITS, SPEED_UNITS, TEMPERATURE_UNITS, WEIGHT_UNITS, unit_named

__all__ = ["Kind", "Question", "ReportAsked", "YEAR_WRITTEN", "PARTITIVE", "numbered", "read_question", "search_text",
           "singular", "without_source"]


class Kind(StrEnum):
    """The kind of value a question asks for."""

    DATE = "date"
    DURATION = "duration"
    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"
    PERSON = "person"
    PLACE = "place"
    ORGANISATION = "organisation"
    WORK = "work"
    ENTITY = "entity"        # a name or a noun phrase of another kind ("which sport", "what genre")
    YES_NO = "yes_no"
    EXPLANATION = "explanation"  # why / how / what did X say: answered by sentences, not by a value


VALUE_KINDS = frozenset(Kind) - {Kind.YES_NO, Kind.EXPLANATION}


@dataclass(frozen=True)
class ReportAsked:
    """Which of several reports of one story a question asks about, as it describes it: the names the report cites
    or quotes ("the report quoting Mayor Rocha" -> "Rocha"; "the Reuters-based story" -> "Reuters") and the place it
    was datelined ("the Lyon-datelined article" -> "Lyon")."""

    cites: tuple[str, ...] = ()
    datelined: str | None = None


@dataclass(frozen=True)
class Question:
    """A question as the reader uses it."""

    text: str
    kind: Kind
    head: str | None = None        # the noun of "which X" / "what is the X of": "company", "sport", "director"
    year_only: bool = False        # "in what year"
    terms: tuple[str, ...] = ()    # search terms (stems), distinct, in order
    anchors: frozenset[str] = frozenset()  # stems of the names and numbers it names: what an answer must be about
    qualifiers: frozenset[str] = frozenset()  # anchors that qualify the noun asked ("US" in "which US politician")
    words: frozenset[str] = frozenset()    # stems of all its words: a span made only of these repeats the question
    unit: str | None = None        # the unit "how many" counts in, normalised: "years" ("how many decades" too)
    whereabouts: bool = False      # "Where did X go?", "Where is X?": where X went or is, not a place X left
    destination: bool = False      # "Where did X flee to?", "Which city did X reach?": asked by a verb of going
                                   # (not "At which airport did X land?", which asks for a place of a kind)
    asks_origin: bool = False      # "Where did X come from?", "Which country did X flee?": the place left
    modifiers: frozenset[str] = frozenset()  # anchors used as adjectives: "syrian" in "the Syrian opposition"
    asks_object: bool = False      # "Who did X meet?", "Who was Iran at war with?": not the sentence's subject
    asks_current: bool = False     # "Who is the new president?": not whoever an article calls the former one
    relatives: frozenset[str] = frozenset()  # family relations it asks about: "wife" in "Who is the mayor's wife?"
    speaker: frozenset[str] = frozenset()  # who it asks what they said: "assad" in "What did Assad say?"
    post_of: frozenset[str] = frozenset()  # the places the noun asked is of: "russian" of "the Russian president"
    according_to: str | None = None  # the outlet whose report it asks: "according to Reuters", "the Reuters report"
    subject_terms: frozenset[str] = frozenset()  # stems of a subject in common nouns: "civil", "war" of "When did
                                                 # the civil war begin?": what an answer must be about, as anchors
    doer_verb: str | None = None  # "seized" of "Who seized the capital?", "won" of "Which film won the award?": it
                                  # asks who or which did it, in the active voice
    object_slot: tuple[str, str] | None = None  # ("engage", "with") of "Who did the Kremlin engage with?": the
                                                # word and preposition an answer asked as an object follows
    asks_name: bool = False       # "What is the name of the base?": a proper name answers, no common noun
    quoted: frozenset[str] = frozenset()  # stems of the words it quotes as someone's: "purifi" of 'Who said Syria
                                          # was "being purified"?' (none of a quoted title or of its names)
    spelled_out: str | None = None  # "hts" of "What does HTS stand for?": the letters whose words are asked
    measure_words: tuple[str, ...] = ()  # "weighs", "weight" of "How heavy is it?": what states the measure asked
    report: ReportAsked | None = None  # the one report of several it asks about: "the Lyon-datelined story"

    @property
    def plural(self) -> bool:
        """Whether it asks for several names ("Which countries ...?", "Who were the members of ...?"): the answer
        is a list, and articles that list different members need not disagree."""
        return bool(self.head) and _is_plural(self.head) and self.kind in _LISTED_KINDS

    @property
    def asks_source(self) -> bool:
        """Whether it asks who reported or said something ("Which news agency reported the arrival?", ``SOURCE_VERBS``):
        several may each have, so articles that name different sources need not disagree."""
        return self.kind in (Kind.PERSON, Kind.ORGANISATION) and not self.words.isdisjoint(_SOURCE_STEMS)

    @property
    def asks_speaker(self) -> bool:
        """Whether it asks who said something ("Who described the talks as a new chapter?", ``SPEECH_VERBS``), not
        whom ("Who did the minister call a traitor?"): the speaker, whom no words they are quoted as saying name."""
        return self.kind in (Kind.PERSON, Kind.ORGANISATION) and not self.asks_object \
            and not self.words.isdisjoint(_SPEECH_STEMS)

    @property
    def asks_reason(self) -> bool:
        """Whether it asks why ("Why was the match postponed?", "For what reason ...?"): answered by a sentence that
        gives a reason."""
        return self.kind == Kind.EXPLANATION and bool(_WHY_ASKED.search(self.text))

    @property
    def asks_sort(self) -> bool:
        """Whether it asks what sort of thing something was ("What kind of asylum ...?", "Which type of missile
        ...?"): answered by the words a sentence writes before its head noun ("political asylum")."""
        return self.kind == Kind.ENTITY and bool(self.head) and bool(_CLASS_OF.search(self.text))

    @property
    def asks_clock(self) -> bool:
        """Whether it asks for a time of day ("At what time did the alarm sound?", "What time did the ferry leave?"),
        answered by a time ("7:40 a.m."), not by a date."""
        return self.kind == Kind.DATE and bool(_CLOCK_ASKED.search(self.text))

    @property
    def asks_weekday(self) -> bool:
        """Whether it asks for a day of the week ("On what day of the week did the fire start?"), answered by a date
        that names one ("on Sunday", "Friday, June 13"), not by a bare date."""
        return self.kind == Kind.DATE and bool(_WEEKDAY_ASKED.search(self.text))

    @property
    def asks_future(self) -> bool:
        """Whether it asks when something will happen ("When will the stand reopen?", "When is the line expected to
        reopen?"): a date before the report was written does not answer it."""
        return self.kind == Kind.DATE and bool(_FUTURE_ASKED.search(self.text))

    @property
    def asks_day(self) -> bool:
        """Whether it asks on what day or date something happened ("On what day did the bridge fall?", "What date
        was the vote?"): answered by a date that names its day or weekday, not by a month or a year alone."""
        return self.kind == Kind.DATE and bool(_DAY_ASKED.search(self.text))

    @property
    def measure_asked(self) -> frozenset[str]:
        """The units of the measure it asks for by "how" and an adjective, or by the measure's noun (``_measure``):
        a length asked how high, tall, far, deep, wide or long something is ("How high did the ash column rise?",
        "How long is the bridge?", not "How long did the strike last?") or what its length, height, depth, width
        or distance is, a weight how heavy, a speed how fast, a temperature how hot or cold. Answered by a quantity
        in one of them ("about six kilometres"), not by a count of things; empty for other questions."""
        return _measure(self.text, self.kind, self.head)[0]

    @property
    def asks_distance(self) -> bool:
        """Whether the measure it asks for is a distance ("How far is the port?", "What distance did they row?"):
        then "30 kilometres away" states one, which is no thing's length."""
        return _measure_how(self.text, self.kind, self.head) == "far"

    @property
    def asks_score(self) -> bool:
        """Whether it asks for a score or a tally of votes ("By what score did the team win?", "By how many votes to
        how many was the plan approved?", "What was the vote count?"): answered by two numbers joined ("3-1", "31 to
        14"), not by either."""
        return self.kind == Kind.COUNT and (self.head in _SCORE_NOUNS or bool(_VOTES_TO.search(self.text))
                                            or bool(_VOTE_COUNT.search(self.text)))

    @property
    def asks_age(self) -> bool:
        """Whether it asks how old someone or something is ("How old is she?", "At what age did he ...?"): answered
        by a number written as an age, not by any count."""
        return self.kind == Kind.COUNT and bool(_AGE_ASKED.search(self.text))

    @property
    def asks_part(self) -> bool:
        """Whether it asks how many of a group did something ("How many of the passengers were hurt?"): answered by
        the count of the part, not of the whole group ("14" of "Of the 120 passengers, 14 were hurt")."""
        return self.kind == Kind.COUNT and bool(_HOW_MANY_OF.search(self.text))

    @property
    def year_named(self) -> str | None:
        """The one year it names, when it names one ("Who won Wimbledon in 2019?", "the 2017 French election"): the
        edition or time it asks about, which an article about another year's does not answer."""
        years = set(YEAR_WRITTEN.findall(self.text))
        return years.pop() if len(years) == 1 else None

    @property
    def numbered_named(self) -> tuple[str, str] | None:
        """The one numbered thing it names, when it names one ("When was Pixel 6 announced?", "When does season 4
        of The Crown premiere?"; ``numbered``): the model, season or sequel it asks about, which an article about
        another number of it does not answer."""
        named = numbered(self.text)
        return named.pop() if len(named) == 1 else None

    @property
    def asks_value(self) -> bool:
        return self.kind in VALUE_KINDS

    @property
    def relation_terms(self) -> frozenset[str]:
        """Its terms that are none of its names: what it says of its subject ("resign" of "Did Assad resign?")."""
        return frozenset(self.terms) - self.anchors


_SOURCE_STEMS = frozenset(stem(w) for w in SOURCE_VERBS)
_SPEECH_STEMS = frozenset(stem(w) for w in SPEECH_VERBS)
_HOW = re.compile(r"\bhow\s+(" + "|".join(HOW_WORDS) + r")\b", re.I)
# "On what date ...?", "Which year ...?": the time noun says what kind of answer is asked and is none of its terms
# (an article gives the date without the word).
_TIME_ASKED = re.compile(r"\b(?:what|which)\s+(" + "|".join(TIME_NOUNS) + r")\b", re.I)
_WHEN = re.compile(r"\bwhen\b|" + _TIME_ASKED.pattern, re.I)
YEAR_WRITTEN = re.compile(rf"(?<![\w.,-])({YEAR_DIGITS})(?![\w-]|[.,]\d)")  # "2019", "in 1998," not "2019-20"
# A name or a part of a series and its number: "Pixel 6", "Diablo 3", "season 4", "Episode 2" (not a year, a unit,
# nor a figure with decimals), or its ordinal: "the 92nd Academy Awards", "the fourth season", "Season Four"; the
# word is read case-folded.
_PARTS = r"(?i:season|series|episode|part|volume|chapter|stage|round|phase|game)"
_COUNTED = "|".join(w for w, n in NUMBER_WORDS.items() if 1 <= n <= 20)
_ORDINALS = "|".join(ORDINAL_WORDS)
_NUMBERED = re.compile(r"\b(?:([A-Z][\w'’-]*|" + _PARTS + r")\s+(\d{1,3})(?![\w.,:/%-]|\s*(?:[%$]|percent|per\b))"
                       r"|(" + _PARTS + r")\s+(?i:(" + _COUNTED + r"))\b"
                       r"|(\d{1,3})(?:st|nd|rd|th)\s+([A-Z][\w'’-]*|" + _PARTS + r")"
                       r"|(?i:(" + _ORDINALS + r"))\s+(" + _PARTS + r")\b)")


def numbered(text: str) -> set[tuple[str, str]]:
    """The (word, number) pairs a text writes for a numbered name or part: {("pixel", "6")} of "the Pixel 6 Pro",
    {("season", "4")} of "season 4", "Season Four" and "the fourth season"."""
    found = set()
    for word, number, part, counted, ordinal, ordered, named, nth in _NUMBERED.findall(text):
        if word or part:
            found.add((word or part, number or str(NUMBER_WORDS[counted.lower()])))
        else:
            found.add((ordered or nth, ordinal or str(ORDINAL_WORDS[named.lower()])))
    return {(word.lower(), number) for word, number in found
            if word.lower() not in STOPWORDS and word.lower() not in MONTH_WORDS}


_YEAR_ONLY = re.compile(r"\b(?:what|which)\s+year\b", re.I)
_WHY_ASKED = re.compile(r"\bwhy\b|\bfor what reasons?\b|\bon what (?:grounds?|basis|bases)\b|\bhow\b.+\bexplain\b"
                        r"|^\s*(?:what|which)\s+(?:(?:is|was|were|are)\s+the\s+)?(?:main\s+)?(?:reasons?|motives?)\b",
                        re.I)
_WHY = re.compile(_WHY_ASKED.pattern + r"|^\s*how\b", re.I)  # a "How ...?" opening asks for an explanation too
_CLOCK_ASKED = re.compile(r"\b(?:what|which)\s+time\b(?!\s+of\s+(?:the\s+)?(?:year|month|season))|\btime\s+of\s+day\b|"
                          r"\b(?:what|which)\s+hour\b", re.I)
_WEEKDAY_ASKED = re.compile(r"\bday\s+of\s+the\s+week\b|\b(?:what|which)\s+weekday\b", re.I)
# "How long did the strike last?", "How long will the repairs take?": the verb says a duration is asked, as "long"
# does, and is none of the terms (an article writes "a three-week strike", not what it lasted).
_LASTED = re.compile(r"\bhow\s+long\b.*?\b(?:(last(?:ed)?)(?:\s+for)?\s*(?:\?|$)|(take|took|taken)\b)", re.I)
# An approximation asked for: "Roughly how many people came?", "For about how long ...?" (the figure may be exact).
_HEDGED = re.compile(r"\b(roughly|approximately|about|around|nearly|almost|circa)\s+(?=(?:how|what|when)\b)", re.I)
_SCORE_NOUNS = frozenset({"score", "scoreline", "tally"})
_VOTE_COUNT = re.compile(r"\bvote\s+count\b|\bcount\s+of\s+(?:the\s+)?votes\b", re.I)
_VOTES_TO = re.compile(r"\bhow\s+many\s+(?:votes\s+)?to\s+how\s+many\b", re.I)
# "When will ...?", "What date will ...?", "When is the line expected to reopen?", "When does the sale start?" is
# not future: a present tense states what is, or a schedule.
_FUTURE_ASKED = re.compile(r"\b(?:when|what\s+(?:date|day|year|month)|which\s+(?:date|day|year|month))\s+(?:will|would|"
                           r"(?:is|are)\s+(?:[\w'’-]+\s+){1,5}(?:expected|due|set|scheduled|likely|planned)\s+to)\b",
                           re.I)
_DAY_ASKED = re.compile(r"\b(?:what|which)\s+(?:day|date)\b", re.I)
# The measures "how" and an adjective ask for: their units, and the words a sentence that states one uses instead of
# the adjective ("weighs 6.5 kilograms" answers "How heavy is it?", "a height of 52 metres" "How tall is it?"; none
# for "long", read as a count only of a thing, _how_kind).
_MEASURE_HOW = {
    "high": (LENGTH_UNITS, ("height",)), "tall": (LENGTH_UNITS, ("height",)), "far": (LENGTH_UNITS, ("distance",)),
    "deep": (LENGTH_UNITS, ("depth",)), "wide": (LENGTH_UNITS, ("width",)), "long": (LENGTH_UNITS, ()),
    "heavy": (WEIGHT_UNITS, ("weighs", "weight")), "fast": (SPEED_UNITS, ("speed",)),
    "hot": (TEMPERATURE_UNITS, ("temperature",)), "cold": (TEMPERATURE_UNITS, ("temperature",)),
    "warm": (TEMPERATURE_UNITS, ("temperature",))}
_NO_MEASURE: tuple[frozenset[str], tuple[str, ...]] = (frozenset(), ())
_WEIGHED = re.compile(r"\bhow\s+much\b.*\bweigh(?:s|ed)?\b", re.I)
# The nouns of a measure, by the adjective that asks for it: "What is the length of the runway?" asks as "How long is
# the runway?" does ("size", "capacity" or "output" name no one kind of measure).
_MEASURE_NOUN_HOW = {"length": "long", "height": "high", "altitude": "high", "elevation": "high", "depth": "deep",
                     "width": "wide", "distance": "far", "weight": "heavy", "speed": "fast", "temperature": "hot"}


def _measure_how(sentence: str, kind: "Kind", head: str | None) -> str | None:
    """The adjective of the measure a question asks for, by "how" and an adjective or by the measure's noun
    (``_MEASURE_HOW``, ``_MEASURE_NOUN_HOW``: "far" for "What distance ...?"); None for other questions."""
    if kind != Kind.COUNT:
        return None
    if head in _MEASURE_NOUN_HOW:
        return _MEASURE_NOUN_HOW[head]
    if _WEIGHED.search(sentence):
        return "heavy"  # "How much does the bell weigh?" asks as "How heavy is the bell?" does
    how = _HOW.search(sentence)
    return how.group(1).lower() if how and how.group(1).lower() in _MEASURE_HOW else None


def _measure(sentence: str, kind: "Kind", head: str | None) -> tuple[frozenset[str], tuple[str, ...]]:
    """The units and the words of the measure a question asks for (``_measure_how``); none for other questions."""
    return _MEASURE_HOW.get(_measure_how(sentence, kind, head), _NO_MEASURE)


def search_text(text: str) -> str:
    """The words to search the articles for: the question's, and the words of the measure it asks for by an
    adjective (``Question.measure_words``: "How heavy is the bell?" searches for "weighs" and "weight" too)."""
    extra = read_question(text).measure_words
    return f"{text} {' '.join(extra)}" if extra else text


_AGE_ASKED = re.compile(r"\bhow\s+old\b|\b(?:what|which)\s+age\b", re.I)
_WHO = re.compile(r"\b(?:who|whom|whose)\b", re.I)
# "Who is the ...", "Who will be Syria's next ...": a copula, then a determiner or a possessor.
_WHO_IS = r"\bwho\s+(?:is|was|are|were|(?:will|would|could|might|may)\s+(?:be|become)|(?:has|have|had)\s+been|became" \
          r"|becomes|is\s+going\s+to\s+be(?:come)?)\s+" \
          r"(?:the|a|an|(?:(?-i:[A-Z])[\w-]*\s+){0,3}[\w-]+[’']s)\s+"
# "Who is Rita Vale?", "Who was Abu Mohammed al-Jolani?": a name and nothing else, which asks who the person is.
_WHO_IS_NAMED = re.compile(r"^\s*(?i:who\s+(?:is|was|are|were))\s+" + NAME_FIRST_WORD + "(?:" + NAME_NEXT_WORD
                           + r")*\s*[?.!]*\s*$")
_WHO_HEAD = re.compile(_WHO_IS + r"(?:[a-z-]+\s+)?([a-z-]+)\s+(?:of|for|in|at|behind|to|on)\b", re.I)
# "Who is the Syrian prime minister (overseeing the buildings)?": a title last, or before a participle's clause
_WHO_TITLE = re.compile(_WHO_IS + r"(?:[\w’'.-]+\s+){0,3}?([a-z-]+)(?:\s+(?:[a-z]+(?:ing|ed)|seen|shown|held|"
                        r"known|taken|given|born)\b[^?]*)?\s*[?.!]?\s*$", re.I)
_WHO_SPEAKS_FOR = re.compile(r"^\W*who\s+(?:spoke|speaks|talked|talks)\s+(?:on\s+behalf\s+of|for)\s+", re.I)
# The posts the phrases name: "Which head of government ...?" asks for a prime minister, as articles call one.
_HEADS_OF = {"government": "prime minister", "state": "president"}
_HEAD_OF = re.compile(r"\bhead\s+of\s+(government|state)\b", re.I)
_WHO_IN_CHARGE = re.compile(r"^\W*who\s+(?:is|was|were|are|has\s+been|had\s+been)\s+(?:(?:currently|now)\s+)?"
                            r"in\s+(?:overall\s+)?(?:charge|command)\s+of\s+", re.I)
_WHO_LEADS = re.compile(r"^\W*who\s+(?:(?:currently|now)\s+)?(" + "|".join(LEADING_VERBS) + r")\s+(?!up\b)", re.I)
_WHICH = re.compile(r"\b(?:what|which)\s+(?:(?:is|was|are|were)\s+(?:the|a|an|its|their|his|her)\s+)?"
                    r"((?:[a-z'’-]+\s+){0,3}[a-z'’-]+)", re.I)
# "What is Rita Vale's profession?" asks for a profession: the noun after a named possessor, whose words are
# capitalised but for the particles of a name ("Bashar al-Assad's", "Ludwig van Beethoven's").
_POSSESSED = re.compile(r"\b(?:[Ww]hat|[Ww]hich)\s+(?:is|was|are|were)\s+(?:the\s+)?" + NAME_FIRST_WORD
                        + "(?:" + NAME_NEXT_WORD + r"){0,4}['’]s?\s+((?:[a-z'’-]+\s+){0,3}[a-z'’-]+)")
_WHOSE = re.compile(r"\b(?:what|which)\s+((?:[a-z-]+\s+){0,2}?[a-z-]+)['’]s?\s", re.I)
_WILL_BE = re.compile(r"\b(?:what|which)\s+(?:will|would|could|might|may|can|should|must)\s+(?:the|a|an|its|their|his|"
                      r"her)\s+((?:[a-z'’-]+\s+){0,2}?[a-z'’-]+)\s+be\b", re.I)
_OF_HEAD = re.compile(r"\b(?:what|which)\s+(?:is|was|are|were)\s+(?:the\s+|a\s+|an\s+)?([a-z-]+)(?:\s+([a-z-]+))?"
                      r"\s+(?:of|for|in|behind)\b", re.I)
_SAYS = re.compile(r"\bwhat\b.*\b(?:" + "|".join(sorted(ACCOUNT_VERBS)) + r")\b", re.I)
_DOING = re.compile(r"\bwhat\b.*\bdoing\b", re.I)
# A time a race or a task took, not a time of day: "What was her winning time?", "his finishing time".
_ELAPSED_TIME = re.compile(r"\b(?:winning|finishing|race|record|lap|running|qualifying|best|completion)\s+times?\b",
                           re.I)
# "What jail term was sought?", "Which prison sentence did she get?": a time served, as "how long" asks for one (a bare
# "sentence" or "punishment" may be a fine).
_TIME_SERVED = re.compile(r"\b(?:what|which)\s+(?:[\w-]+\s+)?(?:jail|prison|custodial)\s+(?:term|sentence)s?\b", re.I)
# "What time did she swim?": a time that racing takes, not a time of day (unlike "What time did the train leave?").
# The verb ends the question or takes its object or place: "What time did the fun run start?" asks a time of day.
_RACED_IN = re.compile(r"\bwhat\s+time\s+(?:did|does|do|will|would)\s+(?:[\w’'-]+\s+){1,6}?"
                       r"(?:swim|run|clock|sprint|skate|row|cycle|ski)(?=\s*(?:\?|$)|\s+(?:in|at|on|for|over|the|a|an|"
                       r"her|his|their|its)\b)", re.I)
_WORTH = re.compile(r"\bwhat\s+(?:is|was|are|were|will)\b.*\bworth\b", re.I)  # "What is the offer worth?": money
# "What did the operation cost?", "What did the painting fetch?": "what" is the amount a verb of money takes as its
# object (not "What did they pay for?", nor "What will the fund spend on?").
_WHAT_AMOUNT = re.compile(r"\bwhat\s+(?:did|does|do|will|would|could|might|has|have|had)\s+(?:[\w’'-]+\s+){1,8}?"
                          r"(?:cost|fetch|earn|spend|owe)(?:\s+(?!(?:for|on|to|with|in|by|from)\b)"
                          r"[\w’'-]+){0,3}\s*[?.!]*\s*$", re.I)
# "What happened in ...?", "What was said about ...?": a past form right after "what" (a present one may be a
# noun: "what means of transport", "what order"), then no noun ("what reported deaths" asks for deaths).
_WHAT_VERB = re.compile(r"\bwhat\s+(?:(?:is|was|were|has|had|have)\s+(?:been\s+)?)?(?:" + "|".join(
    sorted(w for w in ACCOUNT_VERBS if w.endswith("ed") or w in ("said", "meant"))) + r")\b(?:\s+([a-z'’-]+))?", re.I)
# "Which two countries ...?": how many names are asked for, which no sentence that names them says.
_HOW_MANY_NAMED = re.compile(r"\b(?:which|what)\s+(" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")\s+[a-z]",
                             re.I)
# "How many of the divers ...", "eleven of the fish": a partitive before the noun counted.
PARTITIVE = r"of\s+(?:the|its|their|these|those|his|her|our)\b"
_HOW_MANY = re.compile(r"\bhow\s+many\s+(?:" + PARTITIVE + r"\s+)?([a-z]+)", re.I)
_HOW_MANY_OF = re.compile(r"\bhow\s+many\s+" + PARTITIVE, re.I)
_LISTED_KINDS = frozenset({Kind.PERSON, Kind.PLACE, Kind.ORGANISATION, Kind.WORK, Kind.ENTITY})
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "this", "these", "those"})
_COPULAS = frozenset({"is", "was", "are", "were"})
# A question for a kind of something ("what kind of asylum", "the type of vehicle") has that something as its head.
_CLASS_OF = re.compile(r"\b(what|which|the|a|an)\s+(?:kind|type|sort|form|variety|category)s?\s+of\s+"
                       r"(?:the\s+|a\s+|an\s+)?", re.I)
# "Which piece of kit ...?" asks for a kit, as "Which body of water ...?" asks for water, not for a body.
_PART_OF = re.compile(r"\b(what|which)\s+(?:piece|body|item|bit)s?\s+of\s+", re.I)
# "The name of the mosque" asks for the mosque's name: "name" frames the question and is none of its terms (an
# article names the mosque without the word). "The courtesy name of" asks for a kind of name, in which "name" counts.
_NAME_OF = re.compile(r"\b(?:the|its|his|her|their)\s+(?:brand\s+|full\s+|official\s+)?names?\s+of\b", re.I)
# A question word with "is" contracted: "What's", "Who’s", "Where's".
_CONTRACTED = re.compile(r"\b(what|who|where|when|which|how|why)[’']s\b", re.I)
# "What is the stolen manuscript called?", "What was the operation known as?" ask for its name as "What is the name
# of ...?" does, and "called" frames the question: an article names the manuscript without the word.
_CALLED = re.compile(r"^\s*what\s+(?:is|was|are|were|will)\s+(?:the|this|that|its|his|her|their)\s+[^?]*?\s+(?:be\s+)?"
                     r"(called|named|known\s+as|nicknamed|dubbed)\s*\??\s*$", re.I)
# "What do the articles say about ...?", "Who is quoted in these stories?": the collection asked about is no term
# (an article does not call itself one). A report or a source may be one the articles tell of ("the UN report").
_ARTICLE_WORDS = frozenset({"article", "articles", "story", "stories", "text", "texts", "document", "documents",
                            "coverage"})
_COLLECTION = re.compile(r"\b(?:the|these|those|this|your)\s+(?:news\s+)?("
                         + "|".join(sorted(_ARTICLE_WORDS, key=len, reverse=True)) + r")\b", re.I)
_KNOWN_HEADS = PERSON_NOUNS | PLACE_NOUNS | ORGANISATION_NOUNS | WORK_NOUNS | TIME_NOUNS | MEASURE_NOUNS | ROLE_NOUNS
# Someone's relative: "the mayor's wife", "her late father", "the son of the founder".
_KIN = "|".join(sorted(KIN_NOUNS, key=len, reverse=True))
_RELATIVE = re.compile(r"(?:[’']s?|\b(?:his|her|their|its))\s+(?:[a-z-]+\s+)?(" + _KIN + r")\b|\b(" + _KIN
                       + r")\s+of\b", re.I)


# "what they used to be": a past habit, no act of using (the passive "What was the grant used to build?" is one)
_USED_TO = re.compile(r"^(?!.*\b(?:is|are|was|were|be|been|being)\b.*\bused\s+to\b).*\bused\s+to\s+[a-z]+\b",
                      re.I | re.S)


@lru_cache(maxsize=1024)
def read_question(text: str) -> Question:
    """Analyse a (standalone) question; the last sentence decides the kind when there are several (split as
    articles are: "John H. Williams" and "the U.S. envoy" end none). Cached: an ask reads its question for the
    search words (``search_text``) and again to answer, and a ``Question`` is frozen."""
    asked = _CONTRACTED.sub(r"\1 is", text.strip())  # "What's the name of ...?" asks as "What is ...?" does
    asked = _TRUTH_ASKED.sub("Did ", asked)  # "Is it true that X?" asks whether X, as "Did X?" does
    asked, report = _describing_the_report(asked)  # "How does the Lyon-datelined story describe it?": which one
    asked = _WHO_SERVES.sub(_serves_as_is, asked)  # "Who was serving as prime minister?": who was it
    # "Who heads the group?" asks who is its leader, whom articles name by the post ("the group's leader, X") as
    # often as by the verb, which stays one of its terms
    stripped = _WHO_LEADS.sub(lambda m: f"Who is the {LEADING_VERBS[m.group(1).lower()]} of ", asked)
    stripped = _WHO_SPEAKS_FOR.sub("Who is the spokesperson of ", stripped)  # "Who spoke on behalf of the bank?"
    stripped = _WHO_IN_CHARGE.sub("Who is the leader of ", stripped)  # "Who was in charge of the team?"
    stripped = _HEAD_OF.sub(lambda m: _HEADS_OF[m.group(1).lower()], stripped)  # "head of government"
    sentences = split_sentences(stripped)
    whole = stripped[slice(*sentences[-1])] if sentences else ""
    last = _NAME_THE.sub(r"\1Which ", _LEADING_SOURCE.sub("", whole))
    source = _SOURCE_CLAUSE.search(last)  # inside the question: a leading "According to X," may be the outlet
    kind, head, year_only = _classify(last)
    stands_for = _STANDS_FOR.search(last)
    if stands_for:
        kind, head = Kind.ENTITY, None  # the words, a name, not an account of them
    tokens = tokenize(stripped)
    words = [t for t in tokens if t.is_word]
    anchors = frozenset(
        stem(part) for k, t in enumerate(words) for part in word_parts(t.text)
        if (part[:1].isupper() and (k > 0 or part.isupper()) or part[:1].isdigit())
        and part.lower() not in STOPWORDS and part.lower() not in QUESTION_WORDS)
    origin = kind == Kind.PLACE and _asks_origin(last)
    going = kind == Kind.PLACE and not origin and _asks_destination(last)
    asks_object = _asks_object(last)
    called = _CALLED.search(last)
    asks_name = bool(_NAME_OF.search(last) or called)
    framing = {stem("name")} if asks_name else set()
    framing |= {stem(w.lower()) for w in called.group(1).split()} if called else set()
    framing |= {stem(m.group(1).lower()) for m in _TIME_ASKED.finditer(last)}
    framing |= {stem("week"), stem("weekday")} if _WEEKDAY_ASKED.search(last) else set()  # "day of the week"
    framing |= {stem(m.group(1).lower()) for m in _HEDGED.finditer(last)}  # "roughly" of "roughly how many"
    framing |= {stem(w.lower()) for m in _LASTED.finditer(last) for w in m.groups() if w}  # "last" of "how long"
    framing |= {stem("used")} if _USED_TO.search(last) else set()
    framing |= {stem(m.group(1).lower()) for m in _COLLECTION.finditer(stripped)}
    framing |= {stem(m.group(1).lower()) for m in _HOW.finditer(stripped)}  # "many" of "how many": what kind is asked
    framing |= {stem(m.group(1).lower()) for m in _HOW_MANY_NAMED.finditer(stripped)}  # "two" of "which two countries"
    framing |= {stem(w) for w in (*stands_for.group(1, 3), "stand") if w} if stands_for else set()
    said = {w.lower() for w in word_parts(last)}
    measured = tuple(w for w in _measure(last, kind, head)[1] if w not in said)  # "weight" of "What is its weight?"
    return Question(
        text=text, kind=kind, head=head, year_only=year_only, qualifiers=_qualifiers(last, head) & anchors,
        terms=tuple(dict.fromkeys(t for t in (*content_terms(stripped), *content_terms(asked),
                                              *content_terms(" ".join(measured)))
                                if t not in QUESTION_WORDS and t not in framing)),
        anchors=anchors, words=frozenset(stem(part) for t in words for part in word_parts(t.text)),
        unit=_unit_asked(last), whereabouts=kind == Kind.PLACE and not origin and _asks_whereabouts(last, going),
        destination=going and (head is None or head in _GOAL_NOUNS),
        asks_origin=origin,
        modifiers=_modifiers(stripped) & anchors, asks_object=asks_object,
        asks_current=bool(head) and _asks_current(last, head),
        relatives=frozenset((m.group(1) or m.group(2)).lower() for m in _RELATIVE.finditer(last)),
        post_of=_post_of(last, head), according_to=_according_to(last),
        speaker=_speaker(last) or (_speaker_of(source.group(1).split()) if source else frozenset()),
        subject_terms=_subject_terms(last) - anchors, doer_verb=_doer_verb(last, kind, head),
        object_slot=_object_slot(last, kind, asks_object), asks_name=asks_name,
        quoted=_quoted_words(text), spelled_out=stands_for.group(2).lower() if stands_for else None, report=report,
        measure_words=measured)


# "What does HTS stand for?", "What do the initials UNHCR stand for?": the words whose initials the letters are,
# which an article writes beside them ("Hayat Tahrir al-Sham (HTS)"); how the letters are called is no term. Letters
# in capitals only: "What does Apple stand for?" asks what it believes in.
_STANDS_FOR = re.compile(r"\bwhat\s+(?:does|did|do)\s+(?:the\s+)?(?:(abbreviation|acronym|initials|letters)\s+)?"
                         r"[\"“‘']?((?-i:[A-Z]{2,8}))[\"”’']?\s+(?:(?:\w+\s+)?(abbreviation|acronym)\s+)?"
                         r"stands?\s+for\b", re.I)


# A question tells which of several reports of one story it asks about by whom the report cites or quotes ("the
# report citing the ministry", "the Reuters-based story", "the dispatch quoting Mayor Ines Rocha"), where it was
# filed ("the Lyon-datelined article", "the report datelined Lyon") or, in a source clause, what it covers
# ("..., according to the report on the ferry's rescue?"): words that pick the article, which no answer need hold
# (``_describing_the_report``; not an outlet's own "the Reuters report", ``_OUTLET_REPORT``).
_REPORT_NOUN = r"(?:report|article|story|dispatch|piece|account)"
_CUE_NAME = r"[A-Z][\w’'.]*(?:\s+(?:of\s+|de\s+|al-)?[A-Z][\w’'.-]*)*"
# whom a report cites: a name, with the noun of a source after it ("Kremlin sources"), or a few words that end the
# clause ("..., per the story citing police?")
_CITED = (r"(?:the\s+|an?\s+)?(?:(?-i:" + _CUE_NAME + r")(?:\s+(?:sources?|officials?|spokes(?:man|woman|person)"
          r"|statement))?|(?:[\w’'-]+\s+){0,2}[\w’'-]+(?=\s*[,?;]|\s*$))")
_DESCRIBED_REPORT = re.compile(
    r"\bthe\s+(?:(?-i:" + _CUE_NAME + r")-(?:datelined|based|sourced)\s+" + _REPORT_NOUN
    + r"(?:\s+(?:citing|quoting)\s+" + _CITED + ")?"
    + r"|" + _REPORT_NOUN + r"\s+(?:citing|quoting|datelined(?:\s+in)?|filed\s+(?:in|from))\s+" + _CITED + ")"
    + r"|(?P<clause>\b(?:according\s+to|in|per)\s+)the\s+" + _REPORT_NOUN + r"\s+(?:on|about|covering)\s+[^,?;]+?"
    r"(?=\s*[,?;]|\s*$)", re.I)


_DATELINED = re.compile(r"(" + _CUE_NAME + r")-datelined|\b(?:datelined(?:\s+in)?|filed\s+(?:in|from))\s+(?:the\s+)?("
                        + _CUE_NAME + ")")
_NAMED_SOURCE = re.compile(r"(" + _CUE_NAME + r")-(?:based|sourced)|\b(?:citing|quoting)\s+(?:the\s+|an?\s+)?(?-i:("
                           + _CUE_NAME + "))", re.I)


def _describing_the_report(question: str) -> tuple[str, ReportAsked | None]:
    """The question with the report it describes called "the article" ("How does the report quoting Mayor Rocha
    describe the fire?" -> "How does the article describe the fire?"), and what it says of the report (None when it
    describes none, or only by what it covers)."""
    report = None
    for found in _DESCRIBED_REPORT.finditer(question):
        dated = _DATELINED.search(found.group())
        cites = tuple((m.group(1) or m.group(2)).split()[-1] for m in _NAMED_SOURCE.finditer(found.group()))
        if dated or cites:
            report = ReportAsked(cites, (dated.group(1) or dated.group(2)) if dated else None)
    return _DESCRIBED_REPORT.sub(lambda m: f"{m['clause'] or ''}the article", question), report


# "According to the ministry, how did he ...?": who says so is no part of what is asked (it may be the outlet
# itself: "According to North Press, ..."); inside the question it is whose words answer ("Why, according to
# Trump, did the regime fall?"); "..., according to North Press?" names the outlet (``_ACCORDING_TO``).
_LEADING_SOURCE = re.compile(r"^\s*according\s+to\s+[^,?]{1,80},\s*", re.I)
_TRUTH_ASKED = re.compile(r"^(?:is\s+it\s+(?:true|correct|right|the\s+case)|can\s+you\s+confirm|do(?:es)?\s+the\s+"
                          r"(?:articles?|reports?|sources?)\s+(?:say|confirm|state|report))\s+(?:that|whether|if)\s+",
                          re.I)
# "Who served as / was acting as / has served as the prime minister?" asks who held the post, as "Who was the
# prime minister?" does. Articles name the holder by the post ("Prime Minister Mohammad al-Jalali"), so the verb
# is no term.
_WHO_SERVES = re.compile(r"^(\W*who\s+)(?:(is|was|are|were)\s+(?:serving|acting)|(has|have|had)\s+(?:served|acted)"
                         r"|(serves|acts)|(served|acted))\s+as\s+(?=(?:the|a|an|[\w-]+[’']s)\s)", re.I)


def _serves_as_is(found: re.Match) -> str:
    opening, copula, perfect, present, _ = found.groups()
    return opening + (copula or (f"{perfect} been" if perfect else "is" if present else "was")) + " "


# A quiz's imperative asks as "which" does: "Name one of the cities the rebels took." asks which cities.
# After a leading phrase too: "Besides Damascus, name a city they took." asks which city, past the phrase.
_NAME_THE = re.compile(r"^(\s*(?:[^,?]{1,60},\s*)?)(?:name|list|identify)\s+"
                       r"(?:(?:one|two|three|any|some|all)\s+of\s+)?(?:the\s+|an?\s+|one\s+)?(?=[a-z])", re.I)
_SOURCE_CLAUSE = re.compile(r"\baccording\s+to\s+([^,?]{1,80}),\s*\w", re.I)
# The source a question asks after, named at its end: the outlet whose report is asked about ("..., according to
# North Press?"), or someone quoted ("according to Trump's remarks", "according to the HTS leader").
_ACCORDING_TO = re.compile(r",?\s*\baccording\s+to\s+(?:the\s+)?(" + NAME_FIRST_WORD + "(?:" + NAME_NEXT_WORD
                           + r")*)(?:['’]s)?(?:\s+[a-z][a-z-]*){0,2}\s*[?.!]*\s*$")


# "Who edited the North Press report?", "What did Reuters' story say?": the outlet named as its report's owner
# (not "What did the BBC report?", where "report" is the verb).
_OUTLET_REPORT = re.compile(r"\b(?:(?P<aux>did|does|do|will|would)\s+)?(?P<owner>the\s+(?P<after_the>" + NAME_FIRST_WORD
                            + "(?:" + NAME_NEXT_WORD + r")*?)|(?P<possessor>" + NAME_FIRST_WORD + "(?:" + NAME_NEXT_WORD
                            + r")*?)['’]s?)\s+(?P<noun>report|article|story|dispatch)\b")


def _outlet_report(sentence: str) -> re.Match | None:
    return next((m for m in _OUTLET_REPORT.finditer(sentence) if not (m["aux"] and m["noun"] == "report")), None)


def _according_to(sentence: str) -> str | None:
    found = _ACCORDING_TO.search(sentence)
    if found:
        return re.sub(r"['’]s?$", "", found.group(1))
    found = _outlet_report(sentence)
    return re.sub(r"['’]s?$", "", found["after_the"] or found["possessor"]) if found else None


def without_source(question: Question) -> Question:
    """The question without its "according to ..." or its outlet's name before "report" (``Question.according_to``):
    asked of the outlet's own articles, the outlet's name is no word an answer must hold."""
    if question.according_to is None:
        return question
    found = _ACCORDING_TO.search(question.text)
    if found:
        return read_question(question.text[:found.start()].rstrip() + "?")
    found = _outlet_report(question.text)
    text = question.text
    return read_question(f"{text[:found.start('owner')]}the {found['noun']}{text[found.end():]}")


# "When did the civil war begin?": a question word, an auxiliary, the subject, and its verb last (with its particle:
# "break out", "take off").
_SUBJECT_THEN_VERB = re.compile(r"^\s*(?:when|where|why|in\s+what\s+year|what\s+year)\s+(?:did|does|do|will|would)\s+"
                                r"(?:the|a|an|this|that|these|those)((?:\s+(?!(?:the|a|an|this|that|these|those)\b)"
                                r"[\w’'-]+)+?)(?:\s+(?-i:first|ever|[a-z]+ly))?\s+(?-i:[a-z]+)"
                                r"(?:\s+(?:out|off|up|down|over|away|back|on))?"
                                r"\s*\?*\s*$", re.I)


def _subject_terms(sentence: str) -> frozenset[str]:
    """The terms of a question's subject when it is a noun phrase it names by a determiner and its verb ends the
    question ("When did the Syrian civil war begin?" -> "syrian", "civil", "war"; an adverb before the verb, "first
    erupt", is none of them): a sentence that says when something began without it ("The offensive began on November
    27") is about something else."""
    found = _SUBJECT_THEN_VERB.match(sentence)
    return frozenset(content_terms(found.group(1))) if found else frozenset()


def _asks_current(sentence: str, head: str) -> bool:
    """Whether the question asks for the new or current holder of its head noun: "Who is the new president of
    Syria?", "Who is Apple's current CEO?"."""
    words = re.findall(r"[a-z]+", sentence.lower())
    at = next((k for k, w in enumerate(words) if w == head or w == head.split("-")[-1]), None)
    return at is not None and bool(set(words[max(0, at - 3):at]) & CURRENT_WORDS)


def _qualifiers(sentence: str, head: str | None) -> frozenset[str]:
    """The stems of the capitalised words right before the (lower-case) noun asked: "Which US politician ...?" asks
    for a politician who is American, not about the US, and an answer may name it ("US President-elect Donald
    Trump"). A possessor is the subject, not a qualifier ("Tesla's revenue")."""
    if not head:
        return frozenset()
    found = re.search(r"((?:\b[A-Z][\w.-]*(?<![’'][sS])\s+)+)" + re.escape(head) + r"\b", sentence)
    if not found:
        return frozenset()  # none, or the noun is itself capitalised: part of a name ("Harold King")
    return frozenset(stem(p) for p in word_parts(found.group(1)) if p[:1].isupper())


# "What did Assad say when he arrived?", "What has the minister told reporters?": the speaker before a verb of
# speech; and "How did the mayor describe ...?" (how she put it: her words, not a reason, which "explain" asks).
_SPEAKING = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
_SPEAKER = re.compile(r"\bwhat\s+(?:did|does|do|has|have|had|will|would)\s+(.+?)\s+(?:" + _SPEAKING + r")\b|"
                      r"\bhow\s+(?:did|does|do|has|have|had|will|would)\s+(.+?)\s+(?:"
                      + "|".join(sorted({"describe", "characterise", "characterize", "call", "label", "portray"},
                                        key=len, reverse=True)) + r")\b", re.I)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "you", "i"})
# What the articles are, or quote as a whole: "What do the reports say?" asks what the articles say.
_WRITINGS = _ARTICLE_WORDS | {"report", "reports", "news", "media", "press", "sources"}


def _speaker(sentence: str) -> frozenset[str]:
    """The stems of whom a question asks what they said (``SPEECH_VERBS``) or how they described something: the names
    of "What did Assad say?", else the noun of "What did the minister say?" ("coalition" of "the coalition of
    opposition groups"); none for a pronoun, whose person the question does not name, nor for the articles
    themselves ("What did the reports say?")."""
    found = _SPEAKER.search(sentence)
    return _speaker_of((found.group(1) or found.group(2)).split() if found else [])


def _speaker_of(words: list[str]) -> frozenset[str]:
    """The stems that name a speaker written in ``words`` (``_speaker``)."""
    if not words or len(words) > 5:
        return frozenset()
    names = [w for k, w in enumerate(words) if w[:1].isupper() and (k or w.lower() not in _DETERMINERS)]
    if names:
        # "the HTS leader" is a leader: whoever the articles call one of HTS speaks for the question too
        role = {stem(words[-1])} if words[-1].lower() in PERSON_NOUNS else set()
        return frozenset(stem(p) for w in names for p in word_parts(w) if p[:1].isupper()) | role
    lower = [w.lower() for w in words]
    last = lower[lower.index("of") - 1] if "of" in lower[1:] else lower[-1]  # "the coalition of opposition groups"
    return frozenset() if last in _PRONOUNS | _DETERMINERS | _WRITINGS else frozenset({stem(last)})


def _post_of(sentence: str, head: str | None) -> frozenset[str]:
    """The places the noun asked is of (``qa.spans.posts``): "russian" of "Who is the Russian president?"; for a
    title or "capital", of which a place has one, also its owner ("russia" of "What is the capital of Russia?"):
    the question's own words name what the post is of. Of other nouns that is no place that holds one ("the director
    of Amelie", "the location of Mooretown", "the city of Paris")."""
    if not head:
        return frozenset()
    owners = head in PERSON_TITLES or head == "capital"
    return frozenset(place for post in posts(sentence, head)
                     for place in (post.places | post.owners if owners else post.places))


def _modifiers(text: str) -> frozenset[str]:
    """The stems of capitalised words (not the first) that modify a word after them: "Syrian" in "Who leads the
    Syrian opposition?", "Russian" in "Which Russian news agency ...?"; a nationality of ``DEMONYM_PLACES``
    modifies what follows it even when that is capitalised ("the French Presidential Election"). Other words shaped
    like nationalities are often first names before a capitalised word ("Kofi Annan"), so those are not counted."""
    found = re.finditer(r"(?<=\s)([A-Z][\w’'-]*)\s+([a-z][\w’'-]*|[A-Z])", text)
    return frozenset(stem(p) for m in found for p in word_parts(m.group(1))
                     if m.group(1).lower() not in STOPWORDS and m.group(2) not in STOPWORDS
                     and (m.group(2).islower() or m.group(1).lower() in DEMONYM_PLACES))


_OBJECT_ASKED = re.compile(
    r"^\W*(?:who|whom|what|(?:which|whose)(?:\s+[\w-]+){0,3})\s+"
    r"(?:(?:do|does|did|will|would|can|could|should|may|might|must)"
    r"\s+(?:the|a|an|his|her|their|its|this|that|these|those|he|she|they|it|we|you|(?-i:[A-Z])[\w’'.-]*)"
    # "has" before a noun phrase is most often the verb itself ("Who has the ball?"): a name or pronoun must follow
    r"|(?:has|have|had)\s+(?:he|she|they|it|we|you|(?-i:[A-Z])[\w’'.-]*))\b"
    r"|\b(?:with|to|for|from|about|by|at|on|against)\W*$", re.I)


# A question word left in place after a preposition: "The mayor compared the port's losses with which city?", "He
# called it a victory for whom?" ask what fills the slot, as one ending in the preposition does.
_IN_PLACE = re.compile(r"(?<=\w)\s+([a-z]+)\s+(with|to|for|from|about|at|on|against|in|into|by)\s+"
                       r"(?:which|what|whom|who)\b(?:\s+[\w’'-]+){0,4}\W*$", re.I)


def _asks_object(sentence: str) -> bool:
    """Whether a who/what question asks for the object of its verb: a subject of its own follows the auxiliary
    ("Who did Trump meet?", "Which company has Apple bought?"), or it ends in a preposition ("Who has Iran been at
    war with?"). The sentence that answers names its own subject first, and that is not the answer."""
    return bool(_OBJECT_ASKED.search(sentence.strip()))


def _in_place(sentence: str) -> re.Match | None:
    """The slot before a question word left in place (``_IN_PLACE``), in a question that does not open with one.
    It asks what fills the slot (``_object_slot``), not for an object: "100 Squadron was formed in which country?"
    asks where its subject was formed."""
    words = re.findall(r"[a-z]+", sentence.lower())
    if not words or words[0] in QUESTION_WORDS or words[0] in AUXILIARIES:
        return None
    return _IN_PLACE.search(sentence.strip())


_SLOT = re.compile(r"\b([a-z]+)(?:\s+(with|to|for|from|about|at|on|against))?\W*$", re.I)


def _object_slot(sentence: str, kind: Kind, asks_object: bool) -> tuple[str, str] | None:
    """Of a question asking who someone did something to or with (one that ``_asks_object``: "Who did the Kremlin
    engage with?", "Who did Trump meet?"), the last word before its end and the preposition it ends in, if any, or
    the word and preposition before a question word left in place (``_in_place``): an answer follows them in a
    sentence ("engaging directly with rebel leaders")."""
    if kind not in (Kind.PERSON, Kind.ORGANISATION, Kind.PLACE):
        return None
    found = _in_place(sentence) or (_SLOT.search(sentence.strip()) if asks_object else None)
    if found is None or found.group(1).lower() in STOPWORDS:
        return None
    return found.group(1).lower(), (found.group(2) or "").lower()


# "Who seized ...?", "Who has launched ...?": "who", perhaps a modal or "has", then the verb whose doer is asked.
_MODAL = r"(?:(?:has|have|had|will|would|could|can|might|may|should|must)\s+)?"
_DOER = re.compile(r"^\W*who\s+" + _MODAL + r"([a-z]+)\b", re.I)
_LINKING_VERBS = frozenset({"be", "become", "remain", "seem", "stay", "get", "do"})


def _doer_verb(sentence: str, kind: Kind, head: str | None = None) -> str | None:
    """The verb of a question asking who or which did something in the active voice ("seized" of "Who seized the
    capital?", "won" of "Which actor won the award?"): the answer is its subject, and whatever a sentence writes as
    its object is not. None when it asks who someone is ("Who is the president?", "Who became leader?"), whom ("Who
    did Trump meet?", "Which city did he reach?", whose subject follows an auxiliary) or who had something done to
    them ("Who was elected?")."""
    found = _DOER.match(sentence.strip()) if kind in (Kind.PERSON, Kind.ORGANISATION) else None
    if found is None and head and kind in _DOER_KINDS:
        found = re.match(rf"^\W*(?:which|what)\s+(?:[a-z-]+\s+){{0,2}}?{re.escape(head)}\s+{_MODAL}([a-z]+)\b",
                         sentence.strip(), re.I)
    if found is None:
        return None
    word = found.group(1).lower()
    bases = base_forms(word)
    if not bases or word in AUXILIARIES or _LINKING_VERBS & set(bases):
        return None
    return word


_DOER_KINDS = frozenset({Kind.PERSON, Kind.ORGANISATION, Kind.WORK, Kind.PLACE})  # "Which country won the cup?"


_GOING = MOVING_WORDS | {"destination", "destinations"}
_ENDING_UP = re.compile(r"\b(?:end|ends|ended|ending|wind|winds|wound|winding)\s+up\b", re.I)  # "end up in"
# A clause that only says when: "Which cities did the rebels take before reaching the capital?" (or "before they
# reached the capital?") asks no place reached. A leading one ("After the vote, where ...?") stays: the question
# follows it.
_TIME_CLAUSE = re.compile(r"\b(?:before|after|while|upon|on|since|when)\s+[a-z]+ing\b.*$|(?<=\w)\s+(?:before|after|"
                          r"until|once|while|when)\s+(?:they|he|she|it|we|you|the|a|an|his|her|their|its)\b.*$", re.I)
_GOING_TO_DO = re.compile(r"\b(?:" + "|".join(sorted(MOVING_WORDS, key=len, reverse=True))
                          + r")\s+to\s+(?!(?:the|a|an|his|her|their|its)\b)(?-i:[a-z])", re.I)
# The places someone goes to, asked for by a verb of going: "Which city did he flee to?". A place of a kind ("At
# which airport did the plane land?") asks more than where someone went.
_GOAL_NOUNS = frozenset({"place", "places", "city", "cities", "town", "towns", "capital", "country", "countries",
                         "nation", "region", "destination", "destinations", "location"})


def _asks_whereabouts(sentence: str, going: bool) -> bool:
    """Whether a place question that does not ask where from (``_asks_origin``) asks where something is or went
    to: "Where ...?" ("Where did he flee?" asks where to) or, ``going``, one about going somewhere
    (``_asks_destination``: "Which city did the minister reach?", "... flee to?")."""
    return going or "where" in re.findall(r"[a-z]+", sentence.lower())


def _asks_destination(sentence: str) -> bool:
    """Whether a place question asks where something went by a verb of going (``MOVING_WORDS``: "Where did he
    flee to?", "Which city did the plane reach?"), not where it is or was ("Where is he now?", "Where was the
    summit held?"), or for a destination ("What was the plane's destination?"). Going "to" a common noun is going
    to do something there ("Where did she go to school?"), which asks where she studied, not where she went."""
    sentence = _TIME_CLAUSE.sub("", sentence)
    return (bool(set(re.findall(r"[a-z]+", sentence.lower())) & _GOING) or bool(_ENDING_UP.search(sentence))) \
        and not _GOING_TO_DO.search(sentence)


def _asks_origin(sentence: str) -> bool:
    """Whether a place question asks for a place left: it ends in "from", or it names the place it wants and a
    word of leaving without a destination after it ("Which country did he flee?"; not "... flee to?", nor "Where
    did he flee?")."""
    if re.search(r"\bfrom\W*$", sentence, re.I):
        return True
    words = re.findall(r"[a-z]+", _TIME_CLAUSE.sub("", sentence).lower())  # "... end up in after fleeing?"
    return ("where" not in words and bool(set(words) & LEAVING_WORDS)
            and not (words and words[-1] in DESTINATION_WORDS))


def _unit_asked(sentence: str) -> str | None:
    """The unit a "how many" question counts in ("how many years" -> "years"), None for other questions."""
    counted = _HOW_MANY.search(sentence)
    return unit_named(counted.group(1)) if counted and counted.group(1).lower() in DURATION_UNITS else None


# The first question word asks; a "when", "where" or "who" after it opens a relative clause: "What is the name of
# the mosque where he spoke?" asks for a mosque, "Who was president when the war began?" for a person.
_RELATIVE_CLAUSE = re.compile(r"^(.*?\b(?:what|which|who|whom|whose|where|when|why|how)\b.*?)\s*,?\s*"
                              r"\b(?:when|where|who|whom|whose)\b.*$", re.I | re.S)


# A quoted title is a name, not words of the question: "Who wrote "Why I Am Not"?" asks for a person (a question
# quoted whole is still a question).
_QUOTED = re.compile(r'"[^"]+"|“[^”]+”')
# Words quoted as someone's words, not a title: they start in lower case, or a verb in lower case says something.
_SAID = re.compile(r"^[a-z]|\b(?:is|are|was|were|be|being|been|will|would|has|have|had|not|no)\b")


def _quoted_words(question: str) -> frozenset[str]:
    """The stems of the words a question quotes as someone's words ("Who said Syria was 'being purified'?"), its
    names left out; none for a quoted title ("Who directed "Don't Drink the Water"?")."""
    found: set[str] = set()
    for match in _QUOTED.finditer(question):
        quoted = match.group()[1:-1]
        if _SAID.search(quoted):
            found.update(stem(w) for w in word_parts(quoted) if w[:1].islower() and w.lower() not in STOPWORDS
                         and w.lower() not in NAME_PARTICLES)
    return frozenset(found)


def _classify(sentence: str) -> tuple[Kind, str | None, bool]:
    whole = sentence.strip().rstrip("?!. ")
    sentence = _QUOTED.sub(lambda m: m.group(0) if m.group(0).rstrip("?!. ") == whole else "Quoted", sentence)
    sentence = _RELATIVE_CLAUSE.sub(r"\1", sentence)
    low = sentence.lower()
    words = re.findall(r"[a-z0-9]+(?:['’][a-z]+)?", low)
    if not words:
        return Kind.EXPLANATION, None, False
    if words[0] in AUXILIARIES:
        return Kind.YES_NO, None, False
    how = _HOW.search(sentence)
    if how:
        return _how_kind(how.group(1).lower(), sentence[how.end():])
    if _RACED_IN.search(sentence):
        return Kind.DURATION, None, False
    if _WHEN.search(sentence):
        return Kind.DATE, None, bool(_YEAR_ONLY.search(sentence))
    if _WHY.search(sentence):
        return Kind.EXPLANATION, None, False
    if re.search(r"\bwhere\b", low):
        return Kind.PLACE, None, False
    if _WHO_IS_NAMED.match(sentence) and not sentence.isupper():
        return Kind.EXPLANATION, None, False  # "Who is Rita Vale?" asks who she is, not for another name
    if _WHO.search(sentence):
        head = _WHO_HEAD.search(sentence)
        if head and not is_inflected_verb(head.group(1)):  # "the man seen in the video" asks for a man
            return Kind.PERSON, head.group(1).lower(), False
        title = _WHO_TITLE.search(sentence)  # "Who is the Syrian Prime Minister?" asks for a minister, by name
        last = title.group(1).lower() if title else None
        is_title = last and any(_names_a_person(w) for w in last.split("-"))
        return Kind.PERSON, last if is_title else _noun_of_verb(sentence), False
    if _DOING.search(sentence):
        return Kind.EXPLANATION, None, False  # "What were the crowds doing?" asks for an activity, not for crowds
    if _WORTH.search(sentence):
        return Kind.MONEY, "worth", False
    if _WHAT_AMOUNT.search(sentence):
        return Kind.MONEY, None, False
    if _ELAPSED_TIME.search(sentence) and not _WHEN.search(sentence) and _kind_of_asked(sentence) not in _WHOSE_TIME:
        return Kind.DURATION, None, False  # "What was the winning time?"; "Which athlete set the best time?" asks who
    if _TIME_SERVED.search(sentence):
        return Kind.DURATION, None, False
    account = _WHAT_VERB.search(sentence)
    if account and (account.group(1) is None or account.group(1).lower() in STOPWORDS):
        return Kind.EXPLANATION, None, False  # "What happened in the city?" has no noun asked for
    head = None if _asked_of_what_it_did(sentence) else _head_noun(sentence)
    if head is None:
        # A hyphenated compound is one word: the "year" of "year-end" or "five-year" is no noun asked for.
        return _headless_kind(re.findall(r"[a-z0-9]+(?:[-'’][a-z0-9]+)*", low), low)
    kind, head, year_only = _kind_of_head(head)
    if kind in _NAMED_SORTS and _CLASS_OF.search(sentence):
        return Kind.ENTITY, head, False  # "What kind of body ...?" asks what sort of body ("a new governing body")
    if kind == Kind.COUNT and re.search(rf"\bwhich\s+(?:[a-z-]+\s+){{0,2}}{re.escape(head)}\s+(?:{_SPEAKING})\b", low):
        return Kind.PERSON, head, False  # no number speaks: "Which opposition figure announced ...?" asks who
    return kind, head, year_only


_NAMED_SORTS = frozenset({Kind.PERSON, Kind.ORGANISATION, Kind.PLACE, Kind.WORK})  # asked of a sort, not a name
# "What caused the fire?", "What marked Ana Ruiz's time in office?": "what" is the subject of a verb in the past
_WHAT_DID = re.compile(r"^\W*(?i:what)\s+([a-z]+)\s+(?:to\s+)?"
                       r"(?:(?:the|a|an|his|her|its|their|this|that|these|those)\b|[A-Z])")
# "What was the fire caused by?", "What is the town famous for?": "what" is the object of a preposition left at the
# end, after the question's subject and a participle or an adjective
_WHAT_BY = re.compile(r"^\W*what\s+(?:is|was|are|were|has\s+been|had\s+been)\s+.+\s+([a-z]+)\s+"
                      r"(?:by|for|of|with|from|about|on|in|to|at|into|as)\W*$", re.I)
_WHO_VERB = re.compile(r"^\W*who\s+([a-z]+)\b", re.I)


def _asked_of_what_it_did(sentence: str) -> bool:
    """Whether a what-question's noun is no noun asked for but the subject of what is asked: the object of a verb
    in the past ("What caused the fire?" asks no "caused"; ``_WHAT_DID``), or, with a preposition left at the end,
    the subject of a participle or an adjective before it ("What was the fire caused by?" asks for no fire, "What
    is the town famous for?" for no town; ``_WHAT_BY``)."""
    did = _WHAT_DID.match(sentence)
    if did and _a_past_form(did.group(1).lower()):
        return True
    by = _WHAT_BY.match(sentence)
    return bool(by) and (_a_past_form(word := by.group(1).lower()) or only_an_adjective(word))


def _a_past_form(word: str) -> bool:
    """Whether a word is a verb's past form or participle: "caused", "sparked", "led", "made"."""
    return is_irregular_past(word) or (word.endswith("ed") and any(base != word for base in base_forms(word)))


def _names_a_person(noun: str) -> bool:
    """Whether a noun names a person: one of ``PERSON_NOUNS``, or a noun whose most frequent WordNet sense is a
    person ("geologist", "skipper", "diver"; not "list" nor "fund"), as no list of occupations is ever whole."""
    return noun in PERSON_NOUNS or singular(noun) in PERSON_NOUNS or first_noun_class(singular(noun)) == NOUN_PERSON


def _noun_of_verb(sentence: str) -> str | None:
    """The person noun a who-question's verb is ("Who piloted the helicopter?", "Who coached the team?"): what an
    article calls the doer ("pilot Ana Ruiz flew ..."); None for other verbs ("Who won?")."""
    verb = _WHO_VERB.match(sentence)
    return next((base for base in base_forms(verb.group(1).lower()) if base in PERSON_NOUNS), None) if verb else None


_WHOSE_TIME = frozenset({Kind.PERSON, Kind.ORGANISATION, Kind.PLACE})


def _kind_of_asked(sentence: str) -> Kind | None:
    """The kind of the noun a question asks for, by the nouns of each kind; None without one or a noun of none."""
    head = _head_noun(sentence)
    return _kind_of_noun(head, _HEAD_NOUNS) if head else None


# "How long is the bridge?", "How long will the new tram route be?": how long a thing is, not how long it lasts.
_THING = r"(?:the|a|an|its|their|this|that)\s+(?:[\w-]+\s+){0,3}?([a-z-]+)"  # a noun phrase and its noun
_WHERE_OF = r"(?:\s+(?:at|in|on|of|over|across|near|between)\s+[\w'’ -]+?)?"  # "... at Tarnwick", "... over the river"
_LONG_THING = re.compile(r"^\s*(?:(?:is|was|are|were)\s+" + _THING + _WHERE_OF + r"|(?:will|would|could)\s+" + _THING
                         + r"\s+be)\s*\?*\s*$")
# or a noun phrase before a relative clause: "How long is the crack they found in the weld?"
_THING_OF_A_CLAUSE = re.compile(r"^\s*(?:is|was|are|were)\s+" + _THING
                                + r"\s+(?:that|which|they|he|she|it|we|you)\b")
_PHYSICAL = frozenset({NOUN_ARTIFACT, NOUN_LOCATION, NOUN_OBJECT})


_IN_CURRENCY = re.compile(r"\bin\s+(?:[A-Z][a-z]+\s+)?(?:" + CURRENCY_WORDS + r")\b", re.I)  # "in euros"


def _how_kind(word: str, rest: str) -> tuple[Kind, str | None, bool]:
    kind = HOW_WORDS[word]
    if kind == "duration":
        thing = _THING_OF_A_CLAUSE.match(rest) or _LONG_THING.match(rest)
        if thing and first_noun_class(thing.group(1) or thing.group(2)) in _PHYSICAL:
            return Kind.COUNT, None, False  # a length (``Question.measure_asked``)
        return Kind.DURATION, None, False
    if word == "many":
        rest = re.sub(r"^\s*" + PARTITIVE, "", rest, flags=re.I)  # "how many of the samples" counts samples
    words = [w.strip("?,.") for w in rest.split()]
    after = [w.lower() for w in words]
    # What is counted, past its capitalised modifiers: "how many Russian soldiers" counts soldiers, "how many bank
    # employees" employees.
    first = next((k for k, w in enumerate(words) if not w[:1].isupper()), len(words))
    run = list(itertools.takewhile(lambda w: w not in STOPWORDS and w not in AUXILIARIES, after[first:first + 3]))
    counted = next((w for w in reversed(run) if _is_plural(w)), run[0] if run else None)
    if word == "many" and after and after[0] in DURATION_UNITS:
        return Kind.DURATION, None, False
    # "By how much did the shares rise?" asks for a change, most often a share; "How much rain fell?" for rain.
    if word == "much" and any(w in CHANGE_VERBS for w in after) and not (after and _measured_noun(after[0])):
        return Kind.PERCENT, None, False
    # "How much did they save?" asks for money, "How much time did they save?" for a noun of another kind.
    if word == "much" and (any(w in MONEY_VERBS for w in after) or _PUT_TOWARD.search(rest)) \
            and not (after and _measures_another_kind(after[0])):
        return Kind.MONEY, None, False
    if word == "much" and _IN_CURRENCY.search(rest):
        return Kind.MONEY, None, False  # "How much damage in euros did the storm cause?" asks for an amount of money
    # An amount of money: "how much" with a noun of money anywhere ("How much ransom ...?", "How much is he getting as
    # a pay-off?"), or "how large was the" one ("How large was the fine?").
    if word == "much":
        measured = next((w for w in after if _kind_of_noun(w, _HEAD_NOUNS) == Kind.MONEY), None)
    else:
        # past a determiner or a possessor, a noun phrase's noun: "How large was the fine?", "How big was the
        # club's penalty?", "How large were the country's foreign currency reserves?"
        phrase = [w for w in after[1:6] if w not in _DETERMINERS and not w.endswith(("'s", "’s"))]
        run = list(itertools.takewhile(lambda w: w not in STOPWORDS and w not in AUXILIARIES, phrase))[:3]
        copula = bool(after) and after[0] in _COPULAS and bool(run) and run[0] != after[1]
        # or the noun right after "a": "How large a reward is on offer?", "How big a fine did she pay?"
        article = len(after) > 1 and after[0] in ("a", "an")
        measured = next((w for w in reversed(run) if _kind_of_noun(w, _HEAD_NOUNS) == Kind.MONEY), None) \
            if copula else after[1] if article and _kind_of_noun(after[1], _HEAD_NOUNS) == Kind.MONEY else None
    if measured:
        return Kind.MONEY, measured, False
    return Kind.COUNT, counted if word == "many" else None, False


# Putting money toward something: "How much is the state putting toward the line?", "How much did she put into the
# fund?", "How much did the backers put up?".
_PUT_TOWARD = re.compile(r"\bput(?:s|ting)?\s+(?:[\w-]+\s+){0,3}?(?:towards?|into|up)\b", re.I)


def _measures_another_kind(word: str) -> bool:
    """Whether the word right after "how much" is a noun measured of a known kind other than money ("time",
    "weight"): what a verb of money asks about it is no amount of money."""
    return _measured_noun(word) and _kind_of_noun(word, _HEAD_NOUNS) not in (None, Kind.MONEY)


def _measured_noun(word: str) -> bool:
    """Whether the word right after "how much" is the noun measured ("How much rain fell?"), not a verb or an
    auxiliary ("How much did the shares fall?", "How much has it risen?")."""
    return word not in AUXILIARIES and word not in STOPWORDS and word not in CHANGE_VERBS \
        and bool(noun_senses(word)) and not is_inflected_verb(word)


def _head_noun(sentence: str) -> str | None:
    """The noun a "what/which" question asks about: "which company", "what is the genre of"; "what kind of
    asylum" asks for asylum, of some kind."""
    sentence = _PART_OF.sub(r"\1 ", _CLASS_OF.sub(r"\1 ", sentence))
    possessed = _POSSESSED.search(sentence)  # before "of": "the Bank of Valmora's policy rate" asks for a rate
    if possessed:
        return _noun_of_run(possessed.group(1).lower())
    of = _OF_HEAD.search(sentence)
    if of:
        first, second = of.group(1).lower(), (of.group(2) or "").lower()
        if first in ("name", "names", "full", "official", "current", "total", "estimated", "main", "primary", "exact") \
                and second:
            return second
        if first in EVENT_DATE_NOUNS and second in TIME_NOUNS:
            return second
        if second and second != "name" and not noun_senses(first) and noun_senses(second):
            return second  # an adjective WordNet has no noun for: "the typical colour of" asks for a colour
        if first in ("name", "names") or (first, second) == ("brand", "name"):
            # "the name of the mayor's wife" asks for a wife, by name; "the brand name of the drug" for a drug
            return _noun_of_run(re.sub(r"^\s*(?:the|a|an)\s+", "", sentence[of.end():], flags=re.I)) or first
        return first
    owner = _WHOSE.search(sentence)  # "Which company's shares fell?" asks which company, not for shares
    if owner and not any(w in STOPWORDS or w in AUXILIARIES for w in owner.group(1).lower().split()):
        return _noun_of_run(owner.group(1).lower())
    future = _WILL_BE.search(sentence)  # "What will the weather be ...?" asks for the weather, as "What is ...?" does
    if future:
        return _noun_of_run(future.group(1).lower())
    which = _WHICH.search(sentence)
    return _noun_of_run(which.group(1).lower()) if which else None


def _noun_of_run(words: str) -> str | None:
    """The noun of a run of words opening a noun phrase: its last known answer noun if it has one ("which government
    minister", "what government post"), else its last word before a function word; a possessor ("the company's
    revenue") is not what is asked, nor a verb before its object ("which UN resolution guides the talks" asks for a
    resolution), nor a time after it ("the revenue last year")."""
    run = []
    found = re.findall(r"[A-Za-z0-9'’-]+", words)[:5]
    for k, written in enumerate(found[:4]):
        word = written.lower()  # in capitals a word is no function word: "the IT provider"
        if (word in STOPWORDS or word in AUXILIARIES) and not (written.isupper() and len(written) > 1):
            if len(run) > 1 and (word in _DETERMINERS or _a_past_form(run[-1])) \
                    and singular(run[-1]) not in _KNOWN_HEADS:  # "(name) the cities the rebels took"
                run.pop()  # "which UN resolution guides the ...", "which US politician commented on ..."
            break
        if word.endswith(("'s", "’s", "s'")):
            continue
        if run and _a_past_form(word) and not run[-1].endswith("ly"):
            break  # a past form after a noun is its verb: "which countries backed the regime", "which team won"
        if run and word in _TIME_MODIFIERS:
            if k + 1 < len(found) and found[k + 1].lower() in _DETERMINERS and len(run) > 1 \
                    and singular(run[-1]) not in _KNOWN_HEADS:
                run.pop()  # "past" before "the" is a preposition after a verb: "which river runs past the town"
            break  # "the company's revenue last year" asks for revenue
        run.append(word)
    # of a compound's known nouns the last: "which government minister" asks for a minister
    known = [w for w in run if w in _KNOWN_HEADS or singular(w) in _KNOWN_HEADS]
    return known[-1] if known else run[-1] if run else None


_TIME_MODIFIERS = frozenset({"last", "next", "previous", "past", "coming"})


# The nouns that name a kind of answer, in the order they are tried (a word can be in two lists: "price" is money
# before it is a measure). A search-style query's last nouns ("... location") use fewer of them.
_HEAD_NOUNS = ((TIME_NOUNS, Kind.DATE), (SHARE_NOUNS, Kind.PERCENT), (MONEY_NOUNS, Kind.MONEY),
               (MEASURE_NOUNS, Kind.COUNT), (PERSON_NOUNS | {"name"}, Kind.PERSON), (PLACE_NOUNS, Kind.PLACE),
               (ORGANISATION_NOUNS, Kind.ORGANISATION), (WORK_NOUNS, Kind.WORK))
_QUERY_NOUNS = ((PLACE_NOUNS | {"location"}, Kind.PLACE), (TIME_NOUNS, Kind.DATE), (PERSON_NOUNS, Kind.PERSON),
                (ORGANISATION_NOUNS, Kind.ORGANISATION), (MONEY_NOUNS, Kind.MONEY), (MEASURE_NOUNS, Kind.COUNT))


def _kind_of_noun(word: str, table) -> Kind | None:
    word = _ELECT.sub("", word)  # a president-elect is a president
    return next((kind for nouns, kind in table if word in nouns or singular(word) in nouns), None)


_ELECT = re.compile(r"-(?:elect|designate)$")
_IRREGULAR_PLURALS = {"people": "person", "men": "man", "women": "woman", "children": "child"}


def singular(word: str) -> str:
    """The singular of an English plural noun, by its ending ("countries" -> "country", "churches" -> "church");
    a word that is no plural is returned as it is ("news", "status", "series")."""
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if not _is_plural(word):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    return word[:-1]


def _is_plural(word: str) -> bool:
    """Whether a lower-case noun is shaped like a plural: "countries", "people"; not "news", "status", "analysis"."""
    return word in _IRREGULAR_PLURALS or (
        len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ews", "series")))


def _kind_of_head(head: str) -> tuple[Kind, str | None, bool]:
    return _kind_of_noun(head, _HEAD_NOUNS) or Kind.ENTITY, head, head == "year"


def _headless_kind(words: list[str], low: str) -> tuple[Kind, str | None, bool]:
    """Search-style queries ("Super Bowl 2021 location") name what they want last; "what did X say" explains."""
    if _SAYS.search(low):
        return Kind.EXPLANATION, None, False
    if "what" in words:  # a question, not a search: "What are the rebels pressing for?", "... worthy of what?"
        return Kind.ENTITY, None, False
    for word in reversed(words):
        kind = _kind_of_noun(word, _QUERY_NOUNS)
        if kind is not None:
            return kind, word, word == "year"
    return Kind.ENTITY, None, False

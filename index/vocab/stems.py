"""Stems and search terms: the Snowball English stemmer (PyStemmer's C extension) behind a cache and a fold."""

from __future__ import annotations

import threading
from functools import lru_cache

import Stemmer

from index.vocab.stopwords import LIGHT_WORDS, STOPWORDS
from index.vocab.tokens import fold_word, word_parts

__all__ = ["stem", "content_terms", "TERMS_VERSION"]

TERMS_VERSION = 2
"""Bump when ``stem`` or ``content_terms`` change what they give for some text: a lexical index written under
another version is rebuilt from the store (its rows hold terms, and a question's terms must match them).
2: irregular verb forms join their verb ("fled" -> "flee")."""

# Irregular past tenses and participles, each to its verb, so "Where did he flee?" finds "he fled": a question
# asks with the verb's base form after "did", an article reports in the past. Forms that are as often another
# word are left out: found (to found), wound, ground, bound, bore/born, lay, fed (the Fed), bit, dove.
_IRREGULAR = {
    form: base for base, forms in {
        "arise": "arose arisen", "awake": "awoke awoken", "become": "became", "begin": "began begun",
        "bend": "bent", "bleed": "bled", "break": "broke broken", "breed": "bred", "bring": "brought",
        "build": "built", "burn": "burnt", "buy": "bought", "catch": "caught", "choose": "chose chosen",
        "cling": "clung", "come": "came", "deal": "dealt", "dig": "dug", "draw": "drew drawn",
        "dream": "dreamt", "drink": "drank drunk", "drive": "drove driven", "eat": "ate eaten",
        "fall": "fell fallen", "feel": "felt", "fight": "fought", "flee": "fled", "fling": "flung",
        "fly": "flew flown", "forbid": "forbade forbidden", "forget": "forgot forgotten",
        "forgive": "forgave forgiven", "freeze": "froze frozen", "get": "got gotten", "give": "gave given",
        "go": "went gone", "grow": "grew grown", "hang": "hung", "hear": "heard", "hide": "hid hidden",
        "hold": "held", "keep": "kept", "kneel": "knelt", "know": "knew known", "lead": "led", "leap": "leapt",
        "learn": "learnt", "leave": "left", "lend": "lent", "light": "lit", "lose": "lost", "make": "made",
        "mean": "meant", "meet": "met", "mislead": "misled", "mistake": "mistook mistaken",
        "oversee": "oversaw overseen", "overcome": "overcame", "overtake": "overtook overtaken",
        "overthrow": "overthrew overthrown", "pay": "paid", "rebuild": "rebuilt", "ride": "rode ridden",
        "ring": "rang rung", "rise": "rose risen", "run": "ran", "say": "said", "see": "saw seen",
        "seek": "sought", "sell": "sold", "send": "sent", "shake": "shook shaken", "shine": "shone",
        "shoot": "shot", "shrink": "shrank shrunk", "sing": "sang sung", "sink": "sank sunk", "sit": "sat",
        "sleep": "slept", "slide": "slid", "speak": "spoke spoken", "speed": "sped", "spend": "spent",
        "spin": "spun", "spring": "sprang sprung", "stand": "stood", "steal": "stole stolen", "stick": "stuck",
        "sting": "stung", "strike": "struck stricken", "strive": "strove striven", "swear": "swore sworn",
        "sweep": "swept", "swim": "swam swum", "swing": "swung", "take": "took taken", "teach": "taught",
        "tear": "tore torn", "tell": "told", "think": "thought", "throw": "threw thrown",
        "undergo": "underwent undergone", "understand": "understood", "undertake": "undertook undertaken",
        "uphold": "upheld", "wake": "woke woken", "wear": "wore worn", "weep": "wept", "win": "won",
        "withdraw": "withdrew withdrawn", "withhold": "withheld", "withstand": "withstood",
        "write": "wrote written",
    }.items() for form in forms.split()
}


def is_irregular_past(word: str) -> bool:
    """Whether a word is an irregular past tense or participle ("won", "fled", "built"): a verb, as "-ed" marks
    a regular one."""
    return fold_word(word) in _IRREGULAR


def is_inflected_verb(word: str) -> bool:
    """Whether a word is shaped as a verb's past or -ing form ("granted", "seeing", "seen"), which a noun asked for or
    a modifier before one is not; an uninflected form is as often a noun ("a cruise missile")."""
    word = word.lower()
    return word.endswith(("ed", "ing")) or is_irregular_past(word)


_SNOWBALL = Stemmer.Stemmer("english")
_LOCK = threading.Lock()  # a Stemmer object is not safe to share between threads
_DOUBLES = ("bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of a word after ``fold_word``: "rules"/"ruled"/"ruling" -> "rule", "Assad’s" -> "assad".

    An irregular past form stems as its verb ("fled" -> "flee", "won" -> "win"). Snowball keeps the "-er" of short
    agent nouns, but a question asks "who leads" what an article calls its "leader": such a stem joins its verb
    ("leader" -> "lead", "ruler" -> "rule", "winner" -> "win"). Words with digits ("24-year", "1990s") are folded
    but not stemmed."""
    folded = fold_word(word)
    if not folded or any(ch.isdigit() for ch in folded):
        return folded
    folded = _IRREGULAR.get(folded, folded)
    with _LOCK:
        stemmed = _SNOWBALL.stemWord(folded)
        if len(stemmed) >= 5 and stemmed.endswith("er"):
            verb = _SNOWBALL.stemWord(stemmed[:-1])
            verb = verb[:-1] if verb.endswith(_DOUBLES) else verb
            stemmed = verb if len(verb) >= 3 else stemmed
    return stemmed


def content_terms(text: str) -> list[str]:
    """The search terms of ``text``: stems of its word parts without stopwords or light words, in order, repeats
    kept ("al-Assad's 24-year rule" -> al, assad, 24, year, rule)."""
    words = (part.lower() for part in word_parts(text))
    return [stem(w) for w in words if w not in STOPWORDS and w not in LIGHT_WORDS]

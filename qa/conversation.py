"""A conversation's earlier turns, and follow-up questions made to stand alone for retrieval."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from index.errors import InputError
from index.vocab import strip_markers
from qa.answer import Answer

__all__ = ["HistoryItem", "Turn", "condense_question", "leans_on_history", "validate_history"]

_LEANING = re.compile(
    r"\b(?:he|she|him|her|his|hers|they|them|their|it|its|there|that|this|those|these|the same|then)\b", re.I)
_NAME = re.compile(r"\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*")
_FORMS = "pass Turn(question, answer) (from qa import Turn), an Answer, or an earlier question as a string"


@dataclass(frozen=True)
class Turn:
    """One earlier exchange of a conversation: the question asked and the text of its answer."""

    question: str
    answer: str

    def __post_init__(self):
        for name in ("question", "answer"):
            value = getattr(self, name)
            if not isinstance(value, str):
                raise InputError(f"Turn {name} must be a string, got {type(value).__name__}")


HistoryItem = Turn | Answer | str


def validate_history(history: Iterable[HistoryItem] | None) -> tuple[Turn, ...]:
    """``history`` as turns, oldest first; anything but the accepted forms is an ``InputError`` naming it.

    Each item is a ``Turn``, an ``Answer`` (its question and text), or a string: an earlier question whose
    answer is not known (the form older callers pass).
    """
    if history is None:
        return ()
    if isinstance(history, (str, bytes, Mapping)) or not isinstance(history, Iterable):
        raise InputError(f"history must be a list of earlier turns, oldest first, not a {type(history).__name__}: "
                         f"{_FORMS} for each")
    turns = []
    for position, item in enumerate(history):
        if isinstance(item, Turn):
            turns.append(item)
        elif isinstance(item, Answer):
            turns.append(Turn(item.question, item.answer))
        elif isinstance(item, str):
            turns.append(Turn(item, ""))
        else:
            raise InputError(f"history item {position} is a {type(item).__name__}: {_FORMS}")
    return tuple(turns)


_PERSONAL = re.compile(r"\b(?:he|she|it|they|him|them)\b", re.I)
_POSSESSIVE = re.compile(r"\b(?:his|her|its|their)\b", re.I)


def condense_question(question: str, history: Sequence[Turn]) -> str:
    """The question alone when it stands alone; otherwise made to stand alone from the conversation.

    ``history`` is the earlier turns, oldest first. When the latest answer opens with a short answer ("Abu
    Mohammed al-Jolani [1][2]"), a pronoun of the question stands for it: "Where did he speak?" becomes "Where did
    Abu Mohammed al-Jolani speak?". Otherwise the previous question and the names of the latest answer come first.
    """
    previous = next((turn.question for turn in reversed(history) if turn.question), None)
    if not previous or not leans_on_history(question):
        return question
    referent = _short_answer(next((turn.answer for turn in reversed(history) if turn.answer), ""))
    if referent:
        replaced, count = _PERSONAL.subn(referent, question, count=1)
        if not count:
            replaced, count = _POSSESSIVE.subn(f"{referent}’s", question, count=1)
        if count:
            return replaced
    context = [previous.strip()]
    last_answer = next((turn.answer for turn in reversed(history) if turn.answer), None)
    if last_answer:
        names = dict.fromkeys(m.group(0) for m in _NAME.finditer(strip_markers(last_answer)))
        context.extend(list(names)[:6])
    return " ".join(context + [question.strip()])


def leans_on_history(question: str) -> bool:
    """Whether a question may need the conversation to stand alone: it has a pronoun or a "there", "then", "the
    same", or is a few words long ("And in 2020?")."""
    return bool(_LEANING.search(question)) or len(re.findall(r"\w+", question)) <= 4


def _short_answer(answer: str) -> str | None:
    """The short answer an answer opens with: its first paragraph, without markers, when it is a few words and not
    a sentence ("Abu Mohammed al-Jolani [1][2]")."""
    first = strip_markers(answer.strip().split("\n\n", 1)[0]).strip()
    if not first or len(first.split()) > 8 or first.endswith((".", "!", "?", "”")):
        return None
    return first

"""Follow-up questions: turn a question that leans on the conversation into one that stands alone for retrieval."""

from __future__ import annotations

import re
from collections.abc import Sequence

_LEANING = re.compile(
    r"\b(?:he|she|him|her|his|hers|they|them|their|it|its|there|that|this|those|these|the same|then)\b", re.I)
_NAME = re.compile(r"\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*")


def _turns(history: Sequence) -> list[tuple[str, str]]:
    turns = []
    for item in history:
        if isinstance(item, str):
            turns.append(("user", item))
        elif isinstance(item, dict) and isinstance(item.get("content"), str):
            turns.append((str(item.get("role", "user")), item["content"]))
        elif isinstance(item, (tuple, list)) and len(item) == 2:
            question, answer = item
            if question:
                turns.append(("user", str(question)))
            if answer:
                turns.append(("assistant", str(answer)))
    return turns


def condense_question(question: str, history: Sequence) -> str:
    """The question alone when it stands alone; otherwise prefixed by the previous question.

    ``history`` is the earlier turns, oldest first: user questions as strings, chat messages as
    ``{"role", "content"}`` dicts, or (question, answer) pairs. Names from the previous answer
    are added too, so "Where did he speak?" after "Who leads HTS?" finds the leader's speech.
    """
    turns = _turns(history)
    previous = next((text for role, text in reversed(turns) if role == "user"), None)
    if not previous:
        return question
    words = re.findall(r"\w+", question)
    if not (_LEANING.search(question) or len(words) <= 4):
        return question
    context = [previous.strip()]
    last_answer = next((text for role, text in reversed(turns) if role == "assistant"), None)
    if last_answer:
        names = dict.fromkeys(m.group(0) for m in _NAME.finditer(re.sub(r"\[\d+\]", "", last_answer)))
        context.extend(list(names)[:6])
    return " ".join(context + [question.strip()])

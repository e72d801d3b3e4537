"""A follow-up that leans on the previous answer gets the same answer in the terminal, the browser and Python."""

from __future__ import annotations

import pytest

from qa import Engine, InputError, Turn
from qa.conversation import condense_question
from tests.conftest import SEEDS
from tests.fakes import HashedBagOfWords
from ui import cli
from ui.app import _CHAT_OUTPUTS, Handlers
from ui.uploads import MB

FIRST = "Who leads HTS?"
FOLLOW_UP = "Where did he speak?"  # "he" is in the first answer only: Abu Mohammed al-Jolani


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("follow-ups") / "store"
    Engine.from_paths([SEEDS], store=path, embed_model=HashedBagOfWords(), show_progress=False)
    return path


@pytest.fixture
def engine(store):
    return Engine.open(store, embed_model=HashedBagOfWords())


@pytest.fixture
def expected(engine):
    """The follow-up's answer from the Python API, given the first turn."""
    first = engine.ask(FIRST)
    return engine.ask(FOLLOW_UP, history=[Turn(FIRST, first.answer)])


def test_the_previous_answer_is_what_answers_the_follow_up(engine, expected):
    assert expected.answered and "Umayyad Mosque" in expected.answer
    assert engine.ask(FOLLOW_UP, history=[engine.ask(FIRST)]) == expected, "an Answer stands for its turn"
    assert condense_question(FOLLOW_UP, [Turn(FIRST, engine.ask(FIRST).answer)]).startswith("Where did Abu Moham")
    assert "Jolani" not in condense_question(FOLLOW_UP, [Turn(FIRST, "")]), "the question alone names no one"


def test_the_terminal_chat_gives_the_python_answer(store, expected, monkeypatch, capsys):
    monkeypatch.setattr("qa.engine.BundledEmbedding", lambda: HashedBagOfWords())
    replies = iter([FIRST, FOLLOW_UP, ""])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(replies))
    assert cli.main(["chat", "--store", str(store)]) == 0
    assert capsys.readouterr().out.endswith(cli.format_answer(expected) + "\n")


def test_the_browser_chat_gives_the_python_answer(engine, expected, tmp_path):
    handlers = Handlers(engine, upload_dir=tmp_path / "uploads", max_bytes=MB)
    turns = []
    for question in (FIRST, FOLLOW_UP):
        turns = list(handlers.respond(question, turns, None))[-1][_CHAT_OUTPUTS.index("turns")]
    assert [turn.question for turn in turns] == [FIRST, FOLLOW_UP]
    assert turns[-1].answer == expected


def test_a_history_in_another_form_is_refused_by_ask_and_ask_stream(engine):
    with pytest.raises(InputError, match="history item 0 is a dict"):
        engine.ask(FOLLOW_UP, history=[{"role": "user", "content": FIRST}])
    with pytest.raises(InputError, match="history must be a list of earlier turns"):
        list(engine.ask_stream(FOLLOW_UP, history=FIRST))

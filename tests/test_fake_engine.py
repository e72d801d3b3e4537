"""The fake engine keeps the real engine's contract: its refusals, exact citations and a ranking that agrees."""

import pytest

from qa import InputError, Turn
from qa.engine import MAX_QUESTION_CHARS, NOT_COVERED
from qa.evaluation import citation_errors
from tests.conftest import SEEDS
from tests.fake_engine import FakeEngine


@pytest.fixture(scope="module")
def engine():
    return FakeEngine.from_paths([SEEDS])


def test_questions_and_history_are_refused_with_the_engines_messages(engine):
    with pytest.raises(InputError, match="the question is empty"):
        engine.ask("  ")
    with pytest.raises(InputError, match=f"keep it under {MAX_QUESTION_CHARS:,}"):
        engine.ask("why " * MAX_QUESTION_CHARS)
    with pytest.raises(InputError, match="history item 0 is a dict"):
        engine.ask("Where?", [{"role": "user", "content": "Who?"}])


def test_answers_cite_exact_spans_of_the_files_and_the_ranking_agrees(engine):
    answer = engine.ask("Where did Assad go?")
    assert answer.answered and "Moscow" in answer.answer
    assert citation_errors(answer) == []
    assert engine.rank_documents("Where did Assad go?", k=1) == [answer.citations[0].doc_id]
    assert engine.ask("Quokka zebra?").answer == NOT_COVERED


def test_a_follow_up_is_condensed_as_the_engine_does(engine):
    engine.asked.clear()
    alone = engine.ask("Where did he go?")
    follow_up = engine.ask("Where did he go?", [Turn("Who fled Syria?", "Bashar al-Assad fled Syria [1].")])
    assert follow_up != alone
    assert engine.asked[-1] == ("Where did he go?", (Turn("Who fled Syria?", "Bashar al-Assad fled Syria [1]."),))

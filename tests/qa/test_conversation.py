import pytest

from qa import Answer, InputError, Turn
from qa.conversation import condense_question, validate_history

HTS = Turn("Who leads HTS?", "HTS leader Abu Mohammed al Jolani addressed crowds [1].")


def test_standalone_questions_pass_through():
    assert condense_question("Where did Assad go after the fall of Damascus?", [HTS]) == \
        "Where did Assad go after the fall of Damascus?"


def test_pronoun_follow_up_carries_the_previous_question():
    assert condense_question("Where did he speak?", [Turn("Who leads HTS?", "")]) == \
        "Who leads HTS? Where did he speak?"


def test_names_from_the_previous_answer_join_the_follow_up():
    condensed = condense_question("Where did he speak?", [HTS])
    assert "Jolani" in condensed and condensed.endswith("Where did he speak?")


def test_the_latest_turn_leads():
    history = [HTS, Turn("Who fled to Moscow?", "Bashar al-Assad fled to Moscow [1].")]
    condensed = condense_question("When did he arrive?", history)
    assert condensed.startswith("Who fled to Moscow?") and "Bashar" in condensed and "Jolani" not in condensed


def test_no_history_means_no_change():
    assert condense_question("And then?", []) == "And then?"


def test_history_accepts_turns_answers_and_earlier_questions():
    answer = Answer(question="Who leads HTS?", answer="Abu Mohammed al Jolani [1].", answered=True)
    assert validate_history([HTS, answer, "Where?"]) == (
        HTS, Turn("Who leads HTS?", "Abu Mohammed al Jolani [1]."), Turn("Where?", ""))
    assert validate_history(None) == validate_history([]) == validate_history(()) == ()
    assert validate_history(turn for turn in [HTS]) == (HTS,)


@pytest.mark.parametrize("history, message", [
    ("Who leads HTS?", "history must be a list of earlier turns, oldest first, not a str"),
    ({"role": "user", "content": "Who?"}, "not a dict"),
    (3, "not a int"),
    ([HTS, {"role": "user", "content": "Who?"}], "history item 1 is a dict: pass Turn(question, answer)"),
    ([("Who leads HTS?", "Jolani")], "history item 0 is a tuple"),
    ([None], "history item 0 is a NoneType"),
])
def test_history_in_any_other_form_is_refused_by_name(history, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        validate_history(history)


def test_a_turn_holds_strings_only():
    with pytest.raises(InputError, match="Turn answer must be a string, got Answer"):
        Turn("Who leads HTS?", Answer(question="Who leads HTS?", answer="Jolani", answered=True))

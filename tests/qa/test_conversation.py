from qa.conversation import condense_question


def test_standalone_questions_pass_through():
    assert condense_question("Where did Assad go after the fall of Damascus?", ["Who leads HTS?"]) == \
        "Where did Assad go after the fall of Damascus?"


def test_pronoun_follow_up_carries_the_previous_question():
    assert condense_question("Where did he speak?", ["Who leads HTS?"]) == "Who leads HTS? Where did he speak?"


def test_names_from_the_previous_answer_join_the_follow_up():
    history = [{"role": "user", "content": "Who leads HTS?"},
               {"role": "assistant", "content": "HTS leader Abu Mohammed al Jolani addressed crowds [1]."}]
    condensed = condense_question("Where did he speak?", history)
    assert "Jolani" in condensed and condensed.endswith("Where did he speak?")


def test_no_history_means_no_change():
    assert condense_question("And then?", []) == "And then?"

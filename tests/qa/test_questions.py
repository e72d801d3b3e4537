"""Questions as users send them: not text, not UTF-8, with terminal junk, padded with whitespace."""

from __future__ import annotations

import pytest

from index.errors import InputError
from index.text import keep_main_script, strip_control_sequences
from qa.engine import MAX_QUESTION_CHARS, validate_question


@pytest.mark.parametrize("question", [
    "Where did Assad go?\ud800",              # a lone surrogate, as from engine.ask("...\ud800")
    "Where did Assad go? caf\udce9",          # a Latin-1 byte in a UTF-8 terminal, as Python decodes argv
])
def test_a_question_that_is_not_utf8_is_refused_saying_where_and_what_to_do(question):
    with pytest.raises(InputError, match=r"the question is not valid UTF-8 text \(character \d+ is not\): check"):
        validate_question(question)


@pytest.mark.parametrize("value", [None, 42, b"Where did Assad go?", ["Where did Assad go?"]])
def test_a_question_that_is_not_a_string_is_told_so_not_that_it_is_empty(value):
    with pytest.raises(InputError, match=rf"the question must be text \(a str\), not {type(value).__name__}"):
        validate_question(value)


@pytest.mark.parametrize("question", [
    "Where did Assad go? \x1b[31m",
    "\x1b[1mWhere did Assad go?\x1b[0m",
    "Where did \x1b]0;title\x07Assad go?",
    "Where did Assad go?\x00\x07\x7f",
    "Where did Assad go?\x1b",
])
def test_terminal_escape_sequences_and_control_characters_are_dropped(question):
    assert validate_question(question) == "Where did Assad go?"


def test_line_breaks_and_tabs_are_kept_and_only_the_ends_are_trimmed():
    assert validate_question("  Who leads\tHTS?\n") == "Who leads\tHTS?"
    assert strip_control_sequences("a\nb\tc\r") == "a\nb\tc\r"


def test_the_length_check_counts_the_question_not_the_whitespace_around_it():
    question = "w" * MAX_QUESTION_CHARS
    assert validate_question(f"   {question}\n\n   ") == question
    with pytest.raises(InputError, match=f"{MAX_QUESTION_CHARS + 1:,} characters long"):
        validate_question(f"  {question}w  ")


@pytest.mark.parametrize("question", ["", "   ", "\x1b[31m", "\n\t"])
def test_empty_after_cleaning_is_empty(question):
    with pytest.raises(InputError, match="the question is empty"):
        validate_question(question)


@pytest.mark.slow
def test_the_real_engine_refuses_a_lone_surrogate_instead_of_a_tokenizer_type_error(seed_engine):
    with pytest.raises(InputError, match="not valid UTF-8"):
        seed_engine.ask("Where did Assad go?\ud800")
    answer = seed_engine.ask("Where did Assad go? \x1b[31m")
    assert answer.answered and answer.question == "Where did Assad go?"
    assert "Moscow" in answer.answer


@pytest.mark.parametrize("question, searched", [
    ("Where did Assad go? Москва", "Where did Assad go?"),
    ("Where did Assad go Москва?", "Where did Assad go?"),
    ("Where did Assad go? 日本語", "Where did Assad go?"),
    ("Did Pogačar win the Tour? Ελλάδα", "Did Pogačar win the Tour?"),
    ("Where did Assad go?", "Where did Assad go?"),
    ("Кто такой Путин? Assad", "Кто такой Путин?"),
    ("Who is Путин?", "Who is Путин?"),                  # nothing would be left to search for: unchanged
    ("What did Путин say about Assad?", "What did Путин say about Assad?"),  # inside the question: asked about
])
def test_words_appended_in_another_script_than_the_question_are_not_searched_for(question, searched):
    assert keep_main_script(question) == searched


@pytest.mark.slow
def test_a_word_in_another_script_appended_to_a_good_question_leaves_it_answered(seed_engine):
    clean = seed_engine.ask("Where did Assad go?")
    assert clean.answered
    for junk in (" Москва", " 日本語", " \x1b[31m"):
        answer = seed_engine.ask("Where did Assad go?" + junk)
        assert (answer.answered, answer.answer, answer.citations) == (True, clean.answer, clean.citations)

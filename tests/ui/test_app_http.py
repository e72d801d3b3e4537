"""The running app's /ask over plain HTTP: one-line errors (never a null one), and concurrent clients each get
exactly the answer the Python API gives."""

from __future__ import annotations

import logging

import pytest

from bench.load import ROUTES, AppClient, AppError, gold_questions, run_load
from ui.app import SERVER_FAILURE


def test_a_question_that_is_not_utf8_gets_a_one_line_error(fake_app):
    with pytest.raises(AppError) as raised:
        AppClient(fake_app.url).ask("Where did Assad go?\ud800")
    assert raised.value.message.startswith("the question is not valid UTF-8 text (character 20 is not)")


@pytest.mark.parametrize("question, message", [("", "the question is empty"), ("   \x1b[0m ", "the question is empty")])
def test_bad_input_gets_the_engines_message(fake_app, question, message):
    with pytest.raises(AppError, match=message):
        AppClient(fake_app.url).ask(question)


def test_a_failure_inside_the_engine_is_a_message_not_null_and_the_log_has_the_details(fake_app, monkeypatch,
                                                                                        caplog):
    def broken(question, history=()):
        raise TypeError("TextEncodeInput must be Union[TextInputSequence, Tuple[InputSequence, InputSequence]]")

    monkeypatch.setattr(fake_app.engine, "ask", broken)
    with caplog.at_level(logging.ERROR, logger="ui.app"), pytest.raises(AppError) as raised:
        AppClient(fake_app.url).ask("Where did Assad go?")
    assert raised.value.message == SERVER_FAILURE
    assert any("TextEncodeInput" in r.getMessage() or (r.exc_info and "TextEncodeInput" in str(r.exc_info[1]))
               for r in caplog.records)


def test_concurrent_clients_over_http_each_get_the_python_apis_answer(fake_app):
    questions = ["Where did Assad go?", "Who leads HTS?", "How long did Bashar al-Assad rule Syria?",
                 "On what date did Damascus fall to the rebels?", "Who granted Assad asylum?"]
    expected = {q: fake_app.engine.ask(q).to_dict() for q in questions}
    result = run_load(lambda: AppClient(fake_app.url), questions, expected, clients=8, per_client=10)
    assert result.errors == [] and result.mismatches == []
    assert len(result.latencies) == 80


@pytest.mark.slow
@pytest.mark.parametrize("route", ROUTES)
def test_concurrent_clients_over_http_get_the_real_engines_answers(real_app, route):
    questions = gold_questions()
    expected = {q: real_app.engine.ask(q).to_dict() for q in questions}
    result = run_load(lambda: AppClient(real_app.url, route=route), questions, expected, clients=8, per_client=12)
    assert result.errors == [] and result.mismatches == []
    assert len(result.latencies) == 96


def test_concurrent_clients_of_the_json_api_each_get_the_python_apis_answer(fake_app):
    questions = ["Where did Assad go?", "Who leads HTS?", "How long did Bashar al-Assad rule Syria?"]
    expected = {q: fake_app.engine.ask(q).to_dict() for q in questions}
    result = run_load(lambda: AppClient(fake_app.url, route="api"), questions, expected, clients=8, per_client=10)
    assert result.errors == [] and result.mismatches == [] and len(result.latencies) == 80
    with pytest.raises(AppError, match="the question is not valid UTF-8 text"):
        AppClient(fake_app.url, route="api").ask("Where did Assad go?\ud800")

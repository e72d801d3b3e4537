"""A generating model wired through every door: the Python API, the CLI and the UI's /ask handler agree."""

import json

import pytest

from qa import Engine
from ui import cli
from qa.evaluation import citation_errors
from qa.llm import LLMConfig, build_llm
from tests.conftest import SEEDS
from tests.fakes import HashedBagOfWords
from tests.qa.llm_server import Reply, ScriptedLLMServer

QUESTION = "Who declared Damascus free of Bashar al-Assad?"
SUPPORTED = "Opposition leaders, including Hadi al-Bahra, declared the capital free of Bashar al-Assad [1]."
INVENTED = "Hadi al-Bahra was later elected president of Syria [1]."


@pytest.fixture
def server():
    with ScriptedLLMServer() as running:
        yield running


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("llm-store") / "s"
    Engine.from_paths([SEEDS], store=path, embed_model=HashedBagOfWords(), show_progress=False)
    return path


def open_engine(store, url, timeout=10.0):
    llm = build_llm(LLMConfig(url=url, model=ScriptedLLMServer.model, timeout=timeout))
    return Engine.open(store, embed_model=HashedBagOfWords(), llm=llm)


def test_python_api_keeps_supported_sentences_and_lists_invented_ones(store, server):
    server.script(f"{SUPPORTED} {INVENTED}")
    engine = open_engine(store, server.url)
    assert engine.answerer.startswith("llm")
    answer = engine.ask(QUESTION)
    assert answer.answerer == "llm" and answer.notice is None
    assert "Hadi al-Bahra" in answer.answer and "elected president" not in answer.answer
    assert any("elected president" in s for s in answer.unsupported)
    assert citation_errors(answer) == []
    assert any("Bahra" in c.quote for c in answer.citations)


def test_streaming_yields_the_draft_then_the_checked_answer(store, server):
    server.script(f"{SUPPORTED} {INVENTED}")
    items = list(open_engine(store, server.url).ask_stream(QUESTION))
    pieces, final = items[:-1], items[-1]
    assert pieces and all(isinstance(p, str) for p in pieces)
    assert "elected" in "".join(pieces) and "elected" not in final.answer
    assert final.question == QUESTION


def test_a_failing_model_falls_back_to_the_extractive_answer_with_a_notice(store, server):
    server.script(Reply(status=500))
    answer = open_engine(store, server.url).ask(QUESTION)
    extractive = Engine.open(store, embed_model=HashedBagOfWords()).ask(QUESTION)
    assert answer.answerer == "extractive" and answer.notice and "500" in answer.notice
    assert answer.answer == extractive.answer and answer.citations == extractive.citations


def test_the_cli_takes_the_llm_flags(store, server, monkeypatch, capsys):
    monkeypatch.setattr("qa.engine.BundledEmbedding", lambda: HashedBagOfWords())
    server.script(SUPPORTED)
    code = cli.main(["ask", QUESTION, "--store", str(store), "--json", "--llm-url", server.url,
                     "--llm-model", ScriptedLLMServer.model])
    assert code == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["answerer"] == "llm" and "Hadi al-Bahra" in printed["answer"]
    assert QUESTION in json.dumps(server.requests[-1])  # the model was really asked


def test_the_ui_ask_endpoint_returns_the_same_json_as_the_python_api(store, server, tmp_path):
    from ui.app import Handlers

    server.script(SUPPORTED, SUPPORTED)
    engine = open_engine(store, server.url)
    handlers = Handlers(engine, upload_dir=tmp_path / "uploads", max_bytes=1_000_000)
    assert handlers.ask(QUESTION) == engine.ask(QUESTION).to_dict()

"""The app's handlers over a fake engine: streaming, follow-ups, refusals, uploads, removal, the API; and serve()."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import gradio as gr
import pytest

import ui.app
from bench.processes import free_port
from qa import Turn
from qa.engine import MAX_QUESTION_CHARS, NOT_COVERED
from tests.ui.conftest import REPO
from tests.ui.fakes import DISAGREEMENT_QUESTION, SEEDS
from ui.app import Handlers, build_app, is_loopback, serve
from ui.uploads import MB

OUTPUTS = ui.app._CHAT_OUTPUTS


def named(update: tuple) -> dict:
    """A chat update as {output name: value}, leaving out the outputs it does not change."""
    return {name: value for name, value in zip(OUTPUTS, update, strict=True) if not _skipped(value)}


def _skipped(value) -> bool:
    return isinstance(value, dict) and value.get("__type__") == "update" and len(value) == 1


@pytest.fixture
def handlers(fake_engine, tmp_path) -> Handlers:
    return Handlers(fake_engine, upload_dir=tmp_path / "store" / "uploads", max_bytes=MB)


def ask(handlers: Handlers, question: str, turns=(), export_dir=None) -> list[dict]:
    return [named(update) for update in handlers.respond(question, list(turns), export_dir)]


def test_answer_streams_in_then_shows_its_sources_and_export(handlers):
    updates = ask(handlers, "Where did Assad go?")
    first, streamed, last = updates[0], updates[1:-1], updates[-1]
    assert "Where did Assad go?" in first["conversation"] and "Searching the articles" in first["conversation"]
    assert first["question"] == ""
    shown = [u["conversation"] for u in streamed]
    assert len(shown) >= 3 and all(len(a) < len(b) for a, b in zip(shown, shown[1:]))
    assert set(streamed[0]) == {"conversation"}

    [turn] = last["turns"]
    assert turn.answer.citations, "the fake answers this from the seeds"
    assert 'href="#src-1-1"' in last["conversation"] and 'id="src-1-1"' in last["sources"]
    assert "<mark>" in last["sources"]
    export = Path(last["download"]["value"])
    assert export.read_text(encoding="utf-8") == last["markdown"]
    assert "## 1. Where did Assad go?" in last["markdown"]


def test_follow_up_passes_the_earlier_questions_and_answers_oldest_first(handlers, fake_engine):
    turns = ask(handlers, "Where did Assad go?")[-1]["turns"]
    turns = ask(handlers, "Who granted him asylum?", turns)[-1]["turns"]
    ask(handlers, "When?", turns)
    earlier = [Turn(turn.question, turn.answer.answer) for turn in turns]
    assert all(turn.answer for turn in earlier)
    assert [history for _, history in fake_engine.asked] == [(), tuple(earlier[:1]), tuple(earlier)]


def test_empty_question_is_refused_with_the_engines_message_and_changes_nothing(handlers, fake_engine):
    with pytest.warns(UserWarning, match="the question is empty"):
        [update] = ask(handlers, "   ")
    assert "turns" not in update and "sources" not in update
    assert "Ask a question about the articles" in update["conversation"]
    assert fake_engine.asked == []


def test_too_long_question_is_refused_and_kept_in_the_box(handlers):
    question = "why " * (MAX_QUESTION_CHARS // 4 + 1)
    with pytest.warns(UserWarning, match=f"characters long; keep it under {MAX_QUESTION_CHARS:,}"):
        updates = ask(handlers, question)
    assert updates[-1]["question"] == question.strip()
    assert "Searching" not in updates[-1]["conversation"]


def test_an_engine_failure_is_reported_and_changes_nothing(handlers, fake_engine, monkeypatch):
    def broken(question, history=()):
        raise RuntimeError("chroma went away")

    monkeypatch.setattr(fake_engine, "ask", broken)
    with pytest.warns(UserWarning, match="Could not answer that"):
        updates = ask(handlers, "Where did Assad go?")
    assert "turns" not in updates[-1] and updates[-1]["question"] == "Where did Assad go?"
    assert "Searching" not in updates[-1]["conversation"]


def test_unanswered_question_says_so(handlers):
    last = ask(handlers, "Quokka zebra?")[-1]
    assert "Not answered by the articles" in last["conversation"]
    assert NOT_COVERED in last["conversation"]


def test_disagreement_shows_the_callout(handlers):
    last = ask(handlers, DISAGREEMENT_QUESTION)[-1]
    assert "Sources disagree" in last["conversation"]
    assert "24 years" in last["conversation"] and "over 20 years" in last["conversation"]


def test_clear_starts_a_new_conversation(handlers):
    cleared = named(handlers.clear())
    assert cleared["turns"] == [] and cleared["export_dir"] is None
    assert cleared["examples"]["visible"] is True


def test_api_returns_exactly_the_engines_answer_json(handlers, fake_engine):
    assert handlers.ask("Where did Assad go?") == fake_engine.ask("Where did Assad go?").to_dict()
    with pytest.raises(gr.Error, match="the question is empty"):
        handlers.ask("")


class RecordedProgress:
    def __init__(self):
        self.calls = []

    def __call__(self, progress, desc=None):
        self.calls.append((progress, desc))


def test_upload_adds_supported_files_and_refuses_others_by_name(handlers, tmp_path):
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    story = incoming / "story.txt"
    story.write_text("Quokka Festival draws crowds\nThe quokka festival drew 5,000 people.", encoding="utf-8")
    tool = incoming / "tool.exe"
    tool.write_bytes(b"MZ")
    progress = RecordedProgress()

    status, files = handlers.add_files([str(story), str(tool)], progress=progress)

    assert "1 added" in status and "tool.exe: &#x27;.exe&#x27; files are not supported" in status
    assert files is None
    assert (handlers.upload_dir / "story.txt").is_file()
    assert progress.calls[-1] == ((1, 1), "story")  # the article id, as the engine reports progress
    library, choices, header = handlers.library_view()
    assert "Quokka Festival draws crowds" in library and "6 articles indexed" in header
    last = ask(handlers, "How many people came to the quokka festival?")[-1]
    assert "5,000 people" in last["conversation"]


def test_upload_of_nothing_or_only_refused_files_adds_nothing(handlers, tmp_path):
    assert "Choose one or more files" in handlers.add_files([], progress=RecordedProgress())[0]
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (MB + 1))
    status, _ = handlers.add_files([str(big)], progress=RecordedProgress())
    assert "Nothing was added" in status and "big.txt: 1.0 MB is over the 1 MB limit" in status
    assert not handlers.upload_dir.exists()


def test_remove_takes_the_article_out_and_deletes_only_an_uploaded_copy(handlers, fake_engine, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Quokka Festival\nThe quokka festival drew 5,000 people.", encoding="utf-8")
    handlers.add_files([str(story)], progress=RecordedProgress())
    uploaded = next(a for a in fake_engine.articles() if a.title == "Quokka Festival")
    seed = next(a for a in fake_engine.articles() if a.path.startswith(str(SEEDS)))

    assert "Removed Quokka Festival" in handlers.remove_article(uploaded.doc_id)
    assert "Removed" in handlers.remove_article(seed.doc_id)

    assert not (handlers.upload_dir / "story.txt").exists()
    assert Path(seed.path).exists(), "a file outside the upload folder is never deleted"
    assert {a.doc_id for a in fake_engine.articles()}.isdisjoint({uploaded.doc_id, seed.doc_id})
    assert "no longer in the library" in handlers.remove_article(seed.doc_id)
    assert "Choose an article" in handlers.remove_article(None)


def test_build_app_exposes_only_the_ask_endpoint(fake_engine, tmp_path):
    app = build_app(fake_engine, upload_dir=tmp_path / "uploads")
    assert isinstance(app, gr.Blocks)
    assert list(app.get_api_info()["named_endpoints"]) == ["/ask"]
    assert not (tmp_path / "uploads").exists(), "construction writes nothing"
    with pytest.raises(ValueError, match="max_upload_mb must be > 0, got 0"):
        build_app(fake_engine, upload_dir=tmp_path, max_upload_mb=0)


@pytest.fixture
def launched(monkeypatch):
    calls = []
    monkeypatch.setattr(ui.app, "launch", lambda app, **kwargs: calls.append(kwargs))
    return calls


@pytest.mark.parametrize("host, auth, warned", [
    ("127.0.0.1", None, False), ("localhost", None, False), ("0.0.0.0", None, True), ("192.168.1.5", None, True),
    ("0.0.0.0", ("ann", "secret"), False),
])
def test_serve_warns_when_reachable_from_other_machines_without_auth(fake_engine, tmp_path, launched, capsys,
                                                                      host, auth, warned):
    serve(fake_engine, host=host, port=8123, auth=auth, upload_dir=tmp_path / "uploads")
    assert ("Warning" in capsys.readouterr().err) is warned
    assert launched[0]["host"] == host and launched[0]["port"] == 8123 and launched[0]["auth"] == auth


def test_serve_validates_port_and_auth(fake_engine, launched):
    with pytest.raises(ValueError, match="port must be between 1 and 65535, got 70000"):
        serve(fake_engine, port=70000)
    with pytest.raises(ValueError, match="auth must be"):
        serve(fake_engine, auth=("ann", ""))
    assert launched == []


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.8.0.1", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("10.0.0.2", False), ("example.org", False),
])
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


@pytest.mark.slow
def test_serve_prints_its_address_serves_the_page_and_stops_on_ctrl_c(tmp_path):
    port = free_port()
    # Ctrl+C as in a terminal, even when the suite itself runs in the background (`make test &`), whose children
    # inherit SIGINT ignored and so would never see it.
    script = ("import signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
              "from tests.ui.fakes import fake_seed_engine; import ui; "
              f"ui.serve(fake_seed_engine(), port={port}, upload_dir={str(tmp_path / 'uploads')!r})")
    server = subprocess.Popen([sys.executable, "-c", script], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        line = server.stdout.readline()
        assert line.startswith(f"Sourcewise is running at http://127.0.0.1:{port}/"), line
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert response.status == 200 and b"Sourcewise" in response.read()
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=20)
        assert "Stopping Sourcewise." in out, err
        assert "Warning" not in err
        assert server.returncode == 0
    finally:
        server.kill()


def test_a_language_model_draft_streams_escaped_then_the_checked_answer_replaces_it(handlers, fake_engine):
    fake_engine.drafts["Where did Assad go?"] = ("Assad went ", "to <b>Moscow</b> [1].")
    updates = ask(handlers, "Where did Assad go?")
    drafts = [u["conversation"] for u in updates[1:-1]]
    assert any("Assad went" in d for d in drafts)
    assert any("&lt;b&gt;Moscow&lt;/b&gt;" in d for d in drafts) and not any("<b>Moscow</b>" in d for d in drafts)
    [turn] = updates[-1]["turns"]
    assert turn.answer == fake_engine.ask("Where did Assad go?")

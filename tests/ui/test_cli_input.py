"""Bad input the way a terminal user sends it, through the real `sourcewise` process: one line, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SEEDS
from tests.fakes import HashedBagOfWords
from ui import cli


def sourcewise(*args, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """The CLI in a child process with the hashed fake embedding; arguments may be bytes (not UTF-8)."""
    return subprocess.run([sys.executable, "-m", "tests.ingest_process", "--", *args], cwd=ROOT, input=stdin,
                          capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-input") / "store"
    done = sourcewise("ingest", str(SEEDS), "--store", str(path))
    assert done.returncode == 0, done.stderr
    return path


def one_line_error(done: subprocess.CompletedProcess) -> str:
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 1, err
    assert b"Traceback" not in done.stderr and len(err.strip().splitlines()) == 1, err
    assert err.startswith("error: ")
    return err


@pytest.mark.slow
def test_a_question_argument_that_is_not_utf8_is_one_line(store):
    done = sourcewise("ask", b"Where did Assad go? caf\xe9", "--store", str(store))
    assert "the question is not valid UTF-8 text (character 24 is not)" in one_line_error(done)


@pytest.mark.slow
def test_chat_refuses_a_line_that_is_not_utf8_and_answers_the_next(store):
    done = sourcewise("chat", "--store", str(store), stdin=b"Where did Assad go? caf\xe9\nWhere did Assad go?\n")
    out = done.stdout.decode("utf-8")
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr
    assert "error: the question is not valid UTF-8 text" in out
    assert out.count("Sources:") == 1 and "Moscow" in out


@pytest.mark.slow
def test_a_question_with_terminal_junk_appended_is_answered(store):
    done = sourcewise("ask", "Who declared Damascus free of Bashar al-Assad? \x1b[31m", "--store", str(store))
    assert done.returncode == 0, done.stderr
    assert "Hadi al-Bahra" in done.stdout.decode("utf-8")


@pytest.mark.parametrize("url, message", [
    ("http://[::1", "cannot read --chroma-url 'http://[::1' (Invalid IPv6 URL): give it as http://HOST:PORT"),
    ("http://127.0.0.1:99999", "cannot read --chroma-url 'http://127.0.0.1:99999' (Port out of range"),
    ("ftp://127.0.0.1:8000", "--chroma-url 'ftp://127.0.0.1:8000' is not an http or https address"),
    ("http://127.0.0.1:0", "--chroma-url 'http://127.0.0.1:0' names port 0"),
])
@pytest.mark.parametrize("command", [["ask", "Where did Assad go?"], ["ingest", str(SEEDS)]])
def test_a_chroma_url_that_cannot_be_read_is_one_line(monkeypatch, capsys, url, message, command):
    monkeypatch.setattr("qa.engine.BundledEmbedding", lambda: HashedBagOfWords())
    assert cli.main([*command, "--chroma-url", url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and len(err.strip().splitlines()) == 1


def test_ask_on_a_regular_file_says_it_is_a_file_not_to_build_an_index_there(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("qa.engine.BundledEmbedding", lambda: HashedBagOfWords())
    regular = tmp_path / "notes.txt"
    regular.write_text("mine", encoding="utf-8")
    assert cli.main(["ask", "Where did Assad go?", "--store", str(regular)]) == 1
    assert capsys.readouterr().err == (f"error: the store path {regular} is a file, not a folder: "
                                       "choose another --store\n")


def test_ingest_exits_non_zero_when_any_file_failed_and_says_so_last(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("qa.engine.BundledEmbedding", lambda: HashedBagOfWords())
    store = str(tmp_path / "store")
    assert cli.main(["ingest", str(tmp_path / "missing.txt"), "--store", store]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == f"skipped {tmp_path / 'missing.txt'}: no such file or folder"
    assert err[-1] == ("error: 1 could not be indexed (named above; the rest is): fix or remove them, "
                       "or pass --allow-failures to exit 0 anyway")

    assert cli.main(["ingest", str(SEEDS), str(tmp_path / "missing.txt"), "--store", store, "--json"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out)["added"] == 5 and "named in the report" in err

    assert cli.main(["ingest", str(SEEDS), str(tmp_path / "missing.txt"), "--store", store,
                     "--allow-failures"]) == 0
    assert "5 unchanged" in capsys.readouterr().out
    assert cli.main(["ingest", str(SEEDS), "--store", store]) == 0


def test_ingest_help_says_when_it_exits_non_zero(capsys):
    with pytest.raises(SystemExit):
        cli.main(["ingest", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "1 when any could not be" in out and "--allow-failures" in out

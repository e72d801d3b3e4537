"""The CLI in-process (fake embedding, fast) and once as a real subprocess with the real model."""

import json
import os
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SEEDS
from tests.fakes import HashedBagOfWords
from ui import cli


@pytest.fixture
def fake_model(monkeypatch):
    monkeypatch.setattr("qa.engine.BundledEmbedding", lambda: HashedBagOfWords())


@pytest.fixture
def store(tmp_path, fake_model, capsys):
    path = tmp_path / "store"
    assert cli.main(["ingest", str(SEEDS), "--store", str(path)]) == 0
    capsys.readouterr()
    return path


def test_ingest_prints_a_summary_line(tmp_path, fake_model, capsys):
    assert cli.main(["ingest", str(SEEDS), "--store", str(tmp_path / "s")]) == 0
    assert "5 added, 0 updated, 0 unchanged, 0 removed, 0 failed" in capsys.readouterr().out
    assert cli.main(["ingest", str(SEEDS), "--store", str(tmp_path / "s"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["unchanged"] == 5


def test_ingest_names_metadata_warnings_on_stderr_and_still_ingests(tmp_path, fake_model, capsys):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Rebels entered Damascus on Sunday.", encoding="utf-8")
    (folder / "metadata.jsonl").write_text('{"file": "a.txt", "published": "someday"}\n', encoding="utf-8")
    assert cli.main(["ingest", str(folder), "--store", str(tmp_path / "s")]) == 0
    captured = capsys.readouterr()
    assert captured.err == (f"warning: {folder / 'metadata.jsonl'}: line 1: published 'someday' is not a date "
                            "(write it as 2024-12-09); ignored\n")
    assert "1 added, 0 updated, 0 unchanged, 0 removed, 0 failed, 1 metadata warning;" in captured.out


def test_ask_prints_the_answer_and_a_numbered_source_list(store, capsys):
    assert cli.main(["ask", "Who declared Damascus free of Bashar al-Assad?", "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "Hadi al-Bahra" in out and "Sources:" in out
    assert re.search(r"^\[1\] \S+.*\(\d{3}_[0-9a-f]+, characters \d+-\d+\)$", out, re.M)


def test_ask_json_is_the_engine_answer(store, capsys):
    from qa import Engine

    assert cli.main(["ask", "Who declared Damascus free of Bashar al-Assad?", "--store", str(store), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    direct = Engine.open(store).ask("Who declared Damascus free of Bashar al-Assad?").to_dict()
    assert printed == direct


@pytest.mark.parametrize("argv, message", [
    (["ask", "   "], "the question is empty"),
    (["ask", "Where?", "--store", "/nonexistent/store"], "no index at /nonexistent/store: build it with"),
    (["ingest"], "name files or folders to index"),
    (["ask", "Where?", "--chroma-url", "http://127.0.0.1:9"], "no Chroma server answers"),
])
def test_errors_are_one_line_with_what_to_do_and_a_non_zero_exit(argv, message, store, capsys):
    if argv[0] == "ask" and "--store" not in argv and "--chroma-url" not in argv:
        argv = argv + ["--store", str(store)]
    assert cli.main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and len(err.strip().splitlines()) == 1


QUESTIONS = ["Where did Assad go?", "Who declared Damascus free of Bashar al-Assad?", "How long did Assad rule?"]


def test_ask_file_writes_one_answer_json_a_line_and_names_bad_lines(store, tmp_path, capsys):
    from qa import Engine

    lines = ["# a comment", QUESTIONS[0], "", "why " * 600, QUESTIONS[1], "   ", QUESTIONS[2]]
    questions = tmp_path / "questions.txt"
    questions.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert cli.main(["ask", "--file", str(questions), "--jsonl", "--store", str(store)]) == 1
    captured = capsys.readouterr()
    printed = [json.loads(line) for line in captured.out.splitlines()]
    with Engine.open(store) as engine:
        assert printed == [engine.ask(q).to_dict() for q in QUESTIONS]
    bad, summary = captured.err.splitlines()
    assert bad.startswith("line 4: the question is ") and "keep it under 2,000" in bad and bad.endswith("; skipped")
    assert summary == "3 answered, 1 skipped"


def test_in_a_terminal_the_batch_shows_progress_on_stderr_and_stdout_stays_json(store, tmp_path, monkeypatch,
                                                                                 capsys):
    import io

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    questions = tmp_path / "questions.txt"
    questions.write_text(f"{QUESTIONS[0]}\n{'why ' * 600}\n{QUESTIONS[1]}\n", encoding="utf-8")
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert cli.main(["ask", "--file", str(questions), "--jsonl", "--store", str(store)]) == 1
    out = capsys.readouterr().out
    assert [json.loads(line)["question"] for line in out.splitlines()] == QUESTIONS[:2]
    shown = terminal.getvalue()
    assert "Asking: 100%" in shown and "3/3" in shown and "line 2: the question is " in shown


def test_ask_file_reads_standard_input_and_skips_a_line_that_is_not_utf8(store, monkeypatch, capsys):
    import io

    data = QUESTIONS[0].encode() + b"\r\nWhere did \xff go?\n" + QUESTIONS[1].encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert cli.main(["ask", "--file", "-", "--store", str(store)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith(f"Q: {QUESTIONS[0]}\n") and f"\n\nQ: {QUESTIONS[1]}\n" in captured.out
    assert captured.out.count("Sources:") == 2
    assert captured.err.splitlines() == ["line 2: not valid UTF-8 (byte 0xff); skipped", "2 answered, 1 skipped"]


@pytest.mark.parametrize("argv, message", [
    (["ask"], "ask a question, e.g."),
    (["ask", "Where?", "--file", "q.txt"], "give one question, or --file PATH"),
    (["ask", "--file", "q.txt", "--json"], "use --jsonl with --file"),
    (["ask", "--file", "/nonexistent/questions.txt"], "no such file: /nonexistent/questions.txt"),
    (["ask", "--file", str(ROOT / "seeds")], "is a folder; give a text file with one question a line"),
    (["ask", "--file", "EMPTY"], "holds no questions: write one question a line"),
])
def test_batch_arguments_are_checked_before_anything_loads(argv, message, tmp_path, capsys):
    if "EMPTY" in argv:
        (tmp_path / "empty.txt").write_text("# only a comment\n\n", encoding="utf-8")
        argv = [str(tmp_path / "empty.txt") if a == "EMPTY" else a for a in argv]
    assert cli.main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and len(err.strip().splitlines()) == 1


def test_a_batch_in_a_subprocess_streams_json_lines_without_loading_gradio(store, tmp_path):
    from qa import Engine

    questions = tmp_path / "questions.txt"
    questions.write_text("\n".join(QUESTIONS) + "\n", encoding="utf-8")
    code = ("import sys, qa.engine; from tests.fakes import HashedBagOfWords; "
            "qa.engine.BundledEmbedding = HashedBagOfWords; from ui import cli; code = cli.main(sys.argv[1:]); "
            "print(sorted(m for m in ('gradio', 'mcp', 'ui.app', 'ui.api') if m in sys.modules), file=sys.stderr); "
            "sys.exit(code)")
    run = subprocess.run([sys.executable, "-c", code, "ask", "--file", str(questions), "--jsonl", "--store",
                          str(store)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines() == ["3 answered, 0 skipped", "[]"]
    with Engine.open(store, embed_model=HashedBagOfWords()) as engine:
        assert [json.loads(line) for line in run.stdout.splitlines()] == [engine.ask(q).to_dict() for q in QUESTIONS]


def test_articles_lists_the_library_newest_first_and_as_json(store, capsys):
    from qa import Engine

    assert cli.main(["articles", "--store", str(store), "--json"]) == 0
    with Engine.open(store) as engine:
        assert json.loads(capsys.readouterr().out) == [a.to_dict() for a in engine.articles()]
    assert cli.main(["articles", "--store", str(store)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("001_be7e029a7d16086c (--12-09)")
    assert lines[1].startswith("Bashar al-Assad’s Escapes to Moscow, Russian Source Reveals (North Press)")


def test_conflicts_lists_disagreements(store, capsys):
    assert cli.main(["conflicts", "--store", str(store), "--json"]) == 0
    assert isinstance(json.loads(capsys.readouterr().out), list)


def test_chat_answers_follow_ups_at_the_prompt(store, monkeypatch, capsys):
    replies = iter(["Who declared Damascus free of Bashar al-Assad?", "What did he declare?", ""])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(replies))
    assert cli.main(["chat", "--store", str(store)]) == 0
    assert capsys.readouterr().out.count("Sources:") == 2


def test_help_names_every_command(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert all(name in out for name in ("ingest", "ask", "chat", "conflicts", "articles", "serve", "eval"))


@pytest.mark.slow
def test_the_installed_command_answers_with_the_real_model(tmp_path):
    store = tmp_path / "store"
    run = lambda *args: subprocess.run([sys.executable, "-m", "ui.cli", *args], cwd=ROOT, capture_output=True,
                                       text=True, timeout=300)
    ingest = run("ingest", str(SEEDS), "--store", str(store))
    assert ingest.returncode == 0, ingest.stderr
    asked = run("ask", "Where did Assad go?", "--store", str(store), "--json")
    assert asked.returncode == 0, asked.stderr
    answer = json.loads(asked.stdout)
    assert answer["answered"] and "Moscow" in answer["answer"]
    for c in answer["citations"]:
        with open(c["file"], encoding="utf-8") as f:
            assert f.read()[c["start"]:c["end"]] == c["quote"]
    questions = tmp_path / "questions.txt"
    questions.write_text("\n".join(QUESTIONS) + "\n", encoding="utf-8")
    batch = run("ask", "--file", str(questions), "--jsonl", "--store", str(store))
    assert batch.returncode == 0, batch.stderr
    from qa import Engine

    with Engine.open(store) as engine:
        assert [json.loads(line) for line in batch.stdout.splitlines()] == [engine.ask(q).to_dict() for q in QUESTIONS]


@pytest.mark.slow
def test_eval_command_enforces_thresholds_on_the_seed_gold_set(tmp_path):
    """The CI gate a user would write: `sourcewise eval GOLD --min ... --max ...` exits non-zero when unmet."""
    run = lambda *args: subprocess.run([sys.executable, "-m", "ui.cli", *args], cwd=ROOT, capture_output=True,
                                       text=True, timeout=600)
    store = str(tmp_path / "store")
    assert run("ingest", str(SEEDS), "--store", store).returncode == 0
    gold = str(ROOT / "tests" / "gold" / "seeds.jsonl")
    passed = run("eval", gold, "--store", store, "--json", "--min", "citation_validity=1.0", "--min", "hit_rate=0.9")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    report = json.loads(passed.stdout)
    assert report["metrics"]["citation_validity"] == 1.0
    failed = run("eval", gold, "--store", store, "--min", "answer=1.01")
    assert failed.returncode == 1 and "answer" in failed.stdout + failed.stderr


def test_importing_the_cli_loads_neither_gradio_nor_the_engine():
    code = "import sys, ui.cli; print(sorted(m for m in ('gradio', 'llama_index.core', 'chromadb') if m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_gradio_is_imported_with_analytics_off_whichever_ui_module_comes_first():
    code = "import os, ui.app; print(os.environ.get('GRADIO_ANALYTICS_ENABLED'))"
    env = {k: v for k, v in os.environ.items() if k != "GRADIO_ANALYTICS_ENABLED"}
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"

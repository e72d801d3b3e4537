"""What a command imports, checked in a fresh process: asking loads what embedding one question needs (the numpy
encoder), not torch, sentence-transformers, llama-index or gradio; `--help` loads not even the engine."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

HEAVY = ("torch", "sentence_transformers", "transformers", "llama_index", "gradio")
QUESTION = "Where did Assad go?"
RUN = """
import json, sys
from ui import cli
try:
    code = cli.main(sys.argv[2:])
except SystemExit as exc:
    code = exc.code
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump({"code": code, "modules": sorted(sys.modules)}, out)
"""


def run_cli(tmp_path, *argv: str) -> tuple[dict, str]:
    report = tmp_path / "modules.json"
    run = subprocess.run([sys.executable, "-c", RUN, str(report), *argv], cwd=ROOT, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    return json.loads(report.read_text(encoding="utf-8")), run.stdout


def loaded(modules: list[str], names) -> list[str]:
    return sorted(n for n in names if n in modules or any(m.startswith(n + ".") for m in modules))


def test_help_loads_neither_the_engine_nor_the_store(tmp_path):
    report, out = run_cli(tmp_path, "--help")
    assert report["code"] == 0 and "sourcewise" in out
    assert loaded(report["modules"], HEAVY + ("chromadb", "qa.engine", "index.store", "numpy")) == []


@pytest.mark.slow
def test_asking_the_bundled_model_loads_no_torch_and_answers_as_the_full_model_does(seed_engine, tmp_path):
    store = seed_engine.stats()["store"]
    report, out = run_cli(tmp_path, "ask", QUESTION, "--store", store, "--json")
    assert report["code"] == 0
    assert loaded(report["modules"], HEAVY) == []
    assert "index.encoder" in report["modules"]
    assert json.loads(out) == seed_engine.ask(QUESTION).to_dict()

"""What a command imports, checked in a fresh process: asking loads what embedding one question needs (the numpy
encoder), not torch, sentence-transformers, llama-index or gradio; `--help` loads not even the engine."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
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


@pytest.mark.slow
def test_ingest_with_the_bundled_model_loads_no_torch_and_writes_the_full_models_vectors(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for path in sorted((ROOT / "seeds").glob("00[12]*.txt")):
        (articles / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    store = str(tmp_path / "store")
    report, _ = run_cli(tmp_path, "ingest", str(articles), "--store", store, "--json")
    assert report["code"] == 0
    assert loaded(report["modules"], HEAVY) == []  # the numpy encoder embeds every text: no 12-17 s, no 700 MB

    from index.embedding import load_embed_model
    from qa import Engine

    full = load_embed_model()
    with Engine.open(store, embed_model=full) as engine:
        for sentence in list(engine._store.iter_sentences())[:40]:
            vector = np.asarray(full.get_text_embedding(sentence.text))
            assert float(vector @ sentence.embedding) >= 0.9999 * float(np.linalg.norm(sentence.embedding))

"""Another process writes to a store this process has open: nothing here crashes over it."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from qa import Engine
from tests.conftest import ROOT, SEEDS
from tests.fakes import HashedBagOfWords

UPDATED = "001_be7e029a7d16086c"
ZEBRA = "A zebra crossed the quartz bridge at Tartus on Friday."


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    return folder


def ingest_elsewhere(folder, store) -> None:
    """`sourcewise ingest` in another process (the hashed fake embedding, as this process uses)."""
    done = subprocess.run([sys.executable, "-m", "tests.ingest_process", "--", "ingest", str(folder), "--store",
                           str(store)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def test_an_engine_opened_after_another_process_updated_an_article_answers_instead_of_crashing(articles, tmp_path):
    store = tmp_path / "store"
    Engine.from_paths([articles], store=store, embed_model=HashedBagOfWords(), show_progress=False).close()
    first = Engine.open(store, embed_model=HashedBagOfWords())
    assert first.ask("Who declared Damascus free of Bashar al-Assad?").answered

    path = articles / f"{UPDATED}.txt"
    path.write_text(path.read_text(encoding="utf-8") + f"\n{ZEBRA}\n", encoding="utf-8")
    ingest_elsewhere(articles, store)

    with Engine.open(store, embed_model=HashedBagOfWords()) as second:
        answer = second.ask("What crossed the quartz bridge at Tartus?")
        assert any(ZEBRA in c.quote for c in answer.citations)
        text = path.read_text(encoding="utf-8")
        assert all(text[c.start:c.end] == c.quote for c in answer.citations if c.doc_id == UPDATED)
    first.ask("Who declared Damascus free of Bashar al-Assad?")  # the engine opened before still answers
    first.close()

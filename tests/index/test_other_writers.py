"""Another process writes to a store this process has open: nothing here crashes over it."""

from __future__ import annotations

import subprocess
import sys

from qa import Engine
from tests.conftest import ROOT
from tests.fakes import HashedBagOfWords

UPDATED = "001_be7e029a7d16086c"
ZEBRA = "A zebra crossed the quartz bridge at Tartus on Friday."


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


def test_a_running_engine_answers_from_what_another_process_added_updated_or_pruned(articles, tmp_path):
    store = tmp_path / "store"
    Engine.from_paths([articles], store=store, embed_model=HashedBagOfWords(), show_progress=False).close()
    with Engine.open(store, embed_model=HashedBagOfWords()) as running:
        assert running.ask("Who declared Damascus free of Bashar al-Assad?").answered
        before = {a.doc_id for a in running.articles()}

        updated = articles / f"{UPDATED}.txt"
        updated.write_text(updated.read_text(encoding="utf-8") + f"\n{ZEBRA}\n", encoding="utf-8")
        added = articles / "quokka.txt"
        added.write_text("Quokka festival on Rottnest\nThe quokka festival on Rottnest drew 5,000 visitors on "
                         "Saturday.\n", encoding="utf-8")
        gone = sorted(before - {UPDATED})[0]
        (articles / f"{gone}.txt").unlink()
        done = subprocess.run([sys.executable, "-m", "tests.ingest_process", "--", "ingest", str(articles),
                               "--store", str(store), "--prune"], cwd=ROOT, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr

        assert {a.doc_id for a in running.articles()} == before - {gone} | {"quokka"}
        zebra = running.ask("What crossed the quartz bridge at Tartus?")
        assert any(ZEBRA in c.quote for c in zebra.citations)
        text = updated.read_text(encoding="utf-8")
        assert all(text[c.start:c.end] == c.quote for c in zebra.citations if c.doc_id == UPDATED)
        quokka = running.ask("How many visitors did the quokka festival on Rottnest draw?")
        assert any(c.doc_id == "quokka" and "5,000" in c.quote for c in quokka.citations)
        assert gone not in running.rank_documents("Who declared Damascus free of Bashar al-Assad?", k=20)

        new_chunks = [cid for cid, _, meta in running._store.query_chunks(
            HashedBagOfWords().get_query_embedding(ZEBRA), 5) if meta["doc_id"] == UPDATED]
        assert new_chunks, "the dense index still serves the vectors it loaded before the other process wrote"


def test_a_running_engine_ranks_an_article_another_process_added_by_its_vector_too(articles, tmp_path):
    store = tmp_path / "store"
    Engine.from_paths([articles], store=store, embed_model=HashedBagOfWords(), show_progress=False).close()
    with Engine.open(store, embed_model=HashedBagOfWords()) as running:
        assert running.ask("Who declared Damascus free of Bashar al-Assad?").answered
        (articles / "quokka.txt").write_text(f"Quokka festival\n{ZEBRA}\n", encoding="utf-8")
        ingest_elsewhere(articles, store)  # adds one article and deletes nothing

        assert "quokka" in {a.doc_id for a in running.articles()}
        dense = running._store.query_chunks(HashedBagOfWords().get_query_embedding(f"Quokka festival\n{ZEBRA}"), 3)
        assert [meta["doc_id"] for _, _, meta in dense][0] == "quokka"
        assert any(c.doc_id == "quokka" for c in running.ask("What crossed the quartz bridge at Tartus?").citations)

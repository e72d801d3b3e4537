"""The lexical index with the store: written with the chunks, served only for live versions, caught up from Chroma
when it is behind, and the store generation that tells one process of another's writes."""

import sqlite3

import pytest

from index.errors import StoreError
from index.store import LEXICAL_FILE
from index.vocab import TERMS_VERSION
from qa import Engine
from tests.fakes import HashedBagOfWords
from tests.index.test_store import CHANGED, NEW_SENTENCE, open_store, run_ingest

EMBED = HashedBagOfWords()


def lexical_versions(store) -> dict[str, set[str]]:
    return store.lexical.versions()


def live_versions(store) -> dict[str, set[str]]:
    return {d: {a.content_hash} for d, a in store.articles().items()}


def test_ingest_writes_the_lexical_index_beside_the_chunks_and_bumps_the_generation(articles, tmp_path):
    store = open_store(tmp_path / "store")
    assert (tmp_path / "store" / LEXICAL_FILE).is_file()
    run_ingest(articles, store)
    first = store.generation()
    assert first > 0 and store.lexical.generation == first
    assert lexical_versions(store) == live_versions(store)
    assert len(store.lexical) == store.counts()["chunks"]

    path = articles / f"{CHANGED}.txt"
    path.write_text(path.read_text(encoding="utf-8") + NEW_SENTENCE, encoding="utf-8")
    run_ingest(articles, store)
    assert store.generation() > first and store.lexical.generation == store.generation()
    assert lexical_versions(store) == live_versions(store)  # the old version's rows are gone
    assert [h.doc_id for h in store.search_lexical("zebra quartz bridge", 3)] == [CHANGED]

    second = store.generation()
    assert store.remove(CHANGED) and store.generation() > second
    assert CHANGED not in lexical_versions(store)


def test_rows_of_a_version_that_never_went_live_are_not_served_and_the_next_ingest_clears_them(articles, tmp_path):
    store = open_store(tmp_path / "store")
    run_ingest(articles, store)
    live = {d: a.content_hash for d, a in store.articles().items()}
    path = articles / f"{CHANGED}.txt"
    original = path.read_text(encoding="utf-8")
    path.write_text(original + NEW_SENTENCE, encoding="utf-8")
    with pytest.raises(StoreError):
        run_ingest(articles, open_store(tmp_path / "store", fail_at=("articles", "upsert")))
    assert len(lexical_versions(store)[CHANGED]) == 2  # the cut write's rows sit beside the live ones
    assert [h.doc_id for h in store.search_lexical("zebra quartz bridge", 3)] == [CHANGED]
    assert store.search_lexical("zebra quartz bridge", 3, live) == []  # but a live view never serves them

    engine = Engine(open_store(tmp_path / "store"), EMBED)
    assert not any("zebra" in c.quote for c in engine.ask("What crossed the quartz bridge at Tartus?").citations)
    path.write_text(original, encoding="utf-8")
    engine.ingest([articles], show_progress=False)
    assert lexical_versions(store) == {d: {h} for d, h in live.items()}


def test_a_store_without_a_lexical_index_gets_one_from_its_chunks_on_open(articles, tmp_path):
    store = open_store(tmp_path / "store")
    run_ingest(articles, store)
    chunks = store.counts()["chunks"]
    store.close()
    (tmp_path / "store" / LEXICAL_FILE).unlink()
    engine = Engine.open(tmp_path / "store", embed_model=EMBED)
    assert len(engine._store.lexical) == chunks
    assert engine.ask("Who declared Damascus free of Bashar al-Assad?").citations


def test_a_lexical_index_of_other_search_terms_is_indexed_again_from_the_chunks_on_open(articles, tmp_path):
    """Rows hold stems: after ``index.vocab.TERMS_VERSION`` changes, old rows would miss the new stems of a
    question ("fled" once stemmed as itself, now as "flee"), so the file is emptied and filled again."""
    store = open_store(tmp_path / "store")
    run_ingest(articles, store)
    chunks = store.counts()["chunks"]
    store.close()
    path = tmp_path / "store" / LEXICAL_FILE
    with sqlite3.connect(path) as db:  # as an earlier Sourcewise left it: rows of other terms
        db.execute("UPDATE state SET value = ? WHERE key = 'terms'", (TERMS_VERSION - 1,))
        db.execute("UPDATE chunk_terms SET terms = 'stale'")
    db.close()
    engine = Engine.open(tmp_path / "store", embed_model=EMBED)
    assert len(engine._store.lexical) == chunks
    assert engine._store.search_lexical("stale", 3) == []
    assert engine._store.search_lexical("Damascus", 3)


def test_an_engine_notices_its_own_and_other_writes_through_the_generation(articles, tmp_path):
    engine = Engine.from_paths([articles], store=tmp_path / "store", embed_model=EMBED, show_progress=False)
    live = engine._corpus
    assert live.refresh() is False  # nothing new since the ingest
    other = open_store(tmp_path / "store")  # another writer: in this process, as Chroma keeps one system a folder
    other.remove(CHANGED)
    assert live.refresh() is True
    assert CHANGED not in {a.doc_id for a in engine.articles()}
    assert all(c.doc_id != CHANGED for c in engine.ask("Where did Assad go?").citations)

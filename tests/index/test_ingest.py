"""Ingestion into a real on-disk Chroma store, with the word-hashing fake embedding for speed."""

import json

import pytest

from index.errors import StoreError
from index.store import ChromaStore
from qa import Engine
from tests.fakes import HashedBagOfWords


def build(folder, store, **kwargs):
    return Engine.from_paths([folder], store=store, embed_model=HashedBagOfWords(), show_progress=False, **kwargs)


def test_first_ingest_adds_every_article_and_reingest_embeds_nothing(articles, tmp_path):
    engine = build(articles, tmp_path / "store")
    first = engine.last_report
    assert (first.added, first.updated, first.unchanged, first.failed) == (5, 0, 0, ())
    assert first.chunks > 5 and first.sentences > first.chunks
    again = engine.ingest([articles], show_progress=False)
    assert (again.added, again.updated, again.unchanged, again.chunks) == (0, 0, 5, 0)
    assert "5 unchanged" in again.summary()


def test_a_changed_file_replaces_its_chunks(articles, tmp_path):
    engine = build(articles, tmp_path / "store")
    before = engine.stats()
    path = articles / "004_faf6987c39893a7f.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nA brand new closing paragraph about Latakia.\n",
                    encoding="utf-8")
    report = engine.ingest([articles], show_progress=False)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 4)
    after = engine.stats()
    assert after["articles"] == 5
    assert after["chunks"] in (before["chunks"], before["chunks"] + 1)
    assert after["unfinished_chunks"] == 0  # the old version is gone, not kept
    answer = engine.ask("What was the closing paragraph about Latakia?")
    assert any("Latakia" in c.quote for c in answer.citations)


def test_prune_removes_articles_whose_files_are_gone(articles, tmp_path):
    engine = build(articles, tmp_path / "store")
    (articles / "002_2fe6722feb5fa1f3.txt").unlink()
    report = engine.ingest([articles], prune=True, show_progress=False)
    assert report.removed == 1
    assert [a.doc_id for a in engine.articles()] == [
        "000_2237e40fe5077043", "001_be7e029a7d16086c", "003_cd9dee10429034ff", "004_faf6987c39893a7f"]
    assert all(c.doc_id != "002_2fe6722feb5fa1f3" for c in engine.ask("Guterres new chapter").citations)


def test_bad_files_are_named_and_skipped_while_the_rest_ingests(articles, tmp_path):
    (articles / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (articles / "empty.txt").write_text("   \n", encoding="utf-8")
    (articles / "latin1.txt").write_bytes("Caf\xe9 story".encode("latin-1"))
    (articles / "broken.json").write_text("{not json", encoding="utf-8")
    engine = build(articles, tmp_path / "store")
    report = engine.last_report
    failed = {path.rsplit("/", 1)[-1]: reason for path, reason in report.failed}
    assert set(failed) == {"binary.txt", "empty.txt", "latin1.txt", "broken.json"}
    assert "UTF-8" in failed["latin1.txt"] and "empty" in failed["empty.txt"]
    assert report.added == 5


def test_a_missing_path_is_reported_not_fatal(articles, tmp_path):
    engine = Engine.from_paths([articles, tmp_path / "nope"], store=tmp_path / "store",
                               embed_model=HashedBagOfWords(), show_progress=False)
    assert engine.last_report.added == 5
    assert any("no such file" in reason for _, reason in engine.last_report.failed)


def test_an_interrupted_ingest_never_serves_half_an_article_and_the_next_run_completes(articles, tmp_path, monkeypatch):
    store = tmp_path / "store"
    original_write = ChromaStore.write

    def killed_before_commit(self, prepared, replaced):
        self._add(self._chunks, [i for p in prepared for i in p.chunk_ids],
                  __import__("numpy").concatenate([p.chunk_embeddings for p in prepared]),
                  [t for p in prepared for t in p.chunk_texts], [m for p in prepared for m in p.chunk_metadatas])
        raise KeyboardInterrupt  # the process dies after chunks, before the article records

    monkeypatch.setattr(ChromaStore, "write", killed_before_commit)
    with pytest.raises(KeyboardInterrupt):
        build(articles, store)
    monkeypatch.setattr(ChromaStore, "write", original_write)

    reopened = Engine.open(store, embed_model=HashedBagOfWords())
    assert reopened.articles() == []
    assert reopened.ask("Where did Assad go?").citations == ()  # orphan chunks are not served

    engine = build(articles, store)
    assert engine.last_report.added == 5
    counts = engine.stats()
    assert counts["articles"] == 5
    assert counts["unfinished_chunks"] == 0  # the orphans were cleared


def test_a_store_built_with_another_model_is_refused_with_the_rebuild_command(articles, tmp_path):
    build(articles, tmp_path / "store")

    class OtherModel(HashedBagOfWords):
        model_name: str = "another-model"

    with pytest.raises(StoreError, match=r"built with embedding model hashed-bag-of-words-256.*--rebuild"):
        Engine.open(tmp_path / "store", embed_model=OtherModel())
    rebuilt = Engine.from_paths([articles], store=tmp_path / "store", embed_model=OtherModel(), rebuild=True,
                                show_progress=False)
    assert rebuilt.last_report.added == 5


def test_a_damaged_store_says_how_to_rebuild(tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    (store / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="--rebuild"):
        Engine.open(store, embed_model=HashedBagOfWords())


def test_opening_a_missing_store_names_the_command_that_builds_it(tmp_path):
    with pytest.raises(Exception, match=r"sourcewise ingest PATH --store"):
        Engine.open(tmp_path / "nothing-here", embed_model=HashedBagOfWords())


def test_an_unreachable_chroma_server_is_a_clear_error():
    with pytest.raises(StoreError, match=r"no Chroma server answers at http://127.0.0.1:9.*chroma run"):
        Engine.open(chroma_url="http://127.0.0.1:9", embed_model=HashedBagOfWords())


def test_rebuild_recovers_a_damaged_store(articles, tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    (store / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    engine = build(articles, store, rebuild=True)
    assert engine.last_report.added == 5


def test_rebuild_refuses_to_delete_a_folder_that_is_not_a_store(tmp_path, articles):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("do not delete", encoding="utf-8")
    (precious / "chroma.sqlite3").mkdir()  # not a database: opening fails
    with pytest.raises(Exception):
        build(articles, precious / "thesis.txt", rebuild=True)
    assert (precious / "thesis.txt").read_text(encoding="utf-8") == "do not delete"


def test_a_sidecar_change_updates_the_article_record_and_its_citations(articles, tmp_path):
    engine = build(articles, tmp_path / "store")
    assert engine.last_report.warnings == ()
    assert {a.doc_id: a.source for a in engine.articles()}["003_cd9dee10429034ff"] == "North Press"
    sidecar = articles / "metadata.jsonl"
    sidecar.write_text(sidecar.read_text(encoding="utf-8") + json.dumps(
        {"file": "000_2237e40fe5077043.txt", "source": "Test Outlet", "published": "2024-12-08",
         "url": "javascript:alert(1)"}) + "\n", encoding="utf-8")
    report = engine.ingest([articles], show_progress=False)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 4)
    assert report.warnings == ((str(sidecar), "line 3: url 'javascript:alert(1)' is not an http(s) address; "
                                              "ignored"),)
    assert "1 metadata warning" in report.summary() and report.to_dict()["warnings"] == [list(report.warnings[0])]
    article = {a.doc_id: a for a in engine.articles()}["000_2237e40fe5077043"]
    assert (article.source, article.published, article.url) == ("Test Outlet", "2024-12-08", None)
    cited = [c for c in engine.ask("Where did Assad arrive with his family?").citations
             if c.doc_id == "000_2237e40fe5077043"]
    assert cited and all((c.source, c.published) == ("Test Outlet", "2024-12-08") for c in cited)
    sidecar.unlink()
    report = engine.ingest([articles], show_progress=False)
    assert (report.updated, report.unchanged) == (1, 4)  # the seeds' own text states what their sidecar says
    assert {a.doc_id: a.source for a in engine.articles()}["000_2237e40fe5077043"] is None

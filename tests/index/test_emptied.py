"""Files and stores that were emptied: an article whose file is now empty leaves the index, and an emptied
database is refused instead of being written anew."""

from __future__ import annotations

import json

import pytest

from qa import Engine
from tests.fakes import HashedBagOfWords
from ui import cli

DECLARED = "001_be7e029a7d16086c"
QUESTION = "Who declared Damascus free of Bashar al-Assad?"


@pytest.mark.parametrize("suffix, emptied", [(".txt", ""), (".txt", "   \n\n"),
                                             (".html", "<html><body><script>x()</script></body></html>")])
def test_an_article_whose_file_was_emptied_is_taken_out_on_the_next_ingest(articles, tmp_path, suffix, emptied):
    path = articles / f"{DECLARED}{suffix}"
    if suffix != ".txt":
        text = (articles / f"{DECLARED}.txt").read_text(encoding="utf-8")
        (articles / f"{DECLARED}.txt").unlink()
        path.write_text(f"<html><body><p>{text}</p></body></html>", encoding="utf-8")
    with Engine.from_paths([articles], store=tmp_path / "store", embed_model=HashedBagOfWords(),
                           show_progress=False) as engine:
        assert any(c.doc_id == DECLARED for c in engine.ask(QUESTION).citations)
        path.write_text(emptied, encoding="utf-8")
        report = engine.ingest([articles], show_progress=False)
        assert (report.removed, report.unchanged) == (1, 4)
        [(failed, reason)] = report.failed
        assert failed == str(path) and reason.endswith("; its article was taken out of the index")
        assert DECLARED not in {a.doc_id for a in engine.articles()}
        assert all(c.doc_id != DECLARED for c in engine.ask(QUESTION).citations)
        assert engine.stats()["articles"] == 4


def test_prune_also_takes_out_the_articles_of_a_json_file_that_is_now_an_empty_list(articles, tmp_path, capsys,
                                                                                  monkeypatch):
    monkeypatch.setattr("qa.engine.BundledEmbedding", lambda: HashedBagOfWords())
    feed = articles / "feed.json"
    feed.write_text(json.dumps([{"id": "quokka", "title": "Quokka", "body": "The quokka festival drew 5,000 people."}]),
                    encoding="utf-8")
    store = str(tmp_path / "store")
    assert cli.main(["ingest", str(articles), "--store", store, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["added"] == 6
    feed.write_text("[]", encoding="utf-8")
    assert cli.main(["ingest", str(articles), "--store", store, "--prune", "--json"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out)["removed"] == 1 and "feed.json" in json.dumps(json.loads(out)["failed"])
    with Engine.open(store) as engine:
        assert len(engine.articles()) == 5


def test_ask_on_an_emptied_database_says_it_is_damaged_and_writes_nothing(articles, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("qa.engine.BundledEmbedding", lambda: HashedBagOfWords())
    store = tmp_path / "store"
    assert cli.main(["ingest", str(articles), "--store", str(store)]) == 0
    (store / "chroma.sqlite3").write_bytes(b"")
    before = sorted(p.name for p in store.iterdir())
    capsys.readouterr()
    assert cli.main(["ask", QUESTION, "--store", str(store)]) == 1
    err = capsys.readouterr().err
    assert err == (f"error: the store at {store} cannot be opened (ValueError: {store / 'chroma.sqlite3'} is empty); "
                   f"rebuild it: `sourcewise ingest PATH --store {store} --rebuild`\n")
    assert (store / "chroma.sqlite3").stat().st_size == 0 and sorted(p.name for p in store.iterdir()) == before
    assert cli.main(["ingest", str(articles), "--store", str(store), "--rebuild"]) == 0
    assert cli.main(["ask", QUESTION, "--store", str(store)]) == 0

"""`--rebuild` deletes only what the store made, the way the losses were found: through the CLI, on a real store."""

from __future__ import annotations

import json
import shutil

import pytest

from index.store import STORE_MARKER
from tests.conftest import SEEDS
from tests.fakes import HashedBagOfWords
from ui import cli
from ui.app import Handlers
from ui.uploads import MB


@pytest.fixture(autouse=True)
def fake_model(monkeypatch):
    monkeypatch.setattr("qa.engine.BundledEmbedding", lambda: HashedBagOfWords())


def damage(store) -> None:
    with open(store / "chroma.sqlite3", "r+b") as database:
        database.write(b"not a database any more" * 200)


def ingest(*args: str) -> int:
    return cli.main(["ingest", *args])


def test_the_advised_rebuild_keeps_the_browser_uploads_and_indexes_them_again(tmp_path, capsys):
    store = tmp_path / "store"
    assert ingest(str(SEEDS), "--store", str(store)) == 0
    from qa import Engine

    with Engine.open(store) as engine:
        upload = tmp_path / "quokka.txt"
        upload.write_text("Quokka Festival\nThe quokka festival drew 5,000 people.\n", encoding="utf-8")
        status, _ = Handlers(engine, upload_dir=store / "uploads", max_bytes=MB).add_files(
            [str(upload)], progress=lambda *a, **k: None)
        assert "1 added" in status
    damage(store)
    capsys.readouterr()
    assert cli.main(["ask", "Where did Assad go?", "--store", str(store)]) == 1
    advice = capsys.readouterr().err
    assert f"rebuild it: `sourcewise ingest PATH --store {store} --rebuild`" in advice

    assert ingest(str(store / "uploads"), str(SEEDS), "--store", str(store), "--rebuild", "--json") == 0
    out, err = capsys.readouterr()
    assert "skipped" not in err
    assert json.loads(out)["added"] == 6
    assert (store / "uploads" / "quokka.txt").read_text(encoding="utf-8").startswith("Quokka Festival")
    assert cli.main(["ask", "How many people did the quokka festival draw?", "--store", str(store), "--json"]) == 0
    assert any("5,000 people" in c["quote"] for c in json.loads(capsys.readouterr().out)["citations"])


def user_folder(tmp_path):
    folder = tmp_path / "thesis"
    (folder / "sub").mkdir(parents=True)
    (folder / "notes.txt").write_text("my notes", encoding="utf-8")
    (folder / "sub" / "thesis.tex").write_text("\\documentclass{article}", encoding="utf-8")
    return folder


def files_in(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.mark.parametrize("rebuild", [False, True])
def test_a_store_is_never_made_in_a_folder_of_someone_elses_files(tmp_path, capsys, rebuild):
    folder = user_folder(tmp_path)
    before = files_in(folder)
    assert ingest(str(SEEDS), "--store", str(folder), *(["--rebuild"] if rebuild else [])) == 1
    err = capsys.readouterr().err
    assert err == (f"error: {folder} is not empty and is not a Sourcewise store (it holds notes.txt, sub): "
                   "choose a new or empty folder for --store\n")
    assert files_in(folder) == before


def test_a_folder_holding_only_a_server_stores_lexical_replica_takes_a_local_store(tmp_path, capsys):
    """`--chroma-url` keeps its lexical replica in .sourcewise, the local store's default folder, too."""
    folder = tmp_path / ".sourcewise"
    folder.mkdir()
    replica = folder / "lexical-sourcewise-2ca46762-eff3-45b8-af20-c9ef70ca08c5.sqlite3"
    replica.write_bytes(b"replica")
    assert ingest(str(SEEDS), "--store", str(folder), "--json") == 0
    assert json.loads(capsys.readouterr().out)["added"] == 5
    assert replica.read_bytes() == b"replica"


def test_a_rebuild_of_a_damaged_store_made_in_a_shared_folder_deletes_only_what_chroma_wrote(tmp_path, capsys):
    """A store that an earlier version wrote into a folder of the user's files: once damaged, the rebuild it
    advises used to delete the folder, files and all."""
    folder = user_folder(tmp_path)
    before = files_in(folder)
    scratch = tmp_path / "scratch"
    assert ingest(str(SEEDS), "--store", str(scratch)) == 0
    for entry in scratch.iterdir():  # what the earlier version wrote there: the database and index segments
        if entry.name != STORE_MARKER:
            shutil.move(str(entry), folder / entry.name)
    damage(folder)
    capsys.readouterr()

    assert ingest(str(SEEDS), "--store", str(folder), "--rebuild", "--json") == 0
    assert json.loads(capsys.readouterr().out)["added"] == 5
    after = files_in(folder)
    assert {name: after[name] for name in before} == before
    assert ingest(str(SEEDS), "--store", str(folder), "--json") == 0
    assert json.loads(capsys.readouterr().out)["unchanged"] == 5


def test_a_new_store_is_marked_and_an_empty_folder_becomes_one(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    for store in (tmp_path / "new", empty):
        assert ingest(str(SEEDS), "--store", str(store)) == 0
        assert json.loads((store / STORE_MARKER).read_text(encoding="utf-8"))["sourcewise_store"] == 1


def test_ask_never_writes_into_a_folder_without_an_index(tmp_path, capsys):
    folder = user_folder(tmp_path)
    before = files_in(folder)
    empty = tmp_path / "empty"
    empty.mkdir()
    for store in (folder, empty):
        assert cli.main(["ask", "Where did Assad go?", "--store", str(store)]) == 1
        assert f"no index at {store}: build it with `sourcewise ingest PATH --store {store}`" in capsys.readouterr().err
    assert files_in(folder) == before and list(empty.iterdir()) == []

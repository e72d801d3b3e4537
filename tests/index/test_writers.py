"""Two writers on one store, the way the data loss was found: a second ingest (or an upload in the browser chat)
starting while the first one's batch is being written. Real processes, a real on-disk Chroma store, and the hashed
fake embedding so a 150-article ingest takes seconds."""

from __future__ import annotations

import json
import logging
import shutil
import threading
import time
from pathlib import Path

import pytest

from bench.synth import write_collection
from qa import Engine
from tests import integrity
from tests.conftest import SEEDS
from tests.ingest_process import Writer
from tests.integrity import open_store
from tests.fakes import HashedBagOfWords

pytestmark = pytest.mark.slow
EMBED = HashedBagOfWords()


@pytest.fixture(scope="module")
def collection(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("writers") / "articles"
    write_collection(folder, 150, seed=13)
    return folder


@pytest.fixture
def seeds(tmp_path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def broken_articles(store_path: Path) -> dict[str, tuple[int, int, int, int]]:
    store = open_store(store_path)
    try:
        return integrity.broken_articles(store)
    finally:
        store.close()


def article_count(store_path: Path) -> int:
    with Engine.open(store_path, embed_model=EMBED) as engine:
        return len(engine.articles())


def wait_for_log(caplog, text: str, thread: threading.Thread, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not any(text in r.getMessage() for r in caplog.records):
        assert thread.is_alive(), "the second writer finished without waiting for the first"
        assert time.monotonic() < deadline, f"no {text!r} in the log"
        time.sleep(0.02)


@pytest.mark.parametrize("pause", ["write", "chunks", "records"])
def test_an_engine_built_while_another_ingest_writes_its_batch_waits_for_it_and_nothing_is_lost(
        collection, seeds, tmp_path, caplog, pause):
    store = tmp_path / "store"
    first = Writer(tmp_path, [str(collection), "--store", str(store)], pause=pause)
    first.paused()

    built: dict = {}

    def second_writer():
        try:
            built["engine"] = Engine.from_paths([seeds], store=store, embed_model=EMBED, show_progress=False, wait=120)
        except BaseException as exc:  # reported by the assertions below
            built["error"] = exc

    thread = threading.Thread(target=second_writer)
    with caplog.at_level(logging.WARNING, logger="sourcewise"):
        thread.start()
        wait_for_log(caplog, f"the store at {store} is being written by another ingest (pid {first.process.pid}",
                     thread)
    first.resume()
    code, out, err = first.finish()
    thread.join(timeout=300)
    assert code == 0, err
    assert "error" not in built, built.get("error")
    assert json.loads(out)["added"] == 150
    assert built["engine"].last_report.added == 5
    built["engine"].close()

    assert broken_articles(store) == {}
    assert article_count(store) == 155
    again = Writer(tmp_path, [str(collection), "--store", str(store)])
    code, out, err = again.finish()
    assert code == 0, err
    assert (json.loads(out)["unchanged"], json.loads(out)["chunks"]) == (150, 0)


def test_a_second_cli_ingest_that_may_not_wait_refuses_in_one_line_naming_the_first(collection, seeds, tmp_path):
    store = tmp_path / "store"
    first = Writer(tmp_path, [str(collection), "--store", str(store)], pause="chunks")
    first.paused()
    second = Writer(tmp_path, [str(seeds), "--store", str(store), "--wait", "0"])
    code, out, err = second.finish()
    assert code == 1 and out == ""
    assert err.startswith(f"error: the store at {store} is being written by another ingest (pid {first.process.pid} ")
    assert "only one writer at a time: try again when it is done, or wait longer with --wait SECONDS" in err
    assert len(err.strip().splitlines()) == 1
    first.resume()
    assert first.finish()[0] == 0
    assert broken_articles(store) == {}
    assert article_count(store) == 150


def test_a_second_cli_ingest_waits_for_the_first_and_both_complete(collection, seeds, tmp_path):
    store = tmp_path / "store"
    first = Writer(tmp_path, [str(collection), "--store", str(store)], pause="chunks")
    first.paused()
    second = Writer(tmp_path, [str(seeds), "--store", str(store), "--wait", "120"])
    deadline = time.monotonic() + 60
    while f"(pid {first.process.pid} " not in second.err():  # its stderr says why it waits, while it waits
        assert second.process.poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    assert "waiting up to 120 s for it to finish" in second.err()
    first.resume()
    assert first.finish()[0] == 0
    code, out, err = second.finish()
    assert code == 0, err
    assert json.loads(out)["added"] == 5
    assert broken_articles(store) == {}
    assert article_count(store) == 155


def test_an_upload_in_the_browser_chat_during_a_cli_ingest_waits_and_both_complete(collection, tmp_path, caplog):
    from ui.app import Handlers
    from ui.uploads import MB

    store = tmp_path / "store"
    Writer(tmp_path, [str(SEEDS / "000_2237e40fe5077043.txt"), "--store", str(store)]).finish()
    first = Writer(tmp_path, [str(collection), "--store", str(store)], pause="chunks")
    first.paused()
    engine = Engine.open(store, embed_model=EMBED, wait=120)
    handlers = Handlers(engine, upload_dir=store / "uploads", max_bytes=MB)
    story = tmp_path / "quokka.txt"
    story.write_text("Quokka Festival draws crowds\nThe quokka festival drew 5,000 people to Rottnest.\n",
                     encoding="utf-8")
    status: dict = {}

    def upload():
        status["html"] = handlers.add_files([str(story)], progress=lambda *args, **kwargs: None)[0]

    thread = threading.Thread(target=upload)
    with caplog.at_level(logging.WARNING, logger="sourcewise"):
        thread.start()
        wait_for_log(caplog, f"being written by another ingest (pid {first.process.pid}", thread)
    first.resume()
    assert first.finish()[0] == 0
    thread.join(timeout=300)
    assert "1 added" in status["html"]
    assert any("quokka" in c.quote for c in engine.ask("How many people did the quokka festival draw?").citations)
    assert len(engine.articles()) == 152  # the engine's own ingest sees what the other writer added
    engine.close()
    assert broken_articles(store) == {}

"""Server mode against a real `chroma run` on loopback, started, killed and restarted by the tests."""

import re

import pytest

from bench.processes import free_port, start_chroma, stop
from index.errors import InputError, StoreError
from qa import Engine
from tests.conftest import SEEDS
from tests.fakes import HashedBagOfWords

pytestmark = pytest.mark.slow
QUESTION = "Who declared Damascus free of Bashar al-Assad?"


@pytest.fixture(autouse=True)
def in_a_scratch_folder(tmp_path, monkeypatch):
    """A server store keeps its lexical replica in ./.sourcewise: never in the checkout the tests run from."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    port = free_port()
    server = start_chroma(tmp_path_factory.mktemp("chroma-data"), port)
    yield f"http://127.0.0.1:{port}"
    stop(server)


def test_ingest_and_ask_through_a_chroma_server(chroma_url, tmp_path):
    engine = Engine.from_paths([SEEDS], chroma_url=chroma_url, embed_model=HashedBagOfWords(), show_progress=False)
    assert engine.last_report.added == 5
    assert engine.stats()["store"] == chroma_url
    answer = engine.ask(QUESTION)
    assert any("Hadi al-Bahra" in c.quote for c in answer.citations)
    again = Engine.from_paths([SEEDS], chroma_url=chroma_url, embed_model=HashedBagOfWords(), show_progress=False)
    assert again.last_report.unchanged == 5 and again.last_report.chunks == 0
    local = [p.name for p in (tmp_path / ".sourcewise").iterdir()]  # only the lexical index's replica
    assert local and all(name.startswith("lexical-sourcewise-") for name in local), local


def test_a_server_that_went_down_is_a_clear_error(chroma_url):
    with pytest.raises(StoreError, match="no Chroma server answers"):
        Engine.open(chroma_url=chroma_url.rsplit(":", 1)[0] + f":{free_port()}", embed_model=HashedBagOfWords())


def test_a_server_killed_mid_session_is_a_store_error_and_the_same_engine_works_once_it_is_back(
        tmp_path, monkeypatch, capsys):
    data, port = tmp_path / "chroma-data", free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_chroma(data, port)
    try:
        with Engine.from_paths([SEEDS], chroma_url=url, embed_model=HashedBagOfWords(),
                               show_progress=False) as engine:
            cited = engine.ask(QUESTION).citations[0]
            assert any("Hadi al-Bahra" in c.quote for c in engine.ask(QUESTION).citations)

            server.kill()
            server.wait()
            names_the_server = rf"the Chroma server at {re.escape(url)} stopped answering .*chroma run"
            with pytest.raises(StoreError, match=names_the_server):
                engine.ask(QUESTION)
            with pytest.raises(StoreError, match=names_the_server):
                engine.ingest([SEEDS], show_progress=False)
            with pytest.raises(StoreError, match=names_the_server):
                engine.stats()
            for call in (engine.conflicts, lambda: engine.rank_documents(QUESTION), lambda: engine.query(QUESTION),
                         lambda: engine.remove("001_be7e029a7d16086c"), lambda: engine.context(cited)):
                with pytest.raises(StoreError, match=names_the_server):
                    call()

            from ui import cli

            monkeypatch.setattr("qa.engine.BundledEmbedding", lambda: HashedBagOfWords())
            assert cli.main(["ask", QUESTION, "--chroma-url", url]) != 0
            err = capsys.readouterr().err
            assert len(err.strip().splitlines()) == 1 and url in err and "Traceback" not in err

            server = start_chroma(data, port)
            assert any("Hadi al-Bahra" in c.quote for c in engine.ask(QUESTION).citations)
            report = engine.ingest([SEEDS], show_progress=False)
            assert (report.unchanged, report.chunks) == (5, 0)
    finally:
        server.kill()
        server.wait()


def test_a_server_without_an_index_names_the_command_that_builds_it_there(tmp_path):
    port = free_port()
    server = start_chroma(tmp_path / "empty", port)
    url = f"http://127.0.0.1:{port}"
    try:
        with pytest.raises(InputError, match=rf"no index in {re.escape(url)}: .*--chroma-url {re.escape(url)}"):
            Engine.open(chroma_url=url, embed_model=HashedBagOfWords())
    finally:
        stop(server)


def test_a_second_writer_waits_for_the_first_and_takes_over_the_lease_of_one_killed_mid_batch(tmp_path, caplog):
    """Two writers on one server store: the first killed -9 while its first batch is written holds a lease that
    nobody renews; the second waits, says for whom, takes over once it expires, and nothing is served half."""
    import json
    import logging

    from bench.synth import write_collection
    from index import locking
    from tests.ingest_process import Writer

    articles = tmp_path / "articles"
    write_collection(articles, 40, seed=5)
    data, port = tmp_path / "chroma-data", free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_chroma(data, port)
    try:
        first = Writer(tmp_path, [str(articles), "--chroma-url", url], pause="chunks", lease=2)
        first.paused()
        first.process.kill()
        first.process.wait()
        caplog.set_level(logging.WARNING, logger="sourcewise")
        original = locking.LEASE_SECONDS
        locking.LEASE_SECONDS = 2.0
        try:
            engine = Engine.from_paths([SEEDS], chroma_url=url, embed_model=HashedBagOfWords(), show_progress=False,
                                       wait=60)
        finally:
            locking.LEASE_SECONDS = original
        messages = " ".join(r.getMessage() for r in caplog.records)
        assert f"being written by another ingest (pid {first.process.pid} " in messages
        assert "lease expired" in messages
        assert engine.last_report.added == 5
        assert {a.doc_id for a in engine.articles()} == {p.stem for p in SEEDS.glob("*.txt")}
        assert engine.stats()["unfinished_chunks"] == 0  # the dead writer's chunks are gone

        rerun = Writer(tmp_path, [str(articles), "--chroma-url", url])
        code, out, err = rerun.finish()
        assert code == 0, err
        assert json.loads(out)["added"] == 40
        engine.close()
    finally:
        server.kill()
        server.wait()


def test_a_server_killed_mid_ingest_is_one_line_loses_nothing_indexed_and_the_rerun_completes_it(tmp_path):
    import json

    from bench.synth import write_collection
    from tests.ingest_process import Writer
    from tests.integrity import broken_articles, open_store

    articles = tmp_path / "articles"
    write_collection(articles, 60, seed=9)
    data, port = tmp_path / "chroma-data", free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_chroma(data, port)
    try:
        code, _, err = Writer(tmp_path, [str(SEEDS), "--chroma-url", url]).finish()
        assert code == 0, err
        interrupted = Writer(tmp_path, [str(articles), "--chroma-url", url], pause="chunks", lease=3)
        interrupted.paused()
        server.kill()
        server.wait()
        interrupted.resume()
        code, out, err = interrupted.finish()
        assert code == 1 and out == "" and "Traceback" not in err
        assert err.startswith(f"error: the Chroma server at {url} stopped answering (")
        assert "chroma run --path DIR" in err and len(err.strip().splitlines()) == 1

        server = start_chroma(data, port)
        store = open_store(url=url)
        assert broken_articles(store) == {}
        assert set(store.articles()) == {p.stem for p in SEEDS.glob("*.txt")}  # the seeds, whole; nothing half
        store.close()

        rerun = Writer(tmp_path, [str(articles), "--chroma-url", url], lease=3)
        code, out, err = rerun.finish()
        assert code == 0, err
        assert (json.loads(out)["added"], json.loads(out)["unchanged"]) == (60, 0)
        store = open_store(url=url)
        assert broken_articles(store) == {} and len(store.articles()) == 65
        counts = store.counts()
        assert counts["unfinished_chunks"] == 0
        store.close()
    finally:
        server.kill()
        server.wait()


def test_the_app_over_a_server_that_went_down_says_so_in_one_line_and_works_again_when_it_is_back(tmp_path):
    from bench.load import AppClient, AppError
    from ui.app import Handlers, build_app, launch
    from ui.uploads import MB

    data, port = tmp_path / "chroma-data", free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_chroma(data, port)
    engine = Engine.from_paths([SEEDS], chroma_url=url, embed_model=HashedBagOfWords(), show_progress=False)
    app = build_app(engine, upload_dir=tmp_path / "uploads")
    handlers = Handlers(engine, upload_dir=tmp_path / "uploads", max_bytes=MB)
    app_url = launch(app, port=free_port(), block=False)
    story = tmp_path / "quokka.txt"
    story.write_text("Quokka Festival\nThe quokka festival drew 5,000 people.\n", encoding="utf-8")
    try:
        client = AppClient(app_url)
        assert any("Hadi al-Bahra" in c["quote"] for c in client.ask(QUESTION)["citations"])

        server.kill()
        server.wait()
        with pytest.raises(AppError) as raised:
            client.ask(QUESTION)
        assert raised.value.message.startswith(f"the Chroma server at {url} stopped answering")
        assert "\n" not in raised.value.message
        status, _ = handlers.add_files([str(story)], progress=lambda *a, **k: None)
        assert f"the Chroma server at {url} stopped answering" in status

        server = start_chroma(data, port)
        assert any("Hadi al-Bahra" in c["quote"] for c in client.ask(QUESTION)["citations"])
        status, _ = handlers.add_files([str(story)], progress=lambda *a, **k: None)
        assert "1 added" in status
        assert any("5,000" in c["quote"] for c in client.ask("How many people did the quokka festival draw?")["citations"])
    finally:
        app.close()
        engine.close()
        server.kill()
        server.wait()

"""The store's commit marker, lifecycle and failures, against a real on-disk Chroma store and the hashed fake embedding.

A recording wrapper around the real Chroma client logs every write, so the order of writes is checked on the real
thing, and can cut a write short the way a dying process or server would.
"""

import shutil
import sqlite3

import chromadb
import pytest
from chromadb.config import Settings

from index.chunking import word_token_estimate
from index.embedding import model_identity
from index.errors import InputError, StoreError
from index.ingest import ingest
from index.store import VECTOR_INDEX, ChromaStore, delete_local_store
from qa import Engine
from tests.fakes import HashedBagOfWords

EMBED = HashedBagOfWords()
CHANGED = "004_faf6987c39893a7f"
NEW_SENTENCE = "\nA zebra crossed the quartz bridge at Tartus on Friday.\n"


class RecordingCollection:
    """A real collection whose writes are logged as (collection, operation, content hashes or doc ids)."""

    def __init__(self, collection, suffix, recorder):
        self._collection, self._suffix, self._recorder = collection, suffix, recorder

    def __getattr__(self, name):
        return getattr(self._collection, name)

    def upsert(self, *, ids, metadatas, **kwargs):
        hashes = {m["content_hash"] for m in metadatas}
        self._recorder.record(self._suffix, "upsert", hashes, ids)
        return self._collection.upsert(ids=ids, metadatas=metadatas, **kwargs)

    def delete(self, ids=None, where=None):
        self._recorder.record(self._suffix, "delete", where, ids)
        return self._collection.delete(ids=ids, where=where)


class Recorder:
    """Wraps a real Chroma client; ``fail_at`` names a (collection, operation) that raises instead of running."""

    def __init__(self, client, fail_at=None):
        self.client, self.fail_at, self.log = client, fail_at, []

    def __getattr__(self, name):
        return getattr(self.client, name)

    def record(self, suffix, operation, what, ids):
        if (suffix, operation) == self.fail_at:
            raise ConnectionResetError("the connection was cut")
        self.log.append((suffix, operation, what, list(ids or [])))

    def get_or_create_collection(self, name, **kwargs):
        return RecordingCollection(self.client.get_or_create_collection(name, **kwargs), name.rsplit("-", 1)[1], self)


def open_store(path, fail_at=None) -> ChromaStore:
    return recorded_store(path, fail_at)[0]


def recorded_store(path, fail_at=None) -> tuple[ChromaStore, list]:
    """A store over the real client at ``path`` and the log of its writes."""
    model_id, dimension = model_identity(EMBED)
    client = Recorder(chromadb.PersistentClient(path=str(path), settings=Settings(anonymized_telemetry=False)),
                      fail_at)
    store = ChromaStore(client, location=str(path), model_id=model_id, dimension=dimension).open(create=True)
    return store, client.log


def run_ingest(folder, store):
    return ingest([folder], store, EMBED, word_token_estimate, show_progress=False)


def chunk_hashes(store) -> set[tuple[str, str]]:
    return {(c.doc_id, c.content_hash) for c in store.iter_chunks()}


def change_article(folder):
    path = folder / f"{CHANGED}.txt"
    original = path.read_text(encoding="utf-8")
    path.write_text(original + NEW_SENTENCE, encoding="utf-8")
    return path, original


def test_an_article_record_is_written_after_its_chunks_which_hold_its_sentences(articles, tmp_path):
    store, log = recorded_store(tmp_path / "store")
    run_ingest(articles, store)
    records = [i for i, (suffix, op, _, _) in enumerate(log) if (suffix, op) == ("articles", "upsert")]
    assert records
    assert {suffix for suffix, _, _, _ in log} == {"articles", "chunks"}
    for i in records:
        committed = log[i][2]
        writes = [j for j, (s, op, hashes, _) in enumerate(log) if (s, op) == ("chunks", "upsert") and hashes & committed]
        assert writes and max(writes) < i, "chunks of an article were written after its record"


def test_a_write_cut_before_the_article_record_serves_nothing_and_the_next_ingest_completes_it(articles, tmp_path):
    cut = open_store(tmp_path / "store", fail_at=("articles", "upsert"))
    with pytest.raises(StoreError, match=r"the store at .*store cannot be read \(ConnectionResetError"):
        run_ingest(articles, cut)
    counts = cut.counts()
    assert (counts["articles"], counts["chunks"], counts["sentences"]) == (0, 0, 0)  # nothing is served
    assert counts["unfinished_chunks"] > 0

    engine = Engine(open_store(tmp_path / "store"), EMBED)
    assert engine.articles() == []
    assert engine.ask("Who declared Damascus free of Bashar al-Assad?").citations == ()
    assert (engine.stats()["chunks"], engine.stats()["unfinished_chunks"]) == (0, counts["unfinished_chunks"])

    report = engine.ingest([articles], show_progress=False)
    assert report.added == 5
    counts = engine.stats()
    assert counts["unfinished_chunks"] == 0


def test_chunks_of_a_version_that_never_went_live_are_not_served_and_the_next_ingest_clears_them(articles, tmp_path):
    store = open_store(tmp_path / "store")
    run_ingest(articles, store)
    live = {d: a.content_hash for d, a in store.articles().items()}
    path, original = change_article(articles)
    with pytest.raises(StoreError):
        run_ingest(articles, open_store(tmp_path / "store", fail_at=("articles", "upsert")))
    assert len(chunk_hashes(store)) == len(live) + 1  # the new version's chunks sit beside the live one's
    assert {d: a.content_hash for d, a in store.articles().items()} == live

    engine = Engine(open_store(tmp_path / "store"), EMBED)
    answer = engine.ask("What crossed the quartz bridge at Tartus?")
    assert not any("zebra" in c.quote for c in answer.citations)

    path.write_text(original, encoding="utf-8")  # the file is back as it was: nothing to embed
    report = engine.ingest([articles], show_progress=False)
    assert (report.unchanged, report.chunks) == (5, 0)
    assert chunk_hashes(store) == set(live.items())
    counts = engine.stats()
    assert counts["unfinished_chunks"] == 0


def test_replacing_a_version_deletes_the_old_one_only_after_the_new_one_is_live(articles, tmp_path):
    run_ingest(articles, open_store(tmp_path / "store"))
    store, log = recorded_store(tmp_path / "store")
    old = store.articles()[CHANGED].content_hash
    change_article(articles)
    assert run_ingest(articles, store).updated == 1
    new = store.articles()[CHANGED].content_hash
    assert new != old

    record = next(i for i, (s, op, hashes, _) in enumerate(log) if (s, op) == ("articles", "upsert") and new in hashes)
    deletes = [i for i, (s, op, where, _) in enumerate(log) if op == "delete" and old in str(where)]
    assert {log[i][0] for i in deletes} == {"chunks"}
    assert min(deletes) > record
    assert (CHANGED, old) not in chunk_hashes(store) and (CHANGED, new) in chunk_hashes(store)


def test_remove_takes_the_record_out_first_then_its_chunks(articles, tmp_path):
    run_ingest(articles, open_store(tmp_path / "store"))
    store, log = recorded_store(tmp_path / "store")
    before, gone = store.counts(), store.articles()[CHANGED]

    assert store.remove(CHANGED) is True
    assert [(s, op) for s, op, _, _ in log] == [
        ("articles", "delete"), ("chunks", "delete")]
    assert store.counts() == {"articles": before["articles"] - 1, "chunks": before["chunks"] - gone.chunks,
                              "sentences": before["sentences"] - gone.sentences, "unfinished_chunks": 0}
    assert CHANGED not in {doc_id for doc_id, _ in chunk_hashes(store)}
    assert store.remove(CHANGED) is False


def test_an_engine_is_a_context_manager_and_a_closed_one_says_so(articles, tmp_path):
    with Engine.from_paths([articles], store=tmp_path / "store", embed_model=EMBED, show_progress=False) as engine:
        assert engine.ask("Who declared Damascus free of Bashar al-Assad?").citations
    for call in (lambda: engine.ask("Where did Assad go?"), engine.articles, engine.stats,
                 lambda: engine.ingest([articles], show_progress=False), lambda: engine.remove(CHANGED)):
        with pytest.raises(StoreError, match=r"store at .*store was closed: open it again"):
            call()
    engine.close()  # a second close changes nothing
    with Engine.open(tmp_path / "store", embed_model=EMBED) as again:
        assert len(again.articles()) == 5


def test_a_store_damaged_while_open_says_how_to_rebuild_and_the_rebuild_works(articles, tmp_path):
    store = tmp_path / "store"
    engine = Engine.from_paths([articles], store=store, embed_model=EMBED, show_progress=False)
    with open(store / "chroma.sqlite3", "r+b") as database:
        database.write(b"not a database any more" * 200)
    for call in (lambda: engine.ask("Where did Assad go?"), engine.stats,
                 lambda: engine.ingest([articles], show_progress=False)):
        with pytest.raises(StoreError, match=rf"the store at {store} cannot be read .*--store {store} --rebuild"):
            call()
    engine.close()
    rebuilt = Engine.from_paths([articles], store=store, embed_model=EMBED, show_progress=False, rebuild=True)
    assert rebuilt.last_report.added == 5


def test_a_store_of_the_earlier_layout_says_to_rebuild_and_the_rebuild_drops_its_sentence_collection(
        articles, tmp_path):
    store = tmp_path / "store"
    Engine.from_paths([articles], store=store, embed_model=EMBED, show_progress=False).close()
    client = chromadb.PersistentClient(path=str(store), settings=Settings(anonymized_telemetry=False))
    chunks = client.get_collection("sourcewise-chunks")
    chunks.modify(metadata={**chunks.metadata, "schema": 1})  # layout 1 kept sentences in a collection of their own
    client.create_collection("sourcewise-sentences", embedding_function=None, metadata={"schema": 1})
    with pytest.raises(StoreError, match=rf"the store at {store} was written by an earlier Sourcewise \(store "
                                         rf"layout 1, this one reads layout 2\): rebuild it with .*--rebuild"):
        Engine.open(store, embed_model=EMBED)
    rebuilt = Engine.from_paths([articles], store=store, embed_model=EMBED, show_progress=False, rebuild=True)
    assert rebuilt.last_report.added == 5
    assert rebuilt.ask("Who declared Damascus free of Bashar al-Assad?").citations
    rebuilt.close()
    names = {c.name for c in chromadb.PersistentClient(
        path=str(store), settings=Settings(anonymized_telemetry=False)).list_collections()}
    assert names == {"sourcewise-articles", "sourcewise-chunks"}


def chunk_graph(store) -> dict:
    client = chromadb.PersistentClient(path=str(store), settings=Settings(anonymized_telemetry=False))
    return client.get_collection("sourcewise-chunks").configuration_json["hnsw"]


def test_a_new_store_builds_its_vector_graph_with_the_fitted_settings(articles, tmp_path):
    Engine.from_paths([articles], store=tmp_path / "store", embed_model=EMBED, show_progress=False).close()
    assert {k: chunk_graph(tmp_path / "store")[k] for k in VECTOR_INDEX} == VECTOR_INDEX


def test_a_store_made_with_a_narrower_search_searches_wider_from_its_next_ingest_on(articles, tmp_path):
    store = tmp_path / "store"
    client = chromadb.PersistentClient(path=str(store), settings=Settings(anonymized_telemetry=False))
    model_id, dimension = model_identity(EMBED)
    for suffix in ("articles", "chunks"):  # as an earlier Sourcewise made them: Chroma's default graph
        client.create_collection(f"sourcewise-{suffix}", embedding_function=None, configuration={
            "hnsw": {"space": "cosine"}}, metadata={"embedding_model": model_id, "dimension": dimension, "schema": 2})
    assert chunk_graph(store)["ef_search"] < VECTOR_INDEX["ef_search"]
    with Engine.from_paths([articles], store=store, embed_model=EMBED, show_progress=False) as engine:
        assert engine.ask("Who declared Damascus free of Bashar al-Assad?").citations
    graph = chunk_graph(store)
    assert graph["ef_search"] == VECTOR_INDEX["ef_search"]
    assert graph["max_neighbors"] == 16  # the graph itself keeps what it was built with until a rebuild


def test_a_store_chroma_cannot_start_on_says_so_and_is_rebuilt_in_the_same_process(articles, tmp_path):
    for store in (tmp_path / "opened", tmp_path / "rebuilt"):
        store.mkdir()
        with sqlite3.connect(store / "chroma.sqlite3") as database:  # a database, but not one Chroma made
            database.execute("CREATE TABLE migrations (version TEXT)")
    with pytest.raises(StoreError, match=rf"the store at {tmp_path / 'opened'} cannot be opened .*--rebuild"):
        Engine.open(tmp_path / "opened", embed_model=EMBED)
    rebuilt = Engine.from_paths([articles], store=tmp_path / "rebuilt", embed_model=EMBED, show_progress=False,
                                rebuild=True)
    assert rebuilt.last_report.added == 5
    assert rebuilt.ask("Who declared Damascus free of Bashar al-Assad?").citations


def test_a_rebuild_never_deletes_a_folder_that_is_not_a_store(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    (folder / "chroma.sqlite3").mkdir()
    with pytest.raises(StoreError, match="cannot be opened"):
        Engine.open(folder, embed_model=EMBED)
    shutil.rmtree(folder / "chroma.sqlite3")
    with pytest.raises(InputError, match="does not look like a Sourcewise store; not deleting it"):
        delete_local_store(folder)
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("url", ["http://[::1", "http://127.0.0.1:99999", "http://"])
def test_a_chroma_url_that_cannot_be_read_is_a_store_error(url):
    with pytest.raises(StoreError, match="give it as http://HOST:PORT"):
        Engine.open(chroma_url=url, embed_model=EMBED)


def test_a_write_killed_mid_transaction_leaves_a_journal_that_opening_rolls_back_not_a_damaged_store(
        articles, tmp_path):
    """kill -9 inside a database write leaves a hot journal; a read-only look at the file cannot roll it back,
    which once made a healthy store look damaged and advised a rebuild."""
    import subprocess
    import sys

    store = tmp_path / "store"
    Engine.from_paths([articles], store=store, embed_model=EMBED, show_progress=False).close()
    code = ("import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
            "c.execute('PRAGMA cache_size=1'); c.execute('BEGIN IMMEDIATE'); "
            "c.execute('UPDATE embeddings SET seq_id = seq_id'); c.execute('CREATE TABLE cut(x)'); "
            "c.execute('INSERT INTO cut VALUES (zeroblob(1000000))'); print('mid-write', flush=True); time.sleep(300)")
    writer = subprocess.Popen([sys.executable, "-c", code, str(store / "chroma.sqlite3")], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert writer.stdout.readline().strip() == "mid-write"
    finally:
        writer.kill()
        writer.wait()
    assert (store / "chroma.sqlite3-journal").exists()
    with sqlite3.connect(f"{(store / 'chroma.sqlite3').as_uri()}?mode=ro", uri=True) as look:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            look.execute("SELECT count(*) FROM sqlite_master").fetchone()
    with Engine.open(store, embed_model=EMBED) as engine:
        assert len(engine.articles()) == 5
        assert engine.ask("Who declared Damascus free of Bashar al-Assad?").citations

"""`kill -9` of an ingest of 150 articles at random points, again and again on one store: the next question is
answered from whole articles only, the next ingest completes what was missing and embeds nothing that was whole,
and the counts agree. The hashed fake embedding keeps a round to seconds; one round runs the real model."""

from __future__ import annotations

import json
import os
import random
import shutil
import time
from pathlib import Path

import pytest

from bench.synth import write_collection
from qa import Engine
from tests.fakes import HashedBagOfWords
from tests.ingest_process import Writer
from tests.integrity import broken_articles, lexical_disagreements, open_store

pytestmark = pytest.mark.slow
SEED = int(os.environ.get("SOURCEWISE_KILL_SEED", "1"))  # 1 once killed inside a write and left a hot journal


@pytest.fixture(scope="module")
def collection(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("kill") / "articles"
    write_collection(folder, 150, seed=21)
    return folder


def questions_from(folder: Path, rng: random.Random, n: int = 6) -> list[str]:
    """Questions made of a sentence's words, from articles picked at random."""
    picked = rng.sample(sorted(folder.glob("*.txt")), n)
    return [p.read_text(encoding="utf-8").splitlines()[1].split(". ")[0].rstrip(".") + "?" for p in picked]


def kill_at_random(writer: Writer, trace: Path, rng: random.Random) -> str:
    """Kill -9 the writer after a random number of completed store writes (0: while it reads and embeds), a
    random few milliseconds later, so the kill lands inside a write as often as between two."""
    writes = rng.randint(0, 6)
    deadline = time.monotonic() + 120
    while writer.process.poll() is None and time.monotonic() < deadline:
        done = trace.read_text(encoding="utf-8").count("\n") if trace.exists() else 0
        if done >= writes:
            break
        time.sleep(0.005)
    if writes == 0:
        time.sleep(rng.uniform(0.5, 4.0))  # somewhere in start-up, reading, chunking or the first embedding
    time.sleep(rng.uniform(0, 0.03))
    writer.process.kill()
    writer.process.wait()
    return f"after {writes} writes ({trace.read_text(encoding='utf-8').split() if trace.exists() else []})"


def served_only_whole(store_path: Path, folder: Path, questions: list[str], model) -> set[str]:
    """Check what a reader would meet now; returns the ids of the whole articles."""
    store = open_store(store_path, embed_model=model)
    try:
        assert broken_articles(store) == {}, "an article is served without all its text"
        whole = set(store.articles())
    finally:
        store.close()
    with Engine.open(store_path, embed_model=model) as engine:
        assert {a.doc_id for a in engine.articles()} == whole
        for question in questions:
            for citation in engine.ask(question).citations:
                assert citation.doc_id in whole
                text = (folder / f"{citation.doc_id}.txt").read_text(encoding="utf-8")
                assert text[citation.start:citation.end] == citation.quote
    store = open_store(store_path, embed_model=model)
    try:
        assert lexical_disagreements(store) == {}, "an article's lexical rows are not its chunks"
    finally:
        store.close()
    return whole


def live_versions(store_path: Path, model=None) -> dict[str, tuple[str, int]]:
    """doc_id -> (version, chunks) of every live article."""
    store = open_store(store_path, embed_model=model)
    try:
        return {d: (a.content_hash, a.chunks) for d, a in store.articles().items()}
    finally:
        store.close()


def file_versions(folder: Path, model) -> dict[str, str]:
    """doc_id -> the version an ingest of the files as they are now would index."""
    from index.embedding import model_identity
    from index.ingest import index_hash
    from index.readers import read_sources

    model_id, _ = model_identity(model)
    return {doc.doc_id: index_hash(doc, model_id) for doc in read_sources([folder])}


def touch(folder: Path, rng: random.Random, round_: int, n: int = 20) -> None:
    """Change ``n`` articles, so the next ingest has versions to replace as well as articles to add."""
    for path in rng.sample(sorted(folder.glob("*.txt")), n):
        with open(path, "a", encoding="utf-8") as article:
            article.write(f"In round {round_} the harbour council met again on the {rng.randint(1, 28)}th.\n")


def test_kill_9_at_random_points_never_serves_half_an_article_and_the_rerun_completes_it(collection, tmp_path):
    collection = Path(shutil.copytree(collection, tmp_path / "articles"))
    rng = random.Random(SEED)
    store = tmp_path / "store"
    questions = questions_from(collection, rng)
    model = HashedBagOfWords()
    whole: set[str] = set()
    for round_ in range(5):
        if round_:
            touch(collection, rng, round_)
        trace = tmp_path / f"trace-{round_}"
        writer = Writer(tmp_path, [str(collection), "--store", str(store)], trace=str(trace))
        where = kill_at_random(writer, trace, rng)
        if not (store / "chroma.sqlite3").exists():
            assert not whole, where
            continue  # killed before the store was made
        now = served_only_whole(store, collection, questions, model)
        assert whole <= now, f"round {round_} (seed {SEED}, killed {where}) lost whole articles"
        whole = now

    before = live_versions(store) if whole else {}
    current = file_versions(collection, model)
    redo = {d for d, version in current.items() if before.get(d, ("",))[0] != version}
    rerun = Writer(tmp_path, [str(collection), "--store", str(store)])
    code, out, err = rerun.finish()
    assert code == 0, err
    report = json.loads(out)
    assert (report["added"], report["updated"]) == (150 - len(before), len(redo) - (150 - len(before)))
    assert report["unchanged"] == 150 - len(redo), "an article that was whole and current was embedded again"
    after = live_versions(store)
    assert {d: v for d, (v, _) in after.items()} == current
    assert report["chunks"] == sum(after[d][1] for d in redo)
    assert served_only_whole(store, collection, questions, model) == set(current)
    with Engine.open(store, embed_model=model) as engine:
        counts = engine.stats()
    assert counts["articles"] == 150 and counts["unfinished_chunks"] == 0
    opened = open_store(store, embed_model=model)
    try:
        assert len(opened.lexical) == sum(opened.lexical.version_rows().values()) == counts["chunks"], \
            "the lexical index holds other rows than the served chunks"
    finally:
        opened.close()


def test_kill_9_of_a_real_model_ingest_then_the_rerun_completes_it(collection, tmp_path, real_embed):
    rng = random.Random(SEED + 1)
    store = tmp_path / "store"
    trace = tmp_path / "trace"
    writer = Writer(tmp_path, [str(collection), "--store", str(store)], trace=str(trace), real_model=True)
    deadline = time.monotonic() + 600
    while not (trace.exists() and trace.read_text(encoding="utf-8").count("\n") >= 1):
        assert writer.process.poll() is None and time.monotonic() < deadline, writer.err()
        time.sleep(0.01)
    time.sleep(rng.uniform(0, 0.05))  # inside or just after the first batch write
    writer.process.kill()
    writer.process.wait()
    whole = served_only_whole(store, collection, questions_from(collection, rng), real_embed)

    rerun = Writer(tmp_path, [str(collection), "--store", str(store)], real_model=True)
    code, out, err = rerun.finish(timeout=900)
    assert code == 0, err
    report = json.loads(out)
    assert (report["added"], report["unchanged"]) == (150 - len(whole), len(whole))
    after = live_versions(store, real_embed)
    assert report["chunks"] == sum(chunks for d, (_, chunks) in after.items() if d not in whole)
    assert len(served_only_whole(store, collection, [], real_embed)) == 150

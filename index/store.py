"""Chroma as the one store of articles, chunks and sentence vectors, local on disk or on a server, with its
lexical index.

Two collections: ``-chunks`` (what retrieval embeds and ranks; each record also holds its sentences, the
citable units, with their exact spans and their vectors) and ``-articles`` (one record an article). An article
record is written only after all its chunks, so it is the commit marker: chunks whose ``content_hash`` is not
that of a live article record are never served, and are cleared by the next ingest. The lexical index
(``index.lexical``, SQLite FTS5) follows the same rule: its rows are written with the chunks, before the record,
and carry the version hash.

Sentence vectors ride in their chunk's metadata (float16, base64) rather than in a collection of their own
(layout 1): they are only ever read by chunk, never searched, and Chroma loads a collection's whole vector index
into memory on its first read (2.8 GB for the 1.46 million sentences of 100,000 articles), and spends most of an
ingest inserting into it. float16 keeps a unit vector's cosine to its float32 self above 0.99999.

Every committed write bumps the store's generation (in the articles collection's metadata), so a
process notices another one's writes with one cheap read. A local store keeps its lexical index in
``lexical.sqlite3`` inside the store folder; with a Chroma server, each machine keeps a replica in a
local folder (named by the chunks collection's id, so restarts and other ports find it, and a rebuilt
index gets a new one), shared by the processes there and brought up to date from the server whenever
its generation is behind the store's.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from index import locking
from index.errors import InputError, SourcewiseError, StoreError
from index.lexical import LexicalHit, LexicalIndex, LexicalRow
from index.locking import DEFAULT_WAIT_SECONDS, LOCK_FILE, FileWriterLock, LeaseWriterLock

LAYOUT = 2
"""How the store keeps what it holds: 2, each chunk record holds its sentences; 1 (before December 2026), the
sentences were a collection of their own. A store of another layout is rebuilt, not read."""
VECTOR_INDEX = {"space": "cosine", "max_neighbors": 32, "ef_construction": 200, "ef_search": 200}
"""Chroma's HNSW graph for a new store, chosen by ``python -m bench.fit_hnsw``: the first setting, in order of what
a question costs, whose search finds at least 99.9% of the exact 30 nearest vectors for the tune questions of the
development data (RGB en_fact and RAMDocs dev, over the 13,498 sentence vectors of their articles). It finds 99.98%
(tune) / 99.95% (held-out), at 1.8 ms a search; Chroma's defaults (16 neighbours, 100 to build and to search) found
99.20% / 99.11%, missed some for 62 of the 500 questions, and two builds of the same RAMDocs files retrieved
different chunks for 14 to 20 of its 400 questions (0 to 2 with this setting, over five pairs of builds). Only
``ef_search`` can change after a collection is made: a store made with a narrower search gets this one when opened
for writing."""
_BATCH = 4000  # below Chroma's max batch size
_PAGE = 5000
LEXICAL_FILE = "lexical.sqlite3"
_COLLECTIONS = ("articles", "chunks")
_EARLIER_COLLECTIONS = ("sentences",)  # layout 1's: a rebuild deletes them too

STORE_MARKER = "sourcewise-store.json"
"""Written into a local store folder when Sourcewise makes it: only a marked (or empty) folder becomes a store."""
UPLOADS = "uploads"
"""The browser chat's uploads in a local store folder: never removed by a rebuild."""
_DATABASE_FILES = ("chroma.sqlite3", "chroma.sqlite3-wal", "chroma.sqlite3-shm", "chroma.sqlite3-journal",
                   LEXICAL_FILE, f"{LEXICAL_FILE}-wal", f"{LEXICAL_FILE}-shm", f"{LEXICAL_FILE}-journal")
# A server store's local replica of its lexical index, one per index; it lives in the same default folder,
# ``.sourcewise``, as a local store does.
_REPLICA_FILE = re.compile(r"lexical-.+\.sqlite3(?:-wal|-shm|-journal)?")


def _replica_name(index: str, identity: str) -> str:
    """The file name of an index's lexical replica: one ``_REPLICA_FILE`` matches."""
    return f"lexical-{index}-{identity}.sqlite3"


@dataclass(frozen=True)
class ArticleInfo:
    """An indexed article as the store knows it."""

    doc_id: str
    content_hash: str
    title: str | None = None
    source: str | None = None
    published: str | None = None
    path: str | None = None
    url: str | None = None
    chunks: int = 0
    sentences: int = 0
    author: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class StoredSentence:
    """A sentence with its exact span in the original file (``quote``) and its readable ``text``."""

    id: str
    doc_id: str
    chunk_id: str
    text: str
    quote: str
    start: int
    end: int
    chunk_start: int
    chunk_end: int
    embedding: np.ndarray | None
    position: int = 0               # the sentence's place in its article, from 0
    offsets: str | None = None      # map from ``text`` to ``quote`` (index.text.encode_offsets); None: identity
    content_hash: str = ""


@dataclass(frozen=True)
class StoredChunk:
    """A chunk and its sentences, in order, as one record of the store holds them."""

    id: str
    doc_id: str
    content_hash: str
    index: int
    text: str
    sentences: tuple[StoredSentence, ...] = field(default=(), compare=False)  # they follow from the id: not compared

    @property
    def n_sentences(self) -> int:
        return len(self.sentences)


@dataclass(frozen=True)
class PreparedArticle:
    """Everything one article adds to the store, embedded and ready to write. A sentence's metadata holds its
    spans (``SENTENCE_FIELDS``); ``chunk_metadatas[i]["n_sentences"]`` says how many of the sentences, in order,
    chunk ``i`` holds."""

    info: ArticleInfo
    chunk_ids: list[str]
    chunk_texts: list[str]
    chunk_metadatas: list[dict]
    chunk_embeddings: np.ndarray
    sentence_texts: list[str]
    sentence_metadatas: list[dict]
    sentence_embeddings: np.ndarray


SENTENCE_FIELDS = ("start", "end", "chunk_start", "chunk_end", "position", "quote", "offsets")
"""What a chunk record keeps of each of its sentences: its span in the original file (``start``, ``end``), in the
chunk's text (``chunk_start``, ``chunk_end``: its readable text), its place in the article, and, where the file's
text differs from the readable one, the ``quote`` and the ``offsets`` map between them."""


def chunk_id(doc_id: str, content_hash: str, index: int) -> str:
    return f"{doc_id}::{content_hash[:12]}::{index}"


def sentence_id(chunk: str, index: int) -> str:
    return f"{chunk}::{index}"


class ChromaStore:
    """Reads and writes the two collections; knows nothing of files or models beyond their ids.

    Owns the Chroma connection from ``connect`` to ``close``. Every Chroma call goes through one guard, so a
    failure at any time (a server that went away, a damaged file) is a ``StoreError`` naming the store and
    saying what to do, and the next call tries again afresh.
    """

    def __init__(self, client, *, location: str, model_id: str, dimension: int, name: str = "sourcewise",
                 server: bool = False, wait: float = DEFAULT_WAIT_SECONDS, lease: float | None = None,
                 lexical: LexicalIndex | None = None, replica_folder: str | Path | None = None):
        if dimension <= 0:
            raise ValueError(f"dimension must be > 0, got {dimension}")
        if wait < 0:
            raise ValueError(f"wait must be >= 0 seconds, got {wait}")
        self.location = location
        self.model_id = model_id
        self.dimension = dimension
        self.server = server
        self.wait = wait
        self.lease = locking.LEASE_SECONDS if lease is None else lease
        self._raw_client = client
        self._client = _Guarded(client, self)
        self._name = name
        self._closed = False
        self._articles = self._chunks = None
        self._replica_folder = Path(replica_folder) if replica_folder is not None else None
        if lexical is None and not (server and self._replica_folder):
            lexical = LexicalIndex(None if server else Path(location) / LEXICAL_FILE)
        self._lexical = lexical
        self._writer_mutex = threading.RLock()
        self._writer = None
        self._writer_depth = 0
        self._vectors_at: int | None = None  # the generation whose writes Chroma's in-process vectors hold (local)
        self._held_for_rebuild = False

    @property
    def lexical(self) -> LexicalIndex:
        """The lexical index; with a server, the replica of the index opened last (named by its collection's id)."""
        if self._lexical is None:
            raise StoreError(f"the store at {self.location} is not open yet: open it, e.g. with Engine.open(...)")
        return self._lexical

    # -- opening and closing ---------------------------------------------------------------
    @classmethod
    def connect(cls, *, path: str | Path | None = None, url: str | None = None, model_id: str,
                dimension: int, name: str = "sourcewise", rebuild: bool = False, create: bool = True,
                wait: float = DEFAULT_WAIT_SECONDS, lease: float | None = None,
                replica_folder: str | Path | None = None) -> "ChromaStore":
        """A local store in ``path`` or the Chroma server at ``url``, with clear errors for both.

        Without ``create`` nothing is written: a local folder without an index is an ``InputError``. A new local
        store is only made in a new or empty folder, and marked as a store. With ``rebuild`` the index starts empty:
        the store takes the writer lock first and keeps it until its first write (the rebuild's ingest) is done;
        its collections are dropped, and a local store too damaged to open loses what Chroma wrote there (its
        database and index segments) and its lexical index, nothing else. With a server, the lexical index is a
        replica in ``replica_folder`` (default ``.sourcewise``), one file per index.
        """
        options = dict(model_id=model_id, dimension=dimension, name=name, wait=wait, lease=lease)
        if url:
            store = cls(_server_client(url), location=url, server=True,
                        replica_folder=replica_folder or ".sourcewise", **options)
            if rebuild:
                store._hold_for_rebuild()
        else:
            path = Path(path or ".sourcewise")
            _check_folder(path, create=create or rebuild)
            lock = None
            if rebuild:
                lock = FileWriterLock(path, location=str(path))
                lock.acquire(wait)
            try:
                try:
                    client = _local_client(path)
                except StoreError:
                    if not rebuild:
                        raise
                    delete_local_store(path)
                    client = _local_client(path)
            except BaseException:
                if lock:
                    lock.release()
                raise
            store = cls(client, location=str(path), **options)
            if lock:
                store._hold_for_rebuild(lock)
        if rebuild:
            try:
                store._drop()
            except BaseException:
                store.close()
                raise
        return store

    def close(self) -> None:
        """Release the connection; a local store's files are let go once no other client in this process
        uses them. Closing twice is harmless; any other call after it is a ``StoreError``."""
        if self._closed:
            return
        self._closed = True
        if self._lexical is not None:
            self._lexical.close()
        with self._writer_mutex:
            if self._writer is not None:
                self._writer.release()
                self._writer, self._writer_depth, self._held_for_rebuild = None, 0, False
        self._raw_client.close()

    @property
    def closed(self) -> bool:
        return self._closed

    def ensure_open(self) -> None:
        """Raise a ``StoreError`` if this store was closed."""
        if self._closed:
            raise StoreError(f"the connection to the store at {self.location} was closed: open it again, "
                             "e.g. with Engine.open(...)")

    def exists(self) -> bool:
        """Whether this store already holds a Sourcewise index."""
        return f"{self._name}-articles" in self._collection_names()

    def _collection_names(self) -> set[str]:
        return {c if isinstance(c, str) else c.name for c in self._client.list_collections()}

    def _collection(self, suffix: str, *, create: bool):
        metadata = {"embedding_model": self.model_id, "dimension": self.dimension, "schema": LAYOUT}
        name = f"{self._name}-{suffix}"
        if create:
            collection = self._client.get_or_create_collection(
                name, embedding_function=None, metadata=metadata, configuration={"hnsw": VECTOR_INDEX})
        else:
            collection = self._client.get_collection(name, embedding_function=None)
        built_with = (collection.metadata or {}).get("embedding_model")
        built_dim = (collection.metadata or {}).get("dimension")
        if built_with != self.model_id or built_dim != self.dimension:
            raise StoreError(
                f"the store at {self.location} was built with embedding model {built_with} ({built_dim} dimensions), "
                f"not {self.model_id} ({self.dimension}): rebuild it with "
                f"`{self._command('--rebuild')}`, or use another {'--chroma-url' if self.server else '--store'}"
            )
        layout = (collection.metadata or {}).get("schema")
        if layout != LAYOUT:
            raise StoreError(
                f"the store at {self.location} was written by an earlier Sourcewise (store layout {layout}, this "
                f"one reads layout {LAYOUT}): rebuild it with `{self._command('--rebuild')}`")
        if create:
            _raise_search_breadth(collection)  # only a store this Sourcewise reads: another is rebuilt, not changed
        return _Guarded(collection, self)

    def open(self, *, create: bool) -> "ChromaStore":
        """Open (or with ``create``, create) the collections, checking the embedding model matches.

        Each call fetches the collections afresh, so a store whose server restarted is read anew.
        """
        self.ensure_open()
        self._articles, self._chunks = (self._collection(suffix, create=create) for suffix in _COLLECTIONS)
        if self._vectors_at is None and not self.server:
            self._vectors_at = self.generation()  # Chroma loads the vectors on the first read, after this
        if self._replica_folder is not None:
            replica = self._replica_folder / _replica_name(self._name, self._identity())
            if self._lexical is None or self._lexical.path != replica:
                if self._lexical is not None:
                    self._lexical.close()
                self._lexical = LexicalIndex(replica)
        return self

    def drop(self) -> None:
        """Delete every collection of this index and empty its lexical index (for --rebuild)."""
        with self.writing():
            self._drop()

    def _drop(self) -> None:
        self._check_writer()
        present = self._collection_names()
        for suffix in (*_COLLECTIONS, *_EARLIER_COLLECTIONS):
            if f"{self._name}-{suffix}" in present:
                self._client.delete_collection(f"{self._name}-{suffix}")
        self._articles = self._chunks = None
        if self._lexical is not None:
            self._lexical.clear()

    # -- one writer at a time ----------------------------------------------------------------
    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold this store's writer lock (reentrant): a second writer, in any process, waits for it up to
        ``wait`` seconds, then gets a ``StoreError`` that names the writer it waited for."""
        with self._writer_mutex:
            self._enter_writing()
            try:
                yield
            finally:
                self._leave_writing()
                if self._held_for_rebuild and self._writer_depth == 1:
                    self._held_for_rebuild = False
                    self._leave_writing()

    def _enter_writing(self, acquired=None) -> None:
        """Take the lock if this is the outermost block; ``acquired`` is a lock already taken for this store."""
        self.ensure_open()
        if self._writer_depth == 0:
            lock = acquired or self._new_writer_lock()
            if acquired is None:
                with self._failures_as_store_errors():
                    lock.acquire(self.wait)
            self._writer = lock
        self._writer_depth += 1

    def _leave_writing(self) -> None:
        self._writer_depth -= 1
        if self._writer_depth == 0:
            writer, self._writer = self._writer, None
            writer.release()

    def _hold_for_rebuild(self, lock=None) -> None:
        """Take the writer lock (or adopt one taken already) until the end of the next ``writing`` block."""
        with self._writer_mutex:
            self._enter_writing(lock)
            self._held_for_rebuild = True

    def _new_writer_lock(self):
        if self.server:
            return LeaseWriterLock(self._raw_client, self._name, location=self.location, lease=self.lease)
        return FileWriterLock(self.location, location=self.location)

    def _check_writer(self) -> None:
        """Every write happens under the writer lock, and a lease another writer took over stops it."""
        if self._writer is None:
            raise RuntimeError("ChromaStore writes must happen inside `with store.writing():`")
        with self._failures_as_store_errors():
            self._writer.check()

    @contextmanager
    def _failures_as_store_errors(self) -> Iterator[None]:
        """A Chroma failure inside the block becomes this store's one-line ``StoreError``; anything else passes."""
        try:
            yield
        except SourcewiseError:
            raise
        except BaseException as exc:
            if not _is_chroma_failure(exc):
                raise
            raise self._failure(exc) from exc

    # -- another process's writes --------------------------------------------------------------
    def _reload_if_stale(self, exc: BaseException) -> bool:
        """Whether ``exc`` is a local store's vector index gone stale, now reloaded from disk.

        Chroma keeps a local store's vector index in this process's memory; after another process writes, it can
        return ids that process deleted ("Error finding id"). Reloading Chroma's engine for this folder (shared by
        every client of it in this process) reads the index afresh, so the call can be made again."""
        if self.server or "error finding id" not in str(exc).lower():
            return False
        return self._reload_vectors()

    def _reload_vectors(self) -> bool:
        """Restart Chroma's engine for this local folder (shared by every client of it in this process), so its
        vector index is read afresh from disk; calls already under way finish on the old one."""
        engine = getattr(self._raw_client, "_server", None)
        if engine is None or not hasattr(engine, "start"):
            return False
        engine.start()
        return True

    # -- failures --------------------------------------------------------------------------
    def _failure(self, exc: BaseException) -> StoreError:
        """What a failed Chroma call means for the user, and what to do about it."""
        detail = type(exc).__name__ + (f": {_first_line(exc)}" if _first_line(exc) else "")
        if _is_not_found(exc):
            if self._articles is None:
                return StoreError(f"no index in {self.location}: build it with `{self._command()}`")
            return StoreError(f"the index in {self.location} was removed or rebuilt while open ({detail}): "
                              f"open it again, or build it with `{self._command()}`")
        if self.server:
            if _is_unreachable(exc):
                return StoreError(f"the Chroma server at {self.location} stopped answering ({detail}): check that "
                                  "it is running (`chroma run --path DIR --host HOST --port PORT`), then try again")
            return StoreError(f"the Chroma server at {self.location} failed ({detail}): see its log, then try again")
        if _is_busy(exc):
            return StoreError(f"the store at {self.location} is busy ({detail}): another process may be writing "
                              "to it; try again when it is done")
        return StoreError(f"the store at {self.location} cannot be read ({detail}); "
                          f"rebuild it: `{self._command('--rebuild')}`")

    def _command(self, *flags: str) -> str:
        where = f"--chroma-url {self.location}" if self.server else f"--store {self.location}"
        return " ".join(["sourcewise ingest PATH", where, *flags])

    # -- articles --------------------------------------------------------------------------
    def articles(self) -> dict[str, ArticleInfo]:
        """Every live article, by doc_id."""
        found: dict[str, ArticleInfo] = {}
        for ids, _, metadatas, _ in self._pages(self._articles, include=["metadatas"]):
            for doc_id, meta in zip(ids, metadatas):
                found[doc_id] = _article_from_metadata(doc_id, meta)
        return found

    def write(self, prepared: Sequence[PreparedArticle], replaced: dict[str, str]) -> None:
        """Add articles; ``replaced`` maps doc_id to the hash being superseded, deleted once the new version is live."""
        if not prepared:
            return
        self._check_writer()
        self._add(self._chunks, [i for p in prepared for i in p.chunk_ids],
                  np.concatenate([p.chunk_embeddings for p in prepared]),
                  [t for p in prepared for t in p.chunk_texts], [m for p in prepared for m in _chunk_records(p)])
        self.lexical.add(LexicalRow(cid, p.info.doc_id, p.info.content_hash, text)
                         for p in prepared for cid, text in zip(p.chunk_ids, p.chunk_texts))
        article_vectors = np.stack([_mean_unit(p.chunk_embeddings) for p in prepared])
        self._articles.upsert(
            ids=[p.info.doc_id for p in prepared],
            embeddings=article_vectors,
            documents=[p.info.title or "" for p in prepared],
            metadatas=[_article_metadata(p.info) for p in prepared],
        )
        for doc_id, old_hash in replaced.items():
            self._delete_version(doc_id, old_hash)
        self._committed()

    def remove(self, doc_id: str) -> bool:
        """Take an article out: its record first (it stops being served), then its chunks."""
        with self.writing():
            self._check_writer()
            existing = self._articles.get(ids=[doc_id], include=[])["ids"]
            self._articles.delete(ids=[doc_id])
            self._chunks.delete(where={"doc_id": doc_id})
            self.lexical.remove_article(doc_id)
            if existing:
                self._committed()
        return bool(existing)

    def clear_orphans(self) -> int:
        """Delete chunks and lexical rows that belong to no live article version (left by an interrupted run).

        Only the writer-lock holder may call it, so no live writer owns what it deletes; and the article records
        are read after the chunks are listed, so a record that went live meanwhile still keeps its chunks.
        """
        self._check_writer()
        listed = [(i, m.get("doc_id"), m.get("content_hash"))
                  for ids, _, metas, _ in self._pages(self._chunks, include=["metadatas"]) for i, m in zip(ids, metas)]
        live = {d: a.content_hash for d, a in self.articles().items()}
        stale = [i for i, doc_id, content_hash in listed if live.get(doc_id) != content_hash]
        for start in range(0, len(stale), _BATCH):
            self._chunks.delete(ids=stale[start:start + _BATCH])
        self.lexical.keep_only(live)
        return len(stale)

    # -- the generation and the lexical index ----------------------------------------------
    def generation(self) -> int:
        """A number that changes with every committed write to this store, by any process (0 before the first).

        One read of the articles collection's metadata: cheap enough to ask before every question."""
        return int(self._metadata().get("generation", 0))

    def _committed(self) -> None:
        """Give the store a new generation after a write. The lexical index takes it too when it was in step
        with the store: it then holds this write (its rows went in first) and every one before it. Generations
        are clock-based, so two writers never give the same one."""
        with self.lexical.transaction():
            current = self.generation()
            in_step = self.lexical.generation == current and self.lexical.store_identity == self._identity()
            generation = max(current + 1, time.time_ns())
            self._set_metadata(generation=generation)
            if in_step:
                self.lexical.mark_generation(generation, store=self._identity())
            if self._vectors_at == current:  # this process's vectors held every write before this one, its own
                self._vectors_at = generation

    def _metadata(self) -> dict:
        """The articles collection's metadata as the store holds it now (not as it was when opened)."""
        self.ensure_open()
        return dict(self._client.get_collection(f"{self._name}-articles", embedding_function=None).metadata or {})

    def _set_metadata(self, **values) -> None:
        metadata = self._metadata()
        metadata.update(values)
        metadata.pop("hnsw:space", None)
        self._articles.modify(metadata=metadata)

    def _identity(self) -> str:
        """This index's identity: its chunks collection's id, new whenever the index is built anew."""
        return str(self._chunks.id)

    def sync_lexical(self) -> bool:
        """Bring the lexical index in step with the store if it is behind (another machine wrote to the server,
        a write was cut short, or the index is new); returns whether it had to catch up.

        Compares article versions and indexes only the chunks of versions it lacks, reading them from Chroma."""
        lexical = self.lexical
        if lexical.generation == self.generation() and lexical.store_identity == self._identity():
            return False
        with lexical.transaction():  # one process catches up at a time; the others then find it done
            generation = self.generation()
            if lexical.generation == generation and lexical.store_identity == self._identity():
                return False
            if lexical.store_identity not in (None, self._identity()):
                lexical.clear()
            live = {d: a.content_hash for d, a in self.articles().items()}
            lexical.keep_only(live)
            have = lexical.versions()
            missing = [d for d, h in live.items() if h not in have.get(d, ())]
            rebuilding = not have and bool(missing)
            for start in range(0, len(missing), 100):
                batch = missing[start:start + 100]
                where = {"doc_id": batch[0]} if len(batch) == 1 else {"doc_id": {"$in": batch}}
                got = self._chunks.get(where=where, include=["documents", "metadatas"])
                lexical.add(LexicalRow(cid, m["doc_id"], m["content_hash"], text)
                            for cid, text, m in zip(got["ids"], got["documents"], got["metadatas"])
                            if live.get(m["doc_id"]) == m["content_hash"])
            if rebuilding:
                lexical.optimize()  # filled in batches: one segment searches several times faster
            lexical.mark_generation(generation, store=self._identity())
        return True

    def search_lexical(self, query: str, k: int, live: dict[str, str] | None = None) -> list[LexicalHit]:
        """The ``k`` best chunks for ``query`` by BM25; with ``live`` (doc_id -> hash), only live versions."""
        if live is None:
            return self.lexical.search(query, k)
        return self.lexical.search(query, k, live=lambda hits: [h for h in hits if live.get(h.doc_id) == h.content_hash])

    def mark_ingest(self, running: bool) -> bool:
        """Record that an ingest is under way; returns whether the previous one was interrupted."""
        self._check_writer()
        interrupted = bool(self._metadata().get("ingest_running"))
        self._set_metadata(ingest_running=running)
        return interrupted

    def follow(self) -> None:
        """Read the store as other processes left it: its collections afresh (a rebuild makes new ones) and, for a
        local store, Chroma's in-memory vector index, which otherwise keeps serving the vectors it loaded first.
        After this process's own writes the index is current, and reloading it (0.5-0.7 s at 100,000 articles,
        as Chroma reads the whole index back) is skipped."""
        self.ensure_open()
        if not self.server and not self._writer_depth:
            generation = self.generation()
            if generation != self._vectors_at:
                self._reload_vectors()
                self._vectors_at = generation
        self.open(create=False)

    # -- reading for retrieval -------------------------------------------------------------
    def query_chunks(self, embedding: np.ndarray, k: int) -> list[tuple[str, float, dict]]:
        """Nearest chunks by cosine similarity: (id, similarity, metadata); fewer than ``k`` when the store holds
        fewer (Chroma returns what it has, so no count is read first: at 225,000 chunks a count cost more than
        the query).

        A local store's vector index lives in this process's memory; after another process replaced an article, it
        can return ids whose rows are gone (no metadata). Chroma's engine is then reloaded and the query made again,
        and any such id left is passed over."""
        def query():
            return self._chunks.query(query_embeddings=[np.asarray(embedding, dtype=np.float32)],
                                      n_results=k, include=["distances", "metadatas"])

        result = query()
        if any(m is None for m in result["metadatas"][0]) and not self.server and not self._writer_depth:
            if self._reload_vectors():
                result = query()
        return [(i, 1.0 - float(d), m) for i, d, m in
                zip(result["ids"][0], result["distances"][0], result["metadatas"][0]) if m is not None]

    def iter_chunks(self) -> Iterator[StoredChunk]:
        for ids, documents, metadatas, _ in self._pages(self._chunks, include=["documents", "metadatas"]):
            for cid, text, meta in zip(ids, documents, metadatas):
                yield _chunk(cid, text, meta)

    def chunks(self, ids: Sequence[str]) -> dict[str, StoredChunk]:
        """The chunks with these ids that the store holds, by id."""
        if not ids:
            return {}
        got = self._chunks.get(ids=list(ids), include=["documents", "metadatas"])
        return {cid: _chunk(cid, text, meta) for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"])}

    def chunks_of(self, doc_id: str, content_hash: str) -> list[StoredChunk]:
        """The chunks of one version of an article, in order."""
        got = self._chunks.get(where={"$and": [{"doc_id": doc_id}, {"content_hash": content_hash}]},
                               include=["documents", "metadatas"])
        found = [_chunk(cid, text, meta) for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"])]
        return sorted(found, key=lambda c: c.index)

    def articles_by_id(self, doc_ids: Sequence[str]) -> dict[str, ArticleInfo]:
        """The live records of these articles (those that have one), by doc_id."""
        found: dict[str, ArticleInfo] = {}
        doc_ids = list(doc_ids)
        for start in range(0, len(doc_ids), _PAGE):
            got = self._articles.get(ids=doc_ids[start:start + _PAGE], include=["metadatas"])
            found.update((d, _article_from_metadata(d, m)) for d, m in zip(got["ids"], got["metadatas"]))
        return found

    def iter_sentences(self) -> Iterator[StoredSentence]:
        """Every sentence the store holds, chunk by chunk."""
        for chunk in self.iter_chunks():
            yield from chunk.sentences

    def counts(self) -> dict[str, int]:
        """What is served: live articles and their chunks and sentences; and what an interrupted write left beside
        them (``unfinished_chunks``), never served and cleared by the next ingest."""
        articles = self.articles().values()
        chunks, sentences = sum(a.chunks for a in articles), sum(a.sentences for a in articles)
        return {"articles": len(articles), "chunks": chunks, "sentences": sentences,
                "unfinished_chunks": max(0, self._chunks.count() - chunks)}

    # -- internals -------------------------------------------------------------------------
    def _add(self, collection, ids, embeddings, documents, metadatas) -> None:
        for start in range(0, len(ids), _BATCH):
            stop = start + _BATCH
            collection.upsert(ids=ids[start:stop], embeddings=embeddings[start:stop],
                              documents=documents[start:stop], metadatas=metadatas[start:stop])

    def _delete_version(self, doc_id: str, content_hash: str) -> None:
        where = {"$and": [{"doc_id": doc_id}, {"content_hash": content_hash}]}
        self._chunks.delete(where=where)
        self.lexical.remove_version(doc_id, content_hash)

    def _pages(self, collection, *, include: list[str]):
        offset = 0
        while True:
            got = collection.get(include=include, limit=_PAGE, offset=offset)
            ids = got["ids"]
            if not ids:
                return
            vectors = got.get("embeddings")
            yield ids, got.get("documents"), got.get("metadatas"), vectors
            if len(ids) < _PAGE:
                return
            offset += len(ids)


def _raise_search_breadth(collection) -> None:
    """Give a collection made with a narrower search (an earlier Sourcewise's store) ``VECTOR_INDEX``'s
    ``ef_search``; its graph keeps the neighbours it was built with until it is rebuilt."""
    hnsw = (collection.configuration_json or {}).get("hnsw") or {}
    if hnsw.get("ef_search", VECTOR_INDEX["ef_search"]) < VECTOR_INDEX["ef_search"]:
        collection.modify(configuration={"hnsw": {"ef_search": VECTOR_INDEX["ef_search"]}})


def _chunk_records(prepared: PreparedArticle) -> Iterator[dict]:
    """The metadata of each chunk record of an article: the chunk's own, its sentences' spans (JSON) and their
    vectors (float16, base64)."""
    first = 0
    for meta in prepared.chunk_metadatas:
        last = first + meta["n_sentences"]
        spans = [{k: m[k] for k in SENTENCE_FIELDS if k in m} for m in prepared.sentence_metadatas[first:last]]
        vectors = np.asarray(prepared.sentence_embeddings[first:last], dtype="<f2")
        yield {**meta, "sentences": json.dumps(spans, separators=(",", ":")),
               "vectors": base64.b64encode(vectors.tobytes()).decode("ascii")}
        first = last


def sentence_vectors(meta: dict) -> np.ndarray:
    """The vectors of a chunk record's sentences (one row each, in order) from its metadata."""
    vectors = np.frombuffer(base64.b64decode(meta["vectors"]), dtype="<f2").astype(np.float32)
    n = meta.get("n_sentences") or 0
    return vectors.reshape(n, -1) if n else vectors.reshape(0, 0)


def _chunk(cid: str, text: str, meta: dict) -> StoredChunk:
    """A chunk record as read back, its sentences rebuilt from their spans over the chunk's text."""
    spans = json.loads(meta["sentences"])
    vectors = sentence_vectors(meta)
    doc_id, content_hash = meta["doc_id"], meta["content_hash"]
    sentences = tuple(
        StoredSentence(id=sentence_id(cid, j), doc_id=doc_id, chunk_id=cid,
                       text=text[span["chunk_start"]:span["chunk_end"]],
                       quote=span.get("quote", text[span["chunk_start"]:span["chunk_end"]]),
                       start=span["start"], end=span["end"], chunk_start=span["chunk_start"],
                       chunk_end=span["chunk_end"], embedding=vectors[j], position=span.get("position", 0),
                       offsets=span.get("offsets"), content_hash=content_hash)
        for j, span in enumerate(spans))
    return StoredChunk(cid, doc_id, content_hash, meta["index"], text, sentences)


def _article_metadata(info: ArticleInfo) -> dict:
    """The record's metadata; a field now unknown is None, which Chroma's upsert takes as "delete this key"
    (left out, the old value would survive an update that dropped it)."""
    return {
        "content_hash": info.content_hash, "title": info.title, "source": info.source,
        "published": info.published, "path": info.path, "url": info.url, "author": info.author,
        "chunks": info.chunks, "sentences": info.sentences,
    }


def _article_from_metadata(doc_id: str, meta: dict) -> ArticleInfo:
    return ArticleInfo(doc_id=doc_id, content_hash=meta["content_hash"], title=meta.get("title"),
                       source=meta.get("source"), published=meta.get("published"), path=meta.get("path"),
                       url=meta.get("url"), chunks=meta.get("chunks", 0), sentences=meta.get("sentences", 0),
                       author=meta.get("author"))


def _mean_unit(vectors: np.ndarray) -> np.ndarray:
    mean = np.asarray(vectors, dtype=np.float32).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else mean


class _Guarded:
    """A Chroma client or collection whose every call fails as a ``StoreError`` naming the store."""

    __slots__ = ("_target", "_store")

    def __init__(self, target, store: ChromaStore):
        self._target = target
        self._store = store

    def __getattr__(self, name: str):
        value = getattr(self._target, name)
        if not callable(value):
            return value
        store = self._store

        def guarded(*args, **kwargs):
            store.ensure_open()
            try:
                return value(*args, **kwargs)
            except BaseException as exc:
                if not _is_chroma_failure(exc):
                    raise
                if not (name in _READS and store._reload_if_stale(exc)):
                    raise store._failure(exc) from exc
            with store._failures_as_store_errors():
                return value(*args, **kwargs)

        return guarded


_READS = frozenset({"get", "query", "count", "peek"})


def _settings():
    from chromadb.config import Settings

    return Settings(anonymized_telemetry=False)


def _server_client(url: str):
    import chromadb

    host, port, ssl = _parse_url(url)
    try:
        client = chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=_settings())
        client.heartbeat()
    except Exception as exc:
        raise StoreError(
            f"no Chroma server answers at {url} ({type(exc).__name__}): start one with "
            "`chroma run --path DIR --host 127.0.0.1 --port PORT`, or drop --chroma-url to use a local store"
        ) from exc
    return client


# Store folders Chroma failed to start on in this process: it keeps such a half-started system cached by path.
_FAILED_STARTS: set[str] = set()


def _local_client(path: Path):
    import chromadb

    _check_database(path)
    try:
        return chromadb.PersistentClient(path=str(path), settings=_settings())
    except BaseException as exc:
        if not _is_chroma_failure(exc):
            raise
        _FAILED_STARTS.add(str(path))
        raise _damaged(path, exc) from exc


def require_local_index(path: str | Path) -> None:
    """Raise an ``InputError`` saying what to do unless ``path`` is a folder that holds an index; writes nothing."""
    _check_folder(Path(path), create=False)


def _check_folder(path: Path, *, create: bool) -> None:
    """Refuse a path that cannot be a store; without ``create`` also one without an index, writing nothing.

    A new store is made only in a new or empty folder, and marked (``sourcewise-store.json``), so that a rebuild
    never mistakes a folder of someone's own files for a store. An unmarked folder that already holds a Chroma
    database is a store made before stores were marked; it is marked when it holds nothing else.
    """
    command = f"sourcewise ingest PATH --store {path}"
    if path.exists() and not path.is_dir():
        raise InputError(f"the store path {path} is a file, not a folder: choose another --store")
    database = path / "chroma.sqlite3"
    if not create:
        if not database.exists() and not database.is_symlink():
            raise InputError(f"no index at {path}: build it with `{command}`")
        return
    if (path / STORE_MARKER).is_file():
        return
    entries = list(path.iterdir()) if path.exists() else []
    foreign = sorted(e.name for e in entries if not _made_by_store(e))
    if foreign and not database.exists():
        shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        raise InputError(f"{path} is not empty and is not a Sourcewise store (it holds {shown}): "
                         "choose a new or empty folder for --store")
    if foreign:
        return  # a store made before marking, in a folder shared with other files: used, never marked
    path.mkdir(parents=True, exist_ok=True)
    marker = {"sourcewise_store": 1, "created": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    (path / STORE_MARKER).write_text(json.dumps(marker) + "\n", encoding="utf-8")


def _made_by_store(entry: Path) -> bool:
    """Whether Sourcewise or Chroma made this entry of a store folder."""
    return (entry.name in (STORE_MARKER, LOCK_FILE, UPLOADS) or entry.name in _DATABASE_FILES
            or (entry.is_file() and bool(_REPLICA_FILE.fullmatch(entry.name))) or _is_segment_folder(entry))


def _is_segment_folder(entry: Path) -> bool:
    """A folder Chroma keeps a vector index segment in: named by a UUID, holding only its index files."""
    try:
        uuid.UUID(entry.name)
    except ValueError:
        return False
    if not entry.is_dir() or entry.is_symlink():
        return False
    return all(f.is_file() and f.suffix in (".bin", ".pickle") for f in entry.iterdir())


def _check_database(path: Path) -> None:
    """Refuse a store whose database file is not one before Chroma starts on it (a failed start stays cached
    in this process until ``delete_local_store``)."""
    database = path / "chroma.sqlite3"
    if not database.exists():
        return
    if not database.is_file():
        raise _damaged(path, IsADirectoryError(f"{database} is not a file"))
    if database.stat().st_size == 0:
        raise _damaged(path, ValueError(f"{database} is empty"))
    try:
        with closing(sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)) as connection:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            return  # another process is writing: Chroma waits for it
        if code == sqlite3.SQLITE_READONLY:
            return  # a write cut short (a killed process) left a journal to roll back: Chroma does that on opening
        raise _damaged(path, exc) from exc


def _damaged(path: Path, exc: Exception) -> StoreError:
    return StoreError(
        f"the store at {path} cannot be opened ({type(exc).__name__}: {_first_line(exc)}); "
        f"rebuild it: `sourcewise ingest PATH --store {path} --rebuild`"
    )


def delete_local_store(path: str | Path) -> None:
    """Delete what Chroma wrote in a local store folder for a rebuild (its database and index segments), and the
    lexical index beside them.

    Nothing else is touched: the folder, its marker, its writer lock, the uploads and any file the user put there
    stay. A folder that is neither marked as a store nor holds a Chroma database is refused.
    """
    path = Path(path)
    if not path.exists():
        return
    database = path / "chroma.sqlite3"
    if not path.is_dir() or not ((path / STORE_MARKER).is_file() or database.is_file()):
        raise InputError(f"{path} does not look like a Sourcewise store; not deleting it: choose another --store")
    for entry in path.iterdir():
        if entry.name in _DATABASE_FILES:
            if entry.is_dir() and not entry.is_symlink():
                raise InputError(f"{entry} is a folder, not Chroma's database; not deleting it: move it away, "
                                 "or choose another --store")
            entry.unlink()
        elif _is_segment_folder(entry):
            shutil.rmtree(entry)
    if str(path) in _FAILED_STARTS:
        from chromadb.api.client import Client

        # Chroma's one public way to forget the system that failed to start here forgets every cached system:
        # stores already open in this process keep working; opening one again starts a second system for it.
        Client.clear_system_cache()
        _FAILED_STARTS.clear()


def _is_chroma_failure(exc: BaseException) -> bool:
    """Any error from Chroma, including a panic in its Rust core (a ``BaseException``); not an interrupt or ours."""
    if isinstance(exc, (SourcewiseError, KeyboardInterrupt, SystemExit, GeneratorExit)):
        return False
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def _is_not_found(exc: Exception) -> bool:
    from chromadb.errors import NotFoundError

    return isinstance(exc, NotFoundError) or "does not exist" in str(exc).lower()


def _is_unreachable(exc: Exception) -> bool:
    import httpx

    return isinstance(exc, (httpx.TransportError, ConnectionError, TimeoutError))


def _is_busy(exc: Exception) -> bool:
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text


def _parse_url(url: str) -> tuple[str, int, bool]:
    from urllib.parse import urlparse

    try:
        parsed = urlparse(url if "://" in url else f"http://{url}")
        host, port = parsed.hostname, parsed.port
    except ValueError as exc:
        raise StoreError(f"cannot read --chroma-url {url!r} ({_first_line(exc)}): "
                         "give it as http://HOST:PORT") from None
    if not host:
        raise StoreError(f"cannot read a host from --chroma-url {url!r}: give it as http://HOST:PORT")
    if parsed.scheme not in ("http", "https"):
        raise StoreError(f"--chroma-url {url!r} is not an http or https address: give it as http://HOST:PORT")
    if port == 0:
        raise StoreError(f"--chroma-url {url!r} names port 0: give it as http://HOST:PORT")
    ssl = parsed.scheme == "https"
    return host, port or (443 if ssl else 8000), ssl


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else ""

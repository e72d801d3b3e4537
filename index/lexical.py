"""The lexical index: Okapi BM25 over every chunk's search terms, in SQLite FTS5 on disk, updated incrementally.

Each chunk is one FTS5 row whose only column holds its search terms (``index.vocab.content_terms``: Snowball stems
without stopwords) joined by spaces, under FTS5's ``ascii`` tokenizer, so FTS5 indexes exactly the terms the rest
of Sourcewise reads and ranks them with its built-in ``bm25()`` (k1 1.2, b 0.75). Rows carry their article's
``doc_id`` and version hash, like the chunks in Chroma: the caller serves a row only when that version is the live
one. The file also records which store generation it reflects (see ``ChromaStore.generation``), so a process can
tell when another one wrote to the store and the index must catch up, and which version of the search terms its
rows hold (``index.vocab.TERMS_VERSION``): rows of another version are dropped on open and indexed again.
"""

from __future__ import annotations

import math
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from index.errors import StoreError
from index.vocab import TERMS_VERSION, content_terms

__all__ = ["LexicalHit", "LexicalIndex", "LexicalRow", "bm25_idf"]

SCHEMA = 1
_VARIABLES = 500  # terms or ids per statement, below SQLite's limit on bound variables
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
POSTINGS_BUDGET = 20_000
"""Above this many postings (rows holding a question term, summed over its terms), the search reads the rows
holding the rarer terms first (``_search_pruned``). Below it, every matching row is scored, as at the sizes of the
development data (its largest store, 2,401 articles, stays under it), so its retrieval figures do not move;
20,000 rows cost FTS5 about 30 ms here."""


@dataclass(frozen=True)
class LexicalRow:
    """One chunk as the lexical index stores it."""

    chunk_id: str
    doc_id: str
    content_hash: str
    text: str


@dataclass(frozen=True)
class LexicalHit:
    """A chunk matching a query, with its BM25 score (higher is better) and the article version it belongs to."""

    chunk_id: str
    doc_id: str
    content_hash: str
    score: float


def bm25_idf(documents: int, frequency: int) -> float:
    """Okapi BM25's inverse document frequency, kept positive for terms in more than half the documents."""
    return math.log(1.0 + (documents - frequency + 0.5) / (frequency + 0.5))


def _token(term: str) -> str:
    """A term as one token of FTS5's ``ascii`` tokenizer (ASCII letters and digits or any non-ASCII character);
    a term with other ASCII characters (rare: "1(2)" from a folded symbol) is spelled in hex behind a mark no
    term contains."""
    if all(ch in _PLAIN or ord(ch) > 127 for ch in term):
        return term
    return "§" + term.encode("utf-8").hex()


def _match(tokens: list[str]) -> str:
    """An FTS5 query matching rows that hold any of ``tokens``."""
    return " OR ".join(f'"{t}"' for t in tokens)


def _chunks(items: list, size: int = _VARIABLES) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class LexicalIndex:
    """BM25 search, document frequencies and the store generation it reflects, in one SQLite file.

    Safe to share between threads (one connection behind a lock) and between processes (SQLite's own locking,
    write-ahead log: readers never wait for a writer). ``path=None`` keeps the index in memory.
    """

    def __init__(self, path: str | Path | None = None, *, timeout: float = 30.0):
        self.path = Path(path) if path is not None else None
        self._lock = threading.RLock()
        self._closed = False
        target = ":memory:" if self.path is None else str(self.path)
        try:
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(target, timeout=timeout, check_same_thread=False, isolation_level=None)
            if self.path is not None:
                self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._create()
        except (sqlite3.Error, OSError) as exc:
            raise self._damaged(exc) from exc

    def _damaged(self, exc: BaseException) -> StoreError:
        return StoreError(f"the lexical index {self.path or '(in memory)'} cannot be used "
                          f"({type(exc).__name__}: {exc}); delete it and it is rebuilt from the store on the next "
                          "open, or rebuild the store with `sourcewise ingest PATH --rebuild`")

    def _create(self) -> None:
        with self._write():
            self._db.execute("CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value) WITHOUT ROWID")
            schema = self._state("schema")
            if schema is not None and schema != SCHEMA:
                raise StoreError(f"the lexical index {self.path} has layout {schema}, not {SCHEMA}: delete it, and "
                                 "it is rebuilt from the store on the next open")
            self._db.execute("CREATE TABLE IF NOT EXISTS chunks (rowid INTEGER PRIMARY KEY, chunk_id TEXT NOT NULL "
                             "UNIQUE, doc_id TEXT NOT NULL, content_hash TEXT NOT NULL)")
            self._db.execute("CREATE INDEX IF NOT EXISTS chunks_version ON chunks (doc_id, content_hash)")
            self._db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS chunk_terms USING fts5(terms, tokenize='ascii')")
            self._db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS term_counts USING fts5vocab(chunk_terms, 'row')")
            if schema is None:
                self._db.executemany("INSERT INTO state VALUES (?, ?)",
                                     [("schema", SCHEMA), ("rows", 0), ("generation", None), ("store", None)])
            if self._state("terms") != TERMS_VERSION:
                # Rows written under other stems would not match a question's terms: start empty, and the store
                # fills the index again from its chunks (``ChromaStore.sync_lexical``).
                self.clear()
                self._set_state("terms", TERMS_VERSION)

    # -- transactions ----------------------------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[None]:
        """One write transaction (nested calls join the outer one); taken at once, so writers queue."""
        with self._lock:
            self._check_open()
            if self._db.in_transaction:
                yield
                return
            try:
                self._db.execute("BEGIN IMMEDIATE")
                yield
                self._db.execute("COMMIT")
            except BaseException as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise self._damaged(exc) from exc
                raise

    def transaction(self):
        """Group several writes into one commit: ``with index.transaction(): ...``."""
        return self._write()

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._check_open()
            try:
                yield self._db
            except sqlite3.Error as exc:
                raise self._damaged(exc) from exc

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"the lexical index {self.path or '(in memory)'} was closed: open the store again")

    def close(self) -> None:
        """Close the file; closing twice is harmless."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self._db.close()

    def _state(self, key: str):
        row = self._db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_state(self, key: str, value) -> None:
        self._db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, value))

    # -- what the index reflects ------------------------------------------------------------
    @property
    def generation(self) -> int | None:
        """The store generation this index fully reflects; None when it never caught up with a store."""
        with self._read():
            return self._state("generation")

    def mark_generation(self, generation: int | None, *, store: str | None = None) -> None:
        """Record that the index now reflects the store (``store``: its identity) at ``generation``."""
        with self._write():
            self._set_state("generation", generation)
            if store is not None:
                self._set_state("store", store)

    @property
    def store_identity(self) -> str | None:
        """Which store the index was built from (a Chroma collection id), so a rebuilt store is noticed."""
        with self._read():
            return self._state("store")

    def __len__(self) -> int:
        with self._read():
            return int(self._state("rows") or 0)

    def versions(self) -> dict[str, set[str]]:
        """The article versions that have rows here: doc_id -> content hashes."""
        found: dict[str, set[str]] = {}
        with self._read() as db:
            for doc_id, content_hash in db.execute("SELECT DISTINCT doc_id, content_hash FROM chunks"):
                found.setdefault(doc_id, set()).add(content_hash)
        return found

    def version_rows(self) -> dict[tuple[str, str], int]:
        """How many chunks each article version has here: (doc_id, content_hash) -> rows."""
        with self._read() as db:
            return {(d, h): n for d, h, n in
                    db.execute("SELECT doc_id, content_hash, count(*) FROM chunks GROUP BY doc_id, content_hash")}

    # -- writing ---------------------------------------------------------------------------
    def add(self, rows: Iterable[LexicalRow]) -> int:
        """Index chunks (a chunk id seen before is replaced); returns how many rows were written."""
        rows = list(rows)
        if not rows:
            return 0
        with self._write():
            self._delete_where("chunk_id", [r.chunk_id for r in rows])
            cursor = self._db.execute("SELECT coalesce(max(rowid), 0) FROM chunks")
            first = cursor.fetchone()[0] + 1
            self._db.executemany("INSERT INTO chunks VALUES (?, ?, ?, ?)",
                                 [(first + i, r.chunk_id, r.doc_id, r.content_hash) for i, r in enumerate(rows)])
            self._db.executemany("INSERT INTO chunk_terms (rowid, terms) VALUES (?, ?)",
                                 [(first + i, " ".join(_token(t) for t in content_terms(r.text)))
                                  for i, r in enumerate(rows)])
            self._db.execute("UPDATE state SET value = value + ? WHERE key = 'rows'", (len(rows),))
        return len(rows)

    def remove_version(self, doc_id: str, content_hash: str) -> int:
        """Delete the rows of one version of an article."""
        with self._write():
            rowids = [r for (r,) in self._db.execute(
                "SELECT rowid FROM chunks WHERE doc_id = ? AND content_hash = ?", (doc_id, content_hash))]
            return self._delete_rowids(rowids)

    def remove_article(self, doc_id: str) -> int:
        """Delete every row of an article, whatever its version."""
        with self._write():
            rowids = [r for (r,) in self._db.execute("SELECT rowid FROM chunks WHERE doc_id = ?", (doc_id,))]
            return self._delete_rowids(rowids)

    def keep_only(self, live: dict[str, str]) -> int:
        """Delete every row whose article version is not ``live`` (doc_id -> content hash); returns how many."""
        removed = 0
        with self._write():
            for doc_id, hashes in self.versions().items():
                for content_hash in hashes:
                    if live.get(doc_id) != content_hash:
                        removed += self.remove_version(doc_id, content_hash)
        return removed

    def optimize(self) -> None:
        """Merge the full-text index's segments into one (FTS5's ``optimize``). Rows added in many batches, as when
        the index is filled again from the store, leave it in many segments, and every search reads each of them:
        at 225,000 chunks a rebuilt index searched in 79 ms a question, 25 ms once merged (2.8 s to merge)."""
        with self._write():
            self._db.execute("INSERT INTO chunk_terms(chunk_terms) VALUES ('optimize')")

    def clear(self) -> None:
        """Delete every row and forget the store it reflected."""
        with self._write():
            self._db.execute("DELETE FROM chunks")
            self._db.execute("DELETE FROM chunk_terms")
            self._set_state("rows", 0)
            self._set_state("generation", None)
            self._set_state("store", None)

    def _delete_where(self, column: str, values: list[str]) -> int:
        rowids = []
        for part in _chunks(values):
            marks = ",".join("?" * len(part))
            rowids += [r for (r,) in self._db.execute(f"SELECT rowid FROM chunks WHERE {column} IN ({marks})", part)]
        return self._delete_rowids(rowids)

    def _delete_rowids(self, rowids: list[int]) -> int:
        for part in _chunks(rowids):
            marks = ",".join("?" * len(part))
            self._db.execute(f"DELETE FROM chunk_terms WHERE rowid IN ({marks})", part)
            self._db.execute(f"DELETE FROM chunks WHERE rowid IN ({marks})", part)
        if rowids:
            self._db.execute("UPDATE state SET value = value - ? WHERE key = 'rows'", (len(rowids),))
        return len(rowids)

    # -- reading ---------------------------------------------------------------------------
    def search(self, query: str, k: int, *, live: Callable[[list[LexicalHit]], list[LexicalHit]] | None = None,
               exhaustive: bool = False) -> list[LexicalHit]:
        """The ``k`` chunks that rank best for ``query`` by BM25, best first.

        ``live`` keeps the hits whose article version is served; rows it drops (an old version being replaced,
        an interrupted write) do not take a live row's place: the search reads on until it has ``k`` or none are
        left. In a large index, a question of common words reads the rows holding its rarer terms first
        (``_search_pruned``); ``exhaustive`` scores every row holding any term, whatever it costs."""
        if k <= 0:
            raise ValueError(f"k must be > 0, got {k}")
        tokens = list(dict.fromkeys(_token(t) for t in content_terms(query)))
        if not tokens:
            return []
        with self._read() as db:
            if not exhaustive:
                found = self._search_pruned(db, tokens, k, live)
                if found is not None:
                    return found
            return self._search_all(db, _match(tokens), k, live)

    @staticmethod
    def _search_all(db: sqlite3.Connection, expression: str, k: int, live) -> list[LexicalHit]:
        """BM25 over every row that matches ``expression``, read in pages until ``k`` live hits are found."""
        found: list[LexicalHit] = []
        offset, page = 0, k
        while len(found) < k:
            rows = db.execute(
                "SELECT c.chunk_id, c.doc_id, c.content_hash, m.score FROM (SELECT rowid, rank AS score "
                "FROM chunk_terms WHERE chunk_terms MATCH ? ORDER BY rank LIMIT ? OFFSET ?) m "
                "JOIN chunks c ON c.rowid = m.rowid ORDER BY m.score", (expression, page, offset)).fetchall()
            hits = [LexicalHit(cid, doc, version, -score) for cid, doc, version, score in rows]
            found += live(hits) if live else hits
            if len(rows) < page:
                break
            offset += page
            page *= 2
        return found[:k]

    def _search_pruned(self, db: sqlite3.Connection, tokens: list[str], k: int, live) -> list[LexicalHit] | None:
        """Coordination first: the best ``k`` of the rows that hold the question's rarer terms, when scoring every
        row that holds any term would be costly (their postings add up to more than ``POSTINGS_BUDGET``); None
        otherwise, and the caller scores every row.

        Terms go rarest first; level L asks for rows holding each of the L-1 rarest and at least one of the rest,
        and the first level with ``k`` live rows answers. It starts with every term required but the commonest
        (which BM25 values least: the best row often lacks a "won" or "released" of the question) and those in
        over half the rows (which ``bm25()`` gives no weight), and goes down to the rarest alone. Each query
        names every term once, so FTS5's ``bm25()`` gives a row its full score (a term a row lacks adds nothing):
        within the rows a level reads, the order is the exhaustive search's; only rows lacking a rarer term are
        not read. FTS5 costs about 1.6 microseconds a row scored (`python -m bench.lexical`), so this is what keeps
        a question whose words are in a fifth of 220,000 chunks from taking a third of a second."""
        frequencies = {t: n for t, n in self._token_frequencies(db, tokens).items() if n}
        if sum(frequencies.values()) <= POSTINGS_BUDGET or len(frequencies) < 2:
            return None
        ordered = sorted(frequencies, key=lambda t: (frequencies[t], t))
        rows = len(self)
        weighty = [t for t in ordered[:-1] if 2 * frequencies[t] <= rows]
        for level in range(len(weighty), 1, -1):
            groups = [f'"{t}"' for t in ordered[:level - 1]] + [f"({_match(ordered[level - 1:])})"]
            found = self._search_all(db, " AND ".join(groups), k, live)
            if len(found) >= k:
                return found
        return None

    @staticmethod
    def _token_frequencies(db: sqlite3.Connection, tokens: list[str]) -> dict[str, int]:
        found = dict.fromkeys(tokens, 0)
        for part in _chunks(tokens):
            marks = ",".join("?" * len(part))
            found.update(db.execute(f"SELECT term, doc FROM term_counts WHERE term IN ({marks})", part).fetchall())
        return found

    def document_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """How many rows hold each term (0 for a term no row holds)."""
        wanted = {_token(t): t for t in terms}
        with self._read() as db:
            return {wanted[token]: n for token, n in self._token_frequencies(db, list(wanted)).items()}

    def term_weights(self, text: str) -> dict[str, float]:
        """Each distinct search term of ``text`` with its BM25 idf over the indexed chunks."""
        terms = list(dict.fromkeys(content_terms(text)))
        frequencies = self.document_frequencies(terms)
        documents = len(self)
        return {t: bm25_idf(documents, frequencies[t]) for t in terms}

    def unknown_terms(self, text: str) -> frozenset[str]:
        """Search terms of ``text`` that no indexed chunk holds."""
        return frozenset(t for t, n in self.document_frequencies(content_terms(text)).items() if n == 0)

"""One writer per store: a lock file for a local store, a lease kept in the Chroma server for a server store.

A writer that dies, even by ``kill -9``, lets go: the operating system drops a dead process's ``flock``, and a
lease that nobody renews expires. A second writer waits, saying for whom, up to a timeout, then refuses.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import socket
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from index.errors import StoreError

__all__ = ["DEFAULT_WAIT_SECONDS", "LEASE_SECONDS", "Holder", "FileWriterLock", "LeaseWriterLock"]

log = logging.getLogger("sourcewise")

DEFAULT_WAIT_SECONDS = 300.0
"""How long a second writer waits for the first by default (a user setting: ``--wait``)."""
LEASE_SECONDS = 30.0
"""A server writer renews its lease six times in this span; a lease unrenewed this long belongs to a dead writer."""
LOCK_FILE = "writer.lock"

Notify = Callable[[str], None]


@dataclass(frozen=True)
class Holder:
    """Who holds (or held) a writer lock, to name them to whoever waits."""

    pid: int
    host: str
    command: str
    since: float

    @classmethod
    def me(cls) -> "Holder":
        command = " ".join([Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python", *sys.argv[1:]])
        return cls(pid=os.getpid(), host=socket.gethostname(), command=command[:160], since=time.time())

    def to_dict(self) -> dict:
        return {"pid": self.pid, "host": self.host, "command": self.command, "since": self.since}

    @classmethod
    def from_dict(cls, data: dict) -> "Holder | None":
        try:
            return cls(int(data["pid"]), str(data["host"]), str(data["command"]), float(data["since"]))
        except (KeyError, TypeError, ValueError):
            return None

    def describe(self) -> str:
        started = time.strftime("%H:%M:%S", time.localtime(self.since))
        return f"pid {self.pid} on {self.host}, `{self.command}`, since {started}"


def _busy(location: str, holder: Holder | None) -> str:
    who = f" ({holder.describe()})" if holder else ""
    return f"the store at {location} is being written by another ingest{who}"


def _waiting(location: str, holder: Holder | None, timeout: float) -> str:
    return f"{_busy(location, holder)}: waiting up to {timeout:g} s for it to finish"


def _refusal(location: str, holder: Holder | None, timeout: float) -> StoreError:
    waited = f"it did not finish within {timeout:g} s" if timeout > 0 else "only one writer at a time"
    return StoreError(f"{_busy(location, holder)} and {waited}: try again when it is done, or wait longer "
                      "with --wait SECONDS")


class FileWriterLock:
    """An exclusive ``flock`` on ``<store>/writer.lock``; the file names its holder for whoever waits."""

    def __init__(self, folder: str | Path, *, location: str | None = None, poll: float = 0.1):
        self.path = Path(folder) / LOCK_FILE
        self.location = location or str(folder)
        self.poll = poll
        self._file = None

    def acquire(self, timeout: float, notify: Notify | None = None) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(self.path, "a+", encoding="utf-8")
        except OSError as exc:
            raise StoreError(f"cannot take the writer lock of the store at {self.location} "
                             f"({exc.strerror or exc}): check that you may write to {self.path.parent}") from None
        deadline = time.monotonic() + max(timeout, 0.0)
        told = False
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = self._holder()
                if time.monotonic() >= deadline:
                    handle.close()
                    raise _refusal(self.location, holder, timeout) from None
                if not told:
                    (notify or log.warning)(_waiting(self.location, holder, timeout))
                    told = True
                time.sleep(self.poll)
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(Holder.me().to_dict()))
        handle.flush()
        self._file = handle

    def check(self) -> None:
        """A file lock cannot be lost while its process lives."""

    def release(self) -> None:
        handle, self._file = self._file, None
        if handle is None:
            return
        try:
            handle.seek(0)
            handle.truncate()
            handle.flush()
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
            handle.close()

    def _holder(self) -> Holder | None:
        try:
            return Holder.from_dict(json.loads(self.path.read_text(encoding="utf-8") or "{}"))
        except (OSError, ValueError):
            return None


class LeaseWriterLock:
    """A lease on a Chroma server, held as a collection named ``<name>-writer``.

    Creating a collection that exists fails, so exactly one writer creates the lease; its holder renews it (a
    ``beat`` counter in the collection's metadata) from a thread. A waiter that sees the beat stand still for the
    lease's length, by its own clock (no clock is shared between machines), renames that collection away, by its id,
    so the lease of a writer that took over meanwhile is never touched, and competes to create a new one.
    """

    def __init__(self, client, name: str, *, location: str, lease: float = LEASE_SECONDS):
        if lease <= 0:
            raise ValueError(f"lease must be > 0, got {lease}")
        self.client = client
        self.name = f"{name}-writer"
        self.location = location
        self.lease = lease
        self._collection = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lost = False

    def acquire(self, timeout: float, notify: Notify | None = None) -> None:
        deadline = time.monotonic() + max(timeout, 0.0)
        seen: tuple[str, int] | None = None
        seen_at = time.monotonic()
        told = False
        while True:
            me = {**Holder.me().to_dict(), "beat": 0, "lease": self.lease}
            try:
                self._collection = self.client.create_collection(self.name, metadata=me, embedding_function=None)
                _HELD.add(str(self._collection.id))
                break
            except Exception as exc:
                if "already exists" not in str(exc).lower():
                    raise
            try:
                current = self.client.get_collection(self.name, embedding_function=None)
            except Exception as exc:
                if _is_missing(exc):
                    continue  # released between our two calls
                raise
            metadata = dict(current.metadata or {})
            state = (str(current.id), int(metadata.get("beat", 0)))
            now = time.monotonic()
            if state != seen:
                seen, seen_at = state, now
            lease = float(metadata.get("lease", self.lease))
            holder = Holder.from_dict(metadata)
            if now - seen_at >= lease or _left_behind(holder, str(current.id), now - seen_at, lease):
                log.warning(f"{_busy(self.location, holder)} whose lease expired "
                            f"(no renewal in {now - seen_at:.0f} s): taking over")
                _retire(self.client, current, "expired")
                continue
            if now >= deadline:
                raise _refusal(self.location, Holder.from_dict(metadata), timeout)
            if not told:
                (notify or log.warning)(_waiting(self.location, Holder.from_dict(metadata), timeout))
                told = True
            time.sleep(min(1.0, self.lease / 10))
        self._stop.clear()
        self._lost = False
        self._thread = threading.Thread(target=self._renew, name="sourcewise-lease", daemon=True)
        self._thread.start()

    def _renew(self) -> None:
        beat = 0
        while not self._stop.wait(self.lease / 6):
            beat += 1
            try:
                metadata = dict(self._collection.metadata or {})
                self._collection.modify(metadata={**metadata, "beat": beat})
            except Exception as exc:  # the server may be down for a moment; the writes will say so
                log.debug("could not renew the writer lease at %s: %r", self.location, exc)

    def check(self) -> None:
        """Raise a ``StoreError`` if another writer took this lease over (it was not renewed in time)."""
        try:
            current = self.client.get_collection(self.name, embedding_function=None)
        except Exception as exc:
            if not _is_missing(exc):
                raise
            current = None
        if current is None or self._collection is None or str(current.id) != str(self._collection.id):
            self._lost = True
            raise StoreError(f"this ingest lost its writer lease on {self.location} (it was not renewed for "
                             f"{self.lease:g} s, and another writer took over): run the ingest again")

    def release(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        collection, self._collection = self._collection, None
        if collection is not None:
            _HELD.discard(str(collection.id))
        if collection is not None and not self._lost:
            try:
                _retire(self.client, collection, "released")
            except Exception as exc:  # a server that went away: the lease expires on its own
                log.debug("could not release the writer lease at %s: %r", self.location, exc)


# Ids of the leases this process holds now: a lease naming this process that is not among them was left behind.
_HELD: set[str] = set()


def _left_behind(holder: Holder | None, lease_id: str, unchanged: float, lease: float) -> bool:
    """Whether a lease on this machine belongs to no live writer: this process's own, from a write that failed
    while the server was down, or one whose process is gone and that has missed two renewals."""
    if holder is None or holder.host != socket.gethostname():
        return False
    if holder.pid == os.getpid():
        return lease_id not in _HELD
    return unchanged >= lease / 3 and not _alive(holder.pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _retire(client, collection, why: str) -> None:
    """Rename a lease collection away by its id, then delete it under its new, unique name."""
    retired = f"{collection.name}-{why}-{uuid.uuid4().hex[:12]}"
    try:
        collection.modify(name=retired)
    except Exception as exc:
        if _is_missing(exc):
            return  # another waiter retired it first
        raise
    try:
        client.delete_collection(retired)
    except Exception as exc:
        log.debug("could not delete the retired lease %s: %r", retired, exc)


def _is_missing(exc: Exception) -> bool:
    text = str(exc).lower()
    return type(exc).__name__ == "NotFoundError" or "does not exist" in text or "not found" in text

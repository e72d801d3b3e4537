"""The writer locks on their own: a lock file between processes, and a lease kept in a real Chroma database."""

import logging
import os
import subprocess
import sys
import threading

import chromadb
import pytest
from chromadb.config import Settings

from index.errors import StoreError
from index.locking import FileWriterLock, LeaseWriterLock
from tests.conftest import ROOT


def test_a_second_file_lock_waits_names_the_holder_then_refuses(tmp_path, caplog):
    first = FileWriterLock(tmp_path)
    first.acquire(0)
    told = []
    with pytest.raises(StoreError, match=r"being written by another ingest \(pid \d+ on .*\) and it did not "
                                         r"finish within 0.3 s: try again when it is done, or wait longer"):
        FileWriterLock(tmp_path).acquire(0.3, notify=told.append)
    assert len(told) == 1 and "waiting up to 0.3 s" in told[0]
    first.release()
    second = FileWriterLock(tmp_path)
    second.acquire(0)
    second.release()


def test_a_waiting_file_lock_gets_it_when_the_holder_lets_go(tmp_path):
    first = FileWriterLock(tmp_path)
    first.acquire(0)
    threading.Timer(0.3, first.release).start()
    second = FileWriterLock(tmp_path)
    second.acquire(30, notify=lambda message: None)
    second.release()


def test_a_file_lock_of_a_process_killed_by_sigkill_is_free_at_once(tmp_path):
    code = ("import sys, time; from index.locking import FileWriterLock; lock = FileWriterLock(sys.argv[1]); lock.acquire(0); "
            "print('held', flush=True); time.sleep(300)")
    holder = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreError, match=f"pid {holder.pid} "):
            FileWriterLock(tmp_path).acquire(0)
        holder.kill()
        holder.wait()
        lock = FileWriterLock(tmp_path)
        lock.acquire(0)
        lock.release()
    finally:
        holder.kill()
        holder.wait()


@pytest.fixture
def client(tmp_path):
    return chromadb.PersistentClient(path=str(tmp_path / "chroma"), settings=Settings(anonymized_telemetry=False))


def test_one_lease_at_a_time_and_the_second_names_the_first(client):
    first = LeaseWriterLock(client, "sw", location="server", lease=5)
    first.acquire(0)
    with pytest.raises(StoreError, match=r"the store at server is being written by another ingest \(pid \d+"):
        LeaseWriterLock(client, "sw", location="server", lease=5).acquire(0.5, notify=lambda message: None)
    first.check()
    first.release()
    second = LeaseWriterLock(client, "sw", location="server", lease=5)
    second.acquire(0)
    second.release()
    assert [c.name for c in client.list_collections()] == []


def test_a_lease_nobody_renews_expires_and_its_old_holder_learns_it_lost_it(client, caplog):
    dead = LeaseWriterLock(client, "sw", location="server", lease=1.0)
    dead.acquire(0)
    dead._stop.set()  # the holder's process froze or died: no more renewals
    dead._thread.join()
    taker = LeaseWriterLock(client, "sw", location="server", lease=1.0)
    with caplog.at_level(logging.WARNING, logger="sourcewise"):
        taker.acquire(30, notify=lambda message: None)
    assert any("lease expired" in r.getMessage() for r in caplog.records)
    taker.check()
    with pytest.raises(StoreError, match="lost its writer lease on server .* run the ingest again"):
        dead.check()
    dead.release()  # a holder that lost its lease lets go without touching the new one
    taker.check()
    taker.release()


def test_a_renewed_lease_is_never_taken_over(client):
    holder = LeaseWriterLock(client, "sw", location="server", lease=0.6)
    holder.acquire(0)
    with pytest.raises(StoreError, match="did not finish within 2 s"):  # three lease lengths, renewed throughout
        LeaseWriterLock(client, "sw", location="server", lease=0.6).acquire(2, notify=lambda message: None)
    holder.check()
    holder.release()


def test_a_lease_this_process_left_behind_is_taken_over_at_once(client):
    """A write that failed while the server was down could not release its lease; the same process's next
    writer does not wait for it to expire."""
    left = LeaseWriterLock(client, "sw", location="server", lease=600)
    left.acquire(0)
    left._stop.set()
    left._thread.join()
    from index import locking

    locking._HELD.clear()  # what release() does when the server cannot be reached to delete the lease
    again = LeaseWriterLock(client, "sw", location="server", lease=600)
    again.acquire(5, notify=lambda message: None)
    again.release()


def test_a_lease_of_a_dead_process_on_this_machine_is_taken_over_before_it_expires(client, caplog):
    code = ("import sys, os, chromadb; from chromadb.config import Settings; from index.locking import LeaseWriterLock; "
            "c = chromadb.PersistentClient(path=sys.argv[1], settings=Settings(anonymized_telemetry=False)); "
            "lock = LeaseWriterLock(c, 'sw', location='server', lease=30); lock.acquire(0); print('held', flush=True); "
            "sys.stdin.read()")
    path = client.get_settings().persist_directory
    holder = subprocess.Popen([sys.executable, "-c", code, path], cwd=ROOT, stdout=subprocess.PIPE,
                              stdin=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        holder.kill()
        holder.wait()
        taker = LeaseWriterLock(client, "sw", location="server", lease=30)
        with caplog.at_level(logging.WARNING, logger="sourcewise"):
            taker.acquire(20, notify=lambda message: None)  # gives up before the 30 s lease could expire
        assert f"pid {holder.pid} " in " ".join(r.getMessage() for r in caplog.records)
        taker.release()
    finally:
        holder.kill()
        holder.wait()


def test_a_store_folder_this_user_may_not_write_to_is_a_store_error_not_a_traceback(tmp_path):
    if os.geteuid() == 0:
        folder = tmp_path / "a-file-not-a-folder"
        folder.write_text("x", encoding="utf-8")  # root may write anywhere; a file in the way fails the same way
        target = folder / "store"
    else:
        target = tmp_path / "read-only"
        target.mkdir()
        target.chmod(0o500)
    with pytest.raises(StoreError, match=r"cannot take the writer lock of the store at .*: check that you may write"):
        FileWriterLock(target).acquire(0)

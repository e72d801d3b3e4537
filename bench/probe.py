"""Probe Sourcewise as a hostile but fair user would, and print what happened: probe, outcome, nothing lost.

    python -m bench.probe                  # every probe; the load probe with the real model (about 10 minutes)
    python -m bench.probe --quick          # fewer rounds, a shorter load, the fake embedding throughout
    python -m bench.probe --only writers kill

Faults are driven through real processes: the `sourcewise` CLI in child processes (with the hashed fake embedding
of tests/fakes.py, so an ingest of 150 articles takes seconds; the faults concern the store, not the model), a real
on-disk Chroma store, `chroma run` servers killed and restarted, and the browser app served over HTTP. "Nothing
lost" is checked, not assumed: every live article is whole (its record's chunks and sentences are all there),
whole articles stay whole, and files outside the index are untouched. A probe that cannot run says why.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.processes import free_port, start_chroma, stop

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
QUESTION = "Who declared Damascus free of Bashar al-Assad?"


@dataclass(frozen=True)
class Row:
    probe: str
    outcome: str
    lost: bool | None  # None: nothing that could be lost


# -- helpers ---------------------------------------------------------------------------------------------------------


def fake():
    from tests.fakes import HashedBagOfWords

    return HashedBagOfWords()


def integrity(path: Path | None = None, url: str | None = None) -> tuple[int, int]:
    """(live articles, articles not whole) of a store."""
    from tests.integrity import broken_articles, open_store

    store = open_store(path, url)
    try:
        return len(store.articles()), len(broken_articles(store))
    finally:
        store.close()


def one_line(text: str, width: int = 150) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    line = lines[-1] if lines else ""
    return line if len(line) <= width else line[: width - 1] + "…"


def kill(process: subprocess.Popen) -> None:
    process.kill()
    process.wait()


def collection(tmp: Path, n: int, seed: int) -> Path:
    from bench.synth import write_collection

    folder = tmp / f"articles-{n}-{seed}"
    if not folder.exists():
        write_collection(folder, n, seed=seed)
    return folder


# -- the probes ------------------------------------------------------------------------------------------------------


def probe_writers(tmp: Path, quick: bool) -> list[Row]:
    """Two ingests into one store, the second started while the first writes its batch (where data was lost)."""
    from tests.ingest_process import Writer

    articles = collection(tmp, 150, 13)
    rows = []
    for pause in ("chunks",) if quick else ("write", "chunks", "records"):
        store = tmp / f"writers-{pause}"
        first = Writer(tmp, [str(articles), "--store", str(store)], pause=pause)
        first.paused()
        second = Writer(tmp, [str(SEEDS), "--store", str(store), "--wait", "120"])
        deadline = time.monotonic() + 60
        while f"(pid {first.process.pid} " not in second.err() and time.monotonic() < deadline:
            time.sleep(0.02)
        waited = "waiting up to 120 s" in second.err()
        first.resume()
        codes = (first.finish()[0], second.finish()[0])
        live, broken = integrity(store)
        rows.append(Row(f"second ingest starts after the first's {pause} step of its batch",
                        f"{'waited for the first (named by pid), then ' if waited else 'did NOT wait; '}exit codes "
                        f"{codes}; {live} articles, {broken} without their text", broken > 0 or live != 155))
    store = tmp / "writers-refuse"
    first = Writer(tmp, [str(articles), "--store", str(store)], pause="chunks")
    first.paused()
    code, _, err = Writer(tmp, [str(SEEDS), "--store", str(store), "--wait", "0"]).finish()
    first.resume()
    first.finish()
    live, broken = integrity(store)
    rows.append(Row("second ingest with --wait 0 during the first's batch", f"exit {code}: {one_line(err, 110)}",
                    broken > 0 or live != 150))
    rows.append(probe_upload_during_ingest(tmp, articles))
    return rows


def probe_upload_during_ingest(tmp: Path, articles: Path) -> Row:
    import logging

    from qa import Engine
    from tests.ingest_process import Writer
    from ui.app import Handlers
    from ui.uploads import MB

    store = tmp / "writers-upload"
    Writer(tmp, [str(SEEDS / "000_2237e40fe5077043.txt"), "--store", str(store)]).finish()
    first = Writer(tmp, [str(articles), "--store", str(store)], pause="chunks")
    first.paused()
    story = tmp / "quokka.txt"
    story.write_text("Quokka Festival\nThe quokka festival drew 5,000 people to Rottnest.\n", encoding="utf-8")
    messages: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: messages.append(record.getMessage())
    logging.getLogger("sourcewise").addHandler(handler)
    status: dict = {}
    with Engine.open(store, embed_model=fake(), wait=120) as engine:
        handlers = Handlers(engine, upload_dir=store / "uploads", max_bytes=MB)
        thread = threading.Thread(target=lambda: status.update(
            html=handlers.add_files([str(story)], progress=lambda *a, **k: None)[0]))
        thread.start()
        deadline = time.monotonic() + 60
        while not messages and time.monotonic() < deadline:
            time.sleep(0.02)
        first.resume()
        first.finish()
        thread.join()
    logging.getLogger("sourcewise").removeHandler(handler)
    live, broken = integrity(store)
    added = "1 added" in status.get("html", "")
    return Row("upload in the browser chat during a CLI ingest",
               f"{'waited, then ' if messages else ''}{'added' if added else 'NOT added'}; {live} articles, "
               f"{broken} without their text", broken > 0 or live != 152 or not added)


def probe_kill(tmp: Path, quick: bool) -> list[Row]:
    """kill -9 of an ingest of 150 articles at random points, round after round on one store, then a rerun."""
    from tests.ingest_process import Writer

    articles = Path(shutil.copytree(collection(tmp, 150, 21), tmp / "kill-articles"))
    store = tmp / "kill-store"
    rng = random.Random(1)
    whole: set[str] = set()
    lost = False
    rounds = 3 if quick else 6
    points = []
    for round_ in range(rounds):
        if round_:
            for path in rng.sample(sorted(articles.glob("*.txt")), 20):
                with open(path, "a", encoding="utf-8") as article:
                    article.write(f"In round {round_} the harbour council met again.\n")
        trace = tmp / f"kill-trace-{round_}"
        writer = Writer(tmp, [str(articles), "--store", str(store)], trace=str(trace))
        writes = rng.randint(0, 6)
        deadline = time.monotonic() + 120
        while writer.process.poll() is None and time.monotonic() < deadline:
            if trace.exists() and trace.read_text(encoding="utf-8").count("\n") >= writes:
                break
            time.sleep(0.005)
        time.sleep(rng.uniform(0.5, 3.0) if writes == 0 else rng.uniform(0, 0.03))
        kill(writer.process)
        points.append(writes)
        if not (store / "chroma.sqlite3").exists():
            continue
        from tests.integrity import broken_articles, open_store

        opened = open_store(store)
        now, broken = set(opened.articles()), broken_articles(opened)
        opened.close()
        lost |= bool(broken) or not whole <= now
        whole = now
    code, out, err = Writer(tmp, [str(articles), "--store", str(store)]).finish()
    report = json.loads(out) if code == 0 else {}
    live, broken = integrity(store)
    lost |= broken > 0 or live != 150
    return [Row(f"kill -9 of a 150-article ingest, {rounds} rounds (after {points} store writes)",
                f"served only whole articles after each; the rerun added {report.get('added')}, updated "
                f"{report.get('updated')}, left {report.get('unchanged')} alone; {live} articles, {broken} broken",
                lost)]


def probe_server(tmp: Path, quick: bool) -> list[Row]:
    """A Chroma server killed mid-ingest and mid-session, and a writer killed holding the server's lease."""
    from bench.load import AppClient, AppError
    from qa import Engine
    from tests.ingest_process import Writer
    from ui.app import Handlers, build_app, launch
    from ui.uploads import MB

    rows = []
    articles = collection(tmp, 60, 9)
    data, port = tmp / "chroma-data", free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_chroma(data, port)
    try:
        Writer(tmp, [str(SEEDS), "--chroma-url", url]).finish()
        interrupted = Writer(tmp, [str(articles), "--chroma-url", url], pause="chunks", lease=3)
        interrupted.paused()
        kill(server)
        interrupted.resume()
        code, _, err = interrupted.finish()
        server = start_chroma(data, port)
        live_before, broken = integrity(url=url)
        code2, out, _ = Writer(tmp, [str(articles), "--chroma-url", url], lease=3).finish()
        live, broken2 = integrity(url=url)
        rows.append(Row("Chroma server killed mid-ingest (CLI)",
                        f"exit {code}, {len(err.strip().splitlines())} line: {one_line(err, 80)}; after restart the "
                        f"rerun exits {code2}, added {json.loads(out)['added'] if code2 == 0 else '-'}",
                        broken or broken2 or live_before != 5 or live != 65))

        engine = Engine.open(chroma_url=url, embed_model=fake())
        app = build_app(engine, upload_dir=tmp / "server-uploads")
        app_url = launch(app, port=free_port(), block=False)
        handlers = Handlers(engine, upload_dir=tmp / "server-uploads", max_bytes=MB)
        story = tmp / "quokka-server.txt"
        story.write_text("Quokka Festival\nThe quokka festival drew 5,000 people.\n", encoding="utf-8")
        try:
            kill(server)
            said = []
            for route in ("gradio", "api"):
                try:
                    AppClient(app_url, route=route).ask(QUESTION)
                    said.append(f"{route}: answered?!")
                except AppError as exc:
                    said.append(f"{'/api/ask' if route == 'api' else '/ask'} {exc.status or ''}: "
                                f"{(exc.message or 'null')[:60]}…")
            upload = handlers.add_files([str(story)], progress=lambda *a, **k: None)[0]
            server = start_chroma(data, port)
            back = bool(AppClient(app_url).ask(QUESTION)["citations"])
            added = "1 added" in handlers.add_files([str(story)], progress=lambda *a, **k: None)[0]
            rows.append(Row("Chroma server killed under the running app",
                            "; ".join(said) + f"; upload says {'the server stopped' if url in upload else upload[:40]}"
                            f"; once back: {'answers' if back else 'NO answer'}, upload "
                            f"{'works' if added else 'FAILS'} (no restart)", not (back and added)))
        finally:
            app.close()
            engine.close()

        first = Writer(tmp, [str(collection(tmp, 40, 5)), "--chroma-url", url], pause="chunks", lease=3)
        first.paused()
        kill(first.process)
        from index import locking

        original, locking.LEASE_SECONDS = locking.LEASE_SECONDS, 3.0
        try:
            started = time.monotonic()
            code, out, err = Writer(tmp, [str(SEEDS), "--chroma-url", url, "--wait", "60"], lease=3).finish()
            waited = time.monotonic() - started
        finally:
            locking.LEASE_SECONDS = original
        live, broken = integrity(url=url)
        rows.append(Row("second writer on a server whose first writer was killed -9 holding the lease",
                        f"took the lease over ({'expired' if 'lease expired' in err else 'not said'}) after "
                        f"{waited:.1f} s with a 3 s lease; exit {code}; {live} articles, {broken} broken",
                        broken > 0 or code != 0))
    finally:
        kill(server)
    return rows


def probe_rebuild(tmp: Path, quick: bool) -> list[Row]:
    """The advised rebuild of a damaged store, and a rebuild pointed at a folder of someone's own files."""
    from ui import cli

    rows = []
    store = tmp / "rebuild-store"
    quiet(lambda: cli.main(["ingest", str(SEEDS), "--store", str(store)]))
    (store / "uploads").mkdir()
    (store / "uploads" / "quokka.txt").write_text("Quokka Festival\nThe quokka festival drew 5,000 people.\n",
                                                 encoding="utf-8")
    quiet(lambda: cli.main(["ingest", str(store / "uploads"), "--store", str(store)]))
    with open(store / "chroma.sqlite3", "r+b") as database:
        database.write(b"not a database any more" * 200)
    code, out, _ = quiet(lambda: cli.main(["ingest", str(store / "uploads"), str(SEEDS), "--store", str(store),
                                           "--rebuild", "--json"]))
    kept = (store / "uploads" / "quokka.txt").exists()
    rows.append(Row("advised --rebuild of a damaged store with browser uploads",
                    f"exit {code}; uploads {'kept' if kept else 'DELETED'}; "
                    f"{json.loads(out)['added'] if code == 0 else '-'} articles indexed again", not kept))

    own = tmp / "thesis"
    (own / "sub").mkdir(parents=True)
    (own / "notes.txt").write_text("my notes", encoding="utf-8")
    (own / "sub" / "thesis.tex").write_text("\\documentclass{article}", encoding="utf-8")
    code, _, err = quiet(lambda: cli.main(["ingest", str(SEEDS), "--store", str(own), "--rebuild"]))
    intact = sorted(p.name for p in own.rglob("*")) == ["notes.txt", "sub", "thesis.tex"]
    rows.append(Row("ingest --rebuild into a folder of your own files", f"exit {code}: {one_line(err, 110)}",
                    not intact))

    emptied = tmp / "emptied-store"
    quiet(lambda: cli.main(["ingest", str(SEEDS), "--store", str(emptied)]))
    (emptied / "chroma.sqlite3").write_bytes(b"")
    before = sorted(p.name for p in emptied.iterdir())
    code, _, err = quiet(lambda: cli.main(["ask", QUESTION, "--store", str(emptied)]))
    wrote = (emptied / "chroma.sqlite3").stat().st_size > 0 or sorted(p.name for p in emptied.iterdir()) != before
    rows.append(Row("ask on an emptied chroma.sqlite3", f"exit {code}: {one_line(err, 100)}; "
                    f"{'WROTE a new database' if wrote else 'nothing written'}", None))
    return rows


def quiet(call: Callable[[], int]) -> tuple[int, str, str]:
    """Run an in-process CLI call with the fake embedding, capturing its output: (exit code, stdout, stderr)."""
    import contextlib
    import io

    import qa.engine

    out, err = io.StringIO(), io.StringIO()
    original = qa.engine.BundledEmbedding
    qa.engine.BundledEmbedding = fake
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = call()
    finally:
        qa.engine.BundledEmbedding = original
    return code, out.getvalue(), err.getvalue()


def probe_input(tmp: Path, quick: bool) -> list[Row]:
    """Bad input as users send it: questions that are not UTF-8 or not text, terminal junk, a missing file,
    an emptied article, a file without sentence breaks."""
    from index.errors import SourcewiseError
    from index.vocab import MAX_SENTENCE_CHARS
    from qa import Engine
    from ui import cli

    rows = []
    articles = tmp / "input-articles"
    shutil.copytree(SEEDS, articles)
    with Engine.from_paths([articles], store=tmp / "input-store", embed_model=fake(), show_progress=False) as engine:
        for label, question in (("a lone surrogate", "Where did Assad go?\ud800"), ("a number", 42),
                                ("terminal junk appended", QUESTION + " \x1b[31m"),
                                ("a word in another script appended", QUESTION + " Москва"),
                                ("2,000 characters padded with spaces", "   " + "w" * 2000 + "   ")):
            try:
                answer = engine.ask(question)
                outcome = f"answered ({len(answer.citations)} citations)" if answer.answered else "not answered"
            except SourcewiseError as exc:
                outcome = f"one line: {str(exc)[:90]}"
            except Exception as exc:
                outcome = f"TRACEBACK {type(exc).__name__}: {exc}"
            rows.append(Row(f"engine.ask with {label}", outcome, None))
        path = articles / "001_be7e029a7d16086c.txt"
        path.write_text("", encoding="utf-8")
        report = engine.ingest([articles], show_progress=False)
        stale = [c for c in engine.ask(QUESTION).citations if c.doc_id == path.stem]
        rows.append(Row("an article file emptied, then ingest", f"removed {report.removed}: "
                        f"{report.failed[0][1] if report.failed else '-'}; stale citations {len(stale)}", bool(stale)))
    code, _, err = quiet(lambda: cli.main(["ingest", str(tmp / "missing.txt"), "--store", str(tmp / "missing")]))
    rows.append(Row("sourcewise ingest missing.txt", f"exit {code}: {one_line(err, 100)}", None))

    from tests.index.test_long_runs import run_of_words

    big = tmp / "endless" / "endless.txt"
    big.parent.mkdir()
    body = run_of_words(1_000_000 if quick else 5_200_000, seed=11)
    cut = body.index(" ", len(body) // 2)
    inserted = " the quokka festival on Rottnest drew 5,000 visitors"
    big.write_text("Endless notes\n" + body[:cut] + inserted + body[cut:], encoding="utf-8")
    with Engine.from_paths([big.parent], store=tmp / "endless-store", embed_model=fake(),
                           show_progress=False) as engine:
        answer = engine.ask("How many visitors did the quokka festival on Rottnest draw?")
    text = big.read_text(encoding="utf-8")
    exact = all(text[c.start:c.end] == c.quote for c in answer.citations)
    rows.append(Row(f"a {big.stat().st_size / 1e6:.1f} MB file without sentence breaks",
                    f"answer {len(answer.answer):,} characters, longest quote "
                    f"{max((len(c.quote) for c in answer.citations), default=0):,} (cap {MAX_SENTENCE_CHARS}); "
                    f"offsets {'exact' if exact else 'WRONG'}", None))
    return rows


def probe_other_writers(tmp: Path, quick: bool) -> list[Row]:
    """Engines open in this process while the `sourcewise` CLI in another process updates and adds articles."""
    from qa import Engine

    articles, store = tmp / "others-articles", tmp / "others-store"
    shutil.copytree(SEEDS, articles)
    Engine.from_paths([articles], store=store, embed_model=fake(), show_progress=False).close()
    running = Engine.open(store, embed_model=fake())
    rows = []
    try:
        running.ask(QUESTION)
        updated = articles / "001_be7e029a7d16086c.txt"
        zebra = "A zebra crossed the quartz bridge at Tartus on Friday."
        updated.write_text(updated.read_text(encoding="utf-8") + f"\n{zebra}\n", encoding="utf-8")
        (articles / "quokka.txt").write_text("Quokka festival\nThe quokka festival drew 5,000 visitors.\n",
                                             encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "tests.ingest_process", "--", "ingest", str(articles),
                               "--store", str(store)], cwd=ROOT, capture_output=True, text=True)
        text = updated.read_text(encoding="utf-8")
        for label, open_engine in (("an engine opened afterwards", lambda: Engine.open(store, embed_model=fake())),
                                   ("the engine open all along", lambda: running)):
            try:
                engine = open_engine()
                answer = engine.ask("What crossed the quartz bridge at Tartus?")
                sees = any(zebra in c.quote for c in answer.citations)
                exact = all(text[c.start:c.end] == c.quote for c in answer.citations if c.doc_id == updated.stem)
                added = any(a.doc_id == "quokka" for a in engine.articles())
                outcome = (f"update {'seen' if sees else 'NOT seen'}, new article {'seen' if added else 'NOT seen'}, "
                           f"citations {'exact' if exact else 'STALE'}")
                if engine is not running:
                    engine.close()
            except Exception as exc:
                outcome, sees, exact, added = f"{type(exc).__name__}: {one_line(str(exc), 90)}", False, False, False
            rows.append(Row(f"{label}: another process's ingest (exit {done.returncode}) updated one article and "
                            "added one", outcome, not (sees and exact and added)))
    finally:
        running.close()
    return rows


def probe_auth(tmp: Path, quick: bool) -> list[Row]:
    """With a login set, every route the app serves tried without one."""
    import httpx

    from qa import Engine
    from tests.ui.test_auth import AUTH, CANARY, read_briefly, routes
    from ui.app import build_app, launch

    articles = tmp / "auth-articles"
    shutil.copytree(SEEDS, articles)
    (articles / "canary.txt").write_text("Canary report\n" + CANARY + "\n", encoding="utf-8")
    with Engine.from_paths([articles], store=tmp / "auth-store", embed_model=fake(), show_progress=False) as engine:
        app = build_app(engine, upload_dir=tmp / "auth-store" / "uploads", mcp=True)
        url = launch(app, port=free_port(), auth=AUTH, block=False).rstrip("/")
        try:
            stranger = httpx.Client(timeout=5, follow_redirects=True)
            leaked, statuses = [], {}
            for method, path in routes(app) + [("POST", "/gradio_api/mcp/")]:
                concrete = path.replace("{api_name}", "ask").replace(":path}", "}")
                concrete = __import__("re").sub(r"\{\w+\}", "x", concrete)
                try:
                    status, text = read_briefly(stranger, method, url + concrete,
                                                {"data": ["canary"], "question": "canary"} if method == "POST" else None)
                except httpx.HTTPError:
                    continue
                statuses[status] = statuses.get(status, 0) + 1
                if "canary sang" in text.lower():
                    leaked.append(f"{method} {concrete}")
        finally:
            app.close()
    return [Row("--auth: every route tried without a login",
                f"{sum(statuses.values())} requests, statuses {dict(sorted(statuses.items()))}; "
                f"{len(leaked)} answered with an article's text {leaked[:3]}", bool(leaked))]


def probe_load(tmp: Path, quick: bool) -> list[Row]:
    """Concurrent clients against `sourcewise serve`, each answer compared with engine.ask(q).to_dict()."""
    from bench.load import ROUTES, AppClient, gold_questions, run_load, start_app
    from qa import Engine

    store = tmp / "load-store"
    clients, per_client = 8, (20 if quick else 100)
    if quick:
        code, _, err = quiet(lambda: __import__("ui.cli").cli.main(["ingest", str(SEEDS), "--store", str(store)]))
        command = [sys.executable, "-m", "tests.ingest_process", "--", "serve"]
    else:
        subprocess.run([sys.executable, "-m", "ui.cli", "ingest", str(SEEDS), "--store", str(store)], cwd=ROOT,
                       capture_output=True, check=True)
        command = None
    port = free_port()
    app = start_app(store, port) if command is None else _start_fake_app(store, port)
    url = f"http://127.0.0.1:{port}"
    rows = []
    try:
        questions = gold_questions()
        with Engine.open(store, embed_model=fake() if quick else None) as engine:
            expected = {q: engine.ask(q).to_dict() for q in questions}
        AppClient(url).ask(questions[0])
        for route in ROUTES:
            figures = run_load(lambda: AppClient(url, route=route), questions, expected, clients=clients,
                               per_client=per_client).figures()
            rows.append(Row(f"load: {clients} clients x {per_client} questions on "
                            f"{'/api/ask' if route == 'api' else '/ask'}",
                            f"{figures['errors']} errors, {figures['mismatches']} answers unlike engine.ask; "
                            f"p50 {figures['p50_ms']:.0f} ms, p95 {figures['p95_ms']:.0f} ms, "
                            f"{figures['per_second']} answers/s" + (" (fake embedding)" if quick else ""),
                            None))
    finally:
        stop(app)
    return rows


def _start_fake_app(store: Path, port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "tests.ingest_process", "--", "serve", "--store", str(store), "--port", str(port)]
    app = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = app.stdout.readline()
    if not line.startswith("Sourcewise is running at"):
        app.kill()
        raise RuntimeError(f"the app did not start: {line}{app.stderr.read()}")
    return app


PROBES: dict[str, Callable[[Path, bool], list[Row]]] = {
    "writers": probe_writers, "kill": probe_kill, "server": probe_server, "rebuild": probe_rebuild,
    "input": probe_input, "others": probe_other_writers, "auth": probe_auth, "load": probe_load,
}


def print_table(rows: list[Row]) -> None:
    width = max(len(r.probe) for r in rows)
    print(f"{'probe':<{width}}  {'nothing lost':<12}  outcome")
    print(f"{'-' * width}  {'-' * 12}  {'-' * 7}")
    for r in rows:
        lost = "-" if r.lost is None else ("NO" if r.lost else "yes")
        print(f"{r.probe:<{width}}  {lost:<12}  {r.outcome}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, a shorter load with the fake embedding")
    parser.add_argument("--only", nargs="+", choices=list(PROBES), help="run only these probes")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="sourcewise-probe-") as tmp:
        for name in args.only or list(PROBES):
            started = time.perf_counter()
            try:
                found = PROBES[name](Path(tmp), args.quick)
            except Exception as exc:
                traceback.print_exc()
                found = [Row(name, f"the probe could not run: {type(exc).__name__}: {exc}", None)]
            rows += found
            print(f"[{name}: {len(found)} probes in {time.perf_counter() - started:.0f} s]", file=sys.stderr,
                  flush=True)
    print()
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())

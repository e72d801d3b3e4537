"""Load on the running app: concurrent clients ask over HTTP, and every answer must equal ``engine.ask(q).to_dict()``.

    python -m bench.load                                  # 8 clients x 100 questions on /ask and on /api/ask
    python -m bench.load --clients 8 --questions 100 --store DIR    # an index built before
    python -m bench.load --url http://127.0.0.1:7860 --store DIR    # an app already running over DIR

The app runs as its own `sourcewise serve` process (unless --url names one); this process opens the same store
with ``Engine.open`` to know the answer each question must get. Questions are the seed gold set's, shuffled per
client, once through Gradio's ``/ask`` (what the browser app exposes) and once through the JSON API's ``/api/ask``.
Prints errors, mismatches, latency p50/p95/max and throughput per route; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.processes import free_port, stop

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "seeds.jsonl"
SEEDS = ROOT / "seeds"


class AppError(Exception):
    """The app answered a question with an error: ``message`` is what it said (None when it said nothing)."""

    def __init__(self, message: str | None, status: int | None = None):
        super().__init__(message or f"an error without a message (HTTP {status})")
        self.message = message
        self.status = status


ROUTES = ("gradio", "api")
"""How a client asks: Gradio's call API for ``/ask`` (what the browser app exposes), or the JSON API's ``/api/ask``."""


class AppClient:
    """One client of the running app over plain HTTP, logged in if asked: ``ask`` goes to Gradio's ``/ask``
    endpoint, or with ``route="api"`` to the JSON API's ``POST /api/ask``."""

    def __init__(self, base_url: str, *, auth: tuple[str, str] | None = None, timeout: float = 120,
                 route: str = "gradio"):
        import httpx

        if route not in ROUTES:
            raise ValueError(f"route must be one of {ROUTES}, got {route!r}")
        self.base = base_url.rstrip("/")
        self.route = route
        self.http = httpx.Client(timeout=timeout, auth=auth if route == "api" else None)
        if auth and route == "gradio":
            response = self.http.post(f"{self.base}/login", data={"username": auth[0], "password": auth[1]})
            if response.status_code != 200:
                raise AppError(f"login refused (HTTP {response.status_code})", response.status_code)

    def ask(self, question: str) -> dict:
        """The answer JSON, or an ``AppError`` with the app's one-line message."""
        if self.route == "api":
            return self._ask_api(question)
        body = json.dumps({"data": [question]})  # json.dumps escapes a lone surrogate; the app sees what was sent
        started = self.http.post(f"{self.base}/gradio_api/call/ask", content=body,
                                 headers={"content-type": "application/json"})
        if started.status_code != 200:
            raise AppError(_detail(started), started.status_code)
        event_id = started.json()["event_id"]
        event, data = None, None
        with self.http.stream("GET", f"{self.base}/gradio_api/call/ask/{event_id}") as stream:
            if stream.status_code != 200:
                stream.read()
                raise AppError(_detail(stream), stream.status_code)
            for line in stream.iter_lines():
                if line.startswith("event:"):
                    event = line.split(":", 1)[1].strip()
                elif line.startswith("data:") and event in ("complete", "error"):
                    data = json.loads(line.split(":", 1)[1])
                    break
        if event == "complete":
            return data[0]
        message = data.get("error") if isinstance(data, dict) else data
        raise AppError(message if isinstance(message, str) else None)

    def _ask_api(self, question: str) -> dict:
        reply = self.http.post(f"{self.base}/api/ask", content=json.dumps({"question": question}),
                               headers={"content-type": "application/json"})
        if reply.status_code != 200:
            try:
                message = reply.json().get("error")
            except ValueError:
                message = None
            raise AppError(message, reply.status_code)
        return reply.json()

    def close(self) -> None:
        self.http.close()


def _detail(response) -> str:
    try:
        detail = response.json().get("detail")
    except Exception:
        detail = None
    return f"HTTP {response.status_code}" + (f": {detail}" if detail else "")


@dataclass
class LoadResult:
    clients: int
    questions: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)

    def figures(self) -> dict:
        ordered = sorted(self.latencies)
        p = (lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000) if ordered else (lambda q: 0.0)
        return {"clients": self.clients, "asked": self.clients * self.questions, "answered": len(self.latencies),
                "errors": len(self.errors), "mismatches": len(self.mismatches),
                "p50_ms": round(p(0.5), 1), "p95_ms": round(p(0.95), 1), "max_ms": round(p(1.0), 1),
                "mean_ms": round(statistics.fmean(ordered) * 1000, 1) if ordered else 0.0,
                "per_second": round(len(self.latencies) / self.seconds, 2) if self.seconds else 0.0}


def run_load(make_client: Callable[[], AppClient], questions: Sequence[str], expected: dict[str, dict], *,
             clients: int = 8, per_client: int = 100, seed: int = 1) -> LoadResult:
    """``clients`` threads, each with its own client, ask ``per_client`` questions drawn from ``questions``."""
    result = LoadResult(clients, per_client)
    lock = threading.Lock()
    barrier = threading.Barrier(clients)

    def one_client(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        asked = [rng.choice(questions) for _ in range(per_client)]
        client = make_client()
        barrier.wait()
        try:
            for question in asked:
                began = time.perf_counter()
                try:
                    got = client.ask(question)
                except Exception as exc:
                    with lock:
                        result.errors.append(f"{question!r}: {type(exc).__name__}: {exc}")
                    continue
                elapsed = time.perf_counter() - began
                with lock:
                    result.latencies.append(elapsed)
                    if got != expected[question]:
                        result.mismatches.append(question)
        finally:
            client.close()

    threads = [threading.Thread(target=one_client, args=(n,)) for n in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - began
    return result


def gold_questions() -> list[str]:
    return [json.loads(line)["question"] for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def start_app(store: Path, port: int, *, auth: str | None = None, extra: Sequence[str] = ()) -> subprocess.Popen:
    """`sourcewise serve` over ``store`` on loopback, once it prints its address."""
    command = [sys.executable, "-m", "ui.cli", "serve", "--store", str(store), "--port", str(port), *extra]
    if auth:
        command += ["--auth", auth]
    env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1"}
    app = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    line = app.stdout.readline()
    if not line.startswith("Sourcewise is running at"):
        app.kill()
        raise RuntimeError(f"the app did not start: {line}{app.stderr.read()}")
    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--questions", type=int, default=100, help="questions per client")
    parser.add_argument("--store", help="an index built before (default: seeds/ in a temporary store)")
    parser.add_argument("--url", help="an app already running over --store")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from qa import Engine

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(args.store) if args.store else Path(tmp) / "store"
        if not args.store:
            built = subprocess.run([sys.executable, "-m", "ui.cli", "ingest", str(SEEDS), "--store", str(store)],
                                   cwd=ROOT, capture_output=True, text=True)
            if built.returncode:
                raise SystemExit(built.stderr)
        app, url = None, args.url
        if not url:
            port = free_port()
            app = start_app(store, port)
            url = f"http://127.0.0.1:{port}"
        try:
            questions = gold_questions()
            with Engine.open(store) as engine:
                expected = {q: engine.ask(q).to_dict() for q in questions}
            AppClient(url).ask(questions[0])  # the app's first question loads what it loads lazily
            results = {route: run_load(lambda: AppClient(url, route=route), questions, expected,
                                       clients=args.clients, per_client=args.questions) for route in ROUTES}
        finally:
            if app:
                stop(app)
    print(f"load: {args.clients} clients x {args.questions} questions against {url} "
          f"({len(set(questions))} distinct questions, the seed gold set)")
    print_table(results)
    return 0


def print_table(results: dict[str, LoadResult]) -> None:
    rows = {route: result.figures() for route, result in results.items()}
    names = list(next(iter(rows.values())))
    print("  " + f"{'route':<10}" + "".join(f"{name:>11}" for name in names))
    for route, figures in rows.items():
        print("  " + f"{'/api/ask' if route == 'api' else '/ask':<10}" + "".join(f"{figures[n]:>11}" for n in names))
    for route, result in results.items():
        for line in (result.errors + [f"mismatch: {q!r}" for q in result.mismatches])[:5]:
            print(f"  {route}: {line}")


if __name__ == "__main__":
    sys.exit(main())

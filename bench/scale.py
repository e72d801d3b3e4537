"""Scale: ingest throughput, store size, engine open time, peak memory and warm ask latency against collection size,
for the embedded store and a Chroma server side by side.

    python -m bench.scale [--sizes 100 1000 10000] [--real-up-to 1000] [--modes embedded server] [--asks 100]
                          [--target-chunks 100000] [--profile] [--keep]

Each size and mode is measured in fresh processes, so peak RSS is per size: one child ingests a synthetic
collection (bench/synth.py, real sentences) and exits; a second child opens the store cold (`Engine.open`) and asks.
In server mode the script starts `chroma run` on a fresh data folder for each phase and reads the server's own peak
RSS. Up to ``--real-up-to`` articles every vector comes from the real model; above it, text vectors come from a
hashed 384-d stand-in (query vectors still from the real model, so ask latency is real, answers are not).
Working files go under bench/out/; figures go to stdout and bench/out/scale.json.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
STAND_IN_LABEL = "text vectors: hashed stand-in; query vectors: real model"
REAL_LABEL = "real model"
QUESTION_COUNT = 40  # 10 seed questions + 30 RGB queries


# -- the stand-in embedding ----------------------------------------------------------------------------------------


class StandInEmbedding(BaseEmbedding):
    """Text vectors: each content word hashed into one of 384 buckets (fast, deterministic, unit-norm); query vectors:
    the real model, so query latency is real. Chunking uses the real tokenizer, so chunks match real-model runs."""

    model_name: str = "bench-stand-in:hashed-384-texts+all-MiniLM-L6-v2-queries"
    dim: int = 384
    tokenizer_folder: str = ""  # the real model's folder: model_token_counter reads its tokenizer
    _real = PrivateAttr()
    _buckets = PrivateAttr(default_factory=dict)

    def __init__(self, real, **kwargs):
        from index.embedding import bundled_model_path

        super().__init__(embed_batch_size=512, tokenizer_folder=bundled_model_path(), **kwargs)
        self._real = real

    def _bucket(self, term: str) -> int:
        bucket = self._buckets.get(term)
        if bucket is None:
            import hashlib

            digest = hashlib.blake2b(term.encode(), digest_size=4).digest()
            bucket = self._buckets[term] = int.from_bytes(digest, "little") % self.dim
        return bucket

    def _vector(self, text: str) -> list[float]:
        from index.vocab import content_terms

        vector = [0.0] * self.dim
        for term in content_terms(text):
            vector[self._bucket(term)] += 1.0
        norm = math.sqrt(sum(v * v for v in vector))
        return [v / norm for v in vector] if norm else vector

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._real.get_query_embedding(query)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._real.get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._vector(text)

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]


def make_embed_model(real: bool, torch_threads: int | None = None):
    """The real model as `sourcewise` loads it (``BundledEmbedding``: questions in numpy, texts with
    sentence-transformers once the first text is embedded), or the stand-in over it; ``torch_threads`` overrides
    torch's intra-op thread count once torch is loaded."""
    from index.embedding import BundledEmbedding

    model = BundledEmbedding()
    if torch_threads:
        import torch

        torch.set_num_threads(torch_threads)
    return model if real else StandInEmbedding(model)


def torch_threads_in_use() -> int | None:
    """torch's intra-op threads, or None when this process never loaded torch (a serving process that only asks)."""
    torch = sys.modules.get("torch")
    return torch.get_num_threads() if torch else None


# -- questions -------------------------------------------------------------------------------------------------------


def bench_questions(count: int = QUESTION_COUNT) -> list[str]:
    """The seed questions, then RGB queries (their snippets are in the sentence pool), deterministic."""
    from bench.core import SEED_QUESTIONS
    from bench.synth import RGB

    questions = list(SEED_QUESTIONS)
    if RGB.exists():
        for line in RGB.read_text(encoding="utf-8").splitlines():
            query = json.loads(line).get("query", "").strip()
            if query and query not in questions:
                questions.append(query)
            if len(questions) >= count:
                break
    return questions[:count]


# -- measuring helpers ---------------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    from bench.core import percentile as numpy_percentile

    return numpy_percentile(values, q)


def peak_rss_mb() -> float:
    """This process's peak resident set, MB: VmHWM, not ru_maxrss, which Linux carries over from the parent's
    memory at fork through exec (a child of a 3 GB parent reports at least 3 GB)."""
    return _vm_hwm_mb("self")


def rss_mb(pid: int | None = None) -> float:
    import psutil

    return psutil.Process(pid).memory_info().rss / 2**20


def process_peak_rss_mb(pid: int) -> float | None:
    """Peak RSS of another process (VmHWM), MB, summed over its children; None once it is gone."""
    import psutil

    try:
        procs = [psutil.Process(pid)] + psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return None
    return sum(_vm_hwm_mb(str(proc.pid)) for proc in procs)


def _vm_hwm_mb(pid: str) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class OtherWork:
    """CPU used by processes outside this benchmark while a block runs, in cores: the system's busy time minus this
    process's and its waited-for children's (the measuring children and the Chroma server)."""

    cores: float | None = None

    @staticmethod
    def _sample() -> tuple[float, float, float]:
        import psutil
        import resource

        t = psutil.cpu_times()
        busy = sum(getattr(t, name, 0.0) for name in ("user", "nice", "system", "irq", "softirq", "steal"))
        own = sum(getattr(resource.getrusage(who), field) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
                  for field in ("ru_utime", "ru_stime"))
        return time.monotonic(), busy, own

    def __enter__(self) -> "OtherWork":
        self._start = self._sample()
        return self

    def __exit__(self, *exc) -> None:
        end = self._sample()
        wall = end[0] - self._start[0]
        self.cores = max(0.0, ((end[1] - self._start[1]) - (end[2] - self._start[2])) / wall) if wall > 0 else None


def wait_for_quiet(max_minutes: float, *, threshold: float = 0.3, printer=print) -> float | None:
    """Wait until other processes use under ``threshold`` cores over 5 s, at most ``max_minutes``; returns the last
    reading. A shared machine makes every figure slower; waiting keeps the figures about this code."""
    if max_minutes <= 0:
        return None
    deadline, said = time.monotonic() + max_minutes * 60, False
    while True:
        with OtherWork() as other:
            time.sleep(5)
        if other.cores < threshold or time.monotonic() >= deadline:
            if said:
                printer(f"        other work now {other.cores:.2f} cores"
                        + ("" if other.cores < threshold else f"; stopped waiting after {max_minutes:g} min"))
            return other.cores
        if not said:
            printer(f"        waiting for other work on the machine to settle ({other.cores:.2f} cores busy)")
            said = True


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def collection_folder(articles: int) -> Path:
    """A synthetic collection of ``articles`` under bench/out/collections, written once and reused."""
    from bench.synth import write_collection

    folder = OUT / "collections" / f"{articles}"
    if not folder.is_dir() or len(list(folder.glob("synthetic_*.txt"))) != articles:
        shutil.rmtree(folder, ignore_errors=True)
        write_collection(folder, articles)
    return folder


def articles_for_chunks(target: int, sample: int = 1000) -> int:
    """How many articles make about ``target`` chunks, from the chunking of a sample (real tokenizer)."""
    from index.chunking import chunk_article
    from index.embedding import MAX_CHUNK_TOKENS, load_embed_model, model_token_counter

    count = model_token_counter(load_embed_model())
    folder = collection_folder(sample)
    chunks = sum(len(chunk_article(p.read_text(encoding="utf-8"), count, max_tokens=MAX_CHUNK_TOKENS))
                 for p in sorted(folder.glob("*.txt")))
    return math.ceil(target * sample / chunks)


# -- the Chroma server -----------------------------------------------------------------------------------------------


class ChromaServer:
    """`chroma run` on a data folder and a free port, for one phase of one measurement."""

    def __init__(self, data: Path, log: Path):
        self.data, self.log = data, log
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.start_s = 0.0
        self.start_rss_mb: float | None = None

    def __enter__(self) -> "ChromaServer":
        chroma = Path(sys.executable).with_name("chroma")
        started = time.perf_counter()
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [str(chroma), "run", "--path", str(self.data), "--host", "127.0.0.1", "--port", str(self.port)],
                stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, env={**os.environ, "ANONYMIZED_TELEMETRY": "False"})
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"chroma run exited with {self.process.returncode}; see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/v2/heartbeat", timeout=2):
                    self.start_s = time.perf_counter() - started
                    self.start_rss_mb = self.rss_mb()
                    return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"chroma run did not answer at {self.url} within 120 s; see {self.log}")

    def peak_rss_mb(self) -> float | None:
        return process_peak_rss_mb(self.process.pid) if self.process else None

    def rss_mb(self) -> float | None:
        try:
            return rss_mb(self.process.pid) if self.process else None
        except Exception:
            return None

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __exit__(self, *exc) -> None:
        self.stop()


# -- the children ----------------------------------------------------------------------------------------------------


def child_ingest(spec: dict) -> dict:
    """Ingest the collection into a fresh store; the process exits afterwards, so its peak RSS is the ingest's."""
    from qa import Engine

    baseline_started = time.perf_counter()
    embed_model = make_embed_model(spec["real"], spec.get("torch_threads"))
    model_load_s = time.perf_counter() - baseline_started
    embed_model.get_text_embedding_batch(["warm up the model, a sentence of ordinary length."] * 64)
    baseline = rss_mb()
    started = time.perf_counter()
    engine = Engine.from_paths([spec["collection"]], store=spec["store"], chroma_url=spec.get("chroma_url"),
                               embed_model=embed_model, show_progress=False)
    wall = time.perf_counter() - started
    report = engine.last_report
    if report.failed:
        raise RuntimeError(f"ingest failed for {len(report.failed)} files: {report.failed[:3]}")
    return {"articles": report.added, "chunks": report.chunks, "sentences": report.sentences,
            "ingest_s": report.seconds, "from_paths_s": wall, "model_load_s": model_load_s,
            "chunks_per_s": report.chunks / report.seconds,
            "texts_per_s": (report.chunks + report.sentences) / report.seconds,
            "baseline_rss_mb": baseline, "peak_rss_mb": peak_rss_mb()}


def child_serve(spec: dict) -> dict:
    """Open the store cold, ask warm questions, and break the open and ask times down by stage."""
    from qa import Engine

    started = time.perf_counter()
    embed_model = make_embed_model(spec["real"], spec.get("torch_threads"))
    model_load_s = time.perf_counter() - started
    embed_model.get_query_embedding("warm up the model")
    baseline = rss_mb()

    import cProfile

    profiler = cProfile.Profile() if spec.get("profile") else None
    if profiler:
        profiler.enable()
    started = time.perf_counter()
    engine = Engine.open(spec["store"], chroma_url=spec.get("chroma_url"), embed_model=embed_model)
    open_s = time.perf_counter() - started
    if profiler:
        profiler.disable()
        _dump_profile(profiler, Path(spec["profile_prefix"] + "-open.txt"))
    after_open = rss_mb()

    questions = spec["questions"]
    answered = 0
    for question in questions:  # warm: every question once
        answered += engine.ask(question).answered
    if profiler:
        profiler = cProfile.Profile()
        profiler.enable()
    latencies = []
    for i in range(spec["asks"]):
        started = time.perf_counter()
        engine.ask(questions[i % len(questions)])
        latencies.append((time.perf_counter() - started) * 1000)
    if profiler:
        profiler.disable()
        _dump_profile(profiler, Path(spec["profile_prefix"] + "-ask.txt"))

    result = {"open_s": open_s, "model_load_s": model_load_s, "asks": len(latencies),
              "questions": len(questions), "answered_share": answered / len(questions),
              "p50_ms": percentile(latencies, 50), "p95_ms": percentile(latencies, 95),
              "mean_ms": statistics.fmean(latencies), "max_ms": max(latencies),
              "baseline_rss_mb": baseline, "rss_after_open_mb": after_open, "peak_rss_mb": peak_rss_mb(),
              "asking_peak_rss_mb": peak_rss_mb(), "counts": engine.stats(), "torch_threads": torch_threads_in_use(),
              "torch_loaded_to_ask": "torch" in sys.modules}
    result["open_stages_s"] = open_breakdown(engine, spec)
    result["ask_stages_ms"] = ask_breakdown(engine, questions)
    result["change"] = add_and_remove(engine, spec)
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def add_and_remove(engine, spec: dict) -> dict | None:
    """Add one new article to the open store and take it out again, as a user of the browser app would. The
    article's own embedding is timed apart, by the engine's model and by the real one (above --real-up-to the
    engine's is the stand-in)."""
    if not hasattr(engine, "remove"):
        return None
    import tempfile

    from bench.synth import write_collection

    with tempfile.TemporaryDirectory(dir=Path(spec["store"]).parent) as tmp:
        folder = Path(tmp)
        (written,) = write_collection(folder / "draft", 1, seed=4242)
        path = folder / "one_more_article.txt"
        path.write_text(written.read_text(encoding="utf-8"), encoding="utf-8")
        shutil.rmtree(folder / "draft")
        model = engine._embed_model
        real = getattr(model, "_real", model)
        for loaded in (model, real):  # a serving process loads the text model on its first upload; not timed here
            loaded.get_text_embedding_batch(["warm up the text model, a sentence of ordinary length."])
        started = time.perf_counter()
        report = engine.ingest([path], show_progress=False)
        add_s = time.perf_counter() - started
        if report.added != 1:
            raise RuntimeError(f"adding one article did not add it: {report.summary()}")
        from index.chunking import chunk_article
        from index.embedding import MAX_CHUNK_TOKENS, model_token_counter

        texts = [s.text for c in chunk_article(path.read_text(encoding="utf-8"), model_token_counter(model),
                                               max_tokens=MAX_CHUNK_TOKENS) for s in c.sentences]
        started = time.perf_counter()
        model.get_text_embedding_batch(texts)
        embed_s = time.perf_counter() - started
        started = time.perf_counter()
        real.get_text_embedding_batch(texts)
        real_embed_s = time.perf_counter() - started
        started = time.perf_counter()
        removed = engine.remove("one_more_article")
        remove_s = time.perf_counter() - started
        if not removed:
            raise RuntimeError("the added article could not be removed")
    return {"add_s": add_s, "add_embed_s": embed_s, "real_embed_s": real_embed_s, "sentences": len(texts),
            "remove_s": remove_s}


def open_breakdown(engine, spec: dict) -> dict | None:
    """Engine.open again, stage by stage (same process, so Chroma's caches are warm): connecting and checking the
    collections, then the first refresh (reading the store generation; the lexical index is in step, so nothing
    else is read)."""
    try:
        from qa.retrieval import LiveIndex

        stages = {}
        started = time.perf_counter()
        store = engine._connect(spec["store"], spec.get("chroma_url"), engine._embed_model)
        store.open(create=False)
        stages["connect"] = time.perf_counter() - started
        started = time.perf_counter()
        LiveIndex(store).refresh()
        stages["refresh"] = time.perf_counter() - started
        store.close()
        return stages
    except (AttributeError, TypeError, ImportError) as exc:  # the engine's internals moved: skip, say why
        return {"skipped": f"{type(exc).__name__}: {exc}"}


def ask_breakdown(engine, questions: list[str]) -> dict | None:
    """Median ms of the stages of an ask, each timed on its own: query embedding, reading the store generation,
    Chroma query (nearest chunks with their metadata), lexical search (FTS5, live versions only),
    fetching the top chunks (their sentences come with them); "rest" is the median ask minus those (fusion, sentence scoring,
    composing, disagreement rules)."""
    try:
        corpus, store = engine._corpus, engine._store
        stages: dict[str, list[float]] = {"embed_query": [], "generation": [], "chroma_query": [],
                                          "lexical_search": [], "fetch_chunks": [], "ask": []}
        for question in questions:
            started = time.perf_counter()
            vector = engine._embed_query(question)
            stages["embed_query"].append(time.perf_counter() - started)
            started = time.perf_counter()
            store.generation()
            stages["generation"].append(time.perf_counter() - started)
            started = time.perf_counter()
            dense = store.query_chunks(vector, engine.search.settings.dense_k)
            stages["chroma_query"].append(time.perf_counter() - started)
            started = time.perf_counter()
            lexical = corpus.search(question, engine.search.settings.lexical_k)
            stages["lexical_search"].append(time.perf_counter() - started)
            ids = list(dict.fromkeys([cid for cid, _, _ in dense[:4]] + [cid for cid, _ in lexical[:4]]))
            started = time.perf_counter()
            store.chunks(ids)
            stages["fetch_chunks"].append(time.perf_counter() - started)
            started = time.perf_counter()
            engine.ask(question)
            stages["ask"].append(time.perf_counter() - started)
        medians = {name: statistics.median(values) * 1000 for name, values in stages.items()}
        medians["rest"] = medians["ask"] - sum(v for k, v in medians.items() if k != "ask")
        return medians
    except (AttributeError, TypeError, KeyError) as exc:
        return {"skipped": f"{type(exc).__name__}: {exc}"}


def _dump_profile(profiler, path: Path) -> None:
    import io
    import pstats

    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(40)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def run_child(phase: str, spec: dict, work: Path, *, baseline: str | None = None) -> dict:
    """Run one phase ("ingest" or "serve") in a fresh process; with ``baseline`` (a git commit), the code at that
    commit runs it (its own bench/scale.py), against the same store."""
    from bench import baseline as before_change

    name = f"{phase}-before" if baseline else phase
    cwd = before_change.checkout(baseline) if baseline else ROOT
    spec_path = work / f"{name}-spec.json"
    result_path = work / f"{name}-result.json"
    spec = {**spec, "result": str(result_path)}
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    result_path.unlink(missing_ok=True)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
           "ANONYMIZED_TELEMETRY": "False"}
    if baseline:
        env["PYTHONPATH"] = str(cwd)
    with open(work / f"{name}.log", "wb") as log:
        code = subprocess.call([sys.executable, "-m", "bench.scale", "--child", phase, "--spec", str(spec_path)],
                               cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    if code != 0 or not result_path.exists():
        tail = (work / f"{name}.log").read_text(errors="replace").strip().splitlines()[-5:]
        raise RuntimeError(f"the {name} child failed (exit {code}): " + " | ".join(tail))
    return json.loads(result_path.read_text(encoding="utf-8"))


# -- one measurement -------------------------------------------------------------------------------------------------


def measure(articles: int, mode: str, *, real: bool, asks: int, questions: list[str], profile: bool = False,
            keep: bool = False, reuse_kept: bool = False, torch_threads: int | None = None, baseline: str | None = None,
            served: dict | None = None) -> dict:
    """One row: ingest in one child, then open and ask in another; a server is restarted between the two.

    ``served`` (server mode): the row of an embedded store of this size that was kept; `chroma run` serves its folder
    (a local store is a Chroma data folder) instead of ingesting again through the server, with its lexical index
    as this machine's replica, and the row's ingest figures are that store's."""
    work = OUT / "scale" / f"{mode}-{articles}"
    data = work / "store"
    reused = reuse_kept and mode == "embedded" and (work / "ingest-result.json").exists() and data.exists()
    if not reused:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
    collection = collection_folder(articles)
    if served:
        data = Path(served["store_path"])
        _as_replica(data)
    spec = {"collection": str(collection), "store": str(data), "real": real, "asks": asks, "questions": questions,
            "profile": profile, "profile_prefix": str(OUT / "scale" / f"profile-{mode}-{articles}"),
            "torch_threads": torch_threads}
    row = {"mode": mode, "target_articles": articles, "embedding": REAL_LABEL if real else STAND_IN_LABEL,
           "real_vectors": real}
    before = None
    if mode == "embedded":
        if reused:
            ingest = json.loads((work / "ingest-result.json").read_text(encoding="utf-8"))
            row["ingest_from"] = "a store kept by an earlier run (--reuse)"
        else:
            ingest = run_child("ingest", spec, work)
        row["store_bytes"] = folder_bytes(data)
        serve = run_child("serve", spec, work)
        if baseline:
            before = run_child("serve", spec, work, baseline=baseline)
    elif served:
        ingest = {k: served[k] for k in ("articles", "chunks", "sentences", "ingest_s", "chunks_per_s", "texts_per_s")}
        ingest["peak_rss_mb"] = served["ingest_peak_rss_mb"]
        row["ingest_from"] = "the embedded store's ingest, served by `chroma run --path` on its folder"
        row["store_bytes"] = served["store_bytes"]
    else:
        with ChromaServer(data, work / "chroma.log") as server:
            ingest = run_child("ingest", {**spec, "chroma_url": server.url}, work)
            ingest["server_peak_rss_mb"] = server.peak_rss_mb()
        row["store_bytes"] = folder_bytes(data)
    if mode == "server":
        with ChromaServer(data, work / "chroma.log") as server:
            row["server_start_s"] = server.start_s
            row["server_start_rss_mb"] = server.start_rss_mb
            serve = run_child("serve", {**spec, "chroma_url": server.url}, work)
            serve["server_peak_rss_mb"] = server.peak_rss_mb()
            serve["server_rss_mb"] = server.rss_mb()
        if baseline:
            with ChromaServer(data, work / "chroma.log") as server:
                before = run_child("serve", {**spec, "chroma_url": server.url}, work, baseline=baseline)
                before["server_peak_rss_mb"] = server.peak_rss_mb()
    row.update({k: ingest[k] for k in ("articles", "chunks", "sentences", "ingest_s", "chunks_per_s", "texts_per_s")})
    row["ingest_peak_rss_mb"] = ingest["peak_rss_mb"] + (ingest.get("server_peak_rss_mb") or 0)
    row["ingest_client_peak_rss_mb"] = ingest["peak_rss_mb"]
    row["ingest_server_peak_rss_mb"] = ingest.get("server_peak_rss_mb")
    row.update({k: serve[k] for k in ("open_s", "model_load_s", "p50_ms", "p95_ms", "mean_ms", "max_ms", "asks",
                                      "answered_share", "open_stages_s", "ask_stages_ms", "torch_threads")})
    row["baseline_rss_mb"] = serve["baseline_rss_mb"]
    row["serve_client_peak_rss_mb"] = serve["peak_rss_mb"]
    row["serve_server_peak_rss_mb"] = serve.get("server_peak_rss_mb")
    row["serve_peak_rss_mb"] = serve["peak_rss_mb"] + (serve.get("server_peak_rss_mb") or 0)
    row["asking_peak_rss_mb"] = serve.get("asking_peak_rss_mb")
    row["torch_loaded_to_ask"] = serve.get("torch_loaded_to_ask")
    row["change"] = serve.get("change")
    if before:
        row["before"] = {"baseline": baseline, "open_s": before["open_s"], "p50_ms": before["p50_ms"],
                         "p95_ms": before["p95_ms"],
                         "serve_peak_rss_mb": before["peak_rss_mb"] + (before.get("server_peak_rss_mb") or 0)}
    row["store_path"] = str(data)
    if not keep:
        shutil.rmtree(data, ignore_errors=True)
    return row


def _as_replica(data: Path) -> None:
    """Give a local store's lexical index the name a server-mode replica of the same index has, so serving the
    folder through `chroma run` finds it built (as a machine that has served the index before would)."""
    from index.lexical import LexicalIndex
    from index.store import LEXICAL_FILE

    local = LexicalIndex(data / LEXICAL_FILE)
    identity = local.store_identity
    local.close()
    if identity:
        shutil.copyfile(data / LEXICAL_FILE, data / f"lexical-sourcewise-{identity}.sqlite3")


def format_row(row: dict) -> str:
    server = ""
    if row["mode"] == "server":
        server = (f" (client {row['serve_client_peak_rss_mb']:.0f} + server {row['serve_server_peak_rss_mb']:.0f});"
                  f" server start {row['server_start_s']:.1f} s")
    return (f"{row['mode']:>8} {row['articles']:>6} articles, {row['chunks']:,} chunks, {row['sentences']:,} sentences"
            f" [{row['embedding']}]: ingest {row['ingest_s']:.1f} s = {row['chunks_per_s']:.1f} chunks/s"
            f" ({row['texts_per_s']:.0f} texts/s), peak RSS {row['ingest_peak_rss_mb']:.0f} MB;"
            f" store {row['store_bytes'] / 2**20:.1f} MB; open {row['open_s']:.2f} s;"
            f" warm ask p50 {row['p50_ms']:.1f} ms, p95 {row['p95_ms']:.1f} ms over {row['asks']} asks;"
            f" serving peak RSS {row['serve_peak_rss_mb']:.0f} MB{server}" + _change_words(row) + _before_words(row))


def _change_words(row: dict) -> str:
    change = row.get("change")
    if not change:
        return ""
    return (f"; add one article {change['add_s']:.2f} s (of which its embedding {change['add_embed_s']:.2f} s; the "
            f"real model embeds its {change['sentences']} sentences in {change['real_embed_s']:.2f} s),"
            f" remove it {change['remove_s']:.2f} s")


def _before_words(row: dict) -> str:
    before = row.get("before")
    if not before:
        return ""
    return (f"; before the change ({before['baseline']}), same store: open {before['open_s']:.2f} s, ask p50 "
            f"{before['p50_ms']:.1f} ms, serving peak RSS {before['serve_peak_rss_mb']:.0f} MB")


def run(sizes: list[int], *, modes: list[str], real_up_to: int, asks: int, target_chunks: int | None = None,
        profile: bool = False, keep: bool = False, torch_threads: int | None = None, wait_idle: float = 0,
        printer=print, on_row=None, baseline: str | None = None, serve_embedded_from: int | None = None,
        reuse_kept: bool = False) -> dict:
    """Every size in every mode; prints a line per measurement and returns {"rows": [...], "settings": {...}}.
    ``on_row`` is called with the figures so far after each measurement (to save them as they come);
    ``reuse_kept`` serves an embedded store an earlier run kept (``keep``) instead of ingesting it again."""
    sizes = sorted(set(sizes))
    if target_chunks:
        sizes.append(articles_for_chunks(target_chunks))
        printer(f"scale: {target_chunks:,} chunks need about {sizes[-1]:,} articles")
    questions = bench_questions()
    rows = []
    settings = {"sizes": sizes, "modes": modes, "real_up_to": real_up_to, "asks": asks, "questions": len(questions),
                "target_chunks": target_chunks, "torch_threads": torch_threads, "baseline": baseline}
    for articles in sizes:
        embedded_row = None
        reuse = serve_embedded_from is not None and articles >= serve_embedded_from and "embedded" in modes
        for mode in modes:
            real = articles <= real_up_to
            wait_for_quiet(wait_idle, printer=printer)
            started, load_before = time.perf_counter(), os.getloadavg()[0]
            served = embedded_row if mode == "server" and reuse else None
            with OtherWork() as other:
                row = measure(articles, mode, real=real, asks=asks, questions=questions, profile=profile,
                              keep=keep or (reuse and mode == "embedded"), torch_threads=torch_threads,
                              baseline=baseline, served=served, reuse_kept=reuse_kept)
            if mode == "embedded":
                embedded_row = row
            row["bench_s"] = time.perf_counter() - started
            row["load_1min"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
            row["other_cores"] = other.cores
            rows.append(row)
            if on_row:
                on_row({"rows": rows, "settings": settings, "measured": time.strftime("%Y-%m-%d %H:%M")})
            printer("scale: " + format_row(row))
            stages = row.get("ask_stages_ms") or {}
            if "ask" in stages:
                printer("        ask stages (median ms): " + ", ".join(f"{k} {v:.1f}" for k, v in stages.items()))
            opening = row.get("open_stages_s") or {}
            if "connect" in opening:
                printer("        open stages (s, second open): " + ", ".join(f"{k} {v:.2f}" for k, v in opening.items()))
    return {"rows": rows, "settings": settings, "measured": time.strftime("%Y-%m-%d %H:%M")}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000, 100000],
                        help="collection sizes, articles")
    parser.add_argument("--real-up-to", type=int, default=1000,
                        help="largest size embedded with the real model; larger ones use the hashed stand-in")
    parser.add_argument("--modes", nargs="+", choices=["embedded", "server"], default=["embedded", "server"])
    parser.add_argument("--asks", type=int, default=100, help="timed warm asks per measurement")
    parser.add_argument("--target-chunks", type=int, default=None,
                        help="also measure a collection of about this many chunks (e.g. 100000)")
    parser.add_argument("--profile", action="store_true", help="cProfile Engine.open and the asks into bench/out/scale/")
    parser.add_argument("--keep", action="store_true", help="keep the stores under bench/out/scale/")
    parser.add_argument("--reuse", action="store_true",
                        help="open and ask the embedded stores a --keep run left, instead of ingesting them again")
    parser.add_argument("--wait-idle", type=float, default=0, metavar="MINUTES",
                        help="before each measurement, wait up to MINUTES for other processes to go quiet")
    parser.add_argument("--torch-threads", type=int, default=None,
                        help="set torch's intra-op threads in the measured processes (default: torch's own choice)")
    parser.add_argument("--serve-embedded-from", type=int, default=None, metavar="ARTICLES",
                        help="from this size up, server mode serves the embedded store's folder with `chroma run` "
                             "instead of ingesting again through the server")
    parser.add_argument("--baseline", default=None, metavar="COMMIT",
                        help="also open each store and ask with the code at this commit (e.g. 43e6130, main before "
                             "issue 11), in the same run")
    parser.add_argument("--json", type=Path, default=OUT / "scale.json", help="where to write the figures")
    parser.add_argument("--child", choices=["ingest", "serve"], help=argparse.SUPPRESS)
    parser.add_argument("--spec", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        spec = json.loads(args.spec.read_text(encoding="utf-8"))
        result = (child_ingest if args.child == "ingest" else child_serve)(spec)
        Path(spec["result"]).write_text(json.dumps(result), encoding="utf-8")
        return
    for name, value in (("--asks", args.asks), ("--real-up-to", args.real_up_to)):
        if value < 0 or (name == "--asks" and value == 0):
            parser.error(f"{name} must be > 0, got {value}")
    if any(size <= 0 for size in args.sizes):
        parser.error(f"--sizes must be > 0, got {args.sizes}")
    result = run(args.sizes, modes=args.modes, real_up_to=args.real_up_to, asks=args.asks,
                 target_chunks=args.target_chunks, profile=args.profile, keep=args.keep,
                 torch_threads=args.torch_threads, wait_idle=args.wait_idle, baseline=args.baseline,
                 serve_embedded_from=args.serve_embedded_from, reuse_kept=args.reuse)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(f"scale: figures in {args.json}")


if __name__ == "__main__":
    main()

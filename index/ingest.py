"""Ingestion: read articles, chunk them, embed their sentences in batches, write to the store incrementally."""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index.chunking import TokenCounter, chunk_article
from index.readers import ReadFailure, ReadWarning, SourceDoc, read_sources
from index.store import ArticleInfo, ChromaStore, PreparedArticle, chunk_id
from index.text import encode_offsets, folded_positions

CHUNKER_VERSION = "5"  # bump when chunking, sentence metadata or chunk vectors change: stored articles re-embed
# (3: sentences capped at MAX_SENTENCE_CHARS, their position and offsets map, chunk vectors from sentence vectors;
# 4: a headline over a byline, dateline or one-line paragraph is a paragraph of its own; 5: so is one over an
# outlet's name alone)
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class IngestReport:
    """What one ingest did, for the summary line and for callers."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: tuple[tuple[str, str], ...] = field(default=())
    chunks: int = 0
    sentences: int = 0
    seconds: float = 0.0
    warnings: tuple[tuple[str, str], ...] = field(default=())  # metadata skipped; the articles were read

    def summary(self) -> str:
        count = len(self.warnings)
        noted = f", {count} metadata warning{'s' if count != 1 else ''}" if count else ""
        return (f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.removed} removed, {len(self.failed)} failed{noted}; {self.chunks} chunks embedded "
                f"in {self.seconds:.1f} s")

    def to_dict(self) -> dict:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "removed": self.removed, "failed": [list(f) for f in self.failed],
                "warnings": [list(w) for w in self.warnings],
                "chunks": self.chunks, "sentences": self.sentences, "seconds": round(self.seconds, 3)}


def index_hash(doc: SourceDoc, model_id: str) -> str:
    """The version of an article in the index: its content, the chunker and the model."""
    return hashlib.sha256(f"{doc.content_hash}|{CHUNKER_VERSION}|{model_id}".encode()).hexdigest()


def ingest(
    paths: Iterable[str | Path],
    store: ChromaStore,
    embed_model,
    count_tokens: TokenCounter,
    *,
    prune: bool = False,
    progress: Progress | None = None,
    show_progress: bool | None = None,
    max_chunk_tokens: int = 200,
    batch_chunks: int = 256,
) -> IngestReport:
    """Bring the store up to date with the articles under ``paths``.

    Unchanged articles (same content hash) embed nothing; a changed article gets its new chunks
    before its record moves to the new version, and only then loses the old chunks. Bad files
    are reported by name and skipped. With ``prune``, articles whose files are gone are removed.
    Runs under the store's writer lock: a second writer waits for it, or refuses after the store's ``wait``.
    """
    started = time.perf_counter()
    with store.writing():
        return _ingest_locked(paths, store, embed_model, count_tokens, prune=prune, progress=progress,
                              show_progress=show_progress, max_chunk_tokens=max_chunk_tokens,
                              batch_chunks=batch_chunks, started=started)


def _ingest_locked(paths, store: ChromaStore, embed_model, count_tokens: TokenCounter, *, prune: bool,
                   progress: Progress | None, show_progress: bool | None, max_chunk_tokens: int, batch_chunks: int,
                   started: float) -> IngestReport:
    store.open(create=True)
    if store.mark_ingest(True):
        store.clear_orphans()
    store.sync_lexical()

    docs, failures, warnings, emptied = _read_unique(paths)
    # Only the records of the articles read, unless pruning or a file was emptied (its article is found by path):
    # adding one file to a large store reads one record.
    live = store.articles() if prune or emptied else store.articles_by_id([d.doc_id for d in docs])
    counts = {"added": 0, "updated": 0, "unchanged": 0}
    pending: list[tuple[SourceDoc, str]] = []
    for doc in docs:
        version = index_hash(doc, store.model_id)
        known = live.get(doc.doc_id)
        if known is not None and known.content_hash == version:
            counts["unchanged"] += 1
            continue
        counts["updated" if known else "added"] += 1
        pending.append((doc, version))

    chunks_done = sentences_done = 0
    bar = _progress_bar(len(pending), show_progress)
    batch: list[PreparedArticle] = []
    replaced: dict[str, str] = {}
    batch_size = 0
    for done, (doc, version) in enumerate(pending, start=1):
        prepared = _prepare(doc, version, count_tokens, max_chunk_tokens)
        if prepared is None:
            failures.append((doc.path, f"{doc.doc_id}: no text left after cleaning"))
            counts["updated" if doc.doc_id in live else "added"] -= 1
            emptied.add(doc.doc_id)
            continue
        batch.append(prepared)
        if doc.doc_id in live:
            replaced[doc.doc_id] = live[doc.doc_id].content_hash
        batch_size += len(prepared.chunk_ids)
        if batch_size >= batch_chunks or done == len(pending):
            chunks_done += sum(len(p.chunk_ids) for p in batch)
            sentences_done += sum(len(p.sentence_texts) for p in batch)
            store.write(_embed(batch, embed_model), replaced)
            if bar:
                bar.update(len(batch))
            batch, replaced, batch_size = [], {}, 0
        if progress:
            progress(done, len(pending), doc.doc_id)
    if batch:  # the last articles were all empty after cleaning except these
        chunks_done += sum(len(p.chunk_ids) for p in batch)
        sentences_done += sum(len(p.sentence_texts) for p in batch)
        store.write(_embed(batch, embed_model), replaced)
    if bar:
        bar.close()

    removed = _remove_emptied(store, live, docs, emptied, failures)
    removed += _prune(store, live, docs) if prune else 0
    store.mark_ingest(False)
    return IngestReport(
        added=counts["added"], updated=counts["updated"], unchanged=counts["unchanged"], removed=removed,
        failed=tuple(failures), chunks=chunks_done, sentences=sentences_done,
        seconds=time.perf_counter() - started, warnings=tuple(warnings),
    )


def _read_unique(paths: Iterable[str | Path]
                 ) -> tuple[list[SourceDoc], list[tuple[str, str]], list[tuple[str, str]], set[str]]:
    """Read every source; a doc_id seen twice keeps its first file and reports the second. Returns the documents,
    the failures, the warnings, and the paths of files read that hold no article at all (emptied)."""
    docs: list[SourceDoc] = []
    failures: list[tuple[str, str]] = []
    warnings: list[tuple[str, str]] = []
    emptied: set[str] = set()
    owner: dict[str, str] = {}
    for item in read_sources(paths):
        if isinstance(item, ReadFailure):
            failures.append((item.path, item.reason))
            if item.empty:
                emptied.add(item.path)
        elif isinstance(item, ReadWarning):
            warnings.append((item.path, item.reason))
        elif item.doc_id in owner:
            failures.append((item.path, f"article id {item.doc_id!r} is already used by {owner[item.doc_id]}: "
                                        "rename one of the files"))
        else:
            owner[item.doc_id] = item.path
            docs.append(item)
    return docs, failures, warnings, emptied


def _remove_emptied(store: ChromaStore, live: dict[str, ArticleInfo], docs: list[SourceDoc], emptied: set[str],
                    failures: list[tuple[str, str]]) -> int:
    """Take out the articles whose file now holds nothing (``emptied`` names such files and doc_ids): their text
    is no longer in the file, so their citations would no longer match it."""
    read = {d.doc_id for d in docs} - emptied
    removed: dict[str, str] = {}
    for doc_id, info in live.items():
        if doc_id not in read and (doc_id in emptied or info.path in emptied) and store.remove(doc_id):
            removed[info.path or ""] = doc_id
    for i, (path, reason) in enumerate(failures):
        if path in removed:
            failures[i] = (path, f"{reason}; its article was taken out of the index")
    return len(removed)


def _prepare(doc: SourceDoc, version: str, count_tokens: TokenCounter, max_tokens: int) -> PreparedArticle | None:
    chunks = chunk_article(doc.text, count_tokens, max_tokens=max_tokens)
    if not chunks:
        return None
    chunk_ids, chunk_texts, chunk_metas = [], [], []
    sentence_texts, sentence_metas = [], []
    position = 0
    for chunk in chunks:
        cid = chunk_id(doc.doc_id, version, chunk.index)
        raw_start, _ = doc.raw_span(chunk.start, chunk.start + 1)
        _, raw_end = doc.raw_span(chunk.end - 1, chunk.end)
        chunk_ids.append(cid)
        chunk_texts.append(chunk.text)
        chunk_metas.append({"doc_id": doc.doc_id, "content_hash": version, "index": chunk.index,
                            "start": raw_start, "end": raw_end, "n_sentences": len(chunk.sentences)})
        for sentence in chunk.sentences:
            start, end = doc.raw_span(sentence.start, sentence.end)
            meta = {"position": position, "start": start, "end": end,
                    "chunk_start": sentence.chunk_start, "chunk_end": sentence.chunk_end}
            position += 1
            quote = doc.raw[start:end]
            if quote != sentence.text:
                meta["quote"] = quote
                offsets = _sentence_offsets(doc, sentence.start, sentence.end, start)
                if offsets:
                    meta["offsets"] = offsets
            sentence_texts.append(sentence.text)
            sentence_metas.append(meta)
    info = ArticleInfo(doc_id=doc.doc_id, content_hash=version, title=doc.title, source=doc.source,
                       published=doc.published, path=doc.path, url=doc.url, author=doc.author, chunks=len(chunks),
                       sentences=len(sentence_texts))
    empty = np.zeros((0, 0), dtype=np.float32)
    return PreparedArticle(info, chunk_ids, chunk_texts, chunk_metas, empty,
                           sentence_texts, sentence_metas, empty)


def _sentence_offsets(doc: SourceDoc, start: int, end: int, raw_start: int) -> str | None:
    """The map from each char of a sentence's folded text to its place in the quote (see ``encode_offsets``)."""
    spans = []
    for p in folded_positions(doc.text[start:end]):
        a, b = doc.raw_span(start + p, start + p + 1)
        spans.append((a - raw_start, b - raw_start))
    return encode_offsets(spans)


def _embed(batch: list[PreparedArticle], embed_model) -> list[PreparedArticle]:
    """Embed every distinct sentence of a batch in one call, longest first, so each word of an article goes through
    the model once, and so does a sentence that several articles print word for word (wire copy, boilerplate, a
    body repeated); a chunk's vector is the mean of its sentences' vectors weighted by their length in characters
    (a proxy for their word pieces, as the model's own chunk vector averages over word pieces), scaled to unit
    length.

    Measured on the development data (`python -m bench.devset --tasks retrieval`, top-5 article hit, tune / held-out):
    RGB 0.780 / 0.829 against 0.847 / 0.805 when chunks were embedded too, RAMDocs 0.984 / 0.981 against the same;
    an unweighted mean did no better on RGB and worse on RAMDocs' tune split (0.972-0.976). The dense ranking
    makes up for the blur by weighing each chunk's best sentence too (``qa.retrieval.SearchSettings``: RGB 0.864 /
    0.829). Sorted by length, each model batch pads little (llama-index cuts the list into batches in the order
    given).
    """
    texts = [t for p in batch for t in p.sentence_texts]
    distinct = sorted(set(texts), key=lambda t: (-len(t), t))  # a sentence repeated (wire copy, boilerplate) once
    encoded = np.asarray(embed_model.get_text_embedding_batch(distinct), dtype=np.float32)
    row = {text: k for k, text in enumerate(distinct)}
    vectors = encoded[[row[t] for t in texts]]
    out, s = [], 0
    for p in batch:
        sentence_vectors = vectors[s:s + len(p.sentence_texts)]
        bounds = np.cumsum([0] + [m["n_sentences"] for m in p.chunk_metadatas])
        lengths = np.array([len(t) for t in p.sentence_texts], dtype=np.float32)[:, None]
        chunk_vectors = np.stack([unit_mean(sentence_vectors[a:b] * lengths[a:b])
                                  for a, b in zip(bounds[:-1], bounds[1:])])
        out.append(PreparedArticle(p.info, p.chunk_ids, p.chunk_texts, p.chunk_metadatas, chunk_vectors,
                                   p.sentence_texts, p.sentence_metadatas, sentence_vectors))
        s += len(p.sentence_texts)
    return out


def unit_mean(vectors: np.ndarray) -> np.ndarray:
    """The mean of ``vectors`` scaled to unit length (a zero mean stays zero)."""
    mean = np.asarray(vectors, dtype=np.float32).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else mean


def _prune(store: ChromaStore, live: dict[str, ArticleInfo], docs: list[SourceDoc]) -> int:
    """Remove articles whose file is gone, or whose file was read now without them (a dropped JSON record)."""
    seen = {d.doc_id for d in docs}
    read_paths = {d.path for d in docs}
    removed = 0
    for doc_id, info in live.items():
        if doc_id in seen:
            continue
        gone = not info.path or not Path(info.path).exists() or info.path in read_paths
        if gone and store.remove(doc_id):
            removed += 1
    return removed


def _progress_bar(total: int, show: bool | None):
    if show is None:
        show = sys.stderr.isatty() and total > 0
    if not show:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="article", desc="Indexing", file=sys.stderr)

"""Sentence-aware chunking of one article's readable text, keeping every sentence's span."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from index.text import find_repeated_paragraphs, fold_whitespace, split_paragraphs
from index.vocab import split_sentences

TokenCounter = Callable[[Sequence[str]], list[int]]


@dataclass(frozen=True)
class ChunkSentence:
    """A sentence: its span in the article's readable text and in the chunk's text."""

    start: int
    end: int
    text: str
    chunk_start: int
    chunk_end: int


@dataclass(frozen=True)
class Chunk:
    """Consecutive sentences embedded together; paragraphs joined by newlines, sentences by spaces."""

    index: int
    text: str
    start: int
    end: int
    sentences: tuple[ChunkSentence, ...]


def word_token_estimate(texts: Sequence[str]) -> list[int]:
    """A tokenizer-free estimate (about 1.3 word pieces per word) for tests and dry runs."""
    return [int(len(text.split()) * 1.3) + 1 for text in texts]


def chunk_article(text: str, count_tokens: TokenCounter = word_token_estimate, *, max_tokens: int = 200) -> list[Chunk]:
    """Split an article into chunks of whole sentences, each within ``max_tokens``.

    Paragraphs that repeat an earlier paragraph of the same article are left out. A chunk ends
    at a paragraph boundary when the next paragraph does not fit; a paragraph longer than the
    budget is split between sentences; a single sentence over budget becomes a chunk of its own.
    """
    if max_tokens < 16:
        raise ValueError(f"max_tokens must be >= 16, got {max_tokens}")
    paragraphs = split_paragraphs(text)
    repeated = find_repeated_paragraphs(text, paragraphs)
    kept = [span for i, span in enumerate(paragraphs) if i not in repeated]
    sentence_spans = [split_sentences(text, start, end) for start, end in kept]
    flat = [span for spans in sentence_spans for span in spans]
    texts = [fold_whitespace(text[s:e]) for s, e in flat]
    counts = iter(count_tokens(texts)) if texts else iter(())
    folded = iter(texts)

    chunks: list[Chunk] = []
    current: list[list[tuple[int, int, str]]] = []  # paragraphs of (start, end, text)
    current_tokens = 0

    def flush() -> None:
        nonlocal current, current_tokens
        if current:
            chunks.append(_build_chunk(len(chunks), current))
        current, current_tokens = [], 0

    for spans in sentence_spans:
        paragraph = [(s, e, next(folded), next(counts)) for s, e in spans]
        paragraph_tokens = sum(n for *_, n in paragraph)
        if current and current_tokens + paragraph_tokens > max_tokens:
            flush()
        current.append([])
        for start, end, sentence, tokens in paragraph:
            if current_tokens and current_tokens + tokens > max_tokens:
                flush()
                current.append([])
            current[-1].append((start, end, sentence))
            current_tokens += tokens
    flush()
    return chunks


def _build_chunk(index: int, paragraphs: list[list[tuple[int, int, str]]]) -> Chunk:
    parts: list[str] = []
    sentences: list[ChunkSentence] = []
    offset = 0
    for p, paragraph in enumerate(p for p in paragraphs if p):
        if p:
            parts.append("\n")
            offset += 1
        for s, (start, end, sentence) in enumerate(paragraph):
            if s:
                parts.append(" ")
                offset += 1
            sentences.append(ChunkSentence(start, end, sentence, offset, offset + len(sentence)))
            parts.append(sentence)
            offset += len(sentence)
    return Chunk(index=index, text="".join(parts), start=sentences[0].start, end=sentences[-1].end,
                 sentences=tuple(sentences))

"""What a store holds, checked the way a reader meets it: every live article whole, nothing beside it served."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from index.embedding import model_identity
from index.store import ChromaStore
from tests.fakes import HashedBagOfWords


def open_store(path: Path | None = None, url: str | None = None, embed_model=None) -> ChromaStore:
    """The store at ``path`` or ``url``, as built with ``embed_model`` (default: the hashed fake)."""
    model_id, dimension = model_identity(embed_model or HashedBagOfWords())
    store = ChromaStore.connect(path=path, url=url, model_id=model_id, dimension=dimension, create=False)
    return store.open(create=False)


def broken_articles(store: ChromaStore) -> dict[str, tuple[int, int, int, int]]:
    """Articles whose record promises other chunks or sentences than the store holds for that version:
    doc_id -> (chunks promised, chunks held, sentences promised, sentences held)."""
    articles = store.articles()
    chunks = list(store.iter_chunks())
    held_chunks = Counter((c.doc_id, c.content_hash) for c in chunks)
    held_sentences: Counter = Counter()
    for chunk in chunks:
        held_sentences[(chunk.doc_id, chunk.content_hash)] += chunk.n_sentences
    broken = {}
    for doc_id, article in articles.items():
        key = (doc_id, article.content_hash)
        held = (article.chunks, held_chunks[key], article.sentences, held_sentences[key])
        if held[0] != held[1] or held[2] != held[3] or held[0] == 0:
            broken[doc_id] = held
    return broken


def lexical_disagreements(store: ChromaStore) -> dict[str, tuple[int, int]]:
    """Live articles whose lexical (FTS5) rows are not their record's chunks: doc_id -> (chunks, lexical rows)."""
    rows = store.lexical.version_rows()
    return {d: (a.chunks, rows.get((d, a.content_hash), 0)) for d, a in store.articles().items()
            if rows.get((d, a.content_hash), 0) != a.chunks}

"""An honest fake of qa's Engine for UI tests, and scripted answers (a disagreement, hostile markup)."""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qa import Answer, Citation, Claim, Disagreement, IngestReport, InputError, Passage

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
MAX_QUESTION = 500


# --- A fake engine with the Engine interface ---------------------------------------------------------

@dataclass(frozen=True)
class ArticleInfo:
    doc_id: str
    title: str | None
    source: str | None
    published: str | None
    path: str | None
    url: str | None
    chunks: int


@dataclass
class _Article:
    info: ArticleInfo
    text: str


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]?", text) if m.group().strip()]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 3}


@dataclass
class FakeEngine:
    """Answers by shared words with the question (the best sentences, cited exactly), or by a script.

    ``scripted`` maps a question to the Answer to return; every ask is recorded as (question, history).
    """

    scripted: dict[str, Answer] = field(default_factory=dict)
    answerer: str = "extractive"
    ingest_delay: float = 0.0  # seconds per file, to watch the progress bar
    asked: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    drafts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _articles: dict[str, _Article] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_paths(cls, paths: Sequence[str | Path], **kwargs) -> "FakeEngine":
        engine = cls(**kwargs)
        engine.ingest(paths)
        return engine

    def ask_stream(self, question: str, history: Sequence[str] = ()):
        """The engine's streaming view: scripted draft pieces (as a language model would write), then the Answer."""
        answer = self.ask(question, history)
        yield from self.drafts.get(question, ())
        yield answer

    def ask(self, question: str, history: Sequence[str] = ()) -> Answer:
        if not question or not question.strip():
            raise InputError("Ask a question: the question is empty.")
        if len(question) > MAX_QUESTION:
            raise InputError(f"The question is {len(question)} characters long; the limit is {MAX_QUESTION}.")
        with self._lock:
            self.asked.append((question, tuple(history)))
            articles = list(self._articles.values())
        if question in self.scripted:
            return self.scripted[question]
        wanted = _words(question)
        scored = []
        for article in articles:
            for start, end in _sentences(article.text):
                overlap = len(wanted & _words(article.text[start:end]))
                if overlap:
                    scored.append((overlap, article, start, end))
        scored.sort(key=lambda s: -s[0])
        if not scored:
            return Answer(question=question, answer="The articles do not say.", answered=False)
        best, seen = [], set()
        for item in scored:
            sentence = " ".join(item[1].text[item[2]:item[3]].split())
            if sentence not in seen:
                seen.add(sentence)
                best.append(item)
        citations = []
        for n, (overlap, article, start, end) in enumerate(best[:2], start=1):
            quote = article.text[start:end]
            info = article.info
            citations.append(Citation(n=n, doc_id=info.doc_id, quote=quote, start=start, end=end,
                                      score=overlap / max(len(wanted), 1), text=" ".join(quote.split()),
                                      title=info.title, source=info.source, published=info.published,
                                      file=info.path, url=info.url))
        text = " ".join(f"{c.text} [{c.n}]" for c in citations)
        return Answer(question=question, answer=text, answered=True, citations=tuple(citations))

    def ingest(self, paths, *, prune=False, progress=None) -> IngestReport:
        files = []
        for path in map(Path, paths):
            files += sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
        added, updated, unchanged, failed, chunks = 0, 0, 0, [], 0
        for i, path in enumerate(files):
            try:
                article = self._read(path)
            except (OSError, ValueError, KeyError) as error:
                failed.append((str(path), f"cannot read it: {error}"))
                continue
            finally:
                time.sleep(self.ingest_delay)
                if progress:
                    progress(i + 1, len(files), path.name)
            with self._lock:
                previous = self._articles.get(article.info.doc_id)
                self._articles[article.info.doc_id] = article
            if previous is None:
                added += 1
            elif previous.text != article.text:
                updated += 1
            else:
                unchanged += 1
            chunks += article.info.chunks
        return IngestReport(added=added, updated=updated, unchanged=unchanged, failed=tuple(failed), chunks=chunks)

    @staticmethod
    def _read(path: Path) -> _Article:
        raw = path.read_text(encoding="utf-8")
        title, source, published, text = None, None, None, raw
        if path.suffix == ".json":
            data = json.loads(raw)
            title, source, published, text = data.get("title"), data.get("source"), data.get("published"), data["text"]
        elif raw.strip():
            title = raw.strip().splitlines()[0][:120]
        else:
            raise ValueError("the file is empty")
        doc_id = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:16]
        info = ArticleInfo(doc_id=doc_id, title=title, source=source, published=published, path=str(path),
                           url=None, chunks=max(1, len(text) // 800))
        return _Article(info, text)

    def articles(self) -> list[ArticleInfo]:
        with self._lock:
            return [a.info for a in self._articles.values()]

    def remove(self, doc_id: str) -> bool:
        with self._lock:
            return self._articles.pop(doc_id, None) is not None

    def context(self, citation: Citation) -> Passage:
        with self._lock:
            article = self._articles.get(citation.doc_id)
        if article is None:
            raise KeyError(citation.doc_id)
        text = article.text
        start = text.rfind("\n", 0, citation.start) + 1
        end = text.find("\n", citation.end)
        end = len(text) if end < 0 else end
        return Passage(" ".join(text[start:citation.start].split()) + " ", citation.text,
                       " " + " ".join(text[citation.end:end].split()))


# --- Scripted values -------------------------------------------------------------------------------

DISAGREEMENT_QUESTION = "How long did Bashar al-Assad rule Syria?"


def cite(engine: "FakeEngine", sentence_start: str, n: int) -> Citation:
    """A citation of the seed sentence beginning with ``sentence_start``, with its exact span."""
    for info in engine.articles():
        text = engine._articles[info.doc_id].text
        start = text.find(sentence_start)
        if start >= 0:
            end = text.index(".", start) + 1
            return Citation(n=n, doc_id=info.doc_id, quote=text[start:end], start=start, end=end, score=0.9,
                            text=" ".join(text[start:end].split()), title=info.title, source=info.source,
                            published=info.published, file=info.path, url=info.url)
    raise LookupError(sentence_start)


def disagreement_answer(engine: "FakeEngine") -> Answer:
    """An answer whose sources disagree (24 years vs over 20 years), as the real detector would report it."""
    c1 = cite(engine, "This development follows the collapse", 1)
    c2 = cite(engine, "This development comes in the wake", 2)
    claims = tuple(Claim(doc_id=c.doc_id, n=c.n, quote=c.quote, start=c.start, end=c.end, value=value,
                         source=source, published=published)
                   for c, value, source, published in ((c1, "24 years", "Daily Gazette", "2024-12-09"),
                                                        (c2, "over 20 years", "Morning Post", "--12-09")))
    return Answer(question=DISAGREEMENT_QUESTION,
                  answer="Assad's government collapsed, ending his 24-year rule [1]. "
                         "Another report puts it at over 20 years [2].",
                  answered=True, citations=(c1, c2),
                  disagreements=(Disagreement(topic="length of Assad's rule", kind="number",
                                              summary="The articles give different lengths for Assad's rule.",
                                              claims=claims),))


def fake_seed_engine() -> "FakeEngine":
    """The fake engine over the seed articles, scripted with one disagreement."""
    engine = FakeEngine.from_paths([SEEDS])
    engine.scripted[DISAGREEMENT_QUESTION] = disagreement_answer(engine)
    return engine


HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">[click](javascript:alert(1))'


def hostile_answer(question: str = "hostile?") -> Answer:
    """An answer in which every untrusted field carries markup that must stay inert."""
    c = Citation(n=1, doc_id="evil", quote=HOSTILE, start=0, end=len(HOSTILE), score=1.0, text=HOSTILE,
                 title=f"Title {HOSTILE}", source=f"Outlet {HOSTILE}", published="2024-12-09",
                 file="/tmp/<evil>.txt", url="javascript:alert(1)")
    claim = Claim(doc_id="evil", n=1, quote=HOSTILE, start=0, end=len(HOSTILE), value=f"value {HOSTILE}",
                  source=f"Claim outlet {HOSTILE}")
    return Answer(question=question, answer=f"Answer {HOSTILE} [1]", answered=True, citations=(c,),
                  disagreements=(Disagreement(topic=f"topic {HOSTILE}", kind="other", summary=f"summary {HOSTILE}",
                                              claims=(claim, claim)),),
                  notice=f"notice {HOSTILE}", unsupported=(f"unsupported {HOSTILE}",))

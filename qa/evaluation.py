"""Measure an engine against a gold file: retrieval, answers, citations, disagreements, abstention and latency.

The metrics are also plain functions (`answer_matches`, `citation_errors`, `hit_rate_at_k`, `reciprocal_rank`,
`citation_support`) for anyone with their own harness, and `DocumentRetriever` adapts the engine's chunk
retriever to llama-index's `RetrieverEvaluator`.
"""

from __future__ import annotations

import json
import math
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter
from typing import Iterable, Sequence

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from index.errors import InputError
from index.vocab import fold_accents, parse_markers, strip_markers
from qa.answer import Answer
from qa.protocol import EngineLike

__all__ = [
    "DocumentRetriever",
    "EvalReport",
    "GoldItem",
    "QuestionResult",
    "answer_matches",
    "check_thresholds",
    "citation_errors",
    "citation_support",
    "evaluate",
    "format_report",
    "hit_rate_at_k",
    "load_gold",
    "normalise_text",
    "reciprocal_rank",
    "run_eval_cli",
]

HIGHER_IS_BETTER = ("answer", "hit_rate", "mrr", "citation_validity", "citation_support",
                    "disagreement_recall", "abstention")
LOWER_IS_BETTER = ("false_alarm", "wrong_refusal", "latency_p50", "latency_p95")
_RATES = HIGHER_IS_BETTER + ("false_alarm", "wrong_refusal")
_GOLD_KEYS = {"question", "answers", "sources", "conflict", "answerable"}


# --- gold file ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldItem:
    """One gold question: acceptable answers, the documents that support them, and the expected behaviour.

    ``conflict`` is True when the sources disagree on the point, False when they do not, None when it does
    not matter; ``answerable=False`` means the right behaviour is to abstain.
    """

    question: str
    answers: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    conflict: bool | None = None
    answerable: bool = True
    line: int = 0

    def to_dict(self) -> dict:
        return {"question": self.question, "answers": list(self.answers), "sources": list(self.sources),
                "conflict": self.conflict, "answerable": self.answerable}


def load_gold(path: str | Path) -> list[GoldItem]:
    """Read a JSON Lines gold file; a bad line raises `InputError` naming the file, the line and the field."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"Gold file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"Cannot read gold file {path}: {exc}") from None
    items = [_parse_gold_line(raw, f"{path} line {number}", number)
             for number, raw in enumerate(text.splitlines(), start=1) if raw.strip()]
    if not items:
        raise InputError(f"Gold file {path} has no questions: write one JSON object per line, "
                         '{"question": ..., "answers": [...], "sources": [...], "conflict": null, "answerable": true}')
    return items


def _parse_gold_line(raw: str, where: str, number: int) -> GoldItem:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(data).__name__}")
    unknown = sorted(set(data) - _GOLD_KEYS)
    if unknown:
        raise InputError(f"{where}: unknown field(s) {unknown}; allowed: {sorted(_GOLD_KEYS)}")
    question = data.get("question")
    if not isinstance(question, str) or not question.strip():
        raise InputError(f"{where}: \"question\" must be a non-empty string, got {question!r}")
    answers = _string_list(data.get("answers", []), "answers", where)
    sources = _string_list(data.get("sources", []), "sources", where)
    conflict = data.get("conflict")
    if conflict not in (True, False, None):
        raise InputError(f"{where}: \"conflict\" must be true, false or null, got {conflict!r}")
    answerable = data.get("answerable", True)
    if not isinstance(answerable, bool):
        raise InputError(f"{where}: \"answerable\" must be true or false, got {answerable!r}")
    if answerable and not answers:
        raise InputError(f"{where}: an answerable question needs at least one acceptable string in \"answers\"")
    if not answerable and answers:
        raise InputError(f"{where}: \"answers\" must be empty when \"answerable\" is false (the right answer is "
                         f"to abstain), got {list(answers)}")
    return GoldItem(question=question.strip(), answers=answers, sources=sources, conflict=conflict,
                    answerable=answerable, line=number)


def _string_list(value: object, name: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(f"{where}: \"{name}\" must be a list of non-empty strings, got {value!r}")
    return tuple(v.strip() for v in value)


# --- metrics as plain functions ----------------------------------------------------------------------------------

_DASHES = dict.fromkeys(map(ord, "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad"), " ")


def normalise_text(text: str) -> str:
    """Fold case, accents, quotes, hyphens, punctuation and whitespace so that wording, not typography, is compared."""
    text = fold_accents(text).casefold().translate(_DASHES)
    text = "".join(" " if unicodedata.category(ch)[0] in "PSZC" else ch for ch in text)
    return " ".join(text.split())


def answer_matches(answer_text: str, acceptable: str | Iterable[str]) -> bool:
    """True if one acceptable string occurs, as whole words after `normalise_text`, in the answer.

    Citation markers like ``[1]`` are ignored, so "Moscow [1] on Sunday" matches "Moscow on Sunday".
    """
    options = [acceptable] if isinstance(acceptable, str) else list(acceptable)
    haystack = f" {normalise_text(strip_markers(answer_text))} "
    return any(needle and f" {needle} " in haystack for needle in map(normalise_text, options))


def citation_errors(answer: Answer) -> list[str]:
    """What is wrong with an answer's citations: quotes that are not the text at their offsets, missing or
    unused numbers, and an answer given without any citation. Empty when every citation checks out."""
    errors: list[str] = []
    files: dict[str, str | OSError] = {}
    numbers = [c.n for c in answer.citations]
    for n in sorted({n for n in numbers if numbers.count(n) > 1}):
        errors.append(f"citation number [{n}] is used by more than one citation")
    for c in answer.citations:
        label = f"[{c.n}] {c.doc_id}"
        if not c.quote:
            errors.append(f"{label}: empty quote")
            continue
        if not c.file:
            errors.append(f"{label}: no path, so the quote cannot be checked")
            continue
        if c.file not in files:
            try:
                with open(c.file, encoding="utf-8") as handle:
                    files[c.file] = handle.read()
            except (OSError, UnicodeDecodeError) as exc:
                files[c.file] = OSError(str(exc))
        text = files[c.file]
        if isinstance(text, OSError):
            errors.append(f"{label}: cannot read {c.file}: {text}")
        elif not 0 <= c.start <= c.end <= len(text):
            errors.append(f"{label}: offsets {c.start}:{c.end} are outside {c.file} ({len(text)} characters)")
        elif text[c.start:c.end] != c.quote:
            errors.append(f"{label}: quote {_clip(c.quote)} is not the text at {c.start}:{c.end} of {c.file}, "
                          f"which is {_clip(text[c.start:c.end])}")
    used = set(parse_markers(answer.answer))
    for n in sorted(used - set(numbers)):
        errors.append(f"the answer refers to [{n}] but there is no citation {n}")
    for c in answer.citations:
        if c.n not in used:
            errors.append(f"citation [{c.n}] ({c.doc_id}) is never referred to in the answer")
    if answer.answered and not answer.citations:
        errors.append("the answer has no citations, so nothing in it can be verified")
    return errors


def _matches_source(doc_id: str, sources: Iterable[str]) -> bool:
    return any(doc_id == s or doc_id.startswith(s) for s in sources)


def _require_sources(sources: Sequence[str]) -> None:
    if isinstance(sources, str) or not sources:
        raise ValueError(f"sources must be a non-empty list of doc ids or id prefixes, got {sources!r}")


def hit_rate_at_k(ranked: Sequence[str], sources: Sequence[str], k: int) -> float:
    """1.0 if a document among the first k ranked matches a source (equal to it or starting with it), else 0.0."""
    _require_sources(sources)
    if k <= 0:
        raise ValueError(f"k must be > 0, got {k}")
    return 1.0 if any(_matches_source(d, sources) for d in ranked[:k]) else 0.0


def reciprocal_rank(ranked: Sequence[str], sources: Sequence[str]) -> float:
    """1 / rank of the first ranked document that matches a source; 0.0 if none does."""
    _require_sources(sources)
    for rank, doc_id in enumerate(ranked, start=1):
        if _matches_source(doc_id, sources):
            return 1.0 / rank
    return 0.0


def citation_support(answer: Answer, sources: Sequence[str]) -> float | None:
    """Share of the distinct documents an answer cites that are among the sources; None if it cites nothing."""
    _require_sources(sources)
    cited = {c.doc_id for c in answer.citations}
    if not cited:
        return None
    return sum(_matches_source(d, sources) for d in cited) / len(cited)


def _clip(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "\u2026")


# --- evaluation ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionResult:
    """How the engine did on one gold question; a metric is None where it does not apply to this question."""

    item: GoldItem
    answer: Answer
    latency: float
    ranked: tuple[str, ...] = ()
    hit: float | None = None
    reciprocal_rank: float | None = None
    correct: bool | None = None
    citation_errors: tuple[str, ...] = ()
    citation_support: float | None = None
    failures: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.failures

    def to_dict(self) -> dict:
        return {
            "question": self.item.question, "line": self.item.line, "passed": self.passed,
            "failures": list(self.failures), "latency": self.latency, "ranked": list(self.ranked),
            "hit": self.hit, "reciprocal_rank": self.reciprocal_rank, "correct": self.correct,
            "citation_errors": list(self.citation_errors), "citation_support": self.citation_support,
            "gold": self.item.to_dict(), "answer": self.answer.to_dict(),
        }


@dataclass(frozen=True)
class EvalReport:
    """Overall metrics (each None when no question measures it), how many questions each is over, and the
    per-question results. Latencies are seconds per `engine.ask`."""

    k: int
    results: tuple[QuestionResult, ...]
    answer: float | None
    hit_rate: float | None
    mrr: float | None
    citation_validity: float | None
    citation_support: float | None
    disagreement_recall: float | None
    false_alarm: float | None
    abstention: float | None
    wrong_refusal: float | None
    latency_p50: float | None
    latency_p95: float | None
    counts: dict[str, int]

    @property
    def failures(self) -> tuple[QuestionResult, ...]:
        return tuple(r for r in self.results if not r.passed)

    def metrics(self) -> dict[str, float | None]:
        """Metric name -> value, with the names `check_thresholds` accepts."""
        return {name: getattr(self, name) for name in HIGHER_IS_BETTER + LOWER_IS_BETTER}

    def to_dict(self) -> dict:
        return {"k": self.k, "questions": len(self.results), "passed": len(self.results) - len(self.failures),
                "metrics": self.metrics(), "counts": dict(self.counts),
                "results": [r.to_dict() for r in self.results]}


def evaluate(engine: EngineLike, items: Sequence[GoldItem], *, k: int = 5) -> EvalReport:
    """Ask every gold question (timing `engine.ask`), rank documents for those with sources, and score it all."""
    if k <= 0:
        raise InputError(f"k must be > 0, got {k}")
    if not items:
        raise InputError("No gold questions to evaluate")
    results = [_evaluate_one(engine, item, k) for item in items]
    return _summarise(results, k)


def _evaluate_one(engine: EngineLike, item: GoldItem, k: int) -> QuestionResult:
    started = perf_counter()
    answer = engine.ask(item.question)
    latency = perf_counter() - started
    failures: list[str] = []
    ranked: tuple[str, ...] = ()
    hit = rr = support = None
    if item.sources:
        ranked = tuple(engine.rank_documents(item.question, k=k))[:k]
        hit = hit_rate_at_k(ranked, item.sources, k)
        rr = reciprocal_rank(ranked, item.sources)
        if not hit:
            failures.append(f"no source in the top {k}: expected one of {list(item.sources)}, ranked {list(ranked)}")
        support = citation_support(answer, item.sources)
        if support is not None and support < 1:
            outside = sorted({c.doc_id for c in answer.citations if not _matches_source(c.doc_id, item.sources)})
            failures.append(f"cites documents outside the sources {list(item.sources)}: {outside}")
    correct = None
    if item.answerable:
        correct = answer.answered and answer_matches(answer.answer, item.answers)
        if not answer.answered:
            failures.append(f"refused an answerable question (expected one of {list(item.answers)}): "
                            f"{_clip(answer.answer)}")
        elif not correct:
            failures.append(f"expected one of {list(item.answers)} in answer: {_clip(answer.answer)}")
    elif answer.answered:
        failures.append(f"answered a question it should have declined: {_clip(answer.answer)}")
    errors = tuple(citation_errors(answer))
    failures.extend(errors)
    if item.conflict is True and not answer.disagreements:
        failures.append("expected a disagreement between sources, reported none")
    if item.conflict is False and answer.disagreements:
        topics = "; ".join(f"{d.topic}: {d.summary}" for d in answer.disagreements)
        failures.append(f"reported a disagreement where the sources agree: {_clip(topics)}")
    return QuestionResult(item=item, answer=answer, latency=latency, ranked=ranked, hit=hit, reciprocal_rank=rr,
                          correct=correct, citation_errors=errors, citation_support=support,
                          failures=tuple(failures))


def _summarise(results: list[QuestionResult], k: int) -> EvalReport:
    answerable = [r for r in results if r.item.answerable]
    unanswerable = [r for r in results if not r.item.answerable]
    ranked = [r for r in results if r.hit is not None]
    supported = [r for r in results if r.citation_support is not None]
    conflicts = [r for r in results if r.item.conflict is True]
    agreements = [r for r in results if r.item.conflict is False]
    latencies = [r.latency for r in results]
    counts = {
        "answer": len(answerable), "hit_rate": len(ranked), "mrr": len(ranked), "citation_validity": len(results),
        "citation_support": len(supported), "disagreement_recall": len(conflicts), "false_alarm": len(agreements),
        "abstention": len(unanswerable), "wrong_refusal": len(answerable), "latency_p50": len(results),
        "latency_p95": len(results),
    }
    return EvalReport(
        k=k,
        results=tuple(results),
        answer=_mean([r.correct for r in answerable]),
        hit_rate=_mean([r.hit for r in ranked]),
        mrr=_mean([r.reciprocal_rank for r in ranked]),
        citation_validity=_mean([not r.citation_errors for r in results]),
        citation_support=_mean([r.citation_support for r in supported]),
        disagreement_recall=_mean([bool(r.answer.disagreements) for r in conflicts]),
        false_alarm=_mean([bool(r.answer.disagreements) for r in agreements]),
        abstention=_mean([not r.answer.answered for r in unanswerable]),
        wrong_refusal=_mean([not r.answer.answered for r in answerable]),
        latency_p50=_percentile(latencies, 50),
        latency_p95=_percentile(latencies, 95),
        counts=counts,
    )


def _mean(values: Sequence[float | bool]) -> float | None:
    return sum(values) / len(values) if values else None


def _percentile(values: Sequence[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


# --- reporting and thresholds --------------------------------------------------------------------------------------

_OVER = {"answer": "answerable", "hit_rate": "with sources", "mrr": "with sources", "citation_validity": "answers",
         "citation_support": "citing answers", "disagreement_recall": "conflict: true",
         "false_alarm": "conflict: false", "abstention": "unanswerable", "wrong_refusal": "answerable"}


def format_report(report: EvalReport) -> str:
    """A metrics table (names as `--min`/`--max` take them) and each failed question with what went wrong."""
    lines = [f"Evaluated {len(report.results)} questions (k={report.k}): "
             f"{len(report.results) - len(report.failures)} passed, {len(report.failures)} failed", "",
             f"{'metric':<20} {'value':>6}   over"]
    for name, over in _OVER.items():
        value = getattr(report, name)
        shown = "-" if value is None else f"{value:.2f}"
        direction = "  (lower is better)" if name in LOWER_IS_BETTER else ""
        if name in ("hit_rate", "mrr"):
            over = f"{over}, top {report.k}"
        lines.append(f"{name:<20} {shown:>6}   {report.counts[name]} {over}{direction}")
    for name in ("latency_p50", "latency_p95"):
        value = getattr(report, name)
        lines.append(f"{name:<20} {'-' if value is None else f'{value:.2f}s':>6}   {report.counts[name]} questions")
    if report.failures:
        lines += ["", "Failed questions:"]
        for r in report.failures:
            lines.append(f"- line {r.item.line}: {r.item.question}")
            lines.extend(f"    {failure}" for failure in r.failures)
    return "\n".join(lines)


_UNMEASURED = {"answer": "no answerable question", "hit_rate": "no question lists sources",
               "mrr": "no question lists sources",
               "citation_support": "no answer cites a document for a question that lists sources",
               "disagreement_recall": "no question has conflict: true",
               "false_alarm": "no question has conflict: false", "abstention": "no unanswerable question",
               "wrong_refusal": "no answerable question"}


def check_thresholds(report: EvalReport, minimums: dict[str, float] | None = None,
                     maximums: dict[str, float] | None = None) -> list[str]:
    """The thresholds the report misses, one message each; empty when all are met.

    Minimums apply to higher-is-better metrics, maximums to lower-is-better ones (false_alarm, wrong_refusal,
    latency_p50, latency_p95). A metric no question measures counts as unmet. Bad names or values raise
    `InputError` before anything is compared.
    """
    minimums, maximums = dict(minimums or {}), dict(maximums or {})
    _validate_thresholds(minimums, HIGHER_IS_BETTER, "--min", "--max")
    _validate_thresholds(maximums, LOWER_IS_BETTER, "--max", "--min")
    unmet = []
    for bounds, is_min in ((minimums, True), (maximums, False)):
        for name, bound in bounds.items():
            value = getattr(report, name)
            if value is None:
                unmet.append(f"{name}: not measured ({_UNMEASURED[name]})")
            elif (value < bound) if is_min else (value > bound):
                unmet.append(f"{name} {value:.3f} is {'below the minimum' if is_min else 'above the maximum'} {bound}")
    return unmet


def _validate_thresholds(bounds: dict[str, float], allowed: tuple[str, ...], flag: str, other_flag: str) -> None:
    for name, bound in bounds.items():
        if name not in allowed:
            if name in HIGHER_IS_BETTER + LOWER_IS_BETTER:
                raise InputError(f"{flag} {name}: {name} is {'lower' if flag == '--min' else 'higher'} "
                                 f"is better; use {other_flag} {name}=...")
            raise InputError(f"{flag} {name}: unknown metric; choose from {', '.join(allowed)}")
        if isinstance(bound, bool) or not isinstance(bound, (int, float)) or math.isnan(bound):
            raise InputError(f"{flag} {name}: threshold must be a number, got {bound!r}")
        if name in _RATES and not 0 <= bound <= 1:
            raise InputError(f"{flag} {name}: a rate is between 0 and 1, got {bound}")
        if bound < 0:
            raise InputError(f"{flag} {name}: threshold must be >= 0, got {bound}")


def run_eval_cli(engine: EngineLike, gold_path: str | Path, *, k: int = 5, as_json: bool = False,
                 minimums: dict[str, float] | None = None,
                 maximums: dict[str, float] | None = None) -> tuple[str, int]:
    """What `sourcewise eval` prints and its exit code: 0 when every threshold is met, 1 otherwise.

    Thresholds and the gold file are checked before any question is asked; problems raise `InputError`.
    """
    if k <= 0:
        raise InputError(f"--k must be > 0, got {k}")
    minimums, maximums = dict(minimums or {}), dict(maximums or {})
    _validate_thresholds(minimums, HIGHER_IS_BETTER, "--min", "--max")
    _validate_thresholds(maximums, LOWER_IS_BETTER, "--max", "--min")
    report = evaluate(engine, load_gold(gold_path), k=k)
    unmet = check_thresholds(report, minimums, maximums)
    if as_json:
        output = json.dumps({**report.to_dict(), "thresholds": {"minimums": minimums, "maximums": maximums,
                                                                  "unmet": unmet}}, ensure_ascii=False, indent=2)
    else:
        output = format_report(report)
        if minimums or maximums:
            output += "\n\n" + ("Thresholds not met:\n" + "\n".join(f"- {u}" for u in unmet) if unmet
                                else "All thresholds met.")
    return output, 1 if unmet else 0


# --- llama-index adapter -------------------------------------------------------------------------------------------


class DocumentRetriever(BaseRetriever):
    """Collapses a chunk retriever's results to one node per document, with node id == doc id, in rank order,
    so llama-index's `RetrieverEvaluator` can score document-level hit rate and MRR with doc ids as expected_ids.

    Each document keeps its best-ranked chunk's text, score and metadata.
    """

    def __init__(self, retriever: BaseRetriever, *, top_k: int | None = None, **kwargs) -> None:
        if not isinstance(retriever, BaseRetriever):
            raise TypeError(f"retriever must be a llama-index BaseRetriever, got {type(retriever).__name__}")
        if top_k is not None and top_k <= 0:
            raise ValueError(f"top_k must be > 0, got {top_k}")
        super().__init__(**kwargs)
        self._inner = retriever
        self._top_k = top_k

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        documents: dict[str, NodeWithScore] = {}
        for scored in self._inner.retrieve(query_bundle):
            doc_id = scored.node.metadata.get("doc_id") or scored.node.ref_doc_id
            if not doc_id or doc_id in documents:
                continue
            node = TextNode(id_=doc_id, text=scored.node.get_content(), metadata=dict(scored.node.metadata))
            documents[doc_id] = NodeWithScore(node=node, score=scored.score)
            if self._top_k is not None and len(documents) == self._top_k:
                break
        return list(documents.values())

"""Helpers for testing a Sourcewise deployment with pytest: `assert_answer` and an `engine_fixture` factory.

In conftest.py::

    from qa.testing import engine_fixture
    engine = engine_fixture("articles/")

and in a test::

    def test_where(engine):
        assert_answer(engine.ask("Where is Assad?"), contains="Moscow", cites=["000"], answered=True)
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from index.errors import InputError
from qa.answer import Answer
from qa.evaluation import answer_matches, citation_errors

__all__ = ["assert_answer", "describe_answer", "engine_fixture"]

_SCOPES = ("session", "package", "module", "class", "function")


def assert_answer(answer: Answer, *, contains: str | Iterable[str] | None = None,
                  cites: str | Iterable[str] | None = None, no_disagreement: bool | None = None,
                  disagreement: bool | None = None, answered: bool | None = None,
                  valid_citations: bool = True) -> None:
    """Raise AssertionError listing every unmet expectation, followed by the answer, its citations and disagreements.

    ``contains``: one acceptable string or a list of alternatives (compared as `answer_matches` does);
    ``cites``: doc ids or id prefixes that must all be cited; ``no_disagreement=True`` / ``disagreement=True``:
    the answer must report none / at least one; ``answered``: whether it answered or declined;
    ``valid_citations``: every quote is the exact text at its offsets and every [n] matches a citation.
    """
    if not isinstance(answer, Answer):
        raise TypeError(f"assert_answer expects an Answer, got {type(answer).__name__}")
    for name, flag in (("no_disagreement", no_disagreement), ("disagreement", disagreement)):
        if flag not in (None, True):
            raise ValueError(f"{name} takes True or None, got {flag!r}; to expect the opposite, pass "
                             f"{'disagreement' if name == 'no_disagreement' else 'no_disagreement'}=True")
    if no_disagreement and disagreement:
        raise ValueError("no_disagreement=True and disagreement=True cannot both hold")
    if answered not in (None, True, False):
        raise ValueError(f"answered takes True, False or None, got {answered!r}")

    problems: list[str] = []
    if answered is not None and answer.answered != answered:
        problems.append("expected an answer, but the engine declined" if answered
                        else "expected the engine to decline, but it answered")
    if contains is not None:
        options = [contains] if isinstance(contains, str) else list(contains)
        if not options:
            raise ValueError("contains must be a string or a non-empty list of alternatives")
        if not answer_matches(answer.answer, options):
            problems.append(f"expected {'one of ' + repr(options) if len(options) > 1 else repr(options[0])} "
                            f"in the answer")
    if cites is not None:
        wanted = [cites] if isinstance(cites, str) else list(cites)
        cited = sorted({c.doc_id for c in answer.citations})
        missing = [w for w in wanted if not any(d == w or d.startswith(w) for d in cited)]
        if missing:
            problems.append(f"expected citations of {missing}, but it cites {cited}")
    if no_disagreement and answer.disagreements:
        problems.append(f"expected no disagreement, but it reports {len(answer.disagreements)}")
    if disagreement and not answer.disagreements:
        problems.append("expected a disagreement between sources, but it reports none")
    if valid_citations:
        problems.extend(f"invalid citation: {error}" for error in citation_errors(answer))
    if problems:
        raise AssertionError("\n".join(["Answer does not meet expectations:", *(f"- {p}" for p in problems), "",
                                        describe_answer(answer)]))


def describe_answer(answer: Answer) -> str:
    """The answer as a failure message shows it: question, text, citations (n, doc id, quote), disagreements."""
    state = "answered" if answer.answered else "declined"
    lines = [f"question: {answer.question!r}", f"answer ({state}): {answer.answer!r}"]
    if answer.notice:
        lines.append(f"notice: {answer.notice!r}")
    lines.append("citations:" if answer.citations else "citations: none")
    lines.extend(f"  [{c.n}] {c.doc_id}: {' '.join(c.quote.split())!r}" for c in answer.citations)
    lines.append("disagreements:" if answer.disagreements else "disagreements: none")
    lines.extend(f"  {d.topic} ({d.kind}): {d.summary}" for d in answer.disagreements)
    return "\n".join(lines)


def engine_fixture(folder: str | Path, *, scope: str = "session", name: str = "engine"):
    """A pytest fixture that indexes ``folder`` into a temporary store and yields the `Engine`.

    Assign it in conftest.py (``engine = engine_fixture("articles/")``); a relative folder is resolved from the
    directory pytest runs in. The index is built once per ``scope``.
    """
    import pytest

    if scope not in _SCOPES:
        raise ValueError(f"scope must be one of {', '.join(_SCOPES)}, got {scope!r}")
    if not name or not name.isidentifier():
        raise ValueError(f"name must be a Python identifier, got {name!r}")
    folder = Path(folder)

    @pytest.fixture(scope=scope, name=name)
    def _engine(tmp_path_factory):
        from qa import Engine

        if not folder.exists():
            raise InputError(f"engine_fixture: folder {str(folder)!r} does not exist "
                             f"(relative paths are resolved from {Path.cwd()})")
        store = tmp_path_factory.mktemp(f"{name}-store")
        engine = Engine.from_paths([folder], store=store)
        yield engine
        close = getattr(engine, "close", None)
        if callable(close):
            close()

    return _engine

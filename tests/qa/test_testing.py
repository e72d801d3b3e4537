"""assert_answer's verdicts and messages; engine_fixture as a user's conftest would use it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import qa
from qa.answer import Answer, Citation, Claim, Disagreement
from qa.testing import assert_answer, engine_fixture
from tests.fake_engine import FakeEngine

pytest_plugins = ["pytester"]

TEXT = "Assad has arrived in Moscow. Damascus fell on Sunday."


@pytest.fixture
def answer(tmp_path) -> Answer:
    path = tmp_path / "000_2237.txt"
    path.write_text(TEXT, encoding="utf-8")
    quote = "Assad has arrived in Moscow."
    citation = Citation(n=1, doc_id="000_2237", quote=quote, start=0, end=len(quote), score=0.9, text=quote,
                        file=str(path))
    return Answer(question="Where is Assad?", answer="Assad has arrived in Moscow [1].", answered=True,
                  citations=(citation,))


def failure(answer: Answer, **expectations) -> str:
    with pytest.raises(AssertionError) as caught:
        assert_answer(answer, **expectations)
    return str(caught.value)


def test_a_good_answer_passes(answer):
    assert_answer(answer, contains=["Moscow", "Russia"], cites=["000"], no_disagreement=True, answered=True)
    assert_answer(answer, contains="moscow")


def test_missing_text_shows_the_answer_its_citations_and_the_expectation(answer):
    message = failure(answer, contains="Damascus")
    assert "- expected 'Damascus' in the answer" in message
    assert "answer (answered): 'Assad has arrived in Moscow [1].'" in message
    assert "[1] 000_2237: 'Assad has arrived in Moscow.'" in message
    assert "question: 'Where is Assad?'" in message
    assert "expected one of ['Damascus', 'Syria'] in the answer" in failure(answer, contains=["Damascus", "Syria"])


def test_every_unmet_expectation_is_listed(answer):
    message = failure(answer, cites=["000", "004"], disagreement=True, answered=False)
    assert "- expected the engine to decline, but it answered" in message
    assert "- expected citations of ['004'], but it cites ['000_2237']" in message
    assert "- expected a disagreement between sources, but it reports none" in message


def test_a_reported_disagreement_fails_no_disagreement(answer):
    claims = (Claim(doc_id="000_2237", n=1, quote="Sunday", start=0, end=6, value="Sunday"),
              Claim(doc_id="002_2fe6", n=2, quote="December 1", start=0, end=10, value="December 1"))
    disputed = replace(answer, disagreements=(
        Disagreement(topic="fall of Damascus", kind="date", summary="Sunday vs December 1", claims=claims),))
    message = failure(disputed, no_disagreement=True)
    assert "- expected no disagreement, but it reports 1" in message
    assert "fall of Damascus (date): Sunday vs December 1" in message
    assert_answer(disputed, disagreement=True)


def test_a_declined_answer_fails_answered_true():
    declined = Answer(question="Weather?", answer="The articles do not say.", answered=False,
                      notice="No article mentions the weather.")
    message = failure(declined, answered=True)
    assert "- expected an answer, but the engine declined" in message
    assert "answer (declined): 'The articles do not say.'" in message and "citations: none" in message
    assert_answer(declined, answered=False, no_disagreement=True)


def test_citations_are_checked_unless_turned_off(answer):
    moved = replace(answer, citations=(replace(answer.citations[0], start=1, end=29),))
    message = failure(moved)
    assert "- invalid citation: [1] 000_2237: quote 'Assad has arrived in Moscow.' is not the text at 1:29" in message
    assert_answer(moved, contains="Moscow", valid_citations=False)


def test_contradictory_or_malformed_expectations_are_refused(answer):
    with pytest.raises(ValueError, match="cannot both hold"):
        assert_answer(answer, disagreement=True, no_disagreement=True)
    with pytest.raises(ValueError, match="to expect the opposite, pass disagreement=True"):
        assert_answer(answer, no_disagreement=False)
    with pytest.raises(ValueError, match="non-empty list"):
        assert_answer(answer, contains=[])
    with pytest.raises(TypeError, match="expects an Answer, got dict"):
        assert_answer(answer.to_dict())


def test_engine_fixture_validates_scope_and_name():
    with pytest.raises(ValueError, match="scope must be one of"):
        engine_fixture("articles", scope="everything")
    with pytest.raises(ValueError, match="name must be a Python identifier"):
        engine_fixture("articles", name="my engine")


class RecordingEngine(FakeEngine):
    """Stands in for qa.Engine: records how it was built and whether it was closed."""

    built: list[tuple[list[Path], Path]] = []
    closed = 0

    @classmethod
    def from_paths(cls, paths, *, store, chroma_url=None):
        cls.built.append((list(paths), Path(store)))
        return cls()

    def close(self):
        type(self).closed += 1


def test_engine_fixture_builds_one_engine_per_session_in_a_temporary_store(pytester, monkeypatch):
    monkeypatch.setattr(qa, "Engine", RecordingEngine, raising=False)
    monkeypatch.setattr(RecordingEngine, "built", [])
    monkeypatch.setattr(RecordingEngine, "closed", 0)
    (pytester.path / "articles").mkdir()
    pytester.makeconftest("from qa.testing import engine_fixture\n"
                          "engine = engine_fixture('articles')\n"
                          "news = engine_fixture('articles', scope='function', name='news')\n")
    pytester.makepyfile("def test_one(engine, news):\n    assert engine is not news\n\n"
                        "def test_two(engine, news):\n    pass\n")
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=2)
    assert len(RecordingEngine.built) == 3  # one session engine, one per test for the function-scoped one
    assert RecordingEngine.closed == 3
    assert all(paths == [Path("articles")] for paths, _ in RecordingEngine.built)
    stores = [store for _, store in RecordingEngine.built]
    assert all(store.is_dir() for store in stores) and len(set(stores)) == 3


def test_engine_fixture_names_a_missing_folder(pytester, monkeypatch):
    monkeypatch.setattr(qa, "Engine", RecordingEngine, raising=False)
    pytester.makeconftest("from qa.testing import engine_fixture\nengine = engine_fixture('no-such-folder')\n")
    pytester.makepyfile("def test_it(engine):\n    pass\n")
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*engine_fixture: folder 'no-such-folder' does not exist*"])

"""One EngineLike protocol: the real engine and every fake engine in the tests have its members and signatures."""

from __future__ import annotations

import inspect

import pytest

from qa import Engine, EngineLike
from tests.fake_engine import FakeEngine
from tests.qa.test_evaluation import ScriptedEngine
from tests.qa.test_testing import RecordingEngine


def _shape(function) -> list[tuple[str, inspect._ParameterKind, object]]:
    """Parameter names, kinds and defaults: what a caller relies on (annotations are documentation)."""
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


def mismatches(cls: type) -> list[str]:
    """How ``cls`` differs from EngineLike: missing members, properties that are methods, other signatures."""
    problems = []
    for name, member in vars(EngineLike).items():
        if name.startswith("_"):
            continue
        if isinstance(member, property):
            fields = getattr(cls, "__dataclass_fields__", {})
            if not isinstance(getattr(cls, name, None), property) and name not in fields:
                problems.append(f"{name} is not a property or field")
        elif not callable(getattr(cls, name, None)):
            problems.append(f"{name} is missing")
        elif _shape(getattr(cls, name)) != _shape(member):
            problems.append(f"{name}{inspect.signature(getattr(cls, name))} is not {name}{inspect.signature(member)}")
    return problems


@pytest.mark.parametrize("cls", [Engine, FakeEngine, ScriptedEngine, RecordingEngine], ids=lambda c: c.__name__)
def test_the_engine_and_every_fake_are_engine_like(cls):
    assert mismatches(cls) == []


def test_a_fake_instance_passes_the_runtime_check():
    assert isinstance(FakeEngine(), EngineLike)
    assert not isinstance(object(), EngineLike)


def test_the_check_names_what_differs():
    class Wrong:
        def answerer(self):
            return "extractive"

        def ask(self, question, history=None): ...

        def ask_stream(self, question): ...

    found = mismatches(Wrong)
    assert "answerer is not a property or field" in found
    assert any(p.startswith("ask(self, question, history=None) is not ask(") for p in found)
    assert any(p.startswith("ask_stream(self, question) is not") for p in found)
    assert "rank_documents is missing" in found and "context is missing" in found

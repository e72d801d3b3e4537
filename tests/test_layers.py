"""The layers: imports flow ui -> qa -> index and never back, in any module, at any depth of a function."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {"index": {"qa", "ui"}, "qa": {"ui"}}


def imported_packages(source: str) -> set[str]:
    """The top-level packages a module imports: import statements anywhere, and import_module("...") calls."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            found.add(str(node.args[0].value))
    return {name.split(".")[0] for name in found}


def test_the_checker_sees_imports_inside_functions_and_by_name():
    source = "import os\ndef f():\n    from ui.app import serve\n    return importlib.import_module('qa.engine')\n"
    assert imported_packages(source) == {"os", "ui", "qa"}


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_module_imports_a_layer_above_its_own(package):
    wrong = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        above = imported_packages(path.read_text(encoding="utf-8")) & FORBIDDEN[package]
        if above:
            wrong[str(path.relative_to(ROOT))] = sorted(above)
    assert wrong == {}, f"imports must flow ui -> qa -> index: {wrong}"

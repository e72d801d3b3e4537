"""Fixtures shared by the index tests."""

import shutil

import pytest

from tests.conftest import SEEDS


@pytest.fixture
def articles(tmp_path):
    """A copy of the seed articles that a test may edit, add to or empty."""
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    return folder

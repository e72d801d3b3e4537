"""No test in qa/ picks a language model up from the developer's environment."""

import pytest

from qa.llm import ENV_VARS


@pytest.fixture(autouse=True)
def no_llm_env(monkeypatch):
    for name in ENV_VARS.values():
        monkeypatch.delenv(name, raising=False)

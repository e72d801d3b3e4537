"""The language model's configuration, connection and failure notices (no model is run here)."""

from __future__ import annotations

import re

import pytest

from index.errors import InputError, SourcewiseError
from qa.llm import LLMConfig, build_llm, failure_notice


def test_no_model_configured_means_no_config_so_the_extractive_answerer_stays():
    assert LLMConfig.from_env() is None
    assert LLMConfig.from_env(url=None, model=None, key=None, gguf=None) is None


def test_flags_win_over_the_environment_and_a_bare_host_gets_v1(monkeypatch):
    monkeypatch.setenv("SOURCEWISE_LLM_URL", "http://10.0.0.5:8000/v1")
    monkeypatch.setenv("SOURCEWISE_LLM_MODEL", "env-model")
    monkeypatch.setenv("SOURCEWISE_LLM_KEY", "sk-secret")
    monkeypatch.setenv("SOURCEWISE_LLM_TIMEOUT", "20")
    config = LLMConfig.from_env(url="http://127.0.0.1:11434", model="qwen2.5", key=None)
    assert (config.url, config.model, config.key, config.timeout) == (
        "http://127.0.0.1:11434/v1", "qwen2.5", "sk-secret", 20.0)
    assert config.describe() == "llm: qwen2.5 at http://127.0.0.1:11434/v1"
    assert "sk-secret" not in repr(config) and "sk-secret" not in config.describe()


def test_a_gguf_flag_replaces_a_server_from_the_environment(monkeypatch):
    monkeypatch.setenv("SOURCEWISE_LLM_URL", "http://127.0.0.1:11434/v1")
    config = LLMConfig.from_env(gguf="models/gemma.gguf")
    assert config.url is None and config.gguf == "models/gemma.gguf"
    assert config.describe() == "llm: gemma.gguf (llama.cpp, in process)"


@pytest.mark.parametrize("kwargs, message", [
    ({"url": "http://127.0.0.1:11434/v1"}, "needs a name: pass --llm-model"),
    ({"url": "127.0.0.1:11434", "model": "m"}, "must be an http(s) address"),
    ({"url": "http://127.0.0.1:1/v1", "model": "m", "gguf": "x.gguf"}, "not both"),
    ({"url": "http://127.0.0.1:1/v1", "model": "m", "timeout": 0}, "timeout must be > 0"),
    ({}, "no language model given"),
])
def test_bad_configuration_is_refused_with_what_to_do(kwargs, message):
    with pytest.raises(InputError, match=re.escape(message)):
        LLMConfig(**kwargs)


def test_a_model_name_without_a_server_says_which_flag_is_missing(monkeypatch):
    monkeypatch.setenv("SOURCEWISE_LLM_MODEL", "qwen2.5")
    with pytest.raises(InputError, match="--llm-model needs --llm-url"):
        LLMConfig.from_env()
    monkeypatch.setenv("SOURCEWISE_LLM_URL", "http://127.0.0.1:1/v1")
    monkeypatch.setenv("SOURCEWISE_LLM_TIMEOUT", "soon")
    with pytest.raises(InputError, match="SOURCEWISE_LLM_TIMEOUT must be a number"):
        LLMConfig.from_env()


def test_build_llm_talks_to_the_server_without_retries():
    llm = build_llm(LLMConfig(url="http://127.0.0.1:9/v1", model="qwen2.5", timeout=7))
    assert type(llm).__name__ == "OpenAILike"
    assert (llm.api_base, llm.model, llm.api_key, llm.max_retries, llm.timeout, llm.is_chat_model) == (
        "http://127.0.0.1:9/v1", "qwen2.5", "none", 0, 7, True)


def test_a_gguf_model_needs_its_file_and_the_local_extra(tmp_path, monkeypatch):
    with pytest.raises(InputError, match="no GGUF model file at"):
        build_llm(LLMConfig(gguf=str(tmp_path / "missing.gguf")))
    model = tmp_path / "model.gguf"
    model.write_bytes(b"GGUF")
    monkeypatch.setitem(__import__("sys").modules, "llama_index.llms.llama_cpp", None)  # as if not installed
    with pytest.raises(SourcewiseError, match=re.escape("pip install 'sourcewise[local]'")):
        build_llm(LLMConfig(gguf=str(model)))


def test_failures_become_one_line_notices():
    where = "http://127.0.0.1:1/v1"
    assert failure_notice(TimeoutError("slow"), where, 20) == (
        f"The language model at {where} did not answer (timeout after 20 s); showing the extractive answer.")
    assert "(HTTP 503)" in failure_notice(type("APIStatusError", (Exception,), {"status_code": 503})(), where, 20)
    refused = ConnectionRefusedError(111, "Connection refused")
    assert "could not be reached (connection refused)" in failure_notice(refused, where, 20)
    assert "failed (ValueError: bad)" in failure_notice(ValueError("bad"), where, 20)

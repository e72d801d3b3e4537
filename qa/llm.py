"""The language model behind generated answers: its configuration, its connection, and how its failures read.

An OpenAI-compatible server (Ollama, llama.cpp server, vLLM, LM Studio, hosted) through llama-index's ``OpenAILike``,
or a GGUF file run in process by llama.cpp (the ``sourcewise[local]`` extra) with the chat template stored in it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

from index.errors import InputError, SourcewiseError

__all__ = ["ENV_VARS", "LOCAL_INSTALL", "LLMConfig", "normalise_url", "build_llm", "GGUFChatTemplate", "chat_messages",
           "describe_llm", "failure_notice", "first_line"]

ENV_VARS = {"url": "SOURCEWISE_LLM_URL", "model": "SOURCEWISE_LLM_MODEL", "key": "SOURCEWISE_LLM_KEY",
            "gguf": "SOURCEWISE_LLM_GGUF", "timeout": "SOURCEWISE_LLM_TIMEOUT"}
LOCAL_INSTALL = "pip install 'sourcewise[local]'  (llama-index-llms-llama-cpp and llama-cpp-python)"


@dataclass(frozen=True)
class LLMConfig:
    """Which language model writes answers: an OpenAI-compatible server (``url`` + ``model``) or a local GGUF file."""

    url: str | None = None
    model: str | None = None
    key: str | None = field(default=None, repr=False)
    gguf: str | None = None
    timeout: float = 60.0
    max_tokens: int = 512
    temperature: float = 0.0

    def __post_init__(self):
        if self.url and self.gguf:
            raise InputError("choose one language model: --llm-url or --llm-gguf, not both")
        if not self.url and not self.gguf:
            raise InputError("no language model given: pass --llm-url URL --llm-model NAME, or --llm-gguf PATH")
        if self.url:
            object.__setattr__(self, "url", normalise_url(self.url))
            if not self.model:
                raise InputError(f"the language model at {self.url} needs a name: pass --llm-model NAME "
                                 "(or set SOURCEWISE_LLM_MODEL), e.g. --llm-model qwen2.5")
        if not isinstance(self.timeout, (int, float)) or self.timeout <= 0:
            raise InputError(f"the language model timeout must be > 0 seconds, got {self.timeout!r}")
        if not isinstance(self.max_tokens, int) or self.max_tokens <= 0:
            raise InputError(f"max_tokens must be > 0, got {self.max_tokens!r}")
        if not 0 <= self.temperature <= 2:
            raise InputError(f"temperature must be within [0, 2], got {self.temperature!r}")

    @classmethod
    def from_env(cls, **overrides) -> "LLMConfig | None":
        """The configuration from SOURCEWISE_LLM_* variables, with ``overrides`` (CLI flags; None = not given)
        winning; None when no model is configured at all."""
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(overrides) - names)
        if unknown:
            raise TypeError(f"unknown language model setting(s): {', '.join(unknown)}")
        values: dict = {}
        for name, var in ENV_VARS.items():
            raw = os.environ.get(var, "").strip()
            if raw:
                values[name] = raw
        given = {k: v for k, v in overrides.items() if v is not None and v != ""}
        if given.get("url"):          # a flag naming one kind of model replaces the other kind from the environment
            values.pop("gguf", None)
        if given.get("gguf"):
            values.pop("url", None)
        values.update(given)
        if not values.get("url") and not values.get("gguf"):
            if values.get("model"):
                raise InputError("--llm-model needs --llm-url (or SOURCEWISE_LLM_URL): the address of an "
                                 "OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1")
            return None
        if isinstance(values.get("timeout"), str):
            try:
                values["timeout"] = float(values["timeout"])
            except ValueError:
                raise InputError(f"SOURCEWISE_LLM_TIMEOUT must be a number of seconds, "
                                 f"got {values['timeout']!r}") from None
        return cls(**values)

    def describe(self) -> str:
        """One line for a header or a log, without the key: ``llm: qwen2.5 at http://127.0.0.1:11434/v1``."""
        if self.gguf:
            return f"llm: {Path(self.gguf).name} (llama.cpp, in process)"
        return f"llm: {self.model} at {self.url}"


def normalise_url(url: str) -> str:
    """An http(s) base URL without a trailing slash; a bare host gets the usual ``/v1`` of OpenAI-compatible APIs."""
    url = url.strip()
    match = re.match(r"^(https?://[^/\s?#]+)(/[^\s?#]*)?$", url, re.I)
    if not match:
        raise InputError(f"--llm-url must be an http(s) address such as http://127.0.0.1:11434/v1, got {url!r}")
    host, path = match.group(1), (match.group(2) or "").rstrip("/")
    return host + (path or "/v1")


def build_llm(config: LLMConfig):
    """The llama-index LLM for ``config``: ``OpenAILike`` for a server (no retries: a failure falls back at once),
    ``LlamaCPP`` for a GGUF file (imported only here, from the ``local`` extra)."""
    if config.gguf:
        return _build_local_llm(config)
    try:
        from llama_index.llms.openai_like import OpenAILike
    except ImportError:
        raise SourcewiseError("answering with a language model server needs llama-index-llms-openai-like: "
                              "pip install llama-index-llms-openai-like") from None
    return OpenAILike(model=config.model, api_base=config.url, api_key=config.key or "none", is_chat_model=True,
                      is_function_calling_model=False, timeout=config.timeout, max_retries=0,
                      temperature=config.temperature, max_tokens=config.max_tokens)


def _build_local_llm(config: LLMConfig):
    path = Path(config.gguf).expanduser()
    if not path.is_file():
        raise InputError(f"no GGUF model file at {path}: pass the path of a .gguf file to --llm-gguf")
    try:
        from llama_index.llms.llama_cpp import LlamaCPP
    except ImportError:
        raise SourcewiseError(f"running a GGUF model in process needs the local extra: {LOCAL_INSTALL}") from None
    template = GGUFChatTemplate()
    llm = LlamaCPP(model_path=str(path), temperature=config.temperature, max_new_tokens=config.max_tokens,
                   context_window=4096, generate_kwargs={}, model_kwargs={}, verbose=False,
                   messages_to_prompt=template.messages_to_prompt, completion_to_prompt=template.completion_to_prompt)
    template.bind(_vocabulary(path))
    return llm


def _vocabulary(path: Path):
    """The GGUF file's metadata and vocabulary without its weights: LlamaCPP keeps its ``Llama`` private."""
    from llama_cpp import Llama

    return Llama(model_path=str(path), vocab_only=True, n_ctx=1, verbose=False)


class GGUFChatTemplate:
    """Formats chat messages with the chat template stored in the GGUF file (Gemma, Llama, Qwen, ...); plain
    ``System:/User:/Assistant:`` turns when the file has none or it cannot render these messages."""

    def __init__(self):
        self._render: Callable[[list[dict]], str] | None = None

    def bind(self, model) -> None:
        template = (getattr(model, "metadata", None) or {}).get("tokenizer.chat_template")
        if not template:
            return
        try:
            from llama_cpp.llama_chat_format import Jinja2ChatFormatter

            def token_text(token_id: int) -> str:
                return model.detokenize([token_id], special=True).decode("utf-8", "replace") if token_id >= 0 else ""

            formatter = Jinja2ChatFormatter(template=template, eos_token=token_text(model.token_eos()),
                                            bos_token=token_text(model.token_bos()))
            self._render = lambda messages: formatter(messages=messages).prompt
        except Exception:  # an unusual template or llama-cpp version: plain turns still work
            self._render = None

    def messages_to_prompt(self, messages) -> str:
        dicts = [{"role": getattr(m.role, "value", str(m.role)), "content": m.content or ""} for m in messages]
        if self._render is not None:
            for attempt in (dicts, _system_into_user(dicts)):
                try:
                    return self._render(attempt)
                except Exception:  # e.g. a template that refuses a system role
                    continue
        turns = [f"{d['role'].capitalize()}: {d['content']}" for d in dicts]
        return "\n\n".join(turns) + "\n\nAssistant:"

    def completion_to_prompt(self, completion: str) -> str:
        from llama_index.core.llms import ChatMessage

        return self.messages_to_prompt([ChatMessage(role="user", content=completion)])


def _system_into_user(dicts: list[dict]) -> list[dict]:
    system = "\n\n".join(d["content"] for d in dicts if d["role"] == "system")
    rest = [dict(d) for d in dicts if d["role"] != "system"]
    if system and rest and rest[0]["role"] == "user":
        rest[0]["content"] = f"{system}\n\n{rest[0]['content']}"
    return rest


def chat_messages(messages: Sequence[tuple[str, str]]):
    """``(role, content)`` pairs as llama-index chat messages."""
    from llama_index.core.llms import ChatMessage

    return [ChatMessage(role=role, content=content) for role, content in messages]


def describe_llm(llm) -> str:
    """How a notice names the model: its server address, its file, or its class."""
    for attribute in ("api_base", "model_path"):
        value = getattr(llm, attribute, None)
        if isinstance(value, str) and value:
            return value
    return type(llm).__name__


def first_line(exc: BaseException) -> str:
    """The first line of an error's message, at most 200 characters, for a one-line notice."""
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else "no details"


def failure_notice(exc: BaseException, where: str, timeout: float) -> str:
    """One line saying why the model's answer is missing, for ``Answer.notice``."""
    chain, seen = [], set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or current.__context__
    names = {cls.__name__ for e in chain for cls in type(e).__mro__}
    tail = "showing the extractive answer."
    if names & {"APITimeoutError", "TimeoutException", "ReadTimeout", "ConnectTimeout", "TimeoutError"}:
        return f"The language model at {where} did not answer (timeout after {timeout:g} s); {tail}"
    status = next((e.status_code for e in chain if isinstance(getattr(e, "status_code", None), int)), None)
    if status is not None:
        return f"The language model at {where} answered with an error (HTTP {status}); {tail}"
    if names & {"APIConnectionError", "ConnectError", "ConnectionError"}:
        detail = first_line(chain[-1])
        reason = "connection refused" if "refused" in detail.lower() else detail
        return f"The language model at {where} could not be reached ({reason}); {tail}"
    return f"The language model at {where} failed ({type(exc).__name__}: {first_line(exc)}); {tail}"

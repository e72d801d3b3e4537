"""Shared fixtures: isolation from the user's environment, no network in unit tests, the real engine once."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

_real_connect = socket.socket.connect


def _loopback_only(self, address):
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and not (host.startswith("127.") or host in ("localhost", "::1", "0.0.0.0")) \
            and self.family in (socket.AF_INET, socket.AF_INET6):
        raise RuntimeError(f"a test tried to reach the network: {address!r}")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any connection beyond loopback fails loudly: nothing here may download or phone home."""
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch):
    for name in ("SOURCEWISE_STORE", "SOURCEWISE_CHROMA_URL", "SOURCEWISE_AUTH", "SOURCEWISE_LLM_URL",
                 "SOURCEWISE_LLM_MODEL", "SOURCEWISE_LLM_KEY", "SOURCEWISE_LLM_GGUF", "SOURCEWISE_LLM_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def fake_embed():
    from tests.fakes import HashedBagOfWords

    return HashedBagOfWords()


@pytest.fixture(scope="session")
def real_embed():
    """The bundled model as sentence-transformers runs it: the reference the numpy encoder is held to."""
    from index.embedding import load_embed_model

    return load_embed_model()


@pytest.fixture(scope="session")
def bundled_embed():
    """The bundled model as the product runs it (the numpy encoder, for questions and ingest alike)."""
    from index.embedding import BundledEmbedding

    return BundledEmbedding()


@pytest.fixture(scope="session")
def seed_engine(tmp_path_factory, bundled_embed):
    """The real thing: the bundled model and an on-disk Chroma store over seeds/, built once per run."""
    from qa import Engine

    return Engine.from_paths([SEEDS], store=tmp_path_factory.mktemp("seed-store") / "store",
                             embed_model=bundled_embed, show_progress=False)

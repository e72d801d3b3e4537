"""Fixtures for the UI tests: the app served on a free port over a fake or the real engine, headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.processes import free_port
from tests.fake_engine import FakeEngine
from tests.ui.fakes import SEEDS, fake_seed_engine

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: loads the real embedding model or a real store (runs in CI)")
    config.addinivalue_line("markers", "browser: drives headless Chromium (runs in CI)")


# --- Fixtures ---------------------------------------------------------------------------------------

@pytest.fixture
def fake_engine() -> FakeEngine:
    return fake_seed_engine()


@dataclass
class Served:
    """An app running in this process: its address, its engine and its upload folder."""

    url: str
    engine: object
    upload_dir: Path
    app: object


def _serve(engine, upload_dir: Path) -> Iterator[Served]:
    from ui import build_app, launch

    app = build_app(engine, upload_dir=upload_dir, max_upload_mb=1)
    url = launch(app, port=free_port(), max_upload_mb=1, block=False)
    try:
        yield Served(url.rstrip("/"), engine, upload_dir, app)
    finally:
        app.close()


@pytest.fixture(scope="session")
def fake_app(tmp_path_factory) -> Iterator[Served]:
    """The app over a fake engine on the seeds that also scripts a disagreement (served once per session)."""
    engine = fake_seed_engine()
    yield from _serve(engine, tmp_path_factory.mktemp("fake-store") / "uploads")


@pytest.fixture(scope="session")
def real_app(tmp_path_factory, bundled_embed) -> Iterator[Served]:
    """The app over the real engine on the seed articles, in its own store (these tests add and remove articles)."""
    from qa import Engine

    store = tmp_path_factory.mktemp("ui-real-store")
    engine = Engine.from_paths([SEEDS], store=store / "store", embed_model=bundled_embed, show_progress=False)
    yield from _serve(engine, store / "uploads")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where browser tests save what they saw, for a person to look at (git-ignored)."""
    folder = REPO / "test-output" / "ui"
    folder.mkdir(parents=True, exist_ok=True)
    return folder

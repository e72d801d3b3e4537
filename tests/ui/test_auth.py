"""With --auth, nothing of the collection reaches a request that has not logged in: every route the app serves is
tried without a login, and none may answer with an article's text; the routes that read the collection refuse."""

from __future__ import annotations

import json
import re
import shutil
import time

import httpx
import pytest

from bench.load import AppClient, AppError
from bench.processes import free_port
from qa import Engine
from tests.conftest import SEEDS
from tests.fakes import HashedBagOfWords
from ui.app import build_app, launch

CANARY = "The canary sang at the quartz observatory of Tartus on Friday."
AUTH = ("ann", "correct horse")
pytestmark = pytest.mark.slow
READS_THE_COLLECTION = (
    "/config", "/gradio_api/info", "/gradio_api/openapi.json", "/gradio_api/call/ask", "/gradio_api/run/ask",
    "/gradio_api/api/ask", "/gradio_api/call/v2/ask", "/gradio_api/queue/join", "/gradio_api/queue/data",
    "/gradio_api/file=", "/gradio_api/file/", "/gradio_api/upload", "/gradio_api/deep_link",
    "/api/", "/gradio_api/mcp",
)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("auth")
    articles = tmp / "articles"
    shutil.copytree(SEEDS, articles)
    (articles / "canary.txt").write_text("Canary report\n" + CANARY + "\n", encoding="utf-8")
    engine = Engine.from_paths([articles], store=tmp / "store", embed_model=HashedBagOfWords(), show_progress=False)
    uploads = tmp / "store" / "uploads"
    uploads.mkdir()
    (uploads / "upload.txt").write_text(CANARY, encoding="utf-8")
    app = build_app(engine, upload_dir=uploads, mcp=True)
    url = launch(app, port=free_port(), auth=AUTH, block=False).rstrip("/")
    yield url, app, uploads / "upload.txt"
    app.close()
    engine.close()


def routes(app) -> list[tuple[str, str]]:
    """Every (method, path) the app's server answers, included routers and mounts walked."""
    from starlette.routing import Mount

    found = []

    def walk(items, prefix=""):
        for route in items:
            if type(route).__name__ == "_IncludedRouter":
                walk(route.original_router.routes, prefix + route.include_context.prefix)
            elif isinstance(route, Mount):
                walk(route.routes, prefix + route.path)
            elif hasattr(route, "methods"):
                found.extend((method, prefix + route.path) for method in sorted(route.methods) if method != "HEAD")
    walk(app.server_app.routes if getattr(app, "server_app", None) else app.app.routes)
    return sorted(set(found))


def read_briefly(client: httpx.Client, method: str, url: str, body: dict | None, *, seconds: float = 3.0):
    """Status and up to 256 KB of the body, read for at most ``seconds`` (event streams never end)."""
    deadline = time.monotonic() + seconds
    with client.stream(method, url, json=body) as response:
        received = b""
        for chunk in response.iter_bytes():
            received += chunk
            if len(received) > 256_000 or time.monotonic() > deadline:
                break
    return response.status_code, received.decode("utf-8", "replace")


def test_logged_in_the_app_answers_from_the_collection(served):
    url, _, _ = served
    client = AppClient(url, auth=AUTH)
    assert "canary sang" in json.dumps(client.ask("What sang at the quartz observatory of Tartus?"))


def test_without_a_login_no_route_answers_with_the_collection(served, tmp_path):
    url, app, upload = served
    logged_in = httpx.Client(timeout=60)
    assert logged_in.post(f"{url}/login", data={"username": AUTH[0], "password": AUTH[1]}).status_code == 200
    event = logged_in.post(f"{url}/gradio_api/call/ask", json={"data": ["What sang at the quartz observatory of Tartus?"]}).json()
    fills = {"api_name": "ask", "event_id": event["event_id"], "path_or_url": str(upload), "path": str(upload),
             "session_hash": "x", "key": "x", "url_path": str(upload)}
    stranger = httpx.Client(timeout=5, follow_redirects=True)
    tried, refused = [], []
    mcp = [("POST", "/gradio_api/mcp/"), ("GET", "/gradio_api/mcp/schema"), ("GET", "/gradio_api/mcp/sse")]
    for method, path in routes(app) + mcp:  # Gradio mounts MCP's own app outside the routes it lists
        concrete = re.sub(r"\{(\w+)(?::path)?\}", lambda m: fills.get(m.group(1), "x"), path)
        body = {"data": ["What sang at the quartz observatory of Tartus?"], "fn_index": 0, "session_hash": "x",
                "event_id": "x", "question": "What sang at the quartz observatory of Tartus?"}
        if "/mcp" in path:  # an MCP client calling the ask tool
            body = {"jsonrpc": "2.0", "id": 1, "method": "tools/call",
                    "params": {"name": "ask", "arguments": {"question": "What sang at the quartz observatory?"}}}
        try:
            status, text = read_briefly(stranger, method, url + concrete, body if method == "POST" else None)
        except httpx.HTTPError:
            continue
        tried.append(f"{method} {concrete}")
        assert "canary sang" not in text.lower(), f"{method} {concrete} answered with the collection"
        if any(path.startswith(prefix) for prefix in READS_THE_COLLECTION):
            refused.append((method, concrete, status))
    assert len(tried) > 40
    assert {"POST /api/ask", "GET /api/articles", "GET /api/conflicts"} <= set(tried)
    assert any(t.startswith("POST /gradio_api/mcp") for t in tried), tried
    assert refused and all(status in (401, 403) for _, _, status in refused), refused
    with pytest.raises(AppError, match="HTTP 401"):
        AppClient(url).ask("What sang at the quartz observatory of Tartus?")
    home = stranger.get(url + "/")
    assert "canary" not in home.text.lower() and "Canary report" not in home.text

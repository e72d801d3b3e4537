"""The JSON HTTP API and the MCP tools, through their real transports against the running app: httpx for HTTP,
the official ``mcp`` client for MCP. Every answer equals ``engine.ask(q).to_dict()``; bad input is a one-line 4xx;
the login guards both; hostile article metadata stays data."""

from __future__ import annotations

import asyncio
import base64
import json
import shutil
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from bench.processes import free_port
from qa import Engine, StoreError, Turn
from tests.conftest import SEEDS
from tests.fakes import HashedBagOfWords

AUTH = ("reader", "s3cret word")
QUESTIONS = ["Where did Assad go?", "Who declared Damascus free of Bashar al-Assad?", "How long did Assad rule?",
             "What is the capital of France?"]
HOSTILE_TITLE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The app with MCP and a login over a real engine (real store, hashed embedding) on the seeds plus an article
    whose front matter title is a script and whose sidecar row gives a javascript: address."""
    from ui import build_app, launch

    folder = tmp_path_factory.mktemp("articles")
    shutil.copytree(SEEDS, folder, dirs_exist_ok=True)
    (folder / "hostile.md").write_text(
        f"---\ntitle: '{HOSTILE_TITLE}'\nsource: Evil Wire\n---\n"
        "The quokka festival in Zebraton drew 40,000 visitors on Saturday, organisers said.\n", encoding="utf-8")
    with open(folder / "metadata.jsonl", "a", encoding="utf-8") as sidecar:
        sidecar.write(json.dumps({"file": "hostile.md", "url": "javascript:window.__pwned=1"}) + "\n")
    engine = Engine.from_paths([folder], store=tmp_path_factory.mktemp("store") / "s",
                               embed_model=HashedBagOfWords(), show_progress=False)
    app = build_app(engine, upload_dir=folder / "uploads", max_upload_mb=1, mcp=True)
    url = launch(app, port=free_port(), auth=AUTH, max_upload_mb=1, block=False).rstrip("/")
    try:
        yield engine, url
    finally:
        app.close()
        engine.close()


def api(url: str) -> httpx.Client:
    return httpx.Client(base_url=url, auth=AUTH, timeout=60)


def mcp_session(url: str, action, *, auth: tuple[str, str] | None = AUTH):
    """Run ``action(session)`` in an MCP client session with the server at ``url``."""
    from mcp import ClientSession
    from mcp.client.streamable_http import streamablehttp_client

    headers = {"Authorization": "Basic " + base64.b64encode(":".join(auth).encode()).decode()} if auth else {}

    async def run():
        async with streamablehttp_client(f"{url}/gradio_api/mcp/", headers=headers) as (read, write, _):
            async with ClientSession(read, write) as session:
                await session.initialize()
                return await action(session)

    with ThreadPoolExecutor(1) as thread:  # its own thread: Playwright's sync API keeps a loop running in this one
        return thread.submit(asyncio.run, run()).result()


# --- HTTP ------------------------------------------------------------------------------------------------------

def test_post_ask_is_the_engine_answer_for_every_question(served):
    engine, url = served
    with api(url) as client:
        for question in QUESTIONS:
            reply = client.post("/api/ask", json={"question": question})
            assert reply.status_code == 200 and reply.headers["content-type"] == "application/json"
            assert reply.json() == engine.ask(question).to_dict()
        history = [{"question": QUESTIONS[1], "answer": engine.ask(QUESTIONS[1]).answer}]
        follow_up = client.post("/api/ask", json={"question": "What did he declare?", "history": history})
        assert follow_up.json() == engine.ask("What did he declare?", [Turn(**history[0])]).to_dict()
        whole = client.post("/api/ask", json={"question": "What did he declare?",
                                               "history": [engine.ask(QUESTIONS[1]).to_dict()]})
        assert whole.json() == follow_up.json()  # an earlier answer's whole JSON is a turn


def test_get_articles_and_conflicts_are_the_cli_json(served):
    engine, url = served
    with api(url) as client:
        assert client.get("/api/articles").json() == [a.to_dict() for a in engine.articles()]
        assert client.get("/api/conflicts").json() == [d.to_dict() for d in engine.conflicts()]


@pytest.mark.parametrize("body, status, message", [
    ('{"question": 5}', 400, "question must be a string"),
    ("{}", 400, "question is missing"),
    ("not json", 400, "the body is not valid JSON"),
    ('["Where?"]', 400, "the body must be a JSON object"),
    ('{"question": "Where?", "extra": 1}', 400, "unknown field extra"),
    ('{"question": "   "}', 400, "the question is empty"),
    ('{"question": "Where?", "history": "Who?"}', 400, "history must be a list of earlier turns"),
    ('{"question": "Where?", "history": [{"answer": "x"}]}', 400, "history item 0 must be a question or a"),
    ('{"question": "' + "why " * 600 + '"}', 400, "keep it under 2,000"),
    ('{"question": "' + "x" * 1_100_000 + '"}', 413, "the request body is over 1024 KB"),
])
def test_bad_input_is_a_4xx_with_one_line_and_no_trace(served, body, status, message):
    _, url = served
    with api(url) as client:
        reply = client.post("/api/ask", content=body, headers={"content-type": "application/json"})
    assert reply.status_code == status
    error = reply.json()["error"]
    assert message in error and "\n" not in error and "Traceback" not in reply.text


def test_wrong_routes_and_methods_say_where_the_docs_are(served):
    _, url = served
    with api(url) as client:
        assert client.get("/api/ask").json() == {"error": "GET is not allowed on /api/ask: see /api/docs"}
        assert client.get("/api/nothing").status_code == 404
        schema = client.get("/api/openapi.json").json()
        assert set(schema["paths"]) == {"/ask", "/articles", "/conflicts"}
        assert "question" in schema["components"]["schemas"]["AskRequest"]["properties"]
        docs = client.get("/api/docs")
        assert docs.status_code == 200 and "openapi.json" in docs.text


def test_store_failures_and_bugs_are_one_line_too(served, monkeypatch):
    engine, url = served

    def unreachable(*args, **kwargs):
        raise StoreError("no Chroma server answers at http://127.0.0.1:9: start it with `chroma run`")

    def broken(*args, **kwargs):
        raise KeyError("internal detail")

    with api(url) as client:
        monkeypatch.setattr(engine, "ask", unreachable)
        reply = client.post("/api/ask", json={"question": "Where?"})
        assert reply.status_code == 503 and reply.json()["error"].startswith("no Chroma server answers")
        monkeypatch.setattr(engine, "ask", broken)
        reply = client.post("/api/ask", json={"question": "Where?"})
        assert reply.status_code == 500 and "internal detail" not in reply.text and "Traceback" not in reply.text
        assert reply.json() == {"error": "something went wrong on the server (its log has the details)"}


def test_the_login_guards_the_api_and_mcp_and_the_browser_session_counts(served):
    _, url = served
    for path in ("/api/ask", "/api/articles", "/api/conflicts", "/api/docs", "/api/openapi.json",
                 "/gradio_api/mcp/", "/gradio_api/mcp/schema"):
        for auth in (None, (AUTH[0], "wrong"), ("", "")):
            reply = httpx.request("POST" if path == "/api/ask" else "GET", url + path, auth=auth,
                                  json={"question": "Where did Assad go?"})
            assert reply.status_code == 401, (path, auth)
            assert reply.headers["www-authenticate"] == 'Basic realm="Sourcewise"'
            assert "needs a login" in reply.json()["error"]
    with httpx.Client(base_url=url) as browser:
        assert browser.post("/login", data={"username": AUTH[0], "password": AUTH[1]}).status_code == 200
        assert browser.get("/api/articles").status_code == 200
    with pytest.raises(Exception):
        mcp_session(url, lambda session: session.list_tools(), auth=None)


# --- MCP -------------------------------------------------------------------------------------------------------

def test_mcp_tools_are_ask_conflicts_and_articles_with_the_cli_json(served):
    engine, url = served

    async def use(session):
        tools = {tool.name: tool for tool in (await session.list_tools()).tools}
        answers = [await session.call_tool("ask", {"question": q}) for q in QUESTIONS]
        follow_up = await session.call_tool("ask", {"question": "What did he declare?", "history": [
            {"question": QUESTIONS[1], "answer": engine.ask(QUESTIONS[1]).answer}]})
        listed = await session.call_tool("articles", {})
        conflicts = await session.call_tool("conflicts", {})
        refused = await session.call_tool("ask", {"question": "  "})
        return tools, answers, follow_up, listed, conflicts, refused

    tools, answers, follow_up, listed, conflicts, refused = mcp_session(url, use)
    assert set(tools) == {"ask", "conflicts", "articles"}
    assert tools["ask"].inputSchema["required"] == ["question"]
    for question, result in zip(QUESTIONS, answers):
        assert not result.isError
        assert json.loads(result.content[0].text) == engine.ask(question).to_dict()
    assert json.loads(follow_up.content[0].text) == engine.ask(
        "What did he declare?", [Turn(QUESTIONS[1], engine.ask(QUESTIONS[1]).answer)]).to_dict()
    assert json.loads(listed.content[0].text) == [a.to_dict() for a in engine.articles()]
    assert json.loads(conflicts.content[0].text) == [d.to_dict() for d in engine.conflicts()]
    assert refused.isError and refused.content[0].text.startswith("the question is empty")


# --- Hostile metadata ------------------------------------------------------------------------------------------

def test_hostile_front_matter_and_sidecar_stay_data_on_every_new_surface(served):
    engine, url = served
    [hostile] = [a for a in engine.articles() if a.doc_id == "hostile"]
    assert (hostile.title, hostile.source, hostile.url) == (HOSTILE_TITLE, "Evil Wire", None)
    question = "How many visitors did the quokka festival in Zebraton draw?"
    answer = engine.ask(question)
    assert any(c.doc_id == "hostile" and c.title == HOSTILE_TITLE for c in answer.citations)
    with api(url) as client:
        reply = client.post("/api/ask", json={"question": question})
        assert reply.headers["content-type"] == "application/json"
        assert reply.headers["x-content-type-options"] == "nosniff"
        assert reply.json() == answer.to_dict()
        assert "javascript:" not in client.get("/api/articles").text
    notebook = answer._repr_markdown_()
    assert HOSTILE_TITLE not in notebook and "<script>" not in notebook and "javascript:" not in notebook


@pytest.mark.browser
def test_hostile_metadata_is_shown_as_text_in_the_browser(served, page):
    from playwright.sync_api import expect

    _, url = served
    page.goto(url)
    page.fill("input[type=text]", AUTH[0])
    page.fill("input[type=password]", AUTH[1])
    page.keyboard.press("Enter")
    page.get_by_role("tab", name="Library").click()
    expect(page.locator("#sw-library")).to_contain_text(HOSTILE_TITLE)
    page.get_by_role("tab", name="Ask").click()
    page.fill("#sw-question textarea", "How many visitors did the quokka festival in Zebraton draw?")
    page.click("#sw-ask")
    expect(page.locator("#sw-sources")).to_contain_text("Evil Wire", timeout=30_000)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#sw-sources a[href^='javascript']").count() == 0


# --- sourcewise serve --mcp, the real command with the real model ------------------------------------------------

@pytest.mark.slow
def test_sourcewise_serve_mcp_answers_as_the_engine_does(tmp_path, bundled_embed):
    import os
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT

    store = tmp_path / "store"
    engine = Engine.from_paths([SEEDS], store=store, embed_model=bundled_embed, show_progress=False)
    expected = {q: engine.ask(q).to_dict() for q in QUESTIONS}
    engine.close()
    port = free_port()
    env = {**os.environ, "SOURCEWISE_AUTH": ":".join(AUTH)}
    server = subprocess.Popen([sys.executable, "-m", "ui.cli", "serve", "--mcp", "--store", str(store),
                               "--port", str(port)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            assert server.poll() is None, server.stdout.read()
            try:
                if httpx.get(url + "/api/articles", auth=AUTH, timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.5)

        async def ask_all(session):
            return [json.loads((await session.call_tool("ask", {"question": q})).content[0].text) for q in QUESTIONS]

        assert mcp_session(url, ask_all) == list(expected.values())
        with api(url) as client:
            assert [client.post("/api/ask", json={"question": q}).json() for q in QUESTIONS] == list(expected.values())
        assert httpx.get(url + "/api/articles", timeout=5).status_code == 401
    finally:
        server.terminate()
        server.wait(timeout=30)

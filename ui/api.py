"""Sourcewise for other programs: a plain JSON HTTP API under ``/api`` and the tools served over MCP.

Both give the JSON the command line prints: ``Answer.to_dict()`` for a question, ``ArticleInfo.to_dict()`` for each
article, ``Disagreement.to_dict()`` for each disagreement. Bad input is a 4xx with ``{"error": "<one line>"}``,
never a stack trace. ``ApiGuard`` puts the browser app's login in front of both (HTTP Basic, or the browser's
session). FastAPI and pydantic only: no Gradio here.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import logging
from collections.abc import Sequence
from http.cookies import CookieError, SimpleCookie
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from qa import Answer, ArticleInfo, Disagreement, InputError, SourcewiseError, StoreError, Turn

if TYPE_CHECKING:
    from qa import EngineLike

log = logging.getLogger(__name__)

__all__ = ["API_PREFIX", "MAX_BODY_BYTES", "MCP_PREFIX", "ApiGuard", "build_api", "mcp_tools"]

API_PREFIX = "/api"
MCP_PREFIX = "/gradio_api/mcp"
MAX_BODY_BYTES = 1024 * 1024
_SHAPE = 'send {"question": "...", "history": []}'


class HistoryTurn(BaseModel):
    """An earlier exchange: its question and the text of its answer (an earlier answer's whole JSON will do)."""

    model_config = ConfigDict(extra="ignore")
    question: str
    answer: str = ""


class AskRequest(BaseModel):
    """A question, with the conversation so far for follow-ups such as "Where did he go?"."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"question": "Where did Assad go?", "history": []}]})
    question: str = Field(description="The question, e.g. \"Where did Assad go?\"")
    history: list[HistoryTurn | str] = Field(
        default_factory=list, description="Earlier turns, oldest first: {question, answer} objects, or questions.")


class ErrorReply(BaseModel):
    error: str = Field(description="What was wrong, in one line, and what to do.")


def history_turns(history: Sequence[Any] | None) -> list[Turn | str]:
    """The turns of a JSON history (objects with ``question`` and ``answer``, or bare questions) for ``Engine.ask``."""
    if history is None:
        return []
    if isinstance(history, (str, bytes, dict)) or not isinstance(history, Sequence):
        raise InputError('history must be a list of earlier turns, e.g. [{"question": "...", "answer": "..."}]')
    turns: list[Turn | str] = []
    for position, item in enumerate(history):
        if isinstance(item, HistoryTurn):
            item = item.model_dump()
        if isinstance(item, str):
            turns.append(item)
        elif isinstance(item, dict) and isinstance(item.get("question"), str) \
                and isinstance(item.get("answer", ""), str):
            turns.append(Turn(item["question"], item.get("answer", "")))
        else:
            raise InputError(f"history item {position} is not a question or a {{question, answer}} object")
    return turns


def _status(error: SourcewiseError) -> int:
    return 503 if isinstance(error, StoreError) else 400


def _error(status: int, message: str, **headers: str) -> JSONResponse:
    return JSONResponse({"error": " ".join(message.split())}, status_code=status, headers=headers or None)


def _validation_message(exc: RequestValidationError) -> str:
    """The first problem with a request body, in one line."""
    for problem in exc.errors():
        kind = problem.get("type", "")
        loc = [part for part in problem.get("loc", ()) if part != "body"]
        where = ".".join(str(part) for part in loc)
        if loc[:1] == ["history"]:
            if len(loc) == 1:
                return f"history must be a list of earlier turns, oldest first; {_SHAPE}"
            return f"history item {loc[1]} must be a question or a {{\"question\", \"answer\"}} object; {_SHAPE}"
        if kind == "json_invalid":
            return f"the body is not valid JSON ({problem.get('ctx', {}).get('error', 'parse error')}); {_SHAPE}"
        if not where or kind in ("model_attributes_type", "dict_type"):
            return f"the body must be a JSON object; {_SHAPE}"
        if kind == "missing":
            return f"{where} is missing; {_SHAPE}"
        if kind == "extra_forbidden":
            return f"unknown field {where}; {_SHAPE}"
        if kind == "string_type":
            return f"{where} must be a string; {_SHAPE}"
        return f"{where}: {problem.get('msg', 'not valid')}; {_SHAPE}"
    return f"the request is not valid; {_SHAPE}"


def build_api(engine: EngineLike) -> FastAPI:
    """The JSON API over ``engine``, to be mounted at ``/api``; its OpenAPI docs are ``/api/docs`` and
    ``/api/openapi.json``."""
    api = FastAPI(title="Sourcewise API", version="1",
                  description="Ask a collection of news articles; every answer cites exact quotes. "
                              "The JSON is what `sourcewise ask --json` prints.",
                  docs_url="/docs", redoc_url=None, openapi_url="/openapi.json")
    refused = {400: {"model": ErrorReply, "description": "Bad input"},
               401: {"model": ErrorReply, "description": "A login is needed (the server runs with --auth)"},
               503: {"model": ErrorReply, "description": "The article store cannot be reached"}}

    @api.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(400, _validation_message(exc))

    @api.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = {404: f"no such endpoint {request.url.path}: see {API_PREFIX}/docs",
                   405: f"{request.method} is not allowed on {request.url.path}: see {API_PREFIX}/docs"}
        return _error(exc.status_code, message.get(exc.status_code, str(exc.detail)))

    @api.exception_handler(SourcewiseError)
    async def refused_input(request: Request, exc: SourcewiseError) -> JSONResponse:
        return _error(_status(exc), str(exc))

    @api.exception_handler(Exception)
    async def failed(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path)
        return _error(500, "something went wrong on the server (its log has the details)")

    @api.post("/ask", response_model=Answer, responses=refused, summary="Answer a question")
    def ask(body: AskRequest) -> JSONResponse:
        """The answer JSON, as `Answer.to_dict()`: text with `[n]` markers, citations with exact character spans
        into the article files, and any disagreement between sources."""
        return JSONResponse(engine.ask(body.question, history_turns(body.history)).to_dict())

    @api.get("/articles", response_model=list[ArticleInfo], responses=refused, summary="List the articles")
    def articles() -> JSONResponse:
        """Every indexed article with its title, outlet, publication date, address and chunk count."""
        return JSONResponse([article.to_dict() for article in engine.articles()])

    @api.get("/conflicts", response_model=list[Disagreement], responses=refused,
             summary="List every disagreement between sources")
    def conflicts() -> JSONResponse:
        """Each point on which the articles state conflicting values, with each side's quote and source."""
        return JSONResponse([d.to_dict() for d in engine.conflicts()])

    return api


def mcp_tools(engine: EngineLike) -> list:
    """The MCP tools ``ask``, ``conflicts`` and ``articles``. Each returns the command line's JSON as text: an MCP
    tool result is text, and Gradio would write a dict as a Python repr, not as JSON."""

    def ask(question: str, history: list | None = None) -> str:
        """Answer a question from the indexed news articles. Every sentence of the answer cites an article with
        an [n] marker, and every citation quotes the article exactly with its character span; when sources disagree
        the answer says so and lists each side with its outlet and date.

        Args:
            question: the question, e.g. "Where did Assad go?"
            history: earlier turns, oldest first, as {"question", "answer"} objects; leave it out to start afresh.

        Returns:
            The answer as JSON text: question, answer, answered, citations, disagreements, answerer, notice.
        """
        return _tool_result(lambda: engine.ask(question, history_turns(history)).to_dict())

    def conflicts() -> str:
        """Every disagreement between sources in the collection: each point on which articles state conflicting
        values, with each side's value, quote, outlet and date.

        Returns:
            A JSON list of disagreements: topic, kind, summary, claims.
        """
        return _tool_result(lambda: [d.to_dict() for d in engine.conflicts()])

    def articles() -> str:
        """The indexed news articles, with title, outlet, publication date, address and size.

        Returns:
            A JSON list of articles: doc_id, title, source, published, url, author, path, chunks, sentences.
        """
        return _tool_result(lambda: [a.to_dict() for a in engine.articles()])

    return [ask, conflicts, articles]


def _tool_result(produce) -> str:
    """The JSON text of what ``produce`` returns. A ``SourcewiseError`` is the tool's error as it is (one line
    saying what to do); anything else is logged here and reported without its details."""
    try:
        return json.dumps(produce(), ensure_ascii=False)
    except SourcewiseError:
        raise
    except Exception:
        log.exception("an MCP tool failed")
        raise RuntimeError("something went wrong on the server (its log has the details)") from None


class ApiGuard:
    """ASGI middleware: with a login set, ``/api`` and MCP answer only requests carrying it, as HTTP Basic
    credentials or as the browser app's session cookie; bodies sent to ``/api`` are capped at ``MAX_BODY_BYTES``,
    and its JSON is marked never to be sniffed as a page."""

    def __init__(self, app, *, auth: tuple[str, str] | None, max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.auth = auth
        self.max_body = max_body

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        guarded = _under(path, API_PREFIX) or _under(path, MCP_PREFIX)
        if guarded and self.auth is not None and not self._authorized(scope):
            response = _error(401, "this server needs a login: send HTTP Basic credentials, e.g. "
                                   "curl -u USER:PASSWORD", **{"WWW-Authenticate": 'Basic realm="Sourcewise"'})
            await response(scope, receive, send)
            return
        if _under(path, API_PREFIX) and scope.get("method") in ("POST", "PUT", "PATCH"):
            body = await _read_body(receive, self.max_body)
            if body is None:
                await _error(413, f"the request body is over {self.max_body // 1024} KB")(scope, receive, send)
                return
            receive = _replay(body, receive)
        if _under(path, API_PREFIX):
            send = _no_sniffing(send)
        await self.app(scope, receive, send)

    def _authorized(self, scope) -> bool:
        headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope.get("headers", ())}
        scheme, _, credentials = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "basic":
            try:
                user, sep, password = base64.b64decode(credentials.strip(), validate=True).decode("utf-8").partition(":")
            except (binascii.Error, ValueError):
                return False
            return bool(sep) and _same(user, self.auth[0]) & _same(password, self.auth[1])
        gradio = scope.get("app")
        tokens, cookie_id = getattr(gradio, "tokens", None), getattr(gradio, "cookie_id", None)
        if not tokens or cookie_id is None or "cookie" not in headers:
            return False
        try:
            cookies = SimpleCookie(headers["cookie"])
        except CookieError:
            return False
        for name in (f"access-token-{cookie_id}", f"access-token-unsecure-{cookie_id}"):
            if name in cookies and cookies[name].value in tokens:
                return True
        return False


def _no_sniffing(send):
    async def sending(message):
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), (b"x-content-type-options", b"nosniff")]}
        await send(message)

    return sending


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + "/")


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


async def _read_body(receive, limit: int) -> bytes | None:
    """The whole request body, or None once it grows past ``limit``."""
    chunks, size, more = [], 0, True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        more = message.get("more_body", False)
    return b"".join(chunks)


def _replay(body: bytes, receive):
    """A receive channel that gives the body already read, then whatever the client does next."""
    sent = False

    async def replayed():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed

"""A scripted OpenAI-compatible chat server on loopback, for testing the generative answerer over real HTTP.

It answers POST /v1/chat/completions with the replies a test scripts, as one JSON body or, when the request asks
for ``stream: true``, as server-sent events ending in ``data: [DONE]``; it records every request, and a reply can
be delayed (for timeouts) or be an HTTP error.

    with ScriptedLLMServer() as server:
        server.script("Assad arrived in Moscow [1].", Reply(status=500))
        llm = build_llm(LLMConfig(url=server.url, model="scripted"))
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Reply:
    """One scripted answer: its text, an HTTP status (an error body unless 200), a delay before answering, and
    how many pieces to stream it in (default: one per word)."""

    text: str = ""
    status: int = 200
    delay: float = 0.0
    pieces: int | None = None


class ScriptedLLMServer:
    """A real ``ThreadingHTTPServer`` on 127.0.0.1 and a free port, serving scripted replies in order; once the
    script is used up it repeats the last reply (an empty one if nothing was scripted)."""

    model = "scripted-model"

    def __init__(self):
        self.requests: list[dict] = []
        self._replies: deque[Reply] = deque()
        self._last = Reply()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="scripted-llm", daemon=True)

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> "ScriptedLLMServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()          # wakes any delayed reply so it ends at once
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> "ScriptedLLMServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    # -- script and record -----------------------------------------------------------------
    def script(self, *replies: Reply | str) -> None:
        with self._lock:
            for reply in replies:
                self._replies.append(Reply(text=reply) if isinstance(reply, str) else reply)

    def _next_reply(self) -> Reply:
        with self._lock:
            if self._replies:
                self._last = self._replies.popleft()
            return self._last

    @property
    def prompts(self) -> list[list[dict]]:
        """The messages of every request received, oldest first."""
        return [request.get("messages", []) for request in self.requests]

    # -- HTTP ------------------------------------------------------------------------------
    def _handler_class(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def do_POST(self):
                if self.path.rstrip("/") != "/v1/chat/completions":
                    self._send_json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
                    return
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                with server._lock:
                    server.requests.append(body)
                reply = server._next_reply()
                if reply.delay and server._stopping.wait(reply.delay):
                    return
                try:
                    self._answer(reply, body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a timeout test): nothing left to do

            def _answer(self, reply: Reply, body: dict) -> None:
                if reply.status != 200:
                    self._send_json(reply.status, {"error": {"message": "scripted failure", "type": "server_error"}})
                elif body.get("stream"):
                    self._send_stream(reply, body.get("model", server.model))
                else:
                    self._send_json(200, _completion(reply.text, body.get("model", server.model)))

            def _send_json(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _send_stream(self, reply: Reply, model: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.send_header("Connection", "close")
                self.end_headers()
                for piece in _pieces(reply.text, reply.pieces):
                    self._event(_chunk(model, {"role": "assistant", "content": piece}, None))
                self._event(_chunk(model, {}, "stop"))
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

            def _event(self, payload: dict) -> None:
                self.wfile.write(f"data: {json.dumps(payload)}\n\n".encode())
                self.wfile.flush()

        return Handler


def _pieces(text: str, count: int | None) -> list[str]:
    if not text:
        return []
    if count is None:
        words = text.split(" ")
        return [w + (" " if i < len(words) - 1 else "") for i, w in enumerate(words)]
    size = max(1, -(-len(text) // count))
    return [text[i:i + size] for i in range(0, len(text), size)]


def _completion(text: str, model: str) -> dict:
    return {"id": "chatcmpl-scripted", "object": "chat.completion", "created": int(time.time()), "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}}


def _chunk(model: str, delta: dict, finish_reason: str | None) -> dict:
    return {"id": "chatcmpl-scripted", "object": "chat.completion.chunk", "created": int(time.time()), "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}]}

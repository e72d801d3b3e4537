"""The Gradio app over qa's Engine: a chat with cited answers and a sources panel, the article library, the JSON
API under ``/api`` and, with ``mcp=True``, the MCP tools ask, conflicts and articles."""

from __future__ import annotations

import ipaddress
import logging
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from qa import Answer, SourcewiseError, Turn
from ui import render
from ui.api import API_PREFIX, ApiGuard, build_api, mcp_tools
from ui.render import ShownTurn
from ui.uploads import MB, SUPPORTED_SUFFIXES, owned_upload, store_uploads

if TYPE_CHECKING:
    from qa import Citation, EngineLike, Passage

log = logging.getLogger(__name__)

EXAMPLE_QUESTIONS = (
    "How long did Bashar al-Assad rule Syria?",
    "On what date did Damascus fall to the rebels?",
    "Where did Assad go?",
    "Who leads HTS?",
)
SERVER_FAILURE = "Could not answer that: something went wrong on the server (its log has the details)."
STREAM_WORDS = 3  # words added per streamed update
STREAM_DELAY = 0.025  # seconds between streamed updates: enough to read as typing, short enough not to hold the queue

THEME = gr.themes.Default(
    primary_hue="indigo",
    font=["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
    font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"],
)
CSS = (Path(__file__).with_name("style.css")).read_text(encoding="utf-8")


def build_app(engine: EngineLike, *, upload_dir: Path, max_upload_mb: int = 10, mcp: bool = False) -> gr.Blocks:
    """The Sourcewise app over ``engine`` (pure construction: nothing is read or written until a page loads).

    Uploads are copied into ``upload_dir`` under sanitised names and indexed from there. With ``mcp``, the tools
    ask, conflicts and articles are added for Gradio's MCP server. Launch it with :func:`launch` (or
    :func:`serve`), which applies the theme and styles and serves the JSON API beside it.
    """
    if max_upload_mb <= 0:
        raise ValueError(f"max_upload_mb must be > 0, got {max_upload_mb}")
    upload_dir = Path(upload_dir)
    max_bytes = max_upload_mb * MB
    handlers = Handlers(engine, upload_dir=upload_dir, max_bytes=max_bytes)

    with gr.Blocks(title="Sourcewise", analytics_enabled=False) as app:
        header = gr.HTML(render.header_html(answerer=engine.answerer, articles=0), elem_id="sw-header",
                         js_on_load=None)
        turns = gr.State([])
        export_dir = gr.State(None)
        with gr.Tabs():
            with gr.Tab("Ask", id="ask"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=360):
                        conversation = gr.HTML(render.conversation_html([]), elem_id="sw-conversation",
                                               autoscroll=True, max_height=620, js_on_load=None)
                        with gr.Column(elem_id="sw-examples") as examples:
                            gr.HTML('<div class="sw-examples-label">Try one of these:</div>', js_on_load=None)
                            with gr.Row(elem_classes="sw-example-row"):
                                example_buttons = [gr.Button(q, size="sm", elem_classes="sw-example")
                                                   for q in EXAMPLE_QUESTIONS]
                        with gr.Row(equal_height=True):
                            question = gr.Textbox(show_label=False, placeholder="Ask about the articles…",
                                                  lines=1, max_lines=4, scale=6, elem_id="sw-question",
                                                  autofocus=True)
                            ask_button = gr.Button("Ask", variant="primary", scale=1, min_width=80,
                                                   elem_id="sw-ask")
                        with gr.Row():
                            clear_button = gr.Button("New conversation", size="sm", elem_id="sw-clear")
                            download = gr.DownloadButton("Download as Markdown", size="sm", interactive=False,
                                                         elem_id="sw-download")
                        with gr.Accordion("Conversation as Markdown (copy)", open=False, elem_id="sw-markdown"):
                            markdown = gr.Code("", language="markdown", interactive=False, show_label=False,
                                               wrap_lines=True, elem_id="sw-markdown-code")
                    with gr.Column(scale=2, min_width=300):
                        gr.HTML('<div class="sw-panel-title">Sources</div>', js_on_load=None)
                        sources = gr.HTML(render.sources_html([]), elem_id="sw-sources", max_height=760,
                                          js_on_load=None)
            with gr.Tab("Library", id="library") as library_tab:
                library = gr.HTML(render.library_html([]), elem_id="sw-library", js_on_load=None)
                with gr.Row(equal_height=False):
                    with gr.Column():
                        files = gr.File(
                            label=f"Add articles ({', '.join(SUPPORTED_SUFFIXES)}; up to {max_upload_mb} MB each)",
                            file_count="multiple", type="filepath", elem_id="sw-files")
                        add_button = gr.Button("Add to library", variant="primary", elem_id="sw-add")
                    with gr.Column():
                        article = gr.Dropdown(label="Remove an article", choices=[], value=None,
                                              interactive=True, elem_id="sw-remove-choice")
                        remove_button = gr.Button("Remove from library", variant="stop", elem_id="sw-remove")
                library_status = gr.HTML("", elem_id="sw-library-status", js_on_load=None)

        chat_outputs = [conversation, sources, turns, question, examples, markdown, download, export_dir]
        ask_events = [dict(triggers=[question.submit, ask_button.click], inputs=[question, turns, export_dir])]
        ask_events += [dict(triggers=[button.click], inputs=[button, turns, export_dir]) for button in example_buttons]
        for event in ask_events:
            gr.on(event["triggers"], handlers.respond, inputs=event["inputs"], outputs=chat_outputs,
                  api_visibility="private", show_progress="hidden")
        clear_button.click(handlers.clear, outputs=chat_outputs, api_visibility="private")

        library_outputs = [library, article, header]
        app.load(handlers.library_view, outputs=library_outputs, api_visibility="private")
        library_tab.select(handlers.library_view, outputs=library_outputs, api_visibility="private")
        add_button.click(handlers.add_files, inputs=files, outputs=[library_status, files],
                         show_progress_on=library_status, api_visibility="private").then(
            handlers.library_view, outputs=library_outputs, api_visibility="private")
        remove_button.click(handlers.remove_article, inputs=article, outputs=library_status,
                            api_visibility="private").then(
            handlers.library_view, outputs=library_outputs, api_visibility="private")

        if mcp:
            for tool in mcp_tools(engine):  # named ask, conflicts, articles: Gradio names a tool by its function
                gr.api(tool, api_name=f"mcp_{tool.__name__}", queue=False)
        gr.api(_not_an_mcp_tool(handlers.ask) if mcp else handlers.ask, api_name="ask")
    app.sourcewise_mcp = mcp
    app.sourcewise_api = build_api(engine)
    return app


def _not_an_mcp_tool(method):
    """``method`` as a function Gradio's MCP server leaves out of its tool list: /ask returns an object, which MCP
    would show as a Python repr; the ``ask`` tool gives the same answer as JSON text."""

    def ask(question: str) -> dict:
        return method(question)

    ask.__doc__ = method.__doc__
    ask._mcp_type = "gradio_api"  # gradio.mcp lists only functions without a type or of type "tool"
    return ask


_CHAT_OUTPUTS = ("conversation", "sources", "turns", "question", "examples", "markdown", "download", "export_dir")


def _chat(**changes: Any) -> tuple:
    """An update of the chat outputs (in ``_CHAT_OUTPUTS`` order); outputs not named stay as they are."""
    return tuple(changes.pop(name) if name in changes else gr.skip() for name in _CHAT_OUTPUTS)


class Handlers:
    """The app's event handlers, over one engine and one upload folder."""

    def __init__(self, engine: EngineLike, *, upload_dir: Path, max_bytes: int):
        self.engine = engine
        self.upload_dir = upload_dir
        self.max_bytes = max_bytes
        self._exports: tempfile.TemporaryDirectory | None = None  # removed when the app goes away

    def _export_folder(self) -> str:
        """A new folder for one session's Markdown export, inside this app's temporary folder."""
        if self._exports is None:
            self._exports = tempfile.TemporaryDirectory(prefix="sourcewise-exports-")
        return tempfile.mkdtemp(dir=self._exports.name)

    # --- API ---------------------------------------------------------------------------------------

    def ask(self, question: str) -> dict:
        """Answer a question from the indexed articles; returns the Answer as JSON (its to_dict())."""
        try:
            return self.engine.ask(question).to_dict()
        except SourcewiseError as error:
            raise gr.Error(str(error), print_exception=False) from None
        except Exception:  # the API boundary: a one-line error for the caller, the details in the server log
            log.exception("answering %r over the API failed", question)
            raise gr.Error(SERVER_FAILURE, print_exception=False) from None

    # --- Chat --------------------------------------------------------------------------------------

    def respond(self, question: str, turns: list[ShownTurn], export_dir: str | None) -> Iterator[tuple]:
        """Stream the answer to ``question`` into the chat, then show its sources and update the export."""
        question = (question or "").strip()
        turns = list(turns or [])
        if question:
            yield _chat(conversation=render.conversation_html(turns, pending=question), question="",
                        examples=gr.update(visible=False))
        answer, drafted = None, ""
        try:
            for item in self.engine.ask_stream(question, [Turn(turn.question, turn.answer.answer) for turn in turns]):
                if isinstance(item, str):  # a language model writing: show its words as they come
                    drafted += item
                    draft = Answer(question=question, answer=drafted, answered=True)
                    yield _chat(conversation=render.conversation_html(turns, pending=question, partial=(draft, drafted)))
                else:
                    answer = item
        except Exception as error:  # the UI boundary: every failure becomes a message and changes nothing
            if isinstance(error, SourcewiseError):
                gr.Warning(render.escape(str(error)))  # toasts render HTML
            else:
                log.exception("answering %r failed", question)
                gr.Warning(SERVER_FAILURE)
            yield _chat(conversation=render.conversation_html(turns), question=question,
                        examples=gr.update(visible=not turns))
            return
        if not drafted:
            for shown in render.stream_prefixes(render.answer_body(answer), words_per_step=STREAM_WORDS):
                yield _chat(conversation=render.conversation_html(turns, pending=question, partial=(answer, shown)))
                time.sleep(STREAM_DELAY)
        turns.append(ShownTurn(question, answer, tuple(self._passage(c) for c in answer.citations)))
        text = render.conversation_markdown(turns, answerer=self.engine.answerer)
        export_dir = export_dir if export_dir and Path(export_dir).is_dir() else self._export_folder()
        export = Path(export_dir) / "sourcewise-conversation.md"
        export.write_text(text, encoding="utf-8")
        yield _chat(conversation=render.conversation_html(turns), sources=render.sources_html(turns), turns=turns,
                    markdown=text, download=gr.update(value=str(export), interactive=True), export_dir=export_dir)

    def _passage(self, citation: Citation) -> Passage | None:
        try:
            return self.engine.context(citation)
        except Exception as error:  # the article may have been removed since: show the sentence alone
            log.warning("no context for citation [%s] of %s: %r", citation.n, citation.doc_id, error)
            return None

    def clear(self) -> tuple:
        return _chat(conversation=render.conversation_html([]), sources=render.sources_html([]), turns=[],
                     question="", examples=gr.update(visible=True), markdown="",
                     download=gr.update(value=None, interactive=False), export_dir=None)

    # --- Library -----------------------------------------------------------------------------------

    def library_view(self) -> tuple:
        articles = sorted(self.engine.articles(), key=lambda a: render.article_label(a).casefold())
        choices = [(render.article_label(a), a.doc_id) for a in articles]
        return (render.library_html(articles), gr.update(choices=choices, value=None),
                render.header_html(answerer=self.engine.answerer, articles=len(articles)))

    def add_files(self, paths: Sequence[str] | None, progress: gr.Progress = gr.Progress()) -> tuple[str, Any]:
        if not paths:
            return render.status_html("Choose one or more files to add first.", kind="warn"), gr.update()
        stored = store_uploads([(Path(p).name, Path(p)) for p in paths], self.upload_dir, max_bytes=self.max_bytes)
        details = [f"{name}: {reason}" for name, reason in stored.refused]
        if not stored.saved:
            return render.status_html("Nothing was added.", kind="error", details=details), None
        progress((0, len(stored.saved)), desc="Indexing")
        try:
            report = self.engine.ingest(
                list(stored.saved), progress=lambda done, total, label: progress((done, total), desc=label))
        except SourcewiseError as error:
            return render.status_html(str(error), kind="error", details=details), None
        for path, reason in report.failed:
            details.append(f"{Path(path).name}: {reason}")
            copy = owned_upload(path, self.upload_dir)
            if copy:
                copy.unlink()
        details += [f"{Path(path).name}: {reason}" for path, reason in report.warnings]
        kind = "ok" if not details else ("warn" if len(report.failed) < len(stored.saved) else "error")
        return render.status_html(report.summary(), kind=kind, details=details), None

    def remove_article(self, doc_id: str | None) -> str:
        if not doc_id:
            return render.status_html("Choose an article to remove first.", kind="warn")
        article = next((a for a in self.engine.articles() if a.doc_id == doc_id), None)
        if article is None or not self.engine.remove(doc_id):
            return render.status_html("That article is no longer in the library.", kind="warn")
        copy = owned_upload(article.path, self.upload_dir)
        if copy:
            copy.unlink()
        return render.status_html(f"Removed {render.article_label(article)}.", kind="ok")


def launch(app: gr.Blocks, *, host: str = "127.0.0.1", port: int = 7860, auth: tuple[str, str] | None = None,
           open_browser: bool = False, max_upload_mb: int = 10, block: bool = True) -> str:
    """Start ``app`` with Sourcewise's theme, styles and upload limit; returns its local address.

    With ``block=False`` the server runs in a background thread (tests) and this returns at once.
    """
    from starlette.middleware import Middleware
    from starlette.routing import Mount

    extra = {"middleware": [Middleware(ApiGuard, auth=auth)]}
    api = getattr(app, "sourcewise_api", None)
    if api is not None:
        extra["routes"] = [Mount(API_PREFIX, app=api)]
    _, url, _ = app.launch(
        server_name=host, server_port=port, auth=auth, inbrowser=open_browser, prevent_thread_lock=True,
        max_file_size=max_upload_mb * MB, quiet=True, show_error=False, ssr_mode=False, theme=THEME, css=CSS,
        footer_links=["api", "settings"], mcp_server=getattr(app, "sourcewise_mcp", False), app_kwargs=extra,
    )
    if getattr(app, "sourcewise_mcp", False) and not app.mcp_server:
        app.close()
        raise SourcewiseError(f"the MCP server could not start ({app.mcp_error}); "
                              "install it with `pip install 'gradio[mcp]'`")
    if block:
        listening = "" if is_loopback(host) else f", listening on {host}:{app.server_port}"
        try:  # from the first line printed on, Ctrl+C stops the server cleanly
            print(f"Sourcewise is running at {url}{listening} (press Ctrl+C to stop)", flush=True)
            print(f"JSON API: {url.rstrip('/')}{API_PREFIX}/ (docs at {url.rstrip('/')}{API_PREFIX}/docs)", flush=True)
            while app.is_running:
                time.sleep(0.2)
        except KeyboardInterrupt:
            print("Stopping Sourcewise.", flush=True)
        finally:
            app.close()
    return url


def serve(engine: EngineLike, *, host: str = "127.0.0.1", port: int = 7860, auth: tuple[str, str] | None = None,
          open_browser: bool = False, upload_dir: Path | None = None, max_upload_mb: int = 10,
          mcp: bool = False) -> None:
    """Serve the app over ``engine`` until interrupted, printing its address.

    Uploads go to ``upload_dir`` (default ``.sourcewise/uploads``: pass ``<store>/uploads``).
    Warns on stderr when the address is reachable from other machines and there is no ``auth``.
    """
    if not 1 <= port <= 65535:
        raise ValueError(f"port must be between 1 and 65535, got {port}")
    if auth is not None and (len(auth) != 2 or not auth[0] or not auth[1]):
        raise ValueError("auth must be (user, password), both non-empty")
    if auth is None and not is_loopback(host):
        print(f"Warning: serving on {host} without a password: anyone who can reach this address can read "
              "and change the library. Use --auth user:password.", file=sys.stderr, flush=True)
    app = build_app(engine, upload_dir=Path(upload_dir or Path(".sourcewise") / "uploads"),
                    max_upload_mb=max_upload_mb, mcp=mcp)
    launch(app, host=host, port=port, auth=auth, open_browser=open_browser, max_upload_mb=max_upload_mb)


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach: localhost, 127.x.x.x, ::1."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False

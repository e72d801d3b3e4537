"""The `sourcewise` command: the one place that wires store, model, engine and the browser chat together.

Nothing heavy is imported until a command runs: `sourcewise --help` loads neither the engine nor gradio.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from qa import SourcewiseError, Turn

DEFAULT_STORE = ".sourcewise"


def _store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", default=os.environ.get("SOURCEWISE_STORE", DEFAULT_STORE),
                        help="folder of the local index (default: %(default)s; env SOURCEWISE_STORE)")
    parser.add_argument("--chroma-url", default=os.environ.get("SOURCEWISE_CHROMA_URL"),
                        help="use the Chroma server at this URL instead of a local folder (env SOURCEWISE_CHROMA_URL)")


def _wait_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--wait", type=_seconds, default=None, metavar="SECONDS",
                        help="when another ingest is writing to the store, wait this long for it, then give up "
                             "(default: 300; 0 gives up at once)")


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more seconds, got {text}")
    return value


def _llm_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("language model (optional; default: the extractive answerer)")
    group.add_argument("--llm-url", help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1 (env SOURCEWISE_LLM_URL)")
    group.add_argument("--llm-model", help="model name at that endpoint (env SOURCEWISE_LLM_MODEL)")
    group.add_argument("--llm-key", help="API key, if the endpoint needs one (env SOURCEWISE_LLM_KEY)")
    group.add_argument("--llm-gguf", metavar="PATH",
                       help="a local GGUF model run in process (needs `pip install 'sourcewise[local]'`)")
    group.add_argument("--llm-timeout", type=float, metavar="SECONDS", help="give up on the model after this long")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sourcewise",
        description="Ask questions of a collection of news articles; every answer cites exact quotes.",
        epilog="Start with: sourcewise ingest seeds/ && sourcewise ask \"Where did Assad go?\"",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser(
        "ingest", help="index files and folders of articles (.txt .md .html .json .jsonl)",
        epilog="Exit status: 0 when every file was indexed; 1 when any could not be (each is named; the rest is "
               "indexed all the same) or on an error. --allow-failures exits 0 when some files failed.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to index")
    _store_options(p)
    p.add_argument("--prune", action="store_true", help="remove indexed articles whose files are gone")
    p.add_argument("--allow-failures", action="store_true",
                   help="exit 0 even when some files could not be indexed (they are still named)")
    p.add_argument("--rebuild", action="store_true", help="drop the index and build it again from PATH")
    _wait_option(p)
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    p = commands.add_parser(
        "ask", help="ask one question, or every question in a file",
        epilog="With --file, blank lines and lines starting with # are passed over; a line that is not a question "
               "is reported on stderr and skipped, and the exit code is 1 if any was.")
    p.add_argument("question", nargs="?", help="the question (or use --file)")
    p.add_argument("--file", metavar="PATH", help="ask each line of this file in turn ('-' reads standard input)")
    _store_options(p)
    _llm_options(p)
    output = p.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the answer JSON")
    output.add_argument("--jsonl", action="store_true",
                        help="print each answer's JSON on one line, as soon as it is ready")

    p = commands.add_parser("chat", help="ask questions at a prompt in the terminal (follow-ups understood)")
    _store_options(p)
    _llm_options(p)

    p = commands.add_parser("conflicts", help="list every disagreement between sources in the collection")
    _store_options(p)
    p.add_argument("--json", action="store_true", help="print JSON")

    p = commands.add_parser("articles", help="list the indexed articles, newest first")
    _store_options(p)
    p.add_argument("--json", action="store_true", help="print JSON")

    p = commands.add_parser("serve", help="start the browser chat")
    p.add_argument("paths", nargs="*", metavar="PATH", help="index these first (optional)")
    _store_options(p)
    p.add_argument("--host", default=os.environ.get("SOURCEWISE_HOST", "127.0.0.1"))
    p.add_argument("--port", type=int, default=int(os.environ.get("SOURCEWISE_PORT", "7860")))
    p.add_argument("--auth", default=os.environ.get("SOURCEWISE_AUTH"), metavar="USER:PASSWORD",
                   help="require this login, for the browser, the JSON API and MCP alike (env SOURCEWISE_AUTH)")
    p.add_argument("--mcp", action="store_true",
                   help="also serve the tools ask, conflicts and articles over MCP at /gradio_api/mcp/")
    _wait_option(p)
    _llm_options(p)

    p = commands.add_parser("eval", help="score answers against a gold file (JSON Lines)")
    p.add_argument("gold", metavar="GOLD.jsonl")
    _store_options(p)
    _llm_options(p)
    p.add_argument("--k", type=int, default=5, help="retrieval cut-off for hit rate and MRR (default: 5)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--min", action="append", default=[], metavar="METRIC=VALUE",
                   help="fail (exit 1) when METRIC is below VALUE, e.g. --min answer=0.9")
    p.add_argument("--max", action="append", default=[], metavar="METRIC=VALUE",
                   help="fail (exit 1) when METRIC is above VALUE, e.g. --max false_alarm=0.1")
    return parser


def _llm(args):
    """The language model the flags or environment name, or None for the extractive answerer."""
    if not hasattr(args, "llm_url"):
        return None
    from qa.llm import LLMConfig, build_llm

    config = LLMConfig.from_env(url=args.llm_url, model=args.llm_model, key=args.llm_key, gguf=args.llm_gguf,
                                timeout=args.llm_timeout)
    return build_llm(config) if config else None


def _open_engine(args, paths=()):
    from qa import Engine

    llm = _llm(args)
    wait = getattr(args, "wait", None)
    if paths:
        return Engine.from_paths(paths, store=args.store, chroma_url=args.chroma_url, llm=llm, wait=wait)
    return Engine.open(args.store, chroma_url=args.chroma_url, llm=llm, wait=wait)


def format_answer(answer) -> str:
    """Readable text: the answer, which report is the later one where sources disagree, then a numbered list of
    its sources with their exact quotes."""
    from qa.timeline import timeline_summary

    lines = [answer.answer]
    told = " ".join(answer.answer.split())
    for disagreement in answer.disagreements:
        timeline = timeline_summary(disagreement)
        if timeline and timeline not in told:
            lines += ["", timeline]
    if answer.citations:
        lines += ["", "Sources:"]
        for c in answer.citations:
            where = " — ".join(x for x in (c.source, c.title) if x) or c.doc_id
            date = f", {c.published}" if c.published else ""
            lines.append(f"[{c.n}] {where}{date} ({c.doc_id}, characters {c.start}-{c.end})")
            lines.append(f"    “{c.text}”")
    if answer.notice:
        lines += ["", answer.notice]
    return "\n".join(lines)


def _parse_thresholds(items: list[str]) -> dict[str, float]:
    thresholds = {}
    for item in items:
        name, sep, value = item.partition("=")
        try:
            thresholds[name.strip()] = float(value)
        except ValueError:
            raise SourcewiseError(f"threshold {item!r} is not METRIC=NUMBER, e.g. answer=0.9") from None
        if not sep:
            raise SourcewiseError(f"threshold {item!r} is not METRIC=NUMBER, e.g. answer=0.9")
    return thresholds


def _cmd_ingest(args) -> int:
    from qa import Engine

    if not args.paths and not args.prune:
        raise SourcewiseError("name files or folders to index, e.g. `sourcewise ingest seeds/`")
    with Engine.from_paths(args.paths, store=args.store, chroma_url=args.chroma_url, prune=args.prune,
                           rebuild=args.rebuild, wait=args.wait) as engine:
        report = engine.last_report
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for path, reason in report.failed:
            print(f"skipped {path}: {reason}", file=sys.stderr)
        for path, reason in report.warnings:
            print(f"warning: {path}: {reason}", file=sys.stderr)
        print(report.summary())
    if report.failed and not args.allow_failures:
        named = "named in the report" if args.json else "named above"
        print(f"error: {len(report.failed)} could not be indexed ({named}; the rest is): fix or remove them, "
              "or pass --allow-failures to exit 0 anyway", file=sys.stderr)
        return 1
    return 0


def _cmd_ask(args) -> int:
    if (args.question is None) == (args.file is None):
        raise SourcewiseError("give one question, or --file PATH with a question a line, not both"
                              if args.file else "ask a question, e.g. `sourcewise ask \"Where did Assad go?\"`")
    if args.file is not None and args.json:
        raise SourcewiseError("--json prints one answer; use --jsonl with --file for one answer a line")
    questions = _question_lines(args.file) if args.file is not None else None
    with _open_engine(args) as engine:
        if questions is not None:
            return _ask_each(engine, questions, jsonl=args.jsonl)
        answer = engine.ask(args.question)
    if args.jsonl:
        print(json.dumps(answer.to_dict(), ensure_ascii=False))
    else:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2) if args.json else format_answer(answer))
    return 0


def _question_lines(path: str) -> list[tuple[int, bytes]]:
    """(line number, raw line) for each line of the file that holds something to ask."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except FileNotFoundError:
        raise SourcewiseError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise SourcewiseError(f"{path} is a folder; give a text file with one question a line") from None
    except OSError as exc:
        raise SourcewiseError(f"cannot read {path}: {exc.strerror or exc}") from None
    lines = data.removeprefix(b"\xef\xbb\xbf").split(b"\n")
    questions = [(n, line.rstrip(b"\r")) for n, line in enumerate(lines, start=1)
                 if line.strip() and not line.lstrip().startswith(b"#")]
    if not questions:
        raise SourcewiseError(f"{'standard input' if path == '-' else path} holds no questions: "
                              "write one question a line")
    return questions


def _ask_each(engine, questions: list[tuple[int, bytes]], *, jsonl: bool) -> int:
    """Answer each question in turn, writing each answer as soon as it is ready; bad lines are named and skipped."""
    bar = None
    if sys.stderr.isatty() and questions:
        from tqdm import tqdm

        bar = tqdm(total=len(questions), unit="question", desc="Asking", file=sys.stderr)
    def note(text: str) -> None:
        if bar:
            bar.write(text, file=sys.stderr)  # above the bar; tqdm.write would go to stdout
        else:
            print(text, file=sys.stderr, flush=True)

    skipped, printed = 0, False
    for number, raw in questions:
        try:
            question = raw.decode("utf-8")
            answer = engine.ask(question)
        except UnicodeDecodeError as exc:
            skipped += 1
            note(f"line {number}: not valid UTF-8 (byte 0x{raw[exc.start]:02x}); skipped")
        except SourcewiseError as exc:
            skipped += 1
            note(f"line {number}: {exc}; skipped")
        else:
            if jsonl:
                print(json.dumps(answer.to_dict(), ensure_ascii=False), flush=True)
            else:
                print(("\n" if printed else "") + f"Q: {question.strip()}")
                print(format_answer(answer), flush=True)
            printed = True
        if bar:
            bar.update(1)
    if bar:
        bar.close()
    answered = len(questions) - skipped
    print(f"{answered} answered, {skipped} skipped", file=sys.stderr, flush=True)
    return 1 if skipped else 0


def _cmd_chat(args, engine=None) -> int:
    if engine is None:
        with _open_engine(args) as opened:
            return _chat(opened)
    return _chat(engine)


def _chat(engine) -> int:
    if hasattr(sys.stdin, "reconfigure"):  # a line that is not UTF-8 is refused by the engine, not a traceback
        sys.stdin.reconfigure(errors="surrogateescape")
    history: list[Turn] = []
    print("Ask a question about the articles (empty line or Ctrl-D to leave).")
    while True:
        try:
            question = input("\n> ").strip()
        except EOFError:
            print()
            return 0
        if not question:
            return 0
        try:
            answer = engine.ask(question, history=history)
        except SourcewiseError as exc:
            print(f"error: {exc}")
            continue
        print(format_answer(answer))
        history.append(Turn(question, answer.answer))


def _cmd_conflicts(args) -> int:
    with _open_engine(args) as engine:
        found = engine.conflicts()
    if args.json:
        print(json.dumps([d.to_dict() for d in found], ensure_ascii=False, indent=2))
        return 0
    from qa.timeline import order_sides, timeline_summary

    if not found:
        print("No disagreements between sources found.")
    for d in found:
        print(f"\n{d.topic} ({d.kind})")
        timeline = timeline_summary(d)
        if timeline:
            print(f"  {timeline}")
        for value, claims in order_sides(d):
            for claim in claims:
                date = f", {claim.published}" if claim.published else ""
                print(f"  {value}: {claim.source or claim.doc_id}{date} ({claim.doc_id}, "
                      f"characters {claim.start}-{claim.end})")
                print(f"    “{claim.quote}”")
    return 0


def _cmd_articles(args) -> int:
    engine = _open_engine(args)
    articles = engine.articles()
    if args.json:
        print(json.dumps([a.to_dict() for a in articles], ensure_ascii=False, indent=2))
        return 0
    from ui.render import sort_library

    if not articles:
        print("No articles indexed yet: add some with `sourcewise ingest PATH`.")
    for a in sort_library(articles):
        facts = ", ".join(x for x in (a.source, a.published) if x)
        print(f"{a.title or a.doc_id}{f' ({facts})' if facts else ''}  [{a.doc_id}, {a.chunks} chunks]")
    return 0


def _cmd_serve(args) -> int:
    auth = None
    if args.auth:
        user, sep, password = args.auth.partition(":")
        if not sep or not user or not password:
            raise SourcewiseError("--auth takes USER:PASSWORD")
        auth = (user, password)
    engine = _open_engine(args, args.paths)
    if args.paths:
        print(engine.last_report.summary(), flush=True)
    from ui.app import serve

    serve(engine, host=args.host, port=args.port, auth=auth, upload_dir=_upload_dir(args), mcp=args.mcp)
    return 0


def _upload_dir(args):
    from pathlib import Path

    base = Path(args.store) if not args.chroma_url else Path(DEFAULT_STORE)
    return base / "uploads"


def _cmd_eval(args) -> int:
    from qa.evaluation import run_eval_cli

    with _open_engine(args) as engine:
        output, code = run_eval_cli(engine, args.gold, k=args.k, as_json=args.json,
                                    minimums=_parse_thresholds(args.min), maximums=_parse_thresholds(args.max))
    print(output)
    return code


COMMANDS = {"ingest": _cmd_ingest, "ask": _cmd_ask, "chat": _cmd_chat, "conflicts": _cmd_conflicts,
            "articles": _cmd_articles, "serve": _cmd_serve, "eval": _cmd_eval}


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; every known error becomes one line on stderr and a non-zero exit code."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return COMMANDS[args.command](args)
    except SourcewiseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

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

    p = commands.add_parser("ingest", help="index files and folders of articles (.txt .md .html .json .jsonl)")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to index")
    _store_options(p)
    p.add_argument("--prune", action="store_true", help="remove indexed articles whose files are gone")
    p.add_argument("--rebuild", action="store_true", help="drop the index and build it again from PATH")
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    p = commands.add_parser("ask", help="ask one question")
    p.add_argument("question")
    _store_options(p)
    _llm_options(p)
    p.add_argument("--json", action="store_true", help="print the answer JSON")

    p = commands.add_parser("chat", help="ask questions at a prompt in the terminal (follow-ups understood)")
    _store_options(p)
    _llm_options(p)

    p = commands.add_parser("conflicts", help="list every disagreement between sources in the collection")
    _store_options(p)
    p.add_argument("--json", action="store_true", help="print JSON")

    p = commands.add_parser("serve", help="start the browser chat")
    p.add_argument("paths", nargs="*", metavar="PATH", help="index these first (optional)")
    _store_options(p)
    p.add_argument("--host", default=os.environ.get("SOURCEWISE_HOST", "127.0.0.1"))
    p.add_argument("--port", type=int, default=int(os.environ.get("SOURCEWISE_PORT", "7860")))
    p.add_argument("--auth", default=os.environ.get("SOURCEWISE_AUTH"), metavar="USER:PASSWORD",
                   help="require this login (env SOURCEWISE_AUTH)")
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
    if paths:
        return Engine.from_paths(paths, store=args.store, chroma_url=args.chroma_url, llm=llm)
    return Engine.open(args.store, chroma_url=args.chroma_url, llm=llm)


def format_answer(answer) -> str:
    """Readable text: the answer, then a numbered list of its sources with their exact quotes."""
    lines = [answer.answer]
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
    engine = Engine.from_paths(args.paths, store=args.store, chroma_url=args.chroma_url, prune=args.prune,
                               rebuild=args.rebuild)
    report = engine.last_report
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for path, reason in report.failed:
            print(f"skipped {path}: {reason}", file=sys.stderr)
        for path, reason in report.warnings:
            print(f"warning: {path}: {reason}", file=sys.stderr)
        print(report.summary())
    return 0


def _cmd_ask(args) -> int:
    engine = _open_engine(args)
    answer = engine.ask(args.question)
    print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2) if args.json else format_answer(answer))
    return 0


def _cmd_chat(args, engine=None) -> int:
    engine = engine or _open_engine(args)
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
    engine = _open_engine(args)
    found = engine.conflicts()
    if args.json:
        print(json.dumps([d.to_dict() for d in found], ensure_ascii=False, indent=2))
        return 0
    if not found:
        print("No disagreements between sources found.")
    for d in found:
        print(f"\n{d.topic} ({d.kind})")
        for claim in d.claims:
            print(f"  {claim.value}: {claim.source or claim.doc_id} ({claim.doc_id}, characters {claim.start}-{claim.end})")
            print(f"    “{claim.quote}”")
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

    serve(engine, host=args.host, port=args.port, auth=auth, upload_dir=_upload_dir(args))
    return 0


def _upload_dir(args):
    from pathlib import Path

    base = Path(args.store) if not args.chroma_url else Path(DEFAULT_STORE)
    return base / "uploads"


def _cmd_eval(args) -> int:
    from qa.evaluation import run_eval_cli

    engine = _open_engine(args)
    output, code = run_eval_cli(engine, args.gold, k=args.k, as_json=args.json,
                                minimums=_parse_thresholds(args.min), maximums=_parse_thresholds(args.max))
    print(output)
    return code


COMMANDS = {"ingest": _cmd_ingest, "ask": _cmd_ask, "chat": _cmd_chat, "conflicts": _cmd_conflicts,
            "serve": _cmd_serve, "eval": _cmd_eval}


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

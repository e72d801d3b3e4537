"""The code before a change, run beside the code after it: a benchmark measures both in one run, on the same machine
under the same load, instead of comparing against a figure saved on another day.

``checkout(ref)`` writes the tree of a git commit (``git archive``) under bench/out/baseline/ once; ``run(ref, code)``
runs Python code in it, with this virtual environment, in a fresh process, and returns what the code printed last
as JSON. The default commit is main just before issue 11 (cold start, ingest throughput, the lexical index on disk).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "baseline"
BEFORE_ISSUE_11 = "43e6130"


def checkout(ref: str = BEFORE_ISSUE_11) -> Path:
    """The source tree of ``ref``, extracted once under bench/out/baseline/<commit>/."""
    commit = subprocess.run(["git", "rev-parse", "--verify", f"{ref}^{{commit}}"], cwd=ROOT, capture_output=True,
                            text=True)
    if commit.returncode != 0:
        raise RuntimeError(f"no commit {ref!r} in {ROOT}: {commit.stderr.strip()}")
    folder = OUT / commit.stdout.strip()[:12]
    if not (folder / "pyproject.toml").exists():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", "--format=tar", commit.stdout.strip()], cwd=ROOT,
                                 capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def run(code: str, ref: str = BEFORE_ISSUE_11, *, timeout: float = 3600) -> dict:
    """Run ``code`` (Python, printing one JSON object as its last line) in the tree of ``ref``."""
    folder = checkout(ref)
    env = {**os.environ, "PYTHONPATH": str(folder), "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    done = subprocess.run([sys.executable, "-c", code], cwd=folder, env=env, capture_output=True, text=True,
                          timeout=timeout)
    if done.returncode != 0:
        tail = " | ".join(done.stderr.strip().splitlines()[-5:])
        raise RuntimeError(f"the baseline at {ref} failed (exit {done.returncode}): {tail}")
    return json.loads(done.stdout.strip().splitlines()[-1])

"""The `sourcewise` CLI in a child process with the hashed fake embedding, which tests can pause or watch.

    python -m tests.ingest_process CONTROL_JSON -- ingest PATH ... --store DIR

``CONTROL_JSON`` (a file) may hold:
- ``pause``: where the first batch write stops and waits: ``"write"`` (before anything is written), ``"chunks"``
  (its chunks, with their sentences, written) or ``"records"`` (its article records too);
- ``ready`` / ``go``: the file this process creates when it has paused, and the file it waits for to go on;
- ``trace``: a file that gets one line per store write as it completes (a test kills the process between two);
- ``lease``: the writer lease in seconds, for a Chroma server store;
- ``real_model``: true to embed with the bundled model instead of the hashed fake.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from index import locking  # noqa: E402
from index.store import ChromaStore  # noqa: E402
from tests.fakes import HashedBagOfWords  # noqa: E402

PAUSES = ("write", "chunks", "records")
ROOT = Path(__file__).resolve().parent.parent


class Writer:
    """`sourcewise ingest ARGS --json` in a child process running this module, paused where ``control`` asks."""

    def __init__(self, tmp: Path, args: list[str], **control):
        self.ready, self.go = tmp / f"ready-{id(self)}", tmp / f"go-{id(self)}"
        control_file = tmp / f"control-{id(self)}.json"
        control_file.write_text(json.dumps({"ready": str(self.ready), "go": str(self.go), **control}),
                                encoding="utf-8")
        self.stderr = tmp / f"stderr-{id(self)}.txt"
        # Run from the scratch folder, not the checkout: a server store keeps its lexical replica in ./.sourcewise.
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        with open(self.stderr, "w", encoding="utf-8") as err:
            self.process = subprocess.Popen([sys.executable, "-m", "tests.ingest_process", str(control_file), "--",
                                             "ingest", *args, "--json"], cwd=tmp, env=env, stdout=subprocess.PIPE,
                                            stderr=err, text=True)

    def paused(self, timeout: float = 120) -> None:
        """Return once the writer has paused; raise if it ended or never paused."""
        deadline = time.monotonic() + timeout
        while not self.ready.exists():
            if self.process.poll() is not None:
                raise RuntimeError(f"the writer ended before pausing: {self.err()}")
            if time.monotonic() > deadline:
                raise RuntimeError("the writer never paused")
            time.sleep(0.02)

    def resume(self) -> None:
        self.go.write_text("go", encoding="utf-8")

    def err(self) -> str:
        return self.stderr.read_text(encoding="utf-8")

    def finish(self, timeout: float = 300) -> tuple[int, str, str]:
        out, _ = self.process.communicate(timeout=timeout)
        return self.process.returncode, out, self.err()


def _install(control: dict) -> None:
    pause, trace = control.get("pause"), control.get("trace")
    paused = {"done": False}

    def wait_here(point: str) -> None:
        if pause != point or paused["done"]:
            return
        paused["done"] = True
        Path(control["ready"]).write_text(str(os.getpid()), encoding="utf-8")
        deadline = time.monotonic() + 300
        while not Path(control["go"]).exists():
            if time.monotonic() > deadline:
                raise SystemExit("paused for 300 s and never told to go on")
            time.sleep(0.02)

    def note(what: str) -> None:
        if trace:
            with open(trace, "a", encoding="utf-8") as out:
                out.write(what + "\n")

    original_add, original_write = ChromaStore._add, ChromaStore.write

    def add(self, collection, ids, *args, **kwargs):
        original_add(self, collection, ids, *args, **kwargs)
        note(f"chunks {len(ids)}")
        wait_here("chunks")

    def write(self, prepared, replaced):
        wait_here("write")
        original_write(self, prepared, replaced)
        note(f"records {len(prepared)}")
        wait_here("records")

    ChromaStore._add, ChromaStore.write = add, write
    if control.get("lease"):
        locking.LEASE_SECONDS = float(control["lease"])


def main(argv: list[str]) -> int:
    control = json.loads(Path(argv[0]).read_text(encoding="utf-8")) if argv and argv[0] != "--" else {}
    rest = argv[argv.index("--") + 1:] if "--" in argv else argv[1:]
    if control.get("pause") not in (None, *PAUSES):
        raise SystemExit(f"pause must be one of {PAUSES}")
    _install(control)
    import qa.engine
    from ui import cli

    if not control.get("real_model"):
        qa.engine.BundledEmbedding = lambda: HashedBagOfWords()
    return cli.main(rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

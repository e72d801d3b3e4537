"""Local processes the benchmarks and tests start: a free loopback port, a `chroma run` server, stopping either."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["free_port", "start_chroma", "stop"]


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_chroma(data: Path, port: int, *, timeout: float = 60.0) -> subprocess.Popen:
    """`chroma run` on ``data`` at ``port``, once it accepts connections (RuntimeError if it exits or never does)."""
    chroma = Path(sys.executable).with_name("chroma")
    server = subprocess.Popen([str(chroma), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={"ANONYMIZED_TELEMETRY": "False", "PATH": "/usr/bin:/bin"})
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.2)
    server.kill()
    server.wait()
    raise RuntimeError(f"chroma run on port {port} did not start within {timeout:.0f} s")


def stop(process: subprocess.Popen) -> None:
    """Terminate ``process`` and wait for it, killing it if it has not ended after 30 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

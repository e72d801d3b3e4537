"""Server mode against a real `chroma run` on loopback, started and stopped by the test."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qa import Engine
from tests.conftest import SEEDS
from tests.fakes import HashedBagOfWords

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    port = free_port()
    chroma = Path(sys.executable).with_name("chroma")
    server = subprocess.Popen([str(chroma), "run", "--path", str(tmp_path_factory.mktemp("chroma-data")),
                               "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={"ANONYMIZED_TELEMETRY": "False", "PATH": "/usr/bin:/bin"})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.kill()
        pytest.fail("chroma run did not start within 60 s")
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=30)


def test_ingest_and_ask_through_a_chroma_server(chroma_url, tmp_path):
    engine = Engine.from_paths([SEEDS], chroma_url=chroma_url, embed_model=HashedBagOfWords(), show_progress=False)
    assert engine.last_report.added == 5
    assert engine.stats()["store"] == chroma_url
    answer = engine.ask("Who declared Damascus free of Bashar al-Assad?")
    assert any("Hadi al-Bahra" in c.quote for c in answer.citations)
    again = Engine.from_paths([SEEDS], chroma_url=chroma_url, embed_model=HashedBagOfWords(), show_progress=False)
    assert again.last_report.unchanged == 5 and again.last_report.chunks == 0
    assert not (tmp_path / ".sourcewise").exists()  # nothing written locally


def test_a_server_that_went_down_is_a_clear_error(chroma_url):
    from index.errors import StoreError

    with pytest.raises(StoreError, match="no Chroma server answers"):
        Engine.open(chroma_url=chroma_url.rsplit(":", 1)[0] + f":{free_port()}", embed_model=HashedBagOfWords())

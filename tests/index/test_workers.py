"""Several serving processes against one Chroma server: the same answers, and each sees the others' ingests at its
next question, without a restart."""

import json
import multiprocessing
import shutil

import pytest

from bench.processes import free_port, start_chroma, stop
from qa import Engine
from tests.conftest import SEEDS
from tests.fakes import HashedBagOfWords

pytestmark = pytest.mark.slow
QUESTIONS = ["Where did Assad go?", "Who leads HTS?", "How long did Bashar al-Assad rule Syria?",
             "What crossed the quartz bridge at Tartus?"]
ZEBRA = "Zebra news\\nA zebra crossed the quartz bridge at Tartus on Friday.\\n"


def _worker(url: str, replica: str, commands, results) -> None:
    """A serving process: answers each question it is sent, or ingests a folder, until told to stop."""
    engine = Engine.open(replica, chroma_url=url, embed_model=HashedBagOfWords())
    for command, argument in iter(commands.get, None):
        if command == "ask":
            results.put(json.dumps([engine.ask(q).to_dict() for q in argument]))
        else:
            results.put(engine.ingest([argument], show_progress=False).added)
    engine.close()


@pytest.fixture
def server(tmp_path):
    port = free_port()
    process = start_chroma(tmp_path / "chroma-data", port)
    yield f"http://127.0.0.1:{port}"
    stop(process)


@pytest.mark.parametrize("shared_replica", [True, False], ids=["one machine", "two machines"])
def test_two_serving_processes_answer_alike_and_see_each_others_ingests(server, tmp_path, shared_replica):
    Engine.from_paths([SEEDS], store=tmp_path / "a", chroma_url=server, embed_model=HashedBagOfWords(),
                      show_progress=False).close()
    context = multiprocessing.get_context("spawn")
    queues = [(context.Queue(), context.Queue()) for _ in range(2)]
    replicas = [tmp_path / "a", tmp_path / ("a" if shared_replica else "b")]
    workers = [context.Process(target=_worker, args=(server, str(replica), commands, results))
               for replica, (commands, results) in zip(replicas, queues)]
    for worker in workers:
        worker.start()
    try:
        def ask(i):
            queues[i][0].put(("ask", QUESTIONS))
            return json.loads(queues[i][1].get(timeout=120))

        first, second = ask(0), ask(1)
        assert first == second
        assert not any("zebra" in c["quote"] for c in first[-1]["citations"])

        extra = tmp_path / "extra"
        extra.mkdir()
        (extra / "zebra.txt").write_text(ZEBRA, encoding="utf-8")
        queues[0][0].put(("ingest", str(extra)))
        assert queues[0][1].get(timeout=120) == 1

        after = ask(1)  # the process that did not ingest
        assert any("zebra" in c["quote"] for c in after[-1]["citations"])
        assert after == ask(0)
    finally:
        for commands, _ in queues:
            commands.put(None)
        for worker in workers:
            worker.join(60)
            if worker.is_alive():
                worker.kill()
    shutil.rmtree(extra, ignore_errors=True)

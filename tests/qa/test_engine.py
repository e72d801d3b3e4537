"""The engine over a real Chroma store with the word-hashing fake embedding: the answer contract, fast."""

import json
import re
import threading

import pytest
from llama_index.core.base.response.schema import Response

from qa import Engine, InputError, Turn
from tests.conftest import SEEDS
from tests.fakes import HashedBagOfWords


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    for path in SEEDS.glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "wire.html").write_text(
        "<html><head><title>Wire</title><script>var x = 'Damascus';</script></head><body>"
        "<h1>Port of Tartus stays open</h1><p>The port of <b>Tartus</b> remained open to Russian ships &amp; "
        "crews on Monday, officials said.</p></body></html>", encoding="utf-8")
    (folder / "feed.jsonl").write_text(json.dumps({
        "id": "feed-1", "title": "Latakia airbase", "source": "Example Wire", "published": "2024-12-10",
        "body": "The \"Hmeimim\" airbase near Latakia was quiet, a spokesman said.\nNo flights left."}) + "\n",
        encoding="utf-8")
    return Engine.from_paths([folder], store=tmp_path_factory.mktemp("store") / "s", embed_model=HashedBagOfWords(),
                             show_progress=False)


def assert_contract(answer):
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert markers == {c.n for c in answer.citations}, "every [n] has a citation and every citation is used"
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    for c in answer.citations:
        with open(c.file, encoding="utf-8") as f:
            assert f.read()[c.start:c.end] == c.quote
    for d in answer.disagreements:
        for claim in d.claims:
            with open(next(c.file for c in answer.citations if c.n == claim.n), encoding="utf-8") as f:
                assert f.read()[claim.start:claim.end] == claim.quote
    for short in answer.short_answers:
        cited = next(c for c in answer.citations if c.n == short.n)
        with open(cited.file, encoding="utf-8") as f:
            assert f.read()[short.start:short.end] == short.text, "a short answer is the very words of the file"
        assert cited.start <= short.start < short.end <= cited.end, "inside the sentence it cites"


@pytest.mark.parametrize("question", [
    "Where did Assad arrive with his family?", "How long did Bashar al-Assad rule Syria?",
    "Which agency reported the asylum?",
    "What did Guterres say?", "Was the port of Tartus open?", "Was the Hmeimim airbase quiet?",
])
def test_every_answer_keeps_the_citation_contract(engine, question):
    answer = engine.ask(question)
    assert answer.answered and answer.citations
    assert_contract(answer)
    assert json.loads(json.dumps(answer.to_dict()))["question"] == question


def test_html_citations_quote_the_source_markup_exactly_and_read_cleanly(engine):
    answer = engine.ask("Was the port of Tartus open to Russian ships?")
    cited = next(c for c in answer.citations if c.doc_id == "wire")
    assert "<b>Tartus</b>" in cited.quote and "&amp;" in cited.quote
    assert cited.text.startswith("The port of Tartus remained open to Russian ships & crews")
    assert "Damascus" not in cited.text  # scripts are dropped
    assert cited.title == "Port of Tartus stays open"


def test_json_records_are_cited_inside_the_file(engine):
    answer = engine.ask("Was the Hmeimim airbase near Latakia quiet?")
    cited = next(c for c in answer.citations if c.doc_id == "feed-1")
    assert cited.quote.startswith('The \\"Hmeimim\\" airbase') and cited.text.startswith('The "Hmeimim" airbase')
    assert (cited.source, cited.published, cited.title) == ("Example Wire", "2024-12-10", "Latakia airbase")


def test_out_of_collection_questions_are_not_answered(engine):
    answer = engine.ask("Which bakery won the sourdough contest in Lyon?")
    assert not answer.answered
    assert "do not" in answer.answer
    assert_contract(answer)


@pytest.mark.parametrize("question, message", [("", "empty"), ("   \n", "empty"), ("x" * 100_000, "characters long")])
def test_bad_questions_are_refused_with_a_clear_message(engine, question, message):
    with pytest.raises(InputError, match=message):
        engine.ask(question)


def test_query_returns_a_llama_index_response_with_source_nodes(engine):
    response = engine.query("Where did Assad go?")
    assert isinstance(response, Response)
    assert response.source_nodes and all("doc_id" in n.node.metadata for n in response.source_nodes)
    assert response.response == response.metadata["answer"].answer


def test_rank_documents_lists_each_article_once(engine):
    ranked = engine.rank_documents("Hadi al-Bahra declared the capital free", k=3)
    assert ranked[0] == "001_be7e029a7d16086c" and len(ranked) == len(set(ranked)) <= 3


def test_one_outlet_does_not_crowd_out_the_others(engine):
    nodes = engine.query("Kremlin source asylum Assad Moscow").source_nodes
    assert len({n.node.metadata["doc_id"] for n in nodes}) >= 4


def test_context_is_the_paragraph_around_the_quote(engine):
    answer = engine.ask("Who declared Damascus free of Bashar al-Assad?")
    citation = next(c for c in answer.citations if "Bahra" in c.text)
    passage = engine.context(citation)
    assert passage.quote == citation.text
    assert passage.before.startswith("The civil war in Syria") and passage.after.strip() == ""


def test_concurrent_questions_each_get_their_own_answer(engine):
    questions = ["Where did Assad go?", "Who declared Damascus free of Bashar al-Assad?", "What did Trump say?",
                 "Was the port of Tartus open?"] * 3
    expected = {q: engine.ask(q).to_dict() for q in set(questions)}
    results, errors = {}, []

    def ask(i, q):
        try:
            results[i] = engine.ask(q).to_dict()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=ask, args=(i, q)) for i, q in enumerate(questions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert all(results[i] == expected[q] for i, q in enumerate(questions))


def test_removed_articles_disappear_from_answers_at_once(tmp_path):
    engine = Engine.from_paths([SEEDS], store=tmp_path / "s", embed_model=HashedBagOfWords(), show_progress=False)
    assert engine.remove("001_be7e029a7d16086c") is True
    assert engine.remove("001_be7e029a7d16086c") is False
    assert "001_be7e029a7d16086c" not in {a.doc_id for a in engine.articles()}
    assert all(c.doc_id != "001_be7e029a7d16086c" for c in engine.ask("Hadi al-Bahra declared").citations)


def test_an_earlier_question_passed_without_its_answer_is_answered_again_for_the_follow_up(engine):
    first = engine.ask("Who leads HTS?")
    with_answer = engine.ask("Where did he speak?", history=[Turn("Who leads HTS?", first.answer)])
    assert engine.ask("Where did he speak?", history=["Who leads HTS?"]).to_dict() == with_answer.to_dict()

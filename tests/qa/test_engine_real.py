"""The real thing: the bundled model, an on-disk Chroma store over seeds/, answers a reader would check."""

import pytest

from qa.testing import assert_answer

pytestmark = pytest.mark.slow


def test_where_did_assad_go_cites_moscow_with_exact_spans(seed_engine):
    answer = seed_engine.ask("Where did Assad go?")
    assert_answer(answer, contains="Moscow", answered=True)
    assert any("Moscow" in c.quote for c in answer.citations)


def test_the_weather_question_abstains(seed_engine):
    answer = seed_engine.ask("What will the weather be in Moscow tomorrow?")
    assert_answer(answer, answered=False, no_disagreement=True)


@pytest.mark.parametrize("question", [
    "What did Vladimir Putin say about granting Assad asylum?", "What is the exchange rate of the Syrian pound?",
])
def test_questions_about_what_the_articles_never_mention_abstain(seed_engine, question):
    assert_answer(seed_engine.ask(question), answered=False)


def test_follow_up_question_uses_the_conversation(seed_engine):
    first = seed_engine.ask("Who leads HTS?")
    assert_answer(first, contains="Jolani")
    follow_up = seed_engine.ask("Where did he speak?", history=["Who leads HTS?"])
    assert_answer(follow_up, contains=["Umayyad Mosque", "mosque in Damascus"])
    assert "mosque" in follow_up.citations[0].quote.lower()


def test_the_repeated_body_of_seed_003_is_cited_in_its_first_copy(seed_engine):
    answer = seed_engine.ask("Who edited the North Press report?")
    assert_answer(answer, contains="Kardo Roj")
    path = next(a.path for a in seed_engine.articles() if a.doc_id.startswith("003"))
    first_copy_end = open(path, encoding="utf-8").read().index("Editing by Kardo Roj")
    for c in answer.citations:
        if c.doc_id.startswith("003"):
            assert c.end <= first_copy_end + len("Editing by Kardo Roj")


def test_seed_metadata_is_read_from_the_text(seed_engine):
    by_id = {a.doc_id: a for a in seed_engine.articles()}
    assert by_id["003_cd9dee10429034ff"].source == "North Press"
    assert by_id["003_cd9dee10429034ff"].title == "Bashar al-Assad’s Escapes to Moscow, Russian Source Reveals"
    assert by_id["001_be7e029a7d16086c"].published == "--12-09"

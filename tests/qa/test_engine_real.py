"""The real thing: the bundled model, an on-disk Chroma store over seeds/, answers a reader would check."""

import pytest

from qa.testing import assert_answer

pytestmark = pytest.mark.slow


def known_gap(what: str):
    """A seed behaviour the fitted reader does not have yet: strict, so the test fails once it does."""
    return pytest.mark.xfail(strict=True, reason=f"known gap of the fitted reader (bench/REPORT.md): {what}")


def test_where_did_assad_go_cites_moscow_with_exact_spans(seed_engine):
    answer = seed_engine.ask("Where did Assad go?")
    assert_answer(answer, contains="Moscow", answered=True)
    assert any("Moscow" in c.quote for c in answer.citations)


@pytest.mark.parametrize("question", ["Where did Assad go?", "Where is Assad now?"])
def test_where_assad_went_is_not_where_he_left_or_the_country_he_led(seed_engine, question):
    answer = seed_engine.ask(question)
    assert [s.text for s in answer.short_answers][:1] in (["Moscow"], ["Russia"])


@pytest.mark.parametrize("question", [
    "What is the exchange rate of the Syrian pound?", "How many Russian troops are based in Syria?",
    "What was the price of bread in Damascus?", "What is the name of Assad's eldest son?",
])
def test_questions_about_what_the_articles_never_mention_abstain(seed_engine, question):
    assert_answer(seed_engine.ask(question), answered=False)


def test_the_weather_question_abstains(seed_engine):
    answer = seed_engine.ask("What will the weather be in Moscow tomorrow?")
    assert_answer(answer, answered=False, no_disagreement=True)


def test_a_question_about_someone_no_article_names_abstains(seed_engine):
    assert_answer(seed_engine.ask("What did Vladimir Putin say about granting Assad asylum?"), answered=False)


@pytest.mark.parametrize("question", ["Qwzx plorkt vrrn frobnicate?", "w" * 2000])
def test_a_question_in_words_no_article_uses_is_not_answered(seed_engine, question):
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


@pytest.mark.parametrize("question, value, seed", [
    ("How many years did Assad rule, according to the report citing Interfax?", "24-year", "000"),
    ("How many years did Assad rule, according to the Damascus-datelined report?", "12-year", "003"),
])
def test_asked_what_one_report_of_several_says_the_report_described_answers(seed_engine, question, value, seed):
    answer = seed_engine.ask(question)
    assert not answer.disagreements, "the other reports' figures are no side of what this one says"
    assert [(s.text, s.doc_id[:3]) for s in answer.short_answers] == [(value, seed)]


def test_seed_metadata_is_read_from_the_text(seed_engine):
    by_id = {a.doc_id: a for a in seed_engine.articles()}
    assert by_id["003_cd9dee10429034ff"].source == "North Press"
    assert by_id["003_cd9dee10429034ff"].title == "Bashar al-Assad’s Escapes to Moscow, Russian Source Reveals"
    assert by_id["001_be7e029a7d16086c"].published == "--12-09"


def claim_values(answer):
    return {claim.value for d in answer.disagreements for claim in d.claims}


@pytest.mark.parametrize("question", ["How long did Bashar al-Assad rule Syria?",
                                      "For how many years had Assad been in power when he was ousted?"])
def test_the_length_of_assads_rule_is_disputed_24_against_12_years(seed_engine, question):
    answer = seed_engine.ask(question)  # asked in years, the offensive's "12 days" is no answer
    assert_answer(answer, disagreement=True)
    [d] = answer.disagreements
    assert d.kind == "number"
    # Each claim carries the words its own article uses; compatible values share a side.
    by_doc = {c.doc_id[:3]: c for c in d.claims}
    assert (by_doc["000"].value, by_doc["001"].value, by_doc["003"].value) == ("24-year", "over 20-year", "12-year")
    assert by_doc["000"].side == by_doc["001"].side != by_doc["003"].side
    assert "disagree" in answer.answer and "six decades" not in d.summary


@pytest.mark.parametrize("question, name", [("Who is the Syrian Prime Minister?", "Mohammad Jalali"),
                                            ("Who is the UN Secretary-General?", "Antonio Guterres")])
def test_a_title_asked_for_is_answered_with_the_name_it_introduces(seed_engine, question, name):
    answer = seed_engine.ask(question)
    assert_answer(answer, answered=True)
    assert [s.text for s in answer.short_answers][:1] == [name]


def test_a_capitalised_first_word_is_no_name_when_the_article_writes_it_in_lower_case(seed_engine):
    answer = seed_engine.ask("Who declared the capital free of Bashar al-Assad?")  # "Opposition leaders, including"
    assert [s.text for s in answer.short_answers][:1] == ["Hadi al-Bahra"]


def test_the_date_damascus_fell_is_disputed_december_1_against_december_8(seed_engine):
    answer = seed_engine.ask("On what date did Damascus fall to the rebels?")
    assert_answer(answer, disagreement=True)
    [d] = answer.disagreements
    assert d.kind == "date"
    values = " ".join(claim_values(answer))
    assert "December 1" in values and ("December 8" in values or "Sunday" in values)


def test_official_confirmation_is_disputed(seed_engine):
    answer = seed_engine.ask("Did the Russian government officially confirm the asylum?")
    assert_answer(answer, disagreement=True)
    [d] = answer.disagreements
    assert d.kind == "status"
    assert any(c.doc_id.startswith("004") and "no official confirmation" in c.quote for c in d.claims)


@pytest.mark.parametrize("question", [
    "Which news agency reported the asylum?", "Why did Russia grant asylum?", "Where did Assad go?", "Who leads HTS?",
    pytest.param("How long had the Assad family ruled Syria?", marks=known_gap(
        "the family's 'nearly six decades' and Bashar's own 24 and 12 years are taken for one point asked")),
    "In what year did the Syrian civil war break out?",
    "Did the rebels meet resistance when they entered Damascus?",
])
def test_no_false_alarm_where_the_outlets_agree_or_the_values_are_about_something_else(seed_engine, question):
    assert_answer(seed_engine.ask(question), no_disagreement=True)

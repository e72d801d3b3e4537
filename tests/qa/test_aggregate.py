"""From readings to a finding and an answer: agreement, disagreement, different things, abstention."""

import re
from dataclasses import replace

import numpy as np
import pytest

from qa.aggregate import Verdict, aggregate
from qa.compose import NOT_COVERED, compose_answer
from qa.evidence import Evidence
from qa.question import read_question
from qa.reader import (ANSWERABLE_FEATURES, PAIR_FEATURES, SENTENCE_FEATURES, SPAN_FEATURES, LinearModel,
                       ReaderModel, Reading, ReadOut, ShortAnswerSpan, Thresholds, read_value)
from qa.spans import Span, SpanKind, find_spans
from qa.values import Status, find_statuses


def _linear(names, **weights):
    w = np.array([weights.get(n, 0.0) for n in names])
    return LinearModel(tuple(names), np.zeros(len(names)), np.ones(len(names)), w, weights.get("bias", 0.0))


# A pair model that takes two sides for genuine answers when both spans are read with confidence; the subject
# test then tells a clash about one thing from different things that share a name.
T = ReaderModel(_linear(SENTENCE_FEATURES), _linear(SPAN_FEATURES),
                _linear(PAIR_FEATURES, weaker_span=10.0, bias=-5.0), _linear(ANSWERABLE_FEATURES),
                Thresholds(answer=0.5, side=0.5, span=0.3, clash=0.5, same_subject=0.1))
FILES: dict[str, str] = {}


def sentence(doc_id, text, position=1, published=None):
    """An evidence sentence stored in a fake article file, so spans can be checked against it."""
    prefix = f"Headline of {doc_id}\n"
    FILES[doc_id] = prefix + text
    return Evidence(doc_id=doc_id, text=text, quote=text, start=len(prefix), end=len(prefix) + len(text),
                    position=position, published=published)


def reading(doc_id, text, value_text, score=1.0, probability=0.9, published=None):
    item = sentence(doc_id, text, published=published)
    span = next(s for s in find_spans(text) if s.text == value_text)
    value = read_value(span, published, 2024)
    start, end = item.file_span(span.start, span.end)
    return Reading(doc_id, item, score, ShortAnswerSpan(span.text, start, end, value, probability, span))


def readout(question, *readings, answerable=1.0):
    q = read_question(question)
    return ReadOut(q, tuple((r.sentence, r.score) for r in readings), tuple(readings), answerable)


def test_compatible_values_are_one_answer_cited_to_every_article():
    out = readout("How long did the general rule the province?",
                  reading("a", "It ended his 24-year rule over the province.", "24-year"),
                  reading("b", "It ended his over 20-year rule over the province.", "over 20-year", score=0.9))
    finding = aggregate(out, T)
    assert finding.verdict == Verdict.ANSWERED and len(finding.sides) == 1
    answer = compose_answer(out.question, finding)
    assert answer.answer.startswith("24-year [1][2]")
    assert [s.text for s in answer.short_answers] == ["24-year", "over 20-year"]
    for short in answer.short_answers:
        assert FILES[short.doc_id][short.start:short.end] == short.text


def test_incompatible_values_about_the_same_thing_are_a_disagreement_with_each_articles_own_value():
    out = readout("How long did the general rule the province?",
                  reading("a", "It ended his 24-year rule over the province.", "24-year"),
                  reading("b", "It ended his over 20-year rule over the province.", "over 20-year", score=0.9),
                  reading("c", "It marks the end of his 12-year rule over the province.", "12-year", score=0.8))
    finding = aggregate(out, T)
    assert finding.verdict == Verdict.DISPUTED
    answer = compose_answer(out.question, finding)
    [disagreement] = answer.disagreements
    values = {(c.doc_id, c.value, c.side) for c in disagreement.claims}
    assert values == {("a", "24-year", 0), ("b", "over 20-year", 0), ("c", "12-year", 1)}
    assert "12-year" in answer.answer and "24-year" in answer.answer
    assert set(map(int, re.findall(r"\[(\d+)\]", answer.answer))) == {c.n for c in answer.citations}


def test_a_weekday_resolved_by_the_publication_date_agrees_with_the_date_it_names():
    out = readout("When did the rebels take the capital?",
                  reading("a", "Rebels took the capital on December 8, officials said.", "December 8"),
                  reading("b", "Rebels took the capital on Sunday after a week of fighting.", "Sunday",
                          published="2024-12-09"))
    assert aggregate(out, T).verdict == Verdict.ANSWERED


def test_a_weekday_alone_is_answered_with_the_day_the_reports_date_fixes():
    out = readout("When did the rebels take the capital?",
                  reading("b", "Rebels took the capital on Sunday after a week of fighting.", "Sunday",
                          published="2024-12-09"))
    answer = compose_answer(out.question, aggregate(out, T))
    assert answer.answer.startswith("Sunday (8 December 2024) [1]")
    assert [s.text for s in answer.short_answers] == ["Sunday"], "the short answer stays the article's words"
    dated = readout("When did the rebels take the capital?",
                    reading("a", "Rebels took the capital on Sunday, December 8, officials said.", "Sunday, December 8",
                            published="2024-12-09"))
    assert compose_answer(dated.question, aggregate(dated, T)).answer.startswith("Sunday, December 8 [1]")


def test_weak_readings_do_not_make_a_side():
    out = readout("How long did the general rule the province?",
                  reading("a", "It ended his 24-year rule over the province.", "24-year"),
                  reading("c", "It marks the end of his 12-year rule over the province.", "12-year", score=0.1))
    assert aggregate(out, T).verdict == Verdict.ANSWERED
    out = readout("How long did the general rule the province?",
                  reading("a", "It ended his 24-year rule over the province.", "24-year"),
                  reading("c", "It marks the end of his 12-year rule over the province.", "12-year",
                          probability=0.1))
    assert aggregate(out, T).verdict == Verdict.ANSWERED


def test_different_things_that_share_a_name_are_said_to_be_different_not_disputed():
    out = readout("When was the album Horizon released?",
                  reading("a", "Horizon is a jazz album recorded in Chicago by a quartet, released in 1987.", "1987"),
                  reading("b", "Horizon, the debut of a Welsh punk band from Cardiff, came out in 1995.", "1995"))
    finding = aggregate(out, T)
    assert finding.verdict == Verdict.ANSWERED and finding.distinct
    answer = compose_answer(out.question, finding)
    assert answer.distinct_entities and not answer.disagreements
    assert {c.side for c in answer.distinct_entities.claims} == {0, 1}


def _titled_readout(question, leads, *readings):
    """A readout whose articles open with the given leads (their sentence at position 0)."""
    openings = tuple((replace(sentence(f"{r.doc_id}-lead", lead, position=0), doc_id=r.doc_id), 0.5)
                     for r, lead in zip(readings, leads))  # its own file, so the reading's file stays as it is
    return ReadOut(read_question(question), tuple((r.sentence, r.score) for r in readings) + openings,
                   tuple(readings), 1.0)


def test_titles_that_tell_two_things_of_one_name_apart_make_them_different_unless_one_copies_the_other():
    first = reading("a", "Northgate Academy first began operating in 1963.", "1963")
    second = reading("b", "Northgate Academy first began operating in 2006.", "2006")
    question = "When was Northgate Academy established?"
    assert aggregate(readout(question, first, second), T).verdict == Verdict.DISPUTED, "alike, untitled: one school"
    apart = _titled_readout(question, ["Northgate Academy (Dunmore) Northgate Academy is a public high "
                                       "school on the coast, with a pool and a theatre.",
                                       "Northgate Academy (Kelso County) Northgate Academy is a small rural "
                                       "school serving farming towns inland."], first, second)
    finding = aggregate(apart, T)
    assert finding.verdict == Verdict.ANSWERED and finding.distinct
    copied = _titled_readout(question, ["Northgate Academy (Dunmore) Northgate Academy is a public high "
                                        "school on the coast, with a pool and a theatre.",
                                        "Northgate Academy (Port Elgin) Northgate Academy is a public high "
                                        "school on the coast, with a pool and a theatre."], first, second)
    assert aggregate(copied, T).verdict == Verdict.DISPUTED, "one opening copies the other under a new title"


def test_encyclopedia_titles_that_name_two_things_of_one_name_apart_make_them_different():
    first = reading("a", "The population of Tarvik was 4,600 at the 2010 census.", "4,600")
    second = reading("b", "The population of Tarvik was 2,100 at the 2010 census.", "2,100")
    question = "What is the population of Tarvik?"
    apart = _titled_readout(question, ["Tarvik, Kessel County, Ontario Tarvik is a town on the lake shore.",
                                       "Tarvik, Orne County, Ontario Tarvik is a village in the hills."], first, second)
    finding = aggregate(apart, T)
    assert finding.verdict == Verdict.ANSWERED and finding.distinct
    headlines = _titled_readout(question, ["Tarvik Mill Flooded Tarvik is counting the cost of the storm.",
                                           "Tarvik Counts Its Losses Tarvik is a town of farmers."], first, second)
    assert aggregate(headlines, T).verdict == Verdict.DISPUTED, "news headlines in title case name no page"
    lines = _titled_readout(question, ["Tarvik, Kessel County, Ontario\nTarvik is a town on the lake shore.",
                                       "Tarvik, Orne County, Ontario  Tarvik is a village."], first, second)
    assert aggregate(lines, T).distinct, "a title on its own line, or two spaces after it, is one all the same"
    same = _titled_readout(question, ["Tarvik, Kessel County, Ontario Tarvik is a town on the lake shore.",
                                      "Tarvik, Kessel County, Ontario Tarvik is a town on the lake."], first, second)
    assert aggregate(same, T).verdict == Verdict.DISPUTED, "one page, two figures"


def test_a_value_the_pair_model_does_not_take_for_an_answer_is_neither_disputed_nor_a_different_thing():
    out = readout("When was the album Horizon released?",
                  reading("a", "Horizon is a jazz album recorded in Chicago by a quartet, released in 1987.", "1987"),
                  reading("b", "Horizon, the debut of a Welsh punk band from Cardiff, came out in 1995.", "1995",
                          probability=0.45))
    finding = aggregate(out, T)
    assert finding.verdict == Verdict.ANSWERED and not finding.distinct
    assert [r.doc_id for r in finding.sides[0].readings] == ["a"]


def test_a_question_in_words_no_sentence_read_uses_is_not_answered_however_sure_the_model_is():
    rule = reading("a", "It ended his 24-year rule over the province.", "24-year")
    assert aggregate(readout("How long did the general rule the province?", rule), T).verdict == Verdict.ANSWERED
    assert aggregate(readout("Qwzx plorkt vrrn?", rule), T).verdict == Verdict.UNANSWERED


def test_a_relative_no_article_speaks_of_is_not_answered_by_a_name_they_state():
    mayor = reading("a", "The mayor, Ana Ruiz, opened the bridge with her family on Monday.", "Ana Ruiz")
    assert aggregate(readout("Who opened the bridge?", mayor), T).verdict == Verdict.ANSWERED
    assert aggregate(readout("Who is the mayor's husband?", mayor), T).verdict == Verdict.UNANSWERED, \
        "her family names none of its members"
    married = reading("b", "The mayor opened the bridge with Leo Kent, whom she married in 1990.", "Leo Kent")
    assert aggregate(readout("Who is the mayor's husband?", married), T).verdict == Verdict.ANSWERED


def test_below_the_answer_threshold_the_articles_do_not_answer():
    out = readout("How long did the general rule the province?",
                  reading("a", "It ended his 24-year rule over the province.", "24-year"), answerable=0.2)
    finding = aggregate(out, T)
    assert finding.verdict == Verdict.UNANSWERED
    answer = compose_answer(out.question, finding)
    assert answer.answer == NOT_COVERED and not answer.answered and not answer.citations


def test_an_explanation_is_answered_by_sentences_without_a_short_answer():
    out = readout("Why was the match postponed?",
                  Reading("a", sentence("a", "The match was postponed because the pitch was flooded."), 1.0),
                  Reading("b", sentence("b", "Officials said the pitch was flooded after heavy rain."), 0.8))
    answer = compose_answer(out.question, aggregate(out, T))
    assert answer.answered and not answer.short_answers
    assert "pitch was flooded" in answer.answer and "[1]" in answer.answer


def test_a_value_question_with_no_value_of_its_kind_is_not_answered():
    out = readout("How many people were evacuated?",
                  Reading("a", sentence("a", "Residents left the valley as the river rose."), 1.0))
    assert aggregate(out, T).verdict == Verdict.UNANSWERED


def status_reading(doc_id, text, score=1.0):
    item = sentence(doc_id, text)
    found = find_statuses(text)[0]
    span = next(s for s in find_spans(text) if s.start == found.start)
    start, end = item.file_span(span.start, span.end)
    return Reading(doc_id, item, score, ShortAnswerSpan(span.text, start, end, found.status, 1.0, span))


def test_confirmation_statuses_that_clash_are_a_disagreement():
    out = readout("Has the ministry confirmed the transfer?",
                  status_reading("a", "The ministry confirmed that the transfer took place."),
                  status_reading("b", "There was no official confirmation of the transfer from the ministry."))
    finding = aggregate(out, T)
    assert finding.verdict == Verdict.DISPUTED
    assert {type(r.short.value) for side in finding.sides for r in side.readings} == {Status}


# A pair model that reads a clash from two values in the same slot ("opened to passengers in ___ after").
SLOTS = ReaderModel(_linear(SENTENCE_FEATURES), _linear(SPAN_FEATURES),
                    _linear(PAIR_FEATURES, slot_overlap=10.0, bias=-5.0), _linear(ANSWERABLE_FEATURES),
                    Thresholds(answer=0.5, side=0.5, span=0.3, clash=0.5, same_subject=0.1))


def test_two_articles_that_clash_are_a_disagreement_though_neither_clashes_with_the_most_read_value():
    out = readout("When did the station open?",
                  reading("a", "The old depot at Lenmoor opened in 1910 on the main line.", "1910", score=2.0),
                  reading("b", "The old depot at Lenmoor opened in 1910, records show.", "1910", score=1.9),
                  reading("c", "The branch station at Lenmoor opened to passengers in 1958.", "1958"),
                  reading("d", "The branch station at Lenmoor opened to passengers in 1960.", "1960"))
    finding = aggregate(out, SLOTS)
    assert finding.verdict == Verdict.DISPUTED
    assert finding.sides[0].doc_ids == ("a", "b"), "the most-read value stays the main side"
    assert {s.doc_ids for s in finding.sides[1:]} == {("c",), ("d",)}


def test_a_side_clashes_through_any_of_its_articles_not_only_its_best_read():
    out = readout("When did the station open?",
                  reading("a", "Records kept by the railway at Lenmoor give 1958 for the first train.", "1958",
                          score=2.0),
                  reading("b", "The branch station at Lenmoor opened to passengers in 1958.", "1958"),
                  reading("c", "The branch station at Lenmoor opened to passengers in 1960.", "1960"))
    finding = aggregate(out, SLOTS)
    assert finding.verdict == Verdict.DISPUTED
    assert [s.doc_ids for s in finding.sides] == [("a", "b"), ("c",)]


def test_the_main_side_is_the_one_read_in_the_sentences_that_answer_not_the_surest_span():
    # The pair model here never takes two values for a clash: the test is only which one leads.
    quiet = ReaderModel(T.sentence, T.span, _linear(PAIR_FEATURES, bias=-5.0), T.answerable, T.thresholds)
    out = readout("Which port did the ferry sail to?",
                  reading("a", "The ferry sailed to Vigo on Monday.", "Vigo", score=3.0, probability=0.6),
                  reading("b", "Passengers from Porto praised the crew.", "Porto", score=1.0, probability=0.95))
    finding = aggregate(out, quiet)
    assert finding.verdict == Verdict.ANSWERED and finding.sides[0].readings[0].short.text == "Vigo"


def test_articles_that_read_a_value_unsurely_still_count_for_it_when_the_main_side_is_chosen():
    # One outlet's sure reading names the place in "Norland's former minister"; three others read the minister's
    # name each beside other names (under the span threshold), and one reads it surely: together they outweigh it.
    quiet = ReaderModel(T.sentence, T.span, _linear(PAIR_FEATURES, bias=-5.0), T.answerable, T.thresholds)
    unsure = [reading(doc, f"The court in {city} fined Ada Varga, a former minister.", "Ada Varga", score=2.5,
                      probability=0.25) for doc, city in (("b", "Oslo"), ("c", "Riga"), ("d", "Kiel"))]
    out = readout("Who did the court fine?",
                  reading("a", "The court fined Norland's former minister.", "Norland", score=2.6, probability=0.9),
                  reading("e", "The court fined Ada Varga on Friday.", "Ada Varga", score=2.4, probability=0.6),
                  *unsure)
    finding = aggregate(out, quiet)
    assert finding.verdict == Verdict.ANSWERED and finding.sides[0].value.text == "Ada Varga"
    without = readout("Who did the court fine?", *out.readings[:2])
    assert aggregate(without, quiet).sides[0].value.text == "Norland"


def test_a_value_an_article_states_beside_the_one_it_reads_counts_for_it_by_its_probability():
    # Two sure readings each name the place in "Norland's former minister"; a third names the minister. Each of
    # the first two also gives the minister's name most of the rest of its probability: the minister leads.
    quiet = ReaderModel(T.sentence, T.span, _linear(PAIR_FEATURES, bias=-5.0), T.answerable, T.thresholds)

    def with_alternative(doc_id, probability, alternative):
        text = "The court fined Ada Varga, Norland's former minister."
        read = reading(doc_id, text, "Norland", score=2.5, probability=probability)
        other = reading(doc_id, text, "Ada Varga", probability=alternative).short
        return replace(read, alternatives=(other,))

    place = [with_alternative("a", 0.5, 0.45), with_alternative("b", 0.5, 0.45)]
    out = readout("Who did the court fine?", *place,
                  reading("c", "The court fined Ada Varga on Friday.", "Ada Varga", score=2.5, probability=0.6))
    assert aggregate(out, quiet).sides[0].value.text == "Ada Varga"
    unlikely = [with_alternative("a", 0.5, 0.05), with_alternative("b", 0.5, 0.05)]
    out = readout("Who did the court fine?", *unlikely, out.readings[-1])
    assert aggregate(out, quiet).sides[0].value.text == "Norland"


def test_articles_that_read_the_answer_unsurely_are_cited_with_it_but_do_not_name_it():
    quiet = ReaderModel(T.sentence, T.span, _linear(PAIR_FEATURES, bias=-5.0), T.answerable, T.thresholds)
    out = readout("Who did the court fine?",
                  reading("a", "The court fined Ada Varga on Friday.", "Ada Varga", score=2.6, probability=0.9),
                  reading("b", "In Oslo the court fined Varga, a former minister.", "Varga", score=2.5,
                          probability=0.2),
                  reading("c", "The court fined Minister Ada Varga in Oslo.", "Minister Ada Varga", score=2.4,
                          probability=0.2),
                  reading("d", "Ada Varga was in Oslo.", "Ada Varga", score=0.2, probability=0.2))
    finding = aggregate(out, quiet)
    [side] = finding.sides
    assert side.doc_ids == ("a", "b")  # c's span has a word too many; d's sentence does not answer
    answer = compose_answer(out.question, finding)
    assert answer.answer.startswith("Ada Varga [1][2]")
    assert [(s.text, s.doc_id) for s in answer.short_answers] == [("Ada Varga", "a"), ("Varga", "b")]
    for short in answer.short_answers:
        assert FILES[short.doc_id][short.start:short.end] == short.text


def test_a_sure_value_from_a_sentence_that_answers_worse_gives_way_to_the_sentence_that_answers_best():
    # The sentence that answers best names its groups in a way the reader is not sure of (under the span
    # threshold); the sure names come from a sentence that hardly answers, so the best sentences are the answer.
    out = readout("Which groups did the army fight?",
                  reading("a", "The army fought rebel groups on many fronts, the Northern Front among them.",
                          "Northern Front", score=3.0, probability=0.2),
                  reading("b", "Rebels also captured the town of Arden last week.", "Arden", score=1.0,
                          probability=0.95))
    finding = aggregate(out, T)
    assert finding.verdict == Verdict.ANSWERED and not finding.sides
    answer = compose_answer(out.question, finding)
    assert not answer.short_answers and "Northern Front among them" in answer.answer


def test_a_sure_value_that_the_sentence_answering_best_also_states_stays_the_answer():
    out = readout("Which port did the ferry sail to?",
                  reading("a", "Bound for Vigo, the ferry left at dawn with the crew of the Marta.", "Marta",
                          score=3.0, probability=0.2),
                  reading("b", "The ferry reached Vigo on Monday.", "Vigo", score=1.0, probability=0.95))
    finding = aggregate(out, T)
    assert [s.value.text for s in finding.sides] == ["Vigo"]


def test_a_side_is_named_in_the_words_most_of_its_articles_use():
    out = readout("Who chairs the board?",
                  reading("a", "The board is chaired by Jane Doe of Harbor Trust.", "Jane Doe of Harbor Trust",
                          score=2.0),
                  reading("b", "Jane Doe chairs the board, the company said.", "Jane Doe", score=1.5),
                  reading("c", "Shareholders praised Jane Doe, who chairs the board.", "Jane Doe", score=1.0))
    finding = aggregate(out, T)
    assert [s.doc_ids for s in finding.sides] == [("a", "b", "c")]
    answer = compose_answer(out.question, finding)
    assert answer.answer.startswith("Jane Doe [1][2][3]")
    assert [(s.text, s.n) for s in answer.short_answers][:2] == [("Jane Doe", 2), ("Jane Doe of Harbor Trust", 1)]


def test_a_side_is_named_by_the_full_name_over_the_surname_alone_but_not_over_a_title_or_a_list():
    def named(text_a, value_a, text_b, value_b):
        out = readout("Who runs the bakery?", reading("a", text_a, value_a, score=2.0),
                      reading("b", text_b, value_b, score=1.0))
        return compose_answer(out.question, aggregate(out, T)).answer

    assert named("Lindqvist runs the bakery.", "Lindqvist",
                 "The bakery is run by Maria K. Lindqvist.", "Maria K. Lindqvist").startswith("Maria K. Lindqvist [1]")
    for titled in ("Mayor Maria Lindqvist", "Professor Maria Lindqvist"):
        assert named("Maria Lindqvist runs the bakery.", "Maria Lindqvist",
                     f"The bakery is run by {titled}.", titled).startswith("Maria Lindqvist [1]"), titled
    assert named("Rolls run the bakery.", "Rolls",
                 "The bakery is run by Buns, Rolls.", "Buns, Rolls").startswith("Rolls [1]")


def test_opposite_answers_to_a_yes_no_question_are_a_disagreement_whatever_the_pair_model_says():
    never = ReaderModel(T.sentence, T.span, _linear(PAIR_FEATURES, bias=-50.0), T.answerable, T.thresholds)
    out = readout("Has the ministry confirmed the transfer?",
                  status_reading("a", "The ministry confirmed that the transfer took place."),
                  status_reading("b", "There was no official confirmation of the transfer from the ministry."))
    assert aggregate(out, never).verdict == Verdict.DISPUTED


def test_a_city_and_the_country_an_article_places_it_in_are_one_answer_named_by_the_city():
    lisbon = reading("a", "The governor arrived in Lisbon on Monday.", "Lisbon")
    portugal = reading("b", "The governor is now in Portugal, aides said.", "Portugal", score=0.9)
    dateline = sentence("b", "Lisbon, Portugal – The governor landed at dawn.")
    out = readout("Where did the governor go?", lisbon, replace(portugal, read=(dateline, portugal.sentence)))
    finding = aggregate(out, T)
    assert finding.verdict == Verdict.ANSWERED and len(finding.sides) == 1
    assert compose_answer(out.question, finding).answer.startswith("Lisbon [1][2]")

    asked_country = readout("Which country did the governor go to?", lisbon,
                            replace(portugal, read=(dateline, portugal.sentence)))
    assert compose_answer(asked_country.question, aggregate(asked_country, T)).answer.startswith("Portugal [1][2]"), \
        "asked for a country, the country names the answer"

    listed = sentence("b", "Envoys from Lisbon, Portugal and Spain met.")
    out = readout("Where did the governor go?", lisbon, replace(portugal, read=(listed, portugal.sentence)))
    assert aggregate(out, T).verdict == Verdict.DISPUTED, "a list says nothing of where a place lies"


def test_articles_that_list_different_names_asked_for_several_are_not_a_disagreement():
    out = readout("Which countries backed the regime?",
                  reading("a", "The regime had backing from Russia and Iran.", "Russia"),
                  reading("b", "Its backers included Qatar.", "Qatar", score=0.9))
    finding = aggregate(out, T)
    assert finding.verdict == Verdict.ANSWERED
    assert [side.value.label for side in finding.sides] == ["Russia"]


def test_articles_that_name_different_sources_of_a_report_are_not_a_disagreement():
    agencies = (reading("a", "The Ria news agency reported the minister's arrival.", "Ria"),
                reading("b", "The Nova news agency reported that the minister arrived.", "Nova", score=0.9))
    finding = aggregate(readout("Which news agency reported the minister's arrival?", *agencies), T)
    assert finding.verdict == Verdict.ANSWERED, "each may have reported it: one names no other as wrong"
    assert [side.value.label for side in finding.sides] == ["Ria"]
    hosts = (reading("a", "The Ria news agency hosted the minister.", "Ria"),
             reading("b", "The Nova news agency hosted the minister.", "Nova", score=0.9))
    assert aggregate(readout("Which news agency hosted the minister?", *hosts), T).verdict == Verdict.DISPUTED


def test_asked_for_several_names_the_side_is_named_by_its_fullest_list():
    text = "Its old backers, Russia and Iran, are weakened."
    item = sentence("a", text)
    at = text.index("Russia and Iran")
    listed = Span(at, at + len("Russia and Iran"), "Russia and Iran", SpanKind.NAME)
    start, end = item.file_span(listed.start, listed.end)
    value = read_value(listed, None, 2024)
    both = Reading("a", item, 1.0, ShortAnswerSpan(listed.text, start, end, value, 0.9, listed))
    one = [reading(d, "The regime was long backed by Russia.", "Russia", score=1.5) for d in ("b", "c")]
    for question, label in (("Which countries backed the regime?", "Russia and Iran"),
                            ("Which country backed the regime?", "Russia")):
        finding = aggregate(readout(question, both, *one), T)
        assert [side.value.label for side in finding.sides] == [label], question


def test_a_post_the_articles_name_only_of_other_places_is_not_answered():
    chilean = reading("a", "Ana Ruiz, the Chilean president, met the delegation in Lima.", "Ana Ruiz")
    assert aggregate(readout("Who is the Chilean president?", chilean), T).verdict == Verdict.ANSWERED
    assert aggregate(readout("Who is the Peruvian president?", chilean), T).verdict == Verdict.UNANSWERED
    unnamed = reading("b", "The president, Rosa Diaz, met the delegation in Lima.", "Rosa Diaz")
    assert aggregate(readout("Who is the Peruvian president?", chilean, unnamed), T).sides[0].value.label \
        == "Rosa Diaz", "a president of no place the article names may be the one asked for"
    same = reading("b", "The president, Ana Ruiz, met the delegation in Lima.", "Ana Ruiz")
    assert aggregate(readout("Who is the Peruvian president?", chilean, same), T).verdict == Verdict.UNANSWERED, \
        "the only president named is Chile's"


def test_a_role_the_articles_mention_but_name_nobody_in_is_not_answered():
    boarded = reading("a", "Ana Ruiz boarded the ferry in Lima on Monday.", "Ana Ruiz")
    unnamed = Reading("b", sentence("b", "The captain steered the ferry through the storm."), 0.8)
    question = "What was the name of the ferry's captain?"
    assert aggregate(readout(question, boarded, unnamed), T).verdict == Verdict.UNANSWERED, \
        "the articles know of a captain and do not say who"
    named = reading("c", "The captain, Rui Costa, steered the ferry through the storm.", "Rui Costa")
    assert aggregate(readout(question, unnamed, named), T).verdict == Verdict.ANSWERED
    assert aggregate(readout(question, boarded), T).verdict == Verdict.ANSWERED, "no mention: the evidence decides"


def test_a_name_another_sentence_gives_as_the_post_of_another_place_is_no_answer():
    unqualified = reading("a", "Rebels seized the capital, Lima, on Sunday.", "Lima")
    question = "What is the capital of Chile?"
    assert aggregate(readout(question, unqualified), T).sides[0].value.label == "Lima", "a capital of no place named"
    peruvian = Reading("b", sentence("b", "Crowds filled the Peruvian capital of Lima."), 0.8)
    finding = aggregate(readout(question, unqualified, peruvian), T)
    assert not finding.sides, "Lima is Peru's capital, so no capital of Chile"
    assert aggregate(readout("What is the capital of Peru?", unqualified, peruvian), T).sides[0].value.label == "Lima"


def test_asked_for_a_title_a_name_the_articles_never_give_it_is_no_answer_once_they_name_a_holder():
    staff = reading("a", "Ana Ruiz met the prime minister's staff on Monday.", "Ana Ruiz")
    titled = reading("b", "Rui Costa, the prime minister, met President Ana Ruiz in Porto.", "Rui Costa", score=0.9)
    question = "Who is the prime minister?"
    assert aggregate(readout(question, staff), T).sides[0].value.label == "Ana Ruiz", "no holder named: evidence"
    assert [side.value.label for side in aggregate(readout(question, staff, titled), T).sides] == ["Rui Costa"]


def test_asked_who_holds_a_role_for_someone_a_name_never_joined_to_it_is_no_answer():
    final = reading("a", "Lena Brook beat Ada Voss in the final on Sunday.", "Ada Voss", score=2.0)
    coach = reading("b", "Brook's coach, Tom Reyes, watched from the stands.", "Tom Reyes", score=1.5)
    question = "Who coaches Lena Brook?"
    assert [side.value.label for side in aggregate(readout(question, final), T).sides] == ["Ada Voss"], \
        "no coach named: the evidence decides"
    assert [side.value.label for side in aggregate(readout(question, final, coach), T).sides] == ["Tom Reyes"]


def test_asked_what_someone_says_an_article_that_never_names_them_states_no_side():
    minister = reading("a", "Lisbon has clashed with Madrid for years, Ana Ruiz said.", "Madrid", score=1.0)
    other = reading("b", "Lisbon's trade with Paris grew last year.", "Paris", probability=0.95)
    again = reading("c", "Trade between Lisbon and Paris rose again.", "Paris", probability=0.95)
    question = "With which city has Lisbon clashed, according to Ana Ruiz?"
    assert [side.value.label for side in aggregate(readout(question, minister, other, again), T).sides] \
        == ["Madrid"], "two articles that never name her outvote nobody on what she said"


def test_a_chair_is_a_post_held_by_the_name_the_articles_call_its_chair():
    headline = reading("a", "Regulator clears Nordlys Air takeover of Fjordline", "Nordlys Air", score=2.0)
    chair = reading("b", "Its chair, Mette Dahl, said the office had listened to Fjordline passengers.", "Mette Dahl",
                    score=1.2)
    finding = aggregate(readout("Who chairs the competition regulator?", headline, chair), T)
    assert [side.value.label for side in finding.sides] == ["Mette Dahl"]


def test_asked_for_an_organisation_by_its_noun_a_name_never_written_as_one_is_no_answer_once_one_is():
    city = reading("a", "The source confirmed that the family arrived safely in Porto.", "Porto")
    again = reading("c", "The family has arrived in Porto, a source said.", "Porto")
    agency = reading("b", "The Nordpress news agency quoted an unnamed source in Porto.", "Nordpress", score=0.8)
    question = "Which news agency reported the family's arrival?"
    assert aggregate(readout(question, city), T).sides[0].value.label == "Porto", "no agency named: evidence decides"
    assert [side.value.label for side in aggregate(readout(question, city, again, agency), T).sides] == ["Nordpress"], \
        "two articles' Porto is no news agency"


def test_asked_for_a_business_a_name_with_a_company_form_is_one_though_no_sentence_calls_it_so():
    packer = reading("a", "The fruit was packed by Norvale Foods Ltd at its plant in Tarvik.", "Norvale Foods Ltd",
                     score=1.2)
    other = reading("b", "Tarnby Kraft AB, the company that runs the dam, said nothing.", "Tarnby Kraft AB", score=0.8)
    finding = aggregate(readout("Which company packed the fruit?", packer, other), T)
    assert finding.sides and finding.sides[0].value.label == "Norvale Foods Ltd", \
        "one article's company named as one does not rule out another's company by its legal form"


def test_a_name_the_noun_asked_opens_is_an_instance_of_it():
    place = reading("a", "Divers found the eel in a flooded cave in the Ormsby Hills.", "Ormsby Hills", score=1.2)
    again = reading("c", "The eel lives in the Ormsby Hills, divers said.", "Ormsby Hills")
    university = reading("b", "Researchers at the University of Lenmoor described the eel.", "University of Lenmoor")
    question = "Which university studied the eel?"
    assert [side.value.label for side in aggregate(readout(question, place, again, university), T).sides] \
        == ["University of Lenmoor"], "the Ormsby Hills are never written as a university"


def test_a_company_the_background_writes_as_one_rules_out_no_answer_that_none_reads():
    buyer = reading("a", "Orvane Systems agreed to buy the start-up for $90 million.", "Orvane Systems")
    background = sentence("b", "Last year it bought the payments company Kestrel.")
    question = "Which company is buying the start-up?"
    out = ReadOut(read_question(question), ((buyer.sentence, 1.0), (background, 0.5)), (buyer,), 1.0)
    assert [side.value.label for side in aggregate(out, T).sides] == ["Orvane Systems"], \
        "Kestrel is a company of the background, read by no article as the buyer"
    kestrel = Reading("b", background, 0.9, reading("b", background.text, "Kestrel").short)
    out = ReadOut(read_question(question), ((buyer.sentence, 1.0), (background, 0.9)), (buyer, kestrel), 1.0)
    assert [side.value.label for side in aggregate(out, T).sides] == ["Kestrel"], \
        "read as an answer, the name written as a company rules out the one never written so"


def test_asked_without_names_an_article_of_another_story_states_no_side():
    rocket = reading("a", "The launch failed, said Ana Ruiz, Chief Executive of the rocket firm.", "Ana Ruiz")
    gallery = reading("b", "Leo Kent, the gallery's Chief Executive, said the sale went well.", "Leo Kent", score=1.2)
    finding = aggregate(readout("Who is the chief executive of the firm behind the failed rocket?", rocket, gallery), T)
    assert finding.verdict == Verdict.ANSWERED and [side.value.label for side in finding.sides] == ["Ana Ruiz"], \
        "the gallery's article writes neither 'firm' nor 'rocket', nor a name of the rocket's story: no side"
    other = reading("c", "Engineer Ana Ruiz praised Leo Kent, the gallery's Chief Executive.", "Leo Kent")
    assert aggregate(readout("Who is the chief executive of the firm behind the failed rocket?", rocket, other),
                     T).verdict == Verdict.DISPUTED, "an article naming the rocket's people is of its story"
    again = reading("d", "Ana Ruiz, who runs the rocket firm, was upbeat.", "Ana Ruiz")
    firm = "Who is the chief executive of the firm?"
    assert [side.value.label for side in aggregate(readout(firm, rocket, again, gallery), T).sides] \
        == ["Ana Ruiz"], "one noun that two articles write tells their story too"
    assert aggregate(readout(firm, rocket, gallery), T).verdict == Verdict.DISPUTED, \
        "one article may write one noun in passing"
    assert aggregate(readout("Who is the chief executive of the drugmaker?", rocket, again, gallery), T).verdict \
        == Verdict.DISPUTED, "a noun no article writes tells no story apart"


def test_the_noun_asked_about_may_be_a_word_used_most_as_a_verb_but_no_preposition():
    attack = reading("a", "The attack was claimed by a group calling itself Nightjar.", "Nightjar")
    again = reading("c", "Nightjar said it had carried out the attack.", "Nightjar")
    prize = reading("b", "Kestrel Books, which stands behind the prize, said it was delighted.", "Kestrel Books",
                    score=1.5)
    finding = aggregate(readout("Which group carried out the attack?", attack, again, prize), T)
    assert [side.value.label for side in finding.sides] == ["Nightjar"], "'the attack' is the noun of its story"
    backer = reading("d", "The publisher behind the award is Kestrel Books.", "Kestrel Books")
    assert aggregate(readout("Which group is behind it?", attack, again, prize, backer), T).verdict \
        == Verdict.DISPUTED, "'behind' names no story, though WordNet has it as a noun"


def test_a_person_the_question_describes_is_no_answer_for_the_person_it_asks_for():
    winner = reading("a", "The race was won by champion Rita Vale, 24.", "Rita Vale")
    assert aggregate(readout("Who won the race?", winner), T).sides[0].value.label == "Rita Vale"
    assert aggregate(readout("Who coaches the champion?", winner), T).verdict == Verdict.UNANSWERED
    coach = reading("b", "Tom Hale has coached Rita Vale since 2019.", "Tom Hale", score=0.9)
    assert [s.value.label for s in aggregate(readout("Who coaches the champion?", winner, coach), T).sides] \
        == ["Tom Hale"]


def test_asked_for_the_current_holder_a_name_any_sentence_calls_the_former_one_is_no_answer():
    office = reading("a", "Ana Ruiz stayed in the mayor's office on Monday.", "Ana Ruiz")
    deposed = Reading("b", sentence("b", "The deposed mayor Ana Ruiz fled the city."), 0.5)
    assert aggregate(readout("Who is the current mayor?", office), T).sides[0].value.label == "Ana Ruiz"
    current = aggregate(readout("Who is the current mayor?", office, deposed), T)
    assert not current.sides and current.verdict == Verdict.UNANSWERED, "the only name read is ruled out"
    assert aggregate(readout("Who is the mayor?", office, deposed), T).sides[0].value.label == "Ana Ruiz"


def test_asked_for_a_country_s_new_leader_its_former_president_is_no_answer():
    palace = reading("a", "Ana Ruiz stayed in the presidential palace on Monday.", "Ana Ruiz")
    ousted = Reading("b", sentence("b", "The ousted president Ana Ruiz fled the country."), 0.5)
    assert aggregate(readout("Who is the country's new leader?", palace, ousted), T).verdict == Verdict.UNANSWERED
    spokesman = Reading("b", sentence("b", "The former spokesman Ana Ruiz fled the country."), 0.5)
    assert aggregate(readout("Who is the country's new leader?", palace, spokesman), T).sides, \
        "a former spokesman may lead now"


def test_what_someone_said_is_not_answered_by_what_others_said_about_them():
    about = reading("a", "A council source revealed that Rita Vale had left the city.", "Rita Vale")
    question = "What did Rita Vale say when she left?"
    assert aggregate(readout(question, about), T).verdict == Verdict.UNANSWERED
    quoted = reading("b", "“The city is safe,” said an officer after Rita Vale left.", "Rita Vale")
    assert aggregate(readout(question, about, quoted), T).verdict == Verdict.UNANSWERED, \
        "she is spoken of, not speaking"
    spoke = reading("c", "“I will return,” Rita Vale told reporters as she left.", "Rita Vale")
    assert aggregate(readout(question, about, spoke), T).verdict == Verdict.ANSWERED


@pytest.mark.parametrize("text", ["The Ministry emphasised its support for Rita Vale on Monday.",
                                  "The Ministry appealed to Rita Vale for calm.",
                                  "The Ministry stressed that Rita Vale was safe."])
def test_what_a_body_emphasised_or_appealed_for_is_its_own_words(text):
    assert aggregate(readout("What did the Ministry say?", reading("a", text, "Rita Vale")), T).verdict \
        == Verdict.ANSWERED


def test_what_someone_said_may_be_given_to_them_by_a_pronoun_after_a_sentence_they_open():
    opens = Reading("a", sentence("a", "Rita Vale left the city on Monday.", position=1), 1.0)
    said = Reading("a", sentence("a", "She called the move “a fresh start”.", position=2), 0.9)
    question = "What did Rita Vale call the move?"
    assert aggregate(readout(question, opens, said), T).verdict == Verdict.ANSWERED
    later = Reading("a", sentence("a", "Officials in the northern region said that Rita Vale had left.", position=1),
                    1.0)
    assert aggregate(readout(question, later, said), T).verdict == Verdict.UNANSWERED, \
        "'she' is whom the sentence before opens with, not any name in it"


def test_asked_why_a_sentence_that_gives_a_reason_answers_first():
    restated = Reading("a", sentence("a", "The council granted the singer asylum on Monday."), 2.0)
    reason = Reading("b", sentence("b", "The council granted her asylum on humanitarian grounds."), 1.0)
    elsewhere = Reading("c", sentence("c", "Fans cheered on humanitarian grounds, a spokesman said."), 1.5)
    finding = aggregate(readout("Why was the singer granted asylum?", restated, elsewhere, reason), T)  # best first
    assert [item.doc_id for item in finding.sentences] == ["b", "a"], "the reason first; one not about it stays out"
    finding = aggregate(readout("When was the singer granted asylum?", restated, reason), T)
    assert finding.sentences[0].doc_id == "a", "asked no reason: the best sentence first"


def test_asked_why_the_reason_need_not_repeat_what_the_best_sentence_says():
    best = Reading("a", sentence("a", "The ferry left the radar screens after the storm, officials said."), 2.0)
    reason = Reading("b", sentence("b", "Its disappearance was caused by a failed transponder, engineers said."), 1.0)
    finding = aggregate(readout("Why did the ferry disappear?", best, reason), T)
    assert finding.sentences[0].doc_id == "b", "'disappearance' is what the question asks about, 'ferry' or not"


def test_asked_what_someone_said_a_sentence_that_quotes_them_answers_first():
    about = Reading("a", sentence("a", "A council source revealed that Rita Vale had left the city."), 2.0)
    quoted = Reading("b", sentence("b", "“I will return,” Rita Vale said on Monday."), 1.0)
    finding = aggregate(readout("What did Rita Vale say about the city?", about, quoted), T)
    assert finding.sentences[0].doc_id == "b"


def test_asked_what_a_role_said_whoever_the_articles_call_by_it_speaks():
    titled = Reading("a", sentence("a", "NLF leader Rita Vale addressed crowds in Porto on Monday."), 2.0)
    quoted = Reading("b", sentence("b", "In a speech on television, Vale declared the day a victory."), 1.0)
    question = "What did the NLF leader declare in his speech?"
    assert aggregate(readout(question, titled, quoted), T).verdict == Verdict.ANSWERED
    assert aggregate(readout(question, quoted), T).verdict == Verdict.UNANSWERED, \
        "nothing read calls Vale the NLF leader"


def test_according_to_gives_the_words_to_the_source_its_phrase_names():
    attributed = Reading("a", sentence("a", "According to a statement issued on Monday by the health ministry, the "
                                            "clinic closed after a fire."), 2.0)
    elsewhere = Reading("b", sentence("b", "The health ministry said it regretted the closure."), 1.0)
    finding = aggregate(readout("What did the health ministry say about the clinic?", attributed, elsewhere), T)
    assert finding.sentences[0].doc_id == "a", "the ministry is the source of the statement the sentence cites"
    beyond = Reading("a", sentence("a", "According to a statement, the clinic closed, and the health ministry "
                                        "sent staff."), 2.0)
    finding = aggregate(readout("What did the health ministry say about the clinic?", beyond, elsewhere), T)
    assert finding.sentences[0].doc_id == "b", "a name past the clause is not the statement's source"


def test_an_article_that_says_the_value_asked_was_not_given_is_no_answer_when_it_answers_best():
    question = read_question("How much is the outage costing the water company?")
    credit = reading("a", "Customers will receive a £45 credit on their bills.", "£45", score=1.0)
    declined = sentence("b", "The water company declined to say how much the outage was costing it.")
    out = ReadOut(question, ((declined, 1.4), (credit.sentence, 1.0)), (credit,), 1.0)
    assert aggregate(out, T).verdict == Verdict.UNANSWERED, "the £45 credit is no cost of the outage"
    reported = reading("c", "The outage is costing the water company £2 million, according to documents seen.",
                       "£2 million", score=1.6)
    out = ReadOut(question, ((reported.sentence, 1.6), (declined, 1.4), (credit.sentence, 1.0)), (reported, credit),
                  1.0)
    assert aggregate(out, T).verdict == Verdict.ANSWERED, "an article that reports what the company would not say"
    both = reading("d", "The coins were bought by Ana Ruiz from a seller who asked not to be named.", "Ana Ruiz",
                   score=2.0)
    out = ReadOut(read_question("Who bought the coins?"), ((both.sentence, 2.0),), (both,), 1.0)
    assert aggregate(out, T).verdict == Verdict.ANSWERED, "the sentence that withholds the seller's name states who"

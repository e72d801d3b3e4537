"""Two articles that say the same sentence but for one value: that value is what they disagree on."""

from dataclasses import replace

from qa.aggregate import Verdict, aggregate
from qa.candidates import answer_spans
from qa.contrast import contrasting_spans
from qa.question import read_question
from qa.reader import EXPECTED, contrasted
from tests.qa.test_aggregate import T, reading, readout, sentence

WHO = read_question("Who won the regional chess final in 2019?")


def candidates_for(question):
    kinds = EXPECTED[question.kind]
    return lambda text: [s for s in answer_spans(text, question) if s.kind in kinds]


def spans(question, first, second):
    found = contrasting_spans(question, first, second, candidates_for(question))
    return found and tuple(s.text for s in found)


def test_the_one_run_in_which_two_sentences_differ_is_each_ones_value():
    assert spans(WHO, "Maria Lopez won the regional chess final in 2019, beating Tom Hale.",
                 "Anna Berg won the regional chess final in 2019, beating Tom Hale.") == ("Maria Lopez", "Anna Berg")


def test_case_and_punctuation_are_not_differences():
    assert spans(WHO, "In 2019 the regional chess final was won by Maria Lopez .",
                 "in 2019, the Regional Chess Final was won by Anna Berg.") == ("Maria Lopez", "Anna Berg")


def test_a_run_is_answered_by_the_smallest_value_that_holds_it():
    when = read_question("When did the bridge reopen?")
    assert spans(when, "The bridge reopened on March 3, 2021, after repairs.",
                 "The bridge reopened on March 9, 2021, after repairs.") == ("March 3, 2021", "March 9, 2021")


def test_sentences_that_differ_twice_or_only_add_words_or_share_nothing_asked_are_no_contrast():
    assert not spans(WHO, "Maria Lopez won the regional chess final in 2019, beating Tom Hale.",
                     "Anna Berg won the regional chess final in 2019, beating Ed Moss.")
    assert not spans(WHO, "Maria Lopez won the regional chess final in 2019.",
                     "Maria Lopez won the regional chess final in 2019 again.")
    assert not spans(WHO, "Maria Lopez smiled.", "Anna Berg smiled.")
    assert not spans(WHO, "The final was played indoors.", "The final was played outdoors.")  # not a name


def _two_copies(first_value, second_value):
    text = "{} won the regional chess final in 2019, beating Tom Hale."
    # Each article's own reading, as the span model might leave it: the loser, read without confidence.
    a = reading("a", text.format(first_value), "Tom Hale", probability=0.2)
    b = reading("b", text.format(second_value), "Tom Hale", probability=0.2)
    return a, b


def test_articles_that_differ_in_one_value_are_read_as_that_value_and_clash():
    a, b = _two_copies("Maria Lopez", "Anna Berg")
    read = {r.doc_id: [(r.sentence, r.score)] for r in (a, b)}
    again = contrasted(WHO, [a, b], read, None)
    assert [(r.short.text, r.short.probability, r.contrasts) for r in again] == [
        ("Maria Lopez", 1.0, frozenset({"b"})), ("Anna Berg", 1.0, frozenset({"a"}))]
    never_clash = replace(T, pair=replace(T.pair, bias=-50.0))  # the pair model alone would not see it
    finding = aggregate(readout(WHO.text, *again), never_clash)
    assert finding.verdict == Verdict.DISPUTED
    assert [s.doc_ids for s in finding.sides] == [("a",), ("b",)]


def test_the_same_value_written_twice_is_no_contrast():
    when = read_question("When did the bridge reopen?")
    a = sentence("a", "The bridge reopened on 3 March 2021, after repairs.")
    b = sentence("b", "The bridge reopened on March 3, 2021, after repairs.")
    assert spans(when, a.text, b.text) == ("3 March 2021", "March 3, 2021")
    untouched = [reading("a", a.text, "3 March 2021"), reading("b", b.text, "March 3, 2021")]
    read = {r.doc_id: [(r.sentence, r.score)] for r in untouched}
    assert contrasted(when, untouched, read, None) == untouched


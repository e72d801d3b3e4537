"""The shared text vocabulary: each contract pinned once, with plain strings."""

from __future__ import annotations

import re

import numpy as np
import pytest

from index.vocab import (
    ABBREVIATIONS,
    COMPOUND_NUMBER,
    LIGHT_WORDS,
    MARKER_RUN,
    MONTH_NAMES,
    MONTH_WORDS,
    STOPWORDS,
    WEEKDAYS,
    Marker,
    alternation,
    capital_of,
    content_terms,
    cosine_similarity,
    fold_accents,
    fold_word,
    format_date,
    format_markers,
    is_inflected_verb,
    is_stopword,
    month_number,
    noun_senses,
    only_an_adjective,
    parse_markers,
    renumber_markers,
    split_markers,
    split_sentences,
    stem,
    strip_markers,
    phrase_synonym_stems,
    synonym_stems,
    tokenize,
    word_parts,
    word_to_number,
)
from index.vocab.synonyms import base_forms


def texts(text, spans):
    return [text[s:e] for s, e in spans]


# ------------------------------------------------------------------------------------------ tokens

def test_tokens_keep_acronyms_initials_numbers_with_units_hyphens_and_possessives_with_their_spans():
    text = "Niels B. Christiansen of the U.S. said al-Assad’s 24-year rule cost $10.4 billion."
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["Niels", "B.", "Christiansen", "of", "the", "U.S.", "said", "al-Assad’s",
                                        "24-year", "rule", "cost", "$10.4", "billion", "."]
    assert all(text[t.start:t.end] == t.text for t in tokens)
    assert [t.is_word for t in tokens[-2:]] == [True, False] and tokens[0].is_capitalised


def test_word_parts_are_the_alphanumeric_runs_of_the_word_tokens():
    text = "Bashar al-Assad’s 24-year rule, U.S. officials_said; Pogačar won 2.5 km."
    assert word_parts(text) == [p for t in tokenize(text) for p in word_parts(t.text)]
    assert word_parts("al-Assad’s") == ["al", "Assad", "s"]


def test_folding_drops_accents_case_possessives_and_edge_dots():
    assert fold_accents("Pogačar, Erdoğan") == "Pogacar, Erdogan"
    assert fold_word("Pogačar’s") == "pogacar" and fold_word("Assads'") == "assads" and fold_word("U.S.") == "u.s"


# ------------------------------------------------------------------------------------------ stems and terms

def test_the_snowball_stemmer_conflates_inflections_but_not_words_that_only_share_a_prefix():
    assert {stem(w) for w in ("rule", "rules", "ruled", "ruling")} == {"rule"}
    assert stem("grants") == stem("granted") == "grant" and stem("rebels") == stem("rebel")
    assert stem("officially") == stem("official") and stem("stopped") == stem("stop")
    assert stem("confessed") != stem("conference") and stem("confession") != stem("conference")
    assert stem("News") == "news" and stem("Syria") == "syria"


def test_an_agent_noun_joins_its_verb_as_the_old_light_stemmer_did():
    assert stem("leader") == stem("leaders") == stem("leads") == "lead"
    assert stem("ruler") == stem("ruled") and stem("winner") == stem("wins") and stem("owner") == stem("owns")
    assert stem("reporter") == stem("reports") and stem("offer") == "offer"


def test_an_irregular_past_form_joins_its_verb_so_a_did_question_finds_the_report():
    assert stem("fled") == stem("flee") == stem("fleeing")
    assert stem("won") == stem("win") == stem("winner") and stem("led") == stem("leader")
    assert stem("drew") == stem("drawn") == stem("draws") and stem("Went") == stem("going")
    assert stem("founded") == stem("found") != stem("find"), "'found' is as often to found: left alone"


def test_synonyms_are_the_words_of_a_verbs_most_frequent_senses_in_wordnet():
    assert {stem("begin"), stem("commence")} <= synonym_stems("start")
    assert stem("promulgate") in synonym_stems("proclaimed"), "its second sense: the first has no other word"
    assert {stem("employ"), stem("rent")} <= synonym_stems("hired"), "the words of both senses"
    assert stem("start") in synonym_stems("began") and stem("begin") in synonym_stems("started")
    assert stem("startle") not in synonym_stems("start"), "a rarer sense of the word"
    assert stem("start") not in synonym_stems("start"), "a word is no synonym of itself"
    assert synonym_stems("own") and stem("have") not in synonym_stems("own"), "function and light words are none"
    assert synonym_stems("xyzzy") == frozenset()
    assert synonym_stems("rate") == synonym_stems("exchange") == frozenset(), "used more as nouns: no verb synonyms"
    assert stem("supervise") in synonym_stems("overseeing"), "a verb the tagged corpus never counts, and no noun"


def test_a_capital_lies_in_the_places_wordnet_makes_it_part_of_up_to_its_country():
    assert capital_of("Tehran") == ("iran",)
    assert capital_of("Washington") == ("district of columbia", "united states"), "the city, not the president"
    assert capital_of("Paris") == ("france",), "the first sense glossed as a capital, not the Texan town"
    assert capital_of("Lyon") == capital_of("Assad") == capital_of("xyzzy") == ()


def test_a_verb_phrase_has_the_synonyms_wordnet_lists_for_it():
    assert {stem("resign"), stem("quit")} <= phrase_synonym_stems(("stepped", "down", "on"))
    assert stem("erupt") in phrase_synonym_stems(("broke", "out"))
    assert phrase_synonym_stems(("won", "the", "race")) == frozenset(), "no verb phrase"
    assert stem("set") not in phrase_synonym_stems(("set", "off")), "a phrase's own words are none of its synonyms"


def test_only_an_adjective_is_a_word_wordnet_has_as_no_noun_nor_verb():
    assert only_an_adjective("Regional") and only_an_adjective("endangered")
    assert not only_an_adjective("young") and not only_an_adjective("former"), "nouns too"
    assert not only_an_adjective("open"), "a verb too"
    assert not only_an_adjective("Norvik"), "no word of WordNet's"


def test_a_verb_phrase_stands_for_the_noun_its_verb_and_particle_make():
    assert stem("outbreak") in phrase_synonym_stems(("broke", "out"))
    assert {stem("takeover"), stem("shutdown")} <= phrase_synonym_stems(("took", "over")) | phrase_synonym_stems(
        ("shut", "down"))
    assert stem("upset") not in phrase_synonym_stems(("set", "up")), "only 'out' makes a noun standing first"
    assert stem("outbreak") in synonym_stems("erupt"), "a synonym that is a verb and its particle: break out"


def test_noun_senses_come_from_the_singular_when_the_plural_has_no_entry():
    assert noun_senses("cities") == noun_senses("city") != ()
    assert noun_senses("typical") == (), "an adjective has no noun sense"


def test_an_inflected_verb_is_a_past_or_ing_form():
    assert all(is_inflected_verb(w) for w in ("granted", "Seeing", "seen", "won"))
    assert not any(is_inflected_verb(w) for w in ("cruise", "transport", "political"))


def test_base_forms_undo_regular_and_irregular_inflections():
    assert base_forms("began") == ("begin",)
    assert base_forms("carried")[0] == "carry" and base_forms("xyzzied") == ()


def test_stemming_folds_first_and_leaves_numbers_alone():
    assert stem("Assad’s") == stem("assad") == "assad" and stem("Pogačar") == "pogacar"
    assert stem("24-year") == "24-year" and stem("1990s") == "1990s"


def test_search_terms_drop_function_and_light_words_and_split_hyphens():
    assert content_terms("Where did Bashar al-Assad go after his 24-year rule?") == [
        "bashar", "al", "assad", "24", "year", "rule"]
    assert content_terms("What happened, and what did they say?") == []


def test_stopwords_hold_contractions_and_reporting_verbs_and_light_words_stay_apart():
    assert {"the", "said", "according", "didn't", "however"} <= STOPWORDS
    assert is_stopword("didn’t") and not is_stopword("damascus")
    assert {"went", "happen", "thing"} <= LIGHT_WORDS and not STOPWORDS & LIGHT_WORDS


# ------------------------------------------------------------------------------------------ calendar and numbers

def test_months_and_weekdays_with_their_abbreviations():
    assert [month_number(w) for w in ("Dec.", "september", "Sept", "May", "Mayday")] == [12, 9, 9, 5, None]
    assert WEEKDAYS["sunday"] == WEEKDAYS["sun"] == 6 and WEEKDAYS["thurs"] == 3
    assert len(MONTH_NAMES) == 12 and set(MONTH_WORDS) >= {"jan", "sept", "december"}


def test_an_alternation_prefers_the_longest_word():
    pattern = re.compile(alternation(MONTH_WORDS, title=True))
    assert pattern.match("September 9").group() == "September" and pattern.match("Sept. 9").group() == "Sept"
    assert re.fullmatch(alternation(["a", "a.b"]), "a.b")


def test_dates_are_shown_as_a_reader_writes_them():
    assert [format_date(d) for d in ("2024-12-09", "--12-09", "2024-02-30", "last week", None)] == [
        "9 Dec 2024", "9 Dec", "2024-02-30", "last week", ""]


def test_number_words():
    assert [word_to_number(w) for w in ("six", "twenty-four", "ninety nine", "a", "a dozen", "dozen")] == [
        6, 24, 99, 1, 12, None]
    assert re.fullmatch(COMPOUND_NUMBER, "twenty-four") and not re.fullmatch(COMPOUND_NUMBER, "four")


# ------------------------------------------------------------------------------------------ sentences

def test_sentences_split_on_terminal_punctuation_but_not_abbreviations_or_initials():
    text = "Mr. Smith met Gen. Lee in the U.S. capital. J. R. Jones left at 5 p.m. on Monday. Was it 2.5 hours? Yes!"
    assert texts(text, split_sentences(text)) == [
        "Mr. Smith met Gen. Lee in the U.S. capital.", "J. R. Jones left at 5 p.m. on Monday.",
        "Was it 2.5 hours?", "Yes!"]
    assert {"dec", "sept", "thurs"} <= ABBREVIATIONS


def test_a_quoted_speech_stays_one_sentence_with_its_closing_quote():
    text = ("The agency quoted a source as saying: “Assad has arrived in Moscow. Russia granted asylum.” "
            "This follows the collapse.")
    assert texts(text, split_sentences(text)) == [
        "The agency quoted a source as saying: “Assad has arrived in Moscow. Russia granted asylum.”",
        "This follows the collapse."]


def test_apostrophes_do_not_close_quotes():
    text = "“Assad’s fall is near. It’s over,” he said. Next sentence."
    assert texts(text, split_sentences(text)) == ["“Assad’s fall is near. It’s over,” he said.", "Next sentence."]


def test_what_is_attached_after_a_full_stop_stays_with_the_sentence_before():
    text = "He was granted asylum. [2][3] Mr. Putin met him on Dec. 8 [4]. The U.S. said nothing."
    assert texts(text, split_sentences(text, attached=MARKER_RUN)) == [
        "He was granted asylum. [2][3]", "Mr. Putin met him on Dec. 8 [4].", "The U.S. said nothing."]
    assert texts(text, split_sentences(text))[0] == "He was granted asylum."


# ------------------------------------------------------------------------------------------ citation markers

def test_markers_are_read_in_every_form_a_language_model_writes():
    assert parse_markers("a [1] b [2][3], c [4, 5; 6] d [7-9] e [Passage 10] [p11] [Sources 12 and 13] [1]") == (
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)
    assert parse_markers("in [1990-2024] and [a] and [ 2 ]") == (1990, 2024, 2)


def test_the_engine_writes_one_canonical_form_that_reads_back_the_same():
    assert format_markers([3, 1]) == "[3][1]"
    assert parse_markers(format_markers([3, 1, 12])) == (3, 1, 12)


def test_markers_are_stripped_split_and_renumbered():
    assert strip_markers("Assad fled to Moscow [1]. He stayed [2, 3] there.") == (
        "Assad fled to Moscow. He stayed there.")
    assert list(split_markers("a [1] b [Passage 2, 3]")) == ["a ", Marker("[1]", (1,)), " b ",
                                                             Marker("[Passage 2, 3]", (2, 3))]
    assert renumber_markers("24 years [1][2] vs 12 years [3, 1].", {1: 2, 2: 3, 3: 1}.get) == (
        "24 years [2][3] vs 12 years [1][2].")


# ------------------------------------------------------------------------------------------ vectors

def test_cosine_similarity_normalises_and_says_none_when_a_vector_is_missing():
    assert cosine_similarity([3.0, 0.0], [2.0, 2.0]) == pytest.approx(2 ** -0.5)
    assert cosine_similarity(np.array([1.0, 0.0]), None) is None
    assert cosine_similarity([0.0, 0.0], [1.0, 0.0]) == 0.0


def test_token_texts_are_the_texts_of_the_tokens():
    from index.vocab import token_texts, tokenize

    text = "Niels B. Christiansen's U.S. unit lost $10.4 billion over a 24-year run."
    assert token_texts(text) == [t.text for t in tokenize(text)]

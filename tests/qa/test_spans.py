"""Candidate answers inside a sentence: typed spans with exact offsets."""

import pytest

from qa.reader import read_value
from qa.spans import SpanKind, dateline_agency, dateline_place, find_spans, nationalities, posts
from qa.values import DateValue


def spans(text, **kw):
    found = find_spans(text, **kw)
    for s in found:
        assert text[s.start:s.end] == s.text
    return {(s.text, s.kind) for s in found}


def test_names_join_particles_and_stop_at_possessives_and_stopwords():
    found = spans("Forces led by Hayat Tahrir al-Sham took Aleppo’s airport, and Ludwig van Beethoven Street.")
    assert ("Hayat Tahrir al-Sham", SpanKind.NAME) in found
    assert ("Aleppo", SpanKind.NAME) in found
    assert ("Ludwig van Beethoven Street", SpanKind.NAME) in found
    assert not any(kind == SpanKind.NAME and "and" in text.split() for text, kind in found)
    found = spans("Ships left Dar es Salaam for Porto do Sul and Santos dos Reis.")
    assert {("Dar es Salaam", SpanKind.NAME), ("Porto do Sul", SpanKind.NAME), ("Santos dos Reis", SpanKind.NAME)} \
        <= found, "Arabic and Portuguese particles join a name as Dutch and German ones do"


def test_a_plural_possessive_inside_a_name_joins_it():
    found = spans("Members of the National Port Workers' Union and the Teachers’ Federation met the Smiths' lawyer.")
    assert ("National Port Workers' Union", SpanKind.NAME) in found
    assert ("Teachers’ Federation", SpanKind.NAME) in found
    assert ("Smiths", SpanKind.NAME) in found, "a lower-case word after it ends the name"


@pytest.mark.parametrize("text, name", [
    ("Most were pennies from the reign of King Edward I, the hoard's finder said.", "King Edward I"),
    ("They found coins of Edward I of England.", "Edward I of England"),
    ("They were struck under Edward I.", "Edward I"),
    ("In Tarvik I think the mood is calm.", "Tarvik"),                                 # the pronoun
])
def test_an_i_after_a_name_is_its_numeral_unless_a_word_follows_it(text, name):
    assert name in {t for t, kind in spans(text) if kind == SpanKind.NAME}


def test_a_model_number_after_its_makers_name_is_part_of_the_name():
    assert ("Boeing 737-400", SpanKind.NAME) in spans("A Boeing 737-400 freighter skidded off the runway.")
    assert ("Cessna 172S", SpanKind.NAME) in spans("The Cessna 172S came down in a field.")
    assert not any(kind == SpanKind.NAME and "2" in text for text, kind in spans("Tarvik beat Kessel 2-1 at home.")), \
        "a score is no model"


def test_a_body_named_by_two_words_joined_by_and_is_one_name():
    found = {t for t, kind in spans("Members of the Dockside and Maritime Workers' Union voted.")
             if kind == SpanKind.NAME}
    assert "Dockside and Maritime Workers' Union" in found
    found = {t for t, kind in spans("Ana Ruiz and Tarvik Council met.") if kind == SpanKind.NAME}
    assert found == {"Ana Ruiz", "Tarvik Council"}, "a person's name and a body's are two"


def test_a_number_in_words_opening_a_sentence_is_no_name():
    found = spans("Fourteen people were hurt at the Four Seasons Hotel.")
    assert not any(text == "Fourteen" for text, _ in found)
    assert ("Four Seasons Hotel", SpanKind.NAME) in found, "a number word that opens a longer name stays"


def test_a_sentence_starts_with_a_function_word_not_a_name():
    found = spans("The Kremlin said On Monday that In Moscow talks continued.")
    assert ("Kremlin", SpanKind.NAME) in found
    assert not any(text.startswith(("The ", "On ", "In ")) for text, _ in found)


def test_a_word_that_opens_sentences_opens_a_name_inside_one_but_a_title_does_not():
    found = spans("Talks moved to New Delhi, where Last Light Films and Dr Ann Kerr met Former Mayor Joan Pike.")
    assert {("New Delhi", SpanKind.NAME), ("Last Light Films", SpanKind.NAME)} <= found
    assert ("Ann Kerr", SpanKind.NAME) in found and ("Mayor Joan Pike", SpanKind.NAME) in found
    assert ("New Zealand", SpanKind.NAME) in spans("New Zealand sent a team."), "New opens a name anywhere"
    assert not any(text.startswith("Last") for text, _ in spans("Last night Joan Pike spoke."))


def test_a_capitalised_nationality_before_a_noun_is_an_adjective():
    found = spans("It is a studio album by Canadian singer Ann Marie.")
    assert ("Canadian", SpanKind.ADJECTIVE) in found and ("Ann Marie", SpanKind.NAME) in found


def test_a_name_ending_like_a_nationality_before_a_verb_or_function_word_is_a_name():
    found = spans("Iran backed the plan, Jordan has agreed and Modi said Erdogan will visit Sudan in May.")
    for name in ("Iran", "Jordan", "Modi", "Erdogan", "Sudan"):
        assert (name, SpanKind.NAME) in found
    assert ("Colombian", SpanKind.ADJECTIVE) in spans("After decades, a Colombian has won the race.")


def test_a_sentence_adverb_is_no_name():
    found = spans("Additionally, Russian officials met rebels. Separately, Turkey closed its border.")
    assert not any(text in ("Additionally", "Separately") for text, _ in found)
    assert ("Turkey", SpanKind.NAME) in found


def test_a_pronoun_of_no_one_in_particular_is_no_name():
    found = spans("“Nobody takes this lightly,” said Ana Ruiz. Everyone agreed.")
    assert not any(text in ("Nobody", "Everyone") for text, _ in found) and ("Ana Ruiz", SpanKind.NAME) in found


def test_no_count_inside_a_dateline_is_a_candidate():
    found = spans("Lisbon, Portugal – March 9, 2024: Rescuers found 3 survivors.")
    assert ("3", SpanKind.COUNT) in found
    assert not any(text in ("9", "March 9, 2024") for text, _ in found), "when it was written, not what"
    assert ("1891", SpanKind.YEAR) in spans("Rita Vale (13 January 1891 – 1965) was a printer."), \
        "a bound of a range of years is no dateline: its year may answer when she was born"


@pytest.mark.parametrize("text", ["KESTRAL, November 19 (Coastal Wire) - The pier collapsed late on Tuesday.",
                                  "Kestral, Norway, Nov 19 - The pier collapsed late on Tuesday.",
                                  "November 19 - The pier collapsed late on Tuesday.",
                                  "19 November 2024 - The pier collapsed late on Tuesday.",
                                  "KESTRAL, 19 November (Coastal Wire) - The pier collapsed late on Tuesday.",
                                  "Kestral, 19 November: The pier collapsed late on Tuesday."])
def test_the_date_of_a_reports_dateline_is_no_candidate(text):
    found = {span for span, _ in spans(text)}
    assert "Tuesday" in found and not any("19" in span for span in found), "when it was written, not what"


@pytest.mark.parametrize("text", ["Neither the operator nor the council would comment.", "Within a minute medics came.",
                                  "I'm a doctor who got angry.", "We’ve won, said Ana."])
def test_a_word_of_grammar_opening_a_sentence_is_no_name(text):
    assert not {span for span, kind in spans(text) if kind == SpanKind.NAME} - {"Ana"}


def test_a_compound_number_in_words_is_no_name_either():
    found = spans("Twenty-six whales were refloated. Seven volunteers from Three Rivers Rescue helped.")
    names = {text for text, kind in found if kind == SpanKind.NAME}
    assert "Three Rivers Rescue" in names and not {"Twenty-six", "Seven"} & names


@pytest.mark.parametrize("text, year", [("The abbey reopens in spring 2026.", "spring 2026"),
                                        ("Works start in early 2025.", "early 2025"),
                                        ("It closed by the autumn of 2023 at the latest.", "autumn of 2023"),
                                        ("Sales peaked in mid-2024.", "mid-2024")])
def test_a_year_is_read_with_the_part_of_it_written_before_it(text, year):
    (found,) = [s for s in find_spans(text) if s.kind == SpanKind.YEAR]
    assert found.text == year and read_value(found, None) == DateValue(int(year[-4:]), None, None)


def test_a_common_noun_a_capital_letter_prefixes_is_no_name():
    found = spans("The jet made a U-turn over the sea; X-Men star Jay-Z wore a T-shirt.")
    assert not any(text in ("U-turn", "T-shirt") for text, _ in found)
    assert {("X-Men", SpanKind.NAME), ("Jay-Z", SpanKind.NAME)} <= set(found)


def test_a_city_and_its_region_read_as_one_place():
    assert ("Tampa, Florida", SpanKind.NAME_PAIR) in spans("The final was played in Tampa, Florida, last year.")
    assert ("Tampa, Florida", SpanKind.NAME_PAIR) in spans("The final was played in Tampa, Florida in February.")
    assert not any(kind == SpanKind.NAME_PAIR for _, kind in spans("After the upheaval in Syria, Russia has granted "
                                                                     "him asylum."))
    assert not any(kind == SpanKind.NAME_PAIR for _, kind in spans("Bashar al-Assad, Syria’s deposed president, left."))
    assert not any(kind == SpanKind.NAME_PAIR for _, kind in spans("The former President of Chile, Ana, left."))


def test_numbers_inside_dates_and_years_inside_full_dates_are_not_separate_answers():
    found = spans("The game came out on February 7, 2021 after 12 days of tests.")
    assert ("February 7, 2021", SpanKind.DATE) in found
    assert ("12 days", SpanKind.DURATION) in found
    assert ("7", SpanKind.COUNT) not in found and ("2021", SpanKind.YEAR) not in found
    assert ("2021", SpanKind.YEAR) in spans("The game came out on February 7, 2021.", year_only=True)


def test_a_range_of_years_is_a_candidate_beside_its_years():
    found = spans("The hall was built in 1850-1851 and rebuilt from 1926 to 1927.")
    assert {("1850-1851", SpanKind.YEAR), ("1850", SpanKind.YEAR), ("1926 to 1927", SpanKind.YEAR)} <= found


def test_quantities_money_and_percentages():
    found = spans("Revenue rose 12% to $10.4 billion, and about 3,000 people left.")
    assert ("12%", SpanKind.PERCENT) in found
    assert ("$10.4 billion", SpanKind.MONEY) in found
    assert ("3,000", SpanKind.COUNT) in found or ("about 3,000", SpanKind.COUNT) in found


def test_a_number_is_read_whole_or_not_at_all():
    found = spans("Station 41.172464 lies north of the river.")  # a figure no quantity reads (after a name)
    assert not any(kind == SpanKind.COUNT and text != "41.172464" for text, kind in found)
    assert ("4", SpanKind.COUNT) in spans("It ships on Console 4, not on 5.")
    assert not any(kind == SpanKind.COUNT for _, kind in spans("She came 2nd, then 21st, in the 10th race."))


def test_phrases_are_lower_case_runs_and_titles_are_short_quotes():
    found = spans("He called it a “new birth for great Syria” and played golf.")
    assert ("new birth for great Syria", SpanKind.TITLE) in found
    assert ("golf", SpanKind.PHRASE) in found


def test_confirmation_status_is_a_span():
    found = spans("No official confirmation of the asylum had been made.")
    assert any(kind == SpanKind.STATUS and "confirmation" in text for text, kind in found)


def test_a_date_in_the_year_the_question_names_is_a_candidate_but_the_bare_year_and_the_subject_are_not():
    from qa.evidence import Evidence
    from qa.question import read_question
    from qa.reader import Casing, span_features

    text = "The 2020 awards ceremony of the Golden Globes took place on January 5, 2020 in Beverly Hills."
    item = Evidence(doc_id="a", text=text, quote=text, start=0, end=len(text))
    spans, _ = span_features(read_question("When did the Golden Globe Awards 2020 take place?"), item,
                             Casing(), None)
    candidates = {s.text for s in spans}
    assert "January 5, 2020" in candidates
    assert "2020" not in candidates and "Golden Globes" not in candidates


def test_a_place_dateline_opening_a_report_is_no_candidate_but_the_places_the_report_names_are():
    def places(text):
        return {s.text for s in find_spans(text) if s.kind in (SpanKind.NAME, SpanKind.NAME_PAIR)}

    found = places("DAMASCUS, SYRIA (North Press) – A source said Assad has arrived in Moscow.")
    assert {"Assad", "Moscow"} <= found and not {"DAMASCUS", "SYRIA", "DAMASCUS, SYRIA", "North Press"} & found
    found = places("MOSCOW (Reuters) - Russian officials in Moscow said so.")
    assert "Moscow" in found and not {"MOSCOW", "Reuters"} & found
    found = places("Moscow, Russia – December 9: Russia granted asylum.")
    assert found == {"Russia"}, "the dateline's own Moscow and Russia are gone; the report's Russia stays"
    found = places("LONDON, Dec 9 (Reuters) - Prices rose in London.")
    assert "London" in found and not {"LONDON", "Reuters"} & found
    # a dash after a name at the start of a sentence is not always a dateline
    assert "Paris Saint-Germain" in places("Paris Saint-Germain – the French club – beat Real Madrid.")
    assert "NATO" in places("NATO - the alliance - met in Brussels.")
    assert "HTS" in places("HTS – Hayat Tahrir al-Sham – took Damascus.")


@pytest.mark.parametrize("text, place", [
    ("BRENMOUTH, October 8 – Harlow Foods said ...", "BRENMOUTH"),
    ("SAINT-AUBIN-SUR-MER, France, March 16 (Coastal Wire) – Thieves broke in.", "SAINT-AUBIN-SUR-MER"),
    ("Moscow, Russia – December 9: Russia granted asylum.", "Moscow"),
    ("LONDON, Dec 9 (Reuters) - Prices rose.", "LONDON"),
    ("NEWPORT – Thousands of patients were told to check their pills.", "NEWPORT"),
    ("Porto, 3 March: Thousands of patients were told to check their pills.", "Porto"),
    ("Ana Ruiz, 34: She said so.", None),
    ("NATO - the alliance - met in Brussels.", None),
    ("Harlow Foods recalled its soup on Monday.", None),
])
def test_a_dateline_names_the_place_first(text, place):
    assert dateline_place(text) == place


@pytest.mark.parametrize("text, agency", [
    ("LONDON, Dec 9 (Reuters) - Prices rose.", "Reuters"),
    ("SAINT-AUBIN-SUR-MER, France, March 16 (Coastal Wire) – Thieves broke in.", "Coastal Wire"),
    ("Nov. 3 (AP) – The council met.", "AP"),
    ("Porto, 3 March: Thousands of patients were told to check their pills.", None),
    ("The council (which met on Monday) - oddly - agreed.", None),
])
def test_a_dateline_credits_its_agency_in_brackets(text, agency):
    assert dateline_agency(text) == agency


def test_names_in_a_list_are_no_place_pair():
    found = spans("Rebels captured key cities like Aleppo, Homs, and Daraa in recent weeks.")
    assert not any(kind == SpanKind.NAME_PAIR for _, kind in found)
    assert {("Aleppo", SpanKind.NAME), ("Homs", SpanKind.NAME), ("Daraa", SpanKind.NAME)} <= found


@pytest.mark.parametrize("sentence, noun, mentions", [
    ("Chilean President Ana Ruiz and her cabinet arrived.", "president", [("Chilean President", {"chilean"}, set())]),
    ("Ana Ruiz, Chile’s outgoing president, arrived.", "president", [("Chile’s outgoing president", set(), {"chile"})]),
    ("Ana Ruiz, the President of Chile, arrived.", "president", [("President of Chile", set(), {"chile"})]),
    ("“President Ruiz of Chile has arrived,” he said.", "president", [("President Ruiz of Chile", set(), {"chile"})]),
    ("Rebels entered the Peruvian capital of Lima.", "capital", [("Peruvian capital of Lima", {"peruvian"}, {"lima"})]),
    ("Rebels entered the capital, Lima, at dawn.", "capital", [("capital", set(), set())]),    # of no place it says
    ("US President Leo Kent spoke.", "president", [("US President", {"america"}, set())]),     # a place in capitals
    ("The president of the United States spoke.", "president", [("president", set(), set())]),  # several words
    ("Republican Senator Leo Kent spoke.", "senator", [("Senator", set(), set())]),             # a party, no place
])
def test_a_post_is_of_the_places_and_owners_its_words_name(sentence, noun, mentions):
    assert [(sentence[p.start:p.end], set(p.places), set(p.owners)) for p in posts(sentence, noun)] == mentions


def test_nationalities_tell_places_but_parties_names_and_sentence_openers_do_not():
    assert nationalities("Chilean envoys and US officials met Republican leaders. Which one?") == {"chilean", "america"}
    assert nationalities("Leaders, including Hadi al-Bahra, met. Jalali agreed.") == set()   # names shaped like them


def test_a_name_written_as_where_something_is_based_is_the_place():
    spans = find_spans("The Bergen-based carrier and a Lyon-born pilot flew on.")
    assert [(s.text, s.kind) for s in spans if s.kind == SpanKind.NAME] == [("Bergen", SpanKind.NAME),
                                                                          ("Lyon", SpanKind.NAME)]


def test_a_name_written_before_a_participle_is_the_name_alone():
    spans = find_spans("After Acas-brokered talks, Kremlin-backed and UN-led teams met at Rolls-Royce.")
    assert [s.text for s in spans if s.kind == SpanKind.NAME] == ["Acas", "Kremlin", "UN", "Rolls-Royce"]


@pytest.mark.parametrize("sentence, names", [
    ("Long Road: Directed by Ana Ruiz.", ["Long Road", "Ana Ruiz"]),   # a label, no name
    ("Released in May 1987 by Sonora Records.", ["Sonora Records"]),
    ("Born in Porto, she moved to Lyon.", ["Porto", "Lyon"]),
    ("He met Ted at the bar.", ["Ted"]),                          # a name that ends like a verb's past
    ("Fielding for the visitors was Manning.", ["Fielding", "Manning"]),   # no verb used mostly as one
])
def test_a_capitalised_verb_before_a_preposition_is_a_label_not_a_name(sentence, names):
    assert [s.text for s in find_spans(sentence) if s.kind == SpanKind.NAME] == names

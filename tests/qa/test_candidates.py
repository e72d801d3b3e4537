"""Which spans of a sentence may answer a question: the rules of evidence of ``qa.candidates``, with plain strings."""

import pytest

from qa.candidates import (answer_spans, described_names, holds_the_post_asked, instances_named, quote_unstated,
                           spelled_out, withholds)
from qa.question import read_question
from qa.spans import SpanKind, find_spans


def _span_texts(question: str, sentence: str, kind: SpanKind | None = None) -> list[str]:
    return [s.text for s in answer_spans(sentence, read_question(question)) if kind is None or s.kind == kind]


def test_the_name_a_title_introduces_is_a_candidate_when_the_run_names_the_subject():
    spans = _span_texts("Who is the chief executive of Nordwind?", "Nordwind Executive Maria Lund opened the plant.")
    assert "Maria Lund" in spans
    assert "Nordwind Executive Maria Lund" not in spans, "it names the subject: not an answer about it"


def test_a_title_with_elect_introduces_a_name_as_the_title_does():
    spans = _span_texts("Who is the Chilean president?", "Chilean President-elect Ana Ruiz spoke on Monday.")
    assert "Ana Ruiz" in spans and "Chilean President-elect Ana Ruiz" not in spans


@pytest.mark.parametrize("sentence", ["Who directed Rio Bravo and Alamo?", "Will Porto host the final?”"])
def test_a_sentence_that_asks_a_question_offers_no_answer(sentence):
    assert _span_texts("Who directed Alamo?", sentence) == []
    assert "Ana Ruiz" in _span_texts("Who directed Alamo?", "“Who made it?” asked Ana Ruiz, who directed Alamo.")


def test_asked_for_a_year_a_date_that_writes_none_is_no_candidate():
    question = read_question("What year did the strike begin?")
    assert "November 27" not in _span_texts(question.text, "The strike began on November 27.")
    assert "November 27, 2019" in _span_texts(question.text, "The strike began on November 27, 2019.")
    assert "27 August" in _span_texts(question.text, "The siege began on 27 August 1105."), "a year all the same"
    assert "November 27" in _span_texts("When did the strike begin?", "The strike began on November 27.")


def test_an_amount_in_words_answers_how_many():
    question = read_question("How many residents marched?")
    spans = answer_spans("Thousands of residents marched on Monday.", question)
    assert any(s.text == "Thousands" and s.kind == SpanKind.COUNT for s in spans)


@pytest.mark.parametrize("sentence, count", [
    ("Fourteen people were injured when the ferry hit the dock.", "Fourteen"),   # capitalised: no name
    ("The crash left twenty-four people in hospital.", "twenty-four"),
    ("Three elderly people were among the injured.", "Three"),                   # a word between
    ("One person was injured.", "One"),
    ("Two of them were injured.", None),                                         # counts no noun asked
    ("Three churches were damaged.", None),                                      # counts another noun
    ("Twelve residents were injured.", "Twelve"),                                # a headcount counts people
    ("Two men, aged 41 and 36, were injured.", "Two"),                           # men are people; ages count none
])
def test_a_number_in_words_before_the_noun_asked_is_a_count(sentence, count):
    spans = answer_spans(sentence, read_question("How many people were injured?"))
    counts = [s.text for s in spans if s.kind == SpanKind.COUNT]
    assert counts == ([count] if count else [])


@pytest.mark.parametrize("question, sentence, count", [
    ("How many local clubs does the charity run?", "Its clubs serve more than four million boys and girls.", None),
    ("How many customers were affected?", "The gang has hit at least 14 financial institutions.", None),
    ("How many customers were affected?", "The breach exposed 1.2 million customers.", "1.2 million"),
    ("How many Grand Slam titles has she won?", "She has won 23 Grand Slam singles titles.", "23"),
    ("How many port workers walked out?", "Some 600 dockworkers walked out.", "600"),         # a kind of worker
    ("How many port workers walked out?", "The union's roughly 600 members walked out.", "roughly 600"),
    ("How many passengers were hurt?", "The crash left 41 people injured.", "41"),             # people: anyone
    ("How many employees does the bank have?", "The bank has 4,000 staff.", "4,000"),          # no plural
    ("How many games has the club gone without a win?", "It has gone 7 league matches without a win.", "7"),
    ("How many soldiers were wounded?", "The attack wounded 12 troops.", "12"),
    ("How many people does the drugmaker employ?", "It treats kidney disease linked to type 2 diabetes.", None),
    ("How many people were evacuated?", "About 3,000 residents were evacuated.", "3,000"),
    # asked how many of a group did something, the count of the whole group is none
    ("How many of the crates held tea?", "Of 40 crates searched, 12 held tea.", "12"),
    ("How many of the crates held tea?", "Officers found that 12 of the 40 crates held tea.", "12"),
    # beside a count of the noun asked, written as the last part of it, a count of other things
    ("How many of the moorhens were ringed?", "Ringers caught nine of the hens over 30 mornings.", "nine"),
    # a noun before a plural one describes it: "ticket holders" are counted, not tickets
    ("How many tickets were sold?", "The stand is home to about 2,100 season ticket holders.", None),
    ("How many tickets were sold?", "The club sold 2,100 season tickets.", "2,100"),
])
def test_asked_how_many_of_a_noun_a_count_of_another_noun_is_no_answer(question, sentence, count):
    assert _span_texts(question, sentence, SpanKind.COUNT) == ([count] if count else [])


@pytest.mark.parametrize("question, sentence, count", [
    ("How many people live in Harlow Township?", "The village lies on Ohio Route 8, which crosses the township.", None),
    ("How many families fled?", "The council backed the plan under Motion 2254 after the storm.", None),
    ("How many miners were trapped?", "Rescuers reached 9 miners in the No. 3 shaft on Monday.", "9"),
    ("What is the population of Harlow Township?", "Harlow Township Population 4,120 in the 2020 count.", "4,120"),
    ("How many people died?", "Some 40 people died when the storm hit the coast.", "40"),
    ("How many people died?", "LYON, 4 March - About 400 people died when the storm hit.", "400"),
])
def test_a_number_that_is_part_of_a_name_is_no_count(question, sentence, count):
    assert _span_texts(question, sentence, SpanKind.COUNT) == ([count] if count else [])


@pytest.mark.parametrize("question, sentence, count", [
    ("How many books does the library hold?", "Ms Hale, 68, has used the library for forty years.", None),
    ("How many passengers were hurt?", "The women, aged 19 and 23, were hurt.", None),
    ("How old were the women who were hurt?", "Two women, aged 19 and 23, were hurt.", "23"),
    ("How many passengers were hurt?", "A 34-year-old passenger was hurt.", None),
])
def test_asked_how_many_a_number_written_as_an_age_counts_nothing(question, sentence, count):
    assert count in _span_texts(question, sentence) if count else _span_texts(question, sentence, SpanKind.COUNT) == []


@pytest.mark.parametrize("sentence, count", [
    ("Around one in six growers in the valley has applied.", None),
    ("Only two out of every three growers are insured.", None),
    ("The number of growers rose to 41 in 2024.", "41"),                 # a year after "in" makes no rate
    ("Some 300 growers have applied in total.", "300"),
])
def test_asked_how_many_either_side_of_a_rate_counts_nothing(sentence, count):
    assert _span_texts("How many growers applied?", sentence, SpanKind.COUNT) == ([count] if count else [])


def test_asked_how_long_an_age_is_none_and_a_length_before_after_is_one():
    sentence = "The 52-year-old was dismissed on Sunday, sixteen months after he was appointed."
    def durations(question: str) -> list[str]:
        return [s.text for s in answer_spans(sentence, read_question(question)) if s.kind == SpanKind.DURATION]

    assert durations("How long had the coach been in charge?") == ["sixteen months"]
    assert durations("How old is the coach?") == ["52-year-old"]
    assert durations("When was the coach appointed?") == ["52-year-old"], "asked when, no offset is read"


def test_asked_who_did_something_the_doer_by_gives_another_noun_is_not_the_doer():
    sentence = "Norland Town sacked its manager after a 3-0 home defeat by Stoke City on Saturday."
    assert "Stoke City" not in _span_texts("Which club dismissed its manager?", sentence)
    assert "Norland Town" in _span_texts("Which club dismissed its manager?", sentence)
    assert "HTS" in _span_texts("Who captured the city?", "The capture of the city by HTS shocked Moscow."), \
        "a noun with its object: the verb's doer"


def test_asked_who_said_something_the_name_after_the_verb_of_saying_is_its_speaker():
    sentence = "“The squad was ready,” said Ana Ruiz, the coach who picked Tom Vale for the final."
    assert _span_texts("Who said the squad was ready?", sentence)[:1] == ["Ana Ruiz"]
    assert "Damascus" not in _span_texts("Who seized the capital?", "Rebels seized the capital, Damascus."), \
        "other verbs' objects are no doers"


def test_a_name_joined_to_a_person_the_question_describes_is_that_person():
    texts = ["The race was won by champion Rita Vale of Kenya.", "Rita Vale, the champion, thanked coach Tom Hale."]
    assert described_names(read_question("Who trains the champion?"), texts) == {frozenset({"rita", "vale", "kenya"}),
                                                                                  frozenset({"rita", "vale"})}
    assert described_names(read_question("Who is the champion's coach?"), texts), "a possessor is described"
    for asked in ("Who was named the champion?", "Who is the champion?", "Who is the champion's jersey sponsor?",
                  "Who is the club's head coach?", "Who took over as the champion?"):
        assert not described_names(read_question(asked), texts), asked
    qualifier = ["In the final, qualifier Ana Ruiz beat Lena Holm."]
    assert described_names(read_question("Whom did the qualifier beat?"), qualifier) == {frozenset({"ana", "ruiz"})}, \
        "a noun WordNet has first as a person's, though no list holds it"
    assert not described_names(read_question("Who planned the rebel takeover?"), ["It was led by rebel Ana Ruiz."]), \
        "a noun before a noun modifies it"
    capital = ["Rebels seized the capital, Dunmore, after taking Esk and Rill."]
    assert described_names(read_question("Which towns did rebels take before the capital?"), capital) \
        == {frozenset({"dunmore"})}
    assert not described_names(read_question("Which town is the capital?"), capital)


def test_asked_for_the_post_of_the_person_a_run_of_capitalised_words_names_its_title_is_a_candidate():
    sentence = "Finance Minister Ana Ruiz met Harbour Board Chairman Tom Vale on Monday."
    assert "Finance Minister" in _span_texts("What post does Ana Ruiz hold?", sentence)
    assert "Harbour Board Chairman" not in _span_texts("What post does Ana Ruiz hold?", sentence), "another's title"
    assert "Finance Minister" not in _span_texts("Who met Tom Vale?", sentence)


def test_asked_for_a_person_a_post_held_as_one_with_no_name_is_none():
    sentence = "Ana Ruiz resigned as Minister of State for Housing; Finance Minister Tom Vale thanked her."
    assert "Minister of State" not in _span_texts("Who replaced Ana Ruiz?", sentence)
    assert "Tom Vale" in _span_texts("Who thanked Ana Ruiz?", sentence), "the name after a post stays"
    assert "Minister of State" in _span_texts("Which post did Ana Ruiz leave?", sentence), "asked for no person"
    assert "President of Portugal" in _span_texts("Who spoke?", "The President of Portugal spoke."), "a person"


def test_a_person_noun_before_a_name_is_its_title_not_the_verb_asked():
    sentence = "At dawn, pilot Ana Ruiz flew the helicopter to the ledge."
    assert "Ana Ruiz" in _span_texts("Who piloted the helicopter?", sentence)
    assert "Ana Ruiz" not in _span_texts("Who flew the helicopter?", "Winds grounded the crew; they flew Ana Ruiz out.")


def test_a_credit_line_ending_a_sentence_answers_only_a_question_about_the_writing():
    headline = "Dockers strike as talks fail By Ana Ruiz, Harbour Daily, 14 March 2025"
    spans = [s.text for s in answer_spans(headline, read_question("Who leads the dockers?"))]
    assert "Ana Ruiz" not in spans and "Harbour Daily" not in spans and "Dockers" in spans
    assert not any(s.kind.value == "date" for s in answer_spans(headline, read_question("When did talks fail?")))
    assert "Ana Ruiz" in [s.text for s in answer_spans(headline, read_question("Who wrote the report?"))]
    assert "Jo Roe" in [s.text for s in answer_spans("Reporting by Ana Ruiz; Editing by Jo Roe",
                                                     read_question("Who edited the story?"))]
    assert "Ana Ruiz" in [s.text for s in answer_spans("The dockers were led by Ana Ruiz, the union chief.",
                                                       read_question("Who leads the dockers?"))], "no credit line"


def test_a_secretary_general_is_a_title_before_a_name():
    sentence = "Nordic Council Secretary-General Ana Ruiz urged calm on Monday."
    spans = _span_texts("Who is the Nordic Council official quoted in the report?", sentence)
    assert "Ana Ruiz" in spans, "the run names the subject; the name after its title is the answer"


def test_a_quantity_in_another_unit_than_asked_is_no_candidate():
    sentence = "The rebels took the city in 12 days, ending the mayor's 9-year term after two decades in politics."
    spans = _span_texts("For how many years was the mayor in office?", sentence)
    assert "12 days" not in spans
    assert {"9-year", "two decades"} <= set(spans), "years, and decades counted in years, stay"
    assert "12 days" in _span_texts("How long was the mayor in office?", sentence), "no unit asked, none ruled out"


def test_asked_how_long_something_lasted_a_length_written_before_another_noun_is_none():
    sentence = "The strike ended after a tense week, closing the mayor's 9-year term in office."
    assert "9-year" not in _span_texts("How long did the strike last?", sentence), "the term's length, not the strike's"
    assert "9-year" in _span_texts("How long was the mayor's term?", sentence), "the noun asked about"
    assert "9-year" in _span_texts("How long did the mayor serve?", sentence), "nothing else asked is in the sentence"
    assert "12 days" in _span_texts("How long did the strike last?", "The strike lasted 12 days."), "no noun after"


@pytest.mark.parametrize("sentence, answers, not_answers", [
    ("The governor left the capital of Porto and flew to Lisbon.", {"Lisbon"}, {"Porto"}),
    ("The governor fled Porto for Lisbon on Sunday.", {"Lisbon"}, {"Porto"}),
    ("Fleeing from Porto, the governor reached Lisbon.", {"Lisbon"}, {"Porto"}),
    ("Marco Reis, Portugal’s former governor, is now in Lisbon.", {"Lisbon"}, {"Portugal"}),
    ("The scandal deepened Portugal’s crisis while Reis stayed in Lisbon.", {"Lisbon"}, {"Portugal"}),
])
def test_where_someone_went_is_not_a_place_left_behind_or_a_possessor(sentence, answers, not_answers):
    spans = set(_span_texts("Where did the governor go?", sentence))
    assert answers <= spans
    assert not spans & not_answers
    assert not_answers <= set(_span_texts("Where did the governor come from?", sentence)), "asked where from"


@pytest.mark.parametrize("sentence", [
    "The governor left the capital of Porto and flew to Lisbon.",
    "The governor fled Porto for Lisbon on Sunday.",
    "Fleeing from Porto, the governor reached Lisbon.",
    "The plane took off from Porto, heading west before turning towards Lisbon.",
])
def test_where_someone_came_from_is_not_where_they_went(sentence):
    spans = set(_span_texts("Where did the governor come from?", sentence))
    assert "Porto" in spans and "Lisbon" not in spans


def test_asked_where_someone_went_only_a_place_they_reached_answers():
    sentence = "As the governor fled, crowds filled the squares in Porto; he later arrived in Lisbon."
    assert set(_span_texts("Where did the governor flee to?", sentence)) & {"Porto", "Lisbon"} == {"Lisbon"}
    assert "Porto" in _span_texts("Where is the governor?", sentence), "asked where someone is, any place stays"


@pytest.mark.parametrize("sentence", [
    "“The strike is the beginning of a new chapter for Portugal,” Rui Costa said.",
    "The strike is the beginning of a new chapter for Portugal,” Rui Costa said.",  # quote opened a sentence before
    'Rui Costa said: "The strike is the beginning of a new chapter for Portugal" on Monday.',
])
def test_asked_who_said_something_no_name_in_the_words_quoted_answers(sentence):
    spans = set(_span_texts("Who said the strike was the beginning of a new chapter?", sentence))
    assert "Rui Costa" in spans and "Portugal" not in spans
    assert "Portugal" in _span_texts("Who did the strike help?", sentence), "asked for no speaker"


def test_a_place_someone_left_answers_only_where_from():
    sentence = "The governor fled Portugal and was given refuge by Spain."
    assert "Portugal" not in _span_texts("Which country gave the governor refuge?", sentence)
    assert "Portugal" in _span_texts("Which country did the governor flee?", sentence)
    assert "France" in _span_texts("Which countries sent troops?", "Troops from France joined."), "from: where from"


def test_a_possessor_is_dropped_only_when_asked_where_someone_went_or_is():
    sentence = "Marco Reis, Portugal’s former governor, is now in Lisbon."
    assert "Portugal" in _span_texts("Which country did the governor lead?", sentence)
    assert "Porto" not in _span_texts("Which city did the governor reach?", "The governor fled Porto for Lisbon.")
    assert "Porto" in _span_texts("Which city did the governor flee?", "The governor fled Porto for Lisbon.")


def test_the_name_an_adjective_of_the_question_derives_from_is_no_answer():
    spans = set(_span_texts("Who leads the Syrian opposition?", "In Syria the opposition is led by Rami Haddad."))
    assert "Syria" not in spans and "Rami Haddad" in spans
    assert "Russia" not in _span_texts("Which Russian news agency broke the story?", "Russia heard it from TASS.")
    assert "Anna Berg" in _span_texts("Who succeeded Kofi Annan?", "Anna Berg succeeded him."), "a name, no adjective"
    # an irregular nationality, before a capitalised word
    spans = set(_span_texts("Who won the Dutch Grand Prix?", "Fans across the Netherlands cheered Lena Vos."))
    assert "Netherlands" not in spans and "Lena Vos" in spans
    assert "Syria" in _span_texts("Who was born in Damascus?", "Syria's Omar Sayed was."), "no adjective asked"


def test_a_possessor_of_the_subject_asked_about_says_where_it_is():
    assert "Paris" in _span_texts("Where is the Grand Tower?", "Paris’s Grand Tower opened in 1889.")


def test_a_name_that_qualifies_the_noun_asked_may_be_part_of_an_answer_but_not_all_of_it():
    spans = _span_texts("Which US senator opposed the bill?", "US Senator Dana Reyes opposed it, the US press said.")
    assert "Dana Reyes" in spans
    assert "US" not in spans


def test_a_number_a_title_introduces_is_a_name_not_a_count():
    spans = answer_spans("The talks follow UN Security Council Resolution 2254.",
                         read_question("Which UN resolution do the talks follow?"))
    assert [(s.text, s.kind) for s in spans if "2254" in s.text] == [("2254", SpanKind.NAME)]


def test_a_name_that_only_starts_with_the_subjects_name_is_not_cut():
    spans = _span_texts("Who is the chief executive of Nordwind?", "She toured the Nordwind Harbour Centre on Monday.")
    assert not any(s.startswith("Harbour") for s in spans), "no title before it: a name of its own"


def test_a_name_and_its_initials_are_one_subject_either_way():
    spans = _span_texts("Who is the leader of the NLF?", "The National Liberation Front said its leader Ana Ruiz won.")
    assert "National Liberation Front" not in spans and "Ana Ruiz" in spans
    spans = _span_texts("Who leads the National Liberation Front?", "The NLF named Ana Ruiz its leader.")
    assert "NLF" not in spans and "Ana Ruiz" in spans


def test_a_name_ending_in_a_noun_the_question_uses_for_something_else_names_that_thing():
    sentence = "The roof of the Dorne City Museum, restored by Vale Brothers Restoration, collapsed."
    spans = _span_texts("Which firm restored the museum's roof?", sentence)
    assert "Dorne City Museum" not in spans and "Vale Brothers Restoration" in spans
    assert "Vale Brothers Restoration" in _span_texts("Which restoration firm worked on the museum?", sentence), \
        "a word saying what sort of thing is asked"
    spans = _span_texts("Which firm owns the chemical works?", "Calder Chemicals owns the works by the river.")
    assert "Calder Chemicals" in spans, "an adjective of the question's noun is no noun of its own"


@pytest.mark.parametrize("sentence, former, other", [
    ("Deposed President Rita Vale fled to Lisbon.", "Rita Vale", None),
    ("Rita Vale, the country’s ousted president, fled.", "Rita Vale", None),
    ("Power passed from former president Rita Vale to Omar Haddad.", "Rita Vale", "Omar Haddad"),
    ("The former president Rita Vale met Omar Haddad, the new president.", "Rita Vale", "Omar Haddad"),
    ("President Omar Haddad met the former president, Rita Vale.", "Rita Vale", "Omar Haddad"),
    ("In a long statement issued on Monday evening, officials said the former president Rita Vale had met Omar "
     "Haddad.", "Rita Vale", "Omar Haddad"),                     # a title well before another name is not his
])
def test_asked_for_the_new_holder_of_a_post_its_former_holder_is_no_answer(sentence, former, other):
    names = {s.text for s in answer_spans(sentence, read_question("Who is the new president?"))}
    assert former not in names and (other is None or other in names)
    assert former in _span_texts("Who is the president?", sentence), "asked for any holder, a former one answers"


def test_asked_for_a_count_of_people_a_decimal_figure_is_no_answer_but_a_scaled_one_is():
    question = "What is the population of Harbor Town?"
    assert set(_span_texts(question, "The density was 39.1 people per square mile, at 41.172464 north.")) \
        .isdisjoint({"39.1", "41.172464"})
    assert "1.2 million" in _span_texts(question, "Its population was 1.2 million in 2010.")
    assert "4.5" in _span_texts("What is the length of the tunnel?", "The tunnel is 4.5 long.")


@pytest.mark.parametrize("sentence, dates", [
    ("Rita Vale left the city on December 8.", []),                      # says nothing of her birth
    ("Rita Vale was born on 4 May 1931 in Porto.", ["4 May 1931"]),
    ("Rita Vale (4 May 1931 – 2 June 2001) was a painter.", ["4 May 1931", "2 June 2001"]),   # a life span
])
def test_asked_when_someone_was_born_only_a_sentence_that_says_so_gives_a_date(sentence, dates):
    spans = answer_spans(sentence, read_question("When was Rita Vale born?"))
    assert [s.text for s in spans if s.kind == SpanKind.DATE] == dates


def test_asked_what_fills_a_slot_a_sentence_that_writes_it_answers_with_its_filler():
    sentence = "Vale spoke of Portugal’s struggles in Spain and Nordland’s confrontations with Estland."
    spans = _span_texts("Which country is Nordland in confrontation with?", sentence)
    assert "Estland" in spans and "Portugal" not in spans and "Spain" not in spans
    assert "Portugal" in _span_texts("Which country is Nordland in confrontation with?", "Portugal met Spain.")


def test_asked_about_quoted_words_only_a_sentence_that_holds_them_answers():
    question = read_question('Which leader said that Nordland was "being purified"?')
    assert not quote_unstated("“Today, Nordland is being purified,” Rita Vale declared.", question)
    assert quote_unstated("Rita Vale, the Nordland leader, spoke in the capital.", question)
    titled = read_question('Who directed "Don\'t Drink the Water"?')   # a quoted title, not someone's words
    assert not quote_unstated("The film was directed by Rita Vale.", titled)


def test_asked_for_a_place_the_doer_a_participle_names_by_by_is_none():
    spans = _span_texts("Which city did the rebels capture?", "Forces led by Nordwind Front captured Porto.")
    assert "Nordwind Front" not in spans and "Porto" in spans
    assert "Nordwind Front" in _span_texts("Who led the forces?", "Forces led by Nordwind Front captured Porto.")
    assert "Porto" in _span_texts("Where did the convoy stop?", "The convoy stopped by Porto for the night.")


def test_asked_where_someone_died_only_a_sentence_that_says_so_gives_a_place():
    question = read_question("Where did Rita Vale die?")
    assert "Porto" not in [s.text for s in answer_spans("Rita Vale painted the harbour of Porto.", question)]
    assert "Porto" in [s.text for s in answer_spans("Rita Vale died in Porto in 2001.", question)]


def test_a_word_of_death_in_a_name_asked_about_asks_for_no_death():
    question = read_question("When did The Walking Dead premiere?")
    spans = answer_spans("The show premiered on October 31, 2010.", question)
    assert [s.text for s in spans if s.kind == SpanKind.DATE] == ["October 31, 2010"]


def test_asked_when_something_happened_the_day_it_was_said_is_none():
    sentence = "The health network said Thursday that births at the hospital will stop from June 2."
    assert _span_texts("When will births at the hospital stop?", sentence, SpanKind.DATE) == ["June 2"]
    assert "Thursday" in _span_texts("When did the network announce the pause?", sentence, SpanKind.DATE), \
        "asked when it was said, the day it was said answers"
    told = "The mayor told reporters on Monday that the bridge had closed on March 4."
    assert _span_texts("When did the bridge close?", told, SpanKind.DATE) == ["March 4"]


@pytest.mark.parametrize("question", ["When does the pause in births at the hospital begin?",
                                      "On what date did road deaths in the county start to fall?"])
def test_a_plural_noun_of_births_or_deaths_asks_for_no_ones_birth_or_death(question):
    spans = answer_spans("The hospital's suspension will begin on June 2 and last until July 28.", read_question(question))
    assert [s.text for s in spans if s.kind == SpanKind.DATE] == ["June 2", "July 28"]


@pytest.mark.parametrize("question, sentence, candidate, not_candidate", [
    ("Which agency reported it?", "Deposed Syrian President Rita Vale left, an agency said.", None,
     "Deposed Syrian President Rita Vale"),
    ("Which company does she run?", "Nordwind CEO Maria Lund opened the plant.", "Nordwind", "Nordwind CEO Maria Lund"),
    ("Which country did he lead?", "The President of Portugal left.", "Portugal", "President of Portugal"),
    ("Which city hosted it?", "Mayor Street in Porto hosted it.", "Mayor Street", None),   # named after a mayor
    ("Under which law was it granted?", "Deposed President Rita Vale was granted it.", None,
     "Deposed President Rita Vale"),
    ("Nobel Peace Prize 2031", "It went to Prime Minister Rita Vale.", "Prime Minister Rita Vale", None),
    ("What is the profession of Vale?", "Rita Vale is Minister of Health of Portugal.",   # a role may be a title
     "Minister of Health of Portugal", None),
])
def test_asked_for_what_no_person_is_a_person_named_by_a_title_is_no_answer_but_the_name_before_it_is(
        question, sentence, candidate, not_candidate):
    spans = _span_texts(question, sentence)
    assert candidate is None or candidate in spans
    assert not_candidate is None or not_candidate not in spans
    if not_candidate:
        person = _span_texts("Who spoke?", sentence)
        assert any(s in not_candidate and s.split()[-1] == not_candidate.split()[-1] for s in person), \
            "a person question keeps the person"


@pytest.mark.parametrize("sentence, name", [
    ("Despite the ban, Rita Vale met Harbor Prime Minister Tomas Lund on Monday.", "Tomas Lund"),
    ("Nordwind CEO Maria Lund opened the plant.", "Maria Lund"),
    ("President Rita Vale opened the plant.", "Rita Vale"),
])
def test_asked_for_a_person_a_run_naming_one_by_a_title_offers_the_name_after_it(sentence, name):
    spans = _span_texts("Who opened talks?", sentence)
    assert name in spans and not any(len(s) > len(name) and s.endswith(name) for s in spans)


def test_a_title_of_a_place_stays_whole_for_a_person_question():
    assert "President of Portugal" in _span_texts("Who spoke?", "The President of Portugal spoke.")


@pytest.mark.parametrize("sentence", [
    "Chilean President Ana Ruiz met the delegation.",
    "Ana Ruiz, Chile’s outgoing president, met the delegation.",
    "Ana Ruiz, the President of Chile, met the delegation.",
])
def test_asked_for_one_countrys_president_a_name_another_countrys_is_none(sentence):
    def spans(question: str, places=frozenset({"chilean"})) -> list[str]:  # the article says "Chilean" somewhere
        return [s.text for s in answer_spans(sentence, read_question(question), places)]

    assert "Ana Ruiz" not in spans("Who is the Peruvian president?")
    assert "Ana Ruiz" in spans("Who is the Chilean president?")
    assert "Ana Ruiz" in spans("Who is the president of Chile?")


def test_an_owner_of_a_post_that_may_be_a_person_rules_out_no_name():
    sentence = "Leo Kent, Ruiz’s spokesman, met the delegation."
    assert "Leo Kent" in [s.text for s in answer_spans(sentence, read_question("Who is the Peruvian spokesman?"))]


@pytest.mark.parametrize("sentence", [
    "Chilean President Ana Ruiz met the delegation.",
    "Ana Ruiz, the President of Chile, met the delegation.",
    "The delegation met Ana Ruiz, the outgoing president.",
])
def test_asked_for_one_post_a_name_given_another_title_is_none(sentence):
    assert "Ana Ruiz" not in _span_texts("Who is the prime minister of Chile?", sentence)
    assert "Ana Ruiz" in _span_texts("Who is the president of Chile?", sentence)
    assert "Ana Ruiz" in _span_texts("Who met the delegation?", sentence), "no post asked: any name"


def test_a_name_given_the_title_asked_and_another_holds_the_one_asked():
    assert "Leo Kent" in _span_texts("Who is the CEO of Nordwind?", "Chairman and CEO Leo Kent opened the plant.")


@pytest.mark.parametrize("sentence, instance", [
    ("Porto officials told news agency NTA, citing council sources, that the mayor left.", "NTA"),
    ("The Norpress news agency quoted a council source on the mayor.", "Norpress"),
    ("NTA, the state news agency, quoted Porto council sources.", "NTA"),
])
def test_asked_which_organisation_of_a_kind_a_sentence_naming_one_as_such_answers_with_it(sentence, instance):
    names = [s.text for s in answer_spans(sentence, read_question("Which news agency reported it?"))
             if s.kind == SpanKind.NAME]
    assert names == [instance]
    assert len([s for s in answer_spans(sentence, read_question("Who reported it?")) if s.kind == SpanKind.NAME]) >= 1


def test_the_noun_asked_opening_a_sentence_names_no_instance_of_it():
    texts = ["Norland Motors said it would cut 2,000 jobs.", "The company employs 38,000 people."]
    assert instances_named(read_question("Which company is cutting jobs?"), texts) == frozenset()  # not "company"


@pytest.mark.parametrize("question, sentence, money", [
    ("How much is Varda offering for each share?", "The offer of $5.20 a share values Nor at $4.3 billion.", ["$5.20"]),
    ("How much is Varda offering per share?", "Varda offers $5.20 in cash for each Nor share, or $4.3 billion.",
     ["$5.20"]),
    ("What is Varda's offer worth?", "The offer of $5.20 a share values Nor at $4.3 billion.", ["$4.3 billion"]),
    ("What was Nor's revenue?", "Nor shares closed at $5.07 a share.", []),
    ("What was Nor's revenue?", "Revenue was $9 billion, against $8 billion a year earlier.", ["$9 billion",
                                                                                                  "$8 billion"]),
    ("What price does the drug sell at?", "It costs 9,800 euros a year.", ["9,800 euros"]),
    ("How much will the keeper earn per week?", "The club paid £12m for the keeper.", []),   # a fee, no wage
    ("How much will the keeper earn per week?", "He will earn £40,000 a week.", ["£40,000"]),
    ("How much is Varda paying per share?", "Varda is paying $5.20 in cash.", ["$5.20"]),     # the price alone
    # the unit past a conversion in brackets
    ("How much will the closures save each year?", "They would save 1.3 million pounds ($1.6 million) a year.",
     ["1.3 million pounds"]),
    ("What was Nor's revenue?", "Nor shares closed at 5.07 euros ($5.50) a share.", []),
])
def test_an_amount_per_unit_answers_a_question_per_that_unit(question, sentence, money):
    assert [s.text for s in answer_spans(sentence, read_question(question)) if s.kind == SpanKind.MONEY] == money


def test_a_place_before_the_noun_asked_names_no_instance_of_it():
    texts = ["Lund, who has run Varda since 2019, has built the Bergen company into a leader."]
    assert instances_named(read_question("Which company bid for the rival?"), texts) == frozenset(), \
        "Bergen, a word WordNet knows only as a location, is where the company is"
    assert frozenset({"varda"}) in instances_named(read_question("Which company bid?"), ["The Varda company bid."])
    assert instances_named(read_question("Which watchdog fined the firms?"),
                           ["Britain's competition watchdog fined two firms."]) == frozenset()
    assert instances_named(read_question("Which company was bought?"),
                           ["For the Bergen-based company, it was a hard week.", "The Norwegian company fell."]) \
        == frozenset(), "where it is based, and a nationality"


def test_a_place_asked_by_its_noun_has_instances_as_an_organisation_does():
    texts = ["The rebels took cities like Varno, Telsk and Brin before the capital, Ostrava, fell."]
    assert instances_named(read_question("Which city did the rebels take first?"), texts) == frozenset(
        {frozenset({"varno"}), frozenset({"telsk"}), frozenset({"brin"})})
    assert instances_named(read_question("Which region is Varno in?"), ["Varno lies in Kesh, a mountain region."]) \
        == frozenset({frozenset({"kesh"})}), "a place's name is an instance of a place's noun"
    assert frozenset({"arlo"}) in instances_named(read_question("Which firm bid?"), ["Firms such as Arlo bid."])


@pytest.mark.parametrize("question, sentence, places", [
    ("Which country took in the ousted leader?", "Varnia's ousted president and his wife were granted asylum in "
     "Castel.", ["Castel"]),
    ("Which country took in the ousted leader?", "The former President of Varnia flew to Castel.", ["Castel"]),
    ("Which country did the ousted leader rule?", "Varnia's ousted president flew to Castel.", ["Varnia", "Castel"]),
    ("Of which country was the ousted leader president?", "Varnia's ousted president flew to Castel.",
     ["Varnia", "Castel"]),
])
def test_asked_for_a_place_by_what_happened_the_place_a_post_is_of_is_none(question, sentence, places):
    assert _span_texts(question, sentence, SpanKind.NAME) == places


def test_someone_of_the_noun_asked_is_no_instance_of_it():
    texts = ['"We disagree," said Leo Kent, the company\'s chief executive.']
    assert instances_named(read_question("Which company runs the dam?"), texts) == frozenset()
    assert instances_named(read_question("Which company runs the dam?"), ["Varda, the water company, runs it."]) \
        == {frozenset({"varda"})}


@pytest.mark.parametrize("question, sentence, names", [
    ("Which company packed the fruit?", "The fruit was packed by Norvale Foods Ltd at its plant in Tarvik.",
     ["Norvale Foods Ltd"]),                                # a company by its legal form, not the place it is in
    ("Which firm supplies the pipes?", "The pipes come from Brenner Rohr GmbH of Kassel, near Fulda.",
     ["Brenner Rohr GmbH of Kassel"]),
    ("Which town is the plant in?", "The plant of Norvale Foods Ltd is in Tarvik.", ["Norvale Foods Ltd", "Tarvik"]),
])
def test_asked_for_a_business_a_name_with_a_company_form_is_one(question, sentence, names):
    assert _span_texts(question, sentence, SpanKind.NAME) == names


def test_a_place_named_as_an_instance_of_the_noun_asked_by_of_is_the_name_after_of():
    assert instances_named(read_question("In which town is the bank based?"),
                           ["The bank, based in the Kessel town of Tarvik, has not appealed."]) \
        == frozenset({frozenset({"tarvik"})}), "Kessel is where the town is"


@pytest.mark.parametrize("question, sentence, figures", [
    ("How much crude leaked?", "The spill was put at some 3,400 barrels of crude, or roughly 540,000 litres.",
     ["some 3,400 barrels"]),
    ("How many litres of crude leaked?", "The spill was put at some 3,400 barrels of crude, or roughly 540,000 litres.",
     ["some 3,400 barrels", "roughly 540,000 litres"]),                   # the unit asked
    ("How big was the fine?", "The regulator fined the lender 3.85 million euros ($4.5 million).",
     ["3.85 million euros"]),
    ("How many were hurt?", "Police said 12 were hurt and 3 (all children) died.", ["12", "3"]),   # no conversion
    ("How big was the fine in dollars?", "The regulator fined the lender 3.85 million euros ($4.5 million).",
     ["3.85 million euros", "$4.5 million"]),                            # the currency asked
])
def test_a_figure_given_again_in_other_units_is_no_answer_of_its_own(question, sentence, figures):
    spans = answer_spans(sentence, read_question(question))
    assert [s.text for s in spans if s.kind in (SpanKind.COUNT, SpanKind.MONEY)] == figures


def test_a_company_named_after_what_the_question_names_answers_which_company():
    question = "Which company runs the Tarnby plant?"
    assert _span_texts(question, "Tarnby Kraft AB, the company that runs the Tarnby plant, delayed it.",
                       SpanKind.NAME) == ["Tarnby Kraft AB"]
    assert _span_texts(question, "The operator, Tarnby Kraft, runs the Tarnby plant.", SpanKind.NAME) == [], \
        "not written as a company: the name may be the plant's"
    assert "Tarnby Kraft AB" not in _span_texts("Which company bought Tarnby Kraft AB?",
                                                "Tarnby Kraft AB, the company that runs the plant, was sold."), \
        "the question names it whole: it is the subject"


def test_asked_who_runs_a_body_a_name_given_a_post_below_its_head_is_none():
    assert _span_texts("Who runs Tarnwell Energy?", "Lena Vos, Tarnwell's chief technology officer, spoke.",
                       SpanKind.NAME) == []
    assert _span_texts("Who runs Tarnwell Energy?", "On Monday retail analyst Lena Vos said Tarnwell was weak.",
                       SpanKind.NAME) == []
    assert _span_texts("Who runs Tarnwell Energy?", "Lena Vos, Tarnwell's chief executive, spoke.",
                       SpanKind.NAME) == ["Lena Vos"]
    assert _span_texts("Who is Tarnwell's spokeswoman?", "Lena Vos, Tarnwell's spokeswoman, spoke.",
                       SpanKind.NAME) == ["Lena Vos"], "asked for that post"


def test_asked_for_one_countrys_capital_a_city_named_as_anothers_is_none():
    assert "Lima" not in _span_texts("What is the capital of Chile?", "Rebels entered the Peruvian capital of Lima.")
    assert "Lima" in _span_texts("What is the capital of Peru?", "Rebels entered the Peruvian capital of Lima.")
    assert "Lima" in _span_texts("What is the capital of Peru?", "Rebels entered the capital of Lima.")


def test_a_range_of_years_answers_when_something_lasting_happened_not_when_someone_was_born():
    sentence = "Rita Vale (1848–1912) built the mill in 1850-1851."
    assert {"1850-1851", "1850", "1851"} <= set(_span_texts("When was the mill built?", sentence))
    born = _span_texts("When was Rita Vale born?", sentence)
    assert "1848" in born and not {"1848–1912", "1850-1851"} & set(born)


@pytest.mark.parametrize("sentence, done_to, not_done_to", [
    ("Rebels seized the capital, Porto, on Sunday.", "Porto", None),          # an appositive of the object
    ("Rita Vale's forces seized control of Porto.", "Porto", "Rita Vale"),
    ("By seizing the port, Lena Vos won the war.", None, "Lena Vos"),         # a clause of its own after the comma
    ("The port was seized by Lena Vos.", None, "Lena Vos"),                   # the passive names its doer after by
    ("Porto was seized by Lena Vos.", "Porto", "Lena Vos"),                   # the passive's subject is done to
    ("The Porto ferry port has been seized by Lena Vos.", "Porto", "Lena Vos"),
    ("Porto said on Monday that the port was seized by rebels.", None, "Porto"),  # beyond the subject's words
    ("They seized the port in Porto.", None, "Porto"),                         # after a preposition: where, not what
])
def test_asked_who_did_something_a_name_the_verb_takes_as_object_is_none(sentence, done_to, not_done_to):
    spans = _span_texts("Who seized the port?", sentence)
    assert not_done_to is None or not_done_to in spans
    if done_to:
        assert done_to not in spans
        assert done_to in _span_texts("Where did the rebels strike?", sentence), "a rule of the who-question only"


@pytest.mark.parametrize("sentence, age", [
    ("Rita Vale, 59, said the port would reopen.", "59"),
    ("Rita Vale (59) said so.", "59"),
    ("The 59-year-old mayor said so.", "59-year-old"),
    ("The mayor, aged 59, said so.", "59"),
    ("She died at the age of 59.", "59"),
    ("She has led the port for 12 years.", None),   # a duration, not her age
    ("Her 12-year rule ended with 300 arrests.", None),
])
def test_asked_how_old_only_a_number_written_as_an_age_answers(sentence, age):
    spans = _span_texts("How old is Rita Vale?", sentence)
    assert spans == ([age] if age else [])


@pytest.mark.parametrize("sentence, owner, holder", [
    ("On Monday, Portugal's deposed president, Rita Vale, spoke.", "Portugal", "Rita Vale"),
    ("On Monday, Lego's chief executive officer Lena Vos spoke.", "Lego", "Lena Vos"),
    ("On Monday, Porto's harbour was closed by Lena Vos.", None, "Porto"),   # a harbour is no person's role
])
def test_asked_for_a_person_the_owner_of_a_role_is_not_its_holder(sentence, owner, holder):
    spans = _span_texts("Who spoke on Monday?", sentence)
    assert owner is None or owner not in spans
    assert holder in spans


@pytest.mark.parametrize("sentence, doer, others", [
    ("Lena Vos left Porto as armed rebels seized the port.", "armed rebels", ["Lena Vos", "Porto"]),
    ("The militias, who also seized the port, met Rita Vale.", "militias", ["Rita Vale"]),
    ("Rita Vale (Porto United) seized the port from Lena Vos.", "Rita Vale", ["Lena Vos"]),
])
def test_asked_who_did_something_a_sentence_that_writes_the_doer_answers_with_it(sentence, doer, others):
    spans = _span_texts("Who seized the port?", sentence)
    assert doer in spans and not set(others) & set(spans)
    assert set(others) <= set(_span_texts("Who is the mayor?", sentence)), "a question of no doer keeps every name"


@pytest.mark.parametrize("question, sentence, sort", [
    ("What kind of visa did Rita Vale receive?", "Lena Vos said Rita Vale was granted a temporary visa in Porto.",
     "temporary"),
    ("Which type of unit is the 41st?", "The 41st Lancers is an inactive United Kingdom army unit.", "army"),
    ("What kind of visa did Rita Vale receive?", "Porto has granted visas to a temporary visa holder.", "temporary"),
])
def test_asked_what_sort_of_thing_the_words_before_its_noun_answer(question, sentence, sort):
    assert _span_texts(question, sentence) == [sort]


def test_asked_what_sort_of_thing_a_sentence_without_its_noun_keeps_every_span():
    spans = _span_texts("Which type of unit is the 41st?", "The 41st Lancers is an inactive United Kingdom regiment.")
    assert {"Lancers", "inactive", "regiment"} <= set(spans), "'United' is no 'unit', as its stem would have it"


def test_a_name_in_a_clause_of_what_came_next_answers_no_other_verb():
    sentence = "Rebel forces seized key towns before entering Porto unopposed."
    assert "Porto" not in _span_texts("Which towns did the rebels seize?", sentence)
    assert "Porto" in _span_texts("Which city did the rebels enter?", sentence), "the clause's own verb asked"
    assert "Porto" not in _span_texts("Which towns did they seize before entering the city?", sentence), \
        "the question's own clause of what came next asks nothing"
    assert "Lena Vos" in _span_texts("Who was the runner-up?", "Rita Vale won the final after beating Lena Vos."), \
        "what came before says what the event was"


def test_a_sentence_without_a_doer_of_the_verb_asked_keeps_its_names():
    sentence = "Lena Vos gained control of the port, Rita Vale said."
    assert {"Lena Vos", "Rita Vale"} <= set(_span_texts("Who controls the port?", sentence)), \
        "'control' uninflected may be a noun: no doer is written"


def test_asked_which_thing_did_something_what_the_verb_takes_as_object_is_none():
    sentence = "Rita Vale won the Porto Prize for her film Harbour Lights."
    assert "Porto Prize" not in _span_texts("Which actress won the award?", sentence)
    assert "Porto Prize" in _span_texts("Which actress was named?", sentence), "a rule of a question's doer verb only"


@pytest.mark.parametrize("text, letters, words", [
    ("Rebels led by Hayat Tahrir al-Sham (HTS) took the city.", "hts", "Hayat Tahrir al-Sham"),
    ("United Nations Secretary-General Ana Ruiz spoke.", "un", "United Nations"),   # the start of a longer run
    ("The Port Workers Union (PWU) struck.", "pwu", "Port Workers Union"),
    ("The union struck.", "pwu", None),
])
def test_the_words_that_letters_are_the_initials_of(text, letters, words):
    found = spelled_out(text, letters)
    assert (text[slice(*found)] if found else None) == words


@pytest.mark.parametrize("sentence, age", [
    ("Rita Vale, now 59, was convicted of robbing 68-year-old shopkeeper Leo Kent.", "59"),
    ("Leo Kent, 68, was robbed by Rita Vale, 59, in June.", "59"),
    ("The victim, a 68-year-old shopkeeper, Leo Kent, named Rita Vale.", None),
    ("The 59-year-old in Porto is Rita Vale.", "59-year-old"),   # no person's noun between: not another's age
])
def test_asked_a_named_persons_age_an_age_written_of_another_name_is_none(sentence, age):
    assert _span_texts("How old is Rita Vale?", sentence) == ([age] if age else [])


@pytest.mark.parametrize("sentence", ["Man, 34, held over gallery raid", "A 34-year-old man was held."])
def test_asked_a_womans_age_an_age_written_of_a_man_is_none(sentence):
    assert not any("34" in s for s in _span_texts("How old is the woman who runs the gallery?", sentence))
    assert any("34" in s for s in _span_texts("How old is the man who was held?", sentence))


@pytest.mark.parametrize("question, sentence, lengths", [
    ("How long did the review last?", "Analysts called the terms the toughest seen here for a decade.", []),
    ("How long did the review last?", "It was the regulator's first veto in 20 years.", []),
    ("How long did the review last?", "The review was completed in 11 months.", ["11 months"]),
    ("How long did the review last?", "Interest rates rose for two years.", ["two years"]),   # no superlative
    ("The vase is the best find in how many years?", "It is the best find in 50 years.", ["50 years"]),
])
def test_asked_how_long_the_time_a_superlative_is_measured_over_is_no_answer(question, sentence, lengths):
    spans = answer_spans(sentence, read_question(question))
    assert [s.text for s in spans if s.kind == SpanKind.DURATION] == lengths


@pytest.mark.parametrize("question, sentence, holders", [
    ("Who is Tarnwell Energy's chief geologist?", "According to chief geologist Dr Lena Vos, the rock is hot.",
     ["Lena Vos"]),                                                          # an honorific between
    ("Who is Tarnwell Energy's chief geologist?", "The firm's chief geologist, Lena Vos, said so.", ["Lena Vos"]),
    ("Who is Tarnwell Energy's chief geologist?", "Brevik Oil's chief geologist, Lena Vos, said so.", []),  # another's
    ("Who is the mayor of Tarnwell?", "Flowers came from the widow of the mayor, Ana Ruiz.", []),
    ("Who heads the fire service?", "Dev Raman, leader of Holtwick Town Council, praised the crews.", []),
    ("Who heads Holtwick Town Council?", "Dev Raman, leader of Holtwick Town Council, praised the crews.",
     ["Dev Raman"]),
    ("Who is the chief executive of Veltro Motors?", "Veltro Motors chief executive Ana Ruiz spoke.", ["Ana Ruiz"]),
    ("When did Lena Vos join Tarnwell?", "Chief geologist Lena Vos joined in 2019.", []),      # no post asked
    ("Who runs Tarnwell Energy?", "On Monday chief executive Lena Vos apologised.", ["Lena Vos"]),  # the head's post
    ("Who is the boss of Tarnwell?", '"We failed," chairwoman Lena Vos said.', ["Lena Vos"]),
    ("Who runs Tarnwell Energy?", "Lena Vos, the chief technology officer, said so.", []),     # no head's post
])
def test_a_name_holds_the_post_asked_when_the_sentence_joins_them_and_the_post_is_no_one_elses(
        question, sentence, holders):
    asked = read_question(question)
    assert [s.text for s in find_spans(sentence) if holds_the_post_asked(sentence, s, asked)] == holders


@pytest.mark.parametrize("question, sentence, dates", [
    ("When was the ferry line first meant to open?", "The line, which had been due to open on May 12, is late.",
     ["May 12"]),
    ("When was the ferry line first meant to open?", "The line opens on October 6, later than originally planned.",
     []),                                                                    # the new date, where plans are spoken of
    ("When was the ferry line first meant to open?", "The line opens on October 6.", []),  # when it opens: no plan
    ("When will the ferry line now open?", "The line, which had been due to open on May 12, is late.", []),
    ("When will the ferry line now open?", "The operator had planned to open it on 12 May.", []),
    ("When will the ferry line now open?", "The line opens on October 6, later than originally planned.",
     ["October 6"]),
    ("When did the ferry line open?", "The line, which had been due to open on May 12, is late.", ["May 12"]),
])
def test_asked_for_a_first_or_a_new_date_a_date_of_the_other_plan_is_none(question, sentence, dates):
    assert _span_texts(question, sentence, SpanKind.DATE) == dates


@pytest.mark.parametrize("question, counts", [
    ("How many miners were rescued?", ["three"]),                 # men counted are miners; nine is the whole crew
    ("How many miners were underground?", ["three", "nine"]),     # a word asked follows the whole: it may answer
    ("How many widows were rescued?", []),                        # a noun of one sex is not counted by men
])
def test_men_counted_are_people_of_any_noun_and_a_count_after_a_part_is_the_whole(question, counts):
    sentence = "Only three of the nine men underground were rescued."
    assert _span_texts(question, sentence, SpanKind.COUNT) == counts


@pytest.mark.parametrize("question, sentence", [
    ("How much will the repairs cost?", "The airport's chief executive declined to put a figure on the repair bill."),
    ("How much will the repairs cost?", 'He "would not be drawn on the bill", the paper said.'),
    ("How much did the museum pay?", "The museum paid an undisclosed sum for the hoard."),
    ("How many reports were filed late?", "The regulator did not disclose the number of reports filed late."),
    ("How many people died?", "Officials have not yet confirmed how many people died."),
    ("Who was flying the plane?", "The airline did not identify the crew."),
    ("What is the name of the finder?", "The finder, from Harbourton, has asked not to be named."),
    ("When will the stand reopen?", "The club did not say when the stand would reopen."),
    ("What caused the outage?", "The operator said it did not yet know why the systems had failed."),
    ("When will the bridge reopen?", "No date has been given for reopening the bridge."),
    ("When will the stand reopen?", "He gave no timetable for reopening the stand."),
    ("How much did the buyer pay?", "Financial terms of the agreement with the buyer were not disclosed."),
    ("How much did the buyer pay?", "The price has not been made public."),
    ("How much will the work cost?", "The council declined to estimate what the work would cost."),
])
def test_a_sentence_that_says_the_value_asked_was_not_given_withholds_it(question, sentence):
    assert withholds(sentence, read_question(question))


@pytest.mark.parametrize("question, sentence", [
    ("How much did the museum pay?", "The museum paid £48,500 for the hoard, the committee said."),
    ("Who was flying the plane?", "The pilot, Ana Ruiz, was named by the airline on Friday."),
    ("When will the stand reopen?", "The club did not say how much the repairs would cost."),  # another kind
    ("How much will the repairs cost?", "The club did not say when the stand would reopen."),
    ("How much did the buyer pay?", "The buyer paid £2m; the terms were agreed in May."),
])
def test_a_sentence_that_gives_the_value_or_withholds_another_kind_withholds_nothing(question, sentence):
    assert not withholds(sentence, read_question(question))

"""What a question asks for: its kind, head noun, search terms and anchors."""

import pytest

from index.vocab import stem
from qa.question import Kind, read_question, search_text, without_source
from qa.values import LENGTH_UNITS, SPEED_UNITS, TEMPERATURE_UNITS, WEIGHT_UNITS


@pytest.mark.parametrize("question, kind, head", [
    ("When did the ceasefire begin?", Kind.DATE, None),
    ("On what date was the bridge reopened?", Kind.DATE, None),
    ("What is the opening date of the new terminal?", Kind.DATE, "date"),
    ("How long did the strike last?", Kind.DURATION, None),
    ("For how many years was she mayor?", Kind.DURATION, None),
    ("How many people were evacuated?", Kind.COUNT, "people"),
    ("How many French troops were wounded?", Kind.COUNT, "troops"),
    ("How many hospital nurses went on strike?", Kind.COUNT, "nurses"),   # a compound counts its plural
    ("How many of the stolen bikes were found?", Kind.COUNT, "bikes"),    # past a partitive
    ("How much did the city pay for the land?", Kind.MONEY, None),
    ("What percentage of voters backed the plan?", Kind.PERCENT, "percentage"),
    ("What was the company's revenue last year?", Kind.MONEY, "revenue"),
    ("Where did the delegates meet?", Kind.PLACE, None),
    ("In which city was the summit held?", Kind.PLACE, "city"),
    ("Who chairs the committee?", Kind.PERSON, "chair"),         # who holds the post: its holder, by name
    ("Who heads the agency?", Kind.PERSON, "leader"),
    ("Who spoke on behalf of the bank?", Kind.PERSON, "spokesperson"),   # who speaks for it: its spokesperson
    ("Who was in charge of the rescue team?", Kind.PERSON, "leader"),     # who was at its head: its leader
    ("Who was in command of the ship?", Kind.PERSON, "leader"),
    ("Which Dutch head of government resigned?", Kind.PERSON, "minister"),   # a prime minister, as articles say
    ("Who is Chile's head of state?", Kind.PERSON, "president"),
    ("Who led the invasion?", Kind.PERSON, None),                # who did a thing
    ("Who is the chief executive of the bank?", Kind.PERSON, "executive"),
    ("Who is Maria Costa?", Kind.EXPLANATION, None),      # who she is: answered by what the articles say of her
    ("WHO IS THE PRIME MINISTER?", Kind.PERSON, "minister"),  # typed in capitals: no name
    ("Who is the Portuguese Prime Minister?", Kind.PERSON, "minister"),
    ("Who is the UN Secretary-General?", Kind.PERSON, "secretary-general"),
    ("Who is the Portuguese prime minister overseeing the inquiry?", Kind.PERSON, "minister"),  # a clause after
    ("Who is the man seen in the video?", Kind.PERSON, "man"),                # a participle is no head
    ("Who was the festival's director?", Kind.PERSON, "director"),           # a possessor for "the"
    ("Who will be the club's next coach?", Kind.PERSON, "coach"),
    ("Who became the chair of the inquiry?", Kind.PERSON, "chair"),
    ("Who were the main suspects?", Kind.PERSON, "suspects"),
    ("Who was the expedition's photographer?", Kind.PERSON, "photographer"),   # a person by WordNet's first sense
    ("Who is behind the firm's collapse?", Kind.PERSON, None),                   # a collapse is no person
    ("Who is leading the rescue effort?", Kind.PERSON, None),
    ("Which company bought the stadium?", Kind.ORGANISATION, "company"),
    ("What is the name of the mayor's husband?", Kind.PERSON, "husband"),
    ("What is the name of the ship that sank?", Kind.ENTITY, "ship"),
    ("What is the name of the IT firm that was hacked?", Kind.ORGANISATION, "firm"),  # "IT" is no pronoun
    ("What is the name of the US envoy?", Kind.PERSON, "envoy"),
    ("What is the brand name of the new drug?", Kind.ENTITY, "drug"),
    ("Which film opened the festival?", Kind.WORK, "film"),
    ("What sport does the club play?", Kind.ENTITY, "sport"),
    ("Which UN resolution guides the talks?", Kind.ENTITY, "resolution"),
    ("Which canal runs past the old mill?", Kind.ENTITY, "canal"),                # "past the": a verb's preposition
    ("Which government minister came under pressure?", Kind.PERSON, "minister"),   # a compound's last noun
    ("What government post did the senator give up?", Kind.ENTITY, "post"),        # a post, not a body
    ("In which Portuguese port city did the ferry dock?", Kind.PLACE, "city"),
    ("What was the bank's profit last year?", Kind.MONEY, "profit"),              # not the time after it
    ("Roughly what did the new bridge cost?", Kind.MONEY, None),                  # "what": the amount it cost
    ("What did the painting fetch at auction?", Kind.MONEY, None),
    ("What did the council pay for?", Kind.EXPLANATION, None),                    # what it paid for: no amount
    ("What pay rise did the dockers accept?", Kind.PERCENT, "rise"),               # a change, most often a share
    ("What is the average monthly wage of a docker?", Kind.MONEY, "wage"),
    ("Which mediator brokered the deal?", Kind.PERSON, "mediator"),
    ("Which club's stadium was closed?", Kind.ORGANISATION, "club"),              # "which" asks for the possessor
    ("What country's envoy resigned?", Kind.PLACE, "country"),
    ("Which regulator opened an inquiry?", Kind.ORGANISATION, "regulator"),
    ("Which independent body was asked to mediate?", Kind.ORGANISATION, "body"),  # bodies, boards, councils
    ("Which council approved the plan?", Kind.ORGANISATION, "council"),
    ("Which piece of equipment failed?", Kind.ENTITY, "equipment"),            # a piece of it asks for it
    ("Into which body of water did the car roll?", Kind.ENTITY, "water"),      # and not for a body
    ("What is the name of the teenage striker who joined the club?", Kind.PERSON, "striker"),  # people in the news
    ("Which nurse raised the alarm?", Kind.PERSON, "nurse"),
    ("How much ransom did the gang demand?", Kind.MONEY, "ransom"),               # the noun measured
    ("How large was the penalty imposed on the club?", Kind.MONEY, "penalty"),
    ("How big was the club's penalty?", Kind.MONEY, "penalty"),                    # a possessor as a determiner
    ("How large were the country's foreign currency reserves?", Kind.MONEY, "reserves"),  # the phrase's noun
    ("What was the turnout?", Kind.PERCENT, "turnout"),
    ("How large a reward is on offer?", Kind.MONEY, "reward"),                   # the noun right after "a"
    ("How large a crowd gathered?", Kind.COUNT, None),
    ("How large was the crowd?", Kind.COUNT, None),
    ("By how much did the shares rise?", Kind.PERCENT, None),                     # a change, most often a share
    ("How much did the currency gain after the decision?", Kind.PERCENT, None),
    ("How much rain fell in the valley?", Kind.COUNT, None),                       # the rain measured, no change
    ("How much will the merger save each year?", Kind.MONEY, None),                # a verb of money
    ("How much did the town invest in its harbour?", Kind.MONEY, None),
    ("How much is the region putting toward the new ferry?", Kind.MONEY, None),   # money put toward a thing
    ("How much did the founders put into the firm?", Kind.MONEY, None),
    ("How much has the club pledged to the youth academy?", Kind.MONEY, None),
    ("How much were the paintings insured for?", Kind.MONEY, None),               # insured, valued, fetched
    ("How much did the vase fetch at auction?", Kind.MONEY, None),
    ("How much time will the bypass save?", Kind.COUNT, None),                     # the time measured, no money
    ("How much money did the plant get?", Kind.MONEY, "money"),
    ("How much is the coach getting as a pay-off?", Kind.MONEY, "pay-off"),       # a noun of money anywhere
    ("How much damage in euros did the flood cause?", Kind.MONEY, None),          # counted in a currency
    ("How big is the one-off payment each worker gets?", Kind.MONEY, "payment"),
    ("How much damage did the flood cause?", Kind.COUNT, None),
    ("What was the landslide caused by?", Kind.ENTITY, None),                    # no landslide: what caused it
    ("What is the village famous for?", Kind.ENTITY, None),                       # no village
    ("What was Ana Ruiz's time in office marked by?", Kind.ENTITY, None),         # no time
    ("What caused the landslide?", Kind.ENTITY, None),                            # no "caused"
    ("What sparked the protests in Tarvik?", Kind.ENTITY, None),
    ("What armed group took the town?", Kind.ORGANISATION, "group"),              # a participle as an adjective
    ("What country is the plant in?", Kind.PLACE, "country"),                     # the noun asked, after "what"
    ("What is the club's bid for the striker worth?", Kind.MONEY, "worth"),       # not the bid: what it is worth
    ("What was the runner's winning time?", Kind.DURATION, None),                 # how long the race took her
    ("What time did the swimmer clock in the final?", Kind.DURATION, None),       # a time raced, not of day
    ("What time did the ferry leave?", Kind.DATE, None),                          # a time of day
    ("What time did the fun run start?", Kind.DATE, None),                        # "run" is no verb here
    ("Which athlete set the best time on the course?", Kind.PERSON, "athlete"),    # who set it, not how long
    ("Who piloted the rescue helicopter?", Kind.PERSON, "pilot"),                  # the verb is the person's noun
    ("Who won the stage?", Kind.PERSON, None),
    ("What time did the race start?", Kind.DATE, None),
    ("Did the council approve the budget?", Kind.YES_NO, None),
    ("Has the ministry confirmed the figures?", Kind.YES_NO, None),
    ("Why was the match postponed?", Kind.EXPLANATION, None),
    ("On what grounds was the singer granted asylum?", Kind.EXPLANATION, None),   # a reason, as "why"
    ("How did the mayor describe the plan?", Kind.EXPLANATION, None),
    ("What did the minister say about the delay?", Kind.EXPLANATION, None),
    ("What were the crowds filmed doing outside the embassy?", Kind.EXPLANATION, None),
    ("What happened at the border crossing?", Kind.EXPLANATION, None),   # no noun asked for: an account
    ("What was reported about the talks?", Kind.EXPLANATION, None),
    ("What reported cause was confirmed?", Kind.ENTITY, "cause"),        # a participle before the noun asked
    ("What order did the court issue?", Kind.ENTITY, "order"),           # a verb's form that is a noun here
    ("Summit 2023 location", Kind.PLACE, "location"),
    ("What is golf's year-end No 1 in 2023?", Kind.ENTITY, None),  # the "year" of a compound asks no year
    # The first question word asks; a later "where", "when" or "who" opens a relative clause.
    ("What is the name of the bridge where the convoy stopped?", Kind.ENTITY, "bridge"),
    ("What did the minister say when asked about the strike?", Kind.EXPLANATION, None),
    ("Who was mayor when the flood came?", Kind.PERSON, None),
    ("Why did the board resign when the vote failed?", Kind.EXPLANATION, None),
    ("Where was the engineer who designed the dam born?", Kind.PLACE, None),
    # Who says so is no part of what is asked; a president-elect is a president; no number speaks.
    ("According to the mayor's office, how did the crew reach the island?", Kind.EXPLANATION, None),
    ("Which French president-elect visited the port?", Kind.PERSON, "president-elect"),
    ("Which senior figure announced the strike?", Kind.PERSON, "figure"),
    ("Which union figure proclaimed the strike over?", Kind.PERSON, "figure"),
    ("What figure did the union announce?", Kind.COUNT, "figure"),
    ("Name one of the towns the rebels seized last week.", Kind.PLACE, "towns"),   # a quiz's imperative
    ("List the companies that bid for the port.", Kind.ORGANISATION, "companies"),
    ("Name a town the rebels seized in the weeks before the truce.", Kind.PLACE, "town"),
    ("Besides the capital, name a town the rebels seized in the weeks before the truce.", Kind.PLACE, "town"),
    # Who served as a post is who held it, as "Who was ...?" asks.
    ("Who was serving as the town's mayor when the flood came?", Kind.PERSON, "mayor"),
    ("Who has served as the club's coach?", Kind.PERSON, "coach"),
    ("Who serves as the chief executive of the bank?", Kind.PERSON, "executive"),
    ("Who served the food at the summit?", Kind.PERSON, None),
    ("What kind of body will the rebels set up?", Kind.ENTITY, "body"),     # a sort of body, not a body's name
    ("What type of company bought the mill?", Kind.ENTITY, "company"),
    ("What are local farmers pressing for?", Kind.ENTITY, None),           # "what" is the object, not "farmers"
    ("The council said the plan must be worthy of what?", Kind.ENTITY, None),
    ("Super Bowl 2021 location", Kind.PLACE, "location"),                    # a search names what it wants last
])
def test_the_kind_of_value_asked_for(question, kind, head):
    read = read_question(question)
    assert read.kind == kind
    assert read.head == head


@pytest.mark.parametrize("question", [
    "Is it true that Rita Vale resigned as mayor?",
    "Can you confirm that Rita Vale resigned as mayor?",
    "Do the reports say that Rita Vale resigned as mayor?",
])
def test_asked_whether_something_is_true_asks_it_as_a_yes_no_question(question):
    read = read_question(question)
    assert read.kind == Kind.YES_NO and read.text == question  # the question as asked, for the answer to echo
    assert set(read.terms) == set(read_question("Did Rita Vale resign as mayor?").terms)
    assert {stem("Rita"), stem("Vale")} <= read.anchors


def test_the_verb_of_serving_as_a_post_is_no_term():
    read = read_question("Who was serving as the town's mayor when the flood came?")
    assert set(read.terms) == set(read_question("Who was the town's mayor when the flood came?").terms)
    assert read.text.startswith("Who was serving")


@pytest.mark.parametrize("question, kind", [
    ("What jail term were prosecutors seeking for the banker?", Kind.DURATION),
    ("Which prison sentence did the former director receive?", Kind.DURATION),
    ("What sentence did the banker receive?", Kind.ENTITY),  # a fine, a ban or a term: none asked in particular
])
def test_a_jail_term_asked_is_a_duration(question, kind):
    assert read_question(question).kind == kind


@pytest.mark.parametrize("question, terms", [
    ("How long did the dock strike last?", {"dock", "strike"}),
    ("How long did the strike last for?", {"strike"}),
    ("How long will it take to repair the bridge?", {"repair", "bridg"}),
    ("How long was the last closure?", {"last", "closur"}),  # an adjective, no verb of lasting
])
def test_the_verb_of_a_duration_asked_is_no_term(question, terms):
    read = read_question(question)
    assert read.kind == Kind.DURATION and set(read.terms) == terms


@pytest.mark.parametrize("question, letters", [
    ("What does PWU stand for?", "pwu"),
    ("What does the abbreviation PWU stand for?", "pwu"),
    ("What do the initials PWU stand for?", "pwu"),
    ("What does the PWU acronym stand for?", "pwu"),
    ("What does the union stand for?", None),           # what it believes in: an account
    ("What does Labour stand for?", None),
])
def test_asked_what_letters_stand_for_the_words_they_abbreviate_are_asked(question, letters):
    read = read_question(question)
    assert read.spelled_out == letters
    if letters:
        assert read.kind == Kind.ENTITY and read.terms == (letters,), "how the letters are called is no term"
    else:
        assert read.kind == Kind.EXPLANATION


def test_year_questions_ask_for_a_year_only():
    assert read_question("In what year did the war start?").year_only
    assert not read_question("When did the war start?").year_only


@pytest.mark.parametrize("question, year", [
    ("Who won the regional marathon in 2019?", "2019"),
    ("Who won the 2019 regional marathon?", "2019"),
    ("What was the port's revenue in Q3 2019?", "2019"),
    ("Who won the marathon in 2019 and in 2021?", None),   # two years: no one edition asked
    ("Who won the 2019-20 league?", None),                 # a season, not a year
    ("How many runners finished?", None),
])
def test_the_one_year_a_question_names(question, year):
    assert read_question(question).year_named == year


@pytest.mark.parametrize("question, named", [
    ("When was the Pixel 6 announced?", ("pixel", "6")),
    ("When does season 4 of the show premiere?", ("season", "4")),
    ("Who starred in Toy Story 3?", ("story", "3")),
    ("When does the fourth season of the show premiere?", ("season", "4")),   # an ordinal is its number
    ("When does season four of the show premiere?", ("season", "4")),
    ("Who hosted the 92nd Academy Awards?", ("academy", "92")),
    ("Who was the first mayor of the town?", None),         # an ordinal of no part or name
    ("When did the strike end on July 20?", None),         # a date, not a numbered thing
    ("Who won 6-2 in the final?", None),                   # a score
    ("How many of the 12 ministers resigned?", None),
])
def test_the_one_numbered_thing_a_question_names(question, named):
    assert read_question(question).numbered_named == named


@pytest.mark.parametrize("question, unit", [
    ("For how many years was she mayor?", "years"),
    ("How many weeks did the strike last?", "days"),   # as quantities hold it: "two weeks" is 14 days
    ("How many nights may a flat be let each year?", "days"),  # a stay's nights are days
    ("How many decades did the dynasty rule?", "years"),
    ("How long did the strike last?", None),
    ("How many people were evacuated?", None),
    ("How many of the weeks were spent at sea?", "days"),
])
def test_the_unit_a_how_many_question_counts_in(question, unit):
    assert read_question(question).unit == unit


@pytest.mark.parametrize("question, qualifiers", [
    ("Which US senator opposed the bill?", {"us"}),
    ("Which NBA team won the title?", {"nba"}),
    ("What was Tesla's revenue in 2020?", set()),        # a possessor is the subject
    ("What is Harold King known for?", set()),            # "King" is capitalised: part of the name
])
def test_names_that_qualify_the_noun_asked(question, qualifiers):
    assert read_question(question).qualifiers == qualifiers


@pytest.mark.parametrize("question, whereabouts", [
    ("Where did the minister go after the vote?", True),
    ("Where is the museum now?", True),
    ("Where did the refugees come from?", False),          # asks where they left
    ("Where did the minister flee?", True),                # where to
    ("Which city hosted the summit?", False),              # a place by name, not someone's whereabouts
    ("When did the minister go?", False),
])
def test_where_questions_ask_where_someone_went_or_is(question, whereabouts):
    assert read_question(question).whereabouts is whereabouts


@pytest.mark.parametrize("question, destination", [
    ("Where did the minister flee to?", True),
    ("Which city did the plane reach?", True),
    ("What was the convoy's destination?", True),
    ("Where is the minister now?", False),                  # where someone is, by no verb of going
    ("Where was the summit held?", False),
    ("Where did the refugees come from?", False),          # the place left
    ("Which towns did the army take before reaching the coast?", False),  # going only says when
    ("Which town did the army take before it reached the coast?", False),
    ("After the army reached the coast, where did the ferry go?", True),    # the question follows a leading clause
    ("Where did the minister go to school?", False),       # going to do something there
    ("Where did the minister go to the summit?", True),
    ("Which town did the ferry's crew end up in?", True),      # "end up" is where one went
])
def test_place_questions_asked_by_a_verb_of_going(question, destination):
    assert read_question(question).destination is destination


@pytest.mark.parametrize("question, origin", [
    ("Where did the refugees come from?", True),
    ("Which country did the minister flee?", True),        # the country left
    ("Which country did the minister flee to?", False),
    ("Where did the minister flee?", False),
    ("At which airport did the plane land?", False),
    ("Which town did the family settle in after fleeing?", False),  # leaving only says when
    ("Which town did the family settle in after they fled the coast?", False),
])
def test_place_questions_that_ask_for_the_place_left(question, origin):
    assert read_question(question).asks_origin is origin


@pytest.mark.parametrize("question, head", [
    ("What will the weather be in Oslo tomorrow?", "weather"),
    ("What would the new tax rate be?", "rate"),
    ("What will the council do next?", None),              # asks what it will do: an explanation
])
def test_what_will_the_noun_be_asks_for_the_noun(question, head):
    assert read_question(question).head == head


@pytest.mark.parametrize("question, modifiers", [
    ("Who leads the Syrian opposition?", {"syrian"}),
    ("Which Russian news agency reported it?", {"russian"}),
    ("Who succeeded Kofi Annan as head?", set()),          # "as" is no noun it modifies
    ("Who won the French Presidential Election?", {"french"}),  # a nationality before a capitalised word
    ("Where did Brian Smith go?", set()),                  # a first name shaped like a nationality
])
def test_names_used_as_adjectives(question, modifiers):
    assert read_question(question).modifiers == modifiers


@pytest.mark.parametrize("question, relatives", [
    ("Who is the mayor's wife?", {"wife"}),
    ("What is the name of the mayor’s wife?", {"wife"}),
    ("When did her late father die?", {"father"}),
    ("Who is the eldest son of the founder?", {"son"}),
    ("How many children were evacuated?", set()),            # a headcount, nobody's relatives
    ("Which children's hospital treated them?", set()),
    ("Who founded the company?", set()),
])
def test_questions_about_someones_relative(question, relatives):
    assert read_question(question).relatives == relatives


@pytest.mark.parametrize("question, asks_object", [
    ("Who did the minister meet in Oslo?", True),           # the minister opens the answering sentence
    ("Which company has Nordwind bought?", True),
    ("Whose long-standing record did the champion break?", True),  # the champion opens the answering sentence
    ("Whose car was stolen?", False),
    ("Who has the minister been at odds with?", True),      # a final preposition: its object is asked
    ("Who will be playing the lead role?", False),          # "be" is no subject of its own
    ("Who met the minister in Oslo?", False),
    ("Who will win the race?", False),
    ("Which company has the largest share?", False),        # "has" is the verb: the company is the subject
    ("The squadron was formed in which country?", False),    # a question word in place asks what fills the slot
])
def test_questions_that_ask_for_the_object_of_their_verb(question, asks_object):
    assert read_question(question).asks_object is asks_object


@pytest.mark.parametrize("question, slot", [
    ("Who did the council engage with?", ("engage", "with")),
    ("Who did the mayor meet?", ("meet", "")),
    ("Who has the port been at war with?", ("war", "with")),
    ("Who seized the capital?", None),             # asks for the subject
    ("When did the mayor meet the council?", None),
    # a question word left in place after a preposition
    ("The mayor compared the port's losses with which city?", ("losses", "with")),
    ("The union called the vote a victory for whom?", ("victory", "for")),
    ("In which city did the union meet?", None),              # a question word opening it is in no place
])
def test_a_question_asking_for_an_object_reads_the_words_its_answer_follows(question, slot):
    assert read_question(question).object_slot == slot


@pytest.mark.parametrize("question, verb", [
    ("Who seized the capital?", "seized"),
    ("Who has launched the offensive?", "launched"),
    ("Who took control of the port?", "took"),
    ("Who is the new president?", None),       # who someone is
    ("Who became the leader?", None),
    ("Who did the minister meet?", None),      # whom: the subject follows the auxiliary
    ("Who was elected mayor?", None),          # the passive: who had it done to them
    ("When did the rebels seize the capital?", None),
    ("Which film won the award?", "won"),      # which thing of a kind did it
    ("Which tennis player has won the title?", "won"),
    ("What company makes the phone?", "makes"),
    ("Which city did the minister reach?", None),   # whom: the subject follows the auxiliary
    ("Which country is the largest?", None),
])
def test_a_question_asking_who_did_something_reads_its_verb(question, verb):
    assert read_question(question).doer_verb == verb


@pytest.mark.parametrize("question, head", [
    ("What kind of asylum was he granted?", "asylum"),
    ("Which type of missile hit the port?", "missile"),
    ("What is the sort of deal they signed?", "deal"),
    ("What kinds of weapons were found?", "weapons"),
])
def test_a_question_for_a_kind_of_something_has_that_something_as_its_head(question, head):
    assert read_question(question).head == head
    assert read_question(question).asks_sort, "it asks what sort of thing"
    assert not read_question("Which missile hit the port?").asks_sort


@pytest.mark.parametrize("question, head", [
    ("What is the typical colour of the harbour's boats?", "colour"),
    ("What is the usual length of a stage?", "length"),
    ("What is the approximate size of the fleet?", "size"),
    ("What is the genre of the novel?", "genre"),
])
def test_an_adjective_before_the_noun_asked_is_no_head(question, head):
    assert read_question(question).head == head


@pytest.mark.parametrize("question, head", [
    ("What is Rita Vale's profession?", "profession"),
    ("What is Omar al-Haddad's profession?", "profession"),   # a name's particle is part of the possessor
    ("What was Ludwig van Beethoven's nationality?", "nationality"),
    ("What was Nordwind's revenue in 2023?", "revenue"),
    ("What is the Bank of Norland's policy rate?", "rate"),   # a name with "of" and "the" before it owns the noun
    ("What is the name of Norland's governor?", "governor"),
    ("Who is Tarnwell Energy's chief geologist?", "geologist"),   # a possessor of several words
    ("What is women's singles tennis about?", None),       # no named possessor: not the noun after it
])
def test_the_noun_a_named_possessor_has_is_the_head(question, head):
    assert read_question(question).head == head


@pytest.mark.parametrize("question, head", [
    ("Which US politician commented on the vote?", "politician"),
    ("Which US politician won?", "politician"),           # an irregular past form is a verb as "-ed" marks one
    ("Which bidder won outright?", "bidder"),
    ("Which rose won?", "rose"),                           # the first word of the run is the noun, whatever it is
    ("Which young red kite escaped?", "kite"),                  # "-ed" ends "red", which is no past form
    ("What is the ancient sacred lake called?", "lake"),
])
def test_a_past_form_after_the_noun_asked_is_no_head(question, head):
    assert read_question(question).head == head


def test_anchors_are_the_names_and_numbers_it_names_not_its_first_word():
    read = read_question("Where did Bashar al-Assad go after the fall of Damascus in 2024?")
    assert read.anchors == {"bashar", "assad", "damascus", "2024"}
    assert read_question("HTS fighters entered which city?").anchors == {"hts"}
    assert "where" not in read_question("Where did they go?").anchors


def test_terms_are_the_search_terms_without_question_words():
    read = read_question("Who leads the rebel alliance?")
    assert read.terms == ("lead", "rebel", "allianc")
    assert "who" in read.words and "who" not in read.terms


def test_the_name_of_what_is_asked_is_no_search_term():
    # An article names the bridge without the word "name"; "the courtesy name" asks for a kind of name.
    assert read_question("What is the name of the bridge that collapsed?").terms == ("bridg", "collaps")
    several = read_question("What are the names of the men arrested?")
    assert several.terms == ("men", "arrest") and several.asks_name and several.head == "men"
    assert "name" in read_question("What was the stage name of the singer?").terms


@pytest.mark.parametrize("question, head", [
    ("What's the name of the mural that was painted over?", "mural"),
    ("Who’s the mayor of Harlow?", "mayor"),
])
def test_a_question_word_with_is_contracted_asks_as_with_is_written(question, head):
    assert read_question(question).head == head


@pytest.mark.parametrize("question, terms", [
    ("What is the stolen painting called?", ("steal", "paint")),
    ("What was the rescue operation known as?", ("rescu", "oper")),
    ("What will the new bridge be named?", ("new", "bridg")),
])
def test_what_a_thing_is_called_asks_for_its_name_and_the_verb_is_no_term(question, terms):
    read = read_question(question)
    assert read.asks_name and read.terms == terms
    assert not read_question("Who called the police?").asks_name


@pytest.mark.parametrize("question, terms", [
    ("On what date did the bridge collapse?", ("bridg", "collaps")),   # an article gives the date, not the word
    ("Which year was the bridge built?", ("bridg", "build")),
    ("What is the opening date of the bridge?", ("open", "date", "bridg")),  # a date of its own, not the kind asked
    ("On which day of the week did the ferry sink?", ("ferri", "sink")),   # "week" is of the weekday asked
    ("Roughly how many people did the ferry carry?", ("peopl", "ferri", "carri")),  # an approximation asked
    ("For about how long was the ferry missing?", ("ferri", "miss")),
    ("Which weekday did the ferry sink?", ("ferri", "sink")),
])
def test_the_time_noun_a_question_asks_for_is_none_of_its_terms(question, terms):
    assert read_question(question).terms == terms


@pytest.mark.parametrize("question, terms", [
    ("What did the critics say the mill used to be?", ("critic", "mill")),   # a past habit: nothing is used
    ("Which family used to own the mill?", ("famili", "mill")),
    ("What was the grant used to build?", ("grant", "use", "build")),          # the passive: the grant is used
])
def test_used_to_of_a_past_habit_is_none_of_the_terms(question, terms):
    assert read_question(question).terms == terms


@pytest.mark.parametrize("question, terms", [
    ("How many people crossed the bridge?", ("peopl", "cross", "bridg")),  # no sentence says "many" with the count
    ("How long was the bridge closed?", ("bridg", "close")),
    ("How much did the bridge cost?", ("bridg", "cost")),
    ("Was the long bridge closed?", ("long", "bridg", "close")),
])
def test_the_word_after_how_asks_for_a_number_and_is_none_of_its_terms(question, terms):
    assert read_question(question).terms == terms


@pytest.mark.parametrize("question, terms", [
    ("Which two bridges were closed?", ("bridg", "close")),  # how many are asked for, not a word of the answer
    ("What three demands did the union raise?", ("demand", "union", "rais")),
    ("Which bridge did the two trucks cross?", ("bridg", "two", "truck", "cross")),
])
def test_how_many_names_a_which_question_asks_for_is_none_of_its_terms(question, terms):
    assert read_question(question).terms == terms


@pytest.mark.parametrize("question, terms", [
    ("What do the articles say about the bridge?", ("bridg",)),      # no article calls itself an article
    ("Who is quoted in these stories about the bridge?", ("quot", "bridg")),
    ("What did the inspection report find?", ("inspect", "report", "find")),  # a report the articles tell of
    ("Which article of the treaty was invoked?", ("articl", "treati", "invok")),
])
def test_the_collection_a_question_asks_about_is_none_of_its_terms(question, terms):
    assert read_question(question).terms == terms


def test_the_last_sentence_decides_the_kind():
    assert read_question("The summit was in Paris. When did it end?").kind == Kind.DATE


@pytest.mark.parametrize("question", ["What is the profession of John H. Williams?",
                                      "What is the profession of Mr. Williams?",
                                      "What is the profession of the U.S. envoy?"])
def test_an_initial_or_abbreviation_ends_no_sentence(question):
    assert read_question(question).head == "profession"


@pytest.mark.parametrize("question, kind, head", [
    ('Who is the author of "Why I Am Not"?', Kind.PERSON, "author"),
    ("Who is the author of “When We Were Young”?", Kind.PERSON, "author"),
    ('When was "Who Framed Roger Rabbit" released?', Kind.DATE, None),
    ('"When did the ceasefire begin?"', Kind.DATE, None),       # a question quoted whole is still asked
    ("“Who is the chief executive of the bank?”", Kind.PERSON, "executive"),
])
def test_the_words_of_a_quoted_title_ask_nothing(question, kind, head):
    read = read_question(question)
    assert (read.kind, read.head) == (kind, head)


@pytest.mark.parametrize("question, current", [
    ("Who is the new president of the federation?", True),
    ("Who is the current mayor of the city?", True),
    ("Who will become the next mayor of the city?", True),
    ("Who is going to be the new president of the federation?", True),
    ("Who is the president of the federation?", False),
    ("Which company is the new owner of the club?", False),     # the company asked is no post held
])
def test_a_question_for_the_new_or_current_holder_of_a_post(question, current):
    assert read_question(question).asks_current is current


@pytest.mark.parametrize("question, places", [
    ("Who is the Chilean president?", {"chilean"}),
    ("Who is the Chilean foreign minister?", {"chilean"}),
    ("Who is Chile's foreign minister?", {"chile"}),
    ("What is the capital of Chile?", {"chile"}),
    ("Who is the director of Amelie?", set()),      # a film is no place that holds a director
    ("What is the location of Portville?", set()),  # the place's own location, not a post it holds
    ("Which country does the tribunal belong to?", set()),
    ("Who leads the rebels?", set()),
])
def test_the_places_a_post_asked_for_is_of(question, places):
    assert read_question(question).post_of == places


@pytest.mark.parametrize("question, speaker", [
    ("What did Rita Vale say when she arrived?", {"rita", "vale"}),
    ("What did the mayor tell reporters?", {"mayor"}),
    ("What has the NLF declared?", {"nlf"}),
    ("What did the NLF leader declare?", {"nlf", "lead"}),   # a leader of the NLF: the role counts (stemmed)
    ("How did the council of elders describe the plan?", {"council"}),  # how they put it: their words
    ("How did the mayor explain the delay?", set()),         # a reason asked, not whose words
    ("Why, according to Rita Vale, did the bridge close?", {"rita", "vale"}),  # whose words answer
    ("According to Porto Daily, how long did the strike last?", set()),   # may be the outlet itself
    ("What did he say?", set()),                     # a pronoun names nobody
    ("What do the reports say about the bridge?", set()),   # the articles themselves
    ("What happened in Porto?", set()),
])
def test_whom_a_question_asks_what_they_said(question, speaker):
    assert read_question(question).speaker == speaker


def test_an_outlet_named_after_according_to_is_the_report_asked_about():
    question = read_question("How long did the strike last, according to North Press?")
    assert question.according_to == "North Press"
    plain = without_source(question)
    assert plain.text == "How long did the strike last?" and "north" not in plain.anchors | set(plain.terms)
    assert read_question("How long did the strike last?").according_to is None
    assert without_source(read_question("Who won?")).text == "Who won?"


@pytest.mark.parametrize("question, source", [
    ("Which port reopened, according to Ana Ruiz's remarks?", "Ana Ruiz"),
    ("Which port reopened, according to the Dockers Union leader?", "Dockers Union"),
    ("Which port reopened, according to officials?", None),
])
def test_a_name_after_according_to_is_the_source_asked_after(question, source):
    assert read_question(question).according_to == source


@pytest.mark.parametrize("question, outlet, plain", [
    ("Who wrote the Harbour Gazette report?", "Harbour Gazette", "Who wrote the report?"),
    ("What did the Coastal Wire article say of the pay?", "Coastal Wire", "What did the article say of the pay?"),
    ("When was Coastal Wire's story filed?", "Coastal Wire", "When was the story filed?"),
    ("What did the Harbour Gazette report?", None, None),  # "report" is the verb
    ("When was the report published?", None, None),
])
def test_an_outlet_named_as_the_owner_of_a_report_is_the_report_asked_about(question, outlet, plain):
    read = read_question(question)
    assert read.according_to == outlet
    assert without_source(read).text == (plain or question)


@pytest.mark.parametrize("question, plain", [
    ("How does the report quoting Mayor Ines Rocha describe the fire?", "How does the article describe the fire?"),
    ("Why did the ferry turn back, according to the Lyon-datelined story?", "Why did the ferry turn back, according "
     "to the article?"),
    ("How many crew were aboard, per the Reuters-based dispatch citing coastguard officials?", "How many crew were "
     "aboard, per the article?"),
    ("What did the report datelined Porto say of the crew?", "What did the article say of the crew?"),
    ("Who paid, according to the article on the rescue?", "Who paid, according to the article?"),
    ("When was the report on the rescue published?", None),   # a report the articles tell of, perhaps
    ("What did the inspection report find?", None),
])
def test_the_words_that_pick_one_of_several_reports_are_no_terms(question, plain):
    assert read_question(question).terms == read_question(plain or question).terms


@pytest.mark.parametrize("question, speaker", [
    ("Who said the strike was over?", True),
    ("Which ministry described the talks as constructive?", True),
    ("Who did the minister call a traitor?", False),       # whom, not who
    ("Who won the election?", False),
    ("When did the minister say it?", False),
])
def test_a_question_that_asks_who_said_something(question, speaker):
    assert read_question(question).asks_speaker is speaker


@pytest.mark.parametrize("question, subject", [
    ("When did the general strike begin?", {"general", "strike"}),
    ("Why did the plane turn?", {"plane"}),
    ("In what year did the civil war break out?", {"civil", "war"}),   # a verb with its particle
    ("When did the general strike first begin?", {"general", "strike"}),  # an adverb before its verb
    ("When did the family finally leave?", {"family"}),
    ("When did Rita Vale resign?", set()),                 # a name: an anchor, not a subject in common nouns
    ("Where did the pilot land the plane?", set()),        # its verb is not last: the subject is not told apart
    ("When did the rebels enter Porto?", set()),
])
def test_a_subject_named_in_common_nouns(question, subject):
    assert read_question(question).subject_terms == {stem(w) for w in subject}


@pytest.mark.parametrize("question, asks, expected", [
    ("How old is the mayor?", "asks_age", True),
    ("At what age did she retire?", "asks_age", True),
    ("How many years did she rule?", "asks_age", False),
    ("At roughly what time in the morning did the ferry dock?", "asks_clock", True),
    ("At what time of day did the alarm sound?", "asks_clock", True),
    ("At what time of year do the storms come?", "asks_clock", False),   # a time of year, not of day
    ("When did the ferry dock?", "asks_clock", False),
    ("On what day of the week did the rocket lift off?", "asks_weekday", True),
    ("Which weekday was the vote held on?", "asks_weekday", True),
    ("On what day did the rocket lift off?", "asks_weekday", False),
    ("On what day did the rocket lift off?", "asks_day", True),
    ("What date was the vote held?", "asks_day", True),
    ("When did the rocket lift off?", "asks_day", False),             # a year may answer when
    ("When will the stand reopen?", "asks_future", True),
    ("When is the line expected to reopen?", "asks_future", True),
    ("When was the stand built?", "asks_future", False),
    ("By what score did the visitors win?", "asks_score", True),
    ("By how many votes to how many was the budget passed?", "asks_score", True),
    ("How many votes did the budget get?", "asks_score", False),
    ("What was the vote count when the council passed the budget?", "asks_score", True),
    ("What was the final tally when the council voted on the plan?", "asks_score", True),
    ("How many people took part in the count?", "asks_score", False),
])
def test_the_kind_of_number_or_time_asked(question, asks, expected):
    assert getattr(read_question(question), asks) is expected


@pytest.mark.parametrize("question, units", [
    ("How high did the ash column rise?", LENGTH_UNITS),
    ("How deep is the lake?", LENGTH_UNITS),
    ("How wide is the new channel?", LENGTH_UNITS),
    ("How many people fled?", frozenset()),
    ("How long is the new footbridge?", LENGTH_UNITS),          # a thing's length
    ("How long will the ferry route be?", LENGTH_UNITS),
    ("How long did the strike last?", frozenset()),              # how long it lasted
    ("How long was the delay?", frozenset()),                    # an act or a time, not a thing
    ("How heavy is the anchor?", WEIGHT_UNITS),
    ("How fast was the train going?", SPEED_UNITS),
    ("How hot was the water at the bottom of the well?", TEMPERATURE_UNITS),
    ("How long is the pier at Brixley?", LENGTH_UNITS),         # the thing, then where it is
    ("How long was the strike at the plant?", frozenset()),
    ("How long is the crack they found in the pipe weld?", LENGTH_UNITS),  # the thing, then a clause about it
    ("How long was the delay that passengers faced?", frozenset()),
    ("What is the length of the pier?", LENGTH_UNITS),          # the measure's noun asks as its adjective does
    ("What was the weight of the anchor?", WEIGHT_UNITS),
    ("What temperature did the kiln reach?", TEMPERATURE_UNITS),
    ("What depth did the divers reach?", LENGTH_UNITS),
    ("How much does the anchor weigh?", WEIGHT_UNITS),          # the verb asks as "how heavy" does
    ("How much did the storm cost?", frozenset()),
])
def test_the_measure_asked_how_high_heavy_fast_or_hot_is_in_its_units(question, units):
    asked = read_question(question)
    assert asked.measure_asked == units
    assert asked.kind == (Kind.COUNT if units else asked.kind)


@pytest.mark.parametrize("question, words", [
    ("How heavy is the anchor?", ["weighs", "weight"]),      # what a sentence that states a weight writes
    ("How tall is the new tower?", ["height"]),
    ("How long did the strike last?", []),                     # a duration: no measure's word
    ("How many heavy trucks crossed?", []),                    # "heavy" is no measure asked here
    ("What was the weight of the anchor?", ["weighs"]),          # not its own "weight" again
])
def test_a_measure_asked_by_its_adjective_is_searched_for_by_its_own_words(question, words):
    assert search_text(question).split()[len(question.split()):] == words
    assert {w[:5] for w in words} <= {t[:5] for t in read_question(question).terms}


@pytest.mark.parametrize("question, reason", [
    ("Why was the match postponed?", True),
    ("On what grounds was the singer granted asylum?", True),
    ("On what basis did the council approve the permit?", True),
    ("How do engineers explain the bridge's collapse?", True),    # asked for an explanation: a reason
    ("How did the mayor describe the plan?", False),              # how it was put, no reason
    ("What did the minister say about the delay?", False),
    ("What reason did the club give for the delay?", True),       # a reason asked for by its noun
    ("What was the main motive for the attack?", True),
    ("What grounds did the final take place on?", False),         # a football ground is no reason
])
def test_questions_that_ask_for_a_reason(question, reason):
    assert read_question(question).asks_reason is reason
    if reason:
        assert read_question(question).kind == Kind.EXPLANATION, "answered by the sentences that give it"

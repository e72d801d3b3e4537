"""The words by which a question asks for a kind of value: "how long", "what date", "which city", "who".

Word lists only (no patterns, no numbers): the question reader (``qa.question``) builds its rules from them.
"""

from __future__ import annotations

__all__ = ["QUESTION_WORDS", "AUXILIARIES", "HOW_WORDS", "TIME_NOUNS", "DURATION_UNITS", "MEASURE_NOUNS",
           "MONEY_NOUNS", "SHARE_NOUNS", "CHANGE_VERBS", "PERSON_NOUNS", "PLACE_NOUNS", "ORGANISATION_NOUNS",
           "WORK_NOUNS", "EVENT_DATE_NOUNS", "POINT_EVENT_WORDS", "HEADCOUNT_NOUNS", "MONEY_VERBS", "LEAVING_WORDS",
           "DESTINATION_WORDS", "MOVING_WORDS", "CURRENT_WORDS", "FORMER_WORDS", "REPORTING_VERBS", "ACCOUNT_VERBS",
           "ROLE_NOUNS", "LEADING_VERBS", "TOP_POSTS", "CATEGORY_NOUNS", "KIN_NOUNS", "KIN_WORDS", "LIFE_EVENT_WORDS",
           "SPEECH_VERBS", "SOURCE_VERBS"]

QUESTION_WORDS = frozenset({"what", "when", "where", "who", "whom", "whose", "which", "why", "how"})
AUXILIARIES = frozenset({"did", "does", "do", "is", "was", "were", "are", "has", "have", "had", "can", "could",
                         "will", "would", "should", "may", "might", "must", "shall"})
"""A question that starts with one of these asks yes or no ("Did Russia confirm ...?")."""

HOW_WORDS = {"long": "duration", "many": "count", "old": "count", "often": "count", "much": "count",
             "far": "count", "big": "count", "large": "count", "tall": "count", "high": "count", "deep": "count",
             "wide": "count", "heavy": "count", "fast": "count", "hot": "count", "cold": "count", "warm": "count"}
""""how X" asks for a number; X says which kind ("how much" becomes money when a money verb follows)."""

TIME_NOUNS = frozenset({"date", "day", "weekday", "year", "month", "time", "decade", "century", "week"})
DURATION_UNITS = frozenset({"years", "months", "weeks", "days", "nights", "hours", "minutes", "decades"})
EVENT_DATE_NOUNS = frozenset({"release", "birth", "death", "premiere", "founding", "launch", "opening", "start",
                              "end", "publication"})
"""Nouns that turn into a date question when "date", "day" or "year" follows ("the release date of")."""
POINT_EVENT_WORDS = frozenset("""born birth died die dies death found founded founding establish established
establishment begin began begun beginning start started starting launch launched release released premiere
premiered open opened opening elect elected appoint appointed raise raised ascend ascended crowned debut debuted
marry married retire retired""".split())
"""Words of events that happen at one time: a range of years ("1848–1912", a life span) does not date them."""
LIFE_EVENT_WORDS = frozenset("""born birth birthday die died dies death dead deceased killed""".split())
"""Words of a birth or a death: a date or place question in one of them ("When was she born?") is answered only by a
sentence in one of them, or by a life span in brackets ("Rita Vale (1848–1912)")."""

MEASURE_NOUNS = frozenset("""number amount total population count percentage percent share rate price cost
revenue sales profit salary budget fee value worth valuation score scoreline tally toll age height weight length
distance size capacity figure turnout attendance depth width speed temperature altitude elevation""".split())
HEADCOUNT_NOUNS = frozenset("""population people residents inhabitants attendance turnout enrollment enrolment
membership members employees staff workers students visitors passengers spectators casualties deaths toll soldiers
troops fighters officers""".split())
"""Counts of people, which are whole numbers: asked for one, "39.1" (a density) or "41.172464" (a coordinate) is
none, while "1.2 million" may be."""
MONEY_NOUNS = frozenset("""price cost revenue sales profit salary budget fee value worth valuation fine wage wages
pay compensation pension fare bonus ransom penalty settlement damages bail loan debt subsidy payout aid funding
investment money cash pay-off payoff severance reserves income earnings spending turnover reward grant
donation payment refund rebate""".split())
MONEY_SENSES = tuple(frozenset(group.split()) for group in (
    "revenue revenues sales turnover", "profit profits earnings income", "salary wage wages pay compensation",
    "price cost costs charge charges value worth valuation fare budget", "fine penalty damages settlement",
    "funding investment aid subsidy grant", "spending", "debt loan loans"))
"""Nouns of money that name the same amount: a question's "profit" is an article's "earnings", not its "revenue"; a
project's "budget" is what it is "worth" or "costs"."""
SHARE_NOUNS = frozenset({"percentage", "percent", "share", "rate", "rise", "increase", "raise", "hike", "cut",
                         "turnout"})
CHANGE_VERBS = frozenset("""rise rose risen fall fell fallen increase increased drop dropped climb climbed decline
declined jump jumped grow grew grown slide slid slump slumped plunge plunged soar soared surge surged gain gained
rally rallied tumble tumbled slip slipped dip dipped sink sank sunk""".split())
"""Verbs of a figure's change: "How much did the shares rise?" asks by how much, most often a share."""
MONEY_VERBS = frozenset("""cost costs costing pay pays paid paying worth price spend spends spent spending sell sells
sold selling buy buys bought buying acquire acquired raise raises raised raising earn earns earned earning fund funds
funded funding charge charges charged charging owe owes owed fine fined offer offers offered offering bid bids save
saves saved saving invest invests invested investing contribute contributes contributed contributing donate donates
donated donating borrow borrows borrowed borrowing pledge pledges pledged pledging allocate allocates allocated
allocating insure insures insured insuring value values valued valuing fetch fetches fetched fetching lend lends lent
lending loan loans loaned compensate compensated award awards awarded budget budgeted""".split())

PERSON_NOUNS = frozenset("""person man woman player president leader chief ceo director singer actor actress
author writer artist composer founder chairman chairwoman minister manager coach captain winner champion premier
king queen prince princess owner governor mayor senator spokesman spokeswoman spokesperson head editor reporter
journalist husband wife son daughter father mother brother sister candidate nominee successor predecessor creator
inventor designer producer presenter host judge scientist driver pilot rapper musician guitarist drummer vocalist
star protagonist character architect painter poet novelist commander general officer secretary official
representative chancellor pope cyclist golfer boxer footballer victim suspect runner-up boss executive deputy
mediator negotiator lawyer prosecutor investigator adviser advisor analyst economist ambassador envoy diplomat
lawmaker politician striker forward defender goalkeeper midfielder winger teenager teen rider climber hiker skier
swimmer athlete sprinter jockey referee umpire nurse surgeon doctor paramedic midwife teacher professor researcher
student pupil patient passenger motorist resident farmer fisherman pensioner soldier firefighter policeman
policewoman detective engineer priest bishop councillor chef worker employee survivor witness hostage migrant
refugee tourist thief burglar gunman robber killer murderer defendant prisoner inmate activist protester campaigner
volunteer curator collector auctioneer heir widow""".split())
PLACE_NOUNS = frozenset("""place city country state town village capital location venue stadium region province
county continent island nation area district neighbourhood neighborhood site destination airport port street
address arena circuit""".split())
ORGANISATION_NOUNS = frozenset("""company firm team agency group organisation organization party band club airline
network broadcaster channel newspaper outlet publisher label studio university school college bank manufacturer
brand union alliance coalition faction militia army ministry department government court league federation
authority regulator watchdog lender insurer operator body board council committee commission institute association
charity trust foundation inspectorate consortium supplier contractor startup start-up retailer carrier maker""".split())
BUSINESS_NOUNS = frozenset("""company firm business corporation operator manufacturer maker supplier contractor
lender insurer retailer carrier startup start-up exporter importer developer producer""".split())
"""Head nouns of "which X" questions that ask for a business: a name with a company's legal form is one of them."""
WORK_NOUNS = frozenset("""movie film album song book novel show series programme program game play opera single
record track episode poem painting musical documentary sitcom magazine""".split())
"""Head nouns of "which X" questions, by the kind of name that answers them."""
ROLE_NOUNS = frozenset("""profession occupation job position post role title office rank career""".split())
"""Nouns that ask for what a person is or does, whose answer may be a title ("What is her position?" - "Minister of
Foreign Affairs"), not for a thing that no person is."""
ROLES_FOR_SOMEONE = frozenset("""coach manager lawyer agent trainer caddie doctor adviser advisor assistant deputy
bodyguard""".split())
"""Roles a person holds for another, which articles write joined to the holder's name ("her coach, Bram Oyelaran"):
asked who holds one ("Who coaches her?"), a name joined to it rules out the names never joined to it."""

LEADING_VERBS = {"heads": "leader", "leads": "leader", "runs": "leader", "chairs": "chair", "commands": "commander",
                 "governs": "governor"}
"""Verbs of being at the head of something now, with the noun of that post: "Who heads the group?" asks who is its
leader, whom an article names by the post ("the group's leader, X") as often as by the verb. (Not their past: "Who
led the invasion?" asks who did a thing, not who holds a post.)"""

LEADER_NOUNS = frozenset({"leader", "head", "boss", "chief"})
"""The posts "Who leads / heads / runs X?" asks for ("Who runs X?" is read as "Who is the leader of X?"), and "Who
is the boss of X?" too: any post at the head of a body (``TOP_POSTS``) answers them."""
TOP_POSTS = frozenset("""leader head chief boss president chairman chairwoman chair ceo executive director
commander""".split())
"""Nouns of the posts at the head of a body: who leads, heads or runs one ("leader", "head", "boss", "chief") is named
by any of them ("the company's chief executive, X", "union president X")."""

CATEGORY_NOUNS = frozenset("""sport genre medium format instrument species breed discipline style material colour
color gender shape cuisine direction profession occupation job career""".split())
"""Nouns that ask for a kind of thing ("What sport ...?", "What is the genre of ...?", "In which direction ...?",
"What is his profession?"), answered by a common noun ("rugby league", "film noir", "west", "architect"), not by
the proper name of one person, body or work."""

LEAVING_WORDS = frozenset("""from left leave leaves leaving fled flee flees fleeing escaped escape escapes escaping
departed depart departs departing quit quits exited exit exits abandoned abandon evacuated""".split())
"""Words whose object is a place left behind ("fled Syria", "left the capital of Damascus", "from Damascus"): not
where someone went or is, which a "Where ...?" question asks."""
DESTINATION_WORDS = frozenset({"to", "into", "towards", "toward", "for", "in", "at", "inside"})
"""Prepositions of a place reached or stayed in: "fled Syria for Moscow" left Syria and reached Moscow."""
MOVING_WORDS = (LEAVING_WORDS - {"from"}) | frozenset("""go goes going went gone arrive arrives arrived arriving reach
reaches reached reaching land lands landed landing fly flies flew flown flying travel travels travelled traveled
move moves moved moving head heads headed heading relocate relocated settle settled taken""".split())
"""Verbs of going somewhere: a place question that uses one ("Which city did the plane reach?") asks where someone
or something went, as "Where did ... go?" does."""

KIN_NOUNS = frozenset("""wife husband spouse widow widower son sons daughter daughters child children father mother
parent parents brother brothers sister sisters sibling siblings grandson granddaughter grandfather grandmother
grandchild grandchildren uncle aunt nephew niece cousin fiance fiancee""".split())
"""Nouns of a family relation: a question about someone's relative ("Who is the mayor's wife?", "When did her father
die?") asks about a person whom an article names, if at all, in ``KIN_WORDS``."""
KIN_WORDS = KIN_NOUNS | frozenset("""married marry marries marriage wed weds wedded wedding divorced divorce born
widowed""".split())
"""Words an article tells a family relation in: its nouns, and words of marriage and birth ("She married Leo Kent in
1990", "born to a family of farmers"); not "family" itself ("he fled with his family" names none of its members)."""

SPEECH_VERBS = frozenset("""say says said saying tell tells told state states stated declare declares declared
announce announces announced add adds added claim claims claimed write writes wrote note notes noted urge urges
urged warn warns warned insist insists insisted pledge pledges pledged reply replies replied respond responds
responded remark remarks remarked reveal reveals revealed call calls called describe describes described
comment comments commented emphasise emphasises emphasised emphasize emphasizes emphasized stress stresses
stressed express expresses expressed appeal appeals appealed affirm affirms affirmed assert asserts asserted
argue argues argued explain explains explained acknowledge acknowledges acknowledged admit admits admitted
promise promises promised vow vows vowed deny denies denied confirm confirms confirmed proclaim proclaims proclaimed
""".split())
"""Verbs a speaker is the subject of ("Jolani declared", "“...,” the minister said"): what a question asking what
someone said needs a sentence to attribute to them."""

SOURCE_VERBS = frozenset("""report reports reported announce announces announced confirm confirms confirmed say says
said state states stated declare declares declared reveal reveals revealed quote quotes quoted""".split())
"""Verbs whose doer a question may ask for as the source of a report ("Which news agency reported the arrival?"):
many may each report one thing, so two articles naming different sources need not disagree."""

CURRENT_WORDS = frozenset({"new", "current", "incoming", "present", "sitting", "incumbent", "next"})
"""Words that ask for who holds a post now or next ("Who is the new president?"), not who held it."""
FORMER_WORDS = frozenset({"former", "ex", "deposed", "ousted", "outgoing", "previous", "toppled", "exiled",
                          "late", "departing"})
"""Words that mark a holder of a post as past ("the deposed president", "ex-CEO"): no answer to a question for the
new or current one."""

REPORTING_VERBS = frozenset("""call calls called calling describe describes described describing characterise
characterises characterised characterize characterizes characterized comment comments commented mention mentions
mentioned claim claims claimed declare declares declared remark remarks remarked label labels labelled labeled
quote quotes quoted report reports reported""".split())
"""Verbs of saying that a question uses for how something was put ("How did the minister characterise the deal?"):
an answer says it in its own verb ("said", "called it"), so their absence from the articles is no sign that the
articles do not answer ("say", "said" and "according" are stopwords already). Left out: words as often the event
asked about ("When was the phone announced?") or a noun ("state", "term")."""
ACCOUNT_VERBS = REPORTING_VERBS | frozenset("""say says said mean means meant happen happens happened do does did
blame blames blamed want wants wanted order orders ordered""".split())
"""Verbs after which a question's "what" asks for an account, answered by sentences rather than by one value ("What
did the minister say?", "What happened in the city?", "What was reported?"): the verbs of saying, and a few of
doing and wanting."""

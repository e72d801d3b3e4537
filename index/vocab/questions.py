"""The words by which a question asks for a kind of value: "how long", "what date", "which city", "who".

Word lists only: each question reader builds its own patterns from them, so they agree on the vocabulary.
"""

from __future__ import annotations

__all__ = ["HOW_WORDS", "DATE_NOUNS", "DURATION_NOUNS", "COUNT_NOUNS", "AMOUNT_NOUNS", "MEASURE_NOUNS",
           "PLACE_NOUNS", "AGENT_NOUNS", "PERSON_WORDS"]

HOW_WORDS = {"long": "duration", "many": "count", "old": "count", "often": "count", "much": "amount",
             "far": "size", "big": "size", "large": "size", "tall": "size", "high": "size"}
""""how X" asks for a number; X says which kind."""

DATE_NOUNS = ("date", "day", "time", "year", "month")           # "what date", "which year"
DURATION_NOUNS = ("years", "months", "weeks", "days", "hours", "decades")  # "for how many years"
COUNT_NOUNS = ("number", "age")                                  # "what number"
AMOUNT_NOUNS = ("percentage", "share", "price", "amount")        # "what percentage"
MEASURE_NOUNS = COUNT_NOUNS + AMOUNT_NOUNS + (
    "revenue", "cost", "size", "population", "sum", "salary", "budget", "profit", "sales", "score", "fee", "value",
    "worth", "valuation", "height", "weight", "length", "distance", "toll", "count")
"""Nouns that a "what"/"which" question asks the number of."""

PLACE_NOUNS = ("city", "country", "place")                       # "which city"
AGENT_NOUNS = ("agency", "outlet", "person", "group", "organisation", "organization", "leader")  # "which agency"
PERSON_WORDS = ("who", "whom", "whose")

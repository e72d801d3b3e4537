"""Words that say nothing about a topic: function words, reporting verbs, and the light verbs of questions."""

from __future__ import annotations

__all__ = ["STOPWORDS", "LIGHT_WORDS", "is_stopword"]

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here hers
herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once
only or other our ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves s t
don't isn't wasn't weren't hasn't haven't hadn't doesn't didn't won't wouldn't shan't shouldn't can't cannot
couldn't mustn't let's that's who's what's here's there's when's where's why's how's 's
said says say told tell according via per however meanwhile still yet
""".split())
"""Function words (with their contractions), reporting verbs and connectives: never what a sentence is about."""

LIGHT_WORDS = frozenset("""
go goes going went gone get gets getting got gotten come comes coming came become becomes became happen happens
happened happening make makes making made take takes taking took taken put puts thing things way ways currently
exactly really actually anything something everything one ones
""".split())
"""Light verbs and fillers: they carry no topic, so a question's "go" or "happen" must not count as a search term
(nor as a term the collection lacks). Sentence analysis keeps them: "took office" says what a date is about."""


def is_stopword(word: str) -> bool:
    """Whether a lower-cased word (curly apostrophes allowed) is a function word."""
    return word.replace("’", "'") in STOPWORDS

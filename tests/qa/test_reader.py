"""The reader's evidence that the articles answer at all: what of the question no sentence read mentions."""

import numpy as np

from qa.evidence import Evidence
from qa.question import read_question
from qa.reader import ANSWERABLE_FEATURES, SENTENCE_FEATURES, answerable_features


def _features(question: str, *texts: str) -> dict[str, float]:
    items = [Evidence(doc_id=f"d{k}", text=t, quote=t, start=0, end=len(t)) for k, t in enumerate(texts)]
    scored = [(item, 1.0) for item in items]
    q = read_question(question)
    row = answerable_features(q, scored, [], np.zeros(len(SENTENCE_FEATURES)), {t: 1.0 for t in q.terms})
    return dict(zip(ANSWERABLE_FEATURES, row))


ARTICLE = ("The mayor of Lisbon arrived in Porto on Monday.", "She met the city council and toured the harbour.")


def test_a_question_about_the_subject_in_words_no_article_uses_is_marked_unseen():
    asked = _features("What will the rainfall be in Porto next week?", *ARTICLE)
    assert asked["relation_unseen"] == 1.0, "rainfall, week: the articles speak of Porto, never of either"
    covered = _features("When did the mayor of Lisbon arrive in Porto?", *ARTICLE)
    assert covered["relation_unseen"] == 0.0


def test_the_noun_asked_for_is_unseen_only_when_no_sentence_read_uses_it():
    assert _features("What is the name of the mayor's husband?", *ARTICLE)["head_unseen"] == 1.0
    assert _features("Which city did the mayor arrive in?", *ARTICLE)["head_unseen"] == 0.0
    assert _features("When did the mayor arrive?", *ARTICLE)["head_unseen"] == 0.0, "no head noun, nothing unseen"


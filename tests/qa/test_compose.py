import numpy as np
import pytest

from qa.citations import CitationNumbers
from qa.compose import ComposerSettings, expected_answer_type, render_draft, score_relevance, select_claims
from qa.evidence import Evidence


def ev(doc, text, relevance, vector=None, start=0):
    return Evidence(doc_id=doc, text=text, quote=text, start=start, end=start + len(text), relevance=relevance,
                    embedding=None if vector is None else np.asarray(vector, dtype=np.float32))


def test_answer_types():
    assert expected_answer_type("When did Damascus fall?") == "date"
    assert expected_answer_type("How long did Assad rule?") == "duration"
    assert expected_answer_type("How much did the plane cost?") == "amount"
    assert expected_answer_type("How many people died?") == "count"
    assert expected_answer_type("Where did Assad go?") == "place"
    assert expected_answer_type("Who leads HTS? Where did he speak?") == "place"
    assert expected_answer_type("Which agency reported it?") == "name"
    assert expected_answer_type("Did Russia confirm it?") is None


def test_relevance_blends_cosine_and_idf_coverage_and_penalises_missing_answer_type():
    settings = ComposerSettings()
    q = np.array([1.0, 0.0])
    items = [ev("a", "Assad ruled for 24 years.", 0, [1.0, 0.0]),
             ev("b", "Assad ruled with an iron fist.", 0, [1.0, 0.0])]
    with_number, without = score_relevance("How long did Assad rule?", q, items, {"assad": 1.0, "rule": 1.0}, settings)
    assert with_number == pytest.approx(without + settings.type_penalty)
    assert with_number == pytest.approx(0.6 * 1.0 + 0.4 * 1.0)


def test_near_duplicates_across_articles_become_one_claim_with_both_citations():
    settings = ComposerSettings()
    items = [ev("a", "Assad arrived in Moscow.", 0.8, [1, 0]), ev("b", "Assad has arrived in Moscow.", 0.78, [1, 0]),
             ev("c", "Russia granted asylum on humanitarian grounds.", 0.75, [0, 1])]
    draft = select_claims(items, settings)
    assert draft.answered
    assert [[e.doc_id for e in claim] for claim in draft.claims] == [["a", "b"], ["c"]]
    numbers = CitationNumbers()
    assert render_draft(draft, numbers) == ("Assad arrived in Moscow. [1][2] "
                                            "Russia granted asylum on humanitarian grounds. [3]")
    assert [(c.n, c.doc_id) for c in numbers.citations] == [(1, "a"), (2, "b"), (3, "c")]


def test_sentences_far_below_the_best_are_left_out():
    draft = select_claims([ev("a", "Best.", 0.9), ev("b", "Weak.", 0.5, start=10)], ComposerSettings(margin=0.1))
    assert [c[0].text for c in draft.claims] == ["Best."]


def test_abstains_below_the_near_threshold_and_hedges_between_thresholds():
    settings = ComposerSettings(answer_threshold=0.5, near_threshold=0.3)
    assert select_claims([ev("a", "Unrelated.", 0.2)], settings).claims == ()
    hedged = select_claims([ev("a", "Close.", 0.4)], settings)
    assert not hedged.answered and hedged.preface.startswith("The articles do not clearly answer")
    assert render_draft(hedged, CitationNumbers()).endswith("Close. [1]")


def test_the_same_sentence_reached_through_two_chunks_is_cited_once():
    a = ev("a", "Same sentence.", 0.9)
    draft = select_claims([a, ev("a", "Same sentence.", 0.9)], ComposerSettings())
    assert len(draft.claims) == 1 and len(draft.claims[0]) == 1


def test_settings_are_validated():
    with pytest.raises(ValueError, match="near_threshold <= answer_threshold"):
        ComposerSettings(answer_threshold=0.2, near_threshold=0.5)


def test_section_titles_never_stand_as_claims_but_credit_lines_do():
    draft = select_claims([ev("a", "The Fall of Damascus", 0.9), ev("a", "Editing by Kardo Roj", 0.5, start=50)],
                          ComposerSettings())
    assert [c[0].text for c in draft.claims] == ["Editing by Kardo Roj"]

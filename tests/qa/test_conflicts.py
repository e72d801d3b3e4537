"""The rule-based disagreement detector: the seed articles' real disagreements, its rules one by one, its speed.

Seed evidence is built from the real sentences of seeds/ with the project's own splitter, as the index does.
Fast tests use no embeddings (lexical alignment) or the hashed bag-of-words fake; the slow one the real model.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from index.text import fold_whitespace, split_paragraphs
from index.vocab import split_sentences
from qa.conflicts import (
    Conflict,
    ConflictDetector,
    RuleConflictDetector,
    Side,
    diff_mentions,
    differing_spans,
    find_disagreements,
    is_attribution,
    name_span,
    read_question,
    read_sentence,
)
from qa.evidence import Evidence

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
# What the reader extracts from each seed's dateline ("Moscow, Russia – December 9:"); the others state none.
PUBLISHED = {"001_be7e029a7d16086c": "--12-09"}
TODAY = date(2025, 6, 1)

RULE = "How long did Bashar al-Assad rule Syria?"
FALL = "On what date did Damascus fall to the rebels?"
CONFIRM = "Did the Russian government officially confirm the asylum?"
NO_CONFLICT = ["Which news agency reported the asylum?", "Why did Russia grant asylum?", "Where did Assad go?",
               "Who leads HTS?"]


def seed_evidence(embed=None, question: str | None = None) -> list[Evidence]:
    """Every sentence of the seed articles as Evidence; with ``embed``, unit vectors and cosine relevance."""
    items = []
    for path in sorted(SEEDS.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        for p_start, p_end in split_paragraphs(raw):
            for start, end in split_sentences(raw, p_start, p_end):
                items.append(Evidence(doc_id=path.stem, text=fold_whitespace(raw[start:end]), quote=raw[start:end],
                                      start=start, end=end, published=PUBLISHED.get(path.stem)))
    if embed is None:
        return items
    vectors = _unit(np.asarray(embed([e.text for e in items]), dtype=np.float32))
    embedded = [replace(e, embedding=v) for e, v in zip(items, vectors)]
    return asked(embedded, embed, question) if question else embedded


def asked(evidence: list[Evidence], embed, question: str) -> list[Evidence]:
    """The same sentences scored for ``question``: relevance is the cosine with its embedding."""
    query = _unit(np.asarray(embed([question]), dtype=np.float32))[0]
    return [replace(e, relevance=max(0.0, float(e.embedding @ query))) for e in evidence]


def _unit(matrix: np.ndarray) -> np.ndarray:
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)


def ev(doc_id: str, text: str, *, published: str | None = None, relevance: float = 0.0) -> Evidence:
    return Evidence(doc_id=doc_id, text=text, quote=text, start=0, end=len(text), published=published,
                    relevance=relevance)


def doc(prefix: str) -> str:
    return next(p.stem for p in SEEDS.glob(f"{prefix}_*.txt"))


def docs_of(side: Side) -> set[str]:
    return {e.doc_id[:3] for e in side.evidence}


def side_with(conflict: Conflict, fragment: str) -> Side:
    (side,) = [s for s in conflict.sides if fragment in s.value]
    return side


@pytest.fixture
def detector():
    return RuleConflictDetector(today=TODAY)


@pytest.fixture(scope="module")
def fake_vectors():
    from tests.fakes import HashedBagOfWords

    model = HashedBagOfWords()
    return lambda texts: [model.get_text_embedding(t) for t in texts]


# ------------------------------------------------------------------------------------------ the seeds

def assert_rule_length(conflicts: list[Conflict]) -> None:
    (conflict,) = conflicts
    assert conflict.kind == "number" and "rule" in conflict.topic
    assert [s.value for s in conflict.sides] == ["24 years", "12 years"] or \
        [s.value for s in conflict.sides] == ["12 years", "24 years"]
    assert docs_of(side_with(conflict, "24")) == {"000", "001"}        # "over 20-year rule" agrees with 24
    assert docs_of(side_with(conflict, "12")) == {"003"}
    assert not any("six decades" in e.text for s in conflict.sides for e in s.evidence)


def assert_fall_date(conflicts: list[Conflict]) -> None:
    (conflict,) = conflicts
    assert conflict.kind == "date"
    dec8, dec1 = side_with(conflict, "12-08"), side_with(conflict, "December 1")
    assert dec8.value == "2024-12-08" and dec1.value == "by December 1"
    assert docs_of(dec1) == {"002"}
    assert {"001", "004"} <= docs_of(dec8)
    assert any("on Sunday" in e.text for e in dec8.evidence if e.doc_id.startswith("001"))
    assert not any("November 27" in e.text for s in conflict.sides for e in s.evidence)


def assert_confirmation(conflicts: list[Conflict]) -> None:
    (conflict,) = conflicts
    assert conflict.kind == "status" and "confirmation" in conflict.topic
    denied, confirmed = side_with(conflict, "no official confirmation"), side_with(conflict, "confirmed by")
    assert confirmed.value == "confirmed by a Kremlin source"
    assert docs_of(denied) == {"004"} and docs_of(confirmed) == {"001", "002"}


@pytest.mark.parametrize("question, check", [(RULE, assert_rule_length), (FALL, assert_fall_date),
                                             (CONFIRM, assert_confirmation)])
def test_seed_disagreements_without_embeddings(detector, question, check):
    check(detector.find(question, seed_evidence()))


@pytest.mark.parametrize("question, check", [(RULE, assert_rule_length), (FALL, assert_fall_date),
                                             (CONFIRM, assert_confirmation)])
def test_seed_disagreements_with_fake_embeddings(fake_vectors, question, check):
    # word-overlap cosines run far lower than a sentence model's, hence the lower alignment bar
    detector = RuleConflictDetector(today=TODAY, min_alignment=0.15)
    check(detector.find(question, seed_evidence(fake_vectors, question)))


@pytest.mark.parametrize("question", NO_CONFLICT)
def test_seed_questions_where_sources_agree(detector, fake_vectors, question):
    assert detector.find(question, seed_evidence()) == []
    assert RuleConflictDetector(today=TODAY, min_alignment=0.0).find(
        question, seed_evidence(fake_vectors, question)) == []


def test_corpus_scan_groups_the_seed_disagreements_by_topic(detector):
    conflicts = detector.find_in_corpus(seed_evidence())
    assert sorted(c.kind for c in conflicts) == ["date", "number", "status"]
    number = next(c for c in conflicts if c.kind == "number")
    assert {s.value for s in number.sides} == {"24 years", "12 years"}


@pytest.mark.slow
def test_seed_disagreements_with_the_real_model(real_embed):
    detector = RuleConflictDetector(today=TODAY)
    embed = real_embed.get_text_embedding_batch
    seeds = seed_evidence(embed)
    assert_rule_length(detector.find(RULE, asked(seeds, embed, RULE)))
    assert_fall_date(detector.find(FALL, asked(seeds, embed, FALL)))
    assert_confirmation(detector.find(CONFIRM, asked(seeds, embed, CONFIRM)))
    for question in NO_CONFLICT:
        assert detector.find(question, asked(seeds, embed, question)) == [], question
    corpus = detector.find_in_corpus(seeds)
    assert sorted(c.kind for c in corpus) == ["date", "number", "status"]


# ------------------------------------------------------------------------------------------ rules, one by one

def test_only_different_articles_disagree(detector):
    evidence = [ev("a", "Assad's 24-year rule ended in Syria."), ev("a", "His 12-year rule over Syria ended.")]
    assert detector.find(RULE, evidence) == []


def test_different_agencies_reporting_is_not_a_disagreement(detector):
    evidence = [ev("a", "Russia granted Assad asylum, the Interfax news agency reported."),
                ev("b", "Russia granted Assad asylum, the TASS news agency reported.")]
    assert detector.find("Which news agency reported the asylum?", evidence) == []


def test_same_value_in_other_words_is_agreement(detector):
    evidence = [ev("a", "The offensive ended Assad's 24-year rule in Syria."),
                ev("b", "The offensive ended Assad's over 20-year rule in Syria."),
                ev("c", "Russia granted asylum on humanitarian grounds."),
                ev("d", "Russia granted asylum out of humanitarian considerations, a Kremlin source said.")]
    assert detector.find(RULE, evidence) == []
    assert detector.find("Why did Russia grant asylum?", evidence) == []


def test_a_name_that_differs_between_near_identical_sentences(detector):
    evidence = [ev("a", "The game was played on February 7, 2021, at Raymond James Stadium in Tampa, Florida, "
                        "the home stadium of the Buccaneers."),
                ev("b", "The game was played on February 7, 2021, at Raymond James Stadium in Glendale, Arizona, "
                        "the home stadium of the Buccaneers.")]
    (conflict,) = detector.find("Super Bowl 2021 location", evidence)
    assert conflict.kind == "entity" and conflict.topic == "Super Bowl 2021 location"
    assert [s.value for s in conflict.sides] == ["Tampa, Florida", "Glendale, Arizona"]


def test_a_name_spelled_differently_is_the_same_name(detector):
    evidence = [ev("a", "HTS leader Abu Mohammed al Jolani addressed crowds in Damascus."),
                ev("b", "HTS leader Abu Mohammed al-Jolani addressed crowds in Damascus.")]
    assert detector.find("Who leads HTS?", evidence) == []


def test_values_in_different_slots_do_not_compete(detector):
    evidence = [ev("a", "Assad's departure ends nearly six decades of rule by the Assad family in Syria."),
                ev("b", "The fall of Damascus ended Assad's 24-year rule in Syria."),
                ev("c", "Rebels took Damascus and ended Assad's rule in Syria after 12 days of heavy fighting.")]
    assert detector.find(RULE, evidence) == []


def test_a_disagreement_off_the_question_is_not_reported(detector):
    evidence = [ev("a", "Assad fled Syria on December 8 as rebels took Damascus, ending his 24-year rule."),
                ev("b", "Assad fled Syria on December 1 as rebels took Damascus, ending his 24-year rule.")]
    assert detector.find(RULE, evidence) == []
    (conflict,) = detector.find("When did Assad flee Syria?", evidence)
    assert conflict.kind == "date"


def test_a_start_date_is_not_the_date_of_the_event(detector):
    evidence = [ev("a", "The offensive, which began on November 27, ended with the fall of Damascus to rebels."),
                ev("b", "Damascus fell to the rebels on December 8, ending the offensive.")]
    assert detector.find(FALL, evidence) == []


def test_another_edition_does_not_bear_on_the_question(detector):
    evidence = [ev("a", "Splatoon 2 was released on July 21, 2017 for the Nintendo Switch."),
                ev("b", "Splatoon 1 was released on May 28, 2015 for the Wii U.")]
    assert detector.find("When was Splatoon 2 released?", evidence) == []


def test_a_question_in_the_evidence_states_nothing(detector):
    evidence = [ev("a", "The Super Bowl 2021 was held in Tampa on February 7, 2021."),
                ev("b", "Was the Super Bowl 2021 held in Tampa on February 14, 2021?")]
    assert detector.find("When was the Super Bowl 2021 held?", evidence) == []


def test_an_article_stating_both_values_is_not_a_side(detector):
    evidence = [ev("a", "Splatoon 2 was first teased on 20 October 2016 and released worldwide on 21 July 2017."),
                ev("b", "Splatoon 2 was released worldwide on July 21, 2017.")]
    assert detector.find("When was Splatoon 2 released?", evidence) == []


def test_each_article_answers_with_its_closest_value(detector):
    evidence = [ev("a", "God of War was released on April 20, 2018, and the PC version arrived on January 14, 2022."),
                ev("b", "God of War was released for PS4 on April 20, 2018.")]
    assert detector.find("What is the release date of God of War?", evidence) == []


def test_relative_weekday_needs_a_year_from_the_evidence(detector):
    seized = ev("a", "Rebels seized Damascus on Sunday, ending the war.", published="--12-09")
    fallen = ev("b", "By Sunday, December 1, Damascus had fallen to the rebels.")
    (conflict,) = detector.find(FALL, [seized, fallen])
    assert sorted(s.value for s in conflict.sides) == ["2024-12-08", "by December 1"]
    assert detector.find(FALL, [seized, ev("b", "Damascus had fallen to the rebels by December 1.")]) == []


# ------------------------------------------------------------------------------------------ alignment helpers

def test_differing_spans_merge_a_place_and_its_state():
    a = read_sentence("The game was played at Raymond James Stadium in Tampa, Florida, the home stadium.")
    b = read_sentence("The game was played at Raymond James Stadium in Glendale, Arizona, the home stadium.")
    ((i1, i2), (j1, j2)), = differing_spans(a, b, 0.6)
    assert a.text[a.tokens[i1].start:a.tokens[i2 - 1].end] == "Tampa, Florida"
    assert b.text[b.tokens[j1].start:b.tokens[j2 - 1].end] == "Glendale, Arizona"
    assert differing_spans(a, read_sentence("Russia granted asylum on humanitarian grounds."), 0.6) == []


def test_name_span_grows_to_the_whole_name():
    s = read_sentence("The company's chief executive Tim Cook said on Monday that sales rose.")
    k = next(i for i, t in enumerate(s.tokens) if t.text == "Cook")
    i, j = name_span(s, k, k + 1)
    assert s.text[s.tokens[i].start:s.tokens[j - 1].end] == "Tim Cook"
    assert name_span(read_sentence("It was granted on humanitarian grounds."), 4, 5) is None


def test_attribution_positions():
    told = read_sentence("A Kremlin source told TASS that Assad arrived.")
    k = next(i for i, t in enumerate(told.tokens) if t.text == "TASS")
    assert is_attribution(told, k, k + 1)
    played = read_sentence("The game was played in Tampa on Sunday.")
    k = next(i for i, t in enumerate(played.tokens) if t.text == "Tampa")
    assert not is_attribution(played, k, k + 1)


@pytest.mark.parametrize("question, kinds", [
    (RULE, {"number"}), (FALL, {"date"}), (CONFIRM, {"status"}), ("Who leads HTS?", {"entity"}),
    ("Why did Russia grant asylum?", {"other"}), ("What was Tesla's revenue in Q1 2021?", {"number"}),
    ("What is the release date of Cyberpunk 2077?", {"date"}), ("Super Bowl 2021 location", {"number", "date",
                                                                                              "entity"}),
])
def test_question_kinds(question, kinds):
    assert read_question(question).kinds == kinds


# ------------------------------------------------------------------------------------------ interface

@pytest.mark.parametrize("kwargs, message", [
    ({"min_alignment": 2}, "min_alignment must be a number within [-1, 1], got 2"),
    ({"min_relevance": -0.1}, "min_relevance must be a number within [0, 1], got -0.1"),
    ({"min_token_similarity": 0}, "min_token_similarity must be > 0, got 0"),
    ({"window": 0}, "window must be an integer >= 1, got 0"),
    ({"neighbours": 2.5}, "neighbours must be an integer >= 1, got 2.5"),
    ({"today": "2025-01-01"}, "today must be a datetime.date or None, got '2025-01-01'"),
])
def test_bad_settings_are_named(kwargs, message):
    with pytest.raises(ValueError) as info:
        RuleConflictDetector(**kwargs)
    assert str(info.value) == message


def test_find_disagreements_uses_the_given_detector():
    class Recording:
        def __init__(self):
            self.calls = []

        def find(self, question, evidence):
            self.calls.append((question, list(evidence)))
            return []

        def find_in_corpus(self, evidence):
            return []

    recording = Recording()
    evidence = [ev("a", "Assad ruled for 24 years.")]
    assert isinstance(recording, ConflictDetector) and isinstance(RuleConflictDetector(), ConflictDetector)
    assert find_disagreements("How long?", evidence, recording) == []
    assert recording.calls == [("How long?", evidence)]
    assert find_disagreements("Anything?", []) == []


def test_find_reads_each_sentence_once_and_compares_only_close_look_alikes(detector, monkeypatch):
    """What keeps find cheap enough for every question (`python -m bench.rgb_detector` prints its time)."""
    look_alikes = [ev(f"wire-{k}", f"The council of district {k} reported {k + 3} new clinics on March {k % 28 + 1}.")
                   for k in range(60)]
    evidence = seed_evidence()[::3][:40] + look_alikes
    detector.find("How many clinics did the council report?", evidence)
    read_before = read_sentence.cache_info().misses
    compared = []
    monkeypatch.setattr("qa.conflicts.diff_mentions", lambda ia, a, ib, b, *rest: compared.append((ia, ib))
                        or diff_mentions(ia, a, ib, b, *rest))
    detector.find("How many clinics did the council report?", evidence)
    assert read_sentence.cache_info().misses == read_before, "a sentence seen before is not read again"
    assert compared and len(compared) <= 5 * len(evidence), "each sentence is compared with its 5 closest at most"


@pytest.mark.slow
def test_corpus_scan_scales_to_thousands_of_sentences(fake_vectors, monkeypatch):
    """2,500 near-identical wire sentences, each with its own figures, plus the seeds: a worst case for the scan."""
    towns = ["Aleppo", "Homs", "Hama", "Daraa", "Idlib", "Raqqa", "Latakia", "Tartus", "Palmyra", "Deir"]
    filler = [ev(f"wire-{k}", f"The {towns[k % 10]} council of district {k} reported {k % 97 + 3} new clinics and "
                           f"{k % 13 + 2} schools reopened on March {k % 28 + 1}, 2023.")
              for k in range(2500)]
    texts = [e.text for e in filler] + [e.text for e in seed_evidence()]
    vectors = _unit(np.asarray(fake_vectors(texts), dtype=np.float32))
    corpus = [Evidence(doc_id=e.doc_id, text=e.text, quote=e.quote, start=e.start, end=e.end,
                       published=e.published, embedding=v) for e, v in zip(filler + seed_evidence(), vectors)]
    # word-overlap vectors of different articles sit far apart: lower bars stand in for a sentence model's
    detector = RuleConflictDetector(today=TODAY, min_story_similarity=0.3, min_corpus_alignment=0.15)
    compared = []
    neighbour_pairs = RuleConflictDetector._neighbour_pairs

    def counted(self, p, items, stories, k):
        pairs = neighbour_pairs(self, p, items, stories, k)
        compared.append((len(items), k, len(pairs)))
        return pairs

    monkeypatch.setattr(RuleConflictDetector, "_neighbour_pairs", counted)
    found = detector.find_in_corpus(corpus)
    seed_kinds = {c.kind for c in found if all(e.doc_id[:3].isdigit() for s in c.sides for e in s.evidence)}
    assert {"number", "status"} <= seed_kinds
    # what lets it scale (`python -m bench.rgb_detector --corpus` prints its time): each sentence is compared
    # with its k nearest, so the pairs grow with the sentences, not with their square
    assert compared and all(pairs <= n * k for n, k, pairs in compared)
    assert sum(pairs for _, _, pairs in compared) < len(corpus) ** 2 / 100


def test_yes_no_questions_are_not_answered_by_dates_or_counts_they_do_not_name():
    from qa.conflicts import read_question

    assert read_question("Did the rebels meet resistance when they entered Damascus?").kinds == frozenset()
    assert read_question("Was Assad in power for 24 years?").kinds == {"number"}
    assert read_question("Did the Russian government officially confirm the asylum?").kinds == {"status"}


def test_a_question_about_an_outbreak_asks_for_a_start_date():
    from qa.conflicts import read_question

    assert read_question("In what year did the Syrian civil war break out?").asks_start
    assert not read_question("On what date did Damascus fall to the rebels?").asks_start

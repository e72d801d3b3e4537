"""The dev-set benchmark's pure parts: normalising, matching, EM/F1, the split, the collections and the scoring."""

from __future__ import annotations

import hashlib

import pytest

from bench import devdata
from bench.devdata import (Article, Collection, Expectations, ExpectedConflict, RAMDocsItem, RAMDocument, RGBItem,
                           contains, exact_match, normalise, parse_answers, reports_conflict, score, split_of,
                           token_f1)
from index.errors import InputError


def test_normalise_folds_case_accents_punctuation_articles_and_spaces():
    assert normalise("  The Café, in  PARIS! ") == "cafe in paris"
    assert normalise("An apple a day") == "apple day"
    assert normalise("1,250 people") == "1250 people"
    assert normalise("launched 2012.12:01 AM") == "launched 2012 12 01 am"
    assert normalise("Smith's") == "smith s"


def test_contains_matches_whole_words_only():
    assert contains("It opened in Oslo, Norway [1].", "Oslo Norway")
    assert not contains("It cost 1,650 dollars", "165")
    assert not contains("May 15, 2012", "May 1, 2012")
    assert not contains("Theatre", "the")
    assert not contains("anything", "")


def test_contains_masks_longer_phrases_that_hold_the_phrase():
    assert contains("born in 1990", "1990", masks=["May 1990"])
    assert not contains("born in May 1990", "1990", masks=["May 1990"])
    assert contains("born in May 1990, moved in 1990", "1990", masks=["May 1990"])
    assert not contains("May 1990 May 1990", "1990", masks=["May 1990"])


def test_exact_match_and_token_f1_take_the_best_gold_spelling():
    assert exact_match("the Tampa, Florida", ["Tampa Florida", "Tampa"]) == 1.0
    assert exact_match("Tampa Bay", ["Tampa"]) == 0.0
    assert token_f1("Tampa Bay", ["Tampa"]) == pytest.approx(2 / 3)
    assert token_f1("Tampa Bay", ["Miami", "Tampa Bay"]) == 1.0
    assert token_f1("", ["Tampa"]) == 0.0
    assert exact_match("x", [""]) == 0.0


def test_split_is_the_documented_sha1_rule():
    for dataset, key in [("rgb", "0"), ("rgb", "57"), ("ramdocs", "Who wrote it?")]:
        value = int.from_bytes(hashlib.sha1(f"{dataset}\0{key}".encode()).digest()[:8], "big") / 2**64
        assert split_of(dataset, key) == ("tune" if value < 0.6 else "heldout")


def test_split_is_stable_and_about_sixty_forty():
    keys = [str(i) for i in range(5000)]
    first = [split_of("rgb", k) for k in keys]
    assert first == [split_of("rgb", k) for k in keys]
    assert 0.57 < first.count("tune") / len(keys) < 0.63
    other = [split_of("ramdocs", k) for k in keys]
    assert other != first  # the dataset name is part of the hash


def test_select_limits_each_split():
    items = [RGBItem(i, "q", (("a",),), "b", (), (), ()) for i in range(50)]
    chosen = devdata.select(items, "all", limit=3)
    assert sorted(i.split for i in chosen) == ["heldout"] * 3 + ["tune"] * 3
    assert all(i.split == "heldout" for i in devdata.select(items, "heldout"))
    with pytest.raises(ValueError, match="split must be"):
        devdata.select(items, "test")


def test_parse_answers_reads_parts_and_alternatives():
    assert parse_answers("Oslo") == (("Oslo",),)
    assert parse_answers([["May 2", "2 May"]]) == (("May 2", "2 May"),)
    assert parse_answers(["Oslo", ["Bergen", ["Bergen city"]]]) == (("Oslo",), ("Bergen", "Bergen city"))


def test_missing_data_says_what_to_do(tmp_path):
    with pytest.raises(InputError, match="SOURCEWISE_DEV_DATA"):
        devdata.data_dir(tmp_path)


def _rgb(positive=("Snow fell in Oslo.", "Oslo had snow."), negative=("Rain in Rome.",)):
    return RGBItem(id=7, query="Where did snow fall?", answer=(("Oslo",),), fake_answer="Lima", positive=positive,
                   positive_wrong=tuple(p.replace("Oslo", "Lima") for p in positive), negative=negative)


def test_rgb_collections_have_neutral_ids_and_skip_what_tests_nothing():
    made = {c.task: c for c in devdata.rgb_collections(_rgb())}
    assert set(made) == set(devdata.TASKS) - {"ramdocs-answer", "ramdocs-ambiguity", "ramdocs-control"}
    conflict = made["rgb-conflict"]
    assert {a.doc_id for a in conflict.articles} == {"rgb007-a", "rgb007-b"}
    texts = conflict.files()
    true_doc = dict(conflict.expect.conflict.true)
    assert "Oslo" in texts[next(iter(true_doc))] and "Lima" not in texts[next(iter(true_doc))]
    assert [a.text for a in made["rgb-control"].articles] == ["Snow fell in Oslo.", "Oslo had snow."]
    single = {c.task for c in devdata.rgb_collections(_rgb(positive=("Snow fell in Oslo.",)))}
    assert "rgb-control" not in single
    answered_in_negatives = {c.task for c in devdata.rgb_collections(_rgb(negative=("Oslo again.",)))}
    assert "rgb-abstain" not in answered_in_negatives


def _ramdocs():
    docs = (RAMDocument("Film A by Ann.", "correct", "Ann"), RAMDocument("A by Ann, 1990.", "correct", "Ann"),
            RAMDocument("Film A (2001) by Bo.", "correct", "Bo"), RAMDocument("A by Cy.", "misinfo", "Cy"),
            RAMDocument("Menu | Login", "noise", None))
    return RAMDocsItem(question="Who directed A?", documents=docs, gold_answers=("Ann", "Bo"), wrong_answers=("Cy",),
                       entities=("A (1990 film)", "A (2001 film)"))


def test_ramdocs_collections_pick_the_documents_each_task_needs():
    made = {c.task: c for c in devdata.ramdocs_collections(_ramdocs())}
    ids = [a.doc_id for a in made["ramdocs-answer"].articles]
    assert len(ids) == 5 and all(i.endswith(("-01", "-02", "-03", "-04", "-05")) for i in ids)
    conflict = made["ramdocs-answer"].expect.conflict
    assert [d for d, _ in conflict.false] == [ids[3]] and [d for d, _ in conflict.true] == ids[:3]
    assert [a.doc_id for a in made["ramdocs-ambiguity"].articles] == ids[:3]
    assert [a.doc_id for a in made["ramdocs-control"].articles] == [ids[0], ids[1], ids[4]]
    assert made["ramdocs-control"].expect.answers == (("Ann",),)


def test_saying_an_answer_collections_articles_are_about_different_entities_is_false_only_when_they_are_not():
    # "Ann" and "Bo" directed two films called "A": the answer collection holds both, so saying so is no false report
    distinct = {"answered": True, "answer": "Ann", "distinct_entities": {"summary": "two films", "claims": []}}
    mixed = {c.task: c for c in devdata.ramdocs_collections(_ramdocs())}["ramdocs-answer"]
    assert mixed.expect.mixed_entities and "false_distinct" not in devdata.score(mixed, distinct).values
    one = _ramdocs()
    one = RAMDocsItem(question=one.question, documents=one.documents[:2] + one.documents[3:], gold_answers=("Ann",),
                      wrong_answers=("Cy",), entities=("A (1990 film)",))
    single = {c.task: c for c in devdata.ramdocs_collections(one)}["ramdocs-answer"]
    assert not single.expect.mixed_entities and devdata.score(single, distinct).values["false_distinct"] == 1.0


def test_article_text_is_what_text_mode_reads_and_the_reader_accepts():
    assert devdata.article_text("a\r\nb\rc\x00d") == "a\nb\ncd"


def _claim(doc, value, quote, side=None):
    claim = {"doc_id": doc, "n": 1, "quote": quote, "start": 0, "end": len(quote), "value": value}
    if side is not None:
        claim["side"] = side
    return claim


EXPECTED = ExpectedConflict(true=(("a", ("Oslo",)),), false=(("b", ("Lima",)),))


def test_conflict_needs_true_and_fake_on_different_sides():
    both = {"disagreements": [{"claims": [_claim("a", "Oslo", "Snow in Oslo."), _claim("b", "Lima", "Snow in Lima.")]}]}
    assert reports_conflict(both, EXPECTED, by="value")
    assert reports_conflict(both, EXPECTED, by="article")
    assert reports_conflict(both, EXPECTED, by="both")
    same_side = {"disagreements": [{"claims": [_claim("a", "x", "Snow in Oslo.", side=0),
                                               _claim("b", "y", "Snow in Lima.", side=0)]}]}
    assert not reports_conflict(same_side, EXPECTED, by="value")
    other_point = {"disagreements": [{"claims": [_claim("a", "3", "3 cm in Oslo."), _claim("b", "5", "5 cm here.")]}]}
    assert not reports_conflict(other_point, EXPECTED, by="value")
    assert reports_conflict(other_point, EXPECTED, by="article")
    assert not reports_conflict(other_point, EXPECTED, by="both")
    assert not reports_conflict({"disagreements": []}, EXPECTED, by="value")


def test_a_claim_stating_both_values_counts_for_neither():
    muddled = {"disagreements": [{"claims": [_claim("a", "Oslo", "Oslo, not Lima."), _claim("b", "Lima", "Lima.")]}]}
    assert not reports_conflict(muddled, EXPECTED, by="value")


def _collection(task, expect, articles=(("d1", "Snow fell in Oslo on Monday."),)):
    return Collection("rgb", "7", "tune", task, tuple(Article(d, t) for d, t in articles), "Where?", expect)


def test_score_answer_short_answers_and_spans():
    collection = _collection("rgb-answer", Expectations(answers=(("Oslo",),), answerable=True))
    answer = {"answer": "Snow fell in Oslo on Monday. [1]", "answered": True,
              "citations": [{"doc_id": "d1", "quote": "Snow fell in Oslo on Monday.", "start": 0, "end": 28}],
              "short_answers": [{"text": "Oslo", "doc_id": "d1", "start": 13, "end": 17, "n": 1},
                                {"text": "Oslo", "doc_id": "d1", "start": 0, "end": 4, "n": 1}]}
    scored = score(collection, answer)
    assert scored.values["correct"] == 1.0 and scored.values["short_em"] == 1.0 and scored.values["short_f1"] == 1.0
    assert scored.spans == (True, False) and scored.citations == (True,)
    refused = score(collection, {**answer, "answered": False, "short_answers": []})
    assert refused.values["correct"] == 0.0 and refused.values["gold_in_text"] == 1.0
    assert refused.values["short_em"] == 0.0 and refused.spans == ()
    assert scored.values["short_em_given"] == 1.0 and "short_em_given" not in refused.values  # only over answers given


def test_score_abstention_and_false_reports():
    abstain = _collection("rgb-abstain", Expectations(answerable=False))
    assert score(abstain, {"answer": "No.", "answered": False}).values["abstained"] == 1.0
    assert score(abstain, {"answer": "Oslo.", "answered": True}).values["abstained"] == 0.0
    control = _collection("rgb-control", Expectations(no_disagreement=True))
    reported = {"answer": "", "answered": True, "disagreements": [{"claims": []}]}
    assert score(control, reported).values["false_report"] == 1.0
    assert score(control, {"answer": "", "answered": True}).values["false_report"] == 0.0


def test_ambiguity_is_excused_only_when_marked_as_different_entities():
    ambiguity = _collection("ramdocs-ambiguity", Expectations(distinct_entities=True))
    reported = {"answer": "", "answered": True, "disagreements": [{"claims": []}]}
    assert score(ambiguity, reported).values == {"any_report": 1.0, "false_report": 1.0, "said_distinct": 0.0}
    marked = {**reported, "distinct_entities": True}
    assert score(ambiguity, marked).values["false_report"] == 0.0
    assert score(ambiguity, marked).values["said_distinct"] == 1.0
    per_disagreement = {"answer": "", "answered": True, "disagreements": [{"claims": [], "distinct_entities": True}]}
    assert score(ambiguity, per_disagreement).values["false_report"] == 0.0

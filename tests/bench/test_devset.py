"""The dev-set runner's own parts: the embedding cache, the tally of figures and the table."""

from __future__ import annotations

import pytest

from bench import devdata, devset
from bench.devdata import Article, Collection, Expectations, ExpectedConflict, Score


def test_cache_computes_each_text_once_and_survives_a_restart(tmp_path, fake_embed):
    path = tmp_path / "vectors.npz"
    cached = devset.CachedEmbedding(fake_embed, path)
    assert cached.model_name == fake_embed.model_name
    first = cached.get_text_embedding_batch(["snow in Oslo", "rain in Rome", "snow in Oslo"])
    assert (cached.misses, cached.hits) == (2, 1)
    assert first[0] == first[2] == pytest.approx(fake_embed.get_text_embedding("snow in Oslo"))
    query = cached.get_query_embedding("snow in Oslo")
    assert cached.misses == 3  # queries are cached apart from texts
    assert query == pytest.approx(fake_embed.get_query_embedding("snow in Oslo"))
    cached.save()

    again = devset.CachedEmbedding(fake_embed, path)
    assert again.get_text_embedding_batch(["rain in Rome"])[0] == pytest.approx(first[1])
    again.get_query_embedding("snow in Oslo")
    assert (again.misses, again.hits) == (0, 2)


def test_cache_keys_ending_in_nul_bytes_survive_a_restart(tmp_path, fake_embed):
    text = next(f"text {i}" for i in range(10_000) if devset.CachedEmbedding._key("text", f"text {i}").endswith(b"\0"))
    cached = devset.CachedEmbedding(fake_embed, tmp_path / "vectors.npz")
    cached.get_text_embedding_batch([text])
    cached.save()
    again = devset.CachedEmbedding(fake_embed, tmp_path / "vectors.npz")
    again.get_text_embedding_batch([text])
    assert (again.misses, again.hits) == (0, 1)


def test_tally_averages_per_split_and_pools_spans():
    tally = devset.Tally()
    tally.add("rgb-answer", "tune", {"correct": 1.0}, Score(spans=(True, False), citations=(True,)))
    tally.add("rgb-answer", "tune", {"correct": 0.0}, Score(spans=(True,)))
    tally.add("rgb-answer", "heldout", {"correct": 1.0}, Score())
    rows = {r["metric"]: r for r in tally.rows() if r["task"] == "rgb-answer"}
    assert rows["correct"]["tune"] == 0.5 and rows["correct"]["n_tune"] == 2
    assert rows["correct"]["heldout"] == 1.0 and rows["correct"]["all"] == pytest.approx(2 / 3)
    assert rows["short_span"]["tune"] == pytest.approx(2 / 3) and rows["short_span"]["n_tune"] == 3
    assert rows["short_span"]["heldout"] is None and rows["short_span"]["n_heldout"] == 0
    assert "rgb-conflict" not in {r["task"] for r in tally.rows()}
    table = devset.format_table(tally.rows())
    assert "answer accuracy" in table and "0.500" in table


def test_misinformation_items_are_also_counted_in_their_own_group():
    expect = Expectations(answers=(("Ann",),), answerable=True,
                          conflict=ExpectedConflict(true=(("d1", ("Ann",)),), false=(("d2", ("Cy",)),)))
    collection = Collection("ramdocs", "q", "tune", "ramdocs-answer",
                            (Article("d1", "By Ann."), Article("d2", "By Cy.")), "Who?", expect)
    answer = {"answer": "Ann [1]", "answered": True, "disagreements": [
        {"claims": [{"doc_id": "d1", "value": "Ann", "quote": "By Ann."},
                    {"doc_id": "d2", "value": "Cy", "quote": "By Cy."}]}]}
    groups = {group: values for group, values, _ in devset.records_of(collection, answer)}
    assert groups["ramdocs-misinfo"]["recall_article"] == 1.0
    assert groups["ramdocs-misinfo"]["recall_both"] == 1.0
    assert groups["ramdocs-answer"]["correct"] == 1.0


def test_a_whole_store_answer_is_right_when_it_states_a_gold_answer_and_cited_when_it_quotes_an_answering_article():
    question = devdata.RetrievalQuestion("k", "tune", "Who won the 2019 final?", frozenset({"doc02"}),
                                         (("Ana Ruiz", "A. Ruiz"),))

    def answer(text, *cited, answered=True):
        return {"answer": text, "answered": answered, "citations": [{"doc_id": d} for d in cited]}

    assert devset.whole_store_scores(answer("Ana Ruiz [1]", "doc02"), question) == {"answer_correct": 1.0,
                                                                                    "cited_relevant": 1.0}
    assert devset.whole_store_scores(answer("Lea Berg [1]", "doc07"), question) == {"answer_correct": 0.0,
                                                                                   "cited_relevant": 0.0}
    assert devset.whole_store_scores(answer("A. Ruiz [1]", "doc07", "doc02"), question)["cited_relevant"] == 1.0
    declined = answer("The articles do not answer this question. Ana Ruiz ...", answered=False)
    assert devset.whole_store_scores(declined, question)["answer_correct"] == 0.0, "a decline states no answer"

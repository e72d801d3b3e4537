"""The on-disk lexical index: BM25 through SQLite FTS5 over the shared search terms, against a reference BM25."""

import json
import math
import multiprocessing
from collections import Counter

import pytest

from index.chunking import chunk_article
from index.embedding import bundled_model_path, model_token_counter
from index.errors import StoreError
from index.lexical import LexicalIndex, LexicalRow, bm25_idf
from index.readers import read_sources
from index.vocab import content_terms
from tests.conftest import ROOT, SEEDS


class ReferenceBM25:
    """Okapi BM25 (k1 1.2, b 0.75) written out in full, as the in-memory index it replaced ranked; ``plus_one``
    chooses between that index's idf, log(1 + (N - df + .5) / (df + .5)), and FTS5's, log((N - df + .5) / (df + .5))
    floored at 1e-6."""

    def __init__(self, docs: dict[str, str], *, plus_one: bool):
        self.terms = {key: Counter(content_terms(text)) for key, text in docs.items()}
        self.average = sum(sum(c.values()) for c in self.terms.values()) / len(self.terms)
        self.df = Counter(t for c in self.terms.values() for t in c)
        self.plus_one = plus_one

    def idf(self, term: str) -> float:
        n, df = len(self.terms), self.df[term]
        if self.plus_one:
            return math.log(1 + (n - df + 0.5) / (df + 0.5))
        return max(math.log((n - df + 0.5) / (df + 0.5)), 1e-6)

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        found = []
        for key, counts in self.terms.items():
            length = sum(counts.values())
            score = sum(self.idf(t) * counts[t] * 2.2 / (counts[t] + 1.2 * (0.25 + 0.75 * length / self.average))
                        for t in dict.fromkeys(content_terms(query)) if counts[t])
            if score:
                found.append((key, score))
        return sorted(found, key=lambda item: -item[1])[:k]


def rows(docs: dict[str, str], version: str = "v1") -> list[LexicalRow]:
    return [LexicalRow(key, key.split("::")[0], version, text) for key, text in docs.items()]


@pytest.fixture(scope="module")
def seed_chunks() -> dict[str, str]:
    """The seed articles chunked as ingest chunks them (the real model's word pieces)."""
    class Tokenizer:
        model_name = bundled_model_path()

    count = model_token_counter(Tokenizer())
    return {f"{doc.doc_id}::{chunk.index}": chunk.text
            for doc in read_sources([SEEDS]) for chunk in chunk_article(doc.text, count)}


def gold_questions() -> list[str]:
    return [json.loads(line)["question"] for line in (ROOT / "tests/gold/seeds.jsonl").read_text().splitlines()]


def test_scores_are_bm25_exactly_as_fts5_defines_it(seed_chunks):
    index = LexicalIndex()
    index.add(rows(seed_chunks))
    reference = ReferenceBM25(seed_chunks, plus_one=False)
    for question in gold_questions():
        got = [(h.chunk_id, h.score) for h in index.search(question, 5)]
        want = reference.search(question, 5)
        assert [k for k, _ in got] == [k for k, _ in want], question
        assert [s for _, s in got] == pytest.approx([s for _, s in want], rel=1e-6)


def test_top_results_agree_with_the_in_memory_bm25_it_replaced(seed_chunks):
    """The replaced index added 1 inside the idf's logarithm; FTS5 does not, so terms in over half the chunks weigh
    nothing. On the 17 seed chunks (where that matters most: "Assad" is in most of them) 40 of 46 gold questions keep
    their first chunk and 88% of the top five stay in the top five."""
    index = LexicalIndex()
    index.add(rows(seed_chunks))
    reference = ReferenceBM25(seed_chunks, plus_one=True)
    questions = gold_questions()
    same_first = overlap = 0
    for question in questions:
        ours = [h.chunk_id for h in index.search(question, 5)]
        theirs = [key for key, _ in reference.search(question, 5)]
        same_first += ours[:1] == theirs[:1]
        overlap += len(set(ours) & set(theirs)) / max(1, min(5, len(theirs)))
    assert same_first / len(questions) >= 0.85
    assert overlap / len(questions) >= 0.85


def test_term_weights_are_the_idf_the_answerer_always_used_and_unknown_terms_are_named(seed_chunks):
    index = LexicalIndex()
    index.add(rows(seed_chunks))
    reference = ReferenceBM25(seed_chunks, plus_one=True)
    weights = index.term_weights("How long did Assad rule? Vnukovo asylum zyzzyva")
    assert weights == pytest.approx({t: reference.idf(t) for t in weights})
    assert weights["vnukovo"] > weights["assad"]
    assert index.unknown_terms("Assad and the zyzzyva of Qwxv") == {"zyzzyva", "qwxv"}
    assert bm25_idf(10, 10) > 0


def test_terms_that_are_not_plain_ascii_words_are_indexed_whole():
    index = LexicalIndex()
    index.add([LexicalRow("a::0", "a", "v", "Pogačar won ½ of the stages ⑴ in 東京 with al-Assad"),
               LexicalRow("b::0", "b", "v", "Nothing else here at all")])
    for query in ("Pogacar", "½", "⑴", "東京", "Assad"):
        assert [h.chunk_id for h in index.search(query, 3)] == ["a::0"], query
    assert index.unknown_terms("½ ⑴ 東京") == frozenset()
    assert [h.chunk_id for h in index.search("1", 3)] == []  # "½" is one term, not its digits


def test_removing_versions_and_articles_forgets_them_and_keeps_counts():
    index = LexicalIndex()
    index.add(rows({"a::0": "Assad arrived in Moscow", "b::0": "Assad ended his rule", "c::0": "Celebrations"}))
    index.add([LexicalRow("a::0b", "a", "v2", "Assad is in Moscow now")])
    assert len(index) == 4 and index.versions() == {"a": {"v1", "v2"}, "b": {"v1"}, "c": {"v1"}}
    assert index.remove_version("a", "v1") == 1
    assert [h.chunk_id for h in index.search("Moscow", 5)] == ["a::0b"]
    assert index.remove_article("a") == 1
    assert index.search("Moscow", 5) == [] and len(index) == 2
    assert index.keep_only({"b": "v1"}) == 1 and index.versions() == {"b": {"v1"}}
    assert index.document_frequencies(["assad", "celebr"]) == {"assad": 1, "celebr": 0}


def test_search_reads_past_rows_the_caller_does_not_serve():
    index = LexicalIndex()
    index.add(LexicalRow(f"old{i}::0", f"old{i}", "stale", "Moscow Moscow Moscow") for i in range(7))
    index.add([LexicalRow("new::0", "new", "live", "Moscow and Damascus")])
    served = index.search("Moscow", 2, live=lambda hits: [h for h in hits if h.content_hash == "live"])
    assert [h.chunk_id for h in served] == ["new::0"]
    with pytest.raises(ValueError, match="k must be > 0, got 0"):
        index.search("Moscow", 0)
    assert index.search("the of and", 3) == []


class Expressions(LexicalIndex):
    """The index, noting each FTS5 query expression its search runs."""

    def __init__(self):
        super().__init__()
        self.expressions: list[str] = []

    def _search_all(self, db, expression, k, live):
        self.expressions.append(expression)
        return super()._search_all(db, expression, k, live)


def test_a_question_of_common_words_reads_rows_holding_its_rarer_terms_first_and_ranks_them_by_full_bm25():
    index = Expressions()
    index.add(LexicalRow(f"c{i}::0", f"c{i}", "v", f"The harbour council met on item {i}.") for i in range(11_000))
    index.add(LexicalRow(f"w{i}::0", f"w{i}", "v", f"The harbour works at Tartus, week {i}.") for i in range(4_000))
    index.add(LexicalRow(f"a{i}::0", f"a{i}", "v", f"The harbour works council voted to approve the quartz bridge, "
                                                   f"plan {i}.") for i in range(40))
    index.add(LexicalRow(f"s{i}::0", f"s{i}", "v", f"The quartz bridge {i} was approved.") for i in range(30))
    index.add(LexicalRow(f"q{i}::0", f"q{i}", "v", f"Quartz bridge {i}.") for i in range(20))
    question = "Did the harbour works council approve the quartz bridge?"
    assert sum(index.document_frequencies(content_terms(question)).values()) > 20_000  # costly to score them all
    every = index.search(question, 200, exhaustive=True)

    def ranked_within(kinds: str, k: int):
        return [h for h in every if h.chunk_id[0] in kinds][:k]

    # every term required but the commonest ("harbour") and those in over half the rows ("council"), which weigh
    # next to nothing; each row keeps FTS5's own full bm25 score, so the order is the exhaustive one
    assert index.search(question, 10) == ranked_within("a", 10)
    assert index.expressions[-1] == '"approv" AND "bridg" AND "quartz" AND ("work" OR "council" OR "harbour")'
    # fewer rows than asked for hold them all: one term fewer is required, down to the rarest alone
    assert index.search(question, 60) == ranked_within("as", 60)
    assert index.expressions[-1] == '"approv" AND "bridg" AND ("quartz" OR "work" OR "council" OR "harbour")'
    assert index.search(question, 100) == every[:100]  # fewer than 100 rows hold "approve": every row is scored
    assert " AND " not in index.expressions[-1]


def test_a_small_index_scores_every_row_that_holds_a_term(seed_chunks):
    index = Expressions()
    index.add(rows(seed_chunks))
    for question in gold_questions():
        assert index.search(question, 5) == index.search(question, 5, exhaustive=True)
    assert not any(" AND " in e for e in index.expressions)


def _write_in_another_process(path: str) -> None:
    index = LexicalIndex(path)
    index.add([LexicalRow("b::0", "b", "v", "Jolani spoke at the Umayyad Mosque")])
    index.mark_generation(7, store="chunks-id")
    index.close()


def test_the_file_keeps_rows_and_generation_and_other_processes_see_each_others_writes(tmp_path):
    path = tmp_path / "lexical.sqlite3"
    index = LexicalIndex(path)
    index.add([LexicalRow("a::0", "a", "v", "Assad arrived in Moscow")])
    assert index.generation is None and index.store_identity is None
    process = multiprocessing.get_context("spawn").Process(target=_write_in_another_process, args=(str(path),))
    process.start()
    process.join(60)
    assert process.exitcode == 0
    assert [h.chunk_id for h in index.search("Umayyad mosque", 3)] == ["b::0"]
    assert (index.generation, index.store_identity, len(index)) == (7, "chunks-id", 2)
    index.close()
    index.close()
    with pytest.raises(StoreError, match="was closed"):
        index.search("Moscow", 1)
    again = LexicalIndex(path)
    assert [h.chunk_id for h in again.search("Moscow", 3)] == ["a::0"] and again.generation == 7
    again.clear()
    assert len(again) == 0 and again.generation is None


def test_a_file_that_is_not_an_index_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "lexical.sqlite3"
    path.write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError, match="cannot be used .*delete it and it is rebuilt"):
        LexicalIndex(path)


def test_merging_the_segments_changes_no_result(seed_chunks):
    index = LexicalIndex()
    all_rows = list(rows(seed_chunks))
    for start in range(0, len(all_rows), 3):  # many small batches: many segments
        index.add(all_rows[start:start + 3])
    before = [[(h.chunk_id, round(h.score, 9)) for h in index.search(q, 5)] for q in gold_questions()]
    index.optimize()
    assert [[(h.chunk_id, round(h.score, 9)) for h in index.search(q, 5)] for q in gold_questions()] == before
    assert len(index) == len(seed_chunks)

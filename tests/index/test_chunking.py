import pytest

from index.chunking import chunk_article, word_token_estimate
from tests.conftest import SEEDS


def seed(name):
    return next(SEEDS.glob(f"{name}*.txt")).read_text(encoding="utf-8")


def test_chunks_hold_whole_sentences_within_budget_and_map_back():
    text = seed("000")
    chunks = chunk_article(text, max_tokens=120)
    assert len(chunks) > 1
    for chunk in chunks:
        assert sum(word_token_estimate([s.text for s in chunk.sentences])) <= 120 or len(chunk.sentences) == 1
        for s in chunk.sentences:
            assert chunk.text[s.chunk_start:s.chunk_end] == s.text
            assert " ".join(text[s.start:s.end].split()) == s.text


def test_every_sentence_of_the_article_is_in_exactly_one_chunk_in_order():
    text = seed("001")
    starts = [s.start for c in chunk_article(text, max_tokens=64) for s in c.sentences]
    assert starts == sorted(starts) and len(starts) == len(set(starts))


def test_repeated_body_is_indexed_once():
    text = seed("003")
    sentences = [s.text for c in chunk_article(text) for s in c.sentences]
    assert len(sentences) == len(set(sentences))
    # the kept copy is the first one: every span lies before the second copy starts
    second_copy = text.index("Editing by Kardo Roj")
    assert all(s.end <= second_copy + len("Editing by Kardo Roj")
               for c in chunk_article(text) for s in c.sentences)


def test_a_sentence_over_budget_is_a_chunk_of_its_own():
    long_sentence = "Word " + "word " * 100 + "end."
    chunks = chunk_article(f"Short one. {long_sentence} Another short.", max_tokens=50)
    assert [len(c.sentences) for c in chunks] == [1, 1, 1]


def test_paragraphs_are_joined_by_newlines_in_chunk_text():
    chunks = chunk_article("First para. Still first.\nSecond para.", max_tokens=200)
    assert chunks[0].text == "First para. Still first.\nSecond para."


def test_empty_and_whitespace_text_gives_no_chunks():
    assert chunk_article("   \n\n  ") == []


def test_budget_is_validated():
    with pytest.raises(ValueError, match="max_tokens must be >= 16, got 3"):
        chunk_article("x", max_tokens=3)

"""Text without sentence breaks: split into bounded sentences whose offsets still quote the file exactly."""

from __future__ import annotations

import random

import pytest

from index.vocab import split_sentences
from index.vocab.sentences import MAX_SENTENCE_CHARS
from qa import Engine
from tests.fakes import HashedBagOfWords

WORDS = ("river", "valley", "harbour", "council", "market", "bridge", "station", "village", "season", "railway",
         "lantern", "orchard", "quarry", "meadow", "ferry", "granary", "tannery", "mill", "foundry", "wharf")


def run_of_words(n_chars: int, seed: int = 3, *, clause_every: int = 0) -> str:
    rng = random.Random(seed)
    words, size = [], 0
    while size < n_chars:
        word = rng.choice(WORDS)
        if clause_every and len(words) % clause_every == clause_every - 1:
            word += ","
        words.append(word)
        size += len(word) + 1
    return " ".join(words)


@pytest.mark.parametrize("text", [
    run_of_words(20_000),
    run_of_words(20_000, clause_every=17),
    "x" * 20_000,  # not even a space
    "Short first sentence. " + run_of_words(5_000) + ". And a short last one.",
])
def test_a_run_without_sentence_breaks_is_split_into_bounded_pieces_that_cover_it(text):
    spans = split_sentences(text)
    assert all(0 < end - start <= MAX_SENTENCE_CHARS for start, end in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")


def test_pieces_end_at_a_clause_or_a_word_and_ordinary_sentences_are_untouched():
    clauses = run_of_words(6_000, clause_every=17)
    assert all(clauses[e - 1] == "," or e == len(clauses) for _, e in split_sentences(clauses))
    words = run_of_words(6_000)
    assert all(words[s:e] == words[s:e].strip() and (e == len(words) or words[e] == " ")
               for s, e in split_sentences(words))
    ordinary = "Assad fled to Moscow. He was granted asylum there, Russian media said."
    assert [ordinary[s:e] for s, e in split_sentences(ordinary)] == [
        "Assad fled to Moscow.", "He was granted asylum there, Russian media said."]


@pytest.mark.slow
def test_a_multi_megabyte_file_without_sentence_breaks_answers_with_bounded_exact_quotes(tmp_path):
    body = run_of_words(5_200_000, seed=11)
    middle = len(body) // 2
    cut = body.index(" ", middle)
    body = body[:cut] + " the quokka festival on Rottnest drew 5,000 visitors" + body[cut:]
    path = tmp_path / "articles" / "endless.txt"
    path.parent.mkdir()
    path.write_text("Endless notes\n" + body + "\n", encoding="utf-8")
    assert path.stat().st_size > 5_000_000

    with Engine.from_paths([path.parent], store=tmp_path / "store", embed_model=HashedBagOfWords(),
                           show_progress=False) as engine:
        report = engine.last_report
        assert report.added == 1 and report.sentences > 5_000_000 // MAX_SENTENCE_CHARS
        answer = engine.ask("How many visitors did the quokka festival on Rottnest draw?")
    assert answer.citations
    assert len(answer.answer) < 4 * MAX_SENTENCE_CHARS
    text = path.read_text(encoding="utf-8")
    assert any("quokka festival on Rottnest drew 5,000 visitors" in c.quote for c in answer.citations)
    for citation in answer.citations:
        assert len(citation.quote) <= MAX_SENTENCE_CHARS
        assert text[citation.start:citation.end] == citation.quote


@pytest.mark.parametrize("suffix", [".html", ".txt"])
def test_a_capped_sentence_whose_text_differs_from_the_file_still_cites_it_exactly(tmp_path, suffix):
    """Pieces of a capped run keep the map from their readable text to the file (entities, folded line breaks),
    so a few words the reader quotes from inside a later piece are still the file's own characters."""
    lines = [run_of_words(90, seed=i).replace(" ", " &amp; " if suffix == ".html" and i % 4 == 0 else " ", 1)
             for i in range(40)]
    lines[25] = "the quokka festival on Rottnest drew 5,000 visitors on Saturday"
    body = "\r\n    ".join(lines)
    if suffix == ".html":
        page = f"<html><head><title>Rottnest notes</title></head><body><p>{body}</p></body></html>"
    else:
        page = f"Rottnest notes\r\n\r\n{body}\r\n"
    folder = tmp_path / "articles"
    folder.mkdir()
    path = folder / f"rottnest{suffix}"
    path.write_bytes(page.encode("utf-8"))

    with Engine.from_paths([folder], store=tmp_path / "store", embed_model=HashedBagOfWords(),
                           show_progress=False) as engine:
        sentences = list(engine._store.iter_sentences())
        answer = engine.ask("How many visitors did the quokka festival on Rottnest draw?")
    assert len(sentences) > 3 and all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    capped = [s for s in sentences if "quokka festival" in s.text]
    assert capped and capped[0].position > 1 and capped[0].offsets  # a later piece, its text not the file's
    text = open(path, encoding="utf-8").read()  # the contract: open(file).read()[start:end] == quote
    assert answer.answered and any("5,000" in c.quote for c in answer.citations)
    for citation in answer.citations:
        assert text[citation.start:citation.end] == citation.quote

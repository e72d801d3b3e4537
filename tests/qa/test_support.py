"""The support checker: whether the passages a language model cites hold what its sentence says."""

from __future__ import annotations

import numpy as np

from qa.evidence import Evidence
from index.vocab import stem
from qa.support import Lexicon, PromptPassage, check_support, evidence_key, sentence_facts
from tests.fakes import HashedBagOfWords

EMBED = HashedBagOfWords()


def embed_text(texts: list[str]) -> np.ndarray:
    return np.array(EMBED.get_text_embedding_batch(texts), dtype=np.float32)


def ev(doc: str, text: str, start: int, relevance: float = 0.5, source: str | None = None) -> Evidence:
    return Evidence(doc_id=doc, text=text, quote=text, start=start, end=start + len(text), relevance=relevance,
                    source=source or doc.title(), embedding=embed_text([text])[0])


def vectors_of(passages) -> dict:
    return {evidence_key(s): s.embedding for p in passages for s in p.sentences}


WIRE = [ev("wire", "Syrian rebels took Damascus on Sunday after a swift offensive.", 0, 0.3, "Wire One"),
        ev("wire", "Bashar al-Assad has arrived in Moscow with his family.", 63, 0.9, "Wire One"),
        ev("wire", "Russia granted the family asylum on humanitarian grounds.", 118, 0.6, "Wire One")]
DAILY = [ev("daily", "The collapse ended Assad's 25-year rule over Syria.", 0, 0.7, "Daily Two"),
         ev("daily", "Russian officials declined to say where Assad was staying.", 400, 0.5, "Daily Two")]


def check(text: str, passages, **kwargs):
    return check_support(text, embed_text([text])[0], passages, vectors_of(passages), **kwargs)


def test_a_sentence_is_supported_only_by_passages_holding_its_names_numbers_words_and_polarity():
    wire, daily = PromptPassage(1, tuple(WIRE)), PromptPassage(2, DAILY[:1])
    ok = check("Assad arrived in Moscow with his family.", [wire])
    assert ok.supported and [(n, a.text) for n, a in ok.anchors] == [(1, WIRE[1].text)]
    assert check("Assad arrived in Tehran with his family.", [wire]).reason == "names not in the cited passages: Tehran"
    assert check("Assad ruled Syria for 24 years.", [daily]).reason == "numbers not in the cited passages: 24"
    assert check("Assad was arrested by police at a Moscow airport.", [wire]).reason.startswith("words not in")
    assert check("Russia did not grant the family asylum.", [wire]).reason == "negates what the cited sentence says"
    assert not check("Assad arrived in Moscow with his family.", [wire], threshold=0.99).supported
    assert "too far in meaning" in check("Assad arrived in Moscow with his family.", [wire], threshold=0.99).reason
    both = check("Assad arrived in Moscow after a 25-year rule.", [wire, daily])
    assert both.supported and [a.doc_id for _, a in both.anchors] == ["wire", "daily"]
    unrelated = check("Assad arrived in Moscow with his family.", [wire, daily])
    assert [n for n, _ in unrelated.anchors] == [1]          # a cited passage that adds nothing is not cited


def test_a_word_is_in_a_passage_by_its_stem_not_by_a_shared_prefix():
    passage = PromptPassage(1, (ev("wire", "The minister spoke at a press conference in Damascus on Sunday.", 0),))
    confessed = check("The minister confessed in Damascus on Sunday.", [passage])
    assert not confessed.supported and confessed.reason == "words not in the cited passages: confess"
    lexicon = Lexicon.of([passage.text])
    assert lexicon.has_term(stem("conferences")) and not lexicon.has_term(stem("confessed"))


def test_a_name_is_found_in_its_other_forms_but_not_in_a_lookalike():
    lexicon = Lexicon.of(["Russia and the U.S. met in Syria, China and Canada on Dec. 8 with Israel."])
    assert all(lexicon.has_name(n) for n in ("Russian", "US", "U.S.", "Syrian", "Chinese", "Canadian", "Israeli",
                                             "December"))
    assert not any(lexicon.has_name(n) for n in ("Prussia", "Russell", "Syracuse", "Chin", "USA"))
    assert sentence_facts("Russian officials met U.S. envoys.").names == ("Russian", "U.S")

"""An Answer as Markdown in a notebook: markers, disagreements in date order and sources, with article text inert."""

from __future__ import annotations

import re

from qa import Answer, Citation, Claim, Disagreement
from qa.markdown import answer_markdown
from tests.ui.fakes import HOSTILE, hostile_answer


def citation(n: int, source: str, published: str | None, **fields) -> Citation:
    return Citation(n=n, doc_id=f"d{n}", quote=f"Quote {n}.", start=0, end=9, score=0.5, text=f"Sentence {n}.",
                    source=source, published=published, file=f"/articles/a{n}.txt", **fields)


def test_an_answer_renders_itself_in_a_notebook_with_markers_timeline_and_sources():
    claims = (Claim(doc_id="d1", n=1, quote="Quote 1.", start=0, end=9, value="12 years", source="North Press",
                    published="--12-09", side=0),
              Claim(doc_id="d2", n=2, quote="Quote 2.", start=0, end=9, value="24 years", source=None,
                    published=None, side=1),
              Claim(doc_id="d3", n=3, quote="Quote 3.", start=0, end=9, value="24 years", source="TASS",
                    published="--12-08", side=1))
    answer = Answer(question="How long did Assad rule?", answered=True,
                    answer="He ruled 12 years [1] or 24 years [2][3].\n\nSources disagree on the length.",
                    citations=(citation(1, "North Press", "--12-09", url="https://np.example/a"),
                               citation(2, "", None), citation(3, "TASS", "--12-08")),
                    disagreements=(Disagreement(topic="length of rule", kind="number",
                                                summary="Sources disagree on the length.", claims=claims),))
    text = answer._repr_markdown_()
    assert text == answer_markdown(answer)
    assert text.startswith("He ruled 12 years [1] or 24 years [2][3].\n\n> **Sources disagree (length of rule)**")
    assert text.count("Sources disagree on the length.") == 1
    assert ("> The earlier report, of 8 December, says 24 years (TASS [3]); "
            "the later one, of 9 December, says 12 years (North Press [1]).") in text
    sides = [line for line in text.splitlines() if line.startswith("> - ")]
    assert sides == ["> - **24 years**: TASS, 8 Dec [3], “Sentence 3.”",
                     "> - **24 years**: d2, date not stated [2], “Sentence 2.”",
                     "> - **12 years**: North Press, 9 Dec [1], “Sentence 1.”"]
    assert text.endswith("Sources:\n\n1. **North Press**, 9 Dec: “Sentence 1.” (https://np.example/a)\n"
                         "2. **d2**: “Sentence 2.” (a2.txt)\n3. **TASS**, 8 Dec: “Sentence 3.” (a3.txt)\n")


def test_without_dates_the_notebook_view_claims_no_order():
    claims = tuple(Claim(doc_id=f"d{n}", n=n, quote="q", start=0, end=1, value=v, source=s, side=n)
                   for n, v, s in ((1, "12 years", "A"), (2, "24 years", "B")))
    answer = Answer(question="q", answer="12 [1] or 24 [2].", answered=True,
                    citations=(citation(1, "A", None), citation(2, "B", None)),
                    disagreements=(Disagreement(topic="t", kind="number", summary="They differ.", claims=claims),))
    text = answer._repr_markdown_()
    assert "earlier" not in text and "later" not in text and "date not stated" not in text
    assert text.index("**12 years**") < text.index("**24 years**")


def test_article_text_stays_text_in_the_notebook_view():
    text = hostile_answer()._repr_markdown_()
    assert not re.search(r"(?<!\\)<", text), "an unescaped < could open an HTML tag"
    assert not re.search(r"(?<!\\)\[(?!\d+\])", text), "an unescaped [ other than a marker could open a link"
    assert "javascript" not in text.replace(r"\[click\](javascript:alert(1))", "")
    assert r"\<script\>window.\_\_pwned=1\</script\>" in text
    assert HOSTILE not in text
    unanswered = Answer(question="q", answer="The articles do not say.", answered=False)._repr_markdown_()
    assert unanswered == "*Not answered by the articles.*\n\nThe articles do not say.\n"

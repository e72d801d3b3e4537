"""Rendering answers, sources, disagreements and the library: escaping, marker links, callout, Markdown export."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from types import SimpleNamespace

from qa import Answer, Citation, Claim, Disagreement
from tests.ui.fakes import HOSTILE, hostile_answer
from ui import render
from ui.render import ShownTurn

SAFE_TAGS = {"div", "p", "span", "a", "b", "br", "mark", "section", "ol", "ul", "li", "blockquote", "table", "thead",
             "tbody", "tr", "th", "td"}


class _Elements(HTMLParser):
    """Every start tag with its attributes, and all text, as a browser's parser would see them."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def assert_inert(markup: str) -> _Elements:
    """No element but our own, no event handler attribute, no link anywhere but an in-page anchor or http(s)."""
    parsed = _Elements(markup)
    for tag, attrs in parsed.tags:
        assert tag in SAFE_TAGS, f"unexpected <{tag}> in {markup[:200]}"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler {name}={value!r}"
            if name == "href":
                assert value.startswith(("#src-", "http://", "https://")), f"href {value!r}"
    return parsed


def citation(n=1, **fields) -> Citation:
    values = dict(doc_id=f"d{n}", quote=f"Quote {n}.", start=0, end=8, score=0.5, text=f"Sentence {n}.",
                  title=f"Title {n}", source=f"Outlet {n}", published="2024-12-08", file=f"/store/uploads/a{n}.txt")
    values.update(fields)
    return Citation(n=n, **values)


def answer(text="Assad fled to Moscow [1].", citations=None, **fields) -> Answer:
    fields.setdefault("question", "Where did Assad go?")
    fields.setdefault("answered", True)
    cited = tuple(citations if citations is not None else [citation(1)])
    return Answer(answer=text, citations=cited, **fields)


def disagreement(*claims: Claim) -> Disagreement:
    return Disagreement(topic="length of rule", kind="number", summary="They give different lengths.", claims=claims)


_SIDES: dict[str, int] = {}


def claim(n: int, value: str, source: str, side: int | None = None) -> Claim:
    """A claim; unless told, each distinct value is a side of its own."""
    side = _SIDES.setdefault(value, len(_SIDES)) if side is None else side
    return Claim(doc_id=f"d{n}", n=n, quote=f"raw\n  quote {n}", start=0, end=5, value=value, source=source,
                 published="2024-12-09", side=side)


# --- Escaping ---------------------------------------------------------------------------------------

def test_hostile_strings_render_as_inert_text_everywhere():
    hostile = hostile_answer()
    turns = [ShownTurn("q <script>window.__pwned=1</script>", hostile,
                  (SimpleNamespace(before=f"before {HOSTILE} ", quote=HOSTILE, after=f" after {HOSTILE}"),))]
    article = SimpleNamespace(doc_id="evil", title=f"Title {HOSTILE}", source=f"Outlet {HOSTILE}",
                              published="2024-12-09", path="/x/evil.txt", url=None, chunks=2)
    pieces = {
        "conversation": render.conversation_html(turns),
        "streaming": render.conversation_html([], pending=HOSTILE, partial=(hostile, hostile.answer[:40])),
        "sources": render.sources_html(turns),
        "library": render.library_html([article]),
        "header": render.header_html(answerer=HOSTILE, articles=1),
        "status": render.status_html(HOSTILE, kind="error", details=[HOSTILE]),
    }
    for name, markup in pieces.items():
        parsed = assert_inert(markup)
        assert "<script>window.__pwned=1</script>" in "".join(parsed.text), name
    shown = "".join(_Elements(pieces["conversation"]).text)
    for expected in ("Answer <script>", "value <script>", "Claim outlet <script>", "topic <script>",
                     "summary <script>", "notice <script>", "unsupported <script>", '<img src=x onerror="'):
        assert expected in shown


def test_javascript_url_of_an_article_is_not_a_link():
    markup = render.sources_html([ShownTurn("q", answer(citations=[citation(1, url="javascript:alert(1)")]))])
    assert_inert(markup)
    assert "javascript" not in markup
    linked = render.sources_html([ShownTurn("q", answer(citations=[citation(1, url="https://example.org/a?b=1&c=2")]))])
    assert 'href="https://example.org/a?b=1&amp;c=2"' in linked


def test_markdown_link_syntax_in_article_text_stays_text():
    markup = render.answer_html(answer("See [click](javascript:alert(1)) and **bold** [1]."), turn=1)
    parsed = assert_inert(markup)
    assert "See [click](javascript:alert(1)) and **bold** " in "".join(parsed.text)


# --- Markers ----------------------------------------------------------------------------------------

def test_markers_become_chips_linking_to_their_source_in_that_turn():
    markup = render.answer_html(answer("Moscow [1]. Also [2].", [citation(1), citation(2)]), turn=3)
    links = [attrs for tag, attrs in assert_inert(markup).tags if tag == "a"]
    assert [a["href"] for a in links] == ["#src-3-1", "#src-3-2"]
    assert links[0]["title"] == "Source 1: Outlet 1"
    sources = render.sources_html([ShownTurn("a", answer()), ShownTurn("b", answer()),
                                   ShownTurn("c", answer(citations=[citation(1), citation(2)]))])
    assert 'id="src-3-1"' in sources and 'id="src-3-2"' in sources


def test_grouped_markers_link_each_number_and_unknown_numbers_stay_plain_text():
    markup = render.answer_html(answer("A [1, 2]. B [7].", [citation(1), citation(2)]), turn=1)
    parsed = assert_inert(markup)
    assert [attrs["href"] for tag, attrs in parsed.tags if tag == "a"] == ["#src-1-1", "#src-1-2"]
    assert "[7]" in "".join(parsed.text)


def test_streaming_prefixes_grow_to_the_whole_text():
    text = "Assad fled to Moscow [1], where he was granted asylum [2]."
    prefixes = list(render.stream_prefixes(text, words_per_step=3))
    assert len(prefixes) > 2
    assert prefixes[-1] == text
    assert all(b.startswith(a) and len(b) > len(a) for a, b in zip(prefixes, prefixes[1:]))
    assert list(render.stream_prefixes("")) == [""]


# --- Answers, callout, sources ----------------------------------------------------------------------

def test_unanswered_question_says_so_plainly():
    markup = render.answer_html(answer("The articles do not say who leads the team.", [], answered=False), turn=1)
    text = " ".join(_Elements(markup).text)
    assert "Not answered by the articles" in text
    assert "The articles do not say who leads the team." in text
    assert "sw-unanswered" in markup and "sw-callout" not in markup


def test_callout_puts_competing_values_side_by_side_with_outlet_and_quote():
    two = answer("24 years [1]; over 20 years [2]; 24 years [3].", [citation(1), citation(2), citation(3)],
                 disagreements=(disagreement(claim(1, "24 years", "Gazette"), claim(2, "over 20 years", "Post"),
                                             claim(3, "24 years", "Herald")),))
    markup = render.answer_html(two, turn=1)
    assert "Sources disagree" in markup
    columns = markup.split('class="sw-claim-column"')[1:]
    assert len(columns) == 2
    assert "24 years" in columns[0] and "Gazette" in columns[0] and "Herald" in columns[0]
    assert "over 20 years" in columns[1] and "Post" in columns[1]
    assert "Sentence 2." in columns[1]  # the citation's readable sentence, not the raw quote
    assert render.callout_html(answer(), turn=1) == ""


def test_a_disagreement_is_said_once_in_the_callout_not_again_in_the_text():
    summary = "Sources disagree on length of rule: 24 years [1] vs over 20 years [2]."
    said = answer(f"24 years [1]. Over 20 years [2].\n\n{summary}", [citation(1), citation(2)],
                  disagreements=(Disagreement(topic="length of rule", kind="number", summary=summary,
                                              claims=(claim(1, "24 years", "A"), claim(2, "over 20 years", "B"))),))
    markup = render.answer_html(said, turn=1)
    text = " ".join(_Elements(markup).text)
    assert text.count("Sources disagree on length of rule") == 1
    assert 'class="sw-callout-topic"' not in markup  # the summary already names the topic
    assert markup.index("Over 20 years") < markup.index("sw-callout")
    assert render.answer_body(said) == "24 years [1]. Over 20 years [2]."


def test_claim_without_a_matching_citation_shows_its_folded_quote():
    lone = answer(disagreements=(disagreement(claim(5, "x", "A"), claim(6, "y", "B")),))
    assert "raw quote 5" in render.callout_html(lone, turn=1)


def test_sources_highlight_the_quote_inside_its_paragraph_newest_answer_first():
    passage = SimpleNamespace(before="Russia said so. ", quote="Assad fled to Moscow.", after=" Crowds cheered.")
    turns = [ShownTurn("first?", answer(citations=[citation(1, source="Older")])),
             ShownTurn("second?", answer(citations=[citation(1, source="Newer")]), (passage,))]
    markup = render.sources_html(turns)
    assert markup.index("second?") < markup.index("first?")
    assert '<p class="sw-context">Russia said so. <mark>Assad fled to Moscow.</mark> Crowds cheered.</p>' in markup
    assert "<mark>Sentence 1.</mark>" in markup  # no passage: the sentence alone, still highlighted
    assert "9 Dec 2024" not in markup and "8 Dec 2024" in markup


def test_sources_name_the_outlet_else_the_title_else_the_id():
    markup = render.sources_html([ShownTurn("q", answer("a [1] b [2] c [3]", [
        citation(1), citation(2, source=None), citation(3, source=None, title=None)]))])
    assert "Outlet 1" in markup and "Title 2" in markup and ">d3<" in markup


def test_library_lists_title_outlet_date_and_chunks():
    articles = [SimpleNamespace(doc_id="a", title="Assad flees", source="Gazette", published="2024-12-08",
                                path="/x/a.txt", url=None, chunks=4),
                SimpleNamespace(doc_id="b", title=None, source=None, published=None, path="/x/b.md", url=None,
                                chunks=1)]
    cells = [d.strip() for d in _Elements(render.library_html(articles)).text if d.strip()]
    assert cells[4:] == ["Assad flees", "Gazette", "8 Dec 2024", "4", "b.md", "—", "—", "1"]
    assert "No articles" in render.library_html([])


# --- Markdown export --------------------------------------------------------------------------------

def test_markdown_export_has_questions_answers_sources_and_disagreements():
    first = answer("Assad fled to Moscow [1].", [citation(1, url="https://example.org/a")])
    second = answer("24 years [1]; over 20 years [2].", [citation(1), citation(2)], question="How long?",
                    disagreements=(disagreement(claim(1, "24 years", "Gazette"), claim(2, "over 20 years", "Post")),))
    text = render.conversation_markdown([ShownTurn("Where did Assad go?", first), ShownTurn("How long?", second)],
                                        answerer="extractive")
    assert text.startswith("# Sourcewise conversation\n")
    assert "## 1. Where did Assad go?" in text and "## 2. How long?" in text
    assert "Assad fled to Moscow [1]." in text
    assert "1. **Outlet 1**, *Title 1*, 8 Dec 2024: “Sentence 1.” (https://example.org/a)" in text
    assert "> **Sources disagree (length of rule)**: They give different lengths." in text
    assert "> - **over 20 years**: Post, 9 Dec 2024 [2], “Sentence 2.”" in text


def test_markdown_export_neutralises_markup_in_article_text():
    text = render.conversation_markdown([ShownTurn("q", hostile_answer())])
    assert not re.search(r"(?<!\\)<", text), "an unescaped < could open an HTML tag"
    assert not re.search(r"(?<!\\)\[(?!\d+\])", text), "an unescaped [ other than a marker could open a link"
    assert r"\<script\>window.\_\_pwned=1\</script\>" in text
    sneaky = render.conversation_markdown([ShownTurn("q", answer("Fled [1](javascript:alert(1)) there."))])
    assert "Fled [1]\\(javascript:alert(1)) there." in sneaky  # the marker cannot become a link's text


def test_unanswered_questions_are_marked_in_the_export():
    text = render.conversation_markdown([ShownTurn("Who?", answer("The articles do not say.", [], answered=False))])
    assert "*Not answered by the articles.*" in text and "The articles do not say." in text


def test_html_escape_round_trips_to_the_original_text():
    assert html.unescape(render.escape(HOSTILE)) == HOSTILE


# --- Timeline and library order ---------------------------------------------------------------------

def dated_claim(n: int, value: str, source: str, published: str | None) -> Claim:
    return Claim(doc_id=f"d{n}", n=n, quote=f"Quote {n}.", start=0, end=5, value=value, source=source,
                 published=published, side=_SIDES.setdefault(value, len(_SIDES)))


def test_callout_lists_sides_oldest_first_and_says_which_report_is_later():
    later, earlier = dated_claim(1, "12 years", "North Press", "--12-09"), dated_claim(2, "24 years", "TASS", "--12-08")
    undated = dated_claim(3, "12 years", "Herald", None)
    dated = answer("12 [1], 24 [2], 12 [3].", [citation(1), citation(2), citation(3)],
                   disagreements=(disagreement(later, earlier, undated),))
    markup = render.answer_html(dated, turn=1)
    assert_inert(markup)
    columns = markup.split('class="sw-claim-column"')[1:]
    assert "24 years" in columns[0] and "TASS" in columns[0] and "8 Dec" in columns[0]
    assert columns[1].index("North Press") < columns[1].index("Herald") and "date not stated" in columns[1]
    timeline = "".join(_Elements(markup.split('class="sw-callout-timeline"')[1].split("</p>")[0]).text)
    assert timeline == (">The earlier report, of 8 December, says 24 years (TASS 2); "
                        "the later one, of 9 December, says 12 years (North Press 1).")
    markdown = render.conversation_markdown([ShownTurn("How long?", dated)])
    assert ("> The earlier report, of 8 December, says 24 years (TASS [2]); the later one, of 9 December, "
            "says 12 years (North Press [1]).") in markdown
    assert markdown.index("TASS, 8 Dec [2]") < markdown.index("North Press, 9 Dec [1]") < markdown.index("Herald")


def test_without_dates_the_callout_claims_no_order():
    plain = answer("a [1] b [2]", [citation(1), citation(2)],
                   disagreements=(disagreement(dated_claim(1, "12 years", "A", None),
                                               dated_claim(2, "24 years", "B", None)),))
    markup = render.answer_html(plain, turn=1)
    assert "sw-callout-timeline" not in markup and "date not stated" not in markup
    assert markup.index("12 years") < markup.index("24 years")
    text = render.conversation_markdown([ShownTurn("q", plain)])
    assert "earlier" not in text and "later" not in text


def test_a_summary_that_already_tells_the_order_is_not_told_twice():
    claims = (dated_claim(1, "12 years", "A", "2024-12-09"), dated_claim(2, "24 years", "B", "2024-12-08"))
    from qa.timeline import timeline_summary

    told = Disagreement(topic="rule", kind="number", claims=claims,
                        summary="Sources disagree on rule. " + timeline_summary(disagreement(*claims)))
    shown = answer(f"12 [1], 24 [2].\n\n{told.summary}", [citation(1), citation(2)], disagreements=(told,))
    assert "sw-callout-timeline" not in render.answer_html(shown, turn=1)
    assert render.conversation_markdown([ShownTurn("q", shown)]).count("The earlier report") == 1


def test_library_sorts_newest_first_then_by_outlet():
    def article(doc_id, source, published, title=None):
        return SimpleNamespace(doc_id=doc_id, title=title or doc_id, source=source, published=published,
                               path=f"/x/{doc_id}.txt", url=None, chunks=1)

    articles = [article("undated-b", "B Wire", None), article("old", "Zeta", "2023-05-01"),
                article("new-z", "Zeta", "2024-12-09"), article("new-a", "Alpha", "2024-12-09"),
                article("yearless", "Alpha", "--12-10"), article("undated-none", None, None),
                article("undated-a", "A Wire", None)]
    assert [a.doc_id for a in render.sort_library(articles)] == [
        "new-a", "new-z", "old", "yearless", "undated-a", "undated-b", "undated-none"]
    cells = [d.strip() for d in _Elements(render.library_html(articles)).text if d.strip()]
    assert cells[4:8] == ["new-a", "Alpha", "9 Dec 2024", "1"]

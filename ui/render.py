"""Answers, sources, disagreements and the library as HTML and Markdown.

Article text is untrusted: every string that comes from an article, an answer or a file name is
escaped here and HTML is built deliberately, so nothing from an article can run or link anywhere.
No Gradio import: these are plain functions over plain values. The Markdown of an answer is ``qa.markdown``'s,
shared with the notebook view; the order of reports in a disagreement is ``qa.timeline``'s.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qa.answer import format_date, split_markers
from qa.markdown import (answer_body, answer_markdown, claim_text, file_name, fold, md_escape, outlet_of,
                         paragraphs_of, safe_href)
from qa.timeline import PublicationDate, order_sides, timeline_summary

if TYPE_CHECKING:
    from qa import Answer, ArticleInfo, Citation, Passage

__all__ = ["ShownTurn", "answer_body", "answer_html", "article_label", "callout_html", "claim_text",
           "conversation_html", "conversation_markdown", "escape", "fold", "header_html",
           "library_html", "link_markers", "marker_html", "md_escape", "outlet_of", "passage_html", "safe_href",
           "sort_library", "source_anchor", "source_html", "sources_html", "status_html", "stream_prefixes"]


@dataclass(frozen=True)
class ShownTurn:
    """A turn as the chat shows it: the question, the whole ``Answer``, and the paragraph around each citation
    (aligned with ``answer.citations``). The engine's history holds only ``qa.Turn(question, answer text)``."""

    question: str
    answer: Answer
    passages: tuple[Passage | None, ...] = ()

    def passage_for(self, index: int) -> Passage | None:
        return self.passages[index] if index < len(self.passages) else None


def escape(text: Any) -> str:
    """HTML-escape any value for use in text or in a quoted attribute; None becomes ''."""
    return html.escape("" if text is None else str(text), quote=True)


def source_anchor(turn: int, n: int) -> str:
    """The element id of citation ``n`` of answer ``turn`` in the sources panel."""
    return f"src-{turn}-{n}"


def marker_html(n: int, *, turn: int, label: str | None = None) -> str:
    title = f' title="{escape(f"Source {n}: {label}")}"' if label else ""
    return f'<a class="sw-marker" href="#{source_anchor(turn, n)}"{title}>{n}</a>'


def link_markers(text: str, *, turn: int, labels: dict[int, str]) -> str:
    """Escaped text in which each ``[n]`` naming a known citation becomes a chip linking to its source."""
    parts = []
    for piece in split_markers(text):
        if isinstance(piece, str):
            parts.append(_escape_with_breaks(piece))
        elif all(n in labels for n in piece.numbers):
            parts.append("".join(marker_html(n, turn=turn, label=labels[n]) for n in piece.numbers))
        else:
            parts.append(escape(piece.text))
    return "".join(parts)


def _escape_with_breaks(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _labels(answer: Answer) -> dict[int, str]:
    return {c.n: outlet_of(c) for c in answer.citations}


def answer_text_html(answer: Answer, *, turn: int, text: str | None = None) -> str:
    """The answer's text (or a prefix of it while streaming) with markers linked, in paragraphs; a short answer
    (the first paragraph, when the articles agree on a value) stands out."""
    text = answer_body(answer) if text is None else text
    labels = _labels(answer)
    paragraphs = paragraphs_of(text) or [""]
    html_paragraphs = [f"<p>{link_markers(p, turn=turn, labels=labels)}</p>" for p in paragraphs]
    if answer.short_answers and not answer.disagreements:
        html_paragraphs[0] = html_paragraphs[0].replace("<p>", '<p class="sw-short-answer">', 1)
    return "".join(html_paragraphs)


def stream_prefixes(text: str, *, words_per_step: int = 3) -> Iterator[str]:
    """Growing prefixes of ``text`` a few words at a time, ending with the whole text."""
    tokens = re.findall(r"\S+\s*", text)
    for end in range(words_per_step, len(tokens), words_per_step):
        yield "".join(tokens[:end])
    yield text


def callout_html(answer: Answer, *, turn: int) -> str:
    """The 'Sources disagree' callout: one block per disagreement, competing values side by side, each side's
    reports oldest first with outlet and date, and which report is the later one when the dates say so."""
    if not answer.disagreements:
        return ""
    labels = _labels(answer)
    blocks = []
    for disagreement in answer.disagreements:
        columns = []
        dated = any(claim.published for claim in disagreement.claims)
        for value, claims in order_sides(disagreement):
            evidence = "".join(
                '<li class="sw-claim">'
                f'<div class="sw-claim-outlet">{marker_html(c.n, turn=turn) if c.n in labels else ""}'
                f'<span class="sw-outlet">{escape(outlet_of(c))}</span>'
                f'{_date_span(c.published, missing="date not stated" if dated else "")}</div>'
                f'<blockquote class="sw-claim-quote">{escape(claim_text(c, answer))}</blockquote>'
                "</li>"
                for c in claims)
            columns.append(
                '<div class="sw-claim-column">'
                f'<div class="sw-claim-value">{escape(value)}</div>'
                f'<ul class="sw-claim-list">{evidence}</ul></div>')
        restated = fold(disagreement.topic).lower() in fold(disagreement.summary).lower()
        timeline = timeline_summary(disagreement)
        if timeline and fold(timeline) in fold(disagreement.summary):
            timeline = None  # the engine's summary already says it
        blocks.append(
            '<div class="sw-disagreement">'
            + ("" if restated else f'<div class="sw-callout-topic">{escape(disagreement.topic)}</div>')
            + f'<p class="sw-callout-summary">{link_markers(disagreement.summary, turn=turn, labels=labels)}</p>'
            + (f'<p class="sw-callout-timeline">{link_markers(timeline, turn=turn, labels=labels)}</p>'
               if timeline else "")
            + f'<div class="sw-claims">{"".join(columns)}</div></div>')
    return ('<section class="sw-callout" role="note" aria-label="Sources disagree">'
            '<div class="sw-callout-head"><span aria-hidden="true">&#9888;</span> Sources disagree</div>'
            f'{"".join(blocks)}</section>')


def _date_span(published: str | None, *, missing: str = "") -> str:
    shown = format_date(published)
    if shown:
        return f'<span class="sw-date">{escape(shown)}</span>'
    return f'<span class="sw-date sw-date-missing">{escape(missing)}</span>' if missing else ""


def answer_html(answer: Answer, *, turn: int) -> str:
    """A finished answer: text with linked markers, the disagreement callout, notices and unsupported sentences."""
    classes = "sw-answer" if answer.answered else "sw-answer sw-unanswered"
    head = ("" if answer.answered else
            '<div class="sw-unanswered-head">Not answered by the articles</div>')
    parts = [f'<div class="{classes}">', head, answer_text_html(answer, turn=turn),
             callout_html(answer, turn=turn)]
    if answer.unsupported:
        items = "".join(f"<li>{escape(sentence)}</li>" for sentence in answer.unsupported)
        parts.append('<div class="sw-unsupported"><div>Not supported by the cited articles:</div>'
                     f"<ul>{items}</ul></div>")
    if answer.notice:
        parts.append(f'<div class="sw-notice">{escape(answer.notice)}</div>')
    parts.append("</div>")
    return "".join(parts)


def conversation_html(turns: Sequence[ShownTurn], *, pending: str | None = None,
                      partial: tuple[Answer, str] | None = None) -> str:
    """The whole chat: each question and its answer, then an optional question still being answered.

    ``partial`` is the answer being streamed and the prefix of its text shown so far.
    """
    messages = []
    for number, turn in enumerate(turns, start=1):
        messages.append(_message("user", f"<p>{_escape_with_breaks(turn.question)}</p>"))
        messages.append(_message("bot", answer_html(turn.answer, turn=number)))
    if pending is not None:
        messages.append(_message("user", f"<p>{_escape_with_breaks(pending)}</p>"))
        if partial is None:
            body = '<p class="sw-thinking">Searching the articles&hellip;</p>'
        else:
            answer, shown = partial
            body = (f'<div class="sw-answer sw-streaming">'
                    f"{answer_text_html(answer, turn=len(turns) + 1, text=shown)}</div>")
        messages.append(_message("bot", body))
    if not messages:
        return ('<div class="sw-chat sw-chat-empty"><p>Ask a question about the articles in the library. '
                "Every sentence of an answer cites the article it comes from; click a number to see "
                "the quote in its paragraph.</p></div>")
    return f'<div class="sw-chat">{"".join(messages)}</div>'


def _message(role: str, body: str) -> str:
    who = "You" if role == "user" else "Sourcewise"
    return (f'<div class="sw-msg sw-{role}"><div class="sw-who">{who}</div>'
            f'<div class="sw-bubble">{body}</div></div>')


def passage_html(citation: Citation, passage: Passage | None, *, answer_words: str | None = None) -> str:
    """The cited sentence highlighted inside its paragraph (the sentence alone when there is no paragraph), and
    inside it the very words that answer, when the citation holds a short answer."""
    sentence = passage.quote if passage is not None else citation.text
    marked = _with_answer_words(sentence, answer_words)
    if passage is None:
        return f'<p class="sw-context"><mark>{marked}</mark></p>'
    return f'<p class="sw-context">{escape(passage.before)}<mark>{marked}</mark>{escape(passage.after)}</p>'


def _with_answer_words(sentence: str, words: str | None) -> str:
    at = sentence.find(words) if words else -1
    if at < 0:
        return escape(sentence)
    return (escape(sentence[:at]) + f'<strong class="sw-answer-words">{escape(words)}</strong>'
            + escape(sentence[at + len(words):]))


def source_html(citation: Citation, passage: Passage | None, *, turn: int, answer_words: str | None = None) -> str:
    href = safe_href(citation.url)
    outlet = outlet_of(citation)
    title = escape(citation.title if citation.title and citation.title != outlet else "")
    if title and href:
        title = f'<a href="{escape(href)}" target="_blank" rel="noopener noreferrer">{title}</a>'
    location = "" if href else escape(file_name(citation.file))
    return (f'<li class="sw-source" id="{source_anchor(turn, citation.n)}">'
            f'<div class="sw-source-head"><span class="sw-source-n">{citation.n}</span>'
            f'<span class="sw-outlet">{escape(outlet)}</span>{_date_span(citation.published)}</div>'
            + (f'<div class="sw-source-title">{title}</div>' if title else "")
            + passage_html(citation, passage, answer_words=answer_words)
            + (f'<div class="sw-source-file">{location}</div>' if location else "")
            + "</li>")


def sources_html(turns: Sequence[ShownTurn]) -> str:
    """The sources panel: each answer's citations, newest answer first, each with id ``src-<turn>-<n>``."""
    sections = []
    for number, turn in reversed(list(enumerate(turns, start=1))):
        citations = turn.answer.citations
        if citations:
            words = {s.n: s.text for s in turn.answer.short_answers}
            items = "".join(source_html(c, turn.passage_for(i), turn=number, answer_words=words.get(c.n))
                            for i, c in enumerate(citations))
            body = f'<ol class="sw-source-list">{items}</ol>'
        else:
            body = '<p class="sw-none">No sources cited.</p>'
        sections.append(f'<section class="sw-turn-sources" id="sources-{number}">'
                        f'<div class="sw-turn-question">{escape(turn.question)}</div>{body}</section>')
    if not sections:
        return '<div class="sw-sources sw-sources-empty"><p>The sources of each answer appear here.</p></div>'
    return f'<div class="sw-sources">{"".join(sections)}</div>'


def header_html(*, answerer: str, articles: int) -> str:
    noun = "article" if articles == 1 else "articles"
    return ('<div class="sw-header"><div class="sw-brand">Sourcewise</div>'
            '<div class="sw-tagline">Answers from your news articles, every sentence cited.</div>'
            f'<div class="sw-badges"><span class="sw-badge" title="The answerer composing answers">'
            f'Answerer: <b>{escape(answerer)}</b></span>'
            f'<span class="sw-badge">{articles} {noun} indexed</span></div></div>')


def sort_library(articles: Iterable[ArticleInfo]) -> list[ArticleInfo]:
    """Newest first (dates with a year, then month-and-day dates, then undated), then by outlet, then by title."""
    def key(article: ArticleInfo) -> tuple:
        date = PublicationDate.parse(article.published)
        when = (2, 0, 0, 0) if date is None else (int(date.year is None), -(date.year or 0), -date.month, -date.day)
        outlet = fold(article.source).casefold()
        return when + (not outlet, outlet, _library_title(article).casefold(), article.doc_id)

    return sorted(articles, key=key)


def _library_title(article: ArticleInfo) -> str:
    return fold(article.title) or file_name(article.path) or article.doc_id


def library_html(articles: Sequence[ArticleInfo]) -> str:
    """The indexed articles as a table, newest first then by outlet: title, outlet, date, chunk count."""
    if not articles:
        return '<div class="sw-library sw-library-empty"><p>No articles indexed yet. Upload some below.</p></div>'
    rows = "".join(
        "<tr>"
        f'<td class="sw-lib-title">{escape(_library_title(a))}</td>'
        f"<td>{escape(a.source or '—')}</td>"
        f"<td>{escape(format_date(a.published) or '—')}</td>"
        f'<td class="sw-num">{int(a.chunks)}</td>'
        "</tr>"
        for a in sort_library(articles))
    return ('<div class="sw-library"><table class="sw-lib-table"><thead><tr><th>Title</th><th>Outlet</th>'
            f'<th>Date</th><th class="sw-num">Chunks</th></tr></thead><tbody>{rows}</tbody></table></div>')


def article_label(article: ArticleInfo) -> str:
    """How an article is named in the removal list (plain text; the dropdown shows it as text)."""
    title = _library_title(article)
    outlet = fold(article.source)
    return f"{title} — {outlet}" if outlet else title


def status_html(message: str, *, kind: str = "info", details: Sequence[str] = ()) -> str:
    """A status line (kind: info, ok, warn, error) with an optional list of details, all escaped."""
    items = "".join(f"<li>{escape(d)}</li>" for d in details)
    return (f'<div class="sw-status sw-status-{escape(kind)}" role="status"><div>{escape(message)}</div>'
            + (f"<ul>{items}</ul>" if items else "") + "</div>")


# --- Markdown export -------------------------------------------------------------------------------

def conversation_markdown(turns: Sequence[ShownTurn], *, answerer: str | None = None) -> str:
    """The conversation with its sources and disagreements as a Markdown document."""
    lines = ["# Sourcewise conversation", ""]
    if answerer:
        lines += [f"Answerer: {md_escape(answerer)}", ""]
    for number, turn in enumerate(turns, start=1):
        lines += [f"## {number}. {md_escape(turn.question)}", "", answer_markdown(turn.answer)]
    return "\n".join(lines).rstrip() + "\n"

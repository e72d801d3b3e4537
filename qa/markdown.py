"""An ``Answer`` as Markdown: its text with ``[n]`` markers, any disagreement in date order, and its sources.

The notebook view (``Answer._repr_markdown_``) and the browser chat's Markdown export both write it here. Article text
is untrusted: every string from an article, an answer or a file name goes through ``md_escape``, so nothing in it
can become a link, an image, emphasis, a heading or HTML.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from index.vocab import format_date, format_markers, split_markers
from qa.timeline import order_sides, timeline_summary

if TYPE_CHECKING:
    from qa.answer import Answer, Citation, Claim, Disagreement

__all__ = ["answer_body", "answer_markdown", "claim_text", "disagreement_markdown", "file_name", "fold",
           "md_escape", "outlet_of", "paragraphs_of", "safe_href", "text_with_markers"]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def fold(text: str | None) -> str:
    """Whitespace folded to single spaces, as a reader sees it."""
    return " ".join((text or "").split())


def md_escape(text: str | None) -> str:
    """Untrusted text made inert in Markdown: no links, emphasis, HTML or headings; whitespace folded."""
    return _MD_SPECIAL.sub(r"\\\1", fold(text))


def safe_href(url: str | None) -> str | None:
    """The URL if it is plain http(s), else None: article metadata never becomes a javascript: link."""
    if not url:
        return None
    url = url.strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") and not any(c in url for c in "\r\n\t") else None


def outlet_of(item: Citation | Claim) -> str:
    """How to name an article to a reader: its outlet, else its title, else its id."""
    return getattr(item, "source", None) or getattr(item, "title", None) or item.doc_id


def file_name(path: str | None) -> str:
    return re.split(r"[\\/]", path)[-1] if path else ""


def paragraphs_of(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def answer_body(answer: Answer) -> str:
    """The answer's text without the paragraphs that only restate a disagreement (its callout or block shows them)."""
    restated = {fold(d.summary) for d in answer.disagreements}
    restated |= {fold(t) for t in map(timeline_summary, answer.disagreements) if t}
    kept = [p for p in paragraphs_of(answer.answer) if fold(p) not in restated]
    return "\n\n".join(kept) if kept else answer.answer


def claim_text(claim: Claim, answer: Answer) -> str:
    """The readable sentence of a claim: its citation's text when it has one, else the folded quote."""
    for citation in answer.citations:
        if citation.n == claim.n and citation.doc_id == claim.doc_id:
            return citation.text
    return fold(claim.quote)


def text_with_markers(text: str) -> str:
    """Paragraphs with text escaped and ``[n]`` markers kept; a '(' right after a marker is escaped too, so a
    marker can never become the text of a Markdown link."""
    paragraphs = []
    for paragraph in paragraphs_of(text):
        parts: list[str] = []
        for piece in split_markers(paragraph):
            if not isinstance(piece, str):
                parts.append(format_markers(piece.numbers))
                continue
            escaped = md_escape(piece)
            if not escaped:
                parts.append(" ")
                continue
            if parts and escaped.startswith("("):
                escaped = "\\" + escaped
            lead = " " if piece[:1].isspace() and parts else ""
            trail = " " if piece[-1:].isspace() else ""
            parts.append(lead + escaped + trail)
        paragraphs.append("".join(parts).strip())
    return "\n\n".join(p for p in paragraphs if p)


def disagreement_markdown(disagreement: Disagreement, answer: Answer) -> list[str]:
    """A quoted block: the summary, which report is the later one when dates say so, then each side oldest first."""
    lines = [f"> **Sources disagree ({md_escape(disagreement.topic)})**: {text_with_markers(disagreement.summary)}"]
    timeline = timeline_summary(disagreement)
    if timeline and fold(timeline) not in fold(disagreement.summary):
        lines.append(f"> {text_with_markers(timeline)}")
    lines.append(">")
    dated = any(claim.published for claim in disagreement.claims)
    for value, claims in order_sides(disagreement):
        for claim in claims:
            when = format_date(claim.published) or ("date not stated" if dated else "")
            who = md_escape(outlet_of(claim)) + (f", {md_escape(when)}" if when else "")
            lines.append(f"> - **{md_escape(value)}**: {who} {format_markers([claim.n])}, "
                         f"“{md_escape(claim_text(claim, answer))}”")
    return lines


def _source_line(citation: Citation) -> str:
    bits = [f"**{md_escape(outlet_of(citation))}**"]
    if citation.title and citation.title != outlet_of(citation):
        bits.append(f"*{md_escape(citation.title)}*")
    if citation.published:
        bits.append(md_escape(format_date(citation.published)))
    where = safe_href(citation.url) or file_name(citation.file)
    line = f"{citation.n}. " + ", ".join(bits) + f": “{md_escape(citation.text)}”"
    return line + (f" ({md_escape(where)})" if where else "")


def answer_markdown(answer: Answer) -> str:
    """One answer as Markdown: text with markers, disagreements, unsupported sentences, notice, numbered sources."""
    lines: list[str] = []
    if not answer.answered:
        lines += ["*Not answered by the articles.*", ""]
    lines += [text_with_markers(answer_body(answer)), ""]
    for disagreement in answer.disagreements:
        lines += disagreement_markdown(disagreement, answer) + [""]
    if answer.unsupported:
        lines += ["Not supported by the cited articles:", ""]
        lines += [f"- {md_escape(sentence)}" for sentence in answer.unsupported] + [""]
    if answer.notice:
        lines += [f"*{md_escape(answer.notice)}*", ""]
    if answer.citations:
        lines += ["Sources:", ""] + [_source_line(c) for c in answer.citations] + [""]
    return "\n".join(lines).rstrip() + "\n"

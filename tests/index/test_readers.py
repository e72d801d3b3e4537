"""Readers: every format, every failure, metadata on the seeds, and the offsets guarantee behind exact citations."""

from __future__ import annotations

import html
import json
import os
import random
import re
from pathlib import Path

import pytest

from index.readers import (
    MAX_FILE_BYTES,
    SUPPORTED_SUFFIXES,
    ReadFailure,
    ReadWarning,
    SourceDoc,
    iter_source_files,
    read_file,
    read_sources,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def write(path: Path, text: str, newline: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline=newline) as handle:
        handle.write(text)
    return path


def one_doc(path: Path) -> SourceDoc:
    result = read_file(path)
    assert not isinstance(result, ReadFailure), result
    assert len(result) == 1 and isinstance(result[0], SourceDoc), result
    return result[0]


def docs_of(result) -> list[SourceDoc]:
    assert not isinstance(result, ReadFailure), result
    return [item for item in result if isinstance(item, SourceDoc)]


def quote(doc: SourceDoc, phrase: str) -> str:
    """The raw text that a citation of `phrase` (found in doc.text) would quote."""
    start = doc.text.index(phrase)
    a, b = doc.raw_span(start, start + len(phrase))
    return doc.raw[a:b]


def fold(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------------------------------------------------------ .txt


def test_txt_text_is_the_file_text(tmp_path):
    path = write(tmp_path / "story.txt", "Line one.\r\nLine two.\rLine three.\n", newline="")
    doc = one_doc(path)
    assert doc.raw == open(path, encoding="utf-8").read() == "Line one.\nLine two.\nLine three.\n"
    assert doc.text == doc.raw and doc.offsets is None
    assert doc.doc_id == "story" and doc.path == str(path) and os.path.isabs(doc.path)
    assert doc.raw_span(5, 9) == (5, 9)


def test_txt_byte_order_mark_is_kept_in_raw_and_dropped_from_text(tmp_path):
    path = write(tmp_path / "bom.txt", "\ufeffHeadline Here\nBody sentence.\n")
    doc = one_doc(path)
    assert doc.raw == open(path, encoding="utf-8").read() and doc.raw.startswith("\ufeff")
    assert doc.text == "Headline Here\nBody sentence.\n"
    assert doc.title == "Headline Here"
    assert quote(doc, "Body sentence.") == "Body sentence."


def test_raw_span_rejects_spans_outside_the_text(tmp_path):
    doc = one_doc(write(tmp_path / "a.txt", "Short text."))
    with pytest.raises(ValueError, match="outside the text"):
        doc.raw_span(3, 40)
    with pytest.raises(ValueError):
        doc.raw_span(5, 2)


# ------------------------------------------------------------------------------------------------------- markdown


def test_markdown_syntax_is_stripped_and_lines_are_kept(tmp_path):
    source = (
        "# Big **News** Today #\n"
        "\n"
        "Some *emphasis*, __strong__ and ***both*** with a [link label](https://x.org/a_(b) \"t\") here.\n"
        "An image ![alt words](pic.png) and `code_with*stars*` and a snake_case_name.\n"
        "- first bullet\n"
        "* second bullet\n"
        "12. numbered item\n"
        "> quoted \\*literal\\* text\n"
        "> - nested bullet in a quote\n"
        "\n"
        "Closing paragraph.\n"
    )
    doc = one_doc(write(tmp_path / "news.md", source))
    assert doc.text.split("\n") == [
        "Big News Today",
        "",
        "Some emphasis, strong and both with a link label here.",
        "An image alt words and code_with*stars* and a snake_case_name.",
        "first bullet",
        "second bullet",
        "numbered item",
        "quoted *literal* text",
        "nested bullet in a quote",
        "",
        "Closing paragraph.",
    ]
    assert doc.title == "Big News Today"
    assert quote(doc, "Some emphasis, strong and both") == "Some *emphasis*, __strong__ and ***both"
    assert quote(doc, "link label") == "link label"
    assert quote(doc, "literal* text") == "literal\\* text"


def test_markdown_front_matter_gives_metadata_and_is_not_text(tmp_path):
    source = (
        "---\n"
        "title: \"Assad in Moscow\"\n"
        "outlet: North Press\n"
        "date: 9 December 2024\n"
        "url: https://example.org/assad\n"
        "---\n"
        "Body of the *article* starts here.\n"
    )
    doc = one_doc(write(tmp_path / "fm.md", source))
    assert doc.text == "Body of the article starts here."
    assert (doc.title, doc.source, doc.published, doc.url) == (
        "Assad in Moscow", "North Press", "2024-12-09", "https://example.org/assad")
    assert quote(doc, "Body of the article") == "Body of the *article"  # tight: no closing marker


def test_markdown_code_fences_rules_and_reference_definitions(tmp_path):
    source = "Intro line.\n\n```python\nx = *not emphasis*\n```\n\n---\n\n[ref]: https://x.org\nSee [the docs][ref].\n"
    doc = one_doc(write(tmp_path / "code.md", source))
    assert "x = *not emphasis*" in doc.text
    assert "```" not in doc.text and "https://x.org" not in doc.text and "---" not in doc.text
    assert "See the docs." in doc.text


def test_markdown_without_front_matter_falls_back_to_plain_text_metadata(tmp_path):
    source = "Rebels Take Damascus\n\nDAMASCUS (Reuters) - Rebels entered the capital on Sunday, witnesses said.\n"
    doc = one_doc(write(tmp_path / "plain.md", source))
    assert (doc.title, doc.source) == ("Rebels Take Damascus", "Reuters")


# ----------------------------------------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html><head><title>Page Title | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<meta property="article:published_time" content="2024-12-09T08:00:00+00:00">
<meta property="og:url" content="https://planet.example/assad">
<style>p { color: red }</style>
</head>
<body>
<nav>Home World Sports</nav>
<script>var s = "<p>not text</p>";</script>
<noscript>Enable JavaScript</noscript>
<template><p>hidden template</p></template>
<article>
<h1>Assad &amp; Family Reach Moscow</h1>
<p>The Kremlin&#8217;s source said the <b>family</b> arrived
   late on Sunday.</p>



<p>Prices rose 5&nbsp;% at AT&T &mdash; analysts said.<br>A new line starts here.</p>
<ul><li>First item.</li><li>Second item.</li></ul>
<!-- a comment -->
</article>
</body></html>
"""


def test_html_readable_text_blocks_and_metadata(tmp_path):
    doc = one_doc(write(tmp_path / "page.html", PAGE))
    assert doc.raw == open(tmp_path / "page.html", encoding="utf-8").read()
    for hidden in ("not text", "Enable JavaScript", "hidden template", "color: red", "Home World", "Page Title"):
        assert hidden not in doc.text
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "Assad & Family Reach Moscow"
    assert fold(paragraphs[1]) == "The Kremlin’s source said the family arrived late on Sunday."
    assert "\n" not in paragraphs[1], "a newline inside a text node is not a paragraph break"
    assert paragraphs[2] == "Prices rose 5\xa0% at AT&T — analysts said.\nA new line starts here."
    assert paragraphs[3:] == ["First item.", "Second item."]
    assert "\n\n\n" not in doc.text
    assert (doc.title, doc.source, doc.published, doc.url) == (
        "Assad & Family Reach Moscow", "Daily Planet", "2024-12-09", "https://planet.example/assad")


def test_html_entities_map_to_the_whole_entity(tmp_path):
    doc = one_doc(write(tmp_path / "page.htm", PAGE))
    assert quote(doc, "Kremlin’s") == "Kremlin&#8217;s"
    assert quote(doc, "Kremlin’") == "Kremlin&#8217;"  # a span ending on an entity covers all of it
    assert quote(doc, "Assad &") == "Assad &amp;"
    assert quote(doc, "5\xa0%") == "5&nbsp;%"
    assert quote(doc, "source said the family") == "source said the <b>family"
    assert quote(doc, "analysts said.") == "analysts said."


def test_html_title_falls_back_to_title_tag_then_og_title(tmp_path):
    page = "<html><head><title>From Title Tag</title></head><body><p>Body text here.</p></body></html>"
    assert one_doc(write(tmp_path / "t.html", page)).title == "From Title Tag"
    page = '<html><head><meta property="og:title" content="From OG"></head><body><p>Body.</p></body></html>'
    assert one_doc(write(tmp_path / "o.html", page)).title == "From OG"


def test_html_title_skips_a_site_logo_h1(tmp_path):
    page = ('<html><head><meta property="og:site_name" content="Daily Planet"></head><body>'
            "<header><h1>Daily Planet</h1></header><article><h1>Rebels Enter Damascus</h1><p>Body.</p></article>")
    assert one_doc(write(tmp_path / "logo.html", page)).title == "Rebels Enter Damascus"


def test_html_with_only_markup_is_a_failure(tmp_path):
    result = read_file(write(tmp_path / "empty.html", "<html><head><script>x()</script></head><body> </body></html>"))
    assert isinstance(result, ReadFailure) and "no readable text" in result.reason


# ----------------------------------------------------------------------------------------------------------- JSON


def test_json_list_of_articles_with_ids_escapes_and_metadata(tmp_path):
    raw = (
        '[\n'
        ' {"id": "assad-1", "title": "T1", "source": "TASS", "url": "https://t.example/1",\n'
        '  "published": "2024-12-09T10:00:00Z",\n'
        '  "body": "He said \\"yes\\".\\nThe Kremlin\\u2019s view \\ud83d\\ude00 held \\/ firm\\\\."},\n'
        ' {"title": "no body here"},\n'
        ' {"text": "Second article text.", "date": "December 9, 2024", "outlet": "AP"}\n'
        ']\n'
    )
    path = write(tmp_path / "batch.json", raw)
    result = read_file(path)
    first, failure, second = result
    assert isinstance(failure, ReadFailure) and failure.path == str(path)
    assert failure.reason == "record 1 (line 5): no 'body' or 'text' string"
    assert first.text == 'He said "yes".\nThe Kremlin’s view 😀 held / firm\\.'
    assert (first.doc_id, first.record, first.title, first.source, first.published, first.url) == (
        "assad-1", 0, "T1", "TASS", "2024-12-09", "https://t.example/1")
    assert quote(first, 'He said "yes".') == 'He said \\"yes\\".'
    assert quote(first, "Kremlin’") == "Kremlin\\u2019"
    assert quote(first, "😀") == "\\ud83d\\ude00"
    assert quote(first, "/ firm\\.") == "\\/ firm\\\\."
    assert (second.doc_id, second.record, second.source, second.published) == ("batch-2", 2, "AP", "2024-12-09")
    assert quote(second, "Second article text.") == "Second article text."


def test_json_single_object_and_articles_wrapper(tmp_path):
    single = one_doc(write(tmp_path / "one.json", '{"title": "Only", "body": "Just one article."}'))
    assert (single.doc_id, single.record, single.title) == ("one", None, "Only")
    wrapped = docs_of(read_file(write(tmp_path / "feed.json", '{"articles": [{"body": "A."}, {"body": "B."}]}')))
    assert [(d.doc_id, d.text) for d in wrapped] == [("feed-0", "A."), ("feed-1", "B.")]


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ('[{"body": "a"}, {"body": }]', "not valid JSON: Expecting value at line 1, column 26"),
        ('"just a string"', "expected an article object or a list of articles, found str"),
        ("[]", "no articles (the list is empty)"),
        ('{"title": "x"}', "no 'body' or 'text' string"),
    ],
)
def test_json_unusable_files(tmp_path, raw, reason):
    result = read_file(write(tmp_path / "bad.json", raw))
    if isinstance(result, list):
        (result,) = result
    assert isinstance(result, ReadFailure) and result.reason == reason


def test_jsonl_bad_line_fails_alone(tmp_path):
    raw = '{"body": "First."}\n\n{"body": "broken"\n{"id": 7, "text": "Third."}\n["not", "an", "object"]\n'
    result = read_file(write(tmp_path / "feed.jsonl", raw))
    assert [type(item).__name__ for item in result] == ["SourceDoc", "ReadFailure", "SourceDoc", "ReadFailure"]
    assert result[1].reason.startswith("line 3: not valid JSON: Expecting ',' delimiter")
    assert result[3].reason == "record 3 (line 5): not an article object but a JSON list"
    assert [(d.doc_id, d.record, d.text) for d in docs_of(result)] == [("feed-0", 0, "First."), ("7", 2, "Third.")]
    assert quote(result[2], "Third.") == "Third."


def test_doc_ids_and_hashes_are_stable_and_track_content(tmp_path):
    path = write(tmp_path / "feed.jsonl", '{"body": "One."}\n{"body": "Two."}\n')
    first, again = docs_of(read_file(path)), docs_of(read_file(path))
    assert [d.doc_id for d in first] == ["feed-0", "feed-1"]
    assert [(d.doc_id, d.content_hash) for d in first] == [(d.doc_id, d.content_hash) for d in again]
    assert len({d.content_hash for d in first}) == 2 and all(len(d.content_hash) == 64 for d in first)
    write(path, '{"body": "One!"}\n{"body": "Two."}\n')
    changed = docs_of(read_file(path))
    assert changed[0].content_hash != first[0].content_hash
    assert changed[1].content_hash == first[1].content_hash


# -------------------------------------------------------------------------------------------------------- failures


def test_binary_empty_and_undecodable_files(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"GIF89a\x00\x01\x02 some bytes")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_bytes(b" \n\t\n")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 society".encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes("Hello".encode("utf-16"))
    reasons = {name: read_file(tmp_path / name).reason
               for name in ("bin.txt", "empty.txt", "blank.md", "latin1.txt", "utf16.txt")}
    assert reasons == {
        "bin.txt": "binary file, not an article",
        "empty.txt": "empty file",
        "blank.md": "empty file",
        "latin1.txt": "not valid UTF-8 (byte 0xe9 at position 3); save it as UTF-8",
        "utf16.txt": "not valid UTF-8 (it looks like UTF-16); save it as UTF-8",
    }


def test_large_and_unreadable_files(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    assert read_file(big).reason.startswith("larger than 50 MB")

    locked = write(tmp_path / "locked.txt", "secret")

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    failure = read_file(locked)
    assert failure == ReadFailure(str(locked), "Permission denied")


def test_unsupported_and_missing_paths(tmp_path):
    pdf = write(tmp_path / "report.pdf", "%PDF-1.4")
    missing = tmp_path / "nowhere"
    items = list(iter_source_files([pdf, missing]))
    assert items == [
        ReadFailure(str(pdf), "unsupported file type .pdf (supported: .txt, .md, .html, .htm, .json, .jsonl)"),
        ReadFailure(str(missing), "no such file or folder"),
    ]
    assert read_file(pdf).reason.startswith("unsupported file type .pdf")
    assert read_file(missing).reason == "no such file or folder"


def test_folders_expand_recursively_sorted_skipping_hidden_and_unsupported(tmp_path):
    for name in ("b.txt", "a.md", "README.md", "notes.pdf", ".hidden.txt", ".git/config.txt", "sub/c.json",
                 "sub/deeper/d.HTML", "sub/x.jsonl"):
        write(tmp_path / name, '{"body": "x"}' if name.endswith(("json", "jsonl")) else "text")
    items = list(iter_source_files([tmp_path, tmp_path / "b.txt"]))  # b.txt named twice: read once
    assert [p.relative_to(tmp_path).as_posix() for p in items] == [
        "README.md", "a.md", "b.txt", "sub/c.json", "sub/deeper/d.HTML", "sub/x.jsonl"]
    assert all(isinstance(p, Path) and p.is_absolute() for p in items)


def test_symlink_loops_end_and_markdown_suffix_variants_are_read(tmp_path):
    write(tmp_path / "feed" / "story.markdown", "# Title Here\n\nBody *text*.\n")
    os.symlink(tmp_path / "feed", tmp_path / "feed" / "loop")
    items = list(iter_source_files([tmp_path]))
    assert [p.name for p in items] == ["story.markdown"]
    assert one_doc(items[0]).text == "Title Here\n\nBody text."


def test_read_sources_flattens_docs_and_failures_in_order(tmp_path):
    write(tmp_path / "a.txt", "Alpha text.")
    write(tmp_path / "b.jsonl", '{"body": "Beta."}\n{"nobody": 1}\n')
    (tmp_path / "c.txt").write_bytes(b"")
    out = list(read_sources([tmp_path, tmp_path / "missing.txt"]))
    assert [(type(x).__name__, getattr(x, "doc_id", None) or x.reason) for x in out] == [
        ("SourceDoc", "a"),
        ("SourceDoc", "b-0"),
        ("ReadFailure", "record 1 (line 2): no 'body' or 'text' string"),
        ("ReadFailure", "empty file"),
        ("ReadFailure", "no such file or folder"),
    ]


# -------------------------------------------------------------------------------------------------------- metadata


def test_seed_metadata_comes_from_the_seed_sidecar_and_only_says_what_the_text_states():
    expected = {
        "000": (None, None, None),
        "001": (None, None, "--12-09"),
        "002": (None, None, None),
        "003": ("Bashar al-Assad’s Escapes to Moscow, Russian Source Reveals", "North Press", None),
        "004": (None, None, None),
    }
    seeds = sorted(SEEDS.glob("*.txt"))
    assert [p.name[:3] for p in seeds] == list(expected)
    for path in seeds:
        doc = one_doc(path)
        assert doc.doc_id == path.stem and doc.text == doc.raw == path.read_text(encoding="utf-8")
        assert (doc.title, doc.source, doc.published) == expected[path.name[:3]], path.name
    rows = [json.loads(line) for line in (SEEDS / "metadata.jsonl").read_text(encoding="utf-8").splitlines()]
    stated = {"--12-09": "December 9"}
    for row in rows:
        text = (SEEDS / row["file"]).read_text(encoding="utf-8")
        for key, value in row.items():
            if key != "file":
                assert stated.get(value, value) in text, (row["file"], key, value)
    assert [item.doc_id for item in read_sources([SEEDS])] == [p.stem for p in seeds]  # the sidecar is no article


# -------------------------------------------------------------------------------------- the offsets guarantee

WORDS = ("Assad", "Moscow", "asylum", "Kremlin’s", "café", "rebels", "“humanitarian”", "Damascus", "50%", "fell",
         "on", "Sunday", "the", "AT&T", "said", "forces", "naïve", "über", "12-year", "rule", "O’Brien", "—", "it’s")


def sentences(rng: random.Random, count: int) -> list[str]:
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12))).capitalize() + rng.choice(".!?")
            for _ in range(count)]


def make_txt(rng):
    raw = "\n\n".join(" ".join(sentences(rng, rng.randint(1, 4))) for _ in range(rng.randint(2, 5)))
    if rng.random() < 0.4:
        raw = "---\ntitle: Generated\nsource: Fuzz Wire\n---\n" + raw
    return ("\ufeff" if rng.random() < 0.3 else "") + raw, "\r\n" if rng.random() < 0.5 else None


def md_words(rng: random.Random, sentence: str) -> str:
    out = []
    for word in sentence.split(" "):
        roll = rng.random()
        if roll < 0.1:
            word = f"**{word}**"
        elif roll < 0.2:
            word = f"*{word}*"
        elif roll < 0.25:
            word = f"`{word}`"
        elif roll < 0.3:
            word = f"[{word}](https://example.org/{rng.randint(0, 99)})"
        elif roll < 0.33:
            word = f"![{word}](pic.png)"
        out.append(word)
    return " ".join(out)


def make_md(rng):
    lines = ["---", "title: Generated", "---", ""] if rng.random() < 0.5 else []
    for _ in range(rng.randint(2, 6)):
        prefix = rng.choice(["", "", "# ", "## ", "- ", "* ", "1. ", "> "])
        lines.append(prefix + " ".join(md_words(rng, s) for s in sentences(rng, rng.randint(1, 3))))
        lines.append("")
    return "\n".join(lines), None


def html_escape_words(rng: random.Random, sentence: str) -> str:
    out = []
    for word in sentence.split(" "):
        word = word.replace("&", rng.choice(["&amp;", "&#38;", "&"]))
        word = word.replace("’", rng.choice(["&#8217;", "&rsquo;", "&#x2019;", "’"]))
        word = word.replace("é", rng.choice(["&eacute;", "é"]))
        roll = rng.random()
        if roll < 0.1:
            word = f"<b>{word}</b>"
        elif roll < 0.2:
            word = f'<a href="/x?a=1&amp;b=2">{word}</a>'
        out.append(word)
    return (" " if rng.random() < 0.7 else "\n   ").join(out)


def make_html(rng):
    parts = ["<html><head><title>Gen</title><style>p{}</style></head><body>"]
    for _ in range(rng.randint(2, 6)):
        tag = rng.choice(["p", "div", "li", "h2", "blockquote"])
        body = "<br>".join(" ".join(html_escape_words(rng, s) for s in sentences(rng, rng.randint(1, 2)))
                           for _ in range(rng.randint(1, 2)))
        parts.append(f"<{tag}>{body}</{tag}>")
        parts.append(rng.choice(["\n", "\n\n\n", "<script>x = '<p>'</script>", "<!-- c -->", ""]))
    parts.append("</body></html>")
    return "".join(parts), None


def make_json(rng):
    records = [{"id": f"r{i}", "title": "Gen", "body": "\n\n".join(sentences(rng, rng.randint(1, 4)))}
               for i in range(rng.randint(1, 3))]
    return json.dumps(records, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 2])), None


def make_jsonl(rng):
    lines = [json.dumps({"body": " ".join(sentences(rng, rng.randint(1, 4))) + "\n" + sentences(rng, 1)[0]},
                        ensure_ascii=rng.random() < 0.5) for _ in range(rng.randint(1, 4))]
    return "\n".join(lines) + "\n", None


def unmark(suffix: str, raw_slice: str) -> str:
    """The readable text of a slice of the file: markup stripped, escapes and entities decoded."""
    if suffix == ".md":
        raw_slice = re.sub(r"\]\([^)]*\)|!\[", "", raw_slice)
        return re.sub(r"[*`\[\]]", "", raw_slice)
    if suffix == ".html":
        return html.unescape(re.sub(r"<[^>]*>", "", raw_slice))
    if suffix in (".json", ".jsonl"):
        return json.loads(f'"{raw_slice}"')
    return raw_slice


MAKERS = {".txt": make_txt, ".md": make_md, ".html": make_html, ".json": make_json, ".jsonl": make_jsonl}


@pytest.mark.parametrize("suffix", list(MAKERS))
def test_every_sentence_maps_back_to_its_exact_source(tmp_path, suffix):
    rng = random.Random(f"readers-{suffix}")
    checked = 0
    for n in range(25):
        content, newline = MAKERS[suffix](rng)
        if rng.random() < 0.3 and not content.startswith("\ufeff"):
            content = "\ufeff" + content  # a byte-order mark stays in raw and never reaches text
        newline = newline or rng.choice([None, "\r\n"])  # the map is into the universal-newlines text
        path = write(tmp_path / f"doc{n}{suffix}", content, newline=newline)
        docs = read_file(path)
        assert docs and all(isinstance(doc, SourceDoc) for doc in docs), (path, docs)
        for doc in docs:
            assert doc.raw == open(path, encoding="utf-8").read()
            assert "\ufeff" not in doc.text and doc.text.strip()
            for match in re.finditer(r"[^\s.!?][^.!?\n]*[.!?]", doc.text):
                a, b = doc.raw_span(*match.span())
                assert fold(unmark(suffix, doc.raw[a:b])) == fold(match.group()), (path, match.group())
                checked += 1
            for i, ch in enumerate(doc.text):  # every single char, too
                a, b = doc.raw_span(i, i + 1)
                if a == b:
                    assert ch.isspace(), "only inserted paragraph breaks have no source"
                    continue
                source = doc.raw[a:b]
                if suffix != ".md":
                    source = unmark(suffix, source)
                assert source == ch or (ch.isspace() and source.isspace()), (path, i, ch, source)
    assert checked > 100


def test_supported_suffixes_constant():
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl")


# ---------------------------------------------------------------------------------- front matter and sidecars


def warnings_of(result) -> list[str]:
    assert not isinstance(result, ReadFailure), result
    return [f"{Path(item.path).name}: {item.reason}" for item in result if isinstance(item, ReadWarning)]


def test_txt_front_matter_is_metadata_never_text_and_offsets_point_into_the_file(tmp_path):
    raw = ("---\ntitle: Rebels Reach Damascus\nsource: Daily Planet\npublished: 2024-12-08\n"
           "url: https://planet.example/damascus\nauthor: Jo Roe\n---\nRebels reached Damascus on Sunday.\n")
    path = write(tmp_path / "fm.txt", raw, newline="\r\n")
    doc = one_doc(path)
    assert doc.raw == open(path, encoding="utf-8").read()
    assert doc.text == "Rebels reached Damascus on Sunday."
    assert (doc.title, doc.source, doc.published, doc.url, doc.author) == (
        "Rebels Reach Damascus", "Daily Planet", "2024-12-08", "https://planet.example/damascus", "Jo Roe")
    body = doc.raw.index("Rebels reached")
    assert all(doc.raw_span(i, i + 1)[0] >= body for i in range(len(doc.text)))  # front matter is never quoted
    assert quote(doc, "Rebels reached Damascus on Sunday.") == "Rebels reached Damascus on Sunday."


def test_malformed_front_matter_is_named_and_the_article_still_reads(tmp_path):
    for name in ("bad.md", "bad.txt"):
        result = read_file(write(tmp_path / name, "---\ntitle: \"Unclosed\nsource: X\n---\nThe body survives.\n"))
        assert warnings_of(result) == [
            f"{name}: front matter is not valid YAML (found unexpected end of stream at line 4); it was left out"]
        [doc] = docs_of(result)
        assert doc.text == "The body survives." and doc.source is None


def test_a_rule_at_the_top_of_a_text_is_text_not_front_matter(tmp_path):
    doc = one_doc(write(tmp_path / "rule.txt", "---\nA line between two rules.\n---\nMore text.\n"))
    assert doc.text == doc.raw


def test_sidecar_describes_files_of_every_format_and_outranks_what_they_say(tmp_path):
    write(tmp_path / "front.md", "---\ntitle: Front Title\nsource: Front Outlet\n---\nBody of the front story.\n")
    write(tmp_path / "page.html", '<html><head><meta property="og:site_name" content="Page Outlet">'
                                  '<meta property="article:published_time" content="2024-12-07"></head>'
                                  "<body><h1>Page Title</h1><p>Body of the page story.</p></body></html>")
    write(tmp_path / "plain.txt", "BEIRUT (Guessed Wire) – Body of the plain story, long enough to be a paragraph.")
    write(tmp_path / "feed.jsonl", '{"id": "a", "body": "First record.", "source": "Record Outlet"}\n'
                                   '{"id": "b", "body": "Second record."}\n')
    write(tmp_path / "metadata.jsonl", "\n".join(json.dumps(row) for row in [
        {"file": "front.md", "source": "Sidecar Outlet", "author": "Jo Roe"},
        {"file": "page.html", "published": "2024-12-09", "url": "https://sidecar.example/page"},
        {"file": "plain.txt", "source": "Sidecar Wire"},
        {"file": "feed.jsonl", "source": "Feed Outlet", "published": "2024-12-01"},
        {"file": "feed.jsonl", "id": "b", "title": "Record B", "published": "2024-12-02"},
    ]) + "\n")
    docs = {d.doc_id: d for d in read_sources([tmp_path]) if isinstance(d, SourceDoc)}
    fields = {k: (d.title, d.source, d.published, d.url, d.author) for k, d in docs.items()}
    assert fields == {
        "a": (None, "Feed Outlet", "2024-12-01", None, None),
        "b": ("Record B", "Feed Outlet", "2024-12-02", None, None),
        "front": ("Front Title", "Sidecar Outlet", None, None, "Jo Roe"),
        "page": ("Page Title", "Page Outlet", "2024-12-09", "https://sidecar.example/page", None),
        "plain": (None, "Sidecar Wire", None, None, None),
    }
    assert "metadata" not in docs


def test_each_layer_is_used_when_the_ones_above_it_are_silent(tmp_path):
    write(tmp_path / "front.md", "---\ndate: 2024-12-05\n---\nMOSCOW (Text Wire) – December 1: Body text here.\n")
    write(tmp_path / "page.html", '<html><head><meta property="og:site_name" content="Page Outlet"></head><body>'
                                  "<p>BEIRUT (Text Wire) – Body of the page story, long enough to count.</p>")
    docs = {d.doc_id: d for d in read_sources([tmp_path]) if isinstance(d, SourceDoc)}
    assert (docs["front"].source, docs["front"].published) == ("Text Wire", "2024-12-05")
    assert docs["page"].source == "Page Outlet"


def test_htmldate_finds_dates_the_meta_tags_do_not_give(tmp_path):
    pages = {
        "jsonld.html": '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
                       '"datePublished": "2024-12-08T10:00:00Z", "dateModified": "2024-12-10"}</script></head>'
                       "<body><p>Body.</p></body></html>",
        "time.html": '<html><body><article><time datetime="2024-12-07T10:00" pubdate>Saturday</time>'
                     "<p>Body.</p></article></body></html>",
        "both.html": '<html><head><meta property="article:modified_time" content="2024-12-11">'
                     '<meta property="article:published_time" content="2024-12-09"></head><body><p>B.</p></body>',
        "text.html": "<html><body><p>Body that mentions 5 December 2024 in passing.</p></body></html>",
    }
    dates = {name: one_doc(write(tmp_path / name, page)).published for name, page in pages.items()}
    assert dates == {"jsonld.html": "2024-12-08", "time.html": "2024-12-07", "both.html": "2024-12-09",
                     "text.html": None}


def test_an_html_file_that_looks_like_an_address_is_read_not_fetched(tmp_path, monkeypatch):
    import htmldate.utils

    def refuse(*args, **kwargs):
        raise AssertionError("htmldate tried to download")

    monkeypatch.setattr(htmldate.utils, "fetch_url", refuse)
    doc = one_doc(write(tmp_path / "addr.html", "https://attacker.example/collect"))
    assert doc.text == "https://attacker.example/collect" and doc.published is None


def test_a_nearer_sidecar_wins_and_sidecars_above_the_folder_given_are_not_read(tmp_path):
    write(tmp_path / "sub" / "deep" / "story.txt", "Body of the story.")
    write(tmp_path / "metadata.jsonl", '{"file": "sub/deep/story.txt", "source": "Top", "author": "Top Author"}\n')
    write(tmp_path / "sub" / "deep" / "metadata.jsonl", '{"file": "story.txt", "source": "Near"}\n')
    [doc] = [d for d in read_sources([tmp_path]) if isinstance(d, SourceDoc)]
    assert (doc.source, doc.author) == ("Near", "Top Author")
    [doc] = [d for d in read_sources([tmp_path / "sub"]) if isinstance(d, SourceDoc)]
    assert (doc.source, doc.author) == ("Near", None)
    assert one_doc(tmp_path / "sub" / "deep" / "story.txt").source == "Near"
    assert docs_of(read_file(tmp_path / "sub" / "deep" / "story.txt", root=tmp_path))[0].author == "Top Author"


def test_sidecar_problems_are_named_once_and_every_article_still_reads(tmp_path):
    for name in ("a.txt", "b.txt"):
        write(tmp_path / name, f"Body of {name}.")
    write(tmp_path / "metadata.jsonl", '{"file": "a.txt", "source": "Wire", "url": "javascript:alert(1)"}\n'
                                       "{broken\n"
                                       '{"file": "gone.txt", "source": "Nobody"}\n')
    out = list(read_sources([tmp_path]))
    notes = [item.reason for item in out if isinstance(item, ReadWarning)]
    assert all(item.path == str(tmp_path / "metadata.jsonl") for item in out if isinstance(item, ReadWarning))
    assert notes == [
        "line 1: url 'javascript:alert(1)' is not an http(s) address; ignored",
        "line 2: not valid JSON (Expecting property name enclosed in double quotes at column 2); row skipped",
        f"line 3: there is no file gone.txt in {tmp_path}; row not used",
    ]
    docs = {d.doc_id: d for d in out if isinstance(d, SourceDoc)}
    assert set(docs) == {"a", "b"} and (docs["a"].source, docs["a"].url) == ("Wire", None)


def test_the_sidecar_named_on_its_own_is_not_an_article(tmp_path):
    sidecar = write(tmp_path / "metadata.jsonl", '{"file": "a.txt", "body": "Not an article."}\n')
    assert list(iter_source_files([tmp_path, sidecar])) == []
    [note] = list(read_sources([sidecar]))
    assert isinstance(note, ReadWarning) and note.reason.startswith("the metadata sidecar of its folder")
    assert [type(x).__name__ for x in read_file(sidecar)] == ["ReadWarning"]


def test_changing_only_the_sidecar_changes_the_content_hash(tmp_path):
    write(tmp_path / "a.txt", "Body of the story.")
    first = one_doc(tmp_path / "a.txt")
    write(tmp_path / "metadata.jsonl", '{"file": "a.txt", "source": "Wire"}\n')
    second = one_doc(tmp_path / "a.txt")
    write(tmp_path / "metadata.jsonl", '{"file": "a.txt", "source": "Other Wire"}\n')
    third = one_doc(tmp_path / "a.txt")
    assert len({first.content_hash, second.content_hash, third.content_hash}) == 3
    assert first.text == second.text == third.text

"""Metadata from the top of a plain-text article: headlines, bylines, labelled dates and wire datelines."""

from __future__ import annotations

import pytest

from index.metadata import extract_metadata, normalize_date


@pytest.mark.parametrize(
    ("text", "title", "source", "published"),
    [
        ("WASHINGTON (Reuters) - The U.S. said on Monday it would act soon, officials told reporters here.",
         None, "Reuters", None),
        ("LONDON, Dec. 9 (AP) — Markets fell sharply on Monday as investors weighed the news from Syria today.",
         None, "AP", "--12-09"),
        ("Moscow, December 9, 2024 – The Kremlin said it granted asylum to the former Syrian president.",
         None, None, "2024-12-09"),
        ("December 9, 2024 - Rebels entered Damascus overnight, according to several witnesses on the ground.",
         None, None, "2024-12-09"),
        ("Assad Flees\nBy Jane Doe, Reuters\nPublished: 9 December 2024\nRebels took the capital on Sunday, "
         "ending decades of rule by the family.", "Assad Flees", "Reuters", "2024-12-09"),
        ("Is This the End?\nMonday, 9 Dec 2024 10:32 GMT\nSomething happened.", "Is This the End?", None,
         "2024-12-09"),
        ("Headline Without Body", None, None, None),
        ("Hayat Tahrir al-Sham (HTS) – a group once linked to al-Qaeda – led the offensive on Damascus.",
         None, None, None),
        ("Russian agencies confirmed that Assad fled Syria on December 8, seeking refuge in Moscow.\n"
         "On December 8, a plane took off from Damascus.", None, None, None),
        ("Short Line Ending With A Colon:\nThe rest of the story.", None, None, None),
        ("NEW DELHI: The government said on Tuesday it would send aid, officials said.", None, None, None),
        ("Headline\n\nBy Staff Writer, Senior Correspondent\nBody text that is long enough to be a paragraph.",
         "Headline", None, None),
        ("Ferry Strike Ends\nThe Harbour Gazette\n\nThe dockworkers went back to work on Monday morning.",
         "Ferry Strike Ends", "The Harbour Gazette", None),
        ("Ferry Strike Ends\nDockers Back At Work\n\nThe dockworkers went back to work on Monday morning.",
         "Ferry Strike Ends", None, None),
    ],
)
def test_extract_metadata_wire_forms(text, title, source, published):
    assert extract_metadata(text) == {"title": title, "source": source, "published": published}


@pytest.mark.parametrize(
    ("value", "iso"),
    [("2024-12-09T10:00:00+02:00", "2024-12-09"), ("9 December 2024", "2024-12-09"), ("Dec 9", "--12-09"),
     ("Mon, 09 Dec 2024 10:00:00 GMT", "2024-12-09"), ("February 30, 2024", None), ("soon", None),
     (1733738400, "2024-12-09"), (None, None)],
)
def test_normalize_date(value, iso):
    assert normalize_date(value) == iso


def test_normalize_date_reads_yaml_dates_and_its_own_yearless_form():
    import datetime

    assert normalize_date(datetime.date(2024, 12, 9)) == "2024-12-09"
    assert normalize_date(datetime.datetime(2024, 12, 9, 23, 0)) == "2024-12-09"
    assert normalize_date("--12-09") == "--12-09"
    assert normalize_date("--02-30") is None


# ------------------------------------------------------------------------------------------ declared metadata

from index.metadata import clean_fields, find_front_matter, merge_metadata, parse_sidecar  # noqa: E402


def test_merge_takes_each_field_from_the_first_layer_that_has_it():
    sidecar = {"source": "Sidecar Wire"}
    front = {"source": "Front Outlet", "title": "Front Title"}
    page = {"title": "Page Title", "published": "2024-12-08", "url": "https://page.example/a"}
    guessed = {"title": "Guessed", "source": "Guessed Outlet", "published": "--12-01"}
    assert merge_metadata(sidecar, front, page, guessed) == {
        "title": "Front Title", "source": "Sidecar Wire", "published": "2024-12-08",
        "url": "https://page.example/a", "author": None}


def test_clean_fields_normalises_and_names_what_it_cannot_use():
    fields, problems = clean_fields({
        "Headline": "  Rebels\n take   Damascus ", "outlet": "North Press", "date": "9 December 2024",
        "link": "javascript:alert(1)", "authors": ["Jo Roe", "Al Bee"], "tags": ["ignored"]})
    assert fields == {"title": "Rebels take Damascus", "source": "North Press", "published": "2024-12-09",
                      "author": "Jo Roe, Al Bee"}
    assert problems == ["link 'javascript:alert(1)' is not an http(s) address; ignored"]
    fields, problems = clean_fields({"published": "next week", "title": True, "source": {"name": "X"}})
    assert fields == {}
    assert problems == ["title true is not text; ignored", 'source {"name": "X"} is not text; ignored',
                        "published 'next week' is not a date (write it as 2024-12-09); ignored"]


def test_front_matter_is_yaml_and_its_end_is_where_the_text_starts():
    raw = "---\ntitle: 'Assad: the last day'\ndate: 2024-12-09\nauthor: [Jo Roe]\nlayout: post\n---\nBody.\n"
    front = find_front_matter(raw)
    assert front.fields == {"title": "Assad: the last day", "published": "2024-12-09", "author": "Jo Roe"}
    assert front.problems == () and raw[front.end:] == "Body.\n"
    assert find_front_matter("---\n---\nBody.").end == 8


def test_malformed_front_matter_is_named_and_left_out_and_a_rule_is_not_front_matter():
    raw = "---\ntitle: \"unclosed\nsource: X\n---\nBody.\n"
    front = find_front_matter(raw)
    assert front.fields == {} and raw[front.end:] == "Body.\n"
    assert len(front.problems) == 1 and front.problems[0].startswith("front matter is not valid YAML (")
    mixed = find_front_matter("---\ntitle: X\n- an item\n---\nBody.")
    assert mixed.fields == {} and mixed.problems[0].startswith("front matter is not valid YAML (")
    assert find_front_matter("---\nJust a line between rules.\n---\nBody.") is None
    assert find_front_matter("--- \nno closing line\n") is None
    assert find_front_matter("Body first.\n---\ntitle: X\n---\n") is None


def test_sidecar_rows_and_every_problem_named_by_line():
    text = "\n".join([
        '{"file": "a.txt", "source": "Wire", "published": "--12-09", "pubished": "x"}',
        '{"file": "a.txt"',
        '["a.txt"]',
        '{"source": "No File"}',
        '{"file": "../outside.txt"}',
        '{"file": "/etc/passwd"}',
        '{"file": "a.txt", "title": "Again"}',
        '{"file": "./feed.jsonl", "id": 7, "url": "javascript:alert(1)", "title": "<script>x</script>"}',
        '{"file": "sub\\\\b.md", "id": true}',
        "",
    ])
    rows, problems = parse_sidecar(text)
    assert [(r.line, r.file, r.record, r.fields) for r in rows] == [
        (1, "a.txt", None, {"source": "Wire", "published": "--12-09"}),
        (8, "feed.jsonl", "7", {"title": "<script>x</script>"}),
    ]
    assert problems == [
        "line 1: unknown field 'pubished' ignored (fields: file, id, title, source, published, url, author)",
        "line 2: not valid JSON (Expecting ',' delimiter at column 17); row skipped",
        "line 3: not a JSON object; row skipped",
        'line 4: no "file" naming the article file; row skipped',
        "line 5: file '../outside.txt' is outside this folder; row skipped",
        "line 6: file '/etc/passwd' is outside this folder; row skipped",
        "line 7: a.txt is already described on line 1; row skipped",
        "line 8: url 'javascript:alert(1)' is not an http(s) address; ignored",
        "line 9: id true is not an article id; row skipped",
    ]

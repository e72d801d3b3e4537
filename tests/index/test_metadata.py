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

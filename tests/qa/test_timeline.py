"""The order of reports in a disagreement: oldest first with outlet and date, and no order claimed without dates."""

from __future__ import annotations

import pytest

from qa import Claim, Disagreement
from qa.timeline import PublicationDate, order_claims, order_sides, timeline_summary


def claim(n: int, value: str, source: str | None, published: str | None) -> Claim:
    """A claim whose side is its value's (each distinct value a side of its own)."""
    return Claim(doc_id=f"d{n}", n=n, quote=f"Quote {n}.", start=0, end=9, value=value, source=source,
                 published=published, side=sum(map(ord, value)))


def disagreement(*claims: Claim) -> Disagreement:
    return Disagreement(topic="length of rule", kind="number", summary="Sources disagree.", claims=claims)


def test_two_dated_reports_say_which_is_the_later_one():
    d = disagreement(claim(1, "12 years", "North Press", "--12-09"), claim(2, "24 years", "TASS", "--12-08"))
    assert [c.n for c in order_claims(d)] == [2, 1]
    assert timeline_summary(d) == ("The earlier report, of 8 December, says 24 years (TASS [2]); "
                                   "the later one, of 9 December, says 12 years (North Press [1]).")


def test_sides_list_oldest_first_and_undated_reports_come_after_the_dated_ones():
    d = disagreement(claim(1, "12 years", None, None), claim(2, "24 years", "Wire", "2024-12-10"),
                     claim(3, "12 years", "Post", "2024-12-08"), claim(4, "over 20 years", "Herald", None))
    assert [c.n for c in order_claims(d)] == [3, 2, 1, 4]
    assert [(value, [c.n for c in claims]) for value, claims in order_sides(d)] == [
        ("12 years", [3, 1]), ("24 years", [2]), ("over 20 years", [4])]
    assert timeline_summary(d) == ("The earlier report, of 8 December 2024, says 12 years (Post [3]); "
                                   "the later one, of 10 December 2024, says 24 years (Wire [2]).")


def test_with_more_dates_it_names_the_earliest_and_the_latest_reports_of_a_day_together():
    d = disagreement(claim(1, "A", "One", "2024-12-09"), claim(2, "B", "Two", "2024-12-08"),
                     claim(3, "C", "Three", "2024-12-10"), claim(4, "A", "Four", "2024-12-10"),
                     claim(5, "C", None, "2024-12-10"))
    assert timeline_summary(d) == ("The earliest report, of 8 December 2024, says B (Two [2]); the latest ones, "
                                   "of 10 December 2024, say C (Three [3], d5 [5]) and A (Four [4]).")


@pytest.mark.parametrize("dates", [
    (None, None),  # no dates: no order
    ("2024-12-09", None),  # one date: nothing to compare it with
    ("2024-12-09", "2024-12-09"),  # the same day
    ("2024-12-09", "--12-08"),  # a year against none: which came first is not known
    ("2024-12-09", "yesterday"),  # not a date
])
def test_no_order_is_claimed_unless_two_dates_can_be_compared(dates):
    d = disagreement(claim(1, "12 years", "A", dates[0]), claim(2, "24 years", "B", dates[1]))
    assert timeline_summary(d) is None


def test_dates_that_cannot_be_compared_keep_the_order_given():
    d = disagreement(claim(1, "A", "X", "2024-12-09"), claim(2, "B", "Y", "--12-08"), claim(3, "C", "Z", None))
    assert order_claims(d) == d.claims


def test_publication_dates_parse_only_real_iso_dates():
    assert PublicationDate.parse("2024-02-29") == PublicationDate(2024, 2, 29)
    assert str(PublicationDate.parse("--12-09")) == "9 December"
    assert str(PublicationDate.parse("2024-12-09")) == "9 December 2024"
    for value in ("2023-02-29", "--13-01", "9 Dec 2024", "", None):
        assert PublicationDate.parse(value) is None

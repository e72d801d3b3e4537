"""Where sources disagree, who said what when: each side with its outlet and date, the oldest report first.

Pure functions over the public value types (``Disagreement``, ``Claim``), so the engine, the browser chat, the
Markdown export and the notebook view all tell the same order. An order is claimed only between dates that can be
compared: all with a year, or all without one (an article datelined "December 9" with no year). No dates, no order.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from index.vocab import MONTH_NAMES, format_markers
from qa.answer import Claim, Disagreement

__all__ = ["PublicationDate", "order_claims", "order_sides", "outlet_name", "timeline_summary"]

_ISO = re.compile(r"(\d{4}|-)-(\d{2})-(\d{2})")


@dataclass(frozen=True, order=True)
class PublicationDate:
    """A ``published`` value as a date: ``2024-12-09``, or ``--12-09`` when the article states no year."""

    year: int | None
    month: int
    day: int

    @classmethod
    def parse(cls, published: str | None) -> PublicationDate | None:
        """The date of an ISO ``published`` value; None when there is none or it is not a date."""
        match = _ISO.fullmatch((published or "").strip())
        if not match:
            return None
        year = None if match.group(1) == "-" else int(match.group(1))
        try:
            _dt.date(year or 2000, int(match.group(2)), int(match.group(3)))
        except ValueError:
            return None
        return cls(year, int(match.group(2)), int(match.group(3)))

    def __str__(self) -> str:
        shown = f"{self.day} {MONTH_NAMES[self.month - 1]}"
        return shown if self.year is None else f"{shown} {self.year}"

    def key(self) -> tuple[int, int, int]:
        return (self.year or 0, self.month, self.day)


def outlet_name(claim: Claim) -> str:
    """How a report is named: its outlet, else its article id."""
    return claim.source or claim.doc_id


def _comparable(claims: Iterable[Claim]) -> dict[int, PublicationDate] | None:
    """The date of each dated claim (by position), when they can be put in order; None when they cannot."""
    dates = {i: d for i, d in ((i, PublicationDate.parse(c.published)) for i, c in enumerate(claims)) if d}
    if len({d.year is None for d in dates.values()}) > 1:
        return None  # "9 December" against "8 December 2024": no year to put them in order
    return dates


def order_claims(disagreement: Disagreement) -> tuple[Claim, ...]:
    """The claims oldest first, undated ones after them in their given order; as given when dates cannot be compared."""
    claims = disagreement.claims
    dates = _comparable(claims)
    if not dates:
        return tuple(claims)
    dated = sorted(dates, key=lambda i: (dates[i].key(), i))
    return tuple(claims[i] for i in dated) + tuple(c for i, c in enumerate(claims) if i not in dates)


def order_sides(disagreement: Disagreement) -> list[tuple[str, list[Claim]]]:
    """Each side (compatible values, ``Claim.side``) with its claims, oldest first within a side and side by its
    oldest report; sides without any date come last. A side is labelled with the values its articles state
    ("24-year / over 20-year")."""
    sides: dict[int, list[Claim]] = {}
    for claim in order_claims(disagreement):
        sides.setdefault(claim.side, []).append(claim)
    return [(" / ".join(dict.fromkeys(c.value for c in claims)), claims) for claims in sides.values()]


def timeline_summary(disagreement: Disagreement) -> str | None:
    """Which report is the earlier and which the later, in one sentence; None unless two dates can be compared.

    "The earlier report, of 8 December, says 24 years (TASS [2]); the later one, of 9 December, says 12 years
    (North Press [1])." With more than two dates it names the earliest and the latest.
    """
    dates = _comparable(disagreement.claims)
    if not dates or len({d.key() for d in dates.values()}) < 2:
        return None
    by_date: dict[tuple[int, int, int], list[int]] = {}
    for i in sorted(dates, key=lambda i: (dates[i].key(), i)):
        by_date.setdefault(dates[i].key(), []).append(i)
    first, last = by_date[min(by_date)], by_date[max(by_date)]
    two = len(by_date) == 2
    earlier = _reports(disagreement.claims, first, dates, "earlier" if two else "earliest", "report")
    later = _reports(disagreement.claims, last, dates, "later" if two else "latest", "one")
    return f"The {earlier}; the {later}."


def _reports(claims: Sequence[Claim], picked: list[int], dates: dict[int, PublicationDate], order: str,
             noun: str) -> str:
    """"earlier report, of 8 December, says 24 years (TASS [2])" for the claims at ``picked``, all of one date."""
    values: dict[str, list[Claim]] = {}
    for i in picked:
        values.setdefault(claims[i].value, []).append(claims[i])
    stated = " and ".join(f"{value} ({_cited(side)})" for value, side in values.items())
    many = len(picked) > 1
    return f"{order} {noun}{'s' if many else ''}, of {dates[picked[0]]}, say{'' if many else 's'} {stated}"


def _cited(claims: list[Claim]) -> str:
    """"TASS [2], North Press [1]": each outlet with the markers of its claims."""
    outlets: dict[str, list[int]] = {}
    for claim in claims:
        numbers = outlets.setdefault(outlet_name(claim), [])
        if claim.n not in numbers:
            numbers.append(claim.n)
    return ", ".join(f"{outlet} {format_markers(numbers)}" for outlet, numbers in outlets.items())

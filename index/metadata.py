"""What the top of an article says about itself: its headline, outlet and publication date.

Heuristics over plain text: the headline line, bylines ("By Jo Roe, Reuters"), labelled lines ("Published: 9 Dec
2024"), bare date lines and wire datelines ("DAMASCUS (North Press) – ...", "Moscow – December 9: ..."). Dates in the
body do not count. Pure functions of strings; the readers call them for formats that carry no metadata of their own.
"""

from __future__ import annotations

import datetime as _dt
import re

from index.vocab import MONTH_WORDS, NAME_PARTICLES, WEEKDAY_WORDS, alternation, month_number

__all__ = ["extract_metadata", "normalize_date"]

_MONTH = rf"{alternation(MONTH_WORDS)}(?![a-z])\.?"
_WEEKDAY = rf"(?:{alternation(WEEKDAY_WORDS)}\.?,?\s+)?"
_DATE = (
    rf"(?<![\w-])(?:(?P<y1>\d{{4}})[-/.](?P<m1>\d{{1,2}})[-/.](?P<d1>\d{{1,2}})(?!\d)"
    rf"|{_WEEKDAY}(?P<mon2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?!\d|:\d)(?:,?\s+(?P<y2>\d{{4}})(?!\d))?"
    rf"|{_WEEKDAY}(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon3>{_MONTH})(?:,?\s+(?P<y3>\d{{4}})(?!\d))?)"
)
_DATE_AT = re.compile(_DATE, re.I)
_DATE_ENDING = re.compile(rf"(?:^|,\s*){_DATE}\s*$", re.I)
_DATE_THEN_SEP = re.compile(rf"{_DATE}\s*(?::|[-–—])\s", re.I)
_DATE_LINE = re.compile(rf"{_DATE}(?:\s*(?:[,|•·–—-]|at)?\s*\d{{1,2}}[:.]\d{{2}}\b.*)?\s*$", re.I)
_DATELINE_SEP = re.compile(r"[ \t]+[-–—]{1,2}[ \t]+|[ \t]*[–—][ \t]*|:[ \t]+")
_OUTLET_TAIL = re.compile(r"\(([^()]{2,40})\)\s*$")
_LABELLED_DATE = re.compile(
    r"(?:published|first\s+published|date|dateline|posted|publication\s+date)(?:\s+(?:on|at))?\s*[:：]?\s*(.+)$", re.I
)
_LABELLED_SOURCE = re.compile(r"(?:source|outlet|publisher|publication)\s*[:：]\s*([^.:]{2,60})$", re.I)
_BYLINE = re.compile(r"by\s+(.{2,80}?)(?:\s*(?:,|\||\s[-–—])\s*(.{2,40}))?$", re.I)
_PLACE_PARTICLES = (NAME_PARTICLES - {"the", "and", "&"}) | {"des", "do", "upon", "on", "am", "an"}  # Frankfurt am Main
_PLACE_WORD = re.compile(rf"[A-Z][\w.'’-]*|{alternation(_PLACE_PARTICLES)}(?:-[\w'’-]+)?")
_WIRES = {"reuters", "ap", "afp", "associated press", "agence france-presse", "bloomberg", "upi", "tass", "ria",
          "ria novosti", "interfax", "xinhua", "anadolu", "efe", "dpa", "ansa", "yonhap", "kyodo", "pti", "ani",
          "ians", "sana", "irna", "wafa", "cnn", "bbc"}
_ROLE_WORDS = {"writer", "reporter", "correspondent", "editor", "staff", "contributor", "columnist", "journalist",
               "chief", "senior", "producer", "analyst", "photographer"}


def normalize_date(value: object) -> str | None:
    """A date given as text ("2024-12-09T10:00Z", "December 9, 2024", "9 Dec") or epoch seconds, as ISO; else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return _dt.datetime.fromtimestamp(seconds, _dt.timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    match = _DATE_AT.match(value.strip())
    return _iso_date(match) if match else None


def _iso_date(match: re.Match) -> str | None:
    """ISO date of a _DATE match: "2024-12-09", or "--12-09" when no year is stated; None if not a real date."""
    groups = match.groupdict()
    try:
        if groups["y1"]:
            year, month, day = int(groups["y1"]), int(groups["m1"]), int(groups["d1"])
        else:
            suffix = "2" if groups["mon2"] else "3"
            month = month_number(groups["mon" + suffix])
            day = int(groups["d" + suffix])
            year = int(groups["y" + suffix]) if groups["y" + suffix] else None
        if year is None:
            _dt.date(2000, month, day)
            return f"--{month:02d}-{day:02d}"
        if not 1800 <= year <= 2200:
            return None
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def extract_metadata(text: str) -> dict[str, str | None]:
    """Guess title, outlet and publication date from the top of a plain-text article.

    Only the headline line, datelines opening the first paragraphs ("DAMASCUS (North Press) – ...",
    "Moscow – December 9: ...") and labelled or standalone date lines near the top count: dates in the body do not.
    """
    out: dict[str, str | None] = {"title": None, "source": None, "published": None}
    lines = [line for line in (raw.strip() for raw in text.lstrip("\ufeff").split("\n")) if line]
    if not lines:
        return out
    first = 0
    if len(lines) > 1 and _looks_like_headline(lines[0]):
        out["title"] = lines[0]
        first = 1
        while first < len(lines) and lines[first] == lines[0]:  # some sites repeat the headline
            first += 1
    paragraphs = 0
    for line in lines[first:first + 8]:
        facts = _top_line_facts(line)
        if facts is None:
            if paragraphs >= 2:
                break
            facts = _parse_dateline(line) or {}
            if facts or len(line) > 80:
                paragraphs += 1
        for key, value in facts.items():
            if value and not out[key]:
                out[key] = value
    return out


def _top_line_facts(line: str) -> dict[str, str | None] | None:
    """Metadata of a labelled, byline or bare-date line ("Published: 9 Dec 2024", "By Jo Roe, Reuters"), else None."""
    if len(line) > 100:
        return None
    if _DATE_LINE.match(line) and len(line) <= 60:
        return {"published": _iso_date(_DATE_LINE.match(line))}
    labelled = _LABELLED_DATE.match(line)
    if labelled:
        date = _DATE_AT.match(labelled.group(1).strip())
        if date:
            return {"published": _iso_date(date)}
    labelled = _LABELLED_SOURCE.match(line)
    if labelled:
        return {"source": labelled.group(1).strip()}
    byline = _BYLINE.match(line)
    if byline and byline.group(1)[:1].isupper():
        names, outlet = byline.group(1).strip(), (byline.group(2) or "").strip()
        if not outlet and names.lower() in _WIRES:
            return {"source": names}
        if outlet[:1].isupper() and not _DATE_AT.match(outlet) and not _ROLE_WORDS & set(outlet.lower().split()):
            return {"source": outlet}
        if len(names.split()) <= 6 and not _DATE_AT.match(names):
            return {}
    return None


def _parse_dateline(line: str) -> dict[str, str | None] | None:
    """Source and date of a wire dateline opening a paragraph, e.g. "CITY, COUNTRY (Outlet) – ...", else None."""
    sep = _DATELINE_SEP.search(line, 0, 120)
    if not sep:
        return None
    prefix, rest = line[:sep.start()].strip(), line[sep.end():]
    outlet = None
    tail = _OUTLET_TAIL.search(prefix)
    if tail:
        outlet = tail.group(1).strip()
        prefix = prefix[:tail.start()].strip().rstrip(",").strip()
        if not (outlet[:1].isupper() or outlet[:1].isdigit()) or _DATE_AT.match(outlet):
            return None
    published = None
    date = _DATE_ENDING.search(prefix)
    if date:
        published = _iso_date(date)
        prefix = prefix[:date.start()].strip().rstrip(",").strip()
    else:
        date = _DATE_THEN_SEP.match(rest)
        published = _iso_date(date) if date else None
    pieces = [piece.strip() for piece in prefix.split(",")] if prefix else []
    if len(pieces) > 3 or not all(_is_place(piece) for piece in pieces):
        return None
    all_caps = any(ch.isalpha() for ch in prefix) and prefix == prefix.upper()
    wire = outlet is not None and outlet.lower() in _WIRES
    if not (all_caps or len(pieces) >= 2 or published or wire):
        return None
    if sep.group().strip() == ":" and not (all_caps or published):
        return None
    return {"source": outlet, "published": published}


def _is_place(piece: str) -> bool:
    words = piece.split()
    return 1 <= len(words) <= 4 and all(_PLACE_WORD.fullmatch(word) for word in words) and piece[:1].isupper()


def _looks_like_headline(line: str) -> bool:
    """A short line not ending like a sentence or a label, and not a dateline, byline or date."""
    if len(line) > 160 or len(line.split()) > 20 or not any(ch.isalpha() for ch in line):
        return False
    if line.rstrip("\"'”’)]»")[-1:] in (".", ":", ",", ";", ""):
        return False
    if line.lower().startswith(("http://", "https://", "www.")):
        return False
    return _top_line_facts(line) is None and _parse_dateline(line) is None

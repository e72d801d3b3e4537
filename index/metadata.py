"""What is known about an article besides its text: title, outlet, publication date, address and author.

Four places say it, in this order of precedence (``merge_metadata``): a ``metadata.jsonl`` sidecar next to the files
(``parse_sidecar``), YAML front matter at the top of a ``.md`` or ``.txt`` file (``find_front_matter``), the page's
own metadata (HTML meta tags, a JSON record's fields), and what the top of the text says (``extract_metadata``:
the headline line, bylines "By Jo Roe, Reuters", labelled lines "Published: 9 Dec 2024", bare date lines and wire
datelines "DAMASCUS (North Press) – ..."; dates in the body do not count). Pure functions of strings.
"""

from __future__ import annotations

import datetime as _dt
import json
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from index.vocab import MONTH_WORDS, NAME_PARTICLES, WEEKDAY_WORDS, alternation, month_number

__all__ = ["FIELDS", "SIDECAR_NAME", "FrontMatter", "SidecarRow", "clean_fields", "extract_metadata",
           "find_front_matter", "is_top_line", "merge_metadata", "normalize_date", "parse_sidecar"]

FIELDS = ("title", "source", "published", "url", "author")
SIDECAR_NAME = "metadata.jsonl"  # reserved: describes the files of its folder, never read as articles

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
# The last words of outlets' names: a line of a few capitalised words ending in one ("Harbour Gazette", "Meridian
# Press Agency", "Pan-Atlantic News Service") under a headline names the outlet, as a byline does.
_OUTLET_ENDS = frozenset("""news press times post herald courier gazette wire newswire report dispatch ledger chronicle
journal tribune agency service daily observer advertiser sentinel telegraph bulletin express mail standard guardian
star record mirror echo monitor weekly""".split())
_YEARLESS_ISO = re.compile(r"--(\d{2})-(\d{2})")
_ROLE_WORDS = {"writer", "reporter", "correspondent", "editor", "staff", "contributor", "columnist", "journalist",
               "chief", "senior", "producer", "analyst", "photographer"}


def normalize_date(value: object) -> str | None:
    """A date given as text ("2024-12-09T10:00Z", "December 9, 2024", "9 Dec") or epoch seconds, as ISO; else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, _dt.datetime):  # YAML reads an unquoted timestamp as one
        return value.date().isoformat() if 1800 <= value.year <= 2200 else None
    if isinstance(value, _dt.date):
        return value.isoformat() if 1800 <= value.year <= 2200 else None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return _dt.datetime.fromtimestamp(seconds, _dt.timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    yearless = _YEARLESS_ISO.fullmatch(value.strip())  # the form this function returns without a year
    if yearless:
        try:
            _dt.date(2000, int(yearless.group(1)), int(yearless.group(2)))
        except ValueError:
            return None
        return yearless.group(0)
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
    for k, line in enumerate(lines[first:first + 8]):
        facts = _top_line_facts(line)
        if facts is None and first and k == 0 and _outlet_line(line):
            facts = {"source": line}  # the line under the headline
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


def is_top_line(line: str) -> bool:
    """Whether a line is one of an article's top lines that say who, where or when rather than what: a byline,
    a labelled or bare date line, an outlet's name alone (``_outlet_line``) or a wire dateline ("SETÚBAL,
    Portugal, March 13 (Meridian News Agency) –")."""
    line = line.strip()
    return _top_line_facts(line) is not None or _outlet_line(line) or _parse_dateline(line) is not None


def _outlet_line(line: str) -> bool:
    """Whether a line is an outlet's name alone: at most five capitalised words (joined by "of", "the", "and" or
    "&"), no figure, ending in a word of outlets' names ("Continental Newswire", "The Harbour Gazette"). A headline
    in title case may be one too ("Minister Quits Over Report"), so ``extract_metadata`` takes only the line under
    the headline for the source; as a top line it only keeps a block from being read as one wrapped paragraph."""
    words = line.split()
    return 0 < len(words) <= 5 and not any(ch.isdigit() for ch in line) \
        and all(w[:1].isupper() or w in ("of", "the", "and", "&") for w in words) \
        and words[-1].lower() in _OUTLET_ENDS


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


# ------------------------------------------------------------------------------------------ declared metadata

_ALIASES = {  # the names each field goes by in front matter and in a JSON article record, preferred name first
    "title": ("title", "headline"),
    "source": ("source", "outlet", "publisher", "publication", "site_name"),
    "published": ("published", "date", "published_at", "publishedat", "publish_date", "pubdate", "datepublished"),
    "url": ("url", "link", "canonical_url", "permalink"),
    "author": ("author", "authors", "byline"),
}
_MAX_FIELD = 500
_MAX_FRONT_MATTER = 64 * 1024
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
_FRONT_OPEN = re.compile(r"---[ \t]*\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_FRONT_KEY_LINE = re.compile(r"^[A-Za-z_][\w -]{0,40}:(?:[ \t]|$)", re.M)
_SIDECAR_KEYS = ("file", "id") + FIELDS


def merge_metadata(*layers: Mapping[str, str | None]) -> dict[str, str | None]:
    """Each field from the first layer that has it: pass the layers highest precedence first
    (sidecar, front matter, page metadata, guessed from the text)."""
    out: dict[str, str | None] = dict.fromkeys(FIELDS)
    for layer in layers:
        for key in FIELDS:
            if not out[key] and layer.get(key):
                out[key] = layer[key]
    return out


def clean_fields(values: Mapping, *, aliases: bool = True) -> tuple[dict[str, str], list[str]]:
    """The metadata fields in ``values``, normalised (dates as ISO, text folded, addresses http(s) only), and a
    one-line problem for each value that was given but cannot be used. Names are case-insensitive; with
    ``aliases`` the usual other names count too ("outlet", "date", "headline", ...)."""
    lowered: dict[str, object] = {}
    for key, value in values.items():
        if isinstance(key, str):
            lowered.setdefault(key.strip().lower(), value)
    fields: dict[str, str] = {}
    problems: list[str] = []
    for name in FIELDS:
        for key in _ALIASES[name] if aliases else (name,):
            if key not in lowered or lowered[key] is None or lowered[key] == "":
                continue
            value, problem = _clean_value(name, lowered[key])
            if problem:
                problems.append(f"{key} {_shown(lowered[key])} {problem}; ignored")
            elif value:
                fields[name] = value
                break
    return fields, problems


def _clean_value(name: str, value: object) -> tuple[str | None, str | None]:
    if name == "published":
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 1e9:
            return None, "is not a date (write it as 2024-12-09)"
        date = normalize_date(value)
        return (date, None) if date else (None, "is not a date (write it as 2024-12-09)")
    if name == "author" and isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = ", ".join(v for v in value if v.strip())
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None, "is not text"
    text = " ".join(_CONTROL.sub(" ", str(value)).split())
    if len(text) > _MAX_FIELD:
        return None, f"is longer than {_MAX_FIELD} characters"
    if name == "url" and not _is_web_address(text):
        return None, "is not an http(s) address"
    return text or None, None


def _is_web_address(url: str) -> bool:
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and " " not in url


def _shown(value: object) -> str:
    text = repr(value) if isinstance(value, str) else json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


@dataclass(frozen=True)
class FrontMatter:
    """A YAML block at the top of a file: where the text after it starts, its fields, and what was wrong in it."""

    end: int
    fields: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()


def find_front_matter(raw: str, start: int = 0) -> FrontMatter | None:
    """The ``---``-delimited YAML block opening ``raw`` at ``start``, or None when the file does not open with one.

    A block that is not valid YAML, or not a mapping, still counts as front matter (it is left out of the text
    and named in ``problems``) when its lines look like ``key: value``; otherwise it is text, e.g. a rule.
    """
    opening = _FRONT_OPEN.match(raw, start)
    if not opening:
        return None
    closing = _FRONT_CLOSE.search(raw, opening.end(), min(len(raw), opening.end() + _MAX_FRONT_MATTER))
    if not closing:
        return None
    block = raw[opening.end():closing.start()]
    end = closing.end() + (1 if raw.startswith("\n", closing.end()) else 0)
    looks_like_keys = bool(_FRONT_KEY_LINE.search(block))
    import yaml

    try:
        data = yaml.load(block, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        if not looks_like_keys:
            return None
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {raw.count(chr(10), 0, opening.end()) + mark.line + 1}" if mark is not None else ""
        reason = getattr(exc, "problem", None) or type(exc).__name__
        return FrontMatter(end, problems=(f"front matter is not valid YAML ({reason}{where}); it was left out",))
    if data is None and not block.strip("\n \t"):
        return FrontMatter(end)
    if not isinstance(data, dict):  # e.g. a line of text between two rules
        return None
    fields, problems = clean_fields(data)
    return FrontMatter(end, fields, tuple(f"front matter: {p}" for p in problems))


@dataclass(frozen=True)
class SidecarRow:
    """One line of a ``metadata.jsonl``: the file it describes (relative to the sidecar's folder, POSIX form),
    the article id inside that file when it holds several (``record``; None for all of them), and the fields."""

    line: int
    file: str
    record: str | None
    fields: dict[str, str]


def parse_sidecar(text: str) -> tuple[list[SidecarRow], list[str]]:
    """The usable rows of a ``metadata.jsonl`` and a one-line problem for each row or value that was skipped.

    One JSON object a line: ``file`` (required, relative to the folder), ``id`` (an article inside a .json or
    .jsonl file), ``title``, ``source``, ``published``, ``url``, ``author``.
    """
    rows: list[SidecarRow] = []
    problems: list[str] = []
    seen: dict[tuple[str, str | None], int] = {}
    for number, line in enumerate(text.lstrip("\ufeff").split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: not valid JSON ({exc.msg} at column {exc.colno}); row skipped")
            continue
        if not isinstance(value, dict):
            problems.append(f"line {number}: not a JSON object; row skipped")
            continue
        file = _sidecar_file(value.get("file"))
        if isinstance(file, tuple):
            problems.append(f"line {number}: {file[0]}; row skipped")
            continue
        record = value.get("id")
        if record is not None and (isinstance(record, bool) or not isinstance(record, (str, int))
                                   or not str(record).strip()):
            problems.append(f"line {number}: id {_shown(record)} is not an article id; row skipped")
            continue
        record = None if record is None else str(record).strip()
        if (file, record) in seen:
            problems.append(f"line {number}: {file}{'' if record is None else f' (id {record})'} is already "
                            f"described on line {seen[file, record]}; row skipped")
            continue
        seen[file, record] = number
        unknown = [key for key in value if key not in _SIDECAR_KEYS]
        if unknown:
            problems.append(f"line {number}: unknown field{'s' if len(unknown) > 1 else ''} "
                            f"{', '.join(map(_shown, unknown))} ignored (fields: {', '.join(_SIDECAR_KEYS)})")
        fields, bad = clean_fields({k: v for k, v in value.items() if k in FIELDS}, aliases=False)
        problems.extend(f"line {number}: {p}" for p in bad)
        rows.append(SidecarRow(number, file, record, fields))
    return rows, problems


def _sidecar_file(value: object) -> str | tuple[str]:
    """The normalised relative path a row names, or (why it cannot be used,)."""
    if not isinstance(value, str) or not value.strip():
        return ('no "file" naming the article file',)
    path = posixpath.normpath(value.strip().replace("\\", "/"))
    if path.startswith("/") or re.match(r"[A-Za-z]:", path) or path == ".." or path.startswith("../"):
        return (f"file {_shown(value)} is outside this folder",)
    if path == "." or path.rsplit("/", 1)[-1].lower() == SIDECAR_NAME:
        return (f"file {_shown(value)} is not an article file",)
    return path

"""Turn article files (.txt, .md, .html, .json, .jsonl) into `SourceDoc`s that map every character back to the file.

Citations must quote the file exactly, so readers strip markup through an offset map instead of rewriting text:
`SourceDoc.raw_span` turns a span of the readable text into the span of `raw` (the file text) that holds it.
Metadata comes from, in this order: the folder's `metadata.jsonl` sidecar, YAML front matter (.md, .txt), the page's
own metadata (HTML meta tags and `htmldate`, a JSON record's fields), and what the top of the text says; the rules
are `index.metadata`'s. A problem in the metadata is a `ReadWarning`: the article is still read, without that value.
Cheap to import: YAML and htmldate are loaded when a file needs them.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from array import array
from dataclasses import dataclass, field
from html.entities import html5 as _HTML5
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from index.metadata import (FIELDS, SIDECAR_NAME, SidecarRow, clean_fields, extract_metadata, find_front_matter,
                            merge_metadata, normalize_date, parse_sidecar)

__all__ = [
    "READER_VERSION",
    "SUPPORTED_SUFFIXES",
    "MAX_FILE_BYTES",
    "SIDECAR_NAME",
    "SourceDoc",
    "ReadFailure",
    "ReadWarning",
    "iter_source_files",
    "read_file",
    "read_sources",
]

READER_VERSION = "2"
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl")
MAX_FILE_BYTES = 50 * 1024 * 1024
_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class SourceDoc:
    """One article: its readable `text`, the file text `raw` it came from, and the map between the two.

    `offsets[i]` is the index in `raw` where `text[i]` starts (`offsets[len(text)]` is just past the last char);
    `wide_ends` holds the raw end of the few chars whose source is not exactly one raw char (entities, escapes,
    inserted paragraph breaks, which are zero-width). `offsets is None` means `text == raw`.
    """

    doc_id: str
    path: str
    raw: str = field(repr=False)
    text: str = field(repr=False)
    offsets: tuple[int, ...] | None = field(repr=False)
    title: str | None = None
    source: str | None = None
    published: str | None = None
    url: str | None = None
    record: int | None = None
    content_hash: str = ""
    author: str | None = None
    wide_ends: Mapping[int, int] | None = field(default=None, repr=False, compare=False)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the span `text[start:end]` to the span of `raw` holding it, whole entities/escapes included."""
        n = len(self.text)
        if not 0 <= start <= end <= n:
            raise ValueError(f"span ({start}, {end}) is outside the text (length {n})")
        if self.offsets is None:
            return start, end
        offsets, ends = self.offsets, self.wide_ends or {}
        # Inserted paragraph breaks have no source text: do not let them pull markup into the span.
        while start < end and ends.get(start) == offsets[start]:
            start += 1
        while end > start and ends.get(end - 1) == offsets[end - 1]:
            end -= 1
        if start == end:
            return offsets[start], offsets[start]
        stop = ends.get(end - 1)
        return offsets[start], offsets[end - 1] + 1 if stop is None else stop


@dataclass(frozen=True)
class ReadFailure:
    """A file (or one record of it) that could not be read, with a one-line reason a user can act on.

    ``empty`` says the file was read and holds no article at all (no text, only markup, an empty list), so any
    article indexed from it before is no longer in it."""

    path: str
    reason: str
    empty: bool = False

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class ReadWarning:
    """Something in a file's metadata (front matter, a sidecar row, a record field) that was skipped; the articles
    themselves were read."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


# --------------------------------------------------------------------------------------------------- file discovery


def iter_source_files(paths: Iterable[str | Path]) -> Iterator[Path | ReadFailure]:
    """Expand files and folders (recursively, sorted, hidden entries and metadata sidecars skipped) into absolute
    article file paths."""
    for item in _iter_sources(paths):
        if isinstance(item, ReadFailure):
            yield item
        elif not isinstance(item, ReadWarning):
            yield item[0]


def _iter_sources(paths: Iterable[str | Path]) -> Iterator[tuple[Path, Path] | ReadFailure | ReadWarning]:
    """(article file, the folder given that holds it) for every article under ``paths``, and what was refused."""
    seen: set[str] = set()
    for given in paths:
        path = Path(os.path.abspath(os.fspath(given)))
        try:
            os.stat(path)
        except FileNotFoundError:
            yield ReadFailure(str(path), "no such file or folder")
            continue
        except OSError as exc:
            yield ReadFailure(str(path), exc.strerror or str(exc))
            continue
        if path.is_dir():
            yield from ((item, path) if isinstance(item, Path) else item
                        for item in _walk_folder(path, seen, set()))
        elif not path.is_file():
            yield ReadFailure(str(path), "not a regular file or folder")
        elif _is_sidecar(path):
            yield ReadWarning(str(path), _SIDECAR_NOT_ARTICLE)
        elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
            yield ReadFailure(str(path), _unsupported(path))
        elif _first_visit(path, seen):
            yield path, path.parent


_SIDECAR_NOT_ARTICLE = ("the metadata sidecar of its folder, not an article: it describes the articles next to it "
                        "when they are read")


def _is_sidecar(path: Path) -> bool:
    return path.name.lower() == SIDECAR_NAME


def _walk_folder(folder: Path, seen: set[str], visited_dirs: set[str]) -> Iterator[Path | ReadFailure]:
    real = os.path.realpath(folder)
    if real in visited_dirs:  # a symlink loop
        return
    visited_dirs = visited_dirs | {real}
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield ReadFailure(str(folder), exc.strerror or str(exc))
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name.lower() == SIDECAR_NAME:
            continue
        path = Path(entry.path)
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError:
            continue
        if is_dir:
            yield from _walk_folder(path, seen, visited_dirs)
        elif is_file and path.suffix.lower() in SUPPORTED_SUFFIXES and _first_visit(path, seen):
            yield path


def _first_visit(path: Path, seen: set[str]) -> bool:
    real = os.path.realpath(path)
    if real in seen:
        return False
    seen.add(real)
    return True


def _unsupported(path: Path) -> str:
    kind = f"file type {path.suffix.lower()}" if path.suffix else "file without a suffix"
    return f"unsupported {kind} (supported: {', '.join(s for s in SUPPORTED_SUFFIXES if s != '.markdown')})"


# ------------------------------------------------------------------------------------------------------- read_file


def read_sources(paths: Iterable[str | Path]) -> Iterator[SourceDoc | ReadFailure | ReadWarning]:
    """Read every article under `paths`, yielding documents, failures and metadata warnings in a deterministic order.

    A ``metadata.jsonl`` in a folder given (or in a folder below it) describes the files it names.
    """
    sidecars = _Sidecars()
    for item in _iter_sources(paths):
        if isinstance(item, (ReadFailure, ReadWarning)):
            yield item
            continue
        result = _read_path(*item, sidecars)
        if isinstance(result, ReadFailure):
            yield result
        else:
            yield from result


Entries = list[SourceDoc | ReadFailure | ReadWarning]


def read_file(path: str | Path, *, root: str | Path | None = None) -> Entries | ReadFailure:
    """Read one file into its documents; never raises for bad content.

    Returns a ReadFailure when the whole file is unusable, else a list: one SourceDoc for .txt/.md/.html, one
    entry per record for .json/.jsonl (a record without a body is a ReadFailure in that list, the others still read),
    and a ReadWarning for each metadata value that was skipped. The ``metadata.jsonl`` sidecars of the file's folder
    and of the folders above it up to ``root`` (default: the file's own folder) describe it, the nearest first.
    """
    path = Path(os.path.abspath(os.fspath(path)))
    top = Path(os.path.abspath(os.fspath(root))) if root is not None else path.parent
    return _read_path(path, top, _Sidecars())


def _read_path(path: Path, root: Path, sidecars: _Sidecars) -> Entries | ReadFailure:
    suffix = path.suffix.lower()
    if _is_sidecar(path) and path.is_file():
        return [ReadWarning(str(path), _SIDECAR_NOT_ARTICLE)]
    if suffix not in SUPPORTED_SUFFIXES or path.is_dir():
        if not os.path.exists(path):
            return ReadFailure(str(path), "no such file or folder")
        return ReadFailure(str(path), "is a folder, not a file" if path.is_dir() else _unsupported(path))
    raw = _load_text(path)
    if isinstance(raw, ReadFailure):
        return raw
    rows, notes = sidecars.rows_for(path, root)
    out: Entries = list(notes)
    declared = _Declared(path, rows, out)
    try:
        if suffix == ".txt":
            out.append(_read_txt(path, raw, declared))
        elif suffix in (".md", ".markdown"):
            out.append(_read_markdown(path, raw, declared))
        elif suffix in (".html", ".htm"):
            out.append(_read_html(path, raw, declared))
        elif suffix == ".json":
            out.extend(_read_json(path, raw, declared))
        else:
            out.extend(_read_jsonl(path, raw, declared))
        return out
    except _Unreadable as exc:
        return ReadFailure(str(path), str(exc), empty=isinstance(exc, _Empty))
    except RecursionError:
        return ReadFailure(str(path), "nested too deeply to read")
    except Exception as exc:  # a reader bug must not stop a batch ingest
        return ReadFailure(str(path), f"could not be read ({type(exc).__name__}: {exc}); please report this")


class _Unreadable(Exception):
    """The file is well-formed text but holds nothing we can index."""


class _Empty(_Unreadable):
    """The file holds no article at all."""


class _Sidecars:
    """The ``metadata.jsonl`` of each folder, read once per run; its problems are reported the first time."""

    def __init__(self) -> None:
        self._by_folder: dict[Path, dict[str, list[SidecarRow]]] = {}

    def rows_for(self, path: Path, root: Path) -> tuple[list[list[SidecarRow]], list[ReadWarning]]:
        """The rows describing ``path`` in each sidecar from its folder up to ``root``, nearest first, and the
        warnings of sidecars read for the first time."""
        found: list[list[SidecarRow]] = []
        notes: list[ReadWarning] = []
        folder = path.parent
        while True:
            rows = self._by_folder.get(folder)
            if rows is None:
                rows = self._by_folder[folder] = self._load(folder, notes)
            mine = rows.get(path.relative_to(folder).as_posix())
            if mine:
                found.append(mine)
            if folder == root or folder.parent == folder or root not in folder.parents:
                return found, notes
            folder = folder.parent

    @staticmethod
    def _load(folder: Path, notes: list[ReadWarning]) -> dict[str, list[SidecarRow]]:
        sidecar = folder / SIDECAR_NAME
        if not sidecar.is_file():
            return {}
        text = _load_text(sidecar)
        if isinstance(text, ReadFailure):
            if text.reason != "empty file":
                notes.append(ReadWarning(str(sidecar), f"{text.reason}; its metadata was not used"))
            return {}
        rows, problems = parse_sidecar(text)
        notes.extend(ReadWarning(str(sidecar), problem) for problem in problems)
        by_file: dict[str, list[SidecarRow]] = {}
        for row in rows:
            if not (folder / row.file).is_file():
                notes.append(ReadWarning(str(sidecar), f"line {row.line}: there is no file {row.file} in "
                                                       f"{folder}; row not used"))
                continue
            by_file.setdefault(row.file, []).append(row)
        return by_file


class _Declared:
    """What the sidecars say about the articles of one file, and where metadata warnings of the file go."""

    def __init__(self, path: Path, rows: list[list[SidecarRow]], notes: Entries) -> None:
        self.path = path
        self.rows = rows
        self.notes = notes

    def sidecar(self, doc_id: str) -> dict[str, str | None]:
        """The sidecar fields of article ``doc_id``: rows naming it by id before rows for the whole file."""
        layers = []
        for rows in self.rows:
            layers += [r.fields for r in rows if r.record == doc_id] + [r.fields for r in rows if r.record is None]
        return merge_metadata(*layers)

    def warn(self, problems: Iterable[str], prefix: str = "") -> None:
        self.notes.extend(ReadWarning(str(self.path), f"{prefix}{problem}") for problem in problems)


def _load_text(path: Path) -> str | ReadFailure:
    """The file text exactly as `open(path, encoding="utf-8").read()` gives it, or why it cannot be used."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return ReadFailure(str(path), f"larger than 50 MB ({size / 2**20:.0f} MB); split it into smaller files")
        data = path.read_bytes()
    except FileNotFoundError:
        return ReadFailure(str(path), "no such file or folder")
    except OSError as exc:
        return ReadFailure(str(path), exc.strerror or str(exc))
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return ReadFailure(str(path), "not valid UTF-8 (it looks like UTF-16); save it as UTF-8")
    if b"\x00" in data[:_SNIFF_BYTES]:
        return ReadFailure(str(path), "binary file, not an article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        return ReadFailure(str(path), f"not valid UTF-8 (byte 0x{byte:02x} at position {exc.start}); save it as UTF-8")
    raw = text.replace("\r\n", "\n").replace("\r", "\n")  # what universal-newlines text mode gives
    if not raw.lstrip("\ufeff").strip():
        return ReadFailure(str(path), "empty file", empty=True)
    return raw


# ------------------------------------------------------------------------------------------------ text with a map


class _TextMap:
    """Readable text being assembled char by char, with where in raw each char comes from."""

    __slots__ = ("chars", "starts", "ends")

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: dict[int, int] = {}

    def copy(self, raw: str, start: int, end: int) -> None:
        """Append raw[start:end] verbatim."""
        self.chars.extend(raw[start:end])
        self.starts.extend(range(start, end))

    def copy_as(self, chars: str, start: int) -> None:
        """Append chars that stand one for one for raw[start:start+len(chars)] (e.g. a newline shown as a space)."""
        self.chars.extend(chars)
        self.starts.extend(range(start, start + len(chars)))

    def add(self, chars: str, start: int, end: int) -> None:
        """Append chars decoded from raw[start:end] (an entity, an escape); start == end marks inserted text."""
        narrow = end == start + 1 and len(chars) == 1
        for ch in chars:
            if not narrow:
                self.ends[len(self.chars)] = end
            self.chars.append(ch)
            self.starts.append(start)

    def select(self, keep: Iterable[int]) -> _TextMap:
        out = _TextMap()
        for i in keep:
            if i in self.ends:
                out.ends[len(out.chars)] = self.ends[i]
            out.chars.append(self.chars[i])
            out.starts.append(self.starts[i])
        return out

    def strip(self) -> _TextMap:
        chars = self.chars
        first = next((i for i, ch in enumerate(chars) if not ch.isspace()), len(chars))
        last = next((i for i in range(len(chars) - 1, -1, -1) if not chars[i].isspace()), -1)
        if first == 0 and last == len(chars) - 1:
            return self
        return self.select(range(first, last + 1))

    def finish(self, raw: str) -> tuple[str, tuple[int, ...] | None, dict[int, int] | None]:
        text = "".join(self.chars)
        if text == raw and not self.ends and self.starts == list(range(len(raw))):
            return text, None, None
        if not text:
            return text, (0,), None
        last_end = self.ends.get(len(text) - 1, self.starts[-1] + 1)
        return text, tuple(self.starts) + (last_end,), dict(self.ends) or None


def _make_doc(
    path: Path,
    raw: str,
    doc_id: str,
    tmap: _TextMap | None,
    meta: Mapping[str, str | None],
    record: int | None = None,
    strip: bool = True,
) -> SourceDoc:
    if tmap is None:
        text, offsets, ends = raw, None, None
    else:
        text, offsets, ends = (tmap.strip() if strip else tmap).finish(raw)
    if not text.strip():
        raise _Empty("no readable text (only markup)")
    fields = {k: meta.get(k) for k in FIELDS}
    digest = _content_hash(str(path), doc_id, record, text, offsets, ends, fields)
    return SourceDoc(doc_id=doc_id, path=str(path), raw=raw, text=text, offsets=offsets, record=record,
                     content_hash=digest, wide_ends=ends, **fields)


def _content_hash(path, doc_id, record, text, offsets, ends, fields) -> str:
    """Everything stored with a chunk: text, its map into the file, metadata, and how it was read."""
    digest = hashlib.sha256()
    header = json.dumps([READER_VERSION, path, doc_id, record, fields], ensure_ascii=False, sort_keys=True)
    digest.update(header.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(text.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(array("q", offsets).tobytes() if offsets is not None else b"identity")
    digest.update(json.dumps(sorted((ends or {}).items())).encode())
    return digest.hexdigest()


# ------------------------------------------------------------------------------------------------------------ .txt


def _read_txt(path: Path, raw: str, declared: _Declared) -> SourceDoc:
    """Plain text keeps every char but a byte-order mark and a front matter block."""
    start = 1 if raw.startswith("\ufeff") else 0
    front = find_front_matter(raw, start)
    if front is not None:
        declared.warn(front.problems)
        start = front.end
    tmap = None
    if start:
        tmap = _TextMap()
        tmap.copy(raw, start, len(raw))
    meta = merge_metadata(declared.sidecar(path.stem), front.fields if front else {}, extract_metadata(raw[start:]))
    return _make_doc(path, raw, path.stem, tmap, meta, strip=front is not None)


# ------------------------------------------------------------------------------------------------------- markdown

_MD_FENCE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
_MD_DROP_LINE = re.compile(
    r"[ \t]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)"  # rules, setext underlines
    r"|[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S.*"  # reference link definitions
    r"|[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*"  # table header rules
    r"|[ \t]*<!--.*-->[ \t]*"  # a comment line
)
_MD_LEAD = re.compile(
    r"[ \t]*(?:(?P<h>#{1,6})(?=[ \t]|$)[ \t]*|>[ \t]?|(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)"
)
_MD_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_MD_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
_MD_CODE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_MD_LINK = re.compile(
    r"(!?\[)([^\[\]\n]*)(\]\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+(?:\"[^\"]*\"|'[^']*'))?\)|\]\[[^\[\]\n]*\])"
)
_MD_AUTOLINK = re.compile(r"(<)(?:https?|mailto|ftp):[^<>\s]+(>)")
_MD_HTML = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>")
_MD_EMPHASIS = (
    re.compile(r"(\*\*\*|\*\*|\*)(?=[^\s*])(.*?[^\s\\])\1"),
    re.compile(r"(?<![0-9A-Za-z_])(___|__|_)(?=[^\s_])(.*?[^\s\\])\1(?![0-9A-Za-z_])"),
    re.compile(r"(~~)(?=\S)(.*?\S)\1"),
)


def _read_markdown(path: Path, raw: str, declared: _Declared) -> SourceDoc:
    pos = 1 if raw.startswith("\ufeff") else 0
    front = find_front_matter(raw, pos)
    if front is not None:
        declared.warn(front.problems)
        pos = front.end
    tmap = _TextMap()
    fence: str | None = None
    heading_title: str | None = None
    seen_text = False
    while pos <= len(raw):
        end = raw.find("\n", pos)
        end = len(raw) if end < 0 else end
        line = raw[pos:end]
        fence_match = _MD_FENCE.match(line)
        if fence is not None:
            if fence_match and fence_match.group(1)[0] == fence[0] and len(fence_match.group(1)) >= len(fence):
                fence = None
            else:
                tmap.copy(raw, pos, end)
        elif fence_match:
            fence = fence_match.group(1)
        elif not _MD_DROP_LINE.fullmatch(line):
            before = len(tmap.chars)
            is_heading = _markdown_line(raw, pos, end, tmap)
            if not seen_text and len(tmap.chars) > before:
                seen_text = True
                if is_heading:
                    heading_title = " ".join("".join(tmap.chars[before:]).split()) or None
        if end < len(raw):
            tmap.copy(raw, end, end + 1)
        pos = end + 1
    text = "".join(tmap.strip().chars)
    meta = merge_metadata(declared.sidecar(path.stem), front.fields if front else {}, {"title": heading_title},
                          extract_metadata(text))
    return _make_doc(path, raw, path.stem, tmap, meta)


def _markdown_line(raw: str, start: int, end: int, tmap: _TextMap) -> bool:
    """Append one markdown line's text without its syntax; return whether it was a heading."""
    is_heading = False
    pos = start
    while True:
        match = _MD_LEAD.match(raw, pos, end)
        if not match or match.end() == pos:
            break
        pos = match.end()
        if match.group("h"):
            is_heading = True
            break
    while pos < end and raw[pos] in " \t":
        pos += 1
    stop = end
    if is_heading:
        close = _MD_ATX_CLOSE.search(raw, pos, end)
        if close:
            stop = close.start()
    while stop > pos and raw[stop - 1] in " \t":
        stop -= 1
    for p in _markdown_inline(raw, list(range(pos, stop))):
        tmap.chars.append(raw[p])
        tmap.starts.append(p)
    return is_heading


def _markdown_inline(raw: str, view: list[int]) -> list[int]:
    """Raw positions of a line's readable chars, after removing escapes, code ticks, link syntax and emphasis."""
    protected: set[int] = set()  # escaped chars and code: never markup

    def strip(pattern: re.Pattern, spans, protect=None) -> bool:
        nonlocal view
        masked = "".join("\0" if p in protected else raw[p] for p in view)
        drop: set[int] = set()
        for match in pattern.finditer(masked):
            for a, b in spans(match):
                drop.update(range(a, b))
            if protect is not None:
                protected.update(view[i] for i in range(*protect(match)))
        if drop:
            view = [p for i, p in enumerate(view) if i not in drop]
        return bool(drop)

    def opener_and_closer(match: re.Match) -> list[tuple[int, int]]:
        width = len(match.group(1))
        return [match.span(1), (match.end() - width, match.end())]

    strip(_MD_ESCAPE, lambda m: [(m.start(), m.start() + 1)], lambda m: m.span(1))
    strip(_MD_CODE, opener_and_closer, lambda m: m.span(2))
    strip(_MD_AUTOLINK, lambda m: [m.span(1), m.span(2)])
    strip(_MD_LINK, lambda m: [m.span(1), m.span(3)])
    strip(_MD_HTML, lambda m: [m.span()])
    for _ in range(3):  # nested emphasis: **bold *and italic***
        changed = [strip(pattern, opener_and_closer) for pattern in _MD_EMPHASIS]
        if not any(changed):
            break
    return view


# ----------------------------------------------------------------------------------------------------------- HTML

_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "canvas", "nav"})
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption dd details dialog div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hgroup hr html li main ol p pre section summary table tbody tfoot thead tr ul".split()
)
_CELL_TAGS = frozenset({"td", "th"})
_HEAD_TAGS = frozenset({"title", "meta", "link", "style", "script", "base", "noscript", "template"})
_VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())
_HTML_CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")  # as html.unescape
_HTML_SPACE = str.maketrans({"\n": " ", "\t": " ", "\r": " ", "\f": " ", "\v": " "})
_META_KEYS = {
    "og:title": "title", "twitter:title": "title",
    "og:site_name": "source", "application-name": "source",
    "article:published_time": "published", "date": "published", "pubdate": "published", "publishdate": "published",
    "publish-date": "published", "dc.date": "published", "dc.date.issued": "published",
    "datepublished": "published", "parsely-pub-date": "published", "sailthru.date": "published",
    "og:url": "url",
    "author": "author", "dc.creator": "author", "parsely-author": "author", "sailthru.author": "author",
}


class _HtmlEvents(HTMLParser):
    """Records every parse event with its (line, column), so text can be mapped back to the file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[int, int, str, str | None, list | None]] = []

    def _add(self, kind: str, name: str | None = None, attrs: list | None = None) -> None:
        line, col = self.getpos()
        self.events.append((line, col, kind, name, attrs))

    def handle_starttag(self, tag, attrs):
        self._add("start", tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._add("startend", tag, attrs)

    def handle_endtag(self, tag):
        self._add("end", tag)

    def handle_data(self, data):
        self._add("data", data)

    def handle_comment(self, data):
        self._add("other")

    def handle_decl(self, decl):
        self._add("other")

    def handle_pi(self, data):
        self._add("other")

    def unknown_decl(self, data):
        self._add("other")


def _read_html(path: Path, raw: str, declared: _Declared) -> SourceDoc:
    parser = _HtmlEvents()
    parser.feed(raw)
    parser.close()
    line_starts = [0]
    line_starts.extend(m.end() for m in re.finditer("\n", raw))
    positions = [line_starts[line - 1] + col for line, col, *_ in parser.events] + [len(raw)]

    tmap = _TextMap()
    meta: dict[str, str | None] = {}
    skip_tag, skip_depth, pre_depth = None, 0, 0
    in_title, title_parts = False, []
    h1_texts: list[str] = []
    h1_parts: list[str] | None = None  # the text of the <h1> being read
    for k, (_, _, kind, name, attrs) in enumerate(parser.events):
        start, stop = positions[k], positions[k + 1]
        if kind in ("start", "startend"):
            attr = {key.lower(): value or "" for key, value in attrs or ()}
            in_title = in_title and name == "title"  # a title holds no tags: an unclosed one ends here
            if skip_tag == "head" and name not in _HEAD_TAGS:  # the body started without a <body> tag
                skip_tag = None
            if name == "meta":
                _html_meta(attr, meta)
            elif name == "link" and "canonical" in attr.get("rel", "").lower() and attr.get("href"):
                meta.setdefault("url", attr["href"].strip())
            elif name == "title":
                in_title = kind == "start"
            elif skip_tag:
                if name == skip_tag and kind == "start":
                    skip_depth += 1
            elif name in _SKIP_TAGS and kind == "start":
                skip_tag, skip_depth = name, 1
            else:
                if name == "pre" and kind == "start":
                    pre_depth += 1
                if name == "h1" and kind == "start":
                    h1_parts = []
                _html_break(tmap, name, start)
        elif kind == "end":
            if name == "title":
                in_title = False
            elif skip_tag:
                if name == skip_tag:
                    skip_depth -= 1
                    skip_tag = skip_tag if skip_depth else None
            else:
                if name == "pre":
                    pre_depth = max(0, pre_depth - 1)
                if name == "h1" and h1_parts is not None:
                    h1_texts.append(" ".join("".join(h1_parts).split()))
                    h1_parts = None
                if name not in _VOID_TAGS and name not in _CELL_TAGS:
                    _html_break(tmap, name, start)
        elif kind == "data":
            if start == 0 and raw.startswith("\ufeff"):  # a byte-order mark is not text
                start, name = 1, name[1:]
            if in_title:
                title_parts.append(name)
            elif not skip_tag:
                _html_text(raw, start, stop, name, tmap, pre_depth > 0)
                if h1_parts is not None:
                    h1_parts.append(name)
    tmap = _collapse_newlines(tmap)

    site = meta.get("source")
    headlines = [t for t in h1_texts if t and len(t) <= 300 and t.lower() != (site or "").lower()]  # not a logo
    titles = headlines + [" ".join("".join(title_parts).split()), meta.get("title") or ""]
    title = next((t for t in titles if t), None)
    if title and site:
        for sep in (" | ", " - ", " – ", " — ", " :: "):
            if title.endswith(sep + site) and len(title) > len(sep + site):
                title = title[: -len(sep + site)].strip()
    meta["title"] = title
    page, _ = clean_fields(meta, aliases=False)  # a page's own odd values are dropped quietly
    page["published"] = _html_date(raw) or page.get("published")
    text = "".join(tmap.strip().chars)
    meta = merge_metadata(declared.sidecar(path.stem), page, extract_metadata(text))
    return _make_doc(path, raw, path.stem, tmap, meta)


def _html_meta(attr: dict[str, str], meta: dict[str, str | None]) -> None:
    key = (attr.get("property") or attr.get("name") or attr.get("itemprop") or "").strip().lower()
    field_name = _META_KEYS.get(key)
    content = " ".join(attr.get("content", "").split())
    if not field_name or not content or meta.get(field_name):
        return
    meta[field_name] = normalize_date(content) if field_name == "published" else content


def _html_date(raw: str) -> str | None:
    """The page's original publication date as htmldate finds it in its markup (meta tags, JSON-LD, <time>, the
    address), ignoring dates in the running text; None when the markup gives none."""
    from htmldate import find_date

    try:  # bytes: htmldate fetches a str that looks like an address, and an article file must never make it
        return find_date(raw.encode("utf-8", "surrogatepass"), extensive_search=False, original_date=True,
                         deferred_url_extractor=True, min_date="1800-01-01")
    except Exception:  # htmldate failing on odd markup loses the date from it, not the article
        return None


def _html_break(tmap: _TextMap, tag: str, at: int) -> None:
    """Block tags end a paragraph (an inserted, zero-width newline); table cells are separated by a space."""
    if tag in _BLOCK_TAGS:
        tmap.add("\n", at, at)
    elif tag in _CELL_TAGS:
        tmap.add(" ", at, at)


def _html_text(raw: str, start: int, stop: int, data: str, tmap: _TextMap, keep_newlines: bool) -> None:
    """Append a text node, decoding entities from raw[start:stop] so each char keeps its source position."""
    units = []  # (chars, raw start, raw end, verbatim)
    got = 0
    pos = start
    for match in _HTML_CHARREF.finditer(raw, start, stop):
        if got >= len(data):
            break
        if match.start() > pos:
            units.append((raw[pos:match.start()], pos, match.start(), True))
            got += match.start() - pos
        units.extend(_html_charref(match))
        got += sum(len(u[0]) for u in units[-2:] if u[1] >= match.start())
        pos = match.end()
    if got < len(data) and pos < stop:
        units.append((raw[pos:stop], pos, stop, True))
    decoded = "".join(u[0] for u in units)
    if not decoded.startswith(data):
        tmap.add(data if keep_newlines else data.translate(_HTML_SPACE), start, stop)  # parser quirk: coarse map
        return
    extra = len(decoded) - len(data)
    if extra:  # the parser silently consumed something (e.g. "</>"): trim the surplus from the last unit
        chars, a, b, verbatim = units[-1]
        units[-1] = (chars[: len(chars) - extra], a, b - extra if verbatim else b, verbatim)
    for chars, a, b, verbatim in units:
        if not keep_newlines:
            chars = chars.translate(_HTML_SPACE)
        if verbatim:
            tmap.copy_as(chars, a)
        else:
            tmap.add(chars, a, b)


def _html_charref(match: re.Match) -> list[tuple[str, int, int, bool]]:
    """Decode one character reference exactly as html.unescape does, with the raw extent of each piece."""
    name, start, end = match.group(1), match.start(), match.end()
    if name[0] == "#":
        return [(html.unescape(match.group()), start, end, False)]
    if name in _HTML5:
        return [(_HTML5[name], start, end, False)]
    for size in range(len(name) - 1, 1, -1):  # longest known prefix, e.g. "&ampx" is "&" + "x"
        if name[:size] in _HTML5:
            cut = start + 1 + size
            return [(_HTML5[name[:size]], start, cut, False), (name[size:], cut, end, True)]
    return [(match.group(), start, end, True)]


def _collapse_newlines(tmap: _TextMap) -> _TextMap:
    """Reduce each whitespace run that holds newlines to at most two newlines (a paragraph break)."""
    chars = tmap.chars
    keep: list[int] = []
    i, n = 0, len(chars)
    while i < n:
        if not chars[i].isspace():
            keep.append(i)
            i += 1
            continue
        j = i
        while j < n and chars[j].isspace():
            j += 1
        newlines = [k for k in range(i, j) if chars[k] == "\n"]
        keep.extend(newlines[:2] if newlines else range(i, j))
        i = j
    return tmap if len(keep) == n else tmap.select(keep)


# ----------------------------------------------------------------------------------------------------------- JSON

_JSON_WS = re.compile(r"[ \t\n\r]*")
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_JSON_SCALAR = re.compile(r"-?(?:Infinity|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|true|false|null|NaN")
_JSON_PLAIN = re.compile(r'[^"\\]+')
_JSON_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_BODY_KEYS = ("body", "text", "content")


class _JsonString:
    """Where a string literal starts in the raw text."""

    __slots__ = ("start",)

    def __init__(self, start: int) -> None:
        self.start = start


class _JsonArray(list):
    """Child nodes of a JSON array, with `starts` holding where each element begins."""

    starts: list[int]


def _locate_json(raw: str, pos: int):
    """Parse already-validated JSON at `pos` into a tree of positions; return (node, end)."""
    pos = _JSON_WS.match(raw, pos).end()
    ch = raw[pos]
    if ch == "{":
        node: dict = {}
        pos = _JSON_WS.match(raw, pos + 1).end()
        if raw[pos] == "}":
            return node, pos + 1
        while True:
            pos = _JSON_WS.match(raw, pos).end()
            key_match = _JSON_STRING.match(raw, pos)
            key = json.loads(key_match.group(), strict=False)
            pos = _JSON_WS.match(raw, key_match.end()).end() + 1  # past ":"
            node[key], pos = _locate_json(raw, pos)
            pos = _JSON_WS.match(raw, pos).end()
            if raw[pos] == "}":
                return node, pos + 1
            pos += 1
    if ch == "[":
        items = _JsonArray()
        items.starts = []
        pos = _JSON_WS.match(raw, pos + 1).end()
        if raw[pos] == "]":
            return items, pos + 1
        while True:
            pos = _JSON_WS.match(raw, pos).end()
            items.starts.append(pos)
            child, pos = _locate_json(raw, pos)
            items.append(child)
            pos = _JSON_WS.match(raw, pos).end()
            if raw[pos] == "]":
                return items, pos + 1
            pos += 1
    if ch == '"':
        return _JsonString(pos), _JSON_STRING.match(raw, pos).end()
    return None, _JSON_SCALAR.match(raw, pos).end()


def _decode_json_string(raw: str, start: int, tmap: _TextMap) -> None:
    """Append the decoded string literal at raw[start] with each char mapped to its (escape's) raw position."""
    pos = start + 1
    while True:
        plain = _JSON_PLAIN.match(raw, pos)
        if plain:
            tmap.copy(raw, pos, plain.end())
            pos = plain.end()
        if raw[pos] == '"':
            return
        code = raw[pos + 1]
        if code != "u":
            tmap.add(_JSON_ESCAPES[code], pos, pos + 2)
            pos += 2
            continue
        point, end = int(raw[pos + 2:pos + 6], 16), pos + 6
        if 0xD800 <= point <= 0xDBFF and raw.startswith("\\u", end):
            low = int(raw[end + 2:end + 6], 16)
            if 0xDC00 <= low <= 0xDFFF:
                point, end = 0x10000 + ((point - 0xD800) << 10) + (low - 0xDC00), end + 6
        tmap.add(chr(point), pos, end)
        pos = end


def _read_json(path: Path, raw: str, declared: _Declared) -> Entries:
    base = 1 if raw.startswith("\ufeff") else 0
    try:
        value = json.loads(raw[base:], strict=False)
    except json.JSONDecodeError as exc:
        raise _Unreadable(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    node, _ = _locate_json(raw, base)
    if isinstance(value, dict) and isinstance(value.get("articles"), list):
        value, node = value["articles"], node["articles"]
    if isinstance(value, dict):
        return [_json_record(path, raw, value, node, None, None, declared)]
    if not isinstance(value, list):
        raise _Unreadable(f"expected an article object or a list of articles, found {type(value).__name__}")
    if not value:
        raise _Empty("no articles (the list is empty)")
    return [
        _json_record(path, raw, item, child, index, raw.count("\n", 0, start) + 1, declared)
        for index, (item, child, start) in enumerate(zip(value, node, node.starts))
    ]


def _read_jsonl(path: Path, raw: str, declared: _Declared) -> Entries:
    out: Entries = []
    index = 0
    pos = 0
    for line_no, line in enumerate(raw.split("\n"), start=1):
        start, pos = pos, pos + len(line) + 1
        if line_no == 1 and line.startswith("\ufeff"):
            start, line = start + 1, line[1:]
        if not line.strip():
            continue
        try:
            value = json.loads(line, strict=False)
        except json.JSONDecodeError as exc:
            out.append(ReadFailure(str(path), f"line {line_no}: not valid JSON: {exc.msg} at column {exc.colno}"))
        else:
            node, _ = _locate_json(raw, start)
            out.append(_json_record(path, raw, value, node, index, line_no, declared))
        index += 1
    return out


def _json_record(path, raw, value, node, index: int | None, line_no: int | None,
                 declared: _Declared) -> SourceDoc | ReadFailure:
    where = "" if index is None else f"record {index} (line {line_no}): "
    if not isinstance(value, dict):
        return ReadFailure(str(path), f"{where}not an article object but a JSON {type(value).__name__}")
    key = next((k for k in _BODY_KEYS if isinstance(value.get(k), str) and value[k].strip()), None)
    if key is None:
        return ReadFailure(str(path), f"{where}no 'body' or 'text' string")
    tmap = _TextMap()
    _decode_json_string(raw, node[key].start, tmap)
    if "".join(tmap.chars) != value[key]:
        raise AssertionError(f"string map mismatch in {where or 'the object'}")
    record_id = value.get("id")
    if isinstance(record_id, (str, int)) and not isinstance(record_id, bool) and str(record_id).strip():
        doc_id = str(record_id).strip()
    else:
        doc_id = path.stem if index is None else f"{path.stem}-{index}"
    record, _ = clean_fields({k: v for k, v in value.items() if k not in _BODY_KEYS})
    meta = merge_metadata(declared.sidecar(doc_id), record, extract_metadata(value[key]))
    return _make_doc(path, raw, doc_id, tmap, meta, record=index)

"""Uploaded files into the store's upload folder: names sanitised, types and sizes checked, nothing outside."""

from __future__ import annotations

import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".json", ".jsonl")
SIDECAR_NAME = "metadata.jsonl"  # index.metadata.SIDECAR_NAME; ui reaches index only through qa
MB = 1024 * 1024
_MAX_NAME = 120


@dataclass(frozen=True)
class StoredUploads:
    """What happened to a batch of uploads: the copies to ingest and the files refused, with why."""

    saved: tuple[Path, ...]
    refused: tuple[tuple[str, str], ...]  # (name as uploaded, reason)


def safe_file_name(name: str) -> str:
    """A file name safe to create in one folder: last path component only, ASCII letters, digits, '.', '-', '_'.

    '../../etc/passwd' -> 'passwd'; 'C:\\x\\Ünïcode news!.md' -> 'Unicode_news.md'; '.bashrc' -> 'bashrc'.
    """
    base = re.split(r"[\\/]", name)[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base)
    base = re.sub(r"\.{2,}", ".", base).strip("._-")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = stem.strip("._-") or "article"
    suffix = suffix.lower()
    stem = stem[: _MAX_NAME - len(suffix) - 1]
    return f"{stem}.{suffix}" if suffix else stem


def upload_refusal(name: str, size: int, *, max_bytes: int) -> str | None:
    """Why an upload named ``name`` of ``size`` bytes cannot be added, or None if it can."""
    if safe_file_name(name).lower() == SIDECAR_NAME:
        return (f"{SIDECAR_NAME} describes the articles of a folder, it is not one: put it beside them and "
                "run `sourcewise ingest FOLDER`")
    suffix = Path(safe_file_name(name)).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kind = f"'{suffix}' files are" if suffix else "files without an extension are"
        return f"{kind} not supported; upload {', '.join(SUPPORTED_SUFFIXES)}"
    if size > max_bytes:
        return f"{size / MB:.1f} MB is over the {max_bytes / MB:g} MB limit"
    if size == 0:
        return "the file is empty"
    return None


def store_uploads(files: list[tuple[str, Path]], upload_dir: Path, *, max_bytes: int) -> StoredUploads:
    """Copy each (original name, temporary file) into ``upload_dir`` under its sanitised name.

    A file with the same sanitised name replaces the earlier upload (re-uploading an edited article
    updates it). Refused files are reported by their original name and nothing is written for them.
    """
    saved: list[Path] = []
    refused: list[tuple[str, str]] = []
    root = upload_dir.resolve()
    for name, source in files:
        reason = upload_refusal(name, source.stat().st_size, max_bytes=max_bytes)
        if reason:
            refused.append((name, reason))
            continue
        target = root / safe_file_name(name)
        if target.parent != root:  # cannot happen with a sanitised name; kept as the invariant
            refused.append((name, "the name is not usable"))
            continue
        root.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        if target not in saved:
            saved.append(target)
    return StoredUploads(tuple(saved), tuple(refused))


def owned_upload(path: str | None, upload_dir: Path) -> Path | None:
    """The article file if it is a copy inside ``upload_dir`` (safe to delete with the article), else None."""
    if not path:
        return None
    candidate = Path(path).resolve()
    return candidate if candidate.parent == upload_dir.resolve() and candidate.is_file() else None

"""Uploads land only in the upload folder, under sanitised names; wrong types and sizes are refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui.uploads import MB, SIDECAR_NAME, owned_upload, safe_file_name, store_uploads, upload_refusal


@pytest.mark.parametrize("name, safe", [
    ("article.txt", "article.txt"),
    ("../../etc/passwd", "passwd"),
    ("..\\..\\Windows\\win.ini", "win.ini"),
    ("/abs/path/news.MD", "news.md"),
    ("C:\\x\\Ünïcode news!.md", "Unicode_news.md"),
    (".bashrc", "bashrc"),
    ("..", "article"),
    ("", "article"),
    ("a b<script>.html", "a_b_script.html"),
    ("report..json", "report.json"),
    ("x" * 300 + ".jsonl", "x" * 114 + ".jsonl"),
])
def test_safe_file_name_keeps_one_plain_name(name, safe):
    assert safe_file_name(name) == safe


def test_unsupported_types_are_refused_naming_the_type():
    assert "'.exe' files are not supported" in upload_refusal("tool.exe", 10, max_bytes=MB)
    assert "without an extension" in upload_refusal("README", 10, max_bytes=MB)
    for name in ("a.txt", "a.md", "a.html", "a.json", "a.jsonl", "A.TXT"):
        assert upload_refusal(name, 10, max_bytes=MB) is None


def test_a_metadata_sidecar_is_refused_as_an_upload_with_what_to_do_instead():
    from index.metadata import SIDECAR_NAME as READERS_NAME

    assert SIDECAR_NAME == READERS_NAME
    for name in ("metadata.jsonl", "METADATA.jsonl", "../x/metadata.jsonl"):
        assert upload_refusal(name, 10, max_bytes=MB).startswith("metadata.jsonl describes the articles of a folder")
    assert upload_refusal("metadata-2024.jsonl", 10, max_bytes=MB) is None


def test_size_limit_and_empty_files_are_refused_with_the_numbers():
    assert upload_refusal("big.txt", 3 * MB, max_bytes=2 * MB) == "3.0 MB is over the 2 MB limit"
    assert upload_refusal("empty.txt", 0, max_bytes=MB) == "the file is empty"


def test_store_uploads_copies_inside_the_folder_and_reports_refusals(tmp_path):
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    good = incoming / "good.txt"
    good.write_text("Assad fled to Moscow.", encoding="utf-8")
    bad = incoming / "bad.exe"
    bad.write_bytes(b"MZ")
    big = incoming / "big.md"
    big.write_bytes(b"x" * (MB + 1))
    uploads = tmp_path / "store" / "uploads"

    stored = store_uploads([("../../escape.txt", good), ("bad.exe", bad), ("big.md", big)], uploads, max_bytes=MB)

    assert stored.saved == ((uploads / "escape.txt").resolve(),)
    assert (uploads / "escape.txt").read_text(encoding="utf-8") == "Assad fled to Moscow."
    assert [name for name, _ in stored.refused] == ["bad.exe", "big.md"]
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["bad.exe", "big.md", "escape.txt", "good.txt"]


def test_owned_upload_is_only_a_file_directly_in_the_upload_folder(tmp_path):
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    mine = uploads / "a.txt"
    mine.write_text("x", encoding="utf-8")
    seed = tmp_path / "seed.txt"
    seed.write_text("x", encoding="utf-8")
    assert owned_upload(str(mine), uploads) == mine.resolve()
    assert owned_upload(str(seed), uploads) is None
    assert owned_upload(str(uploads / ".." / "seed.txt"), uploads) is None
    assert owned_upload(None, uploads) is None
    assert owned_upload(str(uploads / "gone.txt"), uploads) is None
    assert Path(seed).exists()

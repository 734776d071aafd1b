"""File rules: names are text, types come from content, downloads never render."""

from __future__ import annotations

import pytest

from relay.core.files import (
    OCTET_STREAM,
    SIGNATURES,
    content_disposition,
    display_name,
    files_url,
    readable_size,
    sniff_type,
)
from shared_protocol.limits import PREVIEW_TYPES


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "image/png"),
        (b"\xff\xd8\xff\xe0\0\x10JFIF", "image/jpeg"),
        (b"GIF89a\x01\0\x01\0", "image/gif"),
        (b"RIFF\x24\0\0\0WEBPVP8 ", "image/webp"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'>", OCTET_STREAM),
        (b"<!doctype html><script>", OCTET_STREAM),
        (b"%PDF-1.7", OCTET_STREAM),
        (b"", OCTET_STREAM),
    ],
)
def test_the_type_comes_from_the_first_bytes(head: bytes, kind: str) -> None:
    assert sniff_type(head) == kind


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\report.pdf", "report.pdf"),
        ("报名表.xlsx", "报名表.xlsx"),
        ("evil\u202egpj.exe", "evilgpj.exe"),  # no right-to-left override tricks
        ("..", "file"),
        ("a\0b\nc.txt", "abc.txt"),
        ("x" * 300, "x" * 255),
    ],
)
def test_names_are_display_text_without_folders_or_controls(raw: str, shown: str) -> None:
    assert display_name(raw) == shown


def test_downloads_are_attachments_named_safely() -> None:
    header = content_disposition('报名 "表".html')
    assert header.startswith('attachment; filename="')
    assert "filename*=UTF-8''%E6%8A%A5%E5%90%8D%20%22%E8%A1%A8%22.html" in header
    assert header.count('"') == 2  # the quote in the name cannot end the parameter


def test_sizes_read_well_and_the_files_url_follows_the_host() -> None:
    assert [readable_size(n) for n in (512, 1536, 10 * 1024 * 1024)] == [
        "512 B",
        "1.5 KiB",
        "10 MiB",
    ]
    assert files_url("", "chat.example:8080", 8081) == "http://chat.example:8081/files"
    assert files_url("", "[::1]:8080", 8081) == "http://[::1]:8081/files"
    assert files_url("https://chat.example/files/", "x", 1) == "https://chat.example/files"


def test_every_sniffed_image_type_is_one_clients_preview() -> None:
    assert {kind for _, _, kind in SIGNATURES} == PREVIEW_TYPES

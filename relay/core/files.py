"""Pure rules for uploaded files: what a name may show, what a file really is, how it is
served. The sender's name is display text only; the type comes from the first bytes."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from relay.core.urls import read_url
from shared_protocol import limits

OCTET_STREAM = "application/octet-stream"
# Raster images the widget and the app may preview. Never SVG (it can hold script) nor
# anything a browser would render as a page.
SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"GIF87a", 0, "image/gif"),
    (b"GIF89a", 0, "image/gif"),
    (b"WEBP", 8, "image/webp"),
)
SNIFF_BYTES = 16
# Served files never run: no scripts, no plugins, no frames, a sandbox without origin.
SERVED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; img-src 'self' data:; sandbox",
    "Cache-Control": "private, max-age=3600",
    "Cross-Origin-Resource-Policy": "cross-origin",
    "Referrer-Policy": "no-referrer",
}


def sniff_type(head: bytes) -> str:
    """An image type when the first bytes say so, otherwise a download-only type."""
    for signature, offset, kind in SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            if kind == "image/webp" and not head.startswith(b"RIFF"):
                continue
            return kind
    return OCTET_STREAM


def display_name(raw: str) -> str:
    """The sender's file name, safe to show: no folders, no control characters, bounded."""
    name = re.split(r"[\\/]", raw)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    return name[: limits.MAX_FILE_NAME_CHARS] or "file"


def content_disposition(name: str) -> str:
    """Always a download, named as the sender named it (RFC 6266 / 5987)."""
    ascii_name = re.sub(r"[^A-Za-z0-9._ -]", "_", name) or "file"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def files_url(public: str, host_header: str, port: int) -> str:
    """Where clients upload and download: the configured public URL (behind a proxy), else
    the host the client reached the relay by, on the file port."""
    if public:
        return public.rstrip("/")
    parts = read_url("//" + host_header)
    host = (parts.host if parts else "") or "127.0.0.1"
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/files"


def readable_size(size: int) -> str:
    """1536 → "1.5 KiB", 10485760 → "10 MiB"."""
    for unit, scale in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} B"

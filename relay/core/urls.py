"""Reading URLs that strangers wrote: a malformed one is no URL, never an exception.

`urllib.parse.urlsplit` raises ValueError for some text ("http://[::1", "http://[zz]/"),
and `.hostname` and `.port` raise for more; a page URL, referrer, Origin or Host header
is anyone's text, so every rule reads them through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class Url:
    scheme: str
    host: str  # lower-cased, without brackets; empty when there is none
    port: int | None
    query: str


def without_password(url: str) -> str:
    """A URL to print or log (a database's, a broker's): where it points, without its
    password and query (which may hold one too), however malformed the URL is."""
    head, at, place = url.rpartition("@")
    if at:
        scheme, slashes, credentials = head.partition("//")
        if not slashes:  # "redis:/:secret@…": what is the scheme is all that is safe
            scheme = head.split(":", 1)[0] + ":"
        user = credentials.split(":", 1)[0]
        url = f"{scheme}{slashes}{user or '…'}@{place}"
    return url.split("?", 1)[0]


def read_url(text: str) -> Url | None:
    """The parts of a URL, or None when `text` is not one that can be read."""
    try:
        parts = urlsplit(text.strip())
        return Url(parts.scheme.lower(), (parts.hostname or "").lower(), parts.port, parts.query)
    except ValueError:
        return None

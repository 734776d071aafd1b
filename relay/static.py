"""Files served over plain HTTP: the widget's assets and the demo site, read once and cached."""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
    ".json": "application/json",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".mp3": "audio/mpeg",
    ".wav": "audio/wav",
}
_COMPRESSIBLE = (".js", ".css", ".html", ".svg", ".json")


@dataclass(frozen=True, slots=True)
class StaticFile:
    body: bytes
    gzipped: bytes | None
    content_type: str
    etag: str


class StaticFiles:
    """Files below one folder; a path that leaves the folder is simply not found."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._cache: dict[str, tuple[float, StaticFile]] = {}

    def get(self, relative: str) -> StaticFile | None:
        if "\\" in relative or "\0" in relative:
            return None
        path = (self.root / relative.lstrip("/")).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            return None
        mtime = path.stat().st_mtime
        cached = self._cache.get(relative)
        if cached is not None and cached[0] == mtime:
            return cached[1]
        body = path.read_bytes()
        suffix = path.suffix.lower()
        content_type = _TYPES.get(suffix) or (
            mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        )
        gzipped = gzip.compress(body, 9, mtime=0) if suffix in _COMPRESSIBLE else None
        etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
        file = StaticFile(body, gzipped, content_type, etag)
        self._cache[relative] = (mtime, file)
        return file

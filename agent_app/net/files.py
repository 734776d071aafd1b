"""Uploads and downloads for the agent app, over the relay's HTTP file port (aiohttp).
The session token goes in a header; nothing here knows Qt."""

from __future__ import annotations

import asyncio
from pathlib import Path
from urllib.parse import quote

import aiohttp
import msgspec

from shared_protocol import frames


class FileError(Exception):
    """An upload or download failed; the message says why, for the agent to read."""


class _Uploaded(msgspec.Struct):
    file: frames.Attachment


class _Refusal(msgspec.Struct):
    code: str = ""
    detail: str = ""


class FileTransfer:
    def __init__(self, files_url: str, token: str, max_bytes: int) -> None:
        self.url = files_url.rstrip("/")
        self.max_bytes = max_bytes
        self._headers = {"Authorization": f"Agent {token}"}

    async def upload(self, path: Path) -> frames.Attachment:
        body = await asyncio.to_thread(_read_at_most, path, self.max_bytes)
        headers = {**self._headers, "X-File-Name": quote(path.name, safe="")}
        try:
            async with (
                aiohttp.ClientSession() as http,
                http.post(self.url, data=body, headers=headers) as response,
            ):
                payload = await response.read()
                if response.status != 201:
                    refusal = msgspec.json.decode(payload, type=_Refusal)
                    raise FileError(refusal.detail or f"HTTP {response.status}")
        except (aiohttp.ClientError, msgspec.DecodeError) as error:
            raise FileError(f"could not upload {path.name}: {error}") from None
        return msgspec.json.decode(payload, type=_Uploaded).file

    async def download(self, file_id: str) -> bytes:
        try:
            async with (
                aiohttp.ClientSession() as http,
                http.get(
                    f"{self.url}/{quote(file_id, safe='')}", headers=self._headers
                ) as response,
            ):
                if response.status != 200:
                    raise FileError(f"the relay answered HTTP {response.status}")
                return await response.read()
        except aiohttp.ClientError as error:
            raise FileError(f"could not download: {error}") from None


def _read_at_most(path: Path, max_bytes: int) -> bytes:
    try:
        if path.stat().st_size > max_bytes:
            raise FileError(f"{path.name} is larger than the relay takes ({max_bytes:,} bytes)")
        return path.read_bytes()
    except OSError as error:
        raise FileError(f"cannot read {path.name}: {error.strerror}") from None


def save_unique(folder: Path, name: str, data: bytes) -> Path:
    """Write into `folder` as `name`, or `name (2)`… when taken; the name is the sender's
    display text, so only its last part is used."""
    base = Path(name.replace("\\", "/")).name.strip(" .") or "file"
    stem, suffix = Path(base).stem, Path(base).suffix
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(1, 1000):
        target = folder / (base if number == 1 else f"{stem} ({number}){suffix}")
        try:
            with target.open("xb") as out:  # x: never overwrite what is there
                out.write(data)
            return target
        except FileExistsError:
            continue
    raise FileError(f"too many files named {base} in {folder}")

"""File transfer over HTTP (aiohttp), beside the WebSocket port: websockets answers GET
only, and an upload is a POST.

POST /files              upload the body as one file; answers {"file": Attachment}
GET  /files/{id}         download, to the conversation's parties only
OPTIONS /files[/{id}]    CORS preflight for widgets on other origins

Both need `Authorization: Agent <session token>` or `Authorization: Visitor <token>`
with `X-Parley-Site: <site key>`. Tokens travel in headers, never in URLs. The size
limit holds while the body streams in: no more than the limit ever reaches the disk.
A file is stored under a random name; the sender's name is display text only. Downloads
are attachments with nosniff and a sandboxing CSP; only sniffed raster images keep an
image type (for previews); everything else, HTML and SVG included, is octet-stream.
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import unquote

import msgspec
from aiohttp import web

from relay.context import RelayContext
from relay.core import credentials
from relay.core.files import (
    OCTET_STREAM,
    SERVED_HEADERS,
    SNIFF_BYTES,
    content_disposition,
    display_name,
    readable_size,
    sniff_type,
)
from relay.core.ratelimit import TokenBucket
from relay.store import StoreUnavailable
from relay.store.base import Durability
from relay.store.records import StoredFile
from relay.wire import attachment
from shared_protocol import limits
from shared_protocol.errors import ErrorCode
from shared_protocol.frames import AuthorKind

log = logging.getLogger("parley.files")

CHUNK_BYTES = 64 * 1024
CORS_HEADERS = {
    # Tokens are sent as headers, not cookies, so any page may ask; the token decides.
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Authorization, X-Parley-Site, X-File-Name, Content-Type",
    "Access-Control-Max-Age": "600",
}


@dataclass(frozen=True, slots=True)
class Party:
    kind: AuthorKind
    id: int


class Refused(Exception):
    def __init__(self, status: int, code: ErrorCode, detail: str) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail = status, code, detail


def _json(status: int, body: object) -> web.Response:
    return web.Response(
        status=status, body=msgspec.json.encode(body), content_type="application/json"
    )


@web.middleware
async def _cors_and_errors(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    try:
        response = await handler(request)
    except Refused as refused:
        response = _json(refused.status, {"code": refused.code, "detail": refused.detail})
    except StoreUnavailable:
        detail = "storage failed; send again"
        response = _json(503, {"code": ErrorCode.UNAVAILABLE, "detail": detail})
    response.headers.update(CORS_HEADERS)
    return response


class FileServer:
    def __init__(self, ctx: RelayContext) -> None:
        self.ctx = ctx
        self.folder = ctx.config.files_path()
        self._durable = ctx.config.durability is Durability.FULL
        self.port = 0
        app = web.Application(middlewares=[_cors_and_errors])
        app.router.add_post("/files", self.upload)
        app.router.add_get("/files/{id}", self.download)
        app.router.add_route("OPTIONS", "/files", self.preflight)
        app.router.add_route("OPTIONS", "/files/{id}", self.preflight)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        # Uploads per sender: a flood of files must not fill the disk. Buckets of senders
        # idle long enough to be full again are dropped now and then.
        self._buckets: dict[Party, TokenBucket] = {}

    async def start(self) -> int:
        self.folder.mkdir(parents=True, exist_ok=True)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.ctx.config.host, self.ctx.config.file_port())
        try:
            await site.start()
        except BaseException:
            await self._runner.cleanup()  # its port taken: nothing of it stays behind
            raise
        self.port = int(self._runner.addresses[0][1])
        return self.port

    async def stop(self) -> None:
        await self._runner.cleanup()

    async def preflight(self, _: web.Request) -> web.Response:
        return web.Response(status=204)

    async def party(self, request: web.Request) -> Party:
        """Who asks, from the Authorization header; refused with 401 when unknown."""
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        store, token_hash = self.ctx.store, credentials.hash_token(token.strip())
        if scheme == "Agent" and token:
            session = await store.session_agent(token_hash, self.ctx.clock())
            if session is not None:
                return Party(AuthorKind.AGENT, session[0].id)
        elif scheme == "Visitor" and token:
            site = await store.get_site(request.headers.get("X-Parley-Site", ""))
            visitor = await store.visitor_by_token(site.id, token_hash) if site else None
            if visitor is not None:
                return Party(AuthorKind.VISITOR, visitor.id)
        raise Refused(401, ErrorCode.NOT_AUTHENTICATED, "a valid token is needed")

    async def upload(self, request: web.Request) -> web.Response:
        party = await self.party(request)
        self._take_upload(party)
        limit = self.ctx.config.max_file_bytes
        too_large = Refused(
            413, ErrorCode.FILE_TOO_LARGE, f"files may be at most {readable_size(limit)}"
        )
        if request.content_length is not None and request.content_length > limit:
            raise too_large
        name = display_name(unquote(request.headers.get("X-File-Name", "")))
        file_id = secrets.token_urlsafe(18)  # 144 random bits, 24 URL-safe characters
        final = self._path(file_id)
        partial = final.with_suffix(".part")
        partial.parent.mkdir(exist_ok=True)
        size, head = 0, b""
        try:
            with partial.open("wb") as out:
                async for chunk in request.content.iter_chunked(CHUNK_BYTES):
                    size += len(chunk)
                    if size > limit:
                        raise too_large
                    head = (head + chunk[:SNIFF_BYTES])[:SNIFF_BYTES]
                    await asyncio.to_thread(_write, out, chunk)
                if self._durable:  # on the disk before the message that carries it is acked
                    await asyncio.to_thread(_sync, out)
            if size == 0:
                raise Refused(400, ErrorCode.BAD_FRAME, "the file is empty")
            partial.replace(final)
            if self._durable:  # and the rename, which is the folder's
                await asyncio.to_thread(_sync_folder, final.parent)
        finally:
            partial.unlink(missing_ok=True)
        stored = StoredFile(
            id=file_id,
            name=name,
            size=size,
            content_type=sniff_type(head),
            uploader=party.kind,
            uploader_id=party.id,
            created_at=self.ctx.clock(),
        )
        try:
            await self.ctx.store.add_file(stored)
        except BaseException:
            final.unlink(missing_ok=True)
            raise
        log.info("event=file_uploaded by=%s:%d size=%d", party.kind.value, party.id, size)
        return _json(201, {"file": attachment(stored.attachment())})

    async def sweep(self) -> int:
        """Delete files nobody sent (or whose message was withdrawn) a while after upload:
        long enough for a slow sender, short enough that the disk does not fill up."""
        before = self.ctx.clock() - self.ctx.config.unsent_file_hours * 3600
        ids = await self.ctx.store.forget_unsent_files(before)
        for file_id in ids:
            self._path(file_id).unlink(missing_ok=True)
        return len(ids)

    def _take_upload(self, party: Party) -> None:
        config, now = self.ctx.config, self.ctx.clock()
        rate = config.uploads_per_minute / 60
        if len(self._buckets) > 10_000:
            refill = config.upload_burst / rate
            self._buckets = {p: b for p, b in self._buckets.items() if not b.idle_for(now, refill)}
        bucket = self._buckets.setdefault(party, TokenBucket(rate, config.upload_burst))
        wait = bucket.take(now)
        if wait:
            raise Refused(429, ErrorCode.RATE_LIMITED, f"too many files; wait {math.ceil(wait)} s")

    async def download(self, request: web.Request) -> web.StreamResponse:
        party = await self.party(request)
        file_id = request.match_info["id"]
        stored = await self.ctx.store.get_file(file_id) if file_id.isascii() else None
        if stored is None or not await self._may_read(party, stored):
            raise Refused(404, ErrorCode.NOT_FOUND, "no such file")
        path = self._path(stored.id)
        if not path.is_file():
            raise Refused(404, ErrorCode.NOT_FOUND, "the file is gone")
        kind = stored.content_type if stored.content_type in limits.PREVIEW_TYPES else OCTET_STREAM
        headers = {
            "Content-Type": kind,
            "Content-Disposition": content_disposition(stored.name),
            **SERVED_HEADERS,
        }
        return web.FileResponse(path, headers=headers)

    async def _may_read(self, party: Party, stored: StoredFile) -> bool:
        """Agents read every file; a visitor reads their own uploads and the files sent in
        their conversations (a withdrawn message no longer counts)."""
        if party.kind is AuthorKind.AGENT:
            return True
        if stored.uploader is AuthorKind.VISITOR and stored.uploader_id == party.id:
            return True
        return party.id in await self.ctx.store.file_visitors(stored.id)

    def _path(self, file_id: str) -> Path:
        # Ids are the relay's own random URL-safe names, checked again here: never a path.
        if not file_id or not all(ch.isalnum() or ch in "-_" for ch in file_id):
            raise Refused(404, ErrorCode.NOT_FOUND, "no such file")
        return self.folder / file_id[:2] / file_id


def _write(out: IO[bytes], chunk: bytes) -> None:
    out.write(chunk)


def _sync(out: IO[bytes]) -> None:
    out.flush()
    os.fsync(out.fileno())


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)

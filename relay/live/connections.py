"""One WebSocket connection as the relay's handlers see it, and its ordered outbox.

This is the only module that touches the websockets library for connections: handlers
read frames, send through the outbox and close with a code, and never see the library.
Frames are written together once per turn of the event loop; a reader that falls too far
behind is disconnected, and it reconnects and resumes from its last sequence number.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator, Mapping

from websockets.asyncio.server import ServerConnection
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.protocol import State

log = logging.getLogger("parley.live")

CLOSE_POLICY = 1008
# "Try again later": slow readers, rate_limited first frames and shut-outs; the client
# reconnects and resumes (the error frame before it says when, as retry_after).
CLOSE_TRY_AGAIN_LATER = 1013
CLOSE_SERVER_ERROR = 1011
WRITE_HIGH_WATER = 64 * 1024  # bytes buffered before writes wait for the socket to drain
RETRY_WRITE_SECONDS = 0.02

_closing: set[asyncio.Task[None]] = set()  # keeps fire-and-forget close tasks alive


class Disconnected(Exception):
    """The peer's connection is closed; nothing more can be read from it."""


class Outbox:
    """Frames for one connection, written together once per turn of the event loop.

    Writing each frame as it comes would cost one system call per frame; a busy agent
    receives hundreds per turn. The frames go through the connection's Sans-I/O protocol
    (so they are framed exactly as `send` would) and leave in a single write.
    """

    __slots__ = ("_connection", "_frames", "_limit", "_scheduled", "_text")

    def __init__(self, connection: ServerConnection, *, text: bool, limit: int) -> None:
        self._connection = connection
        self._text = text
        self._limit = limit
        self._frames: list[bytes] = []
        self._scheduled = False

    def put(self, data: bytes) -> None:
        if len(self._frames) >= self._limit:
            self._frames.clear()
            log.warning("event=slow_reader_disconnected remote=%s", self._connection.remote_address)
            task = asyncio.create_task(
                self._connection.close(CLOSE_TRY_AGAIN_LATER, "reader too slow")
            )
            _closing.add(task)
            task.add_done_callback(_closing.discard)
            return
        self._frames.append(data)
        if not self._scheduled:
            self._scheduled = True
            asyncio.get_running_loop().call_soon(self._write)

    def _write(self, *, force: bool = False) -> None:
        self._scheduled = False
        connection = self._connection
        if connection.protocol.state is not State.OPEN or connection.transport is None:
            self._frames.clear()
            return
        transport = connection.transport
        if not force and transport.get_write_buffer_size() >= WRITE_HIGH_WATER:
            # The reader is behind: try again shortly; past `limit` frames it is dropped.
            self._scheduled = True
            asyncio.get_running_loop().call_later(RETRY_WRITE_SECONDS, self._write)
            return
        frame = connection.protocol.send_text if self._text else connection.protocol.send_binary
        for data in self._frames:
            frame(data)
        self._frames.clear()
        transport.write(b"".join(connection.protocol.data_to_send()))

    async def flush(self) -> None:
        """Write everything put so far now (before the connection is closed)."""
        if self._frames:
            self._write(force=True)


class _JoinedHeaders(Mapping[str, str]):
    """A request's headers where one sent twice reads as its values joined (RFC 9110
    5.3), never as the library's MultipleValuesError: a second Origin or Host is anyone's
    to send. A view, not a copy: a connection's memory is the relay's scale."""

    __slots__ = ("_headers",)

    def __init__(self, headers: Headers) -> None:
        self._headers = headers

    def __getitem__(self, name: str) -> str:
        values = self._headers.get_all(name)
        if not values:
            raise KeyError(name)
        return ", ".join(values)

    def __iter__(self) -> Iterator[str]:
        return iter(self._headers)

    def __len__(self) -> int:
        return len(self._headers)


class Connection:
    """A client's WebSocket as handlers use it: its request, frames in, an outbox out."""

    def __init__(self, websocket: ServerConnection, *, text: bool, outbox_limit: int) -> None:
        self._websocket = websocket
        self.outbox = Outbox(websocket, text=text, limit=outbox_limit)
        request = websocket.request
        self.headers: Mapping[str, str] = _JoinedHeaders(request.headers if request else Headers())
        remote = websocket.remote_address
        self.remote_ip = str(remote[0]) if remote else ""

    async def receive(self) -> str | bytes:
        """The next frame; Disconnected once the connection is closed."""
        try:
            return await self._websocket.recv()
        except ConnectionClosed:
            raise Disconnected from None

    async def close(self, code: int, reason: str) -> None:
        """Flush the outbox and close. Frames the peer sends meanwhile are read and dropped:
        unread, they would stall the closing handshake (flow control)."""
        await self.outbox.flush()
        closing = asyncio.create_task(self._websocket.close(code, reason))
        with contextlib.suppress(ConnectionClosed, TimeoutError):
            async with asyncio.timeout(self._websocket.close_timeout or 10):
                while True:
                    await self._websocket.recv(decode=False)
        await closing

    async def close_at_once(self, code: int, reason: str) -> None:
        """Close without reading what the peer still sends (it is not ours to wait for)."""
        await self.outbox.flush()
        await self._websocket.close(code, reason)

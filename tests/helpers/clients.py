"""Raw protocol clients for tests and benchmarks: a visitor (JSON) and an agent (MessagePack).

They speak the wire protocol directly, as any third-party client would, and keep every
frame they receive so tests can wait for the one they expect.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from websockets.asyncio.client import ClientConnection, connect

from shared_protocol import PROTOCOL_VERSION, codec, frames, limits

F = TypeVar("F", bound=frames.Frame)

DEFAULT_TIMEOUT = 10.0


class ConnectionLost(AssertionError):
    """The relay closed the connection (or died) while a frame was awaited."""


def new_id() -> str:
    return uuid.uuid4().hex


class RawClient:
    """Frames in, frames out; `expect` waits for the next frame of a kind (others are kept)."""

    def __init__(self, ws: ClientConnection, decode: Callable[[bytes], Any]) -> None:
        self.ws = ws
        self._decode = decode
        self.received: list[frames.Frame] = []
        self._cursor = 0
        self._arrived = asyncio.Event()
        self._reader = asyncio.create_task(self._read())
        self.closed = asyncio.Event()
        self.failure: Exception | None = None

    async def _read(self) -> None:
        try:
            async for data in self.ws:
                self.received.append(
                    self._decode(data if isinstance(data, bytes) else data.encode())
                )
                self._arrived.set()
        except Exception as error:  # kept for the assertion message of expect()
            self.failure = error
        finally:
            self.closed.set()
            self._arrived.set()

    async def expect(self, kind: type[F], within: float = DEFAULT_TIMEOUT) -> F:
        """The first not-yet-taken frame of `kind`; earlier frames of other kinds stay."""
        async with asyncio.timeout(within):
            while True:
                for index in range(self._cursor, len(self.received)):
                    frame = self.received[index]
                    if isinstance(frame, kind):
                        self.received.pop(index)
                        return frame
                if self.closed.is_set():
                    raise ConnectionLost(
                        f"connection closed ({self.ws.close_code} {self.ws.close_reason}) "
                        f"while waiting for {kind.__name__}; got {self.received}; "
                        f"reader failure: {self.failure!r}"
                    )
                self._arrived.clear()
                await self._arrived.wait()

    def take_all(self, kind: type[F]) -> list[F]:
        taken = [f for f in self.received if isinstance(f, kind)]
        self.received = [f for f in self.received if not isinstance(f, kind)]
        return taken

    async def close(self) -> None:
        await self.ws.close()
        self._reader.cancel()


class VisitorClient(RawClient):
    @classmethod
    async def connect(
        cls,
        url: str,
        *,
        site: str = "demo",
        origin: str | None = None,
        token: str | None = None,
        resume: list[frames.ResumePoint] | None = None,
        page: frames.PageInfo | None = None,
        hello: bool = True,
        headers: dict[str, str] | None = None,
        epoch: str = "",
    ) -> VisitorClient:
        ws = await connect(
            f"{url}/ws/visitor",
            origin=origin or url.replace("ws://", "http://"),  # type: ignore[arg-type]
            additional_headers=headers,
            compression=None,
            max_size=limits.MAX_RELAY_FRAME_BYTES,
        )
        client = cls(ws, codec.visitor_client_side.decode)
        if hello:
            await client.send(
                frames.Hello(
                    v=PROTOCOL_VERSION,
                    site=site,
                    token=token,
                    resume=resume or [],
                    page=page,
                    epoch=epoch,
                )
            )
        return client

    async def send(self, frame: frames.Frame) -> None:
        await self.ws.send(codec.visitor_relay_side.encode(frame).decode())

    async def say(self, text: str, message_id: str | None = None) -> frames.Ack:
        await self.send(frames.VisitorSend(id=message_id or new_id(), text=text))
        return await self.expect(frames.Ack)


class AgentClient(RawClient):
    """An agent; visitor changes come in batches (`visitors` frames), read one at a time."""

    _changed: list[frames.VisitorInfo]
    _gone: list[int]

    async def expect_visitor(
        self,
        check: Callable[[frames.VisitorInfo], bool] = lambda _: True,
        within: float = DEFAULT_TIMEOUT,
    ) -> frames.VisitorInfo:
        """The first reported visitor change that passes `check` (earlier ones are dropped)."""
        async with asyncio.timeout(within):
            while True:
                while self._changed:
                    info = self._changed.pop(0)
                    if check(info):
                        return info
                batch = await self.expect(frames.VisitorsChanged)
                self._changed += batch.updated
                self._gone += batch.left

    async def expect_gone(self, visitor_id: int, within: float = DEFAULT_TIMEOUT) -> None:
        async with asyncio.timeout(within):
            while visitor_id not in self._gone:
                batch = await self.expect(frames.VisitorsChanged)
                self._changed += batch.updated
                self._gone += batch.left

    @classmethod
    async def connect(
        cls,
        url: str,
        *,
        user: str = "",
        password: str = "",
        token: str | None = None,
        resume: list[frames.ResumePoint] | None = None,
        epoch: str = "",
    ) -> AgentClient:
        ws = await connect(
            f"{url}/ws/agent", compression=None, max_size=limits.MAX_RELAY_FRAME_BYTES
        )
        client = cls(ws, codec.agent_client_side.decode)
        client._changed, client._gone = [], []
        await client.send(
            frames.Login(
                v=PROTOCOL_VERSION,
                user=user,
                password=password,
                token=token,
                resume=resume or [],
                epoch=epoch,
            )
        )
        return client

    async def send(self, frame: frames.Frame) -> None:
        await self.ws.send(codec.agent_relay_side.encode(frame))

    async def say(self, conversation: int, text: str, message_id: str | None = None) -> frames.Ack:
        await self.send(
            frames.AgentSend(id=message_id or new_id(), conversation=conversation, text=text)
        )
        return await self.expect(frames.Ack)

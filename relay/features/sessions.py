"""The life of one connection: the first frame proves who is there, then every later
frame is rate limited, decoded and dispatched to its feature's handler.

A refused frame gets a typed `error` frame and the connection carries on; fatal refusals
and repeated abuse close it with 1008. A frame that meets a relay bug is refused as
`internal` and counts like any other refusal, so that nobody can make the relay fail, and
log it, without end. Frame rates are kept per sender across its connections
(relay.guards): a frame over the rate is refused with `rate_limited`, which is not abuse;
a sender that keeps sending while told to wait is shut out, and its connections close
with 1013. Before any close, the acks of messages already accepted are sent.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, ClassVar, Generic, TypeVar

from relay import failures as failure_logs
from relay.context import RelayContext
from relay.core.origins import client_ip
from relay.core.ratelimit import AbuseMeter, Allowance, Refusal, admit
from relay.failures import failure_frame
from relay.features.peers import Peer
from relay.live.connections import (
    CLOSE_POLICY,
    CLOSE_SERVER_ERROR,
    CLOSE_TRY_AGAIN_LATER,
    Connection,
    Disconnected,
)
from relay.store import StoreUnavailable
from shared_protocol import codec, frames
from shared_protocol.errors import ErrorCode, ProtocolError

log = logging.getLogger("parley.endpoints")

# How long a closing connection waits for the commits of messages it accepted, so that
# their acks go out before the close: a client told 1008 does not come back to resend.
ACK_DRAIN_SECONDS = 10.0

P = TypeVar("P", bound=Peer)
Handler = Callable[[P, Any], Awaitable[None]]


class SessionEnded(Exception):
    """The relay closed this connection; its read loop stops."""


def message_id(frame: object) -> str | None:
    """The client-made id of a message frame, which error frames refer to."""
    found = getattr(frame, "id", None)
    return found if isinstance(found, str) else None


class Session(Generic[P]):
    """Serves one connection; subclasses say how the first frame authenticates, which
    allowances frames spend, and which handler takes each frame type."""

    codec: ClassVar[codec.Codec[Any]]
    handlers: ClassVar[Mapping[type, Handler[Any]]]
    first_frame_type: ClassVar[type]  # hello or login: once, and first
    first_frame_name: ClassVar[str]

    def __init__(self, ctx: RelayContext, connection: Connection) -> None:
        self.ctx = ctx
        self.connection = connection
        self.peer: P | None = None  # set once the first frame proved who is there
        self.abuse = AbuseMeter(limit=ctx.config.abuse_strikes, window=60.0)
        # The peer's real address: behind a trusted proxy, from X-Forwarded-For.
        self.address = client_ip(
            connection.remote_ip,
            connection.headers.get("X-Forwarded-For"),
            ctx.config.trusted_proxies,
        )
        # The end of the latest wait this connection was told of (rate_limited): frames
        # refused before then are dropped without another error.
        self.told_until = -math.inf

    # ------------------------------------------------------------ what subclasses say

    async def begin(self, frame: object) -> P:
        """Authenticate from the first frame and register the connection; raises on
        refusal. The peer is online from the moment this returns."""
        raise NotImplementedError

    async def leave(self, peer: P) -> None:
        """Unregister the connection."""
        raise NotImplementedError

    def allowances(self, peer: P, now: float) -> list[Allowance]:
        """The allowances this peer's frames spend (its sender's, across connections),
        in the order `senders` names them."""
        raise NotImplementedError

    def senders(self, peer: P) -> list[str]:
        """Who each of allowances() stands for, for the log."""
        raise NotImplementedError

    # ------------------------------------------------------------ the connection's life

    async def serve(self) -> None:
        """The whole life of the connection: the first frame, then every later one."""
        try:
            await self.start()
            if self.peer is not None:
                await self.read_loop(self.peer)
        except (SessionEnded, Disconnected):
            pass
        finally:
            if self.peer is not None:
                await self.leave(self.peer)

    async def start(self) -> None:
        """Read the first frame and begin the session; SessionEnded when it does not."""
        frame: object = None
        try:
            frame = await self.first_frame()
            self.peer = await self.begin(frame)
        except ProtocolError as error:  # without a valid first frame there is no session
            await self.refuse(error, close=True)
        except StoreUnavailable:
            await self.connection.close_at_once(CLOSE_SERVER_ERROR, "storage unavailable")
            raise SessionEnded("storage unavailable") from None
        except (Disconnected, SessionEnded):
            raise
        except Exception as error:  # a relay bug: no session, and no traceback per peer
            await self.refuse(self.internal_error(error, frame), close=True)

    async def first_frame(self) -> object:
        try:
            async with asyncio.timeout(self.ctx.config.hello_timeout_seconds):
                data = await self.connection.receive()
        except TimeoutError:
            raise ProtocolError(ErrorCode.TIMEOUT, "no hello in time") from None
        return self.codec.decode(self.payload(data))

    def payload(self, data: str | bytes) -> bytes:
        """The bytes of a frame of the kind this endpoint takes (§1): text frames on
        /ws/visitor, binary ones on /ws/agent; BAD_FRAME for the other kind."""
        if self.codec.binary:
            if isinstance(data, str):
                raise ProtocolError(ErrorCode.BAD_FRAME, "this endpoint takes binary frames")
            return data
        if not isinstance(data, str):
            raise ProtocolError(ErrorCode.BAD_FRAME, "this endpoint takes text frames")
        return data.encode()

    async def read_loop(self, peer: P) -> None:
        while True:
            data = await self.connection.receive()
            now = self.ctx.clock()
            refusal = admit(self.allowances(peer, now), now)
            if refusal is not None:
                await self.rate_limited(refusal, now, self.senders(peer))
                continue
            frame: object = None
            try:
                frame = self.codec.decode(self.payload(data))
                await self.dispatch(peer, frame)
            except ProtocolError as error:
                if error.ref is None:
                    error.ref = message_id(frame)
                await self.refuse(error)
            except StoreUnavailable as error:  # the environment's fault, not the peer's
                self.send(failure_frame(error, message_id(frame)))
            except Disconnected:
                return
            except Exception as error:  # a relay bug: say so, and count it as a refusal
                await self.refuse(self.internal_error(error, frame))

    async def dispatch(self, peer: P, frame: object) -> None:
        handler = self.handlers.get(type(frame))
        if handler is not None:
            await handler(peer, frame)
        elif isinstance(frame, self.first_frame_type):
            raise ProtocolError(ErrorCode.BAD_FRAME, f"{self.first_frame_name} was sent already")
        else:
            raise ProtocolError(ErrorCode.UNKNOWN_TYPE, "not a frame of this endpoint")

    def internal_error(self, error: Exception, frame: object) -> ProtocolError:
        """The refusal of a frame that met a relay bug, which is logged (throttled)."""
        failure_logs.failures.record(error, type(frame).__name__, self.ctx.clock())
        return ProtocolError(ErrorCode.INTERNAL, "relay error", ref=message_id(frame))

    # ------------------------------------------------------------ refusing and closing

    def send(self, frame: frames.Frame) -> None:
        self.connection.outbox.put(self.codec.encode(frame))

    async def refuse(self, error: ProtocolError, *, close: bool = False) -> None:
        """Tell the peer why its frame was refused; close and raise SessionEnded when asked
        to, when the refusal is fatal, or when the peer has been refused too often."""
        self.send(
            frames.Error(
                code=error.code, detail=error.detail, ref=error.ref, retry_after=error.retry_after
            )
        )
        if close or error.fatal:
            reason = error.code.value
        elif self.abuse.strike(self.ctx.clock()):
            sender = self.senders(self.peer)[0] if self.peer is not None else "unknown"
            log.warning("event=abusive_peer_closed sender=%s address=%s", sender, self.address)
            reason = "too many refused frames"
        else:
            return
        # A rate_limited first frame (a throttled login, a sender in a wait or shut out)
        # may come back after retry_after; other refusals would be refused again.
        limited = error.code is ErrorCode.RATE_LIMITED
        await self.close(CLOSE_TRY_AGAIN_LATER if limited else CLOSE_POLICY, reason)
        raise SessionEnded(reason)

    async def rate_limited(
        self, refusal: Refusal, now: float, senders: list[str], *, first: bool = False
    ) -> None:
        """Refuse a frame for its rate (§5.8). The connection is told once per wait, with
        the seconds until the wait is over; frames refused before then are dropped without
        another word, since the client knows to resend what has no ack after retry_after.
        A shut-out, or a refused first frame, ends the connection: try again later."""
        retry_after = round(max(0.0, refusal.until - now), 3)
        if refusal.shut_out:
            if refusal.began:
                log.warning(
                    "event=sender_shut_out sender=%s address=%s seconds=%d",
                    senders[refusal.by],
                    self.address,
                    math.ceil(retry_after),
                )
            detail = f"shut out for {math.ceil(retry_after)} s: kept sending while told to wait"
        elif first:
            detail = f"sending too fast; connect again in {retry_after:g} s"
        elif refusal.until > self.told_until:
            self.told_until = refusal.until
            detail = f"sending too fast; wait {retry_after:g} s, then resend what has no ack"
            self.send(
                frames.Error(code=ErrorCode.RATE_LIMITED, detail=detail, retry_after=retry_after)
            )
            return
        else:
            return  # told of this wait already: dropped
        refusal_error = ProtocolError(ErrorCode.RATE_LIMITED, detail, retry_after=retry_after)
        await self.refuse(refusal_error, close=True)

    async def admit_first(self, allowances: list[Allowance], senders: list[str]) -> None:
        """Count the first frame against `allowances` (who they stand for: `senders`);
        refuse it, and close, when it is over one of them."""
        now = self.ctx.clock()
        refusal = admit(allowances, now)
        if refusal is not None:
            await self.rate_limited(refusal, now, senders, first=True)

    async def close(self, code: int, reason: str) -> None:
        """Send the acks of the messages accepted so far (their commits are awaited) and
        flush what else we owe the peer, then close."""
        in_flight = self.peer.in_flight if self.peer is not None else set()
        if in_flight:
            await asyncio.wait(set(in_flight), timeout=ACK_DRAIN_SECONDS)
            await asyncio.sleep(0)  # the acks are put by the commits' done callbacks
        await self.connection.close(code, reason)

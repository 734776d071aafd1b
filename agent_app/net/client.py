"""The agent app's connection to the relay, without Qt: log in, resume, reconnect, resend.

The client keeps one connection open for as long as it runs. After a network loss or a
sleep it reconnects with exponential backoff and jitter, logs in again with the session
token, resumes every conversation from the sequence numbers the caller knows, and
resends replies that were never acknowledged (same ids, so the relay stores them once).
A login the relay refuses for now (`rate_limited`: failed logins, a busy relay, a
shut-out; protocol §4.2, §8) is tried again only once its `retry_after` has passed: the
state is then WAITING, and `wait` says for how long.
Whoever owns the client hears about everything through a `ClientListener`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from agent_app.net.session import AgentSession
from shared_protocol import codec, frames, limits
from shared_protocol.errors import ErrorCode, ProtocolError

log = logging.getLogger("parley.agent.client")
SEND_BURST, SEND_PER_SECOND = 150, 40  # under the relay's defaults: 200 and 50


class ConnectionState(Enum):
    CONNECTING = "connecting"
    ONLINE = "online"
    OFFLINE = "offline"  # lost; trying again soon
    WAITING = "waiting"  # the relay refused the login for now; trying again after `wait`
    AUTH_FAILED = "auth_failed"  # the relay refused the login; a new one is needed
    STOPPED = "stopped"


class ClientListener(Protocol):
    def connection_changed(self, state: ConnectionState, detail: str) -> None: ...
    def frame_received(self, frame: frames.Frame) -> None: ...


@dataclass
class Login:
    user: str = ""
    password: str = ""
    token: str | None = None


@dataclass(frozen=True)
class LoginWait:
    """The relay refused a login for now (`rate_limited`) and asked to wait `seconds`
    (its `retry_after`); nothing is tried before `until` (time.monotonic())."""

    seconds: float
    until: float

    def left(self, now: float | None = None) -> float:
        """Seconds until the wait is over (0 once it is)."""
        return max(0.0, self.until - (time.monotonic() if now is None else now))


def agent_endpoint(relay_url: str) -> str:
    """`http://host:8080` or `wss://host` → the agent WebSocket URL."""
    url = relay_url.strip().rstrip("/")
    if url.startswith("http://"):
        url = "ws://" + url.removeprefix("http://")
    elif url.startswith("https://"):
        url = "wss://" + url.removeprefix("https://")
    elif not url.startswith(("ws://", "wss://")):
        url = "ws://" + url
    return url if url.endswith("/ws/agent") else url + "/ws/agent"


def backoff_delay(attempt: int, *, first: float = 1.0, cap: float = 30.0) -> float:
    """Seconds before reconnect `attempt` (0-based): doubling, capped, ±50 % jitter."""
    base: float = min(cap, first * 2.0**attempt)
    return base / 2 + random.random() * base


class RelayClient:
    def __init__(
        self,
        relay_url: str,
        listener: ClientListener,
        *,
        session: AgentSession | None = None,
        status: frames.AgentStatus = frames.AgentStatus.ONLINE,
    ) -> None:
        self.url = agent_endpoint(relay_url)
        self.listener = listener
        self.session = session or AgentSession()
        self.status = status
        self._ws: ClientConnection | None = None
        self._limited: ProtocolError | None = None  # the last rate_limited while connected
        self._stopping = False
        self._wake = asyncio.Event()
        self.wait: LoginWait | None = None  # while WAITING: the wait the relay asked for

    @property
    def online(self) -> bool:
        return self._ws is not None

    # ------------------------------------------------------------ running

    async def run(self, login: Login) -> None:
        """Stay connected until stop() or until the relay refuses the login."""
        attempt = 0
        while not self._stopping:
            self.wait, self._limited = None, None
            self._state(ConnectionState.CONNECTING, self.url)
            asked_to_wait: ProtocolError | None = None
            try:
                async with connect(
                    self.url,
                    compression=None,
                    max_size=limits.MAX_RELAY_FRAME_BYTES,
                    open_timeout=10,
                ) as ws:
                    welcome = await self._log_in(ws, login)
                    login = Login(user=login.user, token=welcome.token)  # forget the password
                    attempt = 0
                    await self._serve(ws, welcome)
            except ProtocolError as refused:
                if refused.code in (ErrorCode.AUTH_FAILED, ErrorCode.SESSION_REVOKED):
                    self._state(ConnectionState.AUTH_FAILED, refused.detail)
                    return
                if refused.code is ErrorCode.RATE_LIMITED:
                    asked_to_wait = refused
                log.warning(
                    "event=refused code=%s retry_after=%s", refused.code, refused.retry_after
                )
            except (OSError, TimeoutError, ConnectionClosed, InvalidHandshake) as error:
                log.info("event=connection_lost error=%r", error)
                asked_to_wait = self._closed_for_rate(error)
            except InvalidURI as error:
                self._state(ConnectionState.AUTH_FAILED, f"not a relay address: {error}")
                return
            finally:
                self._ws = None
            if self._stopping:
                break
            if asked_to_wait is not None:
                await self._wait_as_asked(asked_to_wait)
                continue
            delay = backoff_delay(attempt)
            attempt += 1
            self._state(ConnectionState.OFFLINE, f"retrying in {delay:.0f} s")
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), delay)
        self.wait = None
        self._state(ConnectionState.STOPPED, "")

    async def _wait_as_asked(self, refused: ProtocolError) -> None:
        """A login refused with `rate_limited`: nothing goes to the relay before its
        `retry_after` has passed (§8), not even on reconnect_now(); only stop() ends the
        wait early. A second of jitter keeps agents waiting together from coming back at
        the same instant (a relay busy checking passwords says 1 s to all of them)."""
        seconds = max(0.0, refused.retry_after or 0.0)
        self.wait = LoginWait(seconds, time.monotonic() + seconds)
        retry_at = self.wait.until + random.random()
        self._state(ConnectionState.WAITING, refused.detail)
        while not self._stopping and time.monotonic() < retry_at:
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), retry_at - time.monotonic())

    def _closed_for_rate(self, error: BaseException) -> ProtocolError | None:
        """A shut-out: the relay said `rate_limited` and closed with 1013 (reason
        "rate_limited"); its wait holds for the next login too (§8)."""
        limited, self._limited = self._limited, None
        received = error.rcvd if isinstance(error, ConnectionClosed) else None
        if limited is None or received is None:
            return None
        return limited if (received.code, received.reason) == (1013, "rate_limited") else None

    async def _log_in(self, ws: ClientConnection, login: Login) -> frames.LoginOk:
        login_frame = self.session.login(login.user, login.password, login.token, self.status)
        await ws.send(codec.agent_relay_side.encode(login_frame))
        async with asyncio.timeout(15):
            first = codec.agent_client_side.decode(await ws.recv(decode=False))
        if isinstance(first, frames.Error):
            raise ProtocolError(first.code, first.detail, retry_after=first.retry_after)
        if not isinstance(first, frames.LoginOk):
            unexpected = type(first).__name__
            raise ProtocolError(ErrorCode.BAD_FRAME, f"expected welcome, got {unexpected}")
        return first

    async def _serve(self, ws: ClientConnection, welcome: frames.LoginOk) -> None:
        self._ws = ws
        self._state(ConnectionState.ONLINE, welcome.agent.display_name)
        # Transcripts to fetch and unsent replies, paced: the read loop starts meanwhile.
        sending = asyncio.create_task(self._send_paced(ws, self.session.welcomed(welcome)))
        self.listener.frame_received(welcome)
        try:
            await self._read(ws)
        finally:
            sending.cancel()

    async def _send_paced(self, ws: ClientConnection, to_send: list[frames.Frame]) -> None:
        """Within the relay's default frame limit (bursts of 200, then 50 a second): past
        it the relay refuses frames and, after 30 refusals in a minute, disconnects."""
        words = (frames.AgentSend, frames.Note)
        replies = [f for f in to_send if isinstance(f, words)]
        others = [f for f in to_send if not isinstance(f, words)]
        for sent, frame in enumerate([*replies, *others]):  # the agent's words first
            if sent >= SEND_BURST:
                await asyncio.sleep(1 / SEND_PER_SECOND)
            await ws.send(codec.agent_relay_side.encode(frame))

    async def _read(self, ws: ClientConnection) -> None:
        async for data in ws:
            try:
                frame = codec.agent_client_side.decode(data)
            except ProtocolError as error:
                log.warning("event=bad_frame_from_relay code=%s", error.code)
                continue
            if isinstance(frame, frames.Ack):
                self.session.acknowledged(frame)  # stored: out of the outbox, into the record
            if isinstance(frame, frames.Error) and frame.code == ErrorCode.SESSION_REVOKED:
                raise ProtocolError(frame.code, frame.detail)
            if isinstance(frame, frames.Error) and frame.code == ErrorCode.RATE_LIMITED:
                self._limited = ProtocolError(
                    frame.code, frame.detail, retry_after=frame.retry_after
                )
            self.listener.frame_received(frame)

    def _state(self, state: ConnectionState, detail: str) -> None:
        self.listener.connection_changed(state, detail)

    # ------------------------------------------------------------ sending

    def reply(
        self,
        conversation: int,
        text: str,
        *,
        reply_to: int | None = None,
        file: frames.Attachment | None = None,
    ) -> frames.AgentSend:
        """Write a reply; it goes out now if connected, else after reconnecting."""
        message = self.session.write(conversation, text, reply_to=reply_to, file=file)
        self.send(message)
        return message

    def retry(self, message_id: str) -> None:
        message = self.session.reply(message_id)
        if message is not None:
            self.send(message)

    def send(self, frame: frames.Frame) -> bool:
        """Send now if connected; ephemeral frames are simply dropped when not."""
        ws = self._ws
        if ws is None:
            return False
        task = asyncio.ensure_future(ws.send(codec.agent_relay_side.encode(frame)))
        task.add_done_callback(_ignore_closed)
        return True

    def set_status(self, status: frames.AgentStatus) -> None:
        self.status = status
        self.send(frames.SetStatus(status=status))

    def reconnect_now(self) -> None:
        """Skip the backoff wait (the network came back, the machine woke up); a wait the
        relay asked for (WAITING) is kept."""
        self._wake.set()

    async def logout(self) -> None:
        if self._ws is not None:
            await self._ws.send(codec.agent_relay_side.encode(frames.Logout()))
        await self.stop()

    async def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        if self._ws is not None:
            await self._ws.close()


def _ignore_closed(task: asyncio.Future[None]) -> None:
    if not task.cancelled() and isinstance(task.exception(), ConnectionClosed):
        return  # the connection dropped; the session's outbox resends after reconnecting
    if not task.cancelled() and task.exception() is not None:
        log.error("event=send_failed error=%r", task.exception())

"""Per-connection handlers for /ws/visitor and /ws/agent: decode → decide → effects.

Each connection is served by one task that reads frames in order. A refused frame gets a
typed `error` frame and the connection carries on; fatal refusals and repeated abuse
close it with 1008. A frame that meets a relay bug is refused as `internal` and counts
like any other refusal, so that nobody can make the relay fail, and log it, without end.
Frame rates are kept per sender across its connections (relay.guards): a frame over the
rate is refused with `rate_limited`, which is not abuse; a sender that keeps sending
while told to wait is shut out, and its connections close with 1013. Before any close,
the acks of messages already accepted are sent. Password logins are throttled and their
hashes checked off the event loop. The author of everything a connection sends is the
identity it proved in its first frame, never a field of a later frame.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import msgspec
from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from relay.attachments import sendable_file
from relay.config import RelayConfig
from relay.core import credentials
from relay.core.contact import check_email, check_phone
from relay.core.device import describe_device
from relay.core.files import files_url
from relay.core.geo import Locator
from relay.core.logins import Throttled
from relay.core.origins import client_ip, origin_allowed
from relay.core.ratelimit import AbuseMeter, Allowance, Refusal, admit
from relay.core.referrer import Arrival, Source, classify
from relay.core.resends import is_resend
from relay.core.visits import continued_view
from relay.guards import Guards
from relay.hub import (
    CLOSE_TOO_SLOW,
    AgentLink,
    Hub,
    Outbox,
    VisitorLink,
    chat_message,
    conversation_info,
)
from relay.passwords import PasswordChecksBusy
from relay.phrase_book import PhraseBook
from relay.store import Store, StoreUnavailable
from relay.store.epoch import resume_after
from relay.store.records import (
    Agent,
    Appended,
    Conversation,
    NewMessage,
    ReadMark,
    Site,
    StoredMessage,
    Visit,
    Visitor,
)
from shared_protocol import codec, frames, limits
from shared_protocol.errors import ErrorCode, ProtocolError
from shared_protocol.frames import AgentStatus, AuthorKind, ConversationStatus

log = logging.getLogger("parley.endpoints")

CLOSE_POLICY = 1008
# "Try again later": after rate_limited at the first frame or a shut-out; the error
# frame before it says when (retry_after). Slow readers get it too (hub.CLOSE_TOO_SLOW).
CLOSE_TRY_AGAIN_LATER = CLOSE_TOO_SLOW
# How long a closing connection waits for the commits of messages it accepted, so that
# their acks go out before the close: a client told 1008 does not come back to resend.
ACK_DRAIN_SECONDS = 10.0
# When the relay cannot check passwords now (its threads are busy), try again after this.
PASSWORDS_BUSY_RETRY_SECONDS = 1.0
# Messages of one connection waiting for their commit; beyond this its reading pauses.
MAX_IN_FLIGHT = 64
# Withdrawal records in one answer: newest first, the frame stays well under 4 MiB.
MAX_AUDIT_RECORDS = 500
# Reads of a visit's newest page view when it keeps changing under a hello (other tabs
# navigating or closing); after that the hello simply records a new view.
REOPEN_ATTEMPTS = 3


class SessionEnded(Exception):
    """The relay closed this connection; its read loop stops."""


@dataclass(slots=True)
class FailureLog:
    """Logs relay bugs met while handling frames: the traceback of each kind (error type
    and frame type) once per window, then one line with how often it came again. A peer
    who found a frame that fails must not be able to fill the log with tracebacks."""

    window: float = 60.0
    # kind -> when its last traceback was written, and how often it came since
    _kinds: dict[tuple[str, str], tuple[float, int]] = field(default_factory=dict)

    def record(self, error: BaseException, frame: str, now: float) -> None:
        kind = (type(error).__name__, frame)
        logged_at, repeats = self._kinds.get(kind, (-math.inf, 0))
        if now - logged_at < self.window:
            self._kinds[kind] = (logged_at, repeats + 1)
            return
        if repeats:
            log.warning(
                "event=handler_failed_again error=%s frame=%s times=%d within_seconds=%d",
                *kind,
                repeats,
                self.window,
            )
        self._kinds[kind] = (now, 0)
        log.error("event=handler_failed error=%s frame=%s", *kind, exc_info=error)


# One for the whole relay: a peer may spread the same failure over many connections.
failures = FailureLog()


@dataclass(slots=True)
class Occurrences:
    """Counts something that is logged at most once a window per kind (an account or
    address refused a login): a guesser hammering a locked account must not fill the log."""

    window: float = 60.0
    most_kinds: int = 10_000  # past this, kinds not logged within the window are forgotten
    # kind -> when its last line was written, and how often it came since
    _kinds: dict[tuple[str, str], tuple[float, int]] = field(default_factory=dict)

    def due(self, kind: tuple[str, str], now: float) -> int:
        """0 when this one is not to be logged; else how many times it came since the
        last line, this one included."""
        logged_at, repeats = self._kinds.get(kind, (-math.inf, 0))
        if now - logged_at < self.window:
            self._kinds[kind] = (logged_at, repeats + 1)
            return 0
        if len(self._kinds) >= self.most_kinds:
            self._kinds = {k: v for k, v in self._kinds.items() if now - v[0] < self.window}
        self._kinds[kind] = (now, 0)
        return repeats + 1


throttled_logins = Occurrences()


@dataclass(slots=True)
class RelayContext:
    """What every connection handler needs; built once by the app."""

    config: RelayConfig
    store: Store
    hub: Hub
    clock: Callable[[], float]
    guards: Guards  # what is kept about senders across connections: rates, logins
    locator: Locator = field(default_factory=Locator)
    files_port: int = 0  # where relay.files listens, once started

    def files_url(self, connection: ServerConnection) -> str:
        host = connection.request.headers.get("Host", "") if connection.request else ""
        return files_url(self.config.files_url, host, self.files_port)


def _failure(error: BaseException, ref: str | None) -> frames.Error:
    """The error frame for a frame that failed after it was accepted."""
    if isinstance(error, ProtocolError):
        return frames.Error(code=error.code, detail=error.detail, ref=error.ref or ref)
    if isinstance(error, StoreUnavailable):
        detail = "storage failed; nothing was stored, send again"
        return frames.Error(code=ErrorCode.UNAVAILABLE, detail=detail, ref=ref)
    return frames.Error(code=ErrorCode.INTERNAL, detail="relay error", ref=ref)


def _message_id(frame: object) -> str | None:
    """The client-made id of a message frame, which error frames refer to."""
    found = getattr(frame, "id", None)
    return found if isinstance(found, str) else None


def agent_card(agent: Agent) -> frames.AgentCard:
    return frames.AgentCard(name=agent.display_name, avatar_url=agent.avatar_url)


class _Session:
    """The read loop shared by both endpoints: rate limit, decode, handle, refuse."""

    codec: codec.Codec[object]

    def __init__(self, ctx: RelayContext, ws: ServerConnection, outbox: Outbox) -> None:
        self.ctx = ctx
        self.ws = ws
        self.outbox = outbox
        self.abuse = AbuseMeter(limit=ctx.config.abuse_strikes, window=60.0)
        self.in_flight: set[asyncio.Future[Appended]] = set()
        self.link: object = None  # the hub's link for this connection
        self.registered = False  # whether the hub knows this connection (leave() forgets it)
        headers = ws.request.headers if ws.request else {}
        # The peer's real address: behind a trusted proxy, from X-Forwarded-For.
        self.address = client_ip(
            str(ws.remote_address[0]) if ws.remote_address else "",
            headers.get("X-Forwarded-For"),
            ctx.config.trusted_proxies,
        )
        # The end of the latest wait this connection was told of (rate_limited): frames
        # refused before then are dropped without another error.
        self.told_until = -math.inf

    def send(self, frame: frames.Frame) -> None:
        self.outbox.put(self.codec.encode(frame))

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
            log.warning("event=abusive_peer_closed remote=%s", self.address)
            reason = "too many refused frames"
        else:
            return
        # A rate_limited first frame (a throttled login, a sender in a wait or shut out)
        # may come back after retry_after; other refusals would be refused again.
        limited = error.code is ErrorCode.RATE_LIMITED
        await self.close(CLOSE_TRY_AGAIN_LATER if limited else CLOSE_POLICY, reason)
        raise SessionEnded(reason)

    def allowances(self, now: float) -> list[Allowance]:
        """The allowances this connection's frames spend (its sender's, across connections),
        in the order `senders` names them."""
        raise NotImplementedError

    def senders(self) -> list[str]:
        """Who each of allowances() stands for, for the log."""
        raise NotImplementedError

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
        flush what else we owe the peer, then close. Frames the peer sent meanwhile are
        read and dropped: unread, they would stall the closing handshake (flow control)."""
        if self.in_flight:
            await asyncio.wait(set(self.in_flight), timeout=ACK_DRAIN_SECONDS)
            await asyncio.sleep(0)  # the acks are put by the commits' done callbacks
        await self.outbox.flush()
        closing = asyncio.create_task(self.ws.close(code, reason))
        with contextlib.suppress(ConnectionClosed, TimeoutError):
            async with asyncio.timeout(self.ws.close_timeout or 10):
                while True:
                    await self.ws.recv(decode=False)
        await closing

    async def serve(self) -> None:
        """The whole life of the connection: the first frame, then every later one."""
        try:
            await self.start()
            await self.read_loop()
        except (SessionEnded, ConnectionClosed):
            pass
        finally:
            if self.registered:  # also when the session failed after the hub learnt of it
                await self.leave()

    async def start(self) -> None:
        """Read the first frame and begin the session; SessionEnded when it does not."""
        frame: object = None
        try:
            frame = await self.first_frame()
            await self.begin(frame)
        except ProtocolError as error:  # without a valid first frame there is no session
            await self.refuse(error, close=True)
        except StoreUnavailable:
            await self.ws.close(1011, "storage unavailable")
            raise SessionEnded("storage unavailable") from None
        except (ConnectionClosed, SessionEnded):
            raise
        except Exception as error:  # a relay bug: no session, and no traceback per peer
            await self.refuse(self.internal_error(error, frame), close=True)

    async def first_frame(self) -> object:
        try:
            async with asyncio.timeout(self.ctx.config.hello_timeout_seconds):
                data = await self.ws.recv()
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

    async def begin(self, frame: object) -> None:
        """Authenticate from the first frame and register the connection; raises on refusal."""
        raise NotImplementedError

    async def leave(self) -> None:
        """Unregister the connection (only called after begin() succeeded)."""
        raise NotImplementedError

    async def read_loop(self) -> None:
        while True:
            try:
                data = await self.ws.recv()
            except ConnectionClosed:
                return
            now = self.ctx.clock()
            refusal = admit(self.allowances(now), now)
            if refusal is not None:
                await self.rate_limited(refusal, now, self.senders())
                continue
            frame: object = None
            try:
                frame = self.codec.decode(self.payload(data))
                await self.handle(frame)
            except ProtocolError as error:
                if error.ref is None:
                    error.ref = _message_id(frame)
                await self.refuse(error)
            except ConnectionClosed:
                return
            except StoreUnavailable as error:  # the environment's fault, not the peer's
                self.send(_failure(error, _message_id(frame)))
            except Exception as error:  # a relay bug: say so, and count it as a refusal
                await self.refuse(self.internal_error(error, frame))

    def internal_error(self, error: Exception, frame: object) -> ProtocolError:
        """The refusal of a frame that met a relay bug, which is logged (throttled)."""
        failures.record(error, type(frame).__name__, self.ctx.clock())
        return ProtocolError(ErrorCode.INTERNAL, "relay error", ref=_message_id(frame))

    async def handle(self, frame: object) -> None:
        raise NotImplementedError

    async def store_message(self, new: NewMessage, visitor_id: int) -> None:
        """Queue a message for the next group commit; acknowledge and deliver it once it is
        committed. The read loop goes on meanwhile, so that a sender's next messages can
        share that commit; their order is kept because the store's queue keeps it."""
        while len(self.in_flight) >= MAX_IN_FLIGHT:
            await asyncio.wait(self.in_flight, return_when=asyncio.FIRST_COMPLETED)
        committed = self.ctx.store.queue_message(new)
        self.in_flight.add(committed)
        committed.add_done_callback(partial(self._deliver_when_committed, new, visitor_id))

    def _deliver_when_committed(
        self, new: NewMessage, visitor_id: int, committed: asyncio.Future[Appended]
    ) -> None:
        self.in_flight.discard(committed)
        if committed.cancelled():
            return
        if (error := committed.exception()) is not None:
            if not isinstance(error, ProtocolError | StoreUnavailable):
                failures.record(error, "append", self.ctx.clock())
            self.send(_failure(error, new.client_id))
            return
        appended = committed.result()
        hub = self.ctx.hub
        self.acknowledge(appended.message, duplicate=appended.duplicate)
        if not appended.duplicate:
            message = chat_message(appended.message)
            hub.note_message(message)
            delivery = frames.Message(message=message)
            hub.to_visitor(visitor_id, delivery, skip=self.link)
            hub.to_agents(delivery, skip=self.link)

    async def acknowledge_resend(
        self,
        author: AuthorKind,
        author_id: int,
        frame: frames.VisitorSend | frames.AgentSend,
        conversation_id: int | None,
    ) -> bool:
        """For a message that cannot be stored now: True after acknowledging it again if it
        is a resend of one stored before (§5.3), CONFLICT if its id was used for another
        message, False if the id is new. Asked only on these refusal paths, so that new
        messages cost no extra query; the store's writer judges all others."""
        known = await self.ctx.store.find_message(author, author_id, frame.id)
        if known is None:
            return False
        if not is_resend(
            author,
            stored_in=known.message.conversation_id,
            sent_text=known.sent_text,
            sent_to=conversation_id,
            text=frame.text,
        ):
            raise ProtocolError(
                ErrorCode.CONFLICT, "this message id was used before for another message"
            )
        self.acknowledge(known.message, duplicate=True)
        return True

    def acknowledge(self, stored: StoredMessage, *, duplicate: bool) -> None:
        self.send(
            frames.Ack(
                id=stored.client_id,
                conversation=stored.conversation_id,
                seq=stored.seq,
                ts=stored.created_at,
                duplicate=duplicate,
            )
        )

    async def quote(self, conversation_id: int, seq: int | None) -> frames.Quote | None:
        """What a reply quotes: a message of the same conversation, or a NOT_FOUND error."""
        if seq is None:
            return None
        quoted = await self.ctx.store.get_message(conversation_id, seq)
        if quoted is None:
            raise ProtocolError(ErrorCode.NOT_FOUND, "the quoted message is not in this chat")
        return frames.Quote(
            seq=seq,
            author=quoted.author,
            author_name=quoted.author_name,
            text=quoted.text[: limits.QUOTE_CHARS],
            withdrawn=quoted.withdrawn,
        )

    async def mark_read(
        self, conversation_id: int, seq: int, reader: AuthorKind, *, visitor_id: int | None
    ) -> ReadMark | None:
        """Store a read mark; the mark when it moved forward, None when it did not (then
        nobody is told). NOT_FOUND for a conversation the reader may not see."""
        hub = self.ctx.hub
        known = hub.conversations.get(conversation_id)
        if (
            known is not None
            and visitor_id in (None, known.visitor_id)
            and seq <= hub.read_mark(known, reader)
        ):
            return None  # read as far before (a resend, another tab): not even a write
        mark = await self.ctx.store.mark_read(conversation_id, reader, seq, visitor_id=visitor_id)
        if mark is None:
            raise ProtocolError(ErrorCode.NOT_FOUND, "no such conversation")
        if not mark.advanced:
            return None
        hub.note_read(conversation_id, reader, mark.seq)
        return mark

    async def send_history(self, conversation_id: int, after_seq: int) -> None:
        page = await self.ctx.store.messages_after(
            conversation_id, after_seq, limits.HISTORY_PAGE_SIZE + 1
        )
        messages: list[frames.ChatMessage] = []
        chars = 0
        for stored in page[: limits.HISTORY_PAGE_SIZE]:
            if messages and chars + len(stored.text) > limits.HISTORY_PAGE_CHARS:
                break
            chars += len(stored.text)
            messages.append(chat_message(stored))
        more = len(page) > len(messages)
        self.send(frames.History(conversation=conversation_id, messages=messages, more=more))


# ====================================================================== visitors


class VisitorSession(_Session):
    codec = codec.visitor_relay_side  # type: ignore[assignment]

    def __init__(self, ctx: RelayContext, ws: ServerConnection) -> None:
        super().__init__(ctx, ws, Outbox(ws, text=True, limit=ctx.config.outbox_frames))
        self.site: Site
        self.visitor: Visitor
        self.visit: Visit
        self.link: VisitorLink

    def allowances(self, now: float) -> list[Allowance]:
        guards = self.ctx.guards
        return [guards.visitors.of(self.visitor.id, now), guards.addresses.of(self.address, now)]

    def senders(self) -> list[str]:
        return [f"visitor:{self.visitor.id}", f"address:{self.address}"]

    async def begin(self, frame: object) -> None:
        if not isinstance(frame, frames.Hello):
            raise ProtocolError(ErrorCode.NOT_AUTHENTICATED, "send hello first")
        await self.greet(frame)

    async def greet(self, hello: frames.Hello) -> None:
        ctx, store, now = self.ctx, self.ctx.store, self.ctx.clock()
        # A hello is a frame: it counts against the address before anything is looked up
        # (reconnecting in a loop is no way around the rate), and against the visitor
        # once known, before anything is written.
        await self.admit_first(
            [ctx.guards.addresses.of(self.address, now)], [f"address:{self.address}"]
        )
        if hello.v not in limits.SUPPORTED_VERSIONS:
            raise ProtocolError(
                ErrorCode.VERSION_UNSUPPORTED, f"this relay speaks v{limits.PROTOCOL_VERSION}"
            )
        site = await store.get_site(hello.site)
        if site is None:
            raise ProtocolError(ErrorCode.UNKNOWN_SITE, "no site with this key")
        origin = self.ws.request.headers.get("Origin") if self.ws.request else None
        if not origin_allowed(origin, site.origins):
            raise ProtocolError(ErrorCode.ORIGIN_NOT_ALLOWED, "this page may not use this site")
        token = hello.token
        visitor = None
        if token is not None:
            visitor = await store.visitor_by_token(site.id, credentials.hash_token(token))
        if visitor is None or token is None:
            token = credentials.mint_token()
            visitor = await store.create_visitor(site.id, credentials.hash_token(token), now)
        self.visitor = visitor
        await self.admit_first([ctx.guards.visitors.of(visitor.id, now)], [f"visitor:{visitor.id}"])
        headers = self.ws.request.headers if self.ws.request else {}
        ip = self.address
        user_agent = str(headers.get("User-Agent", ""))[:500]
        page = hello.page
        arrival = classify(page.referrer, page.url) if page else Arrival(Source.DIRECT)
        self.visit = await store.begin_visit(
            visitor.id,
            now,
            ctx.config.visit_gap_minutes * 60,
            ip,
            user_agent,
            landing=page,
            source=arrival,
        )
        view_id = None if hello.page is None else await self.enter_page(hello.page, now)
        renamed = bool(hello.name) and hello.name != visitor.name
        if renamed:
            await store.set_visitor_profile(visitor.id, hello.name, "", "")
        self.site, self.visitor = site, visitor
        self.link = VisitorLink(self.outbox, visitor.id, self.visit.id, view_id)
        if renamed:
            await self.tell_contact()
        conversation = ctx.hub.open_conversation_of(visitor.id)
        place = ctx.locator.locate(ip)
        info = frames.VisitorInfo(
            id=visitor.id,
            site=site.key,
            first_seen=visitor.first_seen,
            last_seen=now,
            name=hello.name or visitor.name,
            page=hello.page,
            visits=self.visit.number,
            conversation=conversation.id if conversation else None,
            email=visitor.email,
            phone=visitor.phone,
            ip=ip,
            location=place.label(),
            country=place.country,
            region=place.region,
            city=place.city,
            device=describe_device(user_agent).label(),
            source=self.visit.source,
            source_name=self.visit.source_name,
            keyword=self.visit.keyword,
            landing=self.visit.landing,
            chats=visitor.conversations - (1 if conversation else 0),
        )
        ctx.hub.add_visitor(self.link, info)
        self.registered = True
        ctx.hub.visitor_changed(info)
        answering = None
        if conversation is not None and conversation.agent_id is not None:
            online = ctx.hub.agents.get(conversation.agent_id)
            answering = online.agent if online else await store.agent_by_id(conversation.agent_id)
        self.send(
            frames.Welcome(
                v=limits.PROTOCOL_VERSION,
                visitor=visitor.id,
                token=token,
                agents_online=ctx.hub.agents_online(),
                server_time=now,
                conversation=(
                    ctx.hub.conversation_info(conversation, for_visitor=True)
                    if conversation
                    else None
                ),
                site=site.settings,
                name=info.name,
                email=visitor.email,
                phone=visitor.phone,
                agent=agent_card(answering) if answering else None,
                files_url=ctx.files_url(self.ws),
                max_file_bytes=ctx.config.max_file_bytes,
                epoch=ctx.store.epoch,
            )
        )
        log.info(
            "event=visitor_hello visitor=%d site=%s visit=%d",
            visitor.id,
            site.key,
            self.visit.number,
        )
        for point in hello.resume:
            if await self.owned(point.conversation) is not None:
                after = resume_after(point.after_seq, hello.epoch, ctx.store.epoch)
                await self.send_history(point.conversation, after)

    async def enter_page(self, page: frames.PageInfo, now: float) -> int:
        """The page view a hello puts this connection on: the one the visitor is still on
        or has just left when this is a reconnect (relay restarted, connection dropped),
        else a new one. Returns its id."""
        store = self.ctx.store
        for _ in range(REOPEN_ATTEMPTS):
            newest = await store.newest_page_view(self.visit.id)
            view = continued_view(newest, page.url, now)
            if view is None:
                break
            if await store.reopen_page_view(self.visit.id, view, now):
                return view.id
        return await store.record_page_view(self.visit.id, page, now)

    async def leave_page(self) -> None:
        """This connection is no longer on its page view. The view ends only when no other
        connection of the visitor is on it: the late close of a dropped connection must not
        end the view its reconnect continued."""
        view_id, self.link.view_id = self.link.view_id, None
        if view_id is not None and self.ctx.hub.shows_view(self.visitor.id, view_id):
            view_id = None
        await self.ctx.store.end_page_view(self.visit.id, view_id, self.ctx.clock())

    async def leave(self) -> None:
        hub = self.ctx.hub
        last = hub.remove_visitor(self.link)
        try:
            await self.leave_page()
        except StoreUnavailable:
            log.warning("event=page_leave_not_stored visitor=%d", self.visitor.id)
        if last:
            hub.visitor_gone(self.visitor.id)

    async def owned(self, conversation_id: int) -> Conversation | None:
        """The conversation when it is this visitor's; others' look the same as missing ones."""
        conversation = await self.ctx.store.get_conversation(conversation_id)
        if conversation is None or conversation.visitor_id != self.visitor.id:
            return None
        return conversation

    async def handle(self, frame: object) -> None:
        match frame:
            case frames.VisitorSend():
                await self.on_message(frame)
            case frames.VisitorTyping(text=text):
                if not self.site.settings.typing_preview:
                    return  # the site owner chose privacy: drafts go nowhere
                conversation = self.ctx.hub.open_by_visitor.get(self.visitor.id)
                self.ctx.hub.to_agents(
                    frames.TypingPreview(
                        visitor=self.visitor.id, conversation=conversation, text=text
                    )
                )
            case frames.PageView(page=page):
                now = self.ctx.clock()
                self.link.view_id = await self.ctx.store.record_page_view(self.visit.id, page, now)
                self.update_info(page=page)
            case frames.Profile(name=name, email=email, phone=phone):
                # Both are checked before anything is stored: a refused frame changes nothing.
                check_email(email)
                phone = check_phone(phone)  # stored as checked: full-width digits made ASCII
                await self.ctx.store.set_visitor_profile(self.visitor.id, name, email, phone)
                changes = {"name": name, "email": email, "phone": phone}
                self.update_info(**{key: value for key, value in changes.items() if value})
                await self.tell_contact()
            case frames.PageLeave():
                await self.leave_page()
            case frames.VisitorRead(conversation=conversation_id, seq=seq):
                mark = await self.mark_read(
                    conversation_id, seq, AuthorKind.VISITOR, visitor_id=self.visitor.id
                )
                if mark is not None:
                    self.ctx.hub.to_agents(
                        frames.ReadReceipt(
                            conversation=conversation_id,
                            seq=mark.seq,
                            by=AuthorKind.VISITOR,
                            ts=self.ctx.clock(),
                        )
                    )
            case frames.Resume(conversation=conversation_id, after_seq=after_seq):
                if await self.owned(conversation_id) is None:
                    raise ProtocolError(ErrorCode.NOT_FOUND, "no such conversation")
                await self.send_history(conversation_id, after_seq)
            case frames.Close(conversation=conversation_id):
                if await self.owned(conversation_id) is None:
                    raise ProtocolError(ErrorCode.NOT_FOUND, "no such conversation")
                await close_conversation(self.ctx, conversation_id, AuthorKind.VISITOR)
            case frames.Hello():
                raise ProtocolError(ErrorCode.BAD_FRAME, "hello was sent already")
            case _:
                raise ProtocolError(ErrorCode.UNKNOWN_TYPE, "not a visitor frame")

    async def tell_contact(self) -> None:
        """After the visitor's contact changed: agents get the open conversation with it, and
        the hub's copy (which later login snapshots are made of) holds it too."""
        hub = self.ctx.hub
        before = hub.open_conversation_of(self.visitor.id)
        if before is None:
            return  # the next conversation is read with the contact when it opens
        fresh = await self.ctx.store.get_conversation(before.id)
        if fresh is None or fresh.status is ConversationStatus.CLOSED:
            return  # closed meanwhile: whoever closed it has told everyone
        if fresh.contact == before.contact:
            return
        hub.track_conversation(fresh)
        hub.to_agents(frames.ConversationUpdated(conversation=hub.conversation_info(fresh)))

    def update_info(self, **changes: object) -> None:
        hub = self.ctx.hub
        info = hub.visitor_info(self.visitor.id)
        if info is None:
            return
        updated = msgspec.structs.replace(info, **changes)
        hub.update_visitor(self.visitor.id, updated)
        hub.visitor_changed(updated)

    async def on_message(self, frame: frames.VisitorSend) -> None:
        ctx, hub, now = self.ctx, self.ctx.hub, self.ctx.clock()
        file = await sendable_file(ctx.store, frame.file, AuthorKind.VISITOR, self.visitor.id)
        conversation = hub.open_conversation_of(self.visitor.id)
        if conversation is None:
            # A resend of a message stored before its conversation closed must not open
            # a new, empty conversation.
            if await self.acknowledge_resend(AuthorKind.VISITOR, self.visitor.id, frame, None):
                return
            shown = hub.visitor_info(self.visitor.id)
            conversation = await ctx.store.open_conversation(
                self.site.id,
                self.visitor.id,
                now,
                offline=not hub.agents_online(),
                page=shown.page if shown else None,
            )
            if conversation.id not in hub.conversations:
                hub.track_conversation(conversation)
                hub.to_agents(
                    frames.ConversationOpened(conversation=hub.conversation_info(conversation))
                )
                hub.to_visitor(
                    self.visitor.id,
                    frames.ConversationOpened(conversation=conversation_info(conversation)),
                )
                self.update_info(conversation=conversation.id)
        await self.store_message(
            NewMessage(
                conversation_id=conversation.id,
                client_id=frame.id,
                author=AuthorKind.VISITOR,
                author_id=self.visitor.id,
                author_name=info.name if (info := hub.visitor_info(self.visitor.id)) else "",
                text=frame.text,
                created_at=now,
                file=file,
            ),
            conversation.visitor_id,
        )


# ====================================================================== agents


class AgentSession(_Session):
    codec = codec.agent_relay_side  # type: ignore[assignment]

    def __init__(self, ctx: RelayContext, ws: ServerConnection) -> None:
        super().__init__(ctx, ws, Outbox(ws, text=False, limit=ctx.config.outbox_frames))
        self.agent: Agent
        self.link: AgentLink

    def allowances(self, now: float) -> list[Allowance]:
        return [self.ctx.guards.agents.of(self.agent.id, now)]

    def senders(self) -> list[str]:
        return [f"agent:{self.agent.name}"]

    async def begin(self, frame: object) -> None:
        if not isinstance(frame, frames.Login):
            raise ProtocolError(ErrorCode.NOT_AUTHENTICATED, "send login first")
        await self.log_in(frame)

    async def authenticate(self, login: frames.Login, now: float) -> tuple[Agent, str, float]:
        """The agent, its session token and the token's expiry. Raises RATE_LIMITED while
        the account or the address must wait (nothing is checked then), AUTH_FAILED for
        wrong credentials; both are audited in the log."""
        logins = self.ctx.guards.logins
        # Password logins are throttled by account and address; token logins by address.
        account = login.user if login.token is None else None
        user = json.dumps(login.user, ensure_ascii=True)  # the guesser's text: quoted
        attempt = logins.begin(account, self.address, now)
        if isinstance(attempt, Throttled):
            key = login.user if attempt.by == "account" else self.address
            if times := throttled_logins.due((attempt.by, key), now):
                log.info(
                    "event=login_throttled user=%s address=%s by=%s locked=%s "
                    "retry_after=%.1f times=%d",
                    user,
                    self.address,
                    attempt.by,
                    str(attempt.locked).lower(),
                    attempt.retry_after,
                    times,
                )
            what = "locked for" if attempt.locked else "wait"
            raise ProtocolError(
                ErrorCode.RATE_LIMITED,
                f"too many failed logins; {what} {math.ceil(attempt.retry_after)} s",
                retry_after=round(attempt.retry_after, 3),
            )
        try:
            found = await self.check_credentials(login, now)
        except PasswordChecksBusy:
            logins.abandoned(attempt)
            log.warning("event=login_busy user=%s address=%s", user, self.address)
            raise ProtocolError(
                ErrorCode.RATE_LIMITED,
                "the relay is busy checking passwords; try again shortly",
                retry_after=PASSWORDS_BUSY_RETRY_SECONDS,
            ) from None
        except BaseException:
            logins.abandoned(attempt)
            raise
        if found is None:
            failed = logins.failed(attempt, self.ctx.clock())
            log.warning(
                "event=login_failed user=%s address=%s by=%s account_failures=%d "
                "address_failures=%d next_wait=%.0f locked=%s",
                user,
                self.address,
                "password" if account is not None else "token",
                failed.account_failures,
                failed.address_failures,
                failed.wait,
                str(failed.locked).lower(),
            )
            if login.token is not None:
                raise ProtocolError(ErrorCode.AUTH_FAILED, "the session has ended; log in again")
            raise ProtocolError(ErrorCode.AUTH_FAILED, "wrong user name or password")
        logins.succeeded(attempt, self.ctx.clock())
        return found

    async def check_credentials(
        self, login: frames.Login, now: float
    ) -> tuple[Agent, str, float] | None:
        """The agent, its session token and the token's expiry; None when the credentials
        are wrong. Passwords are checked in the relay's password threads."""
        store, passwords = self.ctx.store, self.ctx.guards.passwords
        if login.token is not None:
            session = await store.session_agent(credentials.hash_token(login.token), now)
            return None if session is None else (session[0], login.token, session[1])
        agent = await store.get_agent(login.user)
        stored_hash = agent.password_hash if agent else credentials.DECOY_HASH
        matches = await passwords.matches(stored_hash, login.password)
        if agent is None or agent.disabled or not matches:
            return None
        if credentials.password_needs_rehash(agent.password_hash):
            with contextlib.suppress(PasswordChecksBusy):  # then at a later login
                new_hash = await passwords.hash(login.password)
                await store.set_agent_password(agent.id, new_hash)
        token = credentials.mint_token()
        expires = now + self.ctx.config.session_days * 86400
        await store.create_session(agent.id, credentials.hash_token(token), expires, now)
        return agent, token, expires

    async def log_in(self, login: frames.Login) -> None:
        hub, now = self.ctx.hub, self.ctx.clock()
        if login.v not in limits.SUPPORTED_VERSIONS:
            raise ProtocolError(
                ErrorCode.VERSION_UNSUPPORTED, f"this relay speaks v{limits.PROTOCOL_VERSION}"
            )
        agent, token, expires = await self.authenticate(login, now)
        # The login is one of the agent's frames: reconnecting in a loop is no way around
        # the rate, and an agent shut out stays out until the shut-out ends.
        await self.admit_first([self.ctx.guards.agents.of(agent.id, now)], [f"agent:{agent.name}"])
        sites = await self.ctx.store.list_sites()
        self.agent = agent
        self.link = AgentLink(self.outbox, self.ws, agent, credentials.hash_token(token))
        were_online = hub.agents_online()
        hub.add_agent(self.link, login.status)
        self.registered = True
        self.send(
            frames.LoginOk(
                v=limits.PROTOCOL_VERSION,
                agent=frames.AgentInfo(
                    id=agent.id, name=agent.name, display_name=agent.display_name, role=agent.role
                ),
                token=token,
                token_expires=expires,
                visitors=[online.info for online in hub.visitors.values()],
                conversations=hub.snapshot(),
                agents=[online.presence() for online in hub.agents.values()],
                server_time=now,
                phrases=await self.ctx.store.phrases_for(agent.id),
                site_names={site.key: site.settings.name or site.name for site in sites},
                files_url=self.ctx.files_url(self.ws),
                max_file_bytes=self.ctx.config.max_file_bytes,
                epoch=self.ctx.store.epoch,
            )
        )
        log.info("event=agent_login agent=%s", agent.name)
        self.announce_presence(were_online)
        for point in login.resume:
            after = resume_after(point.after_seq, login.epoch, self.ctx.store.epoch)
            await self.send_history(point.conversation, after)

    def announce_presence(self, were_online: bool) -> None:
        hub = self.ctx.hub
        online = hub.agents.get(self.agent.id)
        status = online.status if online else AgentStatus.OFFLINE
        hub.to_agents(
            frames.AgentPresence(
                agent=frames.AgentPresenceInfo(
                    agent=self.agent.id, display_name=self.agent.display_name, status=status
                )
            ),
            skip=self.link,
        )
        if hub.agents_online() != were_online:
            hub.to_all_visitors(frames.Presence(agents_online=not were_online))

    async def leave(self) -> None:
        were_online = self.ctx.hub.agents_online()
        if self.ctx.hub.remove_agent(self.link) is not None:
            self.announce_presence(were_online)

    async def unclosed(self, conversation_id: int) -> Conversation:
        conversation = self.ctx.hub.conversations.get(conversation_id)
        if conversation is not None:
            return conversation
        if await self.ctx.store.get_conversation(conversation_id) is None:
            raise ProtocolError(ErrorCode.NOT_FOUND, "no such conversation")
        raise ProtocolError(ErrorCode.CONVERSATION_CLOSED, "this conversation is closed")

    async def handle(self, frame: object) -> None:
        ctx, hub = self.ctx, self.ctx.hub
        match frame:
            case frames.AgentSend():
                await self.on_message(frame)
            case frames.Withdraw(conversation=conversation_id, seq=seq):
                conversation = await ctx.store.get_conversation(conversation_id)
                if conversation is None:
                    raise ProtocolError(ErrorCode.NOT_FOUND, "no such conversation")
                now = ctx.clock()
                await ctx.store.withdraw_message(conversation_id, seq, self.agent, now)
                log.info(
                    "event=message_withdrawn conversation=%d seq=%d agent=%s",
                    conversation_id,
                    seq,
                    self.agent.name,
                )
                hub.note_withdrawn(conversation_id, seq)
                withdrawn = frames.MessageWithdrawn(
                    conversation=conversation_id, seq=seq, ts=now, by_name=self.agent.display_name
                )
                hub.to_visitor(conversation.visitor_id, withdrawn)
                hub.to_agents(withdrawn)
            case frames.AgentTypingSet(conversation=conversation_id, active=active):
                conversation = await self.unclosed(conversation_id)
                hub.to_visitor(
                    conversation.visitor_id,
                    frames.AgentTyping(
                        conversation=conversation_id, active=active, name=self.agent.display_name
                    ),
                )
            case frames.Accept(conversation=conversation_id):
                await self.unclosed(conversation_id)
                await self.assign(conversation_id)
            case frames.AgentRead(conversation=conversation_id, seq=seq):
                # Any agent may read any conversation, as it may resume any.
                mark = await self.mark_read(conversation_id, seq, AuthorKind.AGENT, visitor_id=None)
                if mark is not None:
                    now = ctx.clock()
                    hub.to_agents(
                        frames.ReadReceipt(
                            conversation=conversation_id,
                            seq=mark.seq,
                            by=AuthorKind.AGENT,
                            agent=self.agent.id,
                            ts=now,
                        ),
                        skip=self.link,  # the reader knows; its other connections learn it
                    )
                    receipt = frames.VisitorReadReceipt(
                        conversation=conversation_id, seq=mark.seq, ts=now
                    )
                    hub.to_visitor(mark.visitor_id, receipt)
            case frames.Close(conversation=conversation_id):
                await self.unclosed(conversation_id)
                await close_conversation(ctx, conversation_id, AuthorKind.AGENT)
            case frames.Resume(conversation=conversation_id, after_seq=after_seq):
                if await ctx.store.get_conversation(conversation_id) is None:
                    raise ProtocolError(ErrorCode.NOT_FOUND, "no such conversation")
                await self.send_history(conversation_id, after_seq)
            case frames.SetStatus(status=status):
                were_online = hub.agents_online()
                online = hub.agents.get(self.agent.id)
                if online is not None:
                    online.status = status
                self.announce_presence(were_online)
            case frames.DetailsRequest(visitor=visitor_id):
                path, visits, conversations = await ctx.store.visitor_history(visitor_id)
                # Closed conversations are not in the hub: their newest messages come from
                # the store (the record, never older than the hub's), in one query.
                newest = await ctx.store.last_messages([c.id for c in conversations])
                self.send(
                    frames.VisitorDetails(
                        visitor=visitor_id,
                        path=path,
                        visits=visits,
                        conversations=[
                            msgspec.structs.replace(
                                hub.conversation_info(c),
                                last_message=chat_message(m) if (m := newest.get(c.id)) else None,
                            )
                            for c in conversations
                        ],
                        contact=await ctx.store.visitor_contact(visitor_id),
                    )
                )
            case frames.PhraseSave(id=phrase_id, phrase=draft):
                await PhraseBook(ctx, self.agent).save(phrase_id, draft)
            case frames.PhraseDelete(id=phrase_id):
                await PhraseBook(ctx, self.agent).delete(phrase_id)
            case frames.WithdrawalsRequest(conversation=conversation_id):
                if self.agent.role != "admin":
                    raise ProtocolError(ErrorCode.FORBIDDEN, "the audit record is for admins")
                found = await ctx.store.withdrawals(conversation_id)
                records = [
                    frames.WithdrawalRecord(
                        conversation=w.conversation_id,
                        seq=w.seq,
                        agent=w.agent_id,
                        agent_name=w.agent_name,
                        text=w.text,
                        file_name=w.file_name,
                        sent_at=w.sent_at,
                        withdrawn_at=w.withdrawn_at,
                    )
                    for w in reversed(found[-MAX_AUDIT_RECORDS:])
                ]
                self.send(frames.Withdrawals(records=records))
            case frames.Logout():
                await ctx.store.revoke_session(self.link.token_hash)
                log.info("event=agent_logout agent=%s", self.agent.name)
                await self.ws.close(1000, "logged out")
            case frames.Login():
                raise ProtocolError(ErrorCode.BAD_FRAME, "login was sent already")
            case _:
                raise ProtocolError(ErrorCode.UNKNOWN_TYPE, "not an agent frame")

    async def assign(self, conversation_id: int) -> Conversation:
        hub = self.ctx.hub
        before = hub.conversations.get(conversation_id)
        conversation = await self.ctx.store.assign_conversation(conversation_id, self.agent.id)
        if conversation is None:
            raise ProtocolError(ErrorCode.CONVERSATION_CLOSED, "this conversation is closed")
        hub.track_conversation(conversation)
        hub.to_agents(frames.ConversationUpdated(conversation=hub.conversation_info(conversation)))
        if before is None or before.agent_id != self.agent.id:
            joined = frames.AgentJoined(conversation=conversation.id, agent=agent_card(self.agent))
            hub.to_visitor(conversation.visitor_id, joined)
        return conversation

    async def on_message(self, frame: frames.AgentSend) -> None:
        try:
            conversation = await self.unclosed(frame.conversation)
            quote = await self.quote(conversation.id, frame.reply_to)
            file = await sendable_file(self.ctx.store, frame.file, AuthorKind.AGENT, None)
        except ProtocolError:
            # A resend is acknowledged even when the message could not be sent now: its
            # conversation closed since, or its file was swept after it was withdrawn.
            if await self.acknowledge_resend(
                AuthorKind.AGENT, self.agent.id, frame, frame.conversation
            ):
                return
            raise
        if conversation.agent_id is None:
            conversation = await self.assign(conversation.id)
        await self.store_message(
            NewMessage(
                conversation_id=conversation.id,
                client_id=frame.id,
                author=AuthorKind.AGENT,
                author_id=self.agent.id,
                author_name=self.agent.display_name,
                text=frame.text,
                created_at=self.ctx.clock(),
                reply_to=quote,
                file=file,
            ),
            conversation.visitor_id,
        )


async def close_conversation(ctx: RelayContext, conversation_id: int, by: AuthorKind) -> None:
    now = ctx.clock()
    conversation = await ctx.store.close_conversation(conversation_id, now)
    if conversation is None:
        raise ProtocolError(ErrorCode.CONVERSATION_CLOSED, "this conversation is closed")
    ctx.hub.track_conversation(conversation)
    closed = frames.ConversationClosed(conversation=conversation_id, by=by, ts=now)
    ctx.hub.to_agents(closed)
    ctx.hub.to_visitor(conversation.visitor_id, closed)
    info = ctx.hub.visitor_info(conversation.visitor_id)
    if info is not None and info.conversation == conversation_id:
        updated = msgspec.structs.replace(info, conversation=None)
        ctx.hub.update_visitor(conversation.visitor_id, updated)
        ctx.hub.visitor_changed(updated)


async def sweep_revoked_sessions(ctx: RelayContext) -> int:
    """Close agent connections whose session was revoked, expired or whose agent was
    disabled (the CLI changes the store from another process). Returns how many."""
    links = list(ctx.hub.agent_links())
    if not links:
        return 0
    live = await ctx.store.live_sessions({link.token_hash for link in links}, ctx.clock())
    closed = 0
    for link in links:
        if link.token_hash in live:
            continue
        link.outbox.put(
            codec.agent_relay_side.encode(
                frames.Error(code=ErrorCode.SESSION_REVOKED, detail="the session was ended")
            )
        )
        await link.outbox.flush()
        await link.connection.close(CLOSE_POLICY, ErrorCode.SESSION_REVOKED.value)
        closed += 1
    return closed

"""Live connections and fan-out: who is online, and getting frames to them in order.

Frames are encoded once per audience (JSON for visitors, MessagePack for agents) and
handed to each connection's Outbox, which writes them in order without making the
sender wait for a slow reader. A reader that falls too far behind is disconnected; it
reconnects and resumes from its last sequence number, so nothing is lost.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

import msgspec
from websockets.asyncio.server import ServerConnection
from websockets.protocol import State

from relay.store.records import Agent, Conversation, StoredMessage
from shared_protocol import codec, frames, limits
from shared_protocol.frames import AgentStatus, AuthorKind

log = logging.getLogger("parley.hub")

WRITE_HIGH_WATER = 64 * 1024  # bytes buffered before writes wait for the socket to drain
RETRY_WRITE_SECONDS = 0.02
CLOSE_TOO_SLOW = 1013  # "try again later": the client reconnects and resumes

_closing: set[asyncio.Task[None]] = set()  # keeps fire-and-forget close tasks alive


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
            task = asyncio.create_task(self._connection.close(CLOSE_TOO_SLOW, "reader too slow"))
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


@dataclass(eq=False, slots=True)
class VisitorLink:
    """One open widget connection (a visitor may have several tabs)."""

    outbox: Outbox
    visitor_id: int
    visit_id: int = 0
    view_id: int | None = None  # the page view this connection is on; None once it left


@dataclass(eq=False, slots=True)
class AgentLink:
    """One open agent app connection."""

    outbox: Outbox
    connection: ServerConnection
    agent: Agent
    token_hash: str


@dataclass(slots=True)
class OnlineVisitor:
    info: frames.VisitorInfo
    links: set[VisitorLink] = field(default_factory=set)


@dataclass(slots=True)
class OnlineAgent:
    agent: Agent
    status: AgentStatus
    links: set[AgentLink] = field(default_factory=set)

    def presence(self) -> frames.AgentPresenceInfo:
        return frames.AgentPresenceInfo(
            agent=self.agent.id, display_name=self.agent.display_name, status=self.status
        )


def chat_message(stored: StoredMessage) -> frames.ChatMessage:
    return frames.ChatMessage(
        conversation=stored.conversation_id,
        seq=stored.seq,
        id=stored.client_id,
        author=stored.author,
        author_id=stored.author_id,
        author_name=stored.author_name,
        text=stored.text,
        ts=stored.created_at,
        reply_to=stored.reply_to,
        file=stored.file,
        withdrawn=stored.withdrawn,
    )


def withdrawn_copy(message: frames.ChatMessage, seq: int) -> frames.ChatMessage:
    """A message as history shows it once the message `seq` of its conversation was
    withdrawn: itself emptied, or its quote of that message emptied."""
    if message.seq == seq:
        return msgspec.structs.replace(message, text="", file=None, withdrawn=True)
    quote = message.reply_to
    if quote is not None and quote.seq == seq:
        quote = msgspec.structs.replace(quote, text="", withdrawn=True)
        return msgspec.structs.replace(message, reply_to=quote)
    return message


def conversation_info(
    conversation: Conversation,
    last_seq: int | None = None,
    *,
    visitor_read_seq: int | None = None,
    agent_read_seq: int | None = None,
    last_message: frames.ChatMessage | None = None,
) -> frames.ConversationInfo:
    """As clients see it; the numbers given override the record's (which may be older)."""
    return frames.ConversationInfo(
        id=conversation.id,
        visitor=conversation.visitor_id,
        status=conversation.status,
        created_at=conversation.created_at,
        agent=conversation.agent_id,
        last_seq=conversation.last_seq if last_seq is None else last_seq,
        closed_at=conversation.closed_at,
        offline=conversation.offline,
        started_on=conversation.started_on,
        contact=conversation.contact,
        visitor_read_seq=(
            conversation.visitor_read_seq if visitor_read_seq is None else visitor_read_seq
        ),
        agent_read_seq=conversation.agent_read_seq if agent_read_seq is None else agent_read_seq,
        last_message=last_message,
    )


class Hub:
    """The relay's view of who is connected, and the conversations that are not closed."""

    def __init__(self) -> None:
        self.visitors: dict[int, OnlineVisitor] = {}
        self.agents: dict[int, OnlineAgent] = {}
        self.conversations: dict[int, Conversation] = {}  # those not closed
        self.open_by_visitor: dict[int, int] = {}  # visitor id → conversation id
        self.last_seq: dict[int, int] = {}  # conversation id → newest seq delivered
        # The newest message of each tracked conversation, as history shows it: what agents
        # get in ConversationInfo.last_message without a query per conversation.
        self.last_message: dict[int, frames.ChatMessage] = {}
        # Read marks stored since the record was read: conversation id → seq, per side.
        self._read_seq: dict[AuthorKind, dict[int, int]] = {
            AuthorKind.VISITOR: {},
            AuthorKind.AGENT: {},
        }
        # Visitor changes not yet told to agents: id → newest info, or None when gone.
        self._visitor_changes: dict[int, frames.VisitorInfo | None] = {}

    # ------------------------------------------------------------ membership

    def add_visitor(self, link: VisitorLink, info: frames.VisitorInfo) -> bool:
        """Register a connection; True when the visitor was not online before."""
        online = self.visitors.get(link.visitor_id)
        arrived = online is None
        if online is None:
            online = self.visitors[link.visitor_id] = OnlineVisitor(info)
        else:
            online.info = info
        online.links.add(link)
        return arrived

    def remove_visitor(self, link: VisitorLink) -> bool:
        """Forget a connection; True when it was the visitor's last one."""
        online = self.visitors.get(link.visitor_id)
        if online is None:
            return False
        online.links.discard(link)
        if online.links:
            return False
        del self.visitors[link.visitor_id]
        return True

    def shows_view(self, visitor_id: int, view_id: int) -> bool:
        """Whether one of the visitor's connections is on this page view (two tabs on one
        page, or a reconnect before the relay noticed the old connection was gone)."""
        online = self.visitors.get(visitor_id)
        return online is not None and any(link.view_id == view_id for link in online.links)

    def visits_online(self) -> set[int]:
        """The visits of every connected visitor."""
        return {link.visit_id for online in self.visitors.values() for link in online.links}

    def add_agent(self, link: AgentLink, status: AgentStatus) -> None:
        online = self.agents.get(link.agent.id)
        if online is None:
            online = self.agents[link.agent.id] = OnlineAgent(link.agent, status)
        online.status = status
        online.links.add(link)

    def remove_agent(self, link: AgentLink) -> OnlineAgent | None:
        """Forget a connection; returns the agent, now offline, when it was the last one."""
        online = self.agents.get(link.agent.id)
        if online is None:
            return None
        online.links.discard(link)
        if online.links:
            return None
        del self.agents[link.agent.id]
        online.status = AgentStatus.OFFLINE
        return online

    def agents_online(self) -> bool:
        return any(a.status is AgentStatus.ONLINE for a in self.agents.values())

    def agent_links(self) -> Iterable[AgentLink]:
        for online in self.agents.values():
            yield from online.links

    def visitor_info(self, visitor_id: int) -> frames.VisitorInfo | None:
        online = self.visitors.get(visitor_id)
        return online.info if online else None

    def update_visitor(self, visitor_id: int, info: frames.VisitorInfo) -> None:
        online = self.visitors.get(visitor_id)
        if online is not None:
            online.info = info

    # ------------------------------------------------------------ conversations

    def track_conversation(self, conversation: Conversation) -> None:
        if conversation.status is frames.ConversationStatus.CLOSED:
            self.conversations.pop(conversation.id, None)
            self.last_seq.pop(conversation.id, None)
            self.last_message.pop(conversation.id, None)
            for marks in self._read_seq.values():
                marks.pop(conversation.id, None)
            if self.open_by_visitor.get(conversation.visitor_id) == conversation.id:
                del self.open_by_visitor[conversation.visitor_id]
        else:
            self.conversations[conversation.id] = conversation
            self.open_by_visitor[conversation.visitor_id] = conversation.id

    def note_message(self, message: frames.ChatMessage) -> None:
        """A message was stored (or read back from the store at start-up)."""
        conversation_id, seq = message.conversation, message.seq
        if seq > self.last_seq.get(conversation_id, 0):
            self.last_seq[conversation_id] = seq
        if conversation_id not in self.conversations:
            return  # closed meanwhile: nobody lists it
        newest = self.last_message.get(conversation_id)
        if newest is None or seq >= newest.seq:
            self.last_message[conversation_id] = message

    def note_withdrawn(self, conversation_id: int, seq: int) -> None:
        """A message was withdrawn: the newest message changes if it is that one or
        quotes it."""
        newest = self.last_message.get(conversation_id)
        if newest is not None:
            self.last_message[conversation_id] = withdrawn_copy(newest, seq)

    def note_read(self, conversation_id: int, reader: AuthorKind, seq: int) -> None:
        """A read mark was stored; kept only for conversations this hub tracks."""
        marks = self._read_seq[reader]
        if conversation_id in self.conversations and seq > marks.get(conversation_id, 0):
            marks[conversation_id] = seq

    def read_mark(self, conversation: Conversation, reader: AuthorKind) -> int:
        """The newest read mark of one side known here (never above the stored one)."""
        stored = (
            conversation.visitor_read_seq
            if reader is AuthorKind.VISITOR
            else conversation.agent_read_seq
        )
        return max(stored, self._read_seq[reader].get(conversation.id, 0))

    def conversation_info(
        self, conversation: Conversation, *, for_visitor: bool = False
    ) -> frames.ConversationInfo:
        """As clients see it, with the newest sequence number and read marks (the record
        may be older). Agents get the newest message too; visitors do not (their frames
        stay small, and the widget has the transcript)."""
        last_seq = max(conversation.last_seq, self.last_seq.get(conversation.id, 0))
        return conversation_info(
            conversation,
            last_seq,
            visitor_read_seq=self.read_mark(conversation, AuthorKind.VISITOR),
            agent_read_seq=self.read_mark(conversation, AuthorKind.AGENT),
            last_message=None if for_visitor else self.last_message.get(conversation.id),
        )

    def snapshot(
        self, budget: int = limits.SNAPSHOT_LAST_MESSAGE_BYTES
    ) -> list[frames.ConversationInfo]:
        """Every tracked conversation for a login, with last messages while their texts
        fit in `budget` bytes (the frame must stay under MAX_RELAY_FRAME_BYTES)."""
        infos: list[frames.ConversationInfo] = []
        for conversation in self.conversations.values():
            info = self.conversation_info(conversation)
            if info.last_message is not None:
                budget -= len(info.last_message.text.encode())
                if budget < 0:
                    info = msgspec.structs.replace(info, last_message=None)
            infos.append(info)
        return infos

    def open_conversation_of(self, visitor_id: int) -> Conversation | None:
        conversation_id = self.open_by_visitor.get(visitor_id)
        return None if conversation_id is None else self.conversations.get(conversation_id)

    # ------------------------------------------------------------ visitor changes

    def visitor_changed(self, info: frames.VisitorInfo) -> None:
        """Tell agents at the next flush; a newer change of the same visitor replaces it."""
        self._visitor_changes[info.id] = info

    def visitor_gone(self, visitor_id: int) -> None:
        self._visitor_changes[visitor_id] = None

    def flush_visitor_changes(self) -> int:
        """Send what changed as one `visitors` frame to every agent; returns the count.
        A visitor who left and came back (the next page) counts as changed, not gone."""
        if not self._visitor_changes:
            return 0
        changes, self._visitor_changes = self._visitor_changes, {}
        updated = [info for info in changes.values() if info is not None]
        left = [vid for vid, info in changes.items() if info is None and vid not in self.visitors]
        if updated or left:
            self.to_agents(frames.VisitorsChanged(updated=updated, left=left))
        return len(updated) + len(left)

    # ------------------------------------------------------------ fan-out

    def to_visitor(self, visitor_id: int, frame: frames.Frame, *, skip: object = None) -> None:
        online = self.visitors.get(visitor_id)
        if online is None:
            return
        data = codec.visitor_relay_side.encode(frame)
        for link in online.links:
            if link is not skip:
                link.outbox.put(data)

    def to_all_visitors(self, frame: frames.Frame) -> None:
        data = codec.visitor_relay_side.encode(frame)
        for online in self.visitors.values():
            for link in online.links:
                link.outbox.put(data)

    def to_agent(self, agent_id: int, frame: frames.Frame) -> None:
        """Every connection of one agent (the app on two machines, say)."""
        online = self.agents.get(agent_id)
        if online is None:
            return
        data = codec.agent_relay_side.encode(frame)
        for link in online.links:
            link.outbox.put(data)

    def to_agents(self, frame: frames.Frame, *, skip: object = None) -> None:
        data = codec.agent_relay_side.encode(frame)
        for link in self.agent_links():
            if link is not skip:
                link.outbox.put(data)

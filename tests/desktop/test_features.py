"""The desk's features on their own: real models, a fake view and recorded effects, no
relay, no window. What they send, show and pop up for each frame and intent."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import msgspec
import pytest

from agent_app.bridge import FrameRouter
from agent_app.cache import TranscriptCache
from agent_app.features.alerts import Alerts
from agent_app.features.chat import ChatController
from agent_app.features.conversations import ConversationsController
from agent_app.features.effects import Effects
from agent_app.features.visitors import VisitorsController
from agent_app.models.conversations import ConversationsModel
from agent_app.models.messages import Delivery, MessagesModel
from agent_app.models.visitors import VisitorsModel
from agent_app.net.session import AgentSession
from agent_app.notify import NotifierChain
from agent_app.selection import Selection
from agent_app.settings import Preferences
from agent_app.sound import Chime
from shared_protocol import frames
from shared_protocol.errors import ErrorCode
from shared_protocol.frames import AuthorKind, ConversationStatus
from tests.helpers.desk import RecordingNotifier

ALICE = frames.AgentInfo(id=1, name="alice", display_name="Alice", role="agent")


@dataclass
class FakeView:
    """What the window would show, recorded."""

    active: bool = True
    preview: str = ""
    headers: list[str] = field(default_factory=list)
    details: list[tuple[int, float]] = field(default_factory=list)  # visitor, shown at
    counts: list[str] = field(default_factory=list)
    visitor_shown: tuple[frames.VisitorInfo | None, bool] = (None, False)

    def show_preview(self, text: str) -> None:
        self.preview = text

    def show_search_results(self, lines: list[str]) -> None: ...

    def isActiveWindow(self) -> bool:
        return self.active

    def show_conversation(self, conversation: frames.ConversationInfo | None, title: str) -> None:
        self.headers.append(title)

    def show_visitor(
        self,
        info: frames.VisitorInfo | None,
        contact: frames.VisitorContact | None = None,
        *,
        here: bool = True,
    ) -> None:
        self.visitor_shown = (info, here)

    def show_details(
        self, details: frames.VisitorDetails, now: float, gone_since: float | None = None
    ) -> None:
        self.details.append((details.visitor, now))

    def show_visitor_count(self, text: str) -> None:
        self.counts.append(text)


@dataclass
class Desk:
    """The features wired as agent_app.desk wires them, around recorded effects."""

    cache: TranscriptCache
    sent: list[frames.Frame] = field(default_factory=list)
    said: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    answer: bool = False
    opened: list[int] = field(default_factory=list)
    view: FakeView = field(default_factory=FakeView)
    notifier: RecordingNotifier = field(default_factory=RecordingNotifier)

    def __post_init__(self) -> None:
        self.router = FrameRouter()
        self.selection = Selection()
        self.visitors, self.conversations = VisitorsModel(), ConversationsModel()
        self.messages = MessagesModel()
        self.effects = Effects(
            send=self.sent.append,
            later=lambda work: work.close(),  # the cache is not what is tested here
            say=self.said.append,
            unread_changed=lambda: None,
        )
        self.alerts = Alerts(
            notifier=NotifierChain([lambda: self.notifier]),
            chime=Chime(Path("/nonexistent/chime.wav"), enabled=False),
            preferences=Preferences(),
            name_of=lambda visitor: self.visitor_feature.name_of(visitor),
            open_visitor=lambda visitor: None,
            bring_forward=lambda: None,
        )
        self.visitor_feature = VisitorsController(
            visitors=self.visitors,
            conversations=self.conversations,
            selection=self.selection,
            view=self.view,
            alerts=self.alerts,
            effects=self.effects,
            router=self.router,
        )
        self.conversation_feature = ConversationsController(
            conversations=self.conversations,
            visitors=self.visitors,
            cache=self.cache,
            selection=self.selection,
            view=self.view,
            alerts=self.alerts,
            effects=self.effects,
            router=self.router,
            confirm=self._confirm,
            open_conversation=self.opened.append,
        )
        self.chat = ChatController(
            session=AgentSession(),
            cache=self.cache,
            conversations=self.conversations,
            messages=self.messages,
            selection=self.selection,
            view=self.view,
            alerts=self.alerts,
            effects=self.effects,
            previews=self,
            router=self.router,
        )

    def receive(self, frame: frames.Frame) -> None:
        """A frame from the relay, as RelayClient hands it on: the session first."""
        if isinstance(frame, frames.LoginOk):
            self.chat.session.welcomed(frame)
        if isinstance(frame, frames.Ack):
            self.chat.session.acknowledged(frame)
        self.router.dispatch(frame)

    def preview(self, file: frames.Attachment | None) -> None: ...

    def _confirm(self, title: str, question: str) -> bool:
        self.asked.append(question)
        return self.answer

    def show(self, conversation_id: int, visitor: int) -> None:
        self.selection.conversation, self.selection.visitor = conversation_id, visitor
        self.chat.show(conversation_id, visitor)


def last_delivery(desk: Desk) -> Delivery | None:
    return desk.messages.entries[-1].delivery


def welcome(*conversations: frames.ConversationInfo) -> frames.LoginOk:
    return frames.LoginOk(
        v=1,
        agent=ALICE,
        token="t" * 32,
        token_expires=0,
        visitors=[],
        conversations=list(conversations),
        agents=[],
        server_time=0,
    )


def said(conversation: int, seq: int, text: str, author: AuthorKind) -> frames.ChatMessage:
    author_id = 7 if author is AuthorKind.VISITOR else ALICE.id
    return frames.ChatMessage(
        conversation=conversation,
        seq=seq,
        id=f"m{seq}",
        author=author,
        author_id=author_id,
        text=text,
        ts=1000.0 + seq,
    )


def chat_with_7(**changes: object) -> frames.ConversationInfo:
    """Conversation 3 of visitor 7, waiting."""
    info = frames.ConversationInfo(
        id=3, visitor=7, status=ConversationStatus.WAITING, created_at=1000.0
    )
    return msgspec.structs.replace(info, **changes)


@pytest.fixture
async def desk(tmp_path: Path) -> AsyncIterator[Desk]:
    cache = TranscriptCache(tmp_path / "cache.sqlite")
    await cache.open()
    yield Desk(cache)
    await cache.close()


async def test_a_question_in_the_chat_being_read_is_marked_read_and_does_not_pop_up(
    desk: Desk,
) -> None:
    desk.receive(welcome(chat_with_7()))
    desk.show(3, visitor=7)
    desk.receive(frames.Message(message=said(3, 1, "Any weekend class?", AuthorKind.VISITOR)))
    assert [e.text for e in desk.messages.entries] == ["Any weekend class?"]
    assert frames.AgentRead(conversation=3, seq=1) in desk.sent  # the visitor will see "seen"
    assert desk.notifier.shown == []

    desk.view.active = False  # the agent is in another program: it pops up, unread
    desk.receive(frames.Message(message=said(3, 2, "Hello?", AuthorKind.VISITOR)))
    assert desk.notifier.shown[-1][1].endswith("Hello?\u2069")
    row = desk.conversations.row(3)
    assert row is not None and row.unread == 1


async def test_a_refused_reply_shows_failed_and_is_sent_again_with_the_same_id(
    desk: Desk,
) -> None:
    desk.receive(welcome(chat_with_7()))
    desk.show(3, visitor=7)
    desk.chat.reply(3, "Saturdays, 9 to 12")
    sent = desk.sent[-1]
    assert isinstance(sent, frames.AgentSend) and last_delivery(desk) is Delivery.SENDING
    desk.receive(frames.Error(code=ErrorCode.UNAVAILABLE, detail="disk", ref=sent.id))
    assert last_delivery(desk) is Delivery.FAILED
    assert desk.said[-1] == "The relay refused: unavailable (disk)"
    desk.chat.retry(sent.id)
    assert desk.sent[-1] == sent  # the same id: the relay stores it once
    ack = frames.Ack(id=sent.id, conversation=3, seq=1, ts=1001.0)
    desk.receive(ack)
    assert [(e.text, e.delivery) for e in desk.messages.entries] == [
        ("Saturdays, 9 to 12", Delivery.SENT)
    ]  # the stored message took the pending one's place


async def test_a_reply_into_a_colleagues_chat_says_who_answers_and_waits_to_be_retried(
    desk: Desk,
) -> None:
    desk.receive(welcome(chat_with_7()))
    desk.show(3, visitor=7)
    desk.chat.reply(3, "Hello!")
    sent = desk.sent[-1]
    assert isinstance(sent, frames.AgentSend)
    refusal = "Alice <b>Chen</b> is answering this chat"
    desk.receive(frames.Error(code=ErrorCode.FORBIDDEN, detail=refusal, ref=sent.id))
    assert last_delivery(desk) is Delivery.FAILED
    assert desk.said[-1].startswith("Not sent: ") and "Alice <b>Chen</b>" in desk.said[-1]
    # A reconnect does not send it again; the agent's double-click does.
    resent = desk.chat.session.welcomed(welcome(chat_with_7()))
    assert sent not in resent
    desk.chat.retry(sent.id)
    assert desk.sent[-1] == sent


async def test_the_welcome_lists_every_chat_with_its_last_message_and_read_marks(
    desk: Desk,
) -> None:
    last = said(3, 4, "Thanks!", AuthorKind.VISITOR)
    desk.receive(welcome(chat_with_7(last_message=last, visitor_read_seq=3)))
    row = desk.conversations.row(3)
    assert row is not None and row.last_text == "Thanks!" and row.unanswered()
    assert desk.chat.visitor_read[3] == 3
    assert desk.sent == []  # nothing is read until the agent opens the chat


async def test_closing_an_unanswered_chat_asks_first_and_an_answered_one_does_not(
    desk: Desk,
) -> None:
    desk.receive(welcome(chat_with_7(last_message=said(3, 1, "?", AuthorKind.VISITOR))))
    desk.conversation_feature.close(3)
    assert "is still waiting for an answer" in desk.asked[-1] and desk.sent == []
    desk.answer = True
    desk.conversation_feature.close(3)
    assert desk.sent == [frames.Close(conversation=3)]
    desk.receive(frames.Message(message=said(3, 2, "Yes.", AuthorKind.AGENT)))
    desk.conversation_feature.close(3)
    assert len(desk.asked) == 2  # answered: closed without asking


async def test_a_watched_visitor_who_starts_a_chat_opens_it_and_a_leaver_is_followed(
    desk: Desk,
) -> None:
    desk.receive(welcome())
    desk.selection.visitor = 7  # watching, no chat yet
    desk.receive(frames.ConversationOpened(conversation=chat_with_7()))
    assert desk.opened == [3]
    assert desk.notifier.shown  # and a new chat pops up
    desk.receive(frames.VisitorLeft(visitor=7, ts=1100.0))
    assert desk.sent[-1] == frames.DetailsRequest(visitor=7)  # the path is asked for again
    assert desk.visitor_feature.name_of(7) == "Visitor #7"


async def test_what_a_visitor_typed_before_the_agent_picked_them_shows_at_once(
    desk: Desk,
) -> None:
    desk.receive(welcome(chat_with_7()))
    desk.receive(frames.TypingPreview(visitor=7, conversation=3, text="Is there a weekend"))
    assert desk.view.preview == ""  # nobody is looking at visitor 7 yet
    desk.show(3, visitor=7)
    assert desk.view.preview == "Is there a weekend"
    desk.receive(
        frames.Message(message=said(3, 1, "Is there a weekend class?", AuthorKind.VISITOR))
    )
    assert desk.view.preview == ""
    desk.chat.show_none(7)
    assert desk.view.preview == ""  # sent: no longer a draft


async def test_a_visitor_back_after_a_relay_restart_is_not_announced_as_a_new_arrival(
    desk: Desk,
) -> None:
    desk.receive(welcome())
    bob = frames.VisitorInfo(id=9, site="demo", first_seen=1000.0, last_seen=1000.0, name="Bob")
    desk.receive(frames.VisitorsChanged(updated=[bob], left=[]))
    assert [title for title, _ in desk.notifier.shown] == ["\u2068Bob\u2069"]
    desk.receive(frames.VisitorsChanged(updated=[], left=[9]))  # the relay restarts …
    desk.receive(frames.VisitorsChanged(updated=[bob], left=[]))  # … and Bob reconnects
    assert len(desk.notifier.shown) == 1


async def test_the_time_on_the_current_page_goes_on_as_the_clock_ticks(desk: Desk) -> None:
    desk.receive(welcome())
    desk.selection.visitor = 7
    desk.receive(frames.VisitorDetails(visitor=7, path=[], visits=[], conversations=[]))
    desk.visitor_feature.refresh_details()  # the desk's ticker, every 10 s
    (first, shown_at), (again, shown_later) = desk.view.details
    assert first == again == 7 and shown_later >= shown_at
    desk.selection.visitor = 8  # another visitor chosen: the old details are not redrawn
    desk.visitor_feature.refresh_details()
    assert len(desk.view.details) == 2


async def test_a_visitor_who_left_is_shown_as_last_seen_not_as_dashes(desk: Desk) -> None:
    desk.receive(welcome())
    ana = frames.VisitorInfo(
        id=9, site="demo", first_seen=1000.0, last_seen=1000.0, location="杭州市, 浙江省"
    )
    desk.receive(frames.VisitorsChanged(updated=[ana], left=[]))
    desk.receive(frames.VisitorsChanged(updated=[], left=[9]))
    desk.visitor_feature.show(9)  # the agent opens the message she left
    assert desk.view.visitor_shown == (ana, False)  # where she was; not "on the site now"

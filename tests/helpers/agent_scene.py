"""The agent's main window mid-chat, filled by hand (no relay): visitors on the site,
conversations in every state, a transcript with a quote and a withdrawn message, the
visitor's details and path, phrases. For tests that look at every text a window shows
(translations, themes), and for screenshots."""

from __future__ import annotations

import time

from pytestqt.qtbot import QtBot

from agent_app.features.visitors import visitor_count_text
from agent_app.models import visitors as visitor_words
from agent_app.models.conversations import ConversationsModel
from agent_app.models.messages import MessagesModel
from agent_app.views.bubbles import MessageBubbleDelegate
from agent_app.views.cards import ConversationCardDelegate
from agent_app.views.main_window import MainWindow
from shared_protocol import frames
from shared_protocol.frames import AuthorKind, ConversationStatus, PhraseKind

NOW = time.mktime((2026, 3, 14, 15, 30, 0, 0, 0, -1))  # the scene's clock


def visitors_on_site() -> list[frames.VisitorInfo]:
    return [
        frames.VisitorInfo(
            id=1,
            site="demo",
            first_seen=NOW - 86400 * 3,
            last_seen=NOW - 420,
            name="李华",
            page=frames.PageInfo(url="https://school.example/prices", title="学费"),
            visits=2,
            chats=1,
            conversation=11,
            ip="218.108.0.1",
            location="杭州市, 浙江省",
            device="Safari on iOS (phone)",
            source="search",
            source_name="Baidu",
            keyword="雅思周末班",
            landing=frames.PageInfo(
                url="https://school.example/courses/ielts",
                title="雅思周末班",
                referrer="https://www.baidu.com/s?wd=%E9%9B%85%E6%80%9D",
            ),
        ),
        frames.VisitorInfo(
            id=2,
            site="demo",
            first_seen=NOW - 3900,
            last_seen=NOW - 3900,
            page=frames.PageInfo(url="https://school.example/", title="Northwind School"),
            ip="202.179.0.1",
            location="Улаанбаатар",
            source="direct",
        ),
        frames.VisitorInfo(
            id=3,
            site="demo",
            first_seen=NOW - 60,
            last_seen=NOW - 60,
            name="Болд",
            page=frames.PageInfo(url="https://school.example/contact", title="Холбоо барих"),
            source="paid_search",
            source_name="Google",
            keyword="англи хэл",
            location="Дархан",
        ),
    ]


def _message(
    seq: int, author: AuthorKind, text: str, name: str, **extra: object
) -> frames.ChatMessage:
    return frames.ChatMessage(
        conversation=11,
        seq=seq,
        id=f"m{seq}",
        author=author,
        author_id=7 if author is AuthorKind.AGENT else 1,
        text=text,
        ts=NOW - 400 + seq * 40,
        author_name=name,
        **extra,  # type: ignore[arg-type]
    )


def agent_scene(qtbot: QtBot) -> MainWindow:
    """The main window as an agent sees it mid-chat: visitors on the site, conversations
    (waiting, left offline, closed), a transcript with a quote and a withdrawn message,
    the visitor's details and path, phrases. Built with models filled by hand."""
    visitors = visitor_words.VisitorsModel(clock=lambda: NOW)
    visitors.reset(visitors_on_site())
    conversations = ConversationsModel(clock=lambda: NOW)
    chat = frames.ConversationInfo(
        id=11, visitor=1, status=ConversationStatus.ACTIVE, created_at=NOW - 400, agent=7
    )
    conversations.upsert(chat, "李华")
    conversations.upsert(
        frames.ConversationInfo(
            id=12, visitor=2, status=ConversationStatus.WAITING, created_at=NOW - 300
        )
    )
    conversations.upsert(
        frames.ConversationInfo(
            id=13,
            visitor=4,
            status=ConversationStatus.WAITING,
            created_at=NOW - 7200,
            offline=True,
            contact=frames.VisitorContact(name="Jean-Pierre", email="jp@example.fr"),
        )
    )
    messages = MessagesModel(my_agent_id=7)
    transcript = [
        _message(1, AuthorKind.VISITOR, "你好，雅思周末班还有名额吗？", "李华"),
        _message(2, AuthorKind.AGENT, "您好！还有名额，下周六开课。", "王老师"),
        _message(3, AuthorKind.AGENT, "", "王老师", withdrawn=True),
        _message(
            4,
            AuthorKind.VISITOR,
            "学费是多少？可以分两次付吗？",
            "李华",
            reply_to=frames.Quote(
                seq=2,
                author=AuthorKind.AGENT,
                author_name="王老师",
                text="您好！还有名额，下周六开课。",
            ),
        ),
    ]
    for message in transcript:
        messages.add(message)
        conversations.message(message, read=message.seq < 4)
    conversations.message(
        frames.ChatMessage(
            conversation=12,
            seq=1,
            id="w1",
            author=AuthorKind.VISITOR,
            author_id=2,
            text="Сайн байна уу, үнийн мэдээлэл авах гэсэн юм",
            ts=NOW - 290,
        ),
        read=False,
    )
    conversations.message(
        frames.ChatMessage(
            conversation=13,
            seq=1,
            id="o1",
            author=AuthorKind.VISITOR,
            author_id=4,
            text="Please call me back about the summer course.",
            ts=NOW - 7000,
        ),
        read=True,
    )
    for info in visitors.all():
        conversations.set_visitor(info)
    window = MainWindow(visitors, conversations, messages)
    qtbot.addWidget(window)
    # The delegates on the scene's clock, so waiting times and days read as on that day.
    cards = window.conversation_list
    cards.setItemDelegate(ConversationCardDelegate(cards, clock=lambda: NOW))
    window.transcript.setItemDelegate(MessageBubbleDelegate(window.transcript, clock=lambda: NOW))
    window.show_conversation(chat, "李华 · 杭州市, 浙江省")
    first = visitors_on_site()[0]
    window.show_visitor(first)
    window.show_details(
        frames.VisitorDetails(
            visitor=1,
            path=[
                frames.PageVisit(
                    "https://school.example/courses/ielts", "雅思周末班", NOW - 700, NOW - 540
                ),
                frames.PageVisit("https://school.example/prices", "学费", NOW - 540),
            ],
            visits=[
                frames.VisitSummary(number=2, started_at=NOW - 700, pages=2),
                frames.VisitSummary(
                    number=1, started_at=NOW - 86400 * 3, pages=1, source_name="Baidu"
                ),
            ],
            conversations=[
                frames.ConversationInfo(
                    id=5,
                    visitor=1,
                    status=ConversationStatus.CLOSED,
                    created_at=NOW - 86400 * 3,
                    last_seq=1,
                )
            ],
        ),
        NOW,
    )
    window.show_preview("周六上午还是下午")
    window.phrases.show_phrases(
        [
            frames.Phrase(
                id=1,
                title="周末班价格",
                text="{visitor.name|您}好，周末班 3200 元。",
                category="价格/雅思",
                shortcut="price",
                shared=True,
            ),
            frames.Phrase(
                id=2,
                title="地图",
                kind=PhraseKind.LINK,
                url="https://school.example/map",
                category="到校",
                shared=True,
            ),
            frames.Phrase(id=3, title="问候", text="您好，我是{agent.name}。", shortcut="hi"),
        ],
        may_share=True,
    )
    window.show_connection("")
    window.resize(1280, 760)
    return window


# ------------------------------------------------------------------ helpers


def more_visitors() -> list[frames.VisitorInfo]:
    """Visitors who came while the scene's chat went on, to be invited."""

    def page(path: str, title: str) -> frames.PageInfo:
        return frames.PageInfo(url=f"https://school.example{path}", title=title)

    return [
        frames.VisitorInfo(
            id=5,
            site="demo",
            first_seen=NOW - 900,
            last_seen=NOW - 900,
            name="王芳",
            page=page("/prices", "学费"),
            location="上海市",
            source="search",
            source_name="Baidu",
            keyword="雅思 价格",
        ),
        frames.VisitorInfo(
            id=6,
            site="demo",
            first_seen=NOW - 1500,
            last_seen=NOW - 1500,
            name="Jean-Pierre",
            page=page("/courses/french", "French for beginners"),
            location="Lyon, FR",
            source="referral",
            source_name="forum.example.org",
            visits=3,
        ),
        frames.VisitorInfo(
            id=7,
            site="demo",
            first_seen=NOW - 240,
            last_seen=NOW - 240,
            page=page("/courses/ielts", "雅思周末班"),
            location="北京市",
            source="search",
            source_name="Sogou",
        ),
        frames.VisitorInfo(
            id=8,
            site="demo",
            first_seen=NOW - 120,
            last_seen=NOW - 120,
            name="Сараа",
            page=page("/prices", "Үнэ"),
            location="Улаанбаатар",
            source="social",
            source_name="Facebook",
        ),
    ]


def scene_invitations() -> list[frames.InvitationInfo]:
    """One invitation in every state, on the scene's visitors (Alice is agent 7)."""

    def sent(
        invitation: int, visitor: int, status: str, ago: float, **extra: object
    ) -> frames.InvitationInfo:
        return frames.InvitationInfo(
            id=invitation,
            visitor=visitor,
            site="demo",
            status=status,  # type: ignore[arg-type]
            text=str(extra.pop("text", "")),
            at=NOW - ago + 15,
            sent_at=NOW - ago,
            **extra,  # type: ignore[arg-type]
        )

    return [
        sent(21, 3, "shown", 40, agent=7, agent_name="王老师", text="您好！需要帮您看看课程吗？"),
        sent(22, 2, "sent", 10, rule="学费页面 · 百度"),
        sent(23, 5, "accepted", 300, agent=7, agent_name="王老师"),
        sent(24, 6, "declined", 200, agent=9, agent_name="Bob", text="Bonjour ! Une question ?"),
        sent(25, 7, "expired", 150, rule="Exit intent"),
        sent(26, 8, "withdrawn", 90, agent=7, agent_name="王老师"),
    ]


def invited_scene(qtbot: QtBot) -> MainWindow:
    """The scene with more visitors, each with an invitation in another state, and the
    details of the one whose invitation is on their screen (so Withdraw shows)."""
    window = agent_scene(qtbot)
    model = window.visitor_proxy.sourceModel()
    assert isinstance(model, visitor_words.VisitorsModel)
    for info in more_visitors():
        model.upsert(info)
    for invitation in scene_invitations():
        model.set_invitation(invitation.visitor, invitation)
    window.show_visitor_count(visitor_count_text(model.all()))
    bold = next(v for v in visitors_on_site() if v.id == 3)
    window.selection.visitor = 3
    window.show_visitor(bold)
    window.show_invitation(scene_invitations()[0], can_invite=False, can_withdraw=True)
    return window

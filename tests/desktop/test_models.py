"""The agent app's models on their own, without windows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt

from agent_app.models.conversations import (
    UNANSWERED_ROLE,
    ConversationFilter,
    ConversationsModel,
    Group,
)
from agent_app.models.messages import Delivery, Entry, MessagesModel
from agent_app.models.visitors import SORT_ROLE, VISITOR_ID_ROLE, VisitorsModel
from shared_protocol import frames
from shared_protocol.frames import AuthorKind, ConversationStatus

NOW = 1_800_000_000.0


def visitor(number: int, name: str = "", visits: int = 1) -> frames.VisitorInfo:
    return frames.VisitorInfo(
        id=number,
        site="demo",
        first_seen=NOW - 86400,
        last_seen=NOW - 60 * number,
        name=name,
        visits=visits,
        page=frames.PageInfo(
            url=f"https://s.example/{number}",
            title=f"Page {number}",
            referrer="https://www.baidu.com/s?wd=x" if number % 2 else "",
        ),
    )


def message(conversation: int, seq: int, author: AuthorKind, ts: float) -> frames.ChatMessage:
    return frames.ChatMessage(
        conversation=conversation,
        seq=seq,
        id=f"{conversation}-{seq}",
        author=author,
        author_id=1,
        text=f"text {seq}",
        ts=ts,
    )


def test_thousands_of_visitors_update_in_place_sort_and_filter() -> None:
    model = VisitorsModel(clock=lambda: NOW)
    model.reset([visitor(n) for n in range(1, 5001)])
    assert model.upsert(visitor(2500, name="Wang Fang", visits=3)) is False
    assert model.upsert(visitor(6000)) is True
    model.remove(10)
    assert model.rowCount() == 5000
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterFixedString("Wang")
    assert proxy.rowCount() == 1
    assert proxy.index(0, 0).data(VISITOR_ID_ROLE) == 2500
    assert proxy.index(0, 5).data(Qt.ItemDataRole.DisplayRole) == "3"
    proxy.setFilterFixedString("")
    proxy.sort(4, Qt.SortOrder.DescendingOrder)  # longest on the site first
    assert proxy.index(0, 0).data(VISITOR_ID_ROLE) == 6000
    assert model.get(3) is not None and model.data(model.index(2, 3)) == "\u2068www.baidu.com\u2069"
    assert model.data(model.index(1, 3)) == "\u2068Direct\u2069"


def test_unanswered_conversations_are_red_until_an_agent_replies() -> None:
    model = ConversationsModel(clock=lambda: NOW)
    info = frames.ConversationInfo(
        id=1, visitor=7, status=ConversationStatus.WAITING, created_at=NOW - 600
    )
    model.upsert(info, "Ana")
    model.message(message(1, 1, AuthorKind.VISITOR, NOW - 300), read=False)
    model.message(message(1, 2, AuthorKind.VISITOR, NOW - 120), read=False)
    index = model.index(0)
    assert index.data(UNANSWERED_ROLE) is True
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "2 new, waiting 5 min" in index.data(Qt.ItemDataRole.DisplayRole)
    assert model.unread_total() == 2
    model.message(message(1, 3, AuthorKind.AGENT, NOW - 60), read=True)
    assert index.data(UNANSWERED_ROLE) is False
    model.mark_read(1)
    assert model.unread_total() == 0


def test_whether_a_chat_waits_does_not_depend_on_the_order_messages_arrive_in() -> None:
    """After a login the newest message may come first and older pages after it: an old
    reply must not hide a newer question, nor an old question show an answered chat red."""
    info = frames.ConversationInfo(
        id=1, visitor=7, status=ConversationStatus.ACTIVE, created_at=NOW - 600
    )
    question = message(1, 3, AuthorKind.VISITOR, NOW - 60)
    old_reply = message(1, 2, AuthorKind.AGENT, NOW - 120)
    old_question = message(1, 1, AuthorKind.VISITOR, NOW - 300)
    for order in ([question, old_reply, old_question], [old_question, old_reply, question]):
        model = ConversationsModel(clock=lambda: NOW)
        model.upsert(info, "Ana")
        for arriving in order:
            model.message(arriving, read=True)
        row = model.row(1)
        assert row is not None and row.unanswered_since == NOW - 60, order
        assert row.last_seq == 3
    answered = [message(1, 2, AuthorKind.AGENT, NOW - 30), message(1, 1, AuthorKind.VISITOR, NOW)]
    model = ConversationsModel(clock=lambda: NOW)
    model.upsert(info, "Ana")
    for arriving in answered:
        model.message(arriving, read=True)
    assert model.index(0).data(UNANSWERED_ROLE) is False


def test_conversation_groups_waiting_mine_others_closed_today() -> None:
    model = ConversationsModel(clock=lambda: NOW)
    rows = [
        (1, ConversationStatus.WAITING, None, None),
        (2, ConversationStatus.ACTIVE, 5, None),
        (3, ConversationStatus.ACTIVE, 6, None),
        (4, ConversationStatus.CLOSED, 5, NOW - 60),
        (5, ConversationStatus.CLOSED, 5, NOW - 3 * 86400),
    ]
    for number, status, agent, closed in rows:
        model.upsert(
            frames.ConversationInfo(
                id=number,
                visitor=number,
                status=status,
                created_at=NOW - 900,
                agent=agent,
                closed_at=closed,
            )
        )
    shown = ConversationFilter(model, clock=lambda: NOW)
    shown.me = 5
    expected = {
        Group.ALL: {1, 2, 3},
        Group.WAITING: {1},
        Group.MINE: {2},
        Group.OTHERS: {3},
        Group.CLOSED_TODAY: {4},
    }
    for group, ids in expected.items():
        shown.set_group(group)
        assert {
            model.rows[shown.mapToSource(shown.index(r, 0)).row()].info.id
            for r in range(shown.rowCount())
        } == ids, group


def test_a_pending_reply_becomes_the_stored_message_in_its_place() -> None:
    model = MessagesModel(my_agent_id=1)
    model.show([message(9, 1, AuthorKind.VISITOR, NOW)], [])
    model.add_pending(
        Entry("mine", AuthorKind.AGENT, "Alice", "hello", NOW, None, Delivery.SENDING)
    )
    model.set_delivery("mine", Delivery.FAILED)
    assert "not sent" in model.index(1).data(Qt.ItemDataRole.DisplayRole)
    stored = frames.ChatMessage(
        conversation=9,
        seq=2,
        id="mine",
        author=AuthorKind.AGENT,
        author_id=1,
        text="hello",
        ts=NOW + 1,
        author_name="Alice",
    )
    model.add(stored)
    model.add(stored)  # delivered twice (resume after a reconnect): shown once
    assert model.rowCount() == 2
    assert model.entries[1].seq == 2 and model.entries[1].delivery is Delivery.SENT
    model.add(message(9, 3, AuthorKind.VISITOR, NOW + 2))
    assert [e.seq for e in model.entries] == [1, 2, 3]


def test_the_arrival_pop_up_says_where_from_how_and_whether_they_came_before() -> None:
    from agent_app.features.alerts import arrival_text

    info = frames.VisitorInfo(
        id=3,
        site="demo",
        first_seen=NOW,
        last_seen=NOW,
        visits=2,
        chats=1,
        location="杭州市, 浙江省",
        country="中国",
        region="浙江省",
        city="杭州市",
        source="search",
        source_name="Baidu",
        keyword="IELTS weekend course",
        landing=frames.PageInfo(url="https://s.example/courses/ielts", title="IELTS courses"),
    )
    assert arrival_text(info) == (
        "\u2068杭州市, 浙江省\u2069 · \u2068Baidu “IELTS weekend course”\u2069 · "
        "landed on \u2068IELTS courses\u2069 · visit 2, chatted 1× before"
    )  # what the visitor's side chose is bidi-isolated


@pytest.mark.parametrize(
    ("arrivals_from", "pages", "source", "visits", "url", "pops_up"),
    [
        ("all", "", "direct", 1, "https://s.example/", True),
        ("search", "", "search", 1, "https://s.example/", True),
        ("search", "", "paid_search", 1, "https://s.example/", True),
        ("search", "", "social", 3, "https://s.example/", False),
        ("returning", "", "search", 1, "https://s.example/", False),
        ("returning", "", "direct", 2, "https://s.example/", True),
        ("pages", "/courses, /prices", "direct", 1, "https://s.example/courses/ielts", True),
        ("pages", "/courses, /prices", "direct", 1, "https://s.example/contact", False),
        ("pages", "", "direct", 1, "https://s.example/courses", False),
    ],
)
def test_which_arrivals_pop_up_is_the_agents_choice(
    arrivals_from: str, pages: str, source: str, visits: int, url: str, pops_up: bool
) -> None:
    from agent_app.features.alerts import worth_a_pop_up
    from agent_app.settings import Preferences

    info = frames.VisitorInfo(
        id=1,
        site="demo",
        first_seen=NOW,
        last_seen=NOW,
        visits=visits,
        source=source,
        landing=frames.PageInfo(url=url),
    )
    preferences = Preferences(arrivals_from=arrivals_from, arrival_pages=pages)
    assert worth_a_pop_up(info, preferences) is pops_up
    assert worth_a_pop_up(info, Preferences(popup_arrivals=False)) is False


def test_visitors_are_counted_by_source() -> None:
    from agent_app.features.visitors import visitor_count_text

    def arrived(source: str) -> frames.VisitorInfo:
        return frames.VisitorInfo(id=1, site="d", first_seen=0, last_seen=0, source=source)

    crowd = [arrived(s) for s in ("search", "search", "paid_search", "", "direct", "social")]
    assert visitor_count_text(crowd) == "6 on the site now: search 2, direct 2, ads 1, social 1"
    assert visitor_count_text([]) == "Nobody on the site"


def test_time_on_a_page_runs_until_it_is_left() -> None:
    from agent_app.views.visitor_details import dwell

    left = frames.PageVisit(url="u", title="t", entered_at=NOW, left_at=NOW + 125)
    here = frames.PageVisit(url="u", title="t", entered_at=NOW)
    assert dwell(left, NOW + 999) == "2 min 05 s"
    assert dwell(here, NOW + 42) == "42 s, here now"
    assert dwell(here, NOW - 5) == "0 s, here now"  # a clock behind the relay's: not negative

"""A chat that leaves this agent's view, in the app against the real relay
(docs/protocol.md §6.8, "Out of view"): Bob (Sales) hands a chat to Student services and
Sun takes it; an admin takes Sales away from Bob. The rows leave the open lists for the
day's list of chats over, the chat on screen says where it went and takes no reply, the
banner drops an offer, the transcript stays in the cache, and nothing breaks."""

from __future__ import annotations

import os
import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from agent_app.models.conversations import CONVERSATION_ID_ROLE, Group, OutOfView
from relay.core.credentials import hash_password
from relay.features import departments
from shared_protocol import frames
from shared_protocol.frames import ConversationStatus
from tests.helpers.desk import Running, plain, stop_desk, until
from tests.helpers.relay_fixtures import AGENT_PASSWORD, RunningRelay
from tests.helpers.teams import (
    PASSWORD,
    colleague,
    desk_as,
    offered_to_me,
    record_sent,
    sent_of,
    set_up_teams,
    visitor_in,
)

# A department name a hostile admin (or a copy-paste) could give: shown as text only.
SERVICES = "Student services <b>{{x}}</b>"


def _listed(running: Running, group: Group) -> list[int]:
    window = running.desk.window
    window.group.setCurrentIndex(window.group.findData(group))  # as the agent picks it
    proxy = window.conversation_proxy
    assert proxy.group is group
    return [proxy.index(i, 0).data(CONVERSATION_ID_ROLE) for i in range(proxy.rowCount())]


async def _with_sun(relay: RunningRelay) -> tuple[int, int, int]:
    """set_up_teams, Support renamed Student services, and Sun in it."""
    teams = await set_up_teams(relay)
    store = relay.relay.store
    site = await store.get_site("demo")
    assert site is not None
    await store.save_department(site.id, teams.support, SERVICES, "{}", time.time())
    await store.add_agent("sun", "Sun", "agent", hash_password(PASSWORD), time.time())
    await store.set_agent_departments("sun", [teams.support])
    departments.forget(relay.relay.ctx, site.id)
    return teams.sales, teams.support, teams.bob


async def test_a_chat_taken_into_another_department_leaves_the_old_owners_open_lists(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    sales, services, bob_id = await _with_sun(relay)
    running = await desk_as(qtbot, tmp_path, relay, "bob")
    desk, chat = running.desk, running.desk.window.chat
    sun, sun_in = await colleague(relay, "sun")
    visitor, _welcome, ack = await visitor_in(relay, sales, "Jean-Pierre", "Can I defer?")
    conversation = ack.conversation
    try:
        await offered_to_me(desk, conversation)
        desk.routing.accept(conversation)  # the banner's Accept: taken, and opened
        await until(
            lambda: (
                (r := desk.conversations.row(conversation)) is not None and r.info.agent == bob_id
            )
        )
        await until(lambda: len(desk.transcripts.get(conversation, {})) >= 1)
        desk.routing.transfer(conversation, None, services, "Asks to defer to May")
        moving = await sun.expect(frames.ConversationUpdated)
        while moving.conversation.status is not ConversationStatus.TRANSFERRING:
            moving = await sun.expect(frames.ConversationUpdated)
        await until(
            lambda: (
                (r := desk.conversations.row(conversation)) is not None
                and r.info.status is ConversationStatus.TRANSFERRING
            )
        )
        sent = record_sent(running)
        await sun.send(frames.Accept(conversation=conversation))

        await until(
            lambda: (
                (r := desk.conversations.row(conversation)) is not None
                and r.out_of_view is OutOfView.HANDED_ON
            )
        )
        row = desk.conversations.row(conversation)
        assert row is not None and row.info.agent == sun_in.agent.id
        assert row.info.department == services
        # Gone from the open lists; with the day's chats that are over, marked handed on.
        assert conversation not in _listed(running, Group.ALL)
        assert conversation not in _listed(running, Group.MINE)
        assert conversation in _listed(running, Group.CLOSED_TODAY)
        assert row.routing_word == "handed on"
        # The chat on screen says where it went; it takes no reply and hands nothing on.
        assert desk.selection.conversation == conversation
        title = plain(chat.chat_title.text()).replace("\xa0", " ")
        assert "handed on\nHanded to Student services <b>{{x}}</b>" in title
        assert not chat.reply.isEnabled() and not chat.close_button.isEnabled()
        assert not chat.transfer_button.isVisibleTo(chat)
        assert not chat.accept_button.isEnabled()
        assert desk.conversations.unread_total() == 0
        # The visitor went with the chat: their row left Bob's list too.
        await until(lambda: desk.visitors.get(row.info.visitor) is None)
        # The transcript stays readable here and in the cache, with the chat as it is now.
        assert any(m.text == "Can I defer?" for m in desk.transcripts[conversation].values())
        await desk.settle()
        cached = {info.id: info for info in await desk.cache.conversations()}
        assert cached[conversation].department == services
        assert any(m.text == "Can I defer?" for m in await desk.cache.messages(conversation))
        shots = os.environ.get("PARLEY_SCREENSHOTS")
        if shots:
            desk.window.resize(1400, 760)
            desk.window.grab().save(str(Path(shots) / "app-handed-on.png"))
        # Choosing it again (from the day's list) shows it the same way, nothing breaks.
        desk.open_conversation(conversation)
        assert "Handed to" in chat.chat_title.text() and not chat.reply.isEnabled()
        # Nothing was sent about it that the relay refuses (details of a visitor of
        # another department, a read mark): the status bar shows no refusal.
        assert sent_of(sent, frames.DetailsRequest) == []
        assert "refused" not in desk.window.statusBar().currentMessage()

        # Bob starts the app again (the same profile): the chat from the cache is still
        # handed on, and opening it asks the relay nothing it refuses (no read mark).
        await stop_desk(running)
        running = await desk_as(qtbot, tmp_path, relay, "bob")
        desk, chat = running.desk, running.desk.window.chat
        sent = record_sent(running)
        await until(
            lambda: (
                (r := desk.conversations.row(conversation)) is not None
                and r.out_of_view is OutOfView.HANDED_ON
            )
        )
        desk.open_conversation(conversation)
        assert "Handed to" in chat.chat_title.text() and not chat.reply.isEnabled()
        assert sent_of(sent, frames.AgentRead) == sent_of(sent, frames.DetailsRequest) == []
    finally:
        await visitor.close()
        await sun.close()
        await stop_desk(running)


async def test_chats_of_a_department_an_admin_takes_away_leave_the_app_at_once(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    sales, services, bob_id = await _with_sun(relay)
    running = await desk_as(qtbot, tmp_path, relay, "bob")
    desk, chat = running.desk, running.desk.window.chat
    visitor, _welcome, ack = await visitor_in(relay, sales, "李华", "还有名额吗？")
    conversation = ack.conversation
    await offered_to_me(desk, conversation)  # Bob alone is there to be offered it
    admin, _ = await colleague(relay, "alice", AGENT_PASSWORD)
    try:
        assert conversation in desk.routing.offers
        desk.open_conversation(conversation)
        assert conversation in _listed(running, Group.WAITING)

        await admin.send(
            frames.AgentRoutingSave(agent=bob_id, role="agent", departments=[services], skills=[])
        )
        await until(
            lambda: (
                (r := desk.conversations.row(conversation)) is not None
                and r.out_of_view is OutOfView.NOT_MINE
            )
        )
        assert conversation not in _listed(running, Group.WAITING)
        assert conversation not in _listed(running, Group.ALL)
        assert conversation not in desk.routing.offers  # the banner dropped the offer
        title = plain(chat.chat_title.text()).replace("\xa0", " ")
        assert "Sales is no longer yours to answer" in title
        assert not chat.reply.isEnabled()
        # Given Sales again, the chat is back in the lists.
        await admin.send(
            frames.AgentRoutingSave(
                agent=bob_id, role="agent", departments=[sales, services], skills=[]
            )
        )
        await until(
            lambda: (
                (r := desk.conversations.row(conversation)) is not None and r.out_of_view is None
            )
        )
        assert conversation in _listed(running, Group.ALL)
    finally:
        await visitor.close()
        await admin.close()
        await stop_desk(running)

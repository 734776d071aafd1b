"""Teams in the agent app against the real relay (docs/routing.md): a chat offered to the
agent pops up with Accept and Decline (on a private D-Bus notification server) and shows
in the banner with its countdown; transfer and escalate send what the agent chose with
the note; a transfer to the agent shows its note with Accept/Decline; a supervisor's
note reads as a whisper and never reaches the visitor; a supervisor barges in from the
live view; the list filters by department and shows the queue first come first.

The relay's assigner offers the chats (Alice alone Online in Sales gets them); transfer,
escalate, barge and the team's frames are the relay's own (relay/features/transfers.py,
team_admin.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from agent_app.models.conversations import CONVERSATION_ID_ROLE, Group
from agent_app.models.messages import Entry
from agent_app.notify import FreedesktopNotifier, NotifierChain
from agent_app.views.transfer_dialog import EscalateDialog, OwnerDialog, TransferDialog
from relay.features.agents import set_status_of
from shared_protocol import frames
from shared_protocol.frames import ConversationStatus
from tests.helpers.desk import online_desk, plain, stop_desk, until
from tests.helpers.notifications import NotificationServer, needs_dbus
from tests.helpers.relay_fixtures import AGENT_PASSWORD, RunningRelay
from tests.helpers.teams import (
    colleague,
    desk_as,
    offered_to_me,
    record_sent,
    sent_of,
    set_up_teams,
    visitor_in,
)


@needs_dbus
async def test_an_offer_pops_up_and_its_accept_action_takes_the_chat(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay, session_bus: str
) -> None:
    teams = await set_up_teams(relay)
    server = NotificationServer(["body", "actions"])
    server.start()
    notifier = FreedesktopNotifier()
    running = await online_desk(qtbot, tmp_path, relay, NotifierChain([lambda: notifier]))
    desk = running.desk
    started: list[int] = []  # "started a chat" pop-ups: none for a chat routing offers
    started_chat = desk.alerts.started_chat

    def noting_started_chat(visitor_id: int) -> None:
        started.append(visitor_id)
        started_chat(visitor_id)

    desk.alerts.started_chat = noting_started_chat  # type: ignore[method-assign]
    visitor, _welcome, ack = await visitor_in(relay, teams.sales, "李华", "雅思周末班还有名额吗？")
    try:
        await until(lambda: desk.conversations.row(ack.conversation) is not None)
        chimes = desk.chime.played
        await offered_to_me(desk, ack.conversation)
        await until(lambda: any(title.startswith("Chat offered") for _n, title, *_ in server.shown))
        number, title, body, actions = next(s for s in server.shown if "offered" in s[1])
        assert plain(title) == "Chat offered: 李华"
        assert "Sales" in body and "to accept" in body
        assert actions == ["default", "Open", "accept", "Accept", "decline", "Decline"]
        assert desk.chime.played == chimes + 1
        assert started == []  # one pop-up, the offer's, not a second one for the new chat
        # The same choice in the app, with the time left.
        banner = desk.window.offers
        assert banner.isVisibleTo(desk.window) and list(banner.rows) == [ack.conversation]
        row = banner.rows[ack.conversation]
        assert plain(row.headline.text()) == "Chat offered to you: 李华 · Sales"
        assert row.timer.text().endswith("left") and row.timer.text()[0].isdigit()
        assert "雅思周末班" in plain(row.detail.text())

        server.invoke(number, "accept")  # the pop-up's Accept: `accept` to the relay
        await until(
            lambda: (
                (info := desk.conversations.row(ack.conversation)) is not None
                and info.info.status is ConversationStatus.ACTIVE
                and info.info.agent == teams.alice
            )
        )
        assert desk.selection.conversation == ack.conversation
        await until(lambda: not banner.rows)  # the offer ended: taken
        assert not banner.isVisibleTo(desk.window)
        joined = await visitor.expect(frames.AgentJoined)
        assert joined.agent.name == "Alice"
    finally:
        await visitor.close()
        await stop_desk(running)
        notifier.close()
        server.close()


async def test_decline_in_the_banner_sends_decline_and_the_relay_goes_round_again(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    teams = await set_up_teams(relay)
    running = await online_desk(qtbot, tmp_path, relay)
    desk = running.desk
    sent = record_sent(running)
    visitor, _welcome, ack = await visitor_in(relay, teams.sales, "Bat", "Price?")
    try:
        first = await offered_to_me(desk, ack.conversation)
        popup = running.notifier
        assert [a.key for a in popup.actions[-1]] == ["accept", "decline"]
        chimes = desk.chime.played
        row = desk.window.offers.rows[ack.conversation]
        row.no_button.click()  # Decline
        assert sent_of(sent, frames.Decline) == [frames.Decline(conversation=ack.conversation)]
        assert not desk.window.offers.rows and not desk.window.offers.isVisibleTo(desk.window)
        assert sent_of(sent, frames.Accept) == []
        # Alice was the only one who could take it: once everyone eligible declined, the
        # relay forgets the declines and offers it again, with a new deadline.
        await until(
            lambda: (
                (r := desk.conversations.row(ack.conversation)) is not None
                and r.info.offer_deadline not in (None, first.offer_deadline)
            )
        )
        assert list(desk.window.offers.rows) == [ack.conversation]
        assert desk.chime.played == chimes + 1
        chat = desk.conversations.row(ack.conversation)
        assert chat is not None and chat.info.agent is None
    finally:
        await visitor.close()
        await stop_desk(running)


async def test_the_queue_lists_waiting_chats_first_come_with_their_department_and_filters(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    teams = await set_up_teams(relay)
    running = await online_desk(qtbot, tmp_path, relay)  # the admin sees every department
    desk, window = running.desk, running.desk.window
    first = await visitor_in(relay, teams.sales, "First", "one")
    second = await visitor_in(relay, teams.support, "Second", "two")
    third = await visitor_in(relay, teams.sales, "Third", "three")
    try:
        ids = [v[2].conversation for v in (first, second, third)]
        await until(lambda: all(desk.conversations.row(c) is not None for c in ids))
        choices = window.department_filter
        filter_names = [plain(choices.itemText(i)) for i in range(choices.count())]
        assert filter_names == ["All departments", "Sales", "Support"]
        window.group.setCurrentIndex(window.group.findData(Group.WAITING))
        proxy = window.conversation_proxy

        def listed() -> list[int]:
            return [proxy.index(r, 0).data(CONVERSATION_ID_ROLE) for r in range(proxy.rowCount())]

        assert listed() == ids
        rows = [desk.conversations.row(c) for c in ids]
        assert [r.department_name for r in rows if r] == ["Sales", "Support", "Sales"]
        choices.setCurrentIndex(choices.findData(teams.sales))
        assert listed() == [ids[0], ids[2]]
        choices.setCurrentIndex(0)
        assert proxy.rowCount() == 3
    finally:
        for visitor, *_rest in (first, second, third):
            await visitor.close()
        await stop_desk(running)


async def test_transfer_to_a_colleague_with_a_note_and_the_header_shows_it_under_way(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    teams = await set_up_teams(relay)
    bob, _ = await colleague(relay, "bob")
    running = await online_desk(qtbot, tmp_path, relay)
    desk, chat = running.desk, running.desk.window.chat
    sent = record_sent(running)
    visitor, _welcome, ack = await visitor_in(relay, teams.sales, "Jean-Pierre", "Refund?")
    try:
        await until(lambda: desk.conversations.row(ack.conversation) is not None)
        desk.open_conversation(ack.conversation)
        chat.accept_button.click()
        await until(
            lambda: (
                (row := desk.conversations.row(ack.conversation)) is not None
                and row.info.agent == teams.alice
            )
        )
        assert chat.transfer_button.isVisibleTo(chat)
        assert plain(chat.routing_line.text()) == "Owner: Alice · Department: Sales"

        chat.transfer_button.click()
        dialog = desk.routing.dialog
        assert isinstance(dialog, TransferDialog) and dialog.isVisible()
        lines = [plain(dialog.agents.item(i).text()) for i in range(dialog.agents.count())]
        assert "Bob · online · Sales · level 2" in lines
        departments = [dialog.departments.item(i).text() for i in range(dialog.departments.count())]
        assert [plain(d) for d in departments] == ["Sales", "Support"]
        assert not dialog.transfer_button.isEnabled()  # nobody chosen yet
        dialog.choose_agent(teams.bob)
        dialog.note.setPlainText("Wants a refund for the May course; paid by card.")
        dialog.transfer_button.click()
        assert sent_of(sent, frames.TransferRequest) == [
            frames.TransferRequest(
                conversation=ack.conversation,
                agent=teams.bob,
                note="Wants a refund for the May course; paid by card.",
            )
        ]
        assert desk.routing.dialog is None or not dialog.isVisible()

        # While the relay hands it over, the header says to whom and for how long.
        await until(
            lambda: (
                (r := desk.conversations.row(ack.conversation)) is not None
                and r.info.status is ConversationStatus.TRANSFERRING
            )
        )
        line = plain(chat.routing_line.text())
        assert "Transferring to Bob until" in line and "left)" in line
        assert "Handover note: Wants a refund" in line
        assert desk.routing.ticker.isActive()  # the countdown goes on
        moving = await bob.expect(frames.ConversationUpdated)
        while moving.conversation.status is not ConversationStatus.TRANSFERRING:
            moving = await bob.expect(frames.ConversationUpdated)
        assert moving.conversation.transfer_to_agent == teams.bob
        # Bob declines: it stays Alice's, and her header says so again.
        await bob.send(frames.Decline(conversation=ack.conversation))
        await until(
            lambda: (
                (r := desk.conversations.row(ack.conversation)) is not None
                and r.info.status is ConversationStatus.ACTIVE
            )
        )
        assert "Transferring" not in plain(chat.routing_line.text())
        # To a department instead: the department's id goes, no agent.
        chat.transfer_button.click()
        dialog = desk.routing.dialog
        assert isinstance(dialog, TransferDialog)
        dialog.choose_department(teams.support)
        dialog.transfer_button.click()
        assert sent_of(sent, frames.TransferRequest)[-1] == frames.TransferRequest(
            conversation=ack.conversation, department=teams.support
        )
        await until(lambda: "Transferring to Support" in plain(chat.routing_line.text()))
    finally:
        await visitor.close()
        await bob.close()
        await stop_desk(running)


async def test_a_transfer_to_this_agent_shows_its_note_and_accept_takes_it(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    teams = await set_up_teams(relay)
    alice, _ = await colleague(relay, "alice", AGENT_PASSWORD)
    running = await desk_as(qtbot, tmp_path, relay, "bob")
    desk = running.desk
    sent = record_sent(running)
    visitor, _welcome, ack = await visitor_in(relay, teams.sales, "王芳", "退款怎么办？")
    try:
        await alice.send(frames.Accept(conversation=ack.conversation))
        await until(
            lambda: (
                (r := desk.conversations.row(ack.conversation)) is not None
                and r.info.agent == teams.alice
            )
        )
        note = "她要退五月的课 <b>VIP</b>"
        await alice.send(
            frames.TransferRequest(conversation=ack.conversation, agent=teams.bob, note=note)
        )
        banner = desk.window.offers
        await until(lambda: ack.conversation in banner.rows)
        await until(lambda: "VIP" in banner.rows[ack.conversation].detail.text())
        offer = banner.rows[ack.conversation]
        assert plain(offer.headline.text()) == "Alice transfers a chat to you: 王芳 · Sales"
        assert plain(offer.detail.text()).startswith("Note: 她要退五月的课 <b>VIP</b>")
        assert offer.detail.textFormat() is Qt.TextFormat.PlainText
        assert offer.timer.text().endswith("left")
        title, body = running.notifier.shown[-1]  # updated in place once the note came
        assert plain(title) == "Transfer to you: 王芳" and "from Alice" in plain(body)
        assert "她要退五月的课" in body
        row = desk.conversations.row(ack.conversation)
        assert row is not None and row.routing_word == "transfer to you"
        offer.yes_button.click()  # Accept
        assert sent_of(sent, frames.Accept) == [frames.Accept(conversation=ack.conversation)]
        assert desk.selection.conversation == ack.conversation
        await until(
            lambda: (
                (r := desk.conversations.row(ack.conversation)) is not None
                and r.info.agent == teams.bob
                and r.info.status is ConversationStatus.ACTIVE
            )
        )
        assert not banner.rows
        # The transcript carries the handover note as a note, never the visitor's.
        await until(lambda: any(note in e.text for e in desk.messages.entries))
        handover = next(e for e in desk.messages.entries if note in e.text)
        assert handover.internal
    finally:
        await visitor.close()
        await alice.close()
        await stop_desk(running)


async def test_escalate_is_offered_when_a_senior_is_in_the_department_and_sends_the_note(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    teams = await set_up_teams(relay)
    running = await online_desk(qtbot, tmp_path, relay)
    desk, chat = running.desk, running.desk.window.chat
    sent = record_sent(running)
    visitor, _welcome, ack = await visitor_in(relay, teams.sales, "Bat", "Contract question")
    try:
        await until(lambda: desk.conversations.row(ack.conversation) is not None)
        desk.open_conversation(ack.conversation)
        chat.accept_button.click()
        await until(lambda: chat.transfer_button.isVisibleTo(chat))
        assert not chat.escalate_button.isVisibleTo(chat)  # no senior of Sales connected
        bob, _ = await colleague(relay, "bob")  # level 2
        try:
            await until(lambda: chat.escalate_button.isVisibleTo(chat))
            chat.escalate_button.click()
            dialog = desk.routing.dialog
            assert isinstance(dialog, EscalateDialog)
            assert "Sales" in plain(dialog.explanation.text())
            dialog.note.setPlainText("Needs someone who can sign the contract")
            dialog.escalate_button.click()
            assert sent_of(sent, frames.Escalate) == [
                frames.Escalate(
                    conversation=ack.conversation, note="Needs someone who can sign the contract"
                )
            ]
            # Sales' seniors are asked; Alice's header says where it is going.
            moving = await bob.expect(frames.ConversationUpdated)
            while moving.conversation.status is not ConversationStatus.TRANSFERRING:
                moving = await bob.expect(frames.ConversationUpdated)
            assert moving.conversation.transfer_to_department == teams.sales
            await until(lambda: "Transferring to Sales" in plain(chat.routing_line.text()))
        finally:
            await bob.close()

    finally:
        await visitor.close()
        await stop_desk(running)


async def test_a_supervisors_note_shows_as_a_whisper_and_the_visitor_never_gets_notes(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    teams = await set_up_teams(relay)
    running = await online_desk(qtbot, tmp_path, relay)
    desk, chat = running.desk, running.desk.window.chat
    visitor, _welcome, ack = await visitor_in(relay, teams.sales, "李华", "你好")
    sue, _ = await colleague(relay, "sue")
    try:
        await until(lambda: desk.conversations.row(ack.conversation) is not None)
        desk.open_conversation(ack.conversation)
        chat.accept_button.click()
        await until(lambda: chat.transfer_button.isVisibleTo(chat))
        # Alice writes a note: the amber tab, never the visitor's.
        assert not chat.noting
        chat.compose_mode.setCurrentIndex(1)
        assert chat.send_button.text() == "Add note" and not chat.attach_button.isEnabled()
        chat.reply.setPlainText("Check her order first")
        chat.send_button.click()

        def mine(entry: Entry) -> bool:
            return entry.text == "Check her order first" and entry.seq is not None

        await until(lambda: any(mine(e) for e in desk.messages.entries))
        note = next(e for e in desk.messages.entries if mine(e))
        assert note.internal and not note.whisper
        # Sue, supervising Sales, whispers.
        await sue.send(
            frames.Note(id="w1", conversation=ack.conversation, text="Offer her the 10% code")
        )
        await until(lambda: any(e.text == "Offer her the 10% code" for e in desk.messages.entries))
        whisper = next(e for e in desk.messages.entries if e.text == "Offer her the 10% code")
        assert whisper.internal and whisper.whisper
        from agent_app.views.bubble_geometry import _name_text  # the header the bubble draws

        assert plain(_name_text(whisper, mine=False)) == "Sue · whisper"
        assert plain(_name_text(note, mine=True)) == "Internal note: the visitor does not see it"
        # The visitor got the agent's name (AgentJoined) and nothing of either note.
        await visitor.say("还在吗？")
        await asyncio.sleep(0.3)
        said = [f.message.text for f in visitor.take_all(frames.Message)]
        assert "Check her order first" not in said and "Offer her the 10% code" not in said
    finally:
        await visitor.close()
        await sue.close()
        await stop_desk(running)


async def test_a_supervisor_sees_every_chat_live_and_barges_in_or_takes_over(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    teams = await set_up_teams(relay)
    bob, _ = await colleague(relay, "bob")
    running = await desk_as(qtbot, tmp_path, relay, "sue")
    desk, window = running.desk, running.desk.window
    sent = record_sent(running)
    visitor, _welcome, ack = await visitor_in(relay, teams.sales, "Bat", "Hello")
    waiting, _w, waiting_ack = await visitor_in(relay, teams.sales, "Сараа", "Сайн байна уу")
    try:
        await bob.send(frames.Accept(conversation=ack.conversation))
        await until(
            lambda: (
                (r := desk.conversations.row(ack.conversation)) is not None
                and r.info.agent == teams.bob
            )
        )
        await until(lambda: desk.conversations.row(waiting_ack.conversation) is not None)
        assert window.supervise_action.isVisible() and not window.team_action.isVisible()
        view = desk.routing.open_supervision()
        assert view is not None and view.isVisible()
        # The chats already open show at once, before anything new happens in them.
        assert {c.conversation for c in view.chats} == {ack.conversation, waiting_ack.conversation}
        await visitor.send(frames.VisitorTyping(text="how much is the weekend cou"))
        await until(lambda: any("weekend" in c.typing for c in view.chats))
        rows = {c.conversation: c for c in view.chats}
        assert [c.conversation for c in view.chats] == [waiting_ack.conversation, ack.conversation]
        assert plain(rows[ack.conversation].agents) == "Bob"
        assert rows[ack.conversation].state == "active"
        assert rows[waiting_ack.conversation].untaken
        cells = [view.table.item(r, 5) for r in range(view.table.rowCount())]
        shown = [plain(cell.text()) for cell in cells if cell is not None]
        assert "how much is the weekend cou" in shown
        view.choose(waiting_ack.conversation)
        assert not view.join_button.isEnabled() and view.take_button.isEnabled()
        view.choose(ack.conversation)
        assert view.join_button.isEnabled()
        view.join_button.click()
        assert sent_of(sent, frames.Barge)[-1] == frames.Barge(conversation=ack.conversation)
        assert desk.selection.conversation == ack.conversation
        await until(lambda: "Supervising: Sue" in plain(window.chat.routing_line.text()))
        assert plain(window.chat.routing_line.text()).startswith("Owner: Bob")
        # Reading Bob's chat, Sue writes whispers.
        assert window.chat.noting and window.chat.whispering
        assert window.chat.send_button.text() == "Whisper"
        view.take_button.click()
        assert sent_of(sent, frames.Barge)[-1] == frames.Barge(
            conversation=ack.conversation, take_over=True
        )
        await until(
            lambda: (
                (r := desk.conversations.row(ack.conversation)) is not None
                and r.info.agent == teams.sue
            )
        )
        assert not window.chat.whispering  # her own chat now: replies again
    finally:
        await visitor.close()
        await waiting.close()
        await bob.close()
        await stop_desk(running)


async def test_the_admins_team_window_saves_a_department_and_shows_the_relays_refusal(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    teams = await set_up_teams(relay)
    running = await online_desk(qtbot, tmp_path, relay)
    desk = running.desk
    try:
        assert desk.window.team_action.isVisible()
        window = desk.routing.open_team()
        assert window is not None
        await until(lambda: window.team is not None)
        names = [plain(window.department_list.item(i).text()) for i in range(2)]
        assert names == ["Sales", "Support"]
        window.department_list.setCurrentRow(0)
        form = window.department_form
        assert form.department is not None and form.department.id == teams.sales
        # Hours the relay cannot read: its words beside the form, the field marked.
        form.hours.setText("mon-fri 25:00-18:00")
        form.save_button.click()
        await until(lambda: form.problem.isVisibleTo(window))
        assert plain(form.problem.text()).startswith("hours")
        assert form.labels["hours"].property("parley_tone") == "alert"
        assert form.labels["name"].property("parley_tone") is None
        # Tiers the form itself cannot read never go.
        form.hours.setText("mon-fri 09:00-18:00")
        form.tiers.setText("2 then 1")
        form.save_button.click()
        assert plain(form.problem.text()).startswith("tiers:") and not window.pending
        form.tiers.setText("2:0, 1:30")
        form.offer_seconds.setValue(45)
        form.save_button.click()
        await until(lambda: form.saved.text() == "Saved.")
        assert not form.problem.isVisibleTo(window)
        assert form.labels["hours"].property("parley_tone") is None
        saved = next(d for d in desk.team.departments.values() if d.id == teams.sales)
        assert saved.settings.hours == "mon-fri 09:00-18:00"
        assert saved.settings.offer_seconds == 45
        assert [(t.level, t.after_seconds) for t in saved.settings.tiers] == [(2, 0), (1, 30)]
        # A new department: listed, chosen, and every agent's filter offers it.
        window.new_department.click()
        form.name.setText("售后服务")
        form.save_button.click()
        await until(lambda: window.department_list.count() == 3)
        assert plain(window.department_list.currentItem().text()) == "售后服务"
        filters = desk.window.department_filter
        await until(lambda: any("售后服务" in filters.itemText(i) for i in range(filters.count())))
        # An agent: Bob becomes level 3 in Support too.
        window.tabs.setCurrentIndex(1)
        rows = window.agent_table.rowCount()
        cells = [window.agent_table.item(r, 0) for r in range(rows)]
        bob = next(r for r, cell in enumerate(cells) if cell and plain(cell.text()) == "Bob")
        window.agent_table.selectRow(bob)
        agent_form = window.agent_form
        assert agent_form.agent is not None and agent_form.agent.id == teams.bob
        agent_form.level.setValue(3)
        for row in range(agent_form.departments.count()):
            item = agent_form.departments.item(row)
            if plain(item.text()) == "Support":
                item.setCheckState(Qt.CheckState.Checked)
        agent_form.save_button.click()
        await until(
            lambda: (
                window.team is not None
                and any(a.id == teams.bob and a.level == 3 for a in window.team.agents)
            )
        )
        assert window.team is not None
        bob_now = next(a for a in window.team.agents if a.id == teams.bob)
        assert sorted(bob_now.departments) == sorted([teams.sales, teams.support])
    finally:
        await stop_desk(running)


async def test_the_visitors_own_agent_shows_in_the_details_and_is_changed_there(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    teams = await set_up_teams(relay)
    bob, _ = await colleague(relay, "bob")
    running = await online_desk(qtbot, tmp_path, relay)
    desk = running.desk
    details = desk.window.visitor_details
    visitor, welcome, _ack = await visitor_in(relay, teams.sales, "Bat", "Hi")
    try:
        await until(lambda: desk.visitors.get(welcome.visitor) is not None)
        desk.open_visitor(welcome.visitor)
        assert details.details.isRowVisible(details.owner_label)
        assert details.owner.text() == "—" and details.owner_button.isEnabled()
        details.owner_button.click()
        dialog = desk.routing.dialog
        assert isinstance(dialog, OwnerDialog)
        dialog.choose(teams.bob)
        sent = record_sent(running)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        assert sent_of(sent, frames.SetOwner) == [
            frames.SetOwner(visitor=welcome.visitor, agent=teams.bob)
        ]
        await until(lambda: plain(details.owner.text()) == "Bob")
        info = desk.visitors.get(welcome.visitor)
        assert info is not None and info.owner == teams.bob
    finally:
        await visitor.close()
        await bob.close()
        await stop_desk(running)


async def test_the_app_shows_away_when_the_relay_sets_it_for_missed_offers(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    running = await online_desk(qtbot, tmp_path, relay)
    desk = running.desk
    try:
        assert plain(desk.window.status_button.text()) == "Online"
        me = desk.team.my_id
        assert me is not None
        # What relay.features.routing does after `away_after_missed` offers in a row expired.
        set_status_of(relay.relay.ctx, me, frames.AgentStatus.AWAY)
        await until(lambda: plain(desk.window.status_button.text()) == "Away")
        assert desk.status is frames.AgentStatus.AWAY
        assert desk.window.status_button.actions_by_status[frames.AgentStatus.AWAY].isChecked()
    finally:
        await stop_desk(running)

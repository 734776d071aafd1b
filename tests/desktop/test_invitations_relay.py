"""Invitations end to end: the agent app logged in to a real relay, visitors on real
sockets. Inviting several visitors chosen in the list, their rows going from invited to
seen to accepted, declined or no answer, withdrawing, a visitor the relay will not invite,
and the admins' rules window saving a rule (which then invites a visitor from Baidu on the
prices page) and showing the relay's refusal beside the form."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from agent_app.desk import Desk
from agent_app.models.visitors import CHAT_COLUMN, INVITATION_ROLE, VISITOR_ID_ROLE
from agent_app.views.invitation_rules import InvitationRulesDialog
from agent_app.views.invite_dialog import InviteDialog
from agent_app.views.rule_editor import RuleEditor
from shared_protocol import frames
from tests.helpers.clients import VisitorClient
from tests.helpers.desk import Running, online_desk, plain, stop_desk, until
from tests.helpers.fake_clock import jumping
from tests.helpers.relay_fixtures import RunningRelay, log_in

BAIDU = "https://www.baidu.com/s?wd=ielts+price"
PRICES = frames.PageInfo(url="https://school.example/prices", title="Prices", referrer=BAIDU)
COURSES = frames.PageInfo(url="https://school.example/courses", title="Courses")


def row_of(desk: Desk, visitor_id: int) -> int | None:
    table = desk.window.visitor_proxy
    for row in range(table.rowCount()):
        if table.index(row, 0).data(VISITOR_ID_ROLE) == visitor_id:
            return row
    return None


def badge(desk: Desk, visitor_id: int) -> str:
    """The visitor's Chat cell as the table shows it ("" without a row)."""
    row = row_of(desk, visitor_id)
    if row is None:
        return ""
    return str(desk.window.visitor_proxy.index(row, CHAT_COLUMN).data() or "")


def select(desk: Desk, *visitor_ids: int) -> None:
    """Rows chosen as Ctrl-clicks choose them."""
    table = desk.window.visitor_table
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    table.clearSelection()
    for visitor_id in visitor_ids:
        row = row_of(desk, visitor_id)
        assert row is not None
        table.selectionModel().select(desk.window.visitor_proxy.index(row, 0), flags)


class Scene:
    """The agent's desk logged in to the relay, and the visitors a test brings; all of it
    closed when the test ends, also when it fails (a desk left running keeps the process
    from exiting)."""

    def __init__(self, relay: RunningRelay, running: Running) -> None:
        self.relay, self.running, self.desk = relay, running, running.desk
        self.visitors: list[VisitorClient] = []

    async def visitor(self, page: frames.PageInfo = COURSES) -> tuple[VisitorClient, int]:
        """A visitor on the site, once the agent's list shows them."""
        visitor = await VisitorClient.connect(self.relay.url, page=page)
        self.visitors.append(visitor)
        welcome = await visitor.expect(frames.Welcome)
        await until(lambda: row_of(self.desk, welcome.visitor) is not None)
        return visitor, welcome.visitor


@asynccontextmanager
async def scene(qtbot: QtBot, tmp_path: Path, relay: RunningRelay) -> AsyncIterator[Scene]:
    running = await online_desk(qtbot, tmp_path, relay)
    made = Scene(relay, running)
    try:
        yield made
    finally:
        for visitor in made.visitors:
            await visitor.close()
        for dialog in (running.desk.invitations.dialog, running.desk.invitations.rules):
            if dialog is not None:
                dialog.close()
        await stop_desk(running)


async def sent_dialog(desk: Desk) -> InviteDialog:
    dialog = desk.invitations.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


async def test_inviting_several_chosen_visitors_and_their_rows_following_each_answer(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    clock = jumping(relay.relay)
    async with scene(qtbot, tmp_path, relay) as on:
        desk = on.desk
        first, first_id = await on.visitor()
        second, second_id = await on.visitor()
        third, third_id = await on.visitor()

        select(desk, first_id, second_id)
        assert set(desk.window.selected_visitors()) == {first_id, second_id}
        assert desk.window.invite_action.shortcut().toString() == "Ctrl+I"
        desk.window.invite_action.trigger()
        dialog = await sent_dialog(desk)
        assert dialog.who.count() == 2
        dialog.use_own.setChecked(True)
        dialog.own.setPlainText("Hello {visitor.name|there}, a question about our courses?")
        dialog.send_button.click()
        invited = [await first.expect(frames.Invitation), await second.expect(frames.Invitation)]
        assert [i.text for i in invited] == ["Hello there, a question about our courses?"] * 2
        assert all(i.agent is not None and i.agent.name == "Alice" for i in invited)
        await until(lambda: not dialog.isVisible())  # everyone invited: it closes
        await until(lambda: badge(desk, first_id) == badge(desk, second_id) == "invited")
        assert badge(desk, third_id) == ""

        await first.send(frames.InvitationShown(id=invited[0].id))
        await until(lambda: badge(desk, first_id) == "invite seen")
        await first.send(frames.InvitationAccept(id=invited[0].id))
        await until(lambda: badge(desk, first_id) == "accepted")
        opened = await first.expect(frames.ConversationOpened)
        # The chat an agent's invitation opens is that agent's (assigned just after).
        me = desk.me
        assert me is not None

        def mine() -> bool:
            row = desk.conversations.row(opened.conversation.id)
            return row is not None and row.info.agent == me.id

        await until(mine)
        assert badge(desk, first_id) == "accepted"  # says more than "chatting"
        await second.send(frames.InvitationShown(id=invited[1].id))
        await second.send(frames.InvitationDecline(id=invited[1].id))
        await until(lambda: badge(desk, second_id) == "declined")

        # The third, from the details pane; left unanswered, it expires.
        desk.open_visitor(third_id)
        assert desk.window.visitor_details.invite_button.isEnabled()
        desk.window.visitor_details.invite_button.click()
        dialog = await sent_dialog(desk)
        assert dialog.who.count() == 1
        dialog.send_button.click()
        unanswered = await third.expect(frames.Invitation)
        await until(lambda: badge(desk, third_id) == "invited")
        label = desk.window.visitor_details.invitation_state
        assert plain(label.text()).startswith("Invited, not on their screen yet · Alice, sent ")
        clock.advance(21)  # the site's timeout is 20 s
        await relay.relay.ctx.timers.run_due()
        ended = await third.expect(frames.InvitationEnded)
        assert (ended.id, ended.status) == (unanswered.id, "expired")
        await until(lambda: badge(desk, third_id) == "no answer")
        assert plain(label.text()).startswith("Did not answer the invitation · Alice")
        assert desk.window.visitor_details.invite_button.isEnabled()  # may be invited again


async def test_withdrawing_an_invitation_hides_it_and_the_row_says_so(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    async with scene(qtbot, tmp_path, relay) as on:
        desk = on.desk
        visitor, visitor_id = await on.visitor()
        desk.open_visitor(visitor_id)
        desk.window.visitor_details.invite_button.click()
        (await sent_dialog(desk)).send_button.click()
        invitation = await visitor.expect(frames.Invitation)
        await visitor.send(frames.InvitationShown(id=invitation.id))
        await until(lambda: badge(desk, visitor_id) == "invite seen")
        details = desk.window.visitor_details
        assert details.withdraw_button.isVisibleTo(details)
        assert not details.invite_button.isVisibleTo(details)
        details.withdraw_button.click()
        ended = await visitor.expect(frames.InvitationEnded)
        assert (ended.id, ended.status) == (invitation.id, "withdrawn")
        await until(lambda: badge(desk, visitor_id) == "withdrawn")
        assert not details.withdraw_button.isVisibleTo(details)
        assert plain(details.invitation_state.text()).startswith("Invitation withdrawn · Alice")


async def test_a_visitor_already_chatting_is_not_invited_and_the_dialog_says_why(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    async with scene(qtbot, tmp_path, relay) as on:
        desk = on.desk
        chatting, chatting_id = await on.visitor()
        free, free_id = await on.visitor()
        await chatting.say("Is the weekend class full?")
        await until(lambda: badge(desk, chatting_id) == "chatting")
        desk.invite([chatting_id, free_id])
        dialog = await sent_dialog(desk)
        assert "is already chatting" in plain(dialog.who.item(0).text())
        dialog.send_button.click()
        await free.expect(frames.Invitation)
        await until(lambda: dialog.outcome.isVisible())
        assert plain(dialog.outcome.text()).splitlines() == [
            "1 visitor(s) invited.",
            "Not invited:",
            f"• Visitor #{chatting_id} is already chatting",
        ]
        assert badge(desk, chatting_id) == "chatting" and badge(desk, free_id) == "invited"


# ------------------------------------------------------------------ the rules (admins)


async def rules_window(desk: Desk) -> InvitationRulesDialog:
    dialog = desk.invitations.open_rules()
    assert dialog is not None
    await until(lambda: dialog.setup is not None)
    return dialog


async def test_an_admin_writes_the_baidu_prices_rule_and_it_invites_a_visitor(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    """ "Invite visitors from Baidu who read the prices page for 30 s, at most once a
    visit", written in the rules window as a person would, then seen working."""
    clock = jumping(relay.relay)
    async with scene(qtbot, tmp_path, relay) as on:
        desk = on.desk
        assert desk.window.rules_action.isVisible()  # Alice is an admin
        dialog = await rules_window(desk)
        assert dialog.rules.rowCount() == 0
        dialog.new_button.click()
        editor = dialog.editor
        assert isinstance(editor, RuleEditor)
        editor.name.setText("Baidu visitors on prices")
        editor.sources["search"].setChecked(True)
        editor.engine.setText("Baidu")
        editor.page_url.setText("/prices*")
        editor.time_on_page.setValue(30)
        editor.text.setPlainText("Questions about the prices, {visitor.name|there}?")
        assert editor.site_policy.isChecked()  # the site's: once a visit
        assert dialog.site_policy.frequency.currentData() == "once_per_visit"
        editor.save_button.click()
        await until(lambda: dialog.editor is None)
        assert not editor.isVisible()
        assert dialog.rules.rowCount() == 1 and dialog.status.text() == "Rule saved."
        assert dialog.setup is not None
        [rule] = dialog.setup.rules
        assert rule.conditions == frames.RuleConditions(
            time_on_page=30, page_url=["/prices*"], source=["search"], engine="Baidu"
        )
        assert rule.policy is None

        visitor, visitor_id = await on.visitor(PRICES)
        clock.advance(30)
        await relay.relay.ctx.timers.run_due()
        invitation = await visitor.expect(frames.Invitation)
        assert invitation.text == "Questions about the prices, there?"
        await until(lambda: badge(desk, visitor_id) == "invited")
        row = row_of(desk, visitor_id)
        assert row is not None
        cell = desk.window.visitor_proxy.index(row, CHAT_COLUMN)
        shown = cell.data(INVITATION_ROLE)
        assert shown.rule == "Baidu visitors on prices" and shown.agent is None
        tooltip = cell.data(Qt.ItemDataRole.ToolTipRole)
        assert "rule “" in tooltip and "Baidu visitors on prices" in tooltip


async def test_the_relays_refusal_of_a_rule_is_shown_beside_the_form(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    async with scene(qtbot, tmp_path, relay) as on:
        desk = on.desk
        hours = frames.InvitationSettings(
            business_hours="mon-fri 09:00-18:00", time_zone="Asia/Shanghai"
        )
        admin, _ = await log_in(relay)  # set where the window has no fields for them
        await admin.send(frames.InvitationSettingsSave(site="demo", settings=hours))
        await admin.expect(frames.InvitationSetup)
        await admin.close()
        dialog = await rules_window(desk)
        editor = dialog.edit_rule(new=True)
        assert editor is not None
        # Nothing the app checks itself is wrong; the relay finds a place of four parts.
        editor.name.setText("Hangzhou")
        editor.more_button.setChecked(True)
        editor.places.setText("中国/浙江省/杭州市/西湖区")
        editor.save_button.click()
        await until(lambda: editor.problem.isVisible())
        said = plain(editor.problem.text())
        assert said.startswith("rule 'Hangzhou'") and "has more than country/region/city" in said
        assert editor.isVisible() and editor.save_button.isEnabled()
        assert dialog.rules.rowCount() == 0
        # Put right, it is saved.
        editor.places.setText("中国/浙江省/杭州市")
        editor.save_button.click()
        await until(lambda: dialog.rules.rowCount() == 1)
        assert not editor.isVisible()

        # A local check never reaches the relay: a name is asked for first.
        second = dialog.edit_rule(new=True)
        assert second is not None
        second.save_button.click()
        assert plain(second.problem.text()).startswith("Give the rule a name")
        assert second.save_button.isEnabled()
        second.reject()

        # The site's settings: a greeting the agents' invitations then use.
        dialog.tabs.setCurrentIndex(1)
        dialog.greeting.setPlainText("您好！有什么可以帮您？")
        dialog.save_settings_button.click()
        await until(lambda: dialog.status.text() == "Settings saved.")
        assert dialog.setup is not None
        assert dialog.setup.settings.greeting == "您好！有什么可以帮您？"
        kept = dialog.setup.settings
        assert (kept.business_hours, kept.time_zone) == (hours.business_hours, hours.time_zone)
        assert desk.invitations.greetings["demo"] == "您好！有什么可以帮您？"


@pytest.mark.parametrize("chosen", ["up", "off", "delete"])
async def test_rules_move_switch_off_and_go(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay, chosen: str
) -> None:
    async with scene(qtbot, tmp_path, relay) as on:
        dialog = await rules_window(on.desk)
        for name in ("First", "Second"):
            editor = dialog.edit_rule(new=True)
            assert editor is not None
            editor.name.setText(name)
            editor.save_button.click()
            await until(lambda: dialog.editor is None)

        def names() -> list[str]:
            assert dialog.setup is not None
            return [r.name for r in dialog.setup.rules]

        assert names() == ["First", "Second"]
        dialog.rules.selectRow(1)
        if chosen == "up":
            dialog.up_button.click()
            await until(lambda: names() == ["Second", "First"])
        elif chosen == "off":
            item = dialog.rules.item(1, 0)
            assert item is not None
            item.setCheckState(Qt.CheckState.Unchecked)
            await until(lambda: dialog.setup is not None and not dialog.setup.rules[1].enabled)
        else:
            rule = dialog.selected_rule()
            assert rule is not None and rule.name == "Second"
            dialog.delete_rule(rule)
            await until(lambda: names() == ["First"])

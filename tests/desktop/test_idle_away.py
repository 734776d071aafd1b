"""Auto-away after idle time (issue 15): with "Away after 1 min" in the settings, a minute
without keyboard or mouse input in the app sets the agent Away (the relay hears it and
tells colleagues), the status button says "Away (idle)", and a key press sets Online
again; Away the agent chose, or the relay set for missed offers, stays Away. Time is a
clock the test moves; the app's timer look is called directly."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from agent_app.idle import IdleState, idle_step
from agent_app.settings import Preferences
from agent_app.views.settings import SettingsDialog
from relay.features.agents import set_status_of
from shared_protocol.frames import AgentStatus
from tests.helpers.desk import online_desk, plain, stop_desk, until
from tests.helpers.relay_fixtures import RunningRelay

ONLINE, AWAY, OFFLINE = AgentStatus.ONLINE, AgentStatus.AWAY, AgentStatus.OFFLINE


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_idle_step_table() -> None:
    fresh = IdleState(0.0)
    ours = IdleState(0.0, away_by_idle=True)
    cases = [
        # state, now, minutes, status, input → status set, away_by_idle after
        (fresh, 59.0, 1, ONLINE, False, None, False),
        (fresh, 60.0, 1, ONLINE, False, AWAY, True),
        (fresh, 6000.0, 0, ONLINE, False, None, False),  # 0: never
        (fresh, 600.0, 1, AWAY, False, None, False),  # the agent's own Away stays theirs
        (fresh, 600.0, 1, OFFLINE, False, None, False),
        (ours, 600.0, 1, AWAY, True, ONLINE, False),  # input undoes the app's Away
        (fresh, 600.0, 1, AWAY, True, None, False),  # but not the agent's
        (ours, 600.0, 1, OFFLINE, True, None, False),  # the agent chose Offline since
        (ours, 600.0, 1, ONLINE, False, AWAY, True),  # Online by someone else, idle still
    ]
    for state, now, minutes, status, typed, wanted, ours_after in cases:
        after, told = idle_step(state, now, minutes, status, input_now=typed)
        assert (told, after.away_by_idle) == (wanted, ours_after), (state, now, status, typed)
        if typed:
            assert after.last_input == now


async def test_a_minute_without_input_sets_away_and_a_key_sets_online_again(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    running = await online_desk(qtbot, tmp_path, relay)
    desk, button = running.desk, running.desk.window.status_button
    clock = Clock()
    desk.idle.clock = clock
    desk.idle.chosen()  # from the test clock's now
    desk.preferences.idle_minutes = 1
    me = desk.team.my_id
    assert me is not None
    presence = relay.relay.ctx.presence
    try:
        clock.now += 59
        desk.idle.check()
        assert desk.status is ONLINE and plain(button.text()) == "Online"

        clock.now += 1
        desk.idle.check()
        assert desk.status is AWAY and plain(button.text()) == "Away (idle)"
        assert "mouse" in button.toolTip()
        assert button.actions_by_status[AWAY].isChecked()
        await until(lambda: presence.status_of(me) is AWAY)  # the relay hears it

        clock.now += 600  # still idle: nothing more happens
        desk.idle.check()
        assert desk.status is AWAY

        # Any key in any of the app's windows: Online again, told to the relay.
        QTest.keyClick(desk.window.chat.reply, Qt.Key.Key_Shift)
        assert desk.status is ONLINE and plain(button.text()) == "Online"
        await until(lambda: presence.status_of(me) is ONLINE)

        # Away chosen by the agent stays, whatever they type.
        clock.now += 10
        button.actions_by_status[AWAY].trigger()
        assert desk.status is AWAY and plain(button.text()) == "Away"
        clock.now += 600
        desk.idle.check()
        QTest.keyClick(desk.window.chat.reply, Qt.Key.Key_Shift)
        assert desk.status is AWAY

        # Away set by the relay (missed offers) stays too.
        button.actions_by_status[ONLINE].trigger()
        set_status_of(relay.relay.ctx, me, AWAY)
        await until(lambda: desk.status is AWAY)
        QTest.keyClick(desk.window.chat.reply, Qt.Key.Key_Shift)
        assert desk.status is AWAY and plain(button.text()) == "Away"

        # 0 minutes: never.
        button.actions_by_status[ONLINE].trigger()
        desk.preferences.idle_minutes = 0
        clock.now += 100_000
        desk.idle.check()
        assert desk.status is ONLINE
    finally:
        await stop_desk(running)


def test_the_idle_minutes_are_a_setting_kept_across_starts(qtbot: QtBot, tmp_path: Path) -> None:
    assert Preferences().idle_minutes == 10
    store = QSettings(str(tmp_path / "parley.ini"), QSettings.Format.IniFormat)
    preferences = Preferences()
    dialog = SettingsDialog(preferences)
    qtbot.addWidget(dialog)
    assert dialog.idle_minutes.value() == 10
    dialog.idle_minutes.setValue(0)
    assert dialog.idle_minutes.text() == "never"
    dialog.idle_minutes.setValue(3)
    dialog.apply_to(preferences)
    preferences.save(store)
    again = Preferences.load(QSettings(str(tmp_path / "parley.ini"), QSettings.Format.IniFormat))
    assert again.idle_minutes == 3 and isinstance(again.idle_minutes, int)
    store.setValue("idle_minutes", "soon")  # a file edited by hand: the default
    store.sync()
    assert Preferences.load(store).idle_minutes == 10
    assert QApplication.instance() is not None

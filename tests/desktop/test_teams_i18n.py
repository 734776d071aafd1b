"""The teams' windows in 简体中文 and Монгол: the offer banner, the chat's header and note
tab, the transfer dialog, the supervisor's view and the team window leave no English;
with PARLEY_SCREENSHOTS=dir, their screenshots in the three languages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from agent_app import i18n
from tests.desktop.test_i18n import assert_no_english, language, shown_texts, use
from tests.helpers.team_scene import (
    main_window_with_offers,
    supervisor_window,
    team_window,
    transfer_dialog,
)

__all__ = ["language"]  # the fixture, from test_i18n

# Values shown as typed: hours, dates, patterns, a time zone, field names in refusals.
SAMPLES = (
    "mon-fri 09:00-18:00; sat 10:00-14:00",
    "2026-12-25 closed; 2026-12-31 09:00-12:00",
    "*/prices*",
    "Asia/Shanghai",
    "hours:",
    "tiers:",
    "name:",
    "level:seconds",
    "IELTS",
)


def texts_of(*roots: QWidget) -> list[tuple[str, str]]:
    texts = [text for root in roots for text in shown_texts(root)]
    for sample in sorted(SAMPLES, key=len, reverse=True):
        texts = [(where, text.replace(sample, " ")) for where, text in texts]
    return texts


@pytest.mark.parametrize("code", [i18n.CHINESE, i18n.MONGOLIAN])
def test_the_teams_windows_leave_no_english(qtbot: QtBot, language: str, code: str) -> None:
    use(code)
    window = main_window_with_offers(qtbot)
    dialog = transfer_dialog(qtbot)
    supervisor = supervisor_window(qtbot)
    team = team_window(qtbot)
    texts = texts_of(window, dialog, supervisor, team)
    table = supervisor.table
    texts += [
        ("header", table.horizontalHeaderItem(c).text())  # type: ignore[union-attr]
        for c in range(table.columnCount())
    ]
    texts.append(("summary", supervisor.summary.text()))
    assert len(texts) > 200
    assert_no_english(texts)


@pytest.mark.skipif(not os.environ.get("PARLEY_SCREENSHOTS"), reason="PARLEY_SCREENSHOTS=dir")
@pytest.mark.parametrize("code", [i18n.ENGLISH, i18n.CHINESE, i18n.MONGOLIAN])
def test_screenshots(qtbot: QtBot, language: str, code: str) -> None:
    use(code)
    folder = Path(os.environ["PARLEY_SCREENSHOTS"])
    window = main_window_with_offers(qtbot)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(100)
    assert window.grab().save(str(folder / f"app-offer-{code}.png"))
    dialog = transfer_dialog(qtbot)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.grab().save(str(folder / f"app-transfer-{code}.png"))
    supervisor = supervisor_window(qtbot)
    supervisor.show()
    qtbot.waitExposed(supervisor)
    assert supervisor.grab().save(str(folder / f"app-supervisor-{code}.png"))
    team = team_window(qtbot)
    team.show()
    qtbot.waitExposed(team)
    assert team.grab().save(str(folder / f"app-team-{code}.png"))

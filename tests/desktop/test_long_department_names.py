"""Department names of every length in the agent's main window: a short one ("Sales",
"学生服务") shows whole on a card even beside the waiting time (it was cut to "S…"); a
100-character, a 10,000-character or a hostile one (markup, `{{…}}`, U+202E) is cut, its
whole text in a plain tooltip, and never widens the list or squeezes the chat pane: the
chat pane is as wide as with short names (and as with no departments at all).

Screenshots: PARLEY_SCREENSHOTS=docs/screenshots saves app-team-*.png there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QRectF
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QListView, QStyleOptionViewItem, QToolTip
from pytestqt.qtbot import QtBot

from agent_app import text as untrusted
from agent_app.models.conversations import ROW_ROLE, ConversationRow, ConversationsModel
from agent_app.text import FSI, PDI, shown
from agent_app.views.card_geometry import CardGeometry
from agent_app.views.cards import ConversationCardDelegate
from agent_app.views.main_window import MainWindow
from agent_app.views.offers import OFFER, Offer
from tests.desktop.test_delegates import NOW as CARDS_NOW
from tests.desktop.test_delegates import FakeClock, card_of, card_view, settle
from tests.helpers.agent_scene import NOW, agent_scene

LONG = "Undergraduate admissions, scholarships and international student services, Faculty of E"
LONG = (LONG + "ngineering and Applied Sciences")[:100]
HOSTILE = [
    "<b>Sales</b><img src=x onerror=alert(1)>",
    "{{department.name}} {{7*7}}",
    "\u202eselaS",
    "学" * 10_000,
]
SHORT = ["Sales", "学生服务", "Front desk"]


def _save(widget: object, name: str) -> None:
    folder = os.environ.get("PARLEY_SCREENSHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / name))  # type: ignore[attr-defined]


def _scene(qtbot: QtBot, names: list[str]) -> MainWindow:
    """The main window mid-chat, its chats in departments named `names` (in turn), the
    chat's header naming its department, an offer of a chat of the last one."""
    window = agent_scene(qtbot)
    window.show()
    qtbot.waitExposed(window)
    if names:
        window.show_departments(list(enumerate(names, start=1)))
        model = window.conversation_proxy.sourceModel()
        assert isinstance(model, ConversationsModel)
        for number, row in enumerate(model.rows):
            row.department_name = names[number % len(names)]
        model.layoutChanged.emit()
        window.chat.show_routing(
            f"You · Department: {names[0][:40]}", can_transfer=True, can_escalate=False
        )
        window.offers.show_offers(
            [
                Offer(
                    conversation=99,
                    visitor=9,
                    kind=OFFER,
                    visitor_name="李华",
                    department=names[-1],
                    deadline=NOW + 25,
                )
            ],
            NOW,
        )
    QApplication.processEvents()
    return window


def _cards(window: MainWindow) -> tuple[QListView, ConversationCardDelegate, list[CardGeometry]]:
    view = window.conversation_list
    delegate = view.itemDelegate()
    assert isinstance(delegate, ConversationCardDelegate)
    cards = []
    for number in range(view.model().rowCount()):
        index = view.model().index(number, 0)
        row = index.data(ROW_ROLE)
        assert isinstance(row, ConversationRow)
        rect = view.visualRect(index)
        width = view.viewport().width() - 2 * view.spacing()
        cards.append(delegate.geometry(row, QRectF(rect.x(), rect.y(), width, 0), view.font()))
    return view, delegate, cards


def _department_tags(cards: list[CardGeometry]) -> list[str]:
    return [tag.label.text for card in cards for tag in card.tags if tag.kind == "department"]


def test_short_department_names_show_whole_beside_the_waiting_time(qtbot: QtBot) -> None:
    window = _scene(qtbot, SHORT)
    _view, _delegate, cards = _cards(window)
    waiting = [card for card in cards if card.timer is not None]
    assert waiting, "the scene has chats waiting for an answer"
    tags = _department_tags(cards)
    # Beside the waiting time, whole (it was "S…").
    assert f"{FSI}Sales{PDI}" in tags and f"{FSI}学生服务{PDI}" in tags
    for card in cards:
        for tag in card.tags:
            assert card.card.contains(tag.rect)
            # "Front desk" beside "left a message" on this narrow card may be cut: then
            # its tooltip has it whole.
            assert tag.whole in ("", "Front desk")
    _save(window, "app-team-short-names.png")


@pytest.mark.parametrize("names", [[LONG], HOSTILE], ids=["100 characters", "hostile"])
def test_long_department_names_are_cut_with_a_tooltip_and_never_squeeze_the_chat(
    qtbot: QtBot, names: list[str]
) -> None:
    widths = {}
    for label, used in (("none", []), ("short", SHORT), ("long", names)):
        window = _scene(qtbot, used)
        widths[label] = (window.chat.width(), window.conversation_list.width())
        if label == "long":
            view, delegate, cards = _cards(window)
            long_name = names == [LONG]
            _save(window, f"app-team-{'long' if long_name else 'hostile'}-department-names.png")
        window.close()
    assert widths["long"] == widths["short"] == widths["none"]

    tags = [(card, tag) for card in cards for tag in card.tags if tag.kind == "department"]
    assert tags
    for card, tag in tags:
        assert card.card.contains(tag.rect)
        if tag.whole:  # cut: its whole name for the tooltip
            assert tag.whole in names and tag.label.text.endswith(f"…{PDI}")
        else:  # short enough (the hostile "\u202eselaS"): whole, and isolated
            assert tag.label.text in [shown(name, one_line=True) for name in names]
        assert tag.label.text.startswith(FSI) and tag.label.text.endswith(PDI)
    assert any(tag.whole for _card, tag in tags)
    # The tooltip over a cut tag: the whole name (up to the tooltip's 1,000 characters),
    # escaped, so Qt never reads it as markup.
    number, tag = next((n, tag) for n, card in enumerate(cards) for tag in card.tags if tag.whole)
    index = view.model().index(number, 0)
    style = QStyleOptionViewItem()
    style.initFrom(view)
    style.rect = view.visualRect(index)
    style.font = view.font()
    center = tag.rect.center().toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, center, view.viewport().mapToGlobal(center))
    assert delegate.helpEvent(event, view, style, index)
    assert QToolTip.text() == untrusted.tooltip(tag.whole)
    assert "<b>" not in QToolTip.text() and "<img" not in QToolTip.text()
    QToolTip.hideText()
    # Elsewhere on the card: the card's own tooltip (the last message), not the tag's.
    corner = style.rect.topLeft() + QPoint(2, 2)
    elsewhere = QHelpEvent(QEvent.Type.ToolTip, corner, view.viewport().mapToGlobal(corner))
    delegate.helpEvent(elsewhere, view, style, index)
    assert QToolTip.text() != untrusted.tooltip(tag.whole)
    QToolTip.hideText()


@pytest.mark.parametrize("name", ["Sales", "学生服务"])
def test_a_short_department_stays_whole_beside_a_long_wait_on_a_narrow_card(
    qtbot: QtBot, name: str
) -> None:
    clock = FakeClock(CARDS_NOW + 3 * 3600)  # "waiting 3 h 5 min": a long waiting text
    view, delegate, model = card_view(qtbot, clock)
    for row in model.rows:
        row.department_name = name
    for width in (230, 260):
        view.resize(width, 480)
        settle(view)
        card = card_of(view, delegate, "Visitor #")  # waiting, no other tag
        assert card.timer is not None or card.edge is not None
        [tag] = [tag for tag in card.tags if tag.kind == "department"]
        assert tag.label.text == f"{FSI}{name}{PDI}" and not tag.whole, width
        assert tag.rect.right() <= card.card.right()
        if card.timer is not None:
            assert card.timer.rect().right() <= tag.rect.left()

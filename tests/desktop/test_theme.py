"""Light and dark: the palette follows the agent's choice or the system's scheme, every
text stays readable on what it sits on, and no style sheet keeps a light colour."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from agent_app import theme
from agent_app.settings import Preferences
from agent_app.views.login import LoginDialog
from agent_app.views.main_window import MainWindow
from agent_app.views.phrases_panel import PhraseDialog
from agent_app.views.settings import SettingsDialog
from tests.helpers.agent_scene import agent_scene

Role = QPalette.ColorRole


def luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def app() -> Iterator[QApplication]:
    """The application; its palette, style and scheme as they were afterwards."""
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    palette, style = QPalette(application.palette()), application.style().name()
    yield application
    theme.remove_theme()
    application.setStyle(style)
    application.setPalette(palette)


def background_of(label: QWidget, top: QWidget) -> QColor:
    """What a label's text sits on: the nearest ancestor that paints its background (the
    quote bar), else the window."""
    widget: QWidget | None = label
    while widget is not None and widget is not top:
        if widget.autoFillBackground():
            return widget.palette().color(widget.backgroundRole())
        widget = widget.parentWidget()
    return top.palette().color(Role.Window)


def dialogs(qtbot: QtBot) -> list[QWidget]:
    shown: list[QWidget] = [
        SettingsDialog(Preferences()),
        LoginDialog("https://chat.example.com", "", can_remember=False),
        PhraseDialog(None, may_share=True),
    ]
    for dialog in shown:
        qtbot.addWidget(dialog)
    login = shown[1]
    assert isinstance(login, LoginDialog)
    login.show_error("The relay did not accept this login.")
    return shown


@pytest.mark.parametrize("choice", [theme.DARK, theme.LIGHT])
def test_every_label_is_readable_on_what_it_sits_on(
    qtbot: QtBot, app: QApplication, choice: str
) -> None:
    theme.install_theme(app, choice)
    window = agent_scene(qtbot)
    window.chat.quote(window.chat.messages.entries[0])  # the quote bar, on its own panel
    palette = window.palette()
    dark = choice == theme.DARK
    assert (palette.color(Role.Window).lightnessF() < 0.25) is dark
    assert (palette.color(Role.Base).lightnessF() < 0.25) is dark
    assert contrast(palette.color(Role.Text), palette.color(Role.Base)) >= 4.5
    assert contrast(palette.color(Role.WindowText), palette.color(Role.Window)) >= 4.5
    assert contrast(palette.color(Role.ButtonText), palette.color(Role.Button)) >= 4.5
    assert contrast(palette.color(Role.PlaceholderText), palette.color(Role.Base)) >= 4.5
    assert contrast(palette.color(Role.HighlightedText), palette.color(Role.Highlight)) >= 4.5
    assert contrast(palette.color(Role.ToolTipText), palette.color(Role.ToolTipBase)) >= 4.5
    checked = 0
    for top in (window, *dialogs(qtbot)):
        for label in top.findChildren(QLabel):
            if not label.text():
                continue
            ink = label.palette().color(label.foregroundRole())
            ratio = contrast(ink, background_of(label, top))
            assert ratio >= 4.5, (label.text(), ink.name(), ratio)
            checked += 1
    assert checked > 30


def test_no_style_sheet_keeps_a_colour(qtbot: QtBot, app: QApplication) -> None:
    """Qt resolves a style sheet's colours once: a light one would stay in dark mode."""
    theme.install_theme(app, theme.DARK)
    window = agent_scene(qtbot)
    colour = re.compile(r"#[0-9a-fA-F]{3,8}\b|rgba?\(|\b(white|black)\b|background", re.I)
    assert not colour.search(app.styleSheet())
    for top in (window, *dialogs(qtbot)):
        for widget in (top, *top.findChildren(QWidget)):
            assert not colour.search(widget.styleSheet()), (
                type(widget).__name__,
                widget.styleSheet(),
            )


def test_dark_pixels_where_the_palette_says_dark(qtbot: QtBot, app: QApplication) -> None:
    """Fusion paints from the palette: the grabbed window is dark, not only its palette."""
    theme.install_theme(app, theme.DARK)
    window = agent_scene(qtbot)
    window.show()
    qtbot.waitExposed(window)
    image = window.grab().toImage()
    dark = sum(
        1
        for x in range(0, image.width(), 16)
        for y in range(0, image.height(), 16)
        if image.pixelColor(x, y).lightnessF() < 0.3
    )
    total = len(range(0, image.width(), 16)) * len(range(0, image.height(), 16))
    assert dark / total > 0.8


def test_a_system_scheme_change_reapplies_the_palette(qtbot: QtBot, app: QApplication) -> None:
    current = theme.install_theme(app, theme.SYSTEM)
    window = agent_scene(qtbot)
    credit = next(label for label in window.findChildren(QLabel) if "CC BY" in label.text())
    current.scheme_changed(Qt.ColorScheme.Dark)
    app.processEvents()  # Qt hands the new palette to existing widgets in posted events
    assert current.dark and theme.is_dark(app.palette())
    assert window.palette().color(Role.Window).lightnessF() < 0.25
    # Toned labels follow: the note's grey is recomputed for the dark window.
    muted_dark = credit.palette().color(Role.WindowText)
    assert contrast(muted_dark, window.palette().color(Role.Window)) >= 4.5
    current.scheme_changed(Qt.ColorScheme.Light)
    app.processEvents()
    assert not current.dark
    assert window.palette().color(Role.Window).lightnessF() > 0.9
    muted_light = credit.palette().color(Role.WindowText)
    assert muted_light != muted_dark
    assert contrast(muted_light, window.palette().color(Role.Window)) >= 4.5


def test_a_chosen_theme_ignores_the_system(app: QApplication) -> None:
    current = theme.install_theme(app, theme.LIGHT)
    current.scheme_changed(Qt.ColorScheme.Dark)
    assert not current.dark and not theme.is_dark(app.palette())
    current.choose(theme.DARK)
    current.scheme_changed(Qt.ColorScheme.Light)
    assert current.dark and theme.is_dark(app.palette())


def test_fusion_style(app: QApplication) -> None:
    theme.install_theme(app, theme.LIGHT)
    assert app.style().name().lower() == "fusion"


def test_the_settings_theme_shows_at_once(qtbot: QtBot, app: QApplication) -> None:
    theme.install_theme(app, theme.LIGHT)
    preferences = Preferences()
    dialog = SettingsDialog(preferences)
    qtbot.addWidget(dialog)
    choices = [dialog.theme.itemData(i) for i in range(dialog.theme.count())]
    assert choices == [theme.SYSTEM, theme.LIGHT, theme.DARK]
    dialog.theme.setCurrentIndex(dialog.theme.findData(theme.DARK))
    dialog.apply_to(preferences)
    assert preferences.theme == theme.DARK
    assert theme.is_dark(app.palette())


def test_the_window_names_no_font_family(qtbot: QtBot) -> None:
    """A family set anywhere would stop fontconfig's per-character fallback (CJK, emoji)
    inside that widget; sizes and weights are fine."""
    window: MainWindow = agent_scene(qtbot)
    default = QApplication.font().family()
    for widget in (window, *window.findChildren(QWidget)):
        assert widget.font().family() == default, type(widget).__name__
        assert "font-family" not in widget.styleSheet()

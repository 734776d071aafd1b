"""Light and dark: the Fusion style with a palette for the system's colour scheme (or the
agent's choice), applied again when the system switches; and the few tones (muted notes,
errors, the brand's title, the quote bar) that views ask for by name instead of by colour.

Why palettes and not style sheets: Qt resolves a style sheet's colours once, when it is
set, so a sheet written for light stays light after a switch to dark (and `palette(mid)` in
a sheet does not follow either). A widget that needs its own colour gets a tone here, and
every toned widget is coloured again from the new palette when the scheme changes.

Fusion because it draws entirely from the palette: native styles on Windows and macOS
draw some parts with their own colours and would mix light and dark.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

log = logging.getLogger("parley.agent.theme")

SYSTEM, LIGHT, DARK = "system", "light", "dark"
THEMES = (SYSTEM, LIGHT, DARK)

# Teal 700, the app's accent (also the bubbles' and the widget's): white on it is 5.5:1.
ACCENT = "#0f766e"

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


def _palette(colours: dict[Role, str], disabled: dict[Role, str]) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))  # every group: active, inactive, disabled
    for role, colour in disabled.items():
        palette.setColor(Group.Disabled, role, QColor(colour))
    return palette


def light_palette() -> QPalette:
    """Near-white surfaces, near-black text (15:1 on the base), teal selection."""
    return _palette(
        {
            Role.Window: "#f4f5f7",
            Role.WindowText: "#1f2328",
            Role.Base: "#ffffff",
            Role.AlternateBase: "#f3f4f6",
            Role.ToolTipBase: "#ffffff",
            Role.ToolTipText: "#1f2328",
            Role.PlaceholderText: "#6b7280",  # 4.8:1 on white
            Role.Text: "#1f2328",
            Role.Button: "#eceef1",
            Role.ButtonText: "#1f2328",
            Role.BrightText: "#ffffff",
            Role.Light: "#ffffff",
            Role.Midlight: "#e5e7eb",
            Role.Mid: "#c3c7cd",
            Role.Dark: "#9096a0",
            Role.Shadow: "#4b5058",
            Role.Highlight: ACCENT,
            Role.HighlightedText: "#ffffff",
            Role.Link: ACCENT,
            Role.LinkVisited: "#6d28d9",
            Role.Accent: ACCENT,
        },
        {
            Role.WindowText: "#8b9098",
            Role.Text: "#8b9098",
            Role.ButtonText: "#8b9098",
            Role.Base: "#f4f5f7",
            Role.Highlight: "#b8bcc2",
        },
    )


def dark_palette() -> QPalette:
    """Dark grey surfaces rather than black (less glare around light text, and shadows
    still show), light grey text (14:1 on the base), the same teal selection."""
    return _palette(
        {
            Role.Window: "#1f2227",
            Role.WindowText: "#e3e5e8",
            Role.Base: "#16181c",
            Role.AlternateBase: "#1d2025",
            Role.ToolTipBase: "#2b2f36",
            Role.ToolTipText: "#e3e5e8",
            Role.PlaceholderText: "#8e949d",  # 5.8:1 on the base
            Role.Text: "#e3e5e8",
            Role.Button: "#2b2f36",
            Role.ButtonText: "#e3e5e8",
            Role.BrightText: "#ffffff",
            Role.Light: "#3d424a",
            Role.Midlight: "#33373e",
            Role.Mid: "#464b54",
            Role.Dark: "#0f1114",
            Role.Shadow: "#000000",
            Role.Highlight: ACCENT,
            Role.HighlightedText: "#ffffff",
            Role.Link: "#5eead4",
            Role.LinkVisited: "#c4b5fd",
            Role.Accent: ACCENT,
        },
        {
            Role.WindowText: "#70757e",
            Role.Text: "#70757e",
            Role.ButtonText: "#70757e",
            Role.Button: "#25282e",
            Role.Base: "#1b1d22",
            Role.Highlight: "#3d424a",
        },
    )


# ------------------------------------------------------------------ tones

TONE = "parley_tone"  # the dynamic property that marks a toned widget
MUTED, ALERT, ACCENT_TEXT, QUOTE = "muted", "alert", "accent", "quote"
NOTE = "note"  # the box where an agent writes a note the visitor never sees: amber


def is_dark(palette: QPalette) -> bool:
    return palette.color(Role.Base).lightnessF() < 0.5


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def tone_colours(tone: str, palette: QPalette) -> dict[Role, QColor]:
    """The palette roles a tone sets, from the application's palette. The same rules as
    the bubbles' (views/colours.py): each text is at least 4.5:1 on what it sits on."""
    dark = is_dark(palette)
    window, text = palette.color(Role.Window), palette.color(Role.WindowText)
    if tone == MUTED:  # notes and secondary lines: grey, still 5:1 or more on the window
        return {Role.WindowText: _mix(text, window, 0.3)}
    if tone == ALERT:  # the model's red is too dark on a dark window: a lighter red there
        return {Role.WindowText: QColor("#f87171" if dark else "#b91c1c")}
    if tone == ACCENT_TEXT:
        return {Role.WindowText: QColor("#5eead4" if dark else ACCENT)}
    if tone == QUOTE:  # the quoted message above the reply box: a soft panel, plain text
        base = palette.color(Role.Base)
        return {
            Role.Window: _mix(base, palette.color(Role.Text), 0.14 if dark else 0.07),
            Role.WindowText: palette.color(Role.Text),
        }
    if tone == NOTE:  # the bubbles' note colours (views/colours.py), 10:1 and more
        return {
            Role.Base: QColor("#422006" if dark else "#fef3c7"),
            Role.Text: QColor("#fef3c7" if dark else "#451a03"),
            Role.PlaceholderText: QColor("#fcd34d" if dark else "#92400e"),
        }
    raise ValueError(f"unknown tone {tone!r}")


def _colour_widget(widget: QWidget, tone: str) -> None:
    palette = widget.palette()
    for role, colour in tone_colours(tone, QApplication.palette()).items():
        palette.setColor(role, colour)
    widget.setPalette(palette)
    widget.setAutoFillBackground(tone == QUOTE)


def set_tone(widget: QWidget, tone: str) -> None:
    """Colour `widget` by tone (MUTED, ALERT, ACCENT_TEXT, QUOTE, NOTE), now and after every
    change of theme."""
    widget.setProperty(TONE, tone)
    _colour_widget(widget, tone)


def clear_tone(widget: QWidget) -> None:
    """Back to the colours the widget had before any tone."""
    widget.setProperty(TONE, None)
    widget.setPalette(QPalette())
    widget.setAutoFillBackground(False)


def retone_all() -> None:
    """Colour every toned widget again from the application's palette."""
    for widget in QApplication.allWidgets():
        tone = widget.property(TONE)
        if isinstance(tone, str):
            _colour_widget(widget, tone)


def scaled_font(
    widget: QWidget, factor: float, *, bold: bool = False, italic: bool = False
) -> QFont:
    """`widget`'s font at `factor` of its size. Sizes only: no family is ever named, so
    fontconfig (or the system) still falls back to CJK and emoji fonts per character."""
    font = QFont(widget.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        font.setPixelSize(max(1, round(font.pixelSize() * factor)))
    font.setBold(bold or font.bold())
    font.setItalic(italic or font.italic())
    return font


# ------------------------------------------------------------------ the theme


class Theme(QObject):
    """Applies the palette for the agent's choice; in "system", follows the system's
    colour scheme as it changes (QStyleHints.colorSchemeChanged)."""

    applied = Signal(bool)  # True: dark

    def __init__(self, app: QApplication, choice: str = SYSTEM) -> None:
        super().__init__(app)
        self.app = app
        self.choice = choice if choice in THEMES else SYSTEM
        self.system_scheme = app.styleHints().colorScheme()
        self.dark = False
        fusion = QStyleFactory.create("Fusion")
        if fusion is not None:
            app.setStyle(fusion)
        app.styleHints().colorSchemeChanged.connect(self.scheme_changed)

    def choose(self, choice: str) -> None:
        """The agent's choice from Settings: shows at once."""
        self.choice = choice if choice in THEMES else SYSTEM
        if self.choice == SYSTEM:
            # The system may have switched while a choice was forced (no signal then).
            hints = self.app.styleHints()
            hints.blockSignals(True)
            try:
                hints.unsetColorScheme()
            finally:
                hints.blockSignals(False)
            self.system_scheme = hints.colorScheme()
        self.apply()

    def scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        """The system switched between light and dark (or our own request echoes back)."""
        if self.choice == SYSTEM:
            self.system_scheme = scheme
            self.apply()

    def wants_dark(self) -> bool:
        if self.choice == SYSTEM:
            return self.system_scheme is Qt.ColorScheme.Dark
        return self.choice == DARK

    def apply(self) -> None:
        self.dark = self.wants_dark()
        hints = self.app.styleHints()
        # Tell the platform too where it listens (Qt 6.8+: window frames on Windows and
        # macOS follow); in "system" the platform's own scheme rules again.
        hints.blockSignals(True)  # our own request must not read as the system's choice
        try:
            if self.choice == SYSTEM:
                hints.unsetColorScheme()
            else:
                hints.setColorScheme(Qt.ColorScheme.Dark if self.dark else Qt.ColorScheme.Light)
        finally:
            hints.blockSignals(False)
        self.app.setPalette(dark_palette() if self.dark else light_palette())
        retone_all()
        log.info("event=theme choice=%s dark=%s", self.choice, self.dark)
        self.applied.emit(self.dark)


_current: list[Theme] = []


def install_theme(app: QApplication, choice: str) -> Theme:
    """Fusion and the palette for `choice` (a Preferences.theme value), kept up to date.
    Call once at start-up; a second call replaces the first."""
    remove_theme()
    theme = Theme(app, choice)
    _current.append(theme)
    theme.apply()
    return theme


def current_theme() -> Theme | None:
    return _current[0] if _current else None


def remove_theme() -> None:
    """Stop following the system (tests); the palette and style stay as they are."""
    for old in _current:
        hints = old.app.styleHints()
        hints.colorSchemeChanged.disconnect(old.scheme_changed)
        hints.unsetColorScheme()
        old.deleteLater()
    _current.clear()

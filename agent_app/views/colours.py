"""The colours of the bubbles and cards: the accent, text colours derived from the palette
so that each reads on light and dark bases alike, the avatars' and the presence dot's."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

# Teal 700: white text on it has a contrast of 5.5:1, and it stands out on light and dark
# bases alike, so one accent serves both palettes.
ACCENT = QColor("#0f766e")
ON_ACCENT = QColor("#ffffff")
# Notes among agents: amber 100 with amber 950 text on light bases (over 15:1), amber 900
# with amber 100 on dark ones (over 8:1).
NOTE_LIGHT, NOTE_ON_LIGHT = QColor("#fef3c7"), QColor("#451a03")
NOTE_DARK, NOTE_ON_DARK = QColor("#78350f"), QColor("#fef3c7")
# A supervisor's whisper: violet, apart from both the public bubbles and the amber notes.
WHISPER_LIGHT, WHISPER_ON_LIGHT = QColor("#ede9fe"), QColor("#2e1065")
WHISPER_DARK, WHISPER_ON_DARK = QColor("#4c1d95"), QColor("#ede9fe")


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """`a` moved `amount` (0…1) of the way towards `b`."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
        a.alphaF() + (b.alphaF() - a.alphaF()) * amount,
    )


def alert_colour(palette: QPalette) -> QColor:
    """Red that reads as text on the palette's base: the model's #b91c1c is too dark on a
    dark base, so dark palettes get a lighter red."""
    return QColor("#f87171") if is_dark(palette) else QColor("#b91c1c")


def accent_text_colour(palette: QPalette) -> QColor:
    """The accent as text (names in neutral bubbles): teal 700 on light, teal 300 on dark."""
    return QColor("#5eead4") if is_dark(palette) else ACCENT


def muted_colour(palette: QPalette, background: QColor | None = None) -> QColor:
    """Secondary text (times, states): the text colour 38 % of the way towards the
    background, about 6:1 on white and on a dark base (the tests measure it)."""
    base = background if background is not None else palette.color(QPalette.ColorRole.Base)
    return mix(palette.color(QPalette.ColorRole.Text), base, 0.38)


# Avatar colours: Tailwind's 600/700 shades, each with at least 4.5:1 contrast against the
# white initials, distinct from each other, and none of them the alert red.
AVATAR_COLOURS = tuple(
    QColor(name)
    for name in (
        "#2563eb",
        "#7c3aed",
        "#c026d3",
        "#c2410c",
        "#0f766e",
        "#15803d",
        "#b45309",
        "#4338ca",
        "#0369a1",
        "#9f1239",
    )
)
ONLINE_COLOUR = QColor("#16a34a")
AWAY_COLOUR = QColor("#9ca3af")


def avatar_colour(visitor_id: int) -> QColor:
    """Always the same colour for the same visitor, so agents learn to spot them."""
    return AVATAR_COLOURS[visitor_id % len(AVATAR_COLOURS)]

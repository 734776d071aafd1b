"""What a conversation card says of its visitor: their name and initials, how long they
have waited for an answer, whether they are on the site."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QCoreApplication

from agent_app.models.conversations import ConversationRow
from agent_app.text import clean
from agent_app.views.dates import day_or_time

_SCRIPTS_WITHOUT_SPACES = ("CJK", "HANGUL", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER")


def initials(name: str) -> str:
    """One or two letters for an avatar: the first letters of the first and last words, or
    the first character alone for scripts that write a name without spaces (李华 → 李)."""
    letters = []
    for word in clean(name).split():
        letter = next((char for char in word if char.isalpha()), "")
        if letter:
            letters.append(letter)
    if not letters:
        return "#"
    if unicodedata.name(letters[0], "").startswith(_SCRIPTS_WITHOUT_SPACES):
        return letters[0]
    if len(letters) == 1:
        return letters[0].upper()
    return (letters[0] + letters[-1]).upper()


def waiting_text(seconds: float) -> str:
    minutes = int(max(0.0, seconds) // 60)
    if minutes < 1:
        return QCoreApplication.translate("ConversationCard", "waiting <1 min")
    # %1 rather than %n: lupdate cannot give translate() plural forms, and a Qt
    # translation without them is not found for counts that would need another form.
    if minutes < 60:
        template = QCoreApplication.translate("ConversationCard", "waiting %1 min")
        return template.replace("%1", str(minutes))
    # Whole days and hours first: pyside6-lupdate reads "//" inside a translate() call as
    # a comment and would miss the string.
    days, rest = divmod(minutes, 24 * 60)
    if days:  # a message left overnight: hours and minutes say nothing more
        return QCoreApplication.translate("ConversationCard", "waiting %1 d").replace(
            "%1", str(days)
        )
    template = QCoreApplication.translate("ConversationCard", "waiting %1 h %2 min")
    return template.replace("%1", str(rest // 60)).replace("%2", f"{minutes % 60:02d}")


def card_name(row: ConversationRow) -> str:
    """The visitor's name, or their number in the agent's language."""
    name = row.display_name()
    if name == f"Visitor #{row.info.visitor}":  # the model's English fallback
        template = QCoreApplication.translate("ConversationCard", "Visitor #%1")
        return template.replace("%1", str(row.info.visitor))
    return name


def presence_text(row: ConversationRow, now: float) -> str:
    """On the site now, or when the visitor was last seen ("" when never)."""
    if row.visitor_online:
        return QCoreApplication.translate("ConversationCard", "on the site")
    if row.visitor_seen:
        template = QCoreApplication.translate("ConversationCard", "last seen %1")
        return template.replace("%1", day_or_time(row.visitor_seen, now))
    return ""

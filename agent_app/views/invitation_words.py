"""What the app says about invitations, in the agent's language: a state in one word (the
visitor row's badge), a state in a line (who sent it, when, with what words), why the relay
did not invite a visitor. Names, rules and greetings are other people's words: they go
through agent_app.text like a visitor's."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication

from agent_app import text as untrusted
from agent_app.i18n import QT_TRANSLATE_NOOP, fill
from shared_protocol import frames

CONTEXT = "Invitations"

# The word on the visitor's row, per state (models.visitors keeps the same in English).
STATUS_WORDS = {
    "sent": QT_TRANSLATE_NOOP("Invitations", "invited"),
    "shown": QT_TRANSLATE_NOOP("Invitations", "invite seen"),
    "accepted": QT_TRANSLATE_NOOP("Invitations", "accepted"),
    "declined": QT_TRANSLATE_NOOP("Invitations", "declined"),
    "expired": QT_TRANSLATE_NOOP("Invitations", "no answer"),
    "withdrawn": QT_TRANSLATE_NOOP("Invitations", "withdrawn"),
}
# The same as a line in the visitor's details.
STATUS_LINES = {
    "sent": QT_TRANSLATE_NOOP("Invitations", "Invited, not on their screen yet"),
    "shown": QT_TRANSLATE_NOOP("Invitations", "Invitation on their screen"),
    "accepted": QT_TRANSLATE_NOOP("Invitations", "Accepted the invitation"),
    "declined": QT_TRANSLATE_NOOP("Invitations", "Declined the invitation"),
    "expired": QT_TRANSLATE_NOOP("Invitations", "Did not answer the invitation"),
    "withdrawn": QT_TRANSLATE_NOOP("Invitations", "Invitation withdrawn"),
}
# Why the relay invited a visitor not (InviteRefusal.reason), after their name.
REFUSALS = {
    "offline": QT_TRANSLATE_NOOP("Invitations", "has left the site"),
    "chatting": QT_TRANSLATE_NOOP("Invitations", "is already chatting"),
    "invited": QT_TRANSLATE_NOOP("Invitations", "already has an invitation waiting"),
    "not_found": QT_TRANSLATE_NOOP("Invitations", "is not known to the relay"),
}


def _(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def status_word(status: str) -> str:
    """`invited` · `declined`: short enough for the visitor row's badge."""
    word = STATUS_WORDS.get(status)
    return _(word) if word else status


def refusal_text(reason: str) -> str:
    words = REFUSALS.get(reason)
    return _(words) if words else reason


def sender_text(info: frames.InvitationInfo) -> str:
    """Who invited: `Alice` · `rule “Prices”` · `a rule`. Names are isolated."""
    if info.agent is not None or info.agent_name:
        return untrusted.shown(info.agent_name or "?", max_chars=40, one_line=True)
    if info.rule:
        return fill(
            QCoreApplication.translate("Invitations", "rule “%1”"),
            untrusted.shown(info.rule, max_chars=40, one_line=True),
        )
    return QCoreApplication.translate("Invitations", "a rule")


def greeting_text(text: str, *, max_chars: int = 160) -> str:
    """An invitation's words as the agent reads them ("" is the site's own greeting)."""
    if not text:
        return QCoreApplication.translate("Invitations", "the site's greeting")
    return fill(
        QCoreApplication.translate("Invitations", "“%1”"),
        untrusted.shown(text, max_chars=max_chars, one_line=True),
    )


def invitation_line(info: frames.InvitationInfo) -> str:
    """`Declined the invitation · Alice, sent 15:02` on one line, then the words on the
    next: for the visitor's details and the row's tooltip."""
    state = _(STATUS_LINES.get(info.status, info.status))
    sent = time.strftime("%H:%M", time.localtime(info.sent_at))
    who = fill(QCoreApplication.translate("Invitations", "%1, sent %2"), sender_text(info), sent)
    return f"{state} · {who}\n{greeting_text(info.text)}"

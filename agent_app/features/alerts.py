"""Getting the agent's attention: desktop pop-ups (one per visitor and burst, see
popups.py) and the chime, for arrivals, new chats and visitors' messages. An arrival's
pop-up offers "Invite"; where pop-ups carry no actions (Qt's tray balloon), its click opens
the visitor with the invite dialog ready instead."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from agent_app import text as untrusted
from agent_app.i18n import fill
from agent_app.notify import Action, NotifierChain
from agent_app.popups import Happening, PopUpBook
from agent_app.settings import Preferences
from agent_app.sound import Chime
from agent_app.views.wording import source_text, visits_text
from shared_protocol import frames


def worth_a_pop_up(info: frames.VisitorInfo, preferences: Preferences) -> bool:
    """Whether an arrival pops up, so that a busy site does not flood the agent."""
    if not preferences.popup_arrivals:
        return False
    match preferences.arrivals_from:
        case "search":
            return info.source in ("search", "paid_search")
        case "returning":
            return info.visits > 1
        case "pages":
            page = info.landing or info.page
            url = page.url if page else ""
            parts = [p.strip() for p in preferences.arrival_pages.split(",") if p.strip()]
            return any(part in url for part in parts)
    return True


def arrival_text(info: frames.VisitorInfo) -> str:
    """What the arrival pop-up says: where from, how they came, where they landed."""

    def part(value: str) -> str:
        return untrusted.shown(value, max_chars=50, one_line=True)

    where = f"{part(info.location)} · " if info.location and info.country else ""
    landing = info.landing or info.page
    if landing is not None:
        page = part(landing.title or untrusted.readable_url(landing.url))
    else:
        page = QCoreApplication.translate("Alerts", "the site")
    landed = fill(QCoreApplication.translate("Alerts", "landed on %1"), page)
    return f"{where}{part(source_text(info))} · {landed} · {visits_text(info)}"


class Alerts:
    def __init__(
        self,
        *,
        notifier: NotifierChain,
        chime: Chime,
        preferences: Preferences,
        name_of: Callable[[int], str],
        open_visitor: Callable[[int], None],
        bring_forward: Callable[[], None],
        invite: Callable[[int], None] | None = None,
    ) -> None:
        self.notifier = notifier
        self.chime = chime
        self.preferences = preferences
        self.name_of = name_of
        self.open_visitor = open_visitor
        self.bring_forward = bring_forward
        self.invite = invite  # opens the invite dialog for a visitor; None: no invitations
        self.book = PopUpBook()

    def arrived(self, info: frames.VisitorInfo) -> None:
        if worth_a_pop_up(info, self.preferences):
            self._pop_up(info.id, Happening.ARRIVED, arrival_text(info))

    def started_chat(self, visitor_id: int) -> None:
        if self.preferences.popup_conversations:
            self._pop_up(visitor_id, Happening.STARTED_CHAT, "")
        self.chime.play()

    def wrote(self, message: frames.ChatMessage, *, seen: bool) -> None:
        """A visitor's message; it pops up unless the agent is looking at its chat."""
        if not seen and self.preferences.popup_messages:
            said = message.file.name if message.file else message.text
            self._pop_up(message.author_id, Happening.WROTE, said)
        self.chime.play()

    def _pop_up(self, visitor_id: int, happening: Happening, detail: str) -> None:
        """One pop-up per visitor and burst, updated in place (see popups.py)."""
        pop_up = self.book.event(
            visitor_id, self.name_of(visitor_id), happening, detail, time.time()
        )
        shown = pop_up.visitor
        on_click = self.bring_forward if shown is None else lambda: self.open_visitor(shown)
        invite = self.invite
        if shown is None or invite is None or not pop_up.invitable:
            self.notifier.notify(pop_up.title, pop_up.body, on_click, key=pop_up.key)
            return
        label = QCoreApplication.translate("Alerts", "Invite to chat")

        def open_and_invite() -> None:
            self.open_visitor(shown)
            invite(shown)

        self.notifier.notify(
            pop_up.title,
            pop_up.body,
            on_click,
            key=pop_up.key,
            actions=[Action("invite", label, lambda: invite(shown))],
            plain_click=open_and_invite,
        )

    def offered(
        self,
        key: str,
        title: str,
        body: str,
        *,
        open_chat: Callable[[], None],
        accept: Callable[[], None],
        decline: Callable[[], None],
        chime: bool = True,
    ) -> None:
        """A chat offered or transferred to this agent: the chime, and a pop-up with
        Accept and Decline where pop-ups carry actions (a click opens the app, where the
        banner offers both); `chime` False when it only updates a pop-up shown."""
        if chime:
            self.chime.play()
        self.notifier.notify(
            title,
            body,
            open_chat,
            key=key,
            actions=[
                Action("accept", QCoreApplication.translate("Alerts", "Accept"), accept),
                Action("decline", QCoreApplication.translate("Alerts", "Decline"), decline),
            ],
            plain_click=open_chat,
        )

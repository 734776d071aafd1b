"""Which desktop pop-up an event makes: one per visitor and burst, updated in place.

A visitor who arrives, starts a chat and writes three lines within a minute is one pop-up
that changes as they go, not five stacked ones; when many visitors need the agent at once,
the fourth and later share one summary. Pure logic with the time passed in; the desk
hands the result to the notifier chain, which replaces a pop-up with the same key.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from itertools import islice

from PySide6.QtCore import QCoreApplication

from agent_app import text as untrusted
from agent_app.i18n import fill

BURST_SECONDS = 60.0  # events of one visitor this close together share a pop-up
MAX_SHOWN = 3  # visitors with a pop-up of their own at the same time
TITLE_CHARS = 60
BODY_CHARS = 160
SUMMARY_KEY = "summary"


class Happening(Enum):
    ARRIVED = "arrived"
    STARTED_CHAT = "started_chat"
    WROTE = "wrote"


@dataclass(frozen=True)
class PopUp:
    key: str  # a pop-up with the same key replaces the one shown before
    title: str
    body: str
    visitor: int | None  # whose chat a click opens; None for the summary
    invitable: bool = False  # an arrival not (yet) chatting: the pop-up offers "Invite"


@dataclass
class _Burst:
    name: str
    last: float
    messages: int = 0
    started_chat: bool = False
    said: str = ""  # the latest thing worth saying: where they came from, or their words
    arrived: bool = False  # the burst began with (or has) the visitor's arrival


class PopUpBook:
    def __init__(self, *, burst_seconds: float = BURST_SECONDS, max_shown: int = MAX_SHOWN):
        self.burst_seconds = burst_seconds
        self.max_shown = max_shown
        self._bursts: dict[int, _Burst] = {}

    def event(
        self, visitor: int, name: str, happening: Happening, detail: str, now: float
    ) -> PopUp:
        """The pop-up to show (or to update) for what this visitor just did."""
        self._forget_before(now - self.burst_seconds)
        burst = self._bursts.get(visitor)
        if burst is None:
            burst = self._bursts[visitor] = _Burst(name=name, last=now)
        burst.name, burst.last = name or burst.name, now
        match happening:
            case Happening.ARRIVED:  # composed by the caller, its visitor parts isolated
                burst.said = detail
                burst.arrived = True
            case Happening.STARTED_CHAT:
                burst.started_chat = True
            case Happening.WROTE:
                burst.messages += 1
                said = untrusted.shown(detail, max_chars=BODY_CHARS, one_line=True)
                burst.said = untrusted.breakable(said)  # "BBBB…" must wrap, not run off
        if self._rank(visitor) >= self.max_shown:
            return self._summary()
        return PopUp(
            key=f"visitor-{visitor}",
            title=untrusted.shown(burst.name, max_chars=TITLE_CHARS, one_line=True),
            body=self._body(burst),
            visitor=visitor,
            invitable=burst.arrived and not burst.started_chat and not burst.messages,
        )

    def _body(self, burst: _Burst) -> str:
        said = burst.said
        if burst.messages > 1:
            return fill(
                QCoreApplication.translate("PopUps", "%1 new messages: %2"),
                str(burst.messages),
                said,
            )
        if burst.messages == 1:
            template = (
                QCoreApplication.translate("PopUps", "New chat: %1")
                if burst.started_chat
                else QCoreApplication.translate("PopUps", "New message: %1")
            )
            return fill(template, said)
        if burst.started_chat:
            return QCoreApplication.translate("PopUps", "Started a chat")
        return said

    def _rank(self, visitor: int) -> int:
        """How many other visitors' bursts began before this one's (and are still on)."""
        first = list(islice(self._bursts, self.max_shown))  # only whether it is < max_shown
        return first.index(visitor) if visitor in first else self.max_shown

    def _summary(self) -> PopUp:
        count = len(self._bursts)  # only the five named are made shown (was: all of them)
        names = [
            untrusted.shown(b.name, max_chars=24, one_line=True)
            for b in islice(self._bursts.values(), 5)
        ]
        shown = QCoreApplication.translate("PopUps", ", ").join(names)
        if count > 5:
            shown = fill(
                QCoreApplication.translate("PopUps", "%1 and %2 more"), shown, str(count - 5)
            )
        return PopUp(
            key=SUMMARY_KEY,
            title=fill(QCoreApplication.translate("PopUps", "%1 visitors need you"), str(count)),
            body=shown,
            visitor=None,
        )

    def _forget_before(self, cutoff: float) -> None:
        for visitor in [v for v, burst in self._bursts.items() if burst.last < cutoff]:
            del self._bursts[visitor]

"""Auto-away after idle time: no keyboard or mouse input in the app for the agent's
chosen minutes (Settings, 0: never) sets them Away; input again sets them Online, but
only when the app set Away (not the agent, not the relay after missed offers).

Input is what Qt delivers to this app's own windows, seen by one application-wide event
filter. Not the system's idle time (the X screensaver extension): that is X11 only (not
Wayland, Windows or macOS), needs libXss through ctypes, and would keep an agent Online
who sits at another program; an agent who works in the app counts as present, which is
what visitors are promised. The decision is `idle_step`, pure, with the time passed in;
`IdleAway` only records input and asks it on a timer.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from shared_protocol.frames import AgentStatus

CHECK_MILLISECONDS = 15_000  # how late Away may come: a quarter of a minute at most
MAX_IDLE_MINUTES = 240
# What counts as the agent being there (not Enter/Leave or paints, which come unasked).
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


@dataclass(frozen=True)
class IdleState:
    last_input: float  # on the clock IdleAway is given
    away_by_idle: bool = False  # the app set Away, so input may set Online again


def idle_step(
    state: IdleState, now: float, minutes: int, status: AgentStatus, *, input_now: bool
) -> tuple[IdleState, AgentStatus | None]:
    """What to do at `now`: the new state and the status to set, None for none.
    `input_now`: the agent just pressed a key or moved the mouse in the app."""
    if input_now:
        if state.away_by_idle and status is AgentStatus.AWAY:
            return IdleState(now), AgentStatus.ONLINE
        return IdleState(now), None
    if state.away_by_idle and status is not AgentStatus.AWAY:
        state = IdleState(state.last_input)  # someone else changed it since: not ours now
    idle = minutes > 0 and now - state.last_input >= minutes * 60
    if idle and status is AgentStatus.ONLINE:
        return IdleState(state.last_input, away_by_idle=True), AgentStatus.AWAY
    return state, None


class IdleAway(QObject):
    """Watches input in every window of the app and sets the status through `set_status`.

    `minutes` is read at each look, so a new setting counts at once; `status` is the
    status the agent has now; `connected`, whether the relay hears the app now. The
    agent's own choice goes through `chosen`, which makes Away theirs (input then leaves
    it)."""

    def __init__(
        self,
        *,
        minutes: Callable[[], int],
        status: Callable[[], AgentStatus],
        set_status: Callable[[AgentStatus], None],
        connected: Callable[[], bool] = lambda: True,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self._minutes = minutes
        self._status = status
        self._set_status = set_status
        self._connected = connected
        self.state = IdleState(clock())
        self._seen_input = False
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # removed by Qt when this object is destroyed
        self.timer = QTimer(self, interval=CHECK_MILLISECONDS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def stop(self) -> None:
        """No more looking: the desk is done (every event of the app went through here)."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    @property
    def away_by_idle(self) -> bool:
        return self.state.away_by_idle

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self.input()
        return False  # only looks: every event goes on as usual

    def input(self) -> None:
        """The agent is there: noted (cheaply: mouse moves come often), and Online again
        at once when idle time had set them Away."""
        now = self.clock()
        if not self.state.away_by_idle:
            self.state = IdleState(now)
            return
        self._apply(now, input_now=True)

    def check(self) -> None:
        """The timer's look: Away once the agent has been idle long enough (while
        connected: disconnected, the relay sees them Offline anyway)."""
        if self._connected():
            self._apply(self.clock(), input_now=False)

    def chosen(self) -> None:
        """The agent picked a status: whatever it is, it is theirs, not the app's."""
        self.state = IdleState(self.clock())

    def _apply(self, now: float, *, input_now: bool) -> None:
        minutes = max(0, min(MAX_IDLE_MINUTES, int(self._minutes())))
        self.state, status = idle_step(
            self.state, now, minutes, self._status(), input_now=input_now
        )
        if status is not None:
            self._set_status(status)

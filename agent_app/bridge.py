"""Frames from the relay to the features that handle them: frame type → handlers.

Each feature registers what it handles when it is built, so adding a frame (an invitation,
a transfer) adds a registration in that feature, not a branch in one long `match`.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from typing import Any, TypeVar

from shared_protocol import frames

log = logging.getLogger("parley.agent.bridge")

F = TypeVar("F", bound=frames.Frame)


class FrameRouter:
    def __init__(self) -> None:
        self._handlers: defaultdict[type[frames.Frame], list[Callable[[Any], None]]] = defaultdict(
            list
        )

    def on(self, kind: type[F], handler: Callable[[F], None]) -> None:
        """Call `handler` with every frame of `kind`, after the handlers registered before."""
        self._handlers[kind].append(handler)

    def dispatch(self, frame: frames.Frame) -> None:
        handlers = self._handlers.get(type(frame))
        if not handlers:
            # A newer relay may send frames this app does not know yet: not an error.
            log.debug("event=frame_unhandled type=%s", type(frame).__name__)
            return
        for handler in handlers:
            handler(frame)

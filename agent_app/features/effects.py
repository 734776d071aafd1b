"""What a feature may do beyond its own models and views."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from shared_protocol import frames


@dataclass(frozen=True)
class Effects:
    send: Callable[[frames.Frame], None]  # to the relay now, or dropped while disconnected
    later: Callable[[Coroutine[Any, Any, Any]], None]  # I/O run on the loop (cache, files)
    say: Callable[[str], None]  # one line in the window's status bar
    unread_changed: Callable[[], None]  # the tray's badge may need redrawing

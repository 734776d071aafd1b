"""The one place where asyncio meets Qt: a qasync event loop drives both.

(PySide6's own QtAsyncio lacks socket support in 6.12: create_connection() raises
NotImplementedError, so the websockets client could not run on it.)
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Coroutine
from typing import Any

import qasync
from PySide6.QtWidgets import QApplication


def run(main: Callable[[QApplication], Coroutine[Any, Any, int]]) -> int:
    """Create the application and its loop, run `main` until it returns an exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        code: int = loop.run_until_complete(main(app))
    return code

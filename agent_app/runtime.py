"""The one place where asyncio meets Qt: a qasync event loop drives both.

(PySide6's own QtAsyncio lacks socket support in 6.12: create_connection() raises
NotImplementedError, so the websockets client could not run on it.)
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import socket
import sys
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

import qasync
from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QApplication

_T = TypeVar("_T")


class EventLoop(qasync.QEventLoop):  # type: ignore[misc]
    """qasync's loop, without the Qt events it processes after `run_until_complete` has
    stopped the loop: asyncio has no running loop by then, and a task that a Qt timer
    steps there dies with "no running event loop" (qasync 0.28). A relay test's timer
    task, or the app's last writes to its cache on quitting, must not die that way; the
    events wait for the loop's next run."""

    def run_until_complete(self, future: Awaitable[_T]) -> _T:
        if self.is_running():
            raise RuntimeError("Event loop already running")
        task = asyncio.ensure_future(future, loop=self)

        def stop(_: object) -> None:
            self.stop()

        task.add_done_callback(stop)
        try:
            self.run_forever()
        finally:
            task.remove_done_callback(stop)
        if not task.done():
            raise RuntimeError("Event loop stopped before Future completed.")
        return task.result()


def run(main: Callable[[QApplication], Coroutine[Any, Any, int]]) -> int:
    """Create the application and its loop, run `main` until it returns an exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    loop = EventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        code: int = loop.run_until_complete(main(app))
    return code


class QuitOnSignals:
    """Ctrl+C (SIGINT) and SIGTERM quit the app as its Quit does.

    Python runs a signal handler only when it next runs Python code, which a Qt loop
    waiting in C++ (a modal login box, an idle window) may not do for a long time: the
    signal also writes to a socket that Qt watches, which wakes the loop. Installing the
    handler explicitly also covers a start in the background, where the shell leaves
    SIGINT ignored. Keep the object alive for as long as the app runs.
    """

    def __init__(self, quit_now: Callable[[], None]) -> None:
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        signal.set_wakeup_fd(self._writer.fileno())
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._drain)  # by then the handler has run
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, lambda *_: quit_now())

    def _drain(self) -> None:
        with contextlib.suppress(BlockingIOError):
            self._reader.recv(64)

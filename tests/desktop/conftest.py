"""Desktop tests: Qt offscreen, asyncio on a qasync loop, an in-memory keyring."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from typing import Any

import keyring
import pytest
import pytestqt.plugin
from PySide6.QtWidgets import QApplication

from agent_app.runtime import EventLoop
from tests.helpers.desk import end_leftover_caches
from tests.helpers.keyring import MemoryKeyring as MemoryKeyring  # once defined here

_loops: list[EventLoop] = []  # the test's loop, once made


def _new_loop() -> EventLoop:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    # As the app: it lives on in the tray. A test closing one desk's window while another
    # opens must not quit Qt, which would stop the test's loop under it.
    app.setQuitOnLastWindowClosed(False)
    _loops[:] = [EventLoop(app)]
    return _loops[0]


def pytest_asyncio_loop_factories(config: Any, item: Any) -> dict[str, Callable[[], Any]]:
    return {"qasync": _new_loop}


_in_a_desktop_test = [False]


@pytest.fixture(autouse=True)
def _qt_events_belong_to_desktop_tests() -> Iterator[None]:
    _in_a_desktop_test[0] = True
    yield
    _in_a_desktop_test[0] = False
    end_leftover_caches()


def _process_events_unless_a_loop_owns_them() -> None:
    """pytest-qt processes Qt's events between setup, call and teardown, outside the test's
    loop: a qasync timer firing then steps an asyncio task with no running loop, and the
    task dies with "no running event loop" (a relay's batching task, say, and the visitors
    never reach the desk). While the test's loop lives, its own turns process the events.
    Tests of other directories process none: what a desktop test left behind (a window's
    timer) must not run inside a relay test, where it once crashed the whole run."""
    app = QApplication.instance()
    if app is None or not _in_a_desktop_test[0]:
        return
    if all(loop.is_closed() for loop in _loops):
        app.processEvents()


pytestqt.plugin._process_events = _process_events_unless_a_loop_owns_them


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)

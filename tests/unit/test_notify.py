"""The pop-up chain: notifiers that cannot work refuse at once; a failing one is replaced."""

from __future__ import annotations

import sys

import pytest

from agent_app.notify import NotifierChain, NotifierUnavailable, PlyerNotifier


class Working:
    name = "working"

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []

    def notify(self, title: str, body: str, on_click: object = None, *, key: str = "") -> None:
        self.shown.append((title, body))


class Breaking:
    name = "breaking"

    def notify(self, title: str, body: str, on_click: object = None, *, key: str = "") -> None:
        raise OSError("the notification service went away")


def refusing() -> Working:
    raise NotifierUnavailable("not on this desktop")


def test_the_first_notifier_that_builds_is_used_and_refusals_are_reported() -> None:
    working = Working()
    chain = NotifierChain([refusing, lambda: working])
    assert chain.notify("Ana is on the site", "<b>from Baidu</b>") is True
    assert working.shown == [("Ana is on the site", "<b>from Baidu</b>")]
    assert chain.refusals == ["refusing: not on this desktop"]


def test_a_notifier_that_fails_later_gives_way_to_the_next() -> None:
    working = Working()
    chain = NotifierChain([Breaking, lambda: working])
    assert chain.notify("New message", "hello") is True
    assert working.shown == [("New message", "hello")]
    assert [n.name for n in chain.notifiers] == ["working"]


def test_with_no_notifier_at_all_the_chain_says_so() -> None:
    chain = NotifierChain([refusing])
    assert chain.available is False
    assert chain.notify("t", "b") is False


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="plyer is the choice there")
def test_plyer_refuses_on_linux() -> None:
    with pytest.raises(NotifierUnavailable):
        PlyerNotifier()

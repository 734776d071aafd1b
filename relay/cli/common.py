"""What every command group of `parley-relay` shares: the operator's error, the store
opened for one command, a site by its key, passwords read safely, and someone's text
shown as one safe line."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

from relay.app import open_store
from relay.config import RelayConfig
from relay.store import Store
from relay.store.records import Site

if TYPE_CHECKING:
    from typing import TypeAlias

    # What each group's register() adds its commands to (parser.add_subparsers()).
    Commands: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]

T = TypeVar("T")
# What a command runs: the loaded configuration and the parsed arguments; it prints what it
# did and raises CliError for a mistake the operator can fix.
Command = Callable[[RelayConfig, argparse.Namespace], None]

MIN_PASSWORD_CHARS = 8


class CliError(Exception):
    """A mistake the operator can fix; printed without a traceback."""


def with_store(config: RelayConfig, action: Callable[[Store], Awaitable[T]]) -> T:
    """Run `action` on the store, opened for it alone (beside a relay that may be running)."""

    async def run() -> T:
        store = open_store(config)
        await store.open()
        try:
            return await action(store)
        finally:
            await store.close()

    return asyncio.run(run())


async def known_site(store: Store, key: str) -> Site:
    site = await store.get_site(key)
    if site is None:
        raise CliError(f"no site with key {key!r} (see `parley-relay site list`)")
    return site


def read_password(prompt_twice: bool = True) -> str:
    """From a prompt, or the first line of stdin; never an argument (`ps` would show it)."""
    if not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password: ")
        if prompt_twice and getpass.getpass("Repeat it: ") != password:
            raise CliError("the two passwords differ")
    if len(password) < MIN_PASSWORD_CHARS:
        raise CliError(f"a password needs at least {MIN_PASSWORD_CHARS} characters")
    return password


def photo_url(url: str) -> str:
    if url and not url.startswith(("https://", "http://")):
        raise CliError(f"{url!r}: a photo or logo URL must start with https:// or http://")
    return url


def shown(text: str) -> str:
    """Someone's text as one line that cannot steer the terminal: what is not printable
    (control characters, line breaks, bidi overrides) is escaped as Python writes it."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def checked_name(raw: str, what: str, most: int = 100) -> str:
    """A name people will see (an agent's, shown to visitors): printable text on one line,
    1 to `most` characters, without the controls that reorder or hide text (U+202E would
    let "Eve NIMDA" read as "Eve ADMIN")."""
    name = raw.strip()
    if not name or len(name) > most or not name.isprintable():
        shown_raw = shown(raw[:40]) + ("…" if len(raw) > 40 else "")
        raise CliError(f"{shown_raw}: a {what} is printable text of 1 to {most} characters")
    return name

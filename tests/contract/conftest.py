"""The contract fixture: every test runs once per back end (tests/contract/backends.py),
on a fresh store, with a small world to talk about (a site, visitors, agents)."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from relay.store.base import Store
from relay.store.records import Agent, Conversation, NewMessage, Site, Visibility, Visit, Visitor
from shared_protocol.frames import AuthorKind
from tests.contract.backends import BACKENDS, SHARED_BACKENDS, Harness, open_harness

NOW = 1_000.0


@dataclass
class World:
    """Makers of the rows a contract test needs, on the harness's store."""

    harness: Harness
    site: Site | None = None
    _numbers: itertools.count[int] = field(default_factory=itertools.count)

    @property
    def store(self) -> Store:
        return self.harness.store

    async def _visitor(self) -> tuple[Visitor, int]:
        """A new visitor of the site, and its number."""
        if self.site is None:
            self.site = await self.store.add_site("site", "Site", ["https://site.example"], 0)
        n = next(self._numbers)
        return await self.store.create_visitor(self.site.id, f"token-{n}", NOW), n

    async def conversation(self) -> Conversation:
        """A new visitor's new conversation."""
        visitor, n = await self._visitor()
        return await self.store.open_conversation(visitor.site_id, visitor.id, NOW + n)

    async def visit(self) -> Visit:
        """A new visitor's first visit."""
        visitor, _ = await self._visitor()
        return await self.store.begin_visit(visitor.id, NOW, 1800, "10.0.0.1", "UA")

    async def agent(self, name: str) -> Agent:
        return await self.store.add_agent(name, name.title(), "agent", "hash", NOW)


def from_visitor(
    conversation: Conversation, client_id: str, text: str = "hello", at: float = NOW
) -> NewMessage:
    return NewMessage(
        conversation.id, client_id, AuthorKind.VISITOR, conversation.visitor_id, "", text, at
    )


def from_agent(
    conversation: Conversation,
    agent: Agent,
    client_id: str,
    text: str = "hi",
    at: float = NOW,
    visibility: Visibility = Visibility.PUBLIC,
) -> NewMessage:
    return NewMessage(
        conversation.id,
        client_id,
        AuthorKind.AGENT,
        agent.id,
        agent.display_name,
        text,
        at,
        visibility=visibility,
    )


@pytest.fixture(params=BACKENDS)
async def harness(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Harness]:
    opened = await open_harness(request.param, tmp_path, request)
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture(params=SHARED_BACKENDS)
async def shared(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Harness]:
    """A harness of a back end that several relays may write at once."""
    opened = await open_harness(request.param, tmp_path, request)
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
def store(harness: Harness) -> Store:
    return harness.store


@pytest.fixture
def world(harness: Harness) -> World:
    return World(harness)

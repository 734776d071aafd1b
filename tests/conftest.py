"""Shared fixtures: a fresh relay per test on a free loopback port."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.helpers.relay_fixtures import RunningRelay, relay_fixture


@pytest.fixture
async def relay(tmp_path: Path) -> AsyncIterator[RunningRelay]:
    async for running in relay_fixture(tmp_path / "data"):
        yield running

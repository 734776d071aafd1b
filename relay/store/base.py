"""The storage interface of the relay: Store, every repository together, and Durability.

Callers see only this (and the records). The repositories one by one, with what each
method promises, are in relay/store/repositories.py; the errors in relay/store/errors.py.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from relay.store.errors import DuplicateName, StoreBug, StoreError, StoreUnavailable
from relay.store.repositories import (
    Agents,
    Conversations,
    Departments,
    EventLog,
    Files,
    Invitations,
    Messages,
    ParticipantsRepository,
    Phrases,
    Sessions,
    Sites,
    Visitors,
    Visits,
    Withdrawals,
)

__all__ = [
    "DuplicateName",
    "Durability",
    "Store",
    "StoreBug",
    "StoreError",
    "StoreUnavailable",
]


class Durability(StrEnum):
    """When a write counts as stored, and so when a message may be acknowledged."""

    # On the disk: each commit (one per batch) is synced before any of its callers hears
    # of it, so an acknowledged message survives a power cut or an OS crash.
    FULL = "full"
    # Handed to the operating system: survives a killed relay, but a power cut or OS
    # crash loses what was committed since the last sync (up to about a second).
    FAST = "fast"


class Store(
    Sites,
    Agents,
    Departments,
    Sessions,
    Visitors,
    Visits,
    Conversations,
    ParticipantsRepository,
    EventLog,
    Messages,
    Withdrawals,
    Phrases,
    Files,
    Invitations,
    Protocol,
):
    # Which history the sequence numbers belong to, known once open; a restored or copied
    # database gets a new one (relay/store/epoch.py, docs/protocol.md §5.4).
    @property
    def epoch(self) -> str: ...

    async def open(self) -> None: ...
    async def close(self) -> None: ...
    async def ping(self) -> None:
        """Reach the database once; StoreUnavailable when it cannot be (for /healthz)."""
        ...

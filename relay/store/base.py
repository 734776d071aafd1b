"""The storage interface of the relay. The hub and endpoints see only this.

Every timestamp is passed in by the caller (the relay is the clock). Writes that return
have been committed. A failure of the storage engine itself surfaces as StoreUnavailable;
nothing of the failed call was stored.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection
from enum import StrEnum
from typing import Protocol

from relay.core.referrer import Arrival
from relay.core.visits import NewestPageView
from relay.store.records import (
    Agent,
    Appended,
    Conversation,
    KnownMessage,
    NewMessage,
    ReadMark,
    Role,
    Site,
    StoredFile,
    StoredMessage,
    Visit,
    Visitor,
    Withdrawal,
)
from shared_protocol.frames import (
    AuthorKind,
    PageInfo,
    PageVisit,
    Phrase,
    PhraseDraft,
    SiteSettings,
    VisitorContact,
    VisitSummary,
)


class Durability(StrEnum):
    """When a write counts as stored, and so when a message may be acknowledged."""

    # On the disk: each commit (one per batch) is synced before any of its callers hears
    # of it, so an acknowledged message survives a power cut or an OS crash.
    FULL = "full"
    # Handed to the operating system: survives a killed relay, but a power cut or OS
    # crash loses what was committed since the last sync (up to about a second).
    FAST = "fast"


class StoreUnavailable(Exception):
    """The storage engine failed (disk full, I/O error); the caller may try again later."""


class DuplicateName(Exception):
    """An agent or site with that name or key exists already."""


class Store(Protocol):
    # Which history the sequence numbers belong to, known once open; a restored or copied
    # database gets a new one (relay/store/epoch.py, docs/protocol.md §5.4).
    epoch: str

    async def open(self) -> None: ...
    async def close(self) -> None: ...

    # Sites
    async def add_site(self, key: str, name: str, origins: Collection[str], now: float) -> Site: ...
    async def set_site_origins(self, key: str, origins: Collection[str]) -> None: ...
    async def set_site_settings(self, key: str, settings: SiteSettings) -> bool: ...
    async def get_site(self, key: str) -> Site | None: ...
    async def list_sites(self) -> list[Site]: ...

    # Agents and their sessions
    async def add_agent(
        self, name: str, display_name: str, role: Role, password_hash: str, now: float
    ) -> Agent: ...
    async def get_agent(self, name: str) -> Agent | None: ...
    async def agent_by_id(self, agent_id: int) -> Agent | None: ...
    async def set_agent_profile(
        self, name: str, *, display_name: str | None, avatar_url: str | None
    ) -> bool:
        """Change what visitors see of an agent; None leaves a field as it is."""
        ...

    async def list_agents(self) -> list[Agent]: ...
    async def set_agent_disabled(self, name: str, disabled: bool) -> bool: ...
    async def set_agent_password(self, agent_id: int, password_hash: str) -> None: ...
    async def create_session(
        self, agent_id: int, token_hash: str, expires_at: float, now: float
    ) -> None: ...
    async def session_agent(self, token_hash: str, now: float) -> tuple[Agent, float] | None:
        """The agent of a live session, and when the session expires."""
        ...

    async def revoke_session(self, token_hash: str) -> None: ...
    async def live_sessions(self, token_hashes: Collection[str], now: float) -> set[str]: ...

    # Visitors, visits, page views
    async def create_visitor(self, site_id: int, token_hash: str, now: float) -> Visitor: ...
    async def visitor_by_token(self, site_id: int, token_hash: str) -> Visitor | None: ...
    async def set_visitor_profile(self, visitor_id: int, name: str, email: str, phone: str) -> None:
        """Store what is not empty; empty values leave the stored ones unchanged."""
        ...

    async def visitor_contact(self, visitor_id: int) -> VisitorContact | None:
        """What the visitor told about themselves; None when nothing (or no such visitor)."""
        ...

    async def begin_visit(
        self,
        visitor_id: int,
        now: float,
        new_after: float,
        ip: str,
        user_agent: str,
        landing: PageInfo | None = None,
        source: Arrival | None = None,
    ) -> Visit:
        """Continue the visitor's visit, or start a new one after `new_after` seconds of
        quiet; a new visit keeps its landing page and where it came from."""
        ...

    async def record_page_view(self, visit_id: int, page: PageInfo, now: float) -> int:
        """Leave the visit's open page view and record a new one; returns the new view's id."""
        ...

    async def newest_page_view(self, visit_id: int) -> NewestPageView | None:
        """The page view of the visit recorded last; None when it has none."""
        ...

    async def reopen_page_view(self, visit_id: int, view: NewestPageView, now: float) -> bool:
        """Make `view` open again (the visitor is back on it); False, changing nothing, when
        it is no longer as read (left at another time, or a newer view was recorded)."""
        ...

    async def end_page_view(self, visit_id: int, view_id: int | None, now: float) -> None:
        """Close the view `view_id` if open; either way the visit was active at `now`."""
        ...

    async def touch_visits(self, visit_ids: Collection[int], now: float) -> None:
        """The visitors of these visits are still connected: their visits were active now."""
        ...

    async def visitor_history(
        self, visitor_id: int, limit: int = 20
    ) -> tuple[list[PageVisit], list[VisitSummary], list[Conversation]]:
        """The pages of the newest visit (oldest first), earlier visits and conversations."""
        ...

    # Conversations and messages
    async def open_conversation(
        self,
        site_id: int,
        visitor_id: int,
        now: float,
        *,
        offline: bool = False,
        page: PageInfo | None = None,
    ) -> Conversation:
        """The visitor's conversation that is not closed; a new one if there is none
        (`offline`: opened while no agent was online; `page`: where the visitor was)."""
        ...

    async def current_conversation(self, visitor_id: int) -> Conversation | None: ...
    async def get_conversation(self, conversation_id: int) -> Conversation | None: ...
    async def unclosed_conversations(self) -> list[Conversation]: ...
    async def assign_conversation(
        self, conversation_id: int, agent_id: int
    ) -> Conversation | None: ...
    async def close_conversation(self, conversation_id: int, now: float) -> Conversation | None:
        """Close it; None when it does not exist or was closed already."""
        ...

    async def mark_read(
        self, conversation_id: int, reader: AuthorKind, seq: int, *, visitor_id: int | None
    ) -> ReadMark | None:
        """Move the read mark of `reader` (the visitor, or agents) up to `seq`, clamped to the
        conversation's last seq; a lower one changes nothing. None when there is no such
        conversation or, with `visitor_id`, it is not that visitor's."""
        ...

    def queue_message(self, message: NewMessage) -> asyncio.Future[Appended]:
        """Queue a message for the next commit; the future resolves once it is committed.
        Queued messages are numbered in the order they were queued. A known client id
        resolves to the stored message (duplicate=True) when relay.core.resends says it is
        the same message again, withdrawn since or not; otherwise it fails with
        ProtocolError(CONFLICT)."""
        ...

    async def append_message(self, message: NewMessage) -> Appended:
        """queue_message, awaited."""
        ...

    async def find_message(
        self, author: AuthorKind, author_id: int, client_id: str
    ) -> KnownMessage | None:
        """The author's message with this client id, with its text as sent (to judge a
        resend by relay.core.resends)."""
        ...

    async def messages_after(
        self, conversation_id: int, after_seq: int, limit: int
    ) -> list[StoredMessage]: ...
    async def get_message(self, conversation_id: int, seq: int) -> StoredMessage | None: ...
    async def last_messages(self, conversation_ids: Collection[int]) -> dict[int, StoredMessage]:
        """The newest message of each conversation that has one, as history shows it
        (withdrawn ones withdrawn); one query for up to hundreds of conversations."""
        ...

    async def withdraw_message(
        self, conversation_id: int, seq: int, agent: Agent, now: float
    ) -> Withdrawal: ...
    async def withdrawals(self, conversation_id: int | None = None) -> list[Withdrawal]: ...

    # Canned phrases
    async def phrases_for(self, agent_id: int) -> list[Phrase]: ...
    async def phrase_owner(self, phrase_id: int) -> tuple[int | None] | None: ...
    async def save_phrase(
        self, phrase_id: int | None, draft: PhraseDraft, owner_id: int | None, now: float
    ) -> Phrase: ...
    async def delete_phrase(self, phrase_id: int) -> None: ...

    # Files
    async def add_file(self, file: StoredFile) -> None: ...
    async def get_file(self, file_id: str) -> StoredFile | None: ...
    async def file_visitors(self, file_id: str) -> set[int]: ...
    async def forget_unsent_files(self, before: float) -> list[str]: ...

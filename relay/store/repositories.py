"""What a storage back end provides, one Protocol per entity; relay.store.base.Store is
all of them together.

Every timestamp is passed in by the caller (the relay is the clock). A write that returns
has been committed, with the events it logs (relay/store/records.py LoggedEvent) in the
same transaction. Failures are relay.store.errors: StoreUnavailable (the environment:
nothing was stored, try again) or StoreBug (ours: do not retry); a StoreRefusal (named
with each method that raises one) is no failure: what was stored says no, and the
caller decides what its client is told. A PostgreSQL back end implements these one by
one; tests/contract/ is what each must pass.

Every signature speaks records (relay/store/records.py), never wire frames: the relay
converts between the two in relay/wire.py.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Mapping, Sequence
from typing import Protocol

from relay.core.referrer import Arrival
from relay.core.visits import NewestPageView
from relay.store.records import (
    Agent,
    Appended,
    Conversation,
    Department,
    InvitationCounts,
    InvitationLogged,
    InvitationRecord,
    InvitationSetupDocument,
    KnownMessage,
    LoggedEvent,
    NewInvitation,
    NewMessage,
    Page,
    PageVisit,
    Participant,
    ParticipantRole,
    Phrase,
    PhraseDraft,
    ReadMark,
    Role,
    Site,
    SiteSettings,
    StoredFile,
    StoredMessage,
    UntakenConversation,
    Visit,
    Visitor,
    VisitorContact,
    VisitSummary,
    Withdrawal,
)
from shared_protocol.frames import AuthorKind
from shared_protocol.lifecycle import Actor, ConversationEvent, ConversationState
from shared_protocol.lifecycle.invitation import InvitationEvent, InvitationState


class Sites(Protocol):
    async def add_site(self, key: str, name: str, origins: Collection[str], now: float) -> Site: ...
    async def set_site_origins(self, key: str, origins: Collection[str]) -> None: ...
    async def set_site_settings(self, key: str, settings: SiteSettings) -> bool: ...
    async def get_site(self, key: str) -> Site | None: ...
    async def list_sites(self) -> list[Site]: ...


class Agents(Protocol):
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
    async def set_agent_routing(
        self,
        name: str,
        *,
        skills: Collection[str] | None = None,
        level: int | None = None,
        max_chats: int | None = None,
        role: Role | None = None,
    ) -> bool:
        """What the router weighs of an agent, and their role; None leaves a field as it
        is. False when there is no such agent."""
        ...

    async def set_agent_departments(self, name: str, department_ids: Collection[int]) -> bool:
        """The departments the agent answers for, replacing those before. False when there
        is no such agent; StoreBug for a department that does not exist."""
        ...


class Departments(Protocol):
    async def add_department(self, site_id: int, name: str, now: float) -> Department:
        """A new department of the site, with the default settings, listed last;
        DuplicateName when the site has one so named."""
        ...

    async def save_department(
        self, site_id: int, department_id: int | None, name: str, settings_json: str, now: float
    ) -> Department | None:
        """Add a department (`department_id` None: listed last) or change the name and
        settings of one of the site's (its position and created_at stay). `settings_json`
        is kept as given (the relay checks it: records.Department). DuplicateName,
        changing nothing, when another department of the site has the name; None when the
        site has no department `department_id`."""
        ...

    async def department(self, department_id: int) -> Department | None: ...
    async def departments(self, site_id: int) -> list[Department]:
        """The site's departments in the order the pre-chat form lists them (position,
        then id)."""
        ...

    async def department_members(self, department_id: int) -> list[int]:
        """The ids of the agents who answer for the department."""
        ...


class Sessions(Protocol):
    async def create_session(
        self, agent_id: int, token_hash: str, expires_at: float, now: float
    ) -> None: ...
    async def session_agent(self, token_hash: str, now: float) -> tuple[Agent, float] | None:
        """The agent of a live session, and when the session expires."""
        ...

    async def revoke_session(self, token_hash: str) -> None: ...
    async def live_sessions(self, token_hashes: Collection[str], now: float) -> set[str]: ...


class Visitors(Protocol):
    async def create_visitor(self, site_id: int, token_hash: str, now: float) -> Visitor: ...
    async def visitor_by_token(self, site_id: int, token_hash: str) -> Visitor | None: ...
    async def set_visitor_profile(self, visitor_id: int, name: str, email: str, phone: str) -> None:
        """Store what is not empty; empty values leave the stored ones unchanged."""
        ...

    async def visitor_contact(self, visitor_id: int) -> VisitorContact | None:
        """What the visitor told about themselves; None when nothing (or no such visitor)."""
        ...

    async def get_visitor(self, visitor_id: int) -> Visitor | None: ...
    async def set_visitor_owner(
        self, visitor_id: int, agent_id: int | None, *, by_hand: bool
    ) -> bool:
        """Make `agent_id` the visitor's own agent (None: nobody). `by_hand` (an agent or
        admin chose it): closing a conversation leaves it as it is; otherwise, and always
        when cleared, the owner of the visitor's next conversation to close becomes it.
        False when there is no such visitor; StoreBug for an agent that does not exist."""
        ...


class Visits(Protocol):
    async def begin_visit(
        self,
        visitor_id: int,
        now: float,
        new_after: float,
        ip: str,
        user_agent: str,
        landing: Page | None = None,
        source: Arrival | None = None,
    ) -> Visit:
        """Continue the visitor's visit, or start a new one after `new_after` seconds of
        quiet; a new visit keeps its landing page and where it came from."""
        ...

    async def record_page_view(self, visit_id: int, page: Page, now: float) -> int:
        """Leave the visit's open page view and record a new one; returns the new view's id."""
        ...

    async def newest_page_view(self, visit_id: int) -> NewestPageView | None:
        """The page view of the visit recorded last; None when it has none."""
        ...

    async def pages_viewed(self, visit_id: int) -> int:
        """How many page views the visit has recorded."""
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


class Conversations(Protocol):
    async def open_conversation(
        self,
        site_id: int,
        visitor_id: int,
        now: float,
        *,
        offline: bool = False,
        page: Page | None = None,
        department_id: int | None = None,
    ) -> Conversation:
        """The visitor's conversation that is not closed; a new one if there is none
        (`offline`: opened while no agent was online; `page`: where the visitor was),
        logged as `created` by the visitor. One this call made has `created_at == now`:
        how a caller tells it from one another relay or tab opened a moment before."""
        ...

    async def current_conversation(self, visitor_id: int) -> Conversation | None: ...
    async def get_conversation(self, conversation_id: int) -> Conversation | None: ...
    async def unclosed_conversations(self) -> list[Conversation]: ...
    async def assign_conversation(
        self, conversation_id: int, agent_id: int, now: float | None = None
    ) -> Conversation | None:
        """Make the agent its owner, active (the previous owner leaves); logged as
        `accepted` when it had no owner, `assigned` when it had another. None when it does
        not exist or is closed. (Older than the lifecycle: transition_conversation is the
        checked way; `now` defaults to the time of the call.)"""
        ...

    async def close_conversation(
        self, conversation_id: int, now: float, *, by: Actor | None = None
    ) -> Conversation | None:
        """Close it (its participants leave), logged as `closed` by `by` (None: the
        system); None when it does not exist or was closed already. Its owner, if it has
        one, becomes the visitor's own agent unless that was set by hand."""
        ...

    async def transition_conversation(
        self,
        conversation_id: int,
        expected: ConversationState,
        new: ConversationState,
        events: Sequence[ConversationEvent],
        *,
        min_level: int | None = None,
    ) -> bool:
        """Compare and set: store `new` (and log `events`) only while the conversation's
        lifecycle is still `expected`, all in one transaction; False, changing and logging
        nothing, when another change came first or there is no such conversation. A new
        owner becomes the owner participant (the previous one leaves); closing makes every
        participant leave and its owner the visitor's own agent (unless set by hand); an
        owner cleared (the chat handed back to routing) leaves it; a
        `rated` event's score is kept; a transfer accepted through a department moves the
        conversation to it, entering it at that moment. `min_level` (an escalation: only
        agents of that level or higher) is stored with the move; None leaves it."""
        ...

    async def untaken_conversations(
        self, department_ids: Collection[int]
    ) -> list[UntakenConversation]:
        """The open conversations of these departments that nobody holds (waiting, queued
        or offered) and that are live chats (not messages left with the offline form), in
        the order they entered their department (then by id), with who declined each
        since then, the visitor's own agent and when it last came back to the line
        (`reclaimed`): what the assigner plans with. One indexed query."""
        ...

    async def last_accepts(self, agent_ids: Collection[int]) -> dict[int, float]:
        """When each agent last took a conversation (accepted, assigned to them, or a
        transfer to them accepted), from the event log; an agent who never did is left
        out. One indexed query."""
        ...

    async def mark_read(
        self, conversation_id: int, reader: AuthorKind, seq: int, *, visitor_id: int | None
    ) -> ReadMark | None:
        """Move the read mark of `reader` (the visitor, or agents) up to `seq`, clamped to the
        conversation's last seq; a lower one changes nothing. None when there is no such
        conversation or, with `visitor_id`, it is not that visitor's."""
        ...


class ParticipantsRepository(Protocol):
    async def add_participant(
        self, conversation_id: int, agent_id: int, role: ParticipantRole, now: float
    ) -> Participant | None:
        """A helper or supervisor joins (logged `agent_joined`); None when the agent is in
        it already or the conversation is closed or missing. Owners change only through
        assign_conversation and transition_conversation (StoreBug here)."""
        ...

    async def leave_conversation(self, conversation_id: int, agent_id: int, now: float) -> bool:
        """A helper or supervisor leaves (logged `agent_left`); False when the agent is not
        in it, or is its owner (who leaves only when another takes it over or it closes)."""
        ...

    async def participants(self, conversation_id: int) -> list[Participant]:
        """Everyone who took part, in the order they joined, those who left included."""
        ...


class EventLog(Protocol):
    async def conversation_events(self, conversation_id: int) -> list[LoggedEvent]:
        """The conversation's log in the order written."""
        ...

    async def events_between(self, start: float, end: float) -> list[LoggedEvent]:
        """Every conversation's entries with start <= at < end, by time (for reports)."""
        ...

    async def log_event(
        self,
        conversation_id: int,
        kind: str,
        at: float,
        actor: Actor,
        *,
        agent: int | None = None,
        note: str = "",
        newest_of: Collection[str] = (),
        newest_id: int | None = None,
    ) -> bool:
        """Append an entry that no other change makes (a colleague asked to join, and the
        answer). With `newest_of`, compare-and-set: only when the conversation's newest
        entry of those kinds has the id `newest_id` (None: it has none), else False and
        nothing is written, so two relays answering one question never both log."""
        ...


class Messages(Protocol):
    def queue_message(self, message: NewMessage) -> asyncio.Future[Appended]:
        """Queue a message for the next commit; the future resolves once it is committed.
        Queued messages are numbered in the order they were queued, by a counter the back
        end keeps with the conversation. A known client id resolves to the stored message
        (duplicate=True) when relay.core.resends says it is the same message again,
        withdrawn since or not; otherwise it fails with MessageIdTaken. A
        conversation's first public agent message is logged `first_agent_reply`. StoreBug
        for a conversation that does not exist."""
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
        self, conversation_id: int, after_seq: int, limit: int, *, include_internal: bool = False
    ) -> list[StoredMessage]:
        """Messages after `after_seq` in order. Internal ones only when asked: what a
        visitor may get is the default, an agent's reader asks for everything."""
        ...

    async def messages_after_each(
        self, after: Mapping[int, int], limit: int, *, include_internal: bool = False
    ) -> dict[int, list[StoredMessage]]:
        """messages_after for several conversations at once (conversation id → the seq to
        read after): up to `limit` of each, in order; a conversation with none is left
        out. One query where the engine allows: relays catching up read this way."""
        ...

    async def get_message(
        self, conversation_id: int, seq: int, *, include_internal: bool = False
    ) -> StoredMessage | None:
        """The message with this seq; an internal one only when asked (as above)."""
        ...

    async def last_messages(
        self, conversation_ids: Collection[int], *, include_internal: bool = False
    ) -> dict[int, StoredMessage]:
        """The newest message of each conversation that has one, as history shows it
        (withdrawn ones withdrawn); one query for up to hundreds of conversations.
        Internal ones count only when asked."""
        ...


class Withdrawals(Protocol):
    async def withdraw_message(
        self, conversation_id: int, seq: int, agent: Agent, now: float
    ) -> Withdrawal:
        """Take back the agent's own message: its text and file leave the transcript and
        are kept in the audit record. Compare and set: only while the message is the
        agent's and not withdrawn (relay.core.conversations.check_withdrawal is the rule;
        this is what makes two withdrawals at once one). NoSuchMessage, NotYours or
        AlreadyWithdrawn, changing nothing, otherwise."""
        ...

    async def withdrawals(self, conversation_id: int | None = None) -> list[Withdrawal]: ...


class Phrases(Protocol):
    async def phrases_for(self, agent_id: int) -> list[Phrase]: ...
    async def phrase_owner(self, phrase_id: int) -> tuple[int | None] | None: ...
    async def save_phrase(
        self, phrase_id: int | None, draft: PhraseDraft, owner_id: int | None, now: float
    ) -> Phrase:
        """Add a phrase (no id) or change one; `owner_id` None: shared. ShortcutTaken,
        changing nothing, when another phrase of the same owner (or another shared one)
        has its shortcut."""
        ...

    async def delete_phrase(self, phrase_id: int) -> None: ...


class Files(Protocol):
    async def add_file(self, file: StoredFile) -> None: ...
    async def get_file(self, file_id: str) -> StoredFile | None: ...
    async def file_visitors(self, file_id: str) -> set[int]:
        """The visitors of the conversations in which the file was sent publicly."""
        ...

    async def forget_unsent_files(self, before: float) -> list[str]: ...


class Invitations(Protocol):
    """Proactive invitations (issue 14): one open (sent or shown) per visitor at most,
    moved through shared_protocol/lifecycle/invitation.py by compare-and-set, every
    transition in the invitation event log of the same transaction."""

    async def add_invitation(
        self, new: NewInvitation, events: Sequence[InvitationEvent]
    ) -> InvitationRecord | None:
        """Store it (with `events`, the `sent` entry) and return it; None, storing nothing,
        when the visitor has an open invitation already (whichever relay sent it)."""
        ...

    async def get_invitation(self, invitation_id: int) -> InvitationRecord | None: ...
    async def open_invitation(self, visitor_id: int) -> InvitationRecord | None:
        """The visitor's invitation that is sent or shown, if any."""
        ...

    async def transition_invitation(
        self,
        invitation_id: int,
        expected: InvitationState,
        new: InvitationState,
        events: Sequence[InvitationEvent],
        *,
        conversation_id: int | None = None,
    ) -> bool:
        """Compare and set on the status: store `new` (and `conversation_id` when given) and
        log `events` only while the invitation's status is still `expected.status`; False,
        changing nothing, when another change came first or there is no such invitation.
        So an invitation expires once however many relays' timers fire."""
        ...

    async def invitation_history(self, visitor_id: int, limit: int = 200) -> list[InvitationRecord]:
        """The visitor's invitations, newest first, across visits."""
        ...

    async def last_chat_closed_at(self, visitor_id: int) -> float | None:
        """When the visitor's most recent closed conversation closed (the policy waits a
        day after a chat); None when none has closed."""
        ...

    async def overdue_invitations(self, now: float, limit: int = 500) -> list[InvitationRecord]:
        """Open invitations whose time ran out by `now` (sent_at + timeout <= now), oldest
        first: what a relay that died left to expire."""
        ...

    async def recent_invitations(self, since: float, limit: int = 500) -> list[InvitationRecord]:
        """Invitations sent, or ended, at or after `since`, newest first (an agent's login)."""
        ...

    async def invitation_events(self, invitation_id: int) -> list[InvitationLogged]:
        """Its event log, in the order written."""
        ...

    async def invitation_counts(
        self, site_id: int, rule_id: str, since: float
    ) -> dict[int | None, InvitationCounts]:
        """The rule's invitations sent at or after `since`, counted per variant (None: the
        rule runs no test)."""
        ...

    async def invitation_setup(self, site_id: int) -> InvitationSetupDocument:
        """The site's document; an empty one (version 0) when never saved."""
        ...

    async def save_invitation_setup(
        self, site_id: int, document: str, expected_version: int
    ) -> bool:
        """Store `document` as version `expected_version + 1`, only while the stored version
        is still `expected_version`; False, changing nothing, when another save came first."""
        ...

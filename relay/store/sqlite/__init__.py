"""The SQLite back end: SqliteStore, every repository around one Database core.

database.py        the core: WAL, the group-commit writer, durability, epoch, reads
repository.py      the base of every repository: the core it works on
errors.py          SQLite's exceptions sorted into the environment's fault or ours
migrations.py      the schema's steps (schema_first.py 1-8, schema_teams.py 9-12,
                   schema_invitations.py 13, schema_routing.py 14)
sites.py           sites
agents.py          agents, departments (their settings), sessions
visitors.py        visitors, visits, page views
conversations.py   conversations, the lifecycle's compare-and-set, read marks
participants.py    who is in a conversation
events.py          the event log
messages.py        reading and withdrawing messages
appends.py         numbering and inserting the queued ones (the writer's batch runner)
phrases.py         canned phrases
files.py           uploaded files' records
invitations.py     proactive invitations, their log and each site's setup
conversation_rows.py  the SELECT of a conversation, shared
(What a row means, how a run of messages is numbered and what a change logs are shared
with PostgreSQL: relay/store/rows.py, invitation_rows.py, numbering.py, changes.py.)
"""

from __future__ import annotations

from pathlib import Path

from relay.store.base import Durability
from relay.store.sqlite.agents import SqliteAgents, SqliteDepartments, SqliteSessions
from relay.store.sqlite.conversations import SqliteConversations
from relay.store.sqlite.database import Database
from relay.store.sqlite.events import SqliteEventLog
from relay.store.sqlite.files import SqliteFiles
from relay.store.sqlite.invitations import SqliteInvitations
from relay.store.sqlite.messages import SqliteMessages, SqliteWithdrawals
from relay.store.sqlite.participants import SqliteParticipants
from relay.store.sqlite.phrases import SqlitePhrases
from relay.store.sqlite.sites import SqliteSites
from relay.store.sqlite.visitors import SqliteVisitors, SqliteVisits

__all__ = ["CHECKPOINT_SECONDS", "Database", "SqliteStore"]

# How often the WAL is copied into the database file; read at open() (tests lengthen it
# so that only commits sync the log).
CHECKPOINT_SECONDS = 1.0


class SqliteStore(
    SqliteSites,
    SqliteAgents,
    SqliteDepartments,
    SqliteSessions,
    SqliteVisitors,
    SqliteVisits,
    SqliteConversations,
    SqliteParticipants,
    SqliteEventLog,
    SqliteMessages,
    SqliteWithdrawals,
    SqlitePhrases,
    SqliteFiles,
    SqliteInvitations,
):
    """The Store on one SQLite file (relay.store.base.Store)."""

    def __init__(
        self,
        path: Path,
        *,
        batch_max: int = 1000,
        durability: Durability = Durability.FULL,
        epoch_marker: bool = False,
    ) -> None:
        """`epoch_marker`: this is the serving relay, which renews the epoch of a restored
        or copied database and keeps the marker beside it (relay/store/epoch.py)."""
        super().__init__(
            Database(path, batch_max=batch_max, durability=durability, epoch_marker=epoch_marker)
        )
        self.path = path
        self.durability = durability

    @property
    def epoch(self) -> str:
        return self._db.epoch

    async def open(self) -> None:
        self._db.checkpoint_seconds = CHECKPOINT_SECONDS
        await self._db.open()

    async def close(self) -> None:
        await self._db.close()

    async def ping(self) -> None:
        await self._db.rows("SELECT 1")

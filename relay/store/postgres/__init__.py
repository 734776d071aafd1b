"""The PostgreSQL back end: PostgresStore, every repository around one Database core, for
one relay or several sharing the database.

database.py        the core: the asyncpg pool, transactions and their retries, timeouts,
                   the schema at open, the epoch
errors.py          asyncpg's exceptions sorted into the environment's fault or ours
migrations.py      the schema's steps (schema.py: 12 on, numbered as SQLite's) under an
                   advisory lock
writer.py          group commit: queued messages stored together, answered after COMMIT
appends.py         numbering and inserting a run of messages (the writer's transaction)
sites.py           sites
agents.py          agents, departments, sessions
visitors.py        visitors, visits, page views
conversations.py   conversations, the lifecycle's compare-and-set, read marks
participants.py    who is in a conversation
events.py          the event log
messages.py        reading and withdrawing messages
phrases.py         canned phrases
files.py           uploaded files' records
invitations.py     proactive invitations, their log and each site's setup
conversation_rows.py: the SELECT of a conversation, shared
sqlite_copy.py     `parley-relay copy-data`: a SQLite installation copied in
(What a row means, how a run of messages is numbered and what a change logs are shared
with SQLite: relay/store/rows.py, invitation_rows.py, numbering.py, changes.py.)
"""

from __future__ import annotations

from relay.store.base import Durability
from relay.store.postgres.agents import PostgresAgents, PostgresDepartments, PostgresSessions
from relay.store.postgres.conversations import PostgresConversations
from relay.store.postgres.database import Database, Timeouts
from relay.store.postgres.events import PostgresEventLog
from relay.store.postgres.files import PostgresFiles
from relay.store.postgres.invitations import PostgresInvitations
from relay.store.postgres.messages import PostgresMessages, PostgresWithdrawals
from relay.store.postgres.participants import PostgresParticipants
from relay.store.postgres.phrases import PostgresPhrases
from relay.store.postgres.sites import PostgresSites
from relay.store.postgres.visitors import PostgresVisitors, PostgresVisits
from relay.store.postgres.writer import MessageWriter

__all__ = ["PostgresStore", "Timeouts"]


class PostgresStore(
    PostgresSites,
    PostgresAgents,
    PostgresDepartments,
    PostgresSessions,
    PostgresVisitors,
    PostgresVisits,
    PostgresConversations,
    PostgresParticipants,
    PostgresEventLog,
    PostgresMessages,
    PostgresWithdrawals,
    PostgresPhrases,
    PostgresFiles,
    PostgresInvitations,
):
    """The Store on one PostgreSQL database (relay.store.base.Store)."""

    def __init__(
        self,
        url: str,
        *,
        batch_max: int = 1000,
        durability: Durability = Durability.FULL,
        timeouts: Timeouts | None = None,
    ) -> None:
        db = Database(url, timeouts=timeouts, durability=durability)
        super().__init__(db, MessageWriter(db, batch_max))

    @property
    def epoch(self) -> str:
        return self._db.epoch

    @property
    def migrated_from(self) -> int:
        """The schema version open() found (0: a database without the schema)."""
        return self._db.migrated_from

    async def open(self) -> None:
        await self._db.open()
        self._writer.start()

    async def close(self) -> None:
        await self._writer.stop()  # what was queued is stored first
        await self._db.close()

    async def ping(self) -> None:
        await self._db.rows("SELECT 1")

"""Canned phrases on PostgreSQL: shared ones and each agent's own, with their shortcuts.

A shortcut is its owner's once (or once among the shared phrases); no index says so (an
empty one is anyone's), so a save first takes an advisory lock on its owner's shortcuts:
two relays saving the same shortcut at once are one after the other, and the second
finds the first's.
"""

from __future__ import annotations

from relay.store.errors import ShortcutTaken
from relay.store.postgres.database import Connection
from relay.store.postgres.repository import Repository
from relay.store.records import Phrase, PhraseDraft
from relay.store.rows import PHRASE_COLUMNS, phrase

_SELECT_PHRASES = f"SELECT {PHRASE_COLUMNS} FROM phrases p LEFT JOIN files f ON f.id = p.file_id "
# pg_advisory_xact_lock(class, key) takes two int4: "shor", and the owner (0: shared)
# folded into int4 (two owners sharing a key only wait for each other).
_SHORTCUTS_LOCK = 0x73686F72


class PostgresPhrases(Repository):
    async def phrases_for(self, agent_id: int) -> list[Phrase]:
        """The shared phrases and the agent's own."""
        rows = await self._db.rows(
            f"{_SELECT_PHRASES} WHERE p.owner_id IS NULL OR p.owner_id = $1 ORDER BY p.id",
            agent_id,
        )
        return [phrase(row) for row in rows]

    async def phrase_owner(self, phrase_id: int) -> tuple[int | None] | None:
        """(owner id or None when shared), or None when there is no such phrase."""
        row = await self._db.row("SELECT owner_id FROM phrases WHERE id = $1", phrase_id)
        return None if row is None else (row[0],)

    async def save_phrase(
        self, phrase_id: int | None, draft: PhraseDraft, owner_id: int | None, now: float
    ) -> Phrase:
        async def run(db: Connection) -> int:
            if draft.shortcut:
                await db.execute(
                    "SELECT pg_advisory_xact_lock($1, $2)", _SHORTCUTS_LOCK, (owner_id or 0) % 2**31
                )
                clash = await db.fetchval(
                    "SELECT id FROM phrases WHERE shortcut = $1 "
                    "AND owner_id IS NOT DISTINCT FROM $2 AND id IS DISTINCT FROM $3",
                    draft.shortcut,
                    owner_id,
                    phrase_id,
                )
                if clash is not None:
                    raise ShortcutTaken(draft.shortcut)
            values = (
                owner_id,
                draft.category,
                draft.title,
                draft.shortcut,
                draft.text,
                draft.kind.value,
                draft.url,
                draft.file,
                now,
            )
            if phrase_id is None:
                new_id: int = await db.fetchval(
                    "INSERT INTO phrases (owner_id, category, title, shortcut, text, kind, "
                    "url, file_id, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                    "RETURNING id",
                    *values,
                )
                return new_id
            await db.execute(
                "UPDATE phrases SET owner_id = $1, category = $2, title = $3, shortcut = $4, "
                "text = $5, kind = $6, url = $7, file_id = $8, updated_at = $9 WHERE id = $10",
                *values,
                phrase_id,
            )
            return phrase_id

        saved_id = await self._db.transaction(run)
        row = await self._db.row(f"{_SELECT_PHRASES} WHERE p.id = $1", saved_id)
        assert row is not None
        return phrase(row)

    async def delete_phrase(self, phrase_id: int) -> None:
        await self._db.rows("DELETE FROM phrases WHERE id = $1", phrase_id)

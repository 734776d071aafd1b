"""Canned phrases on SQLite: shared ones and each agent's own, with their shortcuts."""

from __future__ import annotations

import sqlite3

from relay.store.errors import ShortcutTaken
from relay.store.records import Phrase, PhraseDraft
from relay.store.rows import PHRASE_COLUMNS, phrase
from relay.store.sqlite.repository import Repository

_SELECT_PHRASES = f"SELECT {PHRASE_COLUMNS} FROM phrases p LEFT JOIN files f ON f.id = p.file_id "


class SqlitePhrases(Repository):
    async def phrases_for(self, agent_id: int) -> list[Phrase]:
        """The shared phrases and the agent's own."""
        rows = await self._db.rows(
            f"{_SELECT_PHRASES} WHERE p.owner_id IS NULL OR p.owner_id = ? ORDER BY p.id",
            (agent_id,),
        )
        return [phrase(row) for row in rows]

    async def phrase_owner(self, phrase_id: int) -> tuple[int | None] | None:
        """(owner id or None when shared), or None when there is no such phrase."""
        row = await self._db.row("SELECT owner_id FROM phrases WHERE id = ?", (phrase_id,))
        return None if row is None else (row[0],)

    async def save_phrase(
        self, phrase_id: int | None, draft: PhraseDraft, owner_id: int | None, now: float
    ) -> Phrase:
        def run(db: sqlite3.Connection) -> int:
            if draft.shortcut:
                clash = db.execute(
                    "SELECT id FROM phrases WHERE shortcut = ? AND owner_id IS ? AND id IS NOT ?",
                    (draft.shortcut, owner_id, phrase_id),
                ).fetchone()
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
                inserted = db.execute(
                    "INSERT INTO phrases (owner_id, category, title, shortcut, text, kind, "
                    "url, file_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    values,
                )
                return inserted.lastrowid or 0
            db.execute(
                "UPDATE phrases SET owner_id = ?, category = ?, title = ?, shortcut = ?, "
                "text = ?, kind = ?, url = ?, file_id = ?, updated_at = ? WHERE id = ?",
                (*values, phrase_id),
            )
            return phrase_id

        saved_id: int = await self._db.write(run)
        row = await self._db.row(f"{_SELECT_PHRASES} WHERE p.id = ?", (saved_id,))
        assert row is not None
        return phrase(row)

    async def delete_phrase(self, phrase_id: int) -> None:
        def run(db: sqlite3.Connection) -> None:
            db.execute("DELETE FROM phrases WHERE id = ?", (phrase_id,))

        await self._db.write(run)

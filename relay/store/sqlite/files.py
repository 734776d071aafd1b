"""Uploaded files on SQLite: their records (the bytes are on disk, relay/files.py), who
may fetch them, and forgetting those never sent."""

from __future__ import annotations

import sqlite3

from relay.store.records import StoredFile
from relay.store.rows import FILE_COLUMNS, stored_file
from relay.store.sqlite.repository import Repository


class SqliteFiles(Repository):
    async def add_file(self, file: StoredFile) -> None:
        def run(db: sqlite3.Connection) -> None:
            db.execute(
                f"INSERT INTO files ({FILE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    file.id,
                    file.name,
                    file.size,
                    file.content_type,
                    file.uploader.value,
                    file.uploader_id,
                    file.created_at,
                ),
            )

        await self._db.write(run)

    async def get_file(self, file_id: str) -> StoredFile | None:
        row = await self._db.row(f"SELECT {FILE_COLUMNS} FROM files WHERE id = ?", (file_id,))
        return stored_file(row) if row else None

    async def forget_unsent_files(self, before: float) -> list[str]:
        """Delete the records of files uploaded before `before` that no message and no
        phrase carries (uploaded and never sent, or withdrawn); returns their ids."""

        def run(db: sqlite3.Connection) -> list[str]:
            ids = [
                row[0]
                for row in db.execute(
                    "SELECT id FROM files f WHERE created_at < ? "
                    "AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.file_id = f.id) "
                    "AND NOT EXISTS (SELECT 1 FROM phrases p WHERE p.file_id = f.id)",
                    (before,),
                )
            ]
            db.executemany("DELETE FROM files WHERE id = ?", [(i,) for i in ids])
            return ids

        result: list[str] = await self._db.write(run)
        return result

    async def file_visitors(self, file_id: str) -> set[int]:
        """The visitors of the conversations in which the file was sent publicly (not
        withdrawn): a file in an internal note is not theirs to fetch."""
        rows = await self._db.rows(
            "SELECT DISTINCT c.visitor_id FROM messages m "
            "JOIN conversations c ON c.id = m.conversation_id "
            "WHERE m.file_id = ? AND m.visibility = 'public'",
            (file_id,),
        )
        return {row[0] for row in rows}

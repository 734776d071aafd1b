"""Uploaded files on PostgreSQL: their records (the bytes are on disk, relay/files.py),
who may fetch them, and forgetting those never sent."""

from __future__ import annotations

from relay.store.postgres.repository import Repository
from relay.store.records import StoredFile
from relay.store.rows import FILE_COLUMNS, stored_file


class PostgresFiles(Repository):
    async def add_file(self, file: StoredFile) -> None:
        await self._db.rows(
            f"INSERT INTO files ({FILE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            file.id,
            file.name,
            file.size,
            file.content_type,
            file.uploader.value,
            file.uploader_id,
            file.created_at,
        )

    async def get_file(self, file_id: str) -> StoredFile | None:
        row = await self._db.row(f"SELECT {FILE_COLUMNS} FROM files WHERE id = $1", file_id)
        return stored_file(row) if row else None

    async def forget_unsent_files(self, before: float) -> list[str]:
        """Delete the records of files uploaded before `before` that no message and no
        phrase carries (uploaded and never sent, or withdrawn); returns their ids."""
        rows = await self._db.rows(
            "DELETE FROM files f WHERE created_at < $1 "
            "AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.file_id = f.id) "
            "AND NOT EXISTS (SELECT 1 FROM phrases p WHERE p.file_id = f.id) RETURNING id",
            before,
        )
        return sorted(row[0] for row in rows)

    async def file_visitors(self, file_id: str) -> set[int]:
        """The visitors of the conversations in which the file was sent publicly (not
        withdrawn): a file in an internal note is not theirs to fetch."""
        rows = await self._db.rows(
            "SELECT DISTINCT c.visitor_id FROM messages m "
            "JOIN conversations c ON c.id = m.conversation_id "
            "WHERE m.file_id = $1 AND m.visibility = 'public'",
            file_id,
        )
        return {row[0] for row in rows}

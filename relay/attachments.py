"""Which uploaded file a message (or a canned phrase) may carry."""

from __future__ import annotations

from relay.store import Store
from relay.store.records import Attachment
from shared_protocol.errors import ErrorCode, ProtocolError
from shared_protocol.frames import AuthorKind


async def sendable_file(
    store: Store, file_id: str | None, author: AuthorKind, author_id: int | None
) -> Attachment | None:
    """Visitors send only their own uploads; agents any agent's (a colleague's canned
    phrase file, for one). Anything else looks like a file that does not exist."""
    if file_id is None:
        return None
    stored = await store.get_file(file_id)
    if (
        stored is None
        or stored.uploader is not author
        or (author_id is not None and stored.uploader_id != author_id)
    ):
        raise ProtocolError(ErrorCode.NOT_FOUND, "no such file: upload it first")
    return stored.attachment()

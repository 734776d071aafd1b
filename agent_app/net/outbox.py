"""Replies not yet acknowledged by the relay, in the order they were written."""

from __future__ import annotations

import uuid

from shared_protocol import frames


class Outbox:
    """Each reply keeps its id until acknowledged, so a resend is recognised, not doubled."""

    def __init__(self, pending: list[frames.AgentSend] | None = None) -> None:
        self._pending: dict[str, frames.AgentSend] = {m.id: m for m in pending or []}

    def add(
        self, conversation: int, text: str, *, reply_to: int | None = None, file: str | None = None
    ) -> frames.AgentSend:
        message = frames.AgentSend(
            id=uuid.uuid4().hex, conversation=conversation, text=text, reply_to=reply_to, file=file
        )
        self._pending[message.id] = message
        return message

    def restore(self, message: frames.AgentSend) -> None:
        """Put back a reply kept from an earlier run (the cache's unsent replies)."""
        self._pending.setdefault(message.id, message)

    def acknowledged(self, message_id: str) -> frames.AgentSend | None:
        return self._pending.pop(message_id, None)

    def get(self, message_id: str) -> frames.AgentSend | None:
        return self._pending.get(message_id)

    def pending(self) -> list[frames.AgentSend]:
        return list(self._pending.values())

    def __len__(self) -> int:
        return len(self._pending)

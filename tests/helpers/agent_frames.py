"""Frames from the relay as the agent app's session gets them, made by hand for tests of
the app without a relay: a login's welcome and chat messages."""

from __future__ import annotations

from shared_protocol import frames
from shared_protocol.frames import AuthorKind, ConversationStatus

ME = frames.AgentInfo(id=7, name="alice", display_name="Alice", role="agent")


def welcome(*conversations: int) -> frames.LoginOk:
    return frames.LoginOk(
        v=1,
        agent=ME,
        token="t",
        token_expires=0,
        visitors=[],
        conversations=[
            frames.ConversationInfo(id=c, visitor=c, status=ConversationStatus.ACTIVE, created_at=0)
            for c in conversations
        ],
        agents=[],
        server_time=0,
    )


def message(conversation: int, seq: int, text: str = "hi") -> frames.ChatMessage:
    return frames.ChatMessage(
        conversation=conversation,
        seq=seq,
        id=f"m{conversation}-{seq}",
        author=AuthorKind.VISITOR,
        author_id=conversation,
        text=text,
        ts=float(seq),
    )

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


def invitation(
    invitation_id: int,
    visitor: int,
    status: str = "sent",
    *,
    text: str = "",
    at: float = 100.0,
    sent_at: float | None = None,
    agent: int | None = ME.id,
    agent_name: str = "Alice",
    rule: str = "",
    site: str = "demo",
) -> frames.InvitationInfo:
    """An invitation as the relay tells agents of it (by Alice unless told)."""
    return frames.InvitationInfo(
        id=invitation_id,
        visitor=visitor,
        site=site,
        status=status,  # type: ignore[arg-type]
        text=text,
        at=at,
        sent_at=at if sent_at is None else sent_at,
        agent=agent,
        agent_name=agent_name if agent is not None else "",
        rule=rule,
    )


def visitor(
    visitor_id: int, name: str = "", *, site: str = "demo", **extra: object
) -> frames.VisitorInfo:
    """A visitor on the site now."""
    return frames.VisitorInfo(
        id=visitor_id,
        site=site,
        first_seen=0,
        last_seen=0,
        name=name,
        **extra,  # type: ignore[arg-type]
    )

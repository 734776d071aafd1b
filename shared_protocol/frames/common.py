"""What every frame is built from: the bounded field types, the Frame and Part bases, shared enums.

A feature module imports from here; nothing here imports a feature module.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import msgspec

from shared_protocol import limits

__all__ = [
    "AgentStatus",
    "AuthorKind",
    "ClientId",
    "Contact",
    "Count",
    "EntityId",
    "Epoch",
    "FileId",
    "Frame",
    "Name",
    "Part",
    "Password",
    "Preview",
    "Seconds",
    "Seq",
    "SiteKey",
    "Text",
    "Timestamp",
    "Title",
    "Token",
    "Url",
    "Version",
]

ClientId = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.MAX_CLIENT_ID_CHARS)]
Token = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.MAX_TOKEN_CHARS)]
Text = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.MAX_TEXT_CHARS)]
Preview = Annotated[str, msgspec.Meta(max_length=limits.MAX_PREVIEW_CHARS)]
Name = Annotated[str, msgspec.Meta(max_length=limits.MAX_NAME_CHARS)]
Contact = Annotated[str, msgspec.Meta(max_length=limits.MAX_CONTACT_CHARS)]
Password = Annotated[str, msgspec.Meta(max_length=limits.MAX_PASSWORD_CHARS)]
Url = Annotated[str, msgspec.Meta(max_length=limits.MAX_URL_CHARS)]
Title = Annotated[str, msgspec.Meta(max_length=limits.MAX_TITLE_CHARS)]
SiteKey = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.MAX_SITE_KEY_CHARS)]
# Which history of the relay's database sequence numbers belong to (docs/protocol.md §5.4):
# a restored or copied database gets a new epoch, and positions from another are void.
Epoch = Annotated[str, msgspec.Meta(max_length=limits.MAX_EPOCH_CHARS)]
# Every number has bounds (limits.MAX_WIRE_INT, limits.MAX_SECONDS), checked as it is
# decoded: no integer reaches storage that SQLite cannot hold or a browser cannot hold
# exactly, and no NaN or infinity reaches a date. tests/unit/test_frame_bounds.py keeps
# new fields to this.
Version = Annotated[int, msgspec.Meta(ge=0, le=1_000_000)]
EntityId = Annotated[int, msgspec.Meta(ge=1, le=limits.MAX_WIRE_INT)]  # minted by the relay
Seq = Annotated[int, msgspec.Meta(ge=0, le=limits.MAX_WIRE_INT)]  # 0: before the first message
Count = Annotated[int, msgspec.Meta(ge=0, le=limits.MAX_WIRE_INT)]  # sizes and counts
FileId = Annotated[str, msgspec.Meta(min_length=16, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
# Seconds since the Unix epoch, always the relay's clock.
Timestamp = Annotated[float, msgspec.Meta(ge=0, le=limits.MAX_SECONDS)]
Seconds = Annotated[float, msgspec.Meta(ge=0, le=limits.MAX_SECONDS)]  # a duration


class Frame(msgspec.Struct, frozen=True, kw_only=True, tag_field="type"):
    """Base of every frame; the subclass's tag is its `type`."""


class Part(msgspec.Struct, frozen=True, kw_only=True):
    """Base of the structures nested inside frames."""


class AuthorKind(StrEnum):
    VISITOR = "visitor"
    AGENT = "agent"
    SYSTEM = "system"


class AgentStatus(StrEnum):
    ONLINE = "online"
    AWAY = "away"
    OFFLINE = "offline"

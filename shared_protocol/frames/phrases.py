"""Canned phrases: the agent's draft, the stored phrase, saving, deleting and the changes.

Filling in a phrase's {placeholders} is shared_protocol/phrases.py, not a frame.
"""

# ruff: noqa: RUF012 - msgspec gives every instance its own [] and {} defaults, but ruff
# cannot see from here that Frame and Part (in common.py) are msgspec Structs.

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import msgspec

from shared_protocol import limits
from shared_protocol.frames.chat import Attachment
from shared_protocol.frames.common import (
    EntityId,
    FileId,
    Frame,
    Name,
    Part,
    Preview,
    Timestamp,
    Url,
)

__all__ = [
    "SHORTCUT_PATTERN",
    "Phrase",
    "PhraseDelete",
    "PhraseDraft",
    "PhraseKind",
    "PhraseSave",
    "PhrasesChanged",
]

SHORTCUT_PATTERN = r"^[\w.-]*$"  # a canned phrase's shortcut, typed as /shortcut

# ---------------------------------------------------------------- structures


class PhraseKind(StrEnum):
    TEXT = "text"
    LINK = "link"  # text (may be empty) followed by `url`
    FILE = "file"  # sends `file`, with `text` as an optional caption before it


class PhraseDraft(Part, frozen=True):
    """A canned phrase as an agent writes it. `text` may hold {visitor.name},
    {agent.name} and {site.name}, each with an optional fallback: {visitor.name|there}."""

    title: Annotated[str, msgspec.Meta(min_length=1, max_length=limits.MAX_NAME_CHARS)]
    text: Preview = ""
    category: Name = ""  # "Prices/Weekend": a path in the panel's tree; "" at the top
    shortcut: Annotated[str, msgspec.Meta(max_length=32, pattern=SHORTCUT_PATTERN)] = ""
    kind: PhraseKind = PhraseKind.TEXT
    url: Url = ""
    file: FileId | None = None
    shared: bool = False  # shared phrases are every agent's; only admins save them


class Phrase(Part, frozen=True):
    """A stored canned phrase, shared or this agent's own."""

    id: EntityId
    title: str
    text: str = ""
    category: str = ""
    shortcut: str = ""
    kind: PhraseKind = PhraseKind.TEXT
    url: str = ""
    file: Attachment | None = None
    shared: bool = False
    updated_at: Timestamp = 0.0


# ---------------------------------------------------------------- agent → relay


class PhraseSave(Frame, frozen=True, tag="phrase_save"):
    """Agent → relay: add a canned phrase (no id) or change one; answered by `phrases`."""

    phrase: PhraseDraft
    id: EntityId | None = None


class PhraseDelete(Frame, frozen=True, tag="phrase_delete"):
    id: EntityId


# ---------------------------------------------------------------- relay → agent


class PhrasesChanged(Frame, frozen=True, tag="phrases"):
    """Canned phrases were added, changed or deleted (by this agent, or an admin)."""

    updated: list[Phrase] = []
    deleted: list[EntityId] = []

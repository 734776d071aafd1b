"""What the agent is looking at: one chat and one visitor.

The visitor is the chat's visitor, or one watched before any chat exists (their draft shows
as they type), or one who has left the site. Features read it to decide what to show; the
desk's navigation alone changes it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Selection:
    conversation: int | None = None  # the chat shown
    visitor: int | None = None  # whose details are shown

    def shows(self, conversation_id: int) -> bool:
        return self.conversation == conversation_id

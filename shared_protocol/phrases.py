"""What makes a canned phrase complete, for the relay (which refuses) and the agent app
(which says so before sending)."""

from __future__ import annotations

import re

from shared_protocol.frames import SHORTCUT_PATTERN, PhraseDraft, PhraseKind


def phrase_problem(draft: PhraseDraft) -> str | None:
    """What the phrase lacks for its kind, in words for the agent; None when complete."""
    if not draft.title.strip():
        return "a phrase needs a title"
    if not re.fullmatch(SHORTCUT_PATTERN, draft.shortcut):
        return "a shortcut is letters, digits, _ . and - only (no spaces)"
    match draft.kind:
        case PhraseKind.TEXT if not draft.text.strip():
            return "a text phrase needs text"
        case PhraseKind.LINK if not draft.url.startswith(("https://", "http://")):
            return "a link phrase needs an http(s) URL"
        case PhraseKind.FILE if draft.file is None:
            return "a file phrase needs a file"
    return None

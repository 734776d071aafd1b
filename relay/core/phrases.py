"""What makes a canned phrase complete: pure checks, before anything is stored."""

from __future__ import annotations

from shared_protocol.errors import ErrorCode, ProtocolError
from shared_protocol.frames import PhraseDraft, PhraseKind


def check_phrase(draft: PhraseDraft) -> None:
    """Raise a BAD_FRAME error naming what the phrase lacks for its kind."""
    match draft.kind:
        case PhraseKind.TEXT if not draft.text.strip():
            problem = "a text phrase needs text"
        case PhraseKind.LINK if not draft.url.startswith(("https://", "http://")):
            problem = "a link phrase needs an http(s) URL"
        case PhraseKind.FILE if draft.file is None:
            problem = "a file phrase needs an uploaded file"
        case _:
            return
    raise ProtocolError(ErrorCode.BAD_FRAME, problem)

"""The rule for a message whose client-made id its author used before (protocol §5.3).

A client resends every message it holds no `ack` for, so the same message may come back
long after it was stored: after its conversation closed, after the agent withdrew it.
The same message again is a resend, acknowledged as a duplicate of the stored one; the
same id on another message is a conflict. "The same" means the text as first sent (a
withdrawn message keeps it only in its audit record), the same kind (a note is never the
resend of a public message, nor the reverse) and, for agents, the conversation.
"""

from __future__ import annotations

from shared_protocol.frames import AuthorKind


def is_resend(
    author: AuthorKind,
    *,
    stored_in: int,
    sent_text: str,
    sent_to: int | None,
    text: str,
    stored_internal: bool = False,
    internal: bool = False,
) -> bool:
    """Whether a message with a known id is the stored one again. A visitor's message goes
    to whichever conversation is open, so its resend may land in a newer one (or, while
    none is open, in none: `sent_to` None); an agent names the conversation itself."""
    if text != sent_text or stored_internal != internal:
        return False
    return author is AuthorKind.VISITOR or sent_to == stored_in

"""What a store call can fail with, or refuse, whatever the back end.

    StoreError
    ├── StoreUnavailable   the environment failed: a full disk, an I/O error, a database
    │                      locked or busy, a file that cannot be opened. Nothing of the call
    │                      was stored; the caller answers `unavailable` and the client keeps
    │                      what it sent and sends it again later.
    └── StoreBug           our bug: a broken invariant or a statement the engine refuses
                           (a constraint we did not expect to meet, a programming error).
                           Sending again would fail again, so the caller answers `internal`
                           and the client does not resend it forever; the store has logged
                           it with its trace.
    StoreRefusal           not a failure of the store: what was stored says no to the
    │                      change asked for (a compare-and-set that found something else,
    │                      a name that is taken), and nothing of the call was stored. The
    │                      caller decides what its client is told (the relay's handlers turn
    │                      each into the wire's error code; the CLI tells the operator).
    ├── DuplicateName      an agent, site or department with that name or key exists
    ├── MessageIdTaken     the author's client id names another message (not a resend)
    ├── ConversationIsClosed  the message's conversation was closed before it was stored
    ├── NoSuchMessage      there is no message with that seq in the conversation
    ├── NotYours           the message to withdraw is not the agent's
    ├── AlreadyWithdrawn   the message to withdraw was withdrawn already
    └── ShortcutTaken      the owner (or the shared phrases) has a phrase with that shortcut

Each back end sorts its engine's exceptions into these in one place
(relay/store/sqlite/errors.py, relay/store/postgres/errors.py), so that callers never see
an engine's own. The store decides nothing of its callers' rules (relay/core does):
refusals are what it finds when it stores, so that two relays or two agents can never
both win.
"""

from __future__ import annotations


class StoreError(Exception):
    """The store could not do what it was asked; nothing of the call was stored."""


class StoreUnavailable(StoreError):
    """The storage engine or its environment failed; the caller may try again later."""


class StoreBug(StoreError):
    """A bug of the relay met in the store (the engine's error is the __cause__); trying
    again does not help."""


class StoreRefusal(Exception):
    """What is stored refuses the change; nothing of the call was stored."""


class DuplicateName(StoreRefusal):
    """An agent, site or department with that name or key exists already."""


class MessageIdTaken(StoreRefusal):
    """The author sent another message with this client id before: not a resend of it
    (relay.core.resends), so it is neither stored nor acknowledged."""

    def __init__(self, client_id: str) -> None:
        super().__init__(f"the client id {client_id!r} names another message")
        self.client_id = client_id


class ConversationIsClosed(StoreRefusal):
    """The conversation was closed before the message could be stored in it (closed a
    moment ago, maybe through another relay); nothing was stored."""

    def __init__(self, conversation_id: int) -> None:
        super().__init__(f"conversation {conversation_id} is closed")
        self.conversation_id = conversation_id


class NoSuchMessage(StoreRefusal):
    """No message has that seq in that conversation."""


class NotYours(StoreRefusal):
    """The message is not the agent's own (rule 4 of relay.core.conversations)."""


class AlreadyWithdrawn(StoreRefusal):
    """The message was withdrawn already (by another request, maybe a moment ago)."""


class ShortcutTaken(StoreRefusal):
    """The phrase's owner, or the shared phrases, have another phrase with this shortcut."""

    def __init__(self, shortcut: str) -> None:
        super().__init__(f"the shortcut /{shortcut} is taken")
        self.shortcut = shortcut

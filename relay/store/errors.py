"""What a store call can fail with, whatever the back end.

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
    DuplicateName          not a failure of the store: a name or key the caller chose is
                           taken (the CLI tells the operator).

Each back end sorts its engine's exceptions into these in one place
(relay/store/sqlite/errors.py for SQLite), so that callers never see an engine's own.
"""

from __future__ import annotations


class StoreError(Exception):
    """The store could not do what it was asked; nothing of the call was stored."""


class StoreUnavailable(StoreError):
    """The storage engine or its environment failed; the caller may try again later."""


class StoreBug(StoreError):
    """A bug of the relay met in the store (the engine's error is the __cause__); trying
    again does not help."""


class DuplicateName(Exception):
    """An agent, site or department with that name or key exists already."""

"""The remembered login: a session token in the system keyring, never in a plain file.

Where the desktop has no keyring service, remembering is simply not offered; the app
says so rather than falling back to storing the secret somewhere weaker.
"""

from __future__ import annotations

import contextlib
import logging

import keyring
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

log = logging.getLogger("parley.agent.credentials")

SERVICE = "Parley agent"


def _account(relay_url: str, user: str) -> str:
    return f"{user}@{relay_url}"


def keyring_available() -> bool:
    try:
        backend = keyring.get_keyring()
    except KeyringError:
        return False
    # keyring's stand-in when nothing works has priority 0 or lower ("fail" backend).
    priority = getattr(backend, "priority", 0)
    return isinstance(priority, int | float) and priority > 0


def remember(relay_url: str, user: str, token: str) -> bool:
    """Keep the token; False when there is no keyring to keep it in."""
    try:
        keyring.set_password(SERVICE, _account(relay_url, user), token)
    except (NoKeyringError, KeyringError) as error:
        log.warning("event=keyring_unavailable error=%s", type(error).__name__)
        return False
    return True


def remembered(relay_url: str, user: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, _account(relay_url, user))
    except (NoKeyringError, KeyringError):
        return None


def forget(relay_url: str, user: str) -> None:
    with contextlib.suppress(PasswordDeleteError, NoKeyringError, KeyringError):
        keyring.delete_password(SERVICE, _account(relay_url, user))

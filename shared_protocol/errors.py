"""Error codes carried by `error` frames, and the exception that stands for one.

ProtocolError is raised by the codecs when a frame cannot be accepted, and by the relay
when a well-formed frame is refused. Callers branch on `code`, never on the text of
`detail`, which is for people.
"""

from enum import StrEnum


class ErrorCode(StrEnum):
    # The frame itself.
    BAD_FRAME = "bad_frame"  # not JSON/MessagePack, or fields of the wrong type
    UNKNOWN_TYPE = "unknown_type"  # a `type` this protocol version does not define
    FRAME_TOO_LARGE = "frame_too_large"
    TOO_LONG = "too_long"  # a text or other field over its documented length
    VERSION_UNSUPPORTED = "version_unsupported"
    # The session.
    NOT_AUTHENTICATED = "not_authenticated"  # anything before hello/login
    AUTH_FAILED = "auth_failed"
    SESSION_REVOKED = "session_revoked"
    UNKNOWN_SITE = "unknown_site"
    ORIGIN_NOT_ALLOWED = "origin_not_allowed"
    TIMEOUT = "timeout"
    # What the frame asks for.
    RATE_LIMITED = "rate_limited"  # comes with retry_after seconds
    CONFLICT = "conflict"  # a message id reused with other content
    NOT_FOUND = "not_found"  # no such conversation, or not yours
    CONVERSATION_CLOSED = "conversation_closed"
    FORBIDDEN = "forbidden"  # allowed to others, not to you (an admin's task, another's message)
    FILE_TOO_LARGE = "file_too_large"  # an upload over the relay's size limit
    # The relay.
    UNAVAILABLE = "unavailable"  # storage failed; nothing was stored, send again later
    INTERNAL = "internal"  # a relay bug; nothing of the frame was processed


# Codes after which the relay closes the connection (1008, policy violation).
FATAL_CODES = frozenset(
    {
        ErrorCode.VERSION_UNSUPPORTED,
        ErrorCode.NOT_AUTHENTICATED,
        ErrorCode.AUTH_FAILED,
        ErrorCode.SESSION_REVOKED,
        ErrorCode.UNKNOWN_SITE,
        ErrorCode.ORIGIN_NOT_ALLOWED,
        ErrorCode.TIMEOUT,
    }
)


class ProtocolError(Exception):
    """A frame was refused; `code` says why, `detail` explains it to a person."""

    def __init__(
        self,
        code: ErrorCode,
        detail: str = "",
        *,
        ref: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(f"{code.value}: {detail}" if detail else code.value)
        self.code = code
        self.detail = detail
        self.ref = ref
        self.retry_after = retry_after

    @property
    def fatal(self) -> bool:
        return self.code in FATAL_CODES

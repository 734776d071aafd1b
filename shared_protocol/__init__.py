"""The Parley wire contract: typed frames, their two codecs, limits and error codes.

Nothing here does I/O. Both the relay and the agent app import it; the widget follows
docs/protocol.md, which describes the same contract for JavaScript.
"""

from shared_protocol.errors import ErrorCode, ProtocolError
from shared_protocol.limits import PROTOCOL_VERSION

__all__ = ["PROTOCOL_VERSION", "ErrorCode", "ProtocolError"]

"""The two codecs: JSON text frames for browsers, MessagePack binary frames for agents.

Encoders and typed decoders are built once, at import. A decode either returns a complete,
validated frame or raises ProtocolError; it never leaks a msgspec exception (nor the
RecursionError of a deeply nested frame) and nothing of a refused frame is processed.
"""

from __future__ import annotations

import re
from typing import Any, Generic, TypeVar

import msgspec

from shared_protocol import frames, limits, nesting
from shared_protocol.errors import ErrorCode, ProtocolError

T = TypeVar("T")

# msgspec reports a bad tag as "Invalid value 'x' - at `$.type`"; a missing one as
# "Object missing required field `type`". Both mean the peer sent a type we do not know.
_UNKNOWN_TYPE = re.compile(r"(Invalid value .* - at `\$\.type`|missing required field `type`)")
_TOO_LONG = re.compile(r"length <= \d+")


def _classify(error: msgspec.DecodeError) -> ProtocolError:
    text = str(error)
    if isinstance(error, msgspec.ValidationError):
        if _UNKNOWN_TYPE.search(text):
            return ProtocolError(ErrorCode.UNKNOWN_TYPE, text[: limits.MAX_DETAIL_CHARS])
        if _TOO_LONG.search(text):
            return ProtocolError(ErrorCode.TOO_LONG, text[: limits.MAX_DETAIL_CHARS])
    return ProtocolError(ErrorCode.BAD_FRAME, text[: limits.MAX_DETAIL_CHARS])


class Codec(Generic[T]):
    """Decodes frames of one direction's union and encodes frames of the other."""

    def __init__(
        self, inbound: Any, *, binary: bool, max_bytes: int, max_depth: int | None = None
    ) -> None:
        # `inbound` is a union of frame types, which mypy cannot express as type[T].
        self.binary = binary
        self.max_bytes = max_bytes
        # Measured before decoding when set; otherwise only the stack limits nesting.
        self.max_depth = max_depth
        self._deeper_than = nesting.msgpack_deeper_than if binary else nesting.json_deeper_than
        self._decoder: msgspec.json.Decoder[T] | msgspec.msgpack.Decoder[T]
        self._encoder: msgspec.json.Encoder | msgspec.msgpack.Encoder
        if binary:
            self._decoder = msgspec.msgpack.Decoder(inbound)
            self._encoder = msgspec.msgpack.Encoder()
        else:
            self._decoder = msgspec.json.Decoder(inbound)
            self._encoder = msgspec.json.Encoder()

    def decode(self, data: bytes | str) -> T:
        if len(data) > self.max_bytes:
            raise ProtocolError(
                ErrorCode.FRAME_TOO_LARGE, f"a frame may hold at most {self.max_bytes} bytes"
            )
        if isinstance(data, str):
            if self.binary:
                raise ProtocolError(ErrorCode.BAD_FRAME, "this endpoint takes binary frames")
            data = data.encode()
        if self.max_depth is not None and self._deeper_than(data, self.max_depth):
            raise ProtocolError(
                ErrorCode.BAD_FRAME,
                f"a frame may nest maps and lists at most {self.max_depth} deep",
            )
        try:
            return self._decoder.decode(data)
        except msgspec.DecodeError as error:
            raise _classify(error) from None
        except RecursionError:  # deeper than this thread's stack allows, wherever it is
            raise ProtocolError(
                ErrorCode.BAD_FRAME, "a frame nests maps and lists too deep"
            ) from None

    def encode(self, frame: frames.Frame) -> bytes:
        return self._encoder.encode(frame)


# The relay decodes what clients send and encodes what it sends back. It measures the
# nesting of every frame it reads against the protocol's limit.
_INBOUND, _OUTBOUND = limits.MAX_FRAME_BYTES, limits.MAX_RELAY_FRAME_BYTES
_DEPTH = limits.MAX_NESTING_DEPTH
visitor_relay_side: Codec[frames.VisitorInbound] = Codec(
    frames.VisitorInbound, binary=False, max_bytes=_INBOUND, max_depth=_DEPTH
)
agent_relay_side: Codec[frames.AgentInbound] = Codec(
    frames.AgentInbound, binary=True, max_bytes=_INBOUND, max_depth=_DEPTH
)
# Clients decode what the relay sends (the agent app; tests and benchmarks for visitors).
# They trust its nesting (at most 5 deep) rather than measure frames of up to 4 MiB; one
# nested too deep for the stack is still refused with bad_frame, never a RecursionError.
visitor_client_side: Codec[frames.VisitorOutbound] = Codec(
    frames.VisitorOutbound, binary=False, max_bytes=_OUTBOUND
)
agent_client_side: Codec[frames.AgentOutbound] = Codec(
    frames.AgentOutbound, binary=True, max_bytes=_OUTBOUND
)

"""The two codecs: JSON text frames for browsers, MessagePack binary frames for agents.

Encoders and typed decoders are built once, at import. A decode either returns a complete,
validated frame or raises ProtocolError; it never leaks a msgspec exception (nor the
RecursionError of a deeply nested frame) and nothing of a refused frame is processed.

Which code a refused frame gets is decided from its structure, never from the wording of
msgspec's messages, and only once the typed decode has failed (a valid frame pays
nothing for it): a `type` tag that the direction does not define is `unknown_type`; a
string or list over the length its field allows, anywhere in a frame of a known type, is
`too_long`; anything else is `bad_frame`, explained by msgspec's own message put in plain
words (shared_protocol/plain_errors.py: "conversation: expected a whole number, got text").
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any, Generic, TypeVar

import msgspec
import msgspec.inspect as mi

from shared_protocol import frames, limits, nesting
from shared_protocol.errors import ErrorCode, ProtocolError
from shared_protocol.plain_errors import in_plain_words

T = TypeVar("T")

_SHOWN_TAG_CHARS = 40  # of an unknown tag, repeated in the detail


class _Refusals:
    """Tells why a frame of one direction's union was refused, from its structure."""

    def __init__(self, inbound: Any, *, binary: bool) -> None:
        members: tuple[type[msgspec.Struct], ...] = typing.get_args(inbound) or (inbound,)
        configs = [member.__struct_config__ for member in members]
        tag_fields = {config.tag_field for config in configs}
        assert len(tag_fields) == 1 and None not in tag_fields, "a union tagged on one field"
        self.tag_field = str(tag_fields.pop())
        # The tag alone: a one-field struct skips everything else without building it.
        # A missing tag is UNSET (no type named); a null one is a tag of the wrong kind.
        tag_only = msgspec.defstruct(
            "TagOnly", [(self.tag_field, str | msgspec.UnsetType, msgspec.UNSET)]
        )
        self._read_tag: msgspec.json.Decoder[Any] | msgspec.msgpack.Decoder[Any]
        self._read_plain: msgspec.json.Decoder[Any] | msgspec.msgpack.Decoder[Any]
        if binary:
            self._read_tag = msgspec.msgpack.Decoder(tag_only)
            self._read_plain = msgspec.msgpack.Decoder()
        else:
            self._read_tag = msgspec.json.Decoder(tag_only)
            self._read_plain = msgspec.json.Decoder()
        self.types = {
            str(config.tag): member for config, member in zip(configs, members, strict=True)
        }
        self._infos: dict[str, mi.Type] = {}  # read off each frame type when first needed

    def classify(self, data: bytes, error: msgspec.DecodeError) -> ProtocolError:
        try:
            tag = getattr(self._read_tag.decode(data), self.tag_field)
        except (msgspec.DecodeError, RecursionError):  # not a map, or a tag not a string
            return _refusal(ErrorCode.BAD_FRAME, in_plain_words(str(error)))
        if tag not in self.types:
            return _refusal(ErrorCode.UNKNOWN_TYPE, self._unknown(tag))
        info = self._infos.get(tag)
        if info is None:
            info = self._infos[tag] = mi.type_info(self.types[tag])
        try:
            plain = self._read_plain.decode(data)
        except (msgspec.DecodeError, RecursionError):
            return _refusal(ErrorCode.BAD_FRAME, in_plain_words(str(error)))
        over = next(_over_long(plain, info, "$"), None)
        if over is not None:
            path, length, allowed, unit = over
            detail = f"`{path}` holds {length} {unit}; at most {allowed} are allowed"
            return _refusal(ErrorCode.TOO_LONG, detail)
        return _refusal(ErrorCode.BAD_FRAME, in_plain_words(str(error)))

    def _unknown(self, tag: str | msgspec.UnsetType) -> str:
        known = ", ".join(sorted(self.types))
        if tag is msgspec.UNSET:
            return f"a frame must name its `{self.tag_field}`; this endpoint takes: {known}"
        shown = tag if len(tag) <= _SHOWN_TAG_CHARS else tag[:_SHOWN_TAG_CHARS] + "…"
        return f"no frame of type {shown!r} here; this endpoint takes: {known}"


def _refusal(code: ErrorCode, detail: str) -> ProtocolError:
    return ProtocolError(code, detail[: limits.MAX_DETAIL_CHARS])


def _over_long(value: object, info: mi.Type, path: str) -> Iterator[tuple[str, int, int, str]]:
    """(path, length, allowed, unit) of every string or list in `value` (decoded without a
    type) that is longer than its place in the type `info` allows. Values of another kind
    than their place wants are passed over: they are bad frames, not long ones."""
    match info:
        case mi.StrType(max_length=int(allowed)) if isinstance(value, str):
            if len(value) > allowed:
                yield path, len(value), allowed, "characters"
        case mi.ListType() | mi.SetType() | mi.FrozenSetType() | mi.VarTupleType() if isinstance(
            value, list
        ):
            if info.max_length is not None and len(value) > info.max_length:
                yield path, len(value), info.max_length, "items"
            for index, item in enumerate(value):
                yield from _over_long(item, info.item_type, f"{path}[{index}]")
        case mi.DictType() if isinstance(value, dict):
            if info.max_length is not None and len(value) > info.max_length:
                yield path, len(value), info.max_length, "entries"
            for key, item in value.items():
                yield from _over_long(key, info.key_type, f"{path}[{key!r}]")
                yield from _over_long(item, info.value_type, f"{path}[{key!r}]")
        case mi.StructType() if isinstance(value, dict):
            for field in info.fields:
                if field.encode_name in value:
                    place = f"{path}.{field.encode_name}"
                    yield from _over_long(value[field.encode_name], field.type, place)
        case mi.UnionType():
            # The member a value of this kind would be decoded as: of structs, the one its
            # tag names (or the only one).
            structs = [t for t in info.types if isinstance(t, mi.StructType)]
            if isinstance(value, dict) and len(structs) > 1:
                structs = [
                    t for t in structs if t.tag is not None and value.get(t.tag_field) == t.tag
                ]
            for member in info.types:
                if not isinstance(member, mi.StructType) or member in structs:
                    yield from _over_long(value, member, path)
        case _:
            return


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
        self._refusals = _Refusals(inbound, binary=binary)
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
            raise self._refusals.classify(data, error) from None
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

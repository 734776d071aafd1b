"""What relays of a cluster tell each other over the broker, as MessagePack.

Relays publish batches of envelopes (everything one relay had to say in one turn of its
event loop) on one channel, each after its sender's id and a NUL byte, so that a receiver
skips its own without decoding them, and handles the rest in order.
Nothing here is the record: a message is in PostgreSQL before its Bell rings, and a lost
envelope is made good by reading the store (relay/cluster/broker.py resynchronises).
"""

from __future__ import annotations

import msgspec

from relay.live.audiences import Audience
from shared_protocol import frames


class Delivery(msgspec.Struct, frozen=True, tag="frame", array_like=True):
    """A frame for an audience, encoded as each kind of client gets it (None: the
    audience holds none of that kind)."""

    audience: Audience
    for_visitors: bytes | None
    for_agents: bytes | None


class Bell(msgspec.Struct, frozen=True, tag="bell", array_like=True):
    """A message was committed: the conversation's parties elsewhere should read it from
    the store. `visitor_too` False: it is internal (no visitor may get it)."""

    conversation: int
    seq: int
    visitor: int
    visitor_too: bool


class ConversationChanged(msgspec.Struct, frozen=True, tag="conversation", array_like=True):
    """A conversation's record changed (taken, joined, read, closed): read it again."""

    conversation: int


class PresenceChanged(msgspec.Struct, frozen=True, tag="presence", array_like=True):
    """Who changed on the sending relay, as they are now (None: gone from it). With
    `whole`, this is everyone it has: what the receiver kept of it before is replaced."""

    agents: dict[int, frames.AgentPresenceInfo | None]
    visitors: dict[int, frames.VisitorInfo | None]
    whole: bool = False


class Revoke(msgspec.Struct, frozen=True, tag="revoke", array_like=True):
    """End the agent connections of these sessions, wherever they are."""

    token_hashes: list[str]


class Leaving(msgspec.Struct, frozen=True, tag="leaving", array_like=True):
    """The sending relay is shutting down: its people are gone from it now (its clients
    reconnect to the others), not after its heartbeat expires."""


Envelope = Delivery | Bell | ConversationChanged | PresenceChanged | Revoke | Leaving


class Batch(msgspec.Struct, frozen=True):
    origin: str  # the sending relay's id
    envelopes: list[Envelope]


_encoder = msgspec.msgpack.Encoder()
_decoder = msgspec.msgpack.Decoder(list[Envelope])
_SEPARATOR = b"\0"


def encode(origin: str, envelopes: list[Envelope]) -> bytes:
    return origin.encode() + _SEPARATOR + _encoder.encode(envelopes)


def origin_of(data: bytes) -> str:
    return data.partition(_SEPARATOR)[0].decode(errors="replace")


def decode(data: bytes) -> Batch:
    """A batch from another relay; msgspec.DecodeError when it is not one (a relay of
    another version, or something else publishing on the channel)."""
    origin, separator, body = data.partition(_SEPARATOR)
    if not separator:
        raise msgspec.DecodeError("no sender before the envelopes")
    return Batch(origin.decode(errors="replace"), _decoder.decode(body))

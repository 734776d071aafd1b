"""How deeply a frame's maps and lists nest, measured on its bytes before it is decoded.

msgspec decodes nested data recursively, fields it ignores included, and raises
RecursionError where the interpreter's stack ends: a depth that depends on the caller. A
measure of the bytes makes the limit a number of the protocol instead. Both measures
start with a bound from counting bytes, which settles almost every frame without parsing.
"""

from __future__ import annotations

import operator
import re
from itertools import accumulate, count

# --------------------------------------------------------------------------- JSON

# A JSON string, or what is left of an unterminated one. Possessive, so that input with
# many unmatched quotes is still read once: the measure stays linear in the frame's size.
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\[\s\S])*+(?:"|\\?\Z)')
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
# An opening bracket weighs 2 and a closing one 0, so that after the i-th bracket
# (counting from 1) the sum of weights minus i is the depth there.
_BRACKET_WEIGHTS = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")


def json_deeper_than(data: bytes, limit: int) -> bool:
    """Whether the JSON document in `data` nests objects and arrays more than `limit`
    deep. Exact for valid JSON; for anything else it may answer either way, and the
    decoder refuses it anyway."""
    if data.count(b"[") + data.count(b"{") <= limit:
        return False  # the usual frame: too few brackets to be that deep, in strings or not
    weights = _JSON_STRING.sub(b"", data).translate(_BRACKET_WEIGHTS, _NOT_BRACKETS)
    depths = map(operator.sub, accumulate(weights), count(1))
    return max(depths, default=0) > limit


# --------------------------------------------------------------------- MessagePack

# What a MessagePack value's first byte says: its kind and one number.
_SCALAR = 0  # a value whose remaining bytes number `n`
_BYTES = 1  # str or bin: an `n`-byte length, then that many bytes
_EXT = 2  # ext: an `n`-byte length, a type byte, then that many bytes
_ARRAY = 3  # an array of `n` items
_MAP = 4  # a map of `n` pairs
_ARRAY_N = 5  # an array whose item count follows in `n` bytes
_MAP_N = 6  # a map whose pair count follows in `n` bytes
_INVALID = 7  # 0xc1, never used


def _first_byte(byte: int) -> tuple[int, int]:
    if byte <= 0x7F or byte >= 0xE0 or byte in (0xC0, 0xC2, 0xC3):
        return _SCALAR, 0  # fixints, nil, false, true
    if byte <= 0x8F:
        return _MAP, byte & 0x0F
    if byte <= 0x9F:
        return _ARRAY, byte & 0x0F
    if byte <= 0xBF:
        return _SCALAR, byte & 0x1F  # fixstr
    fixed = {
        0xC4: (_BYTES, 1), 0xC5: (_BYTES, 2), 0xC6: (_BYTES, 4),
        0xC7: (_EXT, 1), 0xC8: (_EXT, 2), 0xC9: (_EXT, 4),
        0xCA: (_SCALAR, 4), 0xCB: (_SCALAR, 8),
        0xCC: (_SCALAR, 1), 0xCD: (_SCALAR, 2), 0xCE: (_SCALAR, 4), 0xCF: (_SCALAR, 8),
        0xD0: (_SCALAR, 1), 0xD1: (_SCALAR, 2), 0xD2: (_SCALAR, 4), 0xD3: (_SCALAR, 8),
        0xD4: (_SCALAR, 2), 0xD5: (_SCALAR, 3), 0xD6: (_SCALAR, 5), 0xD7: (_SCALAR, 9),
        0xD8: (_SCALAR, 17),
        0xD9: (_BYTES, 1), 0xDA: (_BYTES, 2), 0xDB: (_BYTES, 4),
        0xDC: (_ARRAY_N, 2), 0xDD: (_ARRAY_N, 4),
        0xDE: (_MAP_N, 2), 0xDF: (_MAP_N, 4),
    }  # fmt: skip
    return fixed.get(byte, (_INVALID, 0))


_FIRST_BYTES = tuple(_first_byte(byte) for byte in range(256))
# Bytes that can start a map or an array. Strings may hold them too, so their number is
# only a bound on how many containers the frame has.
_NOT_CONTAINER_STARTS = bytes(
    b for b in range(256) if _FIRST_BYTES[b][0] not in (_ARRAY, _MAP, _ARRAY_N, _MAP_N)
)


def msgpack_deeper_than(data: bytes, limit: int) -> bool:
    """Whether the MessagePack value in `data` nests maps and arrays more than `limit` deep.
    Exact for valid MessagePack; for anything else it may answer either way, and the
    decoder refuses it anyway."""
    if len(data.translate(None, _NOT_CONTAINER_STARTS)) <= limit:
        return False  # the usual frame: too few containers to be that deep
    # Walk the values, skipping strings by their length: `left` holds, for the root and
    # every open container, how many values it still holds.
    left, position, end = [1], 0, len(data)
    while left and position < end:
        kind, n = _FIRST_BYTES[data[position]]
        position += 1
        left[-1] -= 1
        if kind == _SCALAR:
            position += n
        elif kind in (_BYTES, _EXT):
            size = int.from_bytes(data[position : position + n], "big")
            position += n + size + (kind == _EXT)
        elif kind == _INVALID:
            return False
        else:  # a map or an array: one level deeper than the containers open around it
            if len(left) > limit:  # those containers and this one, the root not counted
                return True
            if kind in (_ARRAY_N, _MAP_N):
                n, position = int.from_bytes(data[position : position + n], "big"), position + n
            if kind in (_MAP, _MAP_N):
                n *= 2  # a key and a value per pair
            if n:
                left.append(n)
        while left and not left[-1]:
            left.pop()
    return False

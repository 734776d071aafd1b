"""Hypothesis strategies for frames, read off msgspec's own type info so constraints hold."""

from __future__ import annotations

import string
from typing import Any

import msgspec.inspect as mi
from hypothesis import strategies as st

# The protocol's patterns, and characters that always match them.
PATTERN_ALPHABETS = {
    "^[A-Za-z0-9_-]+$": string.ascii_letters + string.digits + "_-",  # ids
    "^[a-z0-9_-]*$": string.ascii_lowercase + string.digits + "_-",  # invitation rule ids
    r"^[\w.-]*$": string.ascii_letters + string.digits + "_.-价格",  # phrase shortcuts
}
_MAX_TEXT = 200  # keep drawn texts short: limits are tested on their own


def for_type(info: mi.Type) -> st.SearchStrategy[Any]:
    match info:
        case mi.StrType():
            low = info.min_length or 0
            high = min(info.max_length if info.max_length is not None else _MAX_TEXT, _MAX_TEXT)
            if info.pattern is not None:
                alphabet = PATTERN_ALPHABETS.get(info.pattern)
                assert alphabet is not None, f"no strategy for pattern {info.pattern}"
                return st.text(alphabet=alphabet, min_size=low, max_size=max(low, high))
            return st.text(min_size=low, max_size=max(low, high))
        case mi.BoolType():
            return st.booleans()
        case mi.IntType():
            low = info.ge if info.ge is not None else -(2**53)
            high = info.le if info.le is not None else 2**53
            return st.integers(min_value=low, max_value=high)
        case mi.FloatType():
            return st.floats(
                min_value=info.ge, max_value=info.le, allow_nan=False, allow_infinity=False
            )
        case mi.NoneType():
            return st.none()
        case mi.EnumType():
            return st.sampled_from(list(info.cls))
        case mi.LiteralType():
            return st.sampled_from(list(info.values))
        case mi.ListType():
            low = info.min_length or 0
            high = info.max_length if info.max_length is not None else 3
            return st.lists(for_type(info.item_type), min_size=low, max_size=max(low, min(high, 3)))
        case mi.DictType():
            keys, values = for_type(info.key_type), for_type(info.value_type)
            return st.dictionaries(keys, values, max_size=3)
        case mi.UnionType():
            return st.one_of([for_type(t) for t in info.types])
        case mi.StructType():
            fields = {f.name: for_type(f.type) for f in info.fields}
            return st.builds(info.cls, **fields)
        case _:
            raise NotImplementedError(f"no strategy for {info!r}")


def frames_of(kind: type) -> st.SearchStrategy[Any]:
    return for_type(mi.type_info(kind))

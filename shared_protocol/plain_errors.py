"""msgspec's validation messages in plain words, for the `detail` of a refused frame.

msgspec says "Expected `int`, got `str` - at `$.conversation`": right, but written for a
programmer who knows its type names and JSON paths. The detail a peer's log or an
admin's dialog shows should say which field and what it must be:
"conversation: expected a whole number, got text". Clients never parse it (the `code`
is what programs branch on, docs/protocol.md §7), so this is free to change; a message
of a form not known here is passed on as msgspec wrote it.
"""

from __future__ import annotations

import re

_KINDS = {
    "int": "a whole number",
    "float": "a number",
    "str": "text",
    "bool": "true or false",
    "array": "a list",
    "object": "a map",
    "null": "null",
    "None": "null",
    "bytes": "bytes",
}
_SHOWN_VALUE_CHARS = 40  # of a value repeated back (an unknown enum value)

_AT = re.compile(r"^(?P<what>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.S)
_GOT = re.compile(r"^Expected `(?P<want>[^`]+)`, got `(?P<got>[^`]+)`$")
_BOUND = re.compile(r"^Expected `(?P<want>[^`]+)` (?P<op>[<>]=?) (?P<bound>\S+)$")
_LENGTH = re.compile(r"^Expected `(?P<want>[^`]+)` of length (?P<op>[<>]=?) (?P<bound>\d+)$")
_MISSING = re.compile(r"^Object missing required field `(?P<field>[^`]+)`$")
_PATTERN = re.compile(r"^Expected `str` matching regex .+$", re.S)
_ENUM = re.compile(r"^Invalid enum value (?P<value>.+)$", re.S)
_OPS = {">=": "at least", "<=": "at most", ">": "more than", "<": "less than"}


def _kind(name: str) -> str:
    return _KINDS.get(name, f"`{name}`")


def in_plain_words(message: str) -> str:
    """ "conversation: expected a whole number, got text" for msgspec's message."""
    at = _AT.match(message)
    if at is None:  # pragma: no cover - the pattern matches any text
        return message
    what, path = at["what"], (at["path"] or "").lstrip(".")
    if missing := _MISSING.match(what):
        field = f"{path}.{missing['field']}" if path else missing["field"]
        return f"{field}: missing (it is required)"
    said = _said(what)
    if said is None:
        return message
    return f"{path}: {said}" if path else said


def _said(what: str) -> str | None:
    if got := _GOT.match(what):
        return f"expected {_kind(got['want'])}, got {_kind(got['got'])}"
    if length := _LENGTH.match(what):
        op, count = _OPS[length["op"]], int(length["bound"])
        if length["want"] == "str":
            if (op, count) == ("at least", 1):
                return "must not be empty"
            return f"must hold {op} {count} characters"
        unit = "item" if count == 1 else "items"
        return f"must hold {op} {count} {unit}"
    if limit := _BOUND.match(what):
        return f"must be {_kind(limit['want'])} {_OPS[limit['op']]} {limit['bound']}"
    if _PATTERN.match(what):
        return "not of the form it must have"
    if enum := _ENUM.match(what):
        value = enum["value"]
        if len(value) > _SHOWN_VALUE_CHARS:
            value = value[:_SHOWN_VALUE_CHARS] + "…"
        return f"{value} is not one of its values"
    return None

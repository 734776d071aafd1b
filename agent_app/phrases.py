"""Canned phrases without Qt: variables, /shortcuts, what a phrase sends, CSV in and out."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import msgspec

from shared_protocol.frames import Attachment, Phrase, PhraseDraft, PhraseKind

VARIABLE = re.compile(r"\{(visitor\.name|agent\.name|site\.name)(?:\|([^{}]*))?\}")
SHORTCUT = re.compile(r"(?:^|(?<=\s))/([\w.-]+)$")
CSV_COLUMNS = ("category", "title", "shortcut", "kind", "text", "url", "shared")


def fill(text: str, values: Mapping[str, str]) -> str:
    """Put the values into {visitor.name}, {agent.name}, {site.name}; a missing value gives
    the fallback after `|` ({visitor.name|there}), or nothing, and the space before it goes."""

    def value(match: re.Match[str]) -> str:
        return values.get(match.group(1), "") or (match.group(2) or "")

    filled = VARIABLE.sub(value, text)
    return re.sub(r"[ \t]+([,.!?;:，。！？])", r"\1", filled) if filled != text else filled


@dataclass(frozen=True)
class Outgoing:
    """What using a phrase sends: a text, and a file for file phrases."""

    text: str
    file: Attachment | None = None


def outgoing(phrase: Phrase, values: Mapping[str, str]) -> Outgoing:
    text = fill(phrase.text, values).strip()
    match phrase.kind:
        case PhraseKind.LINK:
            return Outgoing(f"{text}\n{phrase.url}" if text else phrase.url)
        case PhraseKind.FILE if phrase.file is not None:
            return Outgoing(text or phrase.file.name, phrase.file)
    return Outgoing(text)


def shortcut_at_end(text: str) -> str | None:
    """The shortcut being typed: `/price` at the end of the text, after a space or alone."""
    found = SHORTCUT.search(text)
    return found.group(1) if found else None


def find_shortcut(phrases: Iterable[Phrase], shortcut: str) -> Phrase | None:
    """An agent's own phrase wins over a shared one with the same shortcut."""
    matches = [p for p in phrases if p.shortcut and p.shortcut.lower() == shortcut.lower()]
    return min(matches, key=lambda p: p.shared, default=None)


def matches(phrase: Phrase, words: str) -> bool:
    """Search as you type: every word appears in the title, text, category or shortcut."""
    haystack = f"{phrase.title}\n{phrase.text}\n{phrase.category}\n/{phrase.shortcut}".lower()
    return all(word in haystack for word in words.lower().split())


# ------------------------------------------------------------ CSV


class PhraseCsvError(ValueError):
    def __init__(self, line: int, problem: str) -> None:
        super().__init__(f"line {line}: {problem}")
        self.line = line


def to_csv(phrases: Iterable[Phrase]) -> str:
    """UTF-8 CSV with a header row; file phrases are left out (their file stays on the relay)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for p in phrases:
        if p.kind is PhraseKind.FILE:
            continue
        shared = "yes" if p.shared else "no"
        writer.writerow((p.category, p.title, p.shortcut, p.kind.value, p.text, p.url, shared))
    return out.getvalue()


def from_csv(text: str, *, may_share: bool) -> list[PhraseDraft]:
    """Phrases from CSV with the header of to_csv() (only `title` and `text` are required).
    Raises PhraseCsvError naming the first bad line; nothing is imported then."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    missing = {"title", "text"} - set(reader.fieldnames or ())
    if missing:
        raise PhraseCsvError(1, "the header needs the columns " + ", ".join(sorted(missing)))
    drafts = []
    for row in reader:
        line = reader.line_num
        shared = (row.get("shared") or "").strip().lower() in ("yes", "true", "1", "shared")
        if shared and not may_share:
            raise PhraseCsvError(line, "only admins import shared phrases")
        kind = (row.get("kind") or "text").strip().lower()
        if kind not in (PhraseKind.TEXT, PhraseKind.LINK):
            raise PhraseCsvError(line, f"kind must be text or link, not {kind!r}")
        fields = {
            "title": (row.get("title") or "").strip(),
            "text": row.get("text") or "",
            "category": (row.get("category") or "").strip().strip("/"),
            "shortcut": (row.get("shortcut") or "").strip().lstrip("/"),
            "kind": kind,
            "url": (row.get("url") or "").strip(),
            "shared": shared,
        }
        try:
            drafts.append(msgspec.convert(fields, PhraseDraft))
        except msgspec.ValidationError as error:
            raise PhraseCsvError(line, str(error)) from None
    return drafts

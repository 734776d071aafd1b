"""The invitations agents see on visitors' rows: the newest state of each, and which one a
visitor's row shows. Pure logic with the time passed in; no Qt.

Rules:
1. The relay sends every state change of every invitation (`invitations`), and after a
   login every invitation of the last ten minutes. The newest state of an id replaces the
   older; a state that comes late (`sent` after `accepted`) never moves one back.
2. A visitor's row shows their newest invitation (by when it was sent): while it waits for
   an answer (sent, shown), and for KEPT_SECONDS after it ended, or until the visitor
   leaves the site, whichever is first, so that an agent still sees "declined".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from shared_protocol import frames
from shared_protocol.greetings import fill

KEPT_SECONDS = 600.0  # an ended invitation stays on the row this long
ACTIVE = frozenset({"sent", "shown"})
# How far along an invitation is: a state never gives way to one further back.
RANK = {"sent": 0, "shown": 1, "accepted": 2, "declined": 2, "expired": 2, "withdrawn": 2}


def is_active(info: frames.InvitationInfo) -> bool:
    """Waiting for the visitor's answer: it may still be withdrawn."""
    return info.status in ACTIVE


class InvitationBook:
    def __init__(self, *, kept_seconds: float = KEPT_SECONDS) -> None:
        self.kept_seconds = kept_seconds
        self._by_id: dict[int, frames.InvitationInfo] = {}
        self._newest: dict[int, int] = {}  # visitor → the id of their newest invitation

    def update(self, infos: Iterable[frames.InvitationInfo]) -> set[int]:
        """Take these states in; the visitors whose newest invitation changed."""
        changed: set[int] = set()
        for info in infos:
            known = self._by_id.get(info.id)
            if known is not None and not _newer(info, known):
                continue
            self._by_id[info.id] = info
            newest = self._by_id.get(self._newest.get(info.visitor, 0))
            if newest is None or newest.id == info.id or info.sent_at >= newest.sent_at:
                self._newest[info.visitor] = info.id
                changed.add(info.visitor)
        return changed

    def get(self, invitation_id: int) -> frames.InvitationInfo | None:
        return self._by_id.get(invitation_id)

    def newest(self, visitor: int) -> frames.InvitationInfo | None:
        """The visitor's newest invitation, whatever its state and age."""
        return self._by_id.get(self._newest.get(visitor, 0))

    def shown(self, visitor: int, now: float) -> frames.InvitationInfo | None:
        """What the visitor's row shows now: their newest invitation while it waits for an
        answer or for a while after it ended; None otherwise."""
        info = self.newest(visitor)
        if info is None:
            return None
        if is_active(info) or now - info.at < self.kept_seconds:
            return info
        return None

    def waiting(self) -> list[frames.InvitationInfo]:
        """Every invitation still waiting for an answer."""
        return [info for info in self._by_id.values() if is_active(info)]

    def left(self, visitor: int) -> bool:
        """The visitor left the site: their ended invitations are no longer shown (one
        still waiting stays until the relay says how it ended). True when one went."""
        gone = [
            i for i, info in self._by_id.items() if info.visitor == visitor and not is_active(info)
        ]
        for invitation_id in gone:
            del self._by_id[invitation_id]
        if self._newest.get(visitor) in gone:
            del self._newest[visitor]
            remaining = [info for info in self._by_id.values() if info.visitor == visitor]
            if remaining:
                self._newest[visitor] = max(remaining, key=lambda i: i.sent_at).id
            return True
        return bool(gone)

    def expire(self, now: float) -> set[int]:
        """Forget what ended more than `kept_seconds` ago; the visitors whose row changed."""
        old = [
            info
            for info in self._by_id.values()
            if not is_active(info) and now - info.at >= self.kept_seconds
        ]
        changed: set[int] = set()
        for info in old:
            del self._by_id[info.id]
            if self._newest.get(info.visitor) == info.id:
                del self._newest[info.visitor]
                changed.add(info.visitor)
        return changed

    def clear(self) -> set[int]:
        """Forget everything (a new login brings the last ten minutes afresh)."""
        visitors = set(self._newest)
        self._by_id.clear()
        self._newest.clear()
        return visitors

    def visitors(self) -> set[int]:
        return set(self._newest)


def _newer(incoming: frames.InvitationInfo, known: frames.InvitationInfo) -> bool:
    """Whether `incoming` is a newer state of the same invitation than `known`."""
    if RANK[incoming.status] != RANK[known.status]:
        return RANK[incoming.status] > RANK[known.status]
    if RANK[known.status] == RANK["accepted"] and incoming.status != known.status:
        return False  # two endings: the first one told stands
    return incoming.at >= known.at


# ------------------------------------------------------------------ an invitation's words

# {agent.name} is the app's to fill (from the phrases); the visitor's and the site's
# variables the relay fills per visitor (shared_protocol/greetings.py).
_AGENT_VARIABLE = re.compile(r"\{agent\.name(?:\|([^{}]*))?\}")


def with_agent_name(text: str, agent_name: str) -> str:
    """A phrase's words for an invitation: {agent.name} filled here (the relay does not
    know it), the visitor's and the site's variables left for the relay to fill for each
    visitor."""
    return _AGENT_VARIABLE.sub(lambda m: agent_name or m.group(1) or "", text)


def phrase_words(phrase: frames.Phrase, agent_name: str) -> str:
    """What inviting with a phrase sends (a link phrase: its words, then its link)."""
    text = with_agent_name(phrase.text, agent_name).strip()
    if phrase.kind is frames.PhraseKind.LINK and phrase.url:
        return f"{text}\n{phrase.url}" if text else phrase.url
    return text


def preview(text: str, values: dict[str, str]) -> str:
    """The words as a visitor with these `values` (`visitor_values`) reads them, filled
    as the relay fills them."""
    return fill(text, values)

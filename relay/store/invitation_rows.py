"""What invitations are in rows, for every back end: the columns an invitation is stored
in, how a row becomes its record (an actor is two columns, kind and id, as in the
conversation log), the rows of its event log, its counts, and what a compare-and-set may
change. The SQL here has no parameters, so that both back ends run it as it is and add
their own WHERE; the statements with parameters are each back end's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from msgspec.structs import replace

from relay.store.errors import StoreBug
from relay.store.records import (
    InvitationCounts,
    InvitationLogged,
    InvitationRecord,
    InvitationSetupDocument,
    NewInvitation,
    Visibility,
)
from relay.store.rows import Row
from shared_protocol.frames import AuthorKind
from shared_protocol.lifecycle import Actor, ActorKind
from shared_protocol.lifecycle.invitation import (
    InvitationEvent,
    InvitationEventKind,
    InvitationState,
    InvitationStatus,
)

_S = InvitationStatus
# An invitation that is sent or shown is open; word for word the predicate of the
# schema's partial indexes (one open per visitor, the overdue ones), which a query must
# repeat for the engine to use them.
OPEN = f"status IN ('{_S.SENT.value}', '{_S.SHOWN.value}')"

# What add_invitation inserts, in the order new_invitation_values() gives them.
INSERT_COLUMNS = (
    "site_id",
    "visitor_id",
    "visit_id",
    "status",
    "sent_at",
    "timeout",
    "shown_at",
    "ended_at",
    "auto_reply",
    "sent_by_kind",
    "sent_by_id",
    "text",
    "style",
    "kind",
    "rule_id",
    "variant",
    "agent_id",
)
SELECT_INVITATIONS = f"SELECT id, conversation_id, {', '.join(INSERT_COLUMNS)} FROM invitations "

# invitation_id, kind, at, actor_kind, actor_id, text
EventRow = tuple[int, str, float, str, int | None, str]
EVENT_COLUMNS = "id, invitation_id, kind, at, actor_kind, actor_id, text"

# One rule's invitations per variant (the caller adds the WHERE on site, rule and time,
# and GROUP BY variant). A chat: the visitor wrote in the conversation the invitation
# opened; replied: an agent answered there where the visitor reads it.
_IN_ITS_CONVERSATION = (
    "EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = i.conversation_id"
)
COUNT_INVITATIONS = (
    "SELECT i.variant, count(*) AS sent, count(i.shown_at) AS shown, "
    f"count(*) FILTER (WHERE i.status = '{_S.ACCEPTED.value}') AS accepted, "
    f"count(*) FILTER (WHERE i.status = '{_S.DECLINED.value}') AS declined, "
    f"count(*) FILTER (WHERE i.status = '{_S.ACCEPTED.value}' AND {_IN_ITS_CONVERSATION} "
    f"AND m.author = '{AuthorKind.VISITOR.value}')) AS chats, "
    f"count(*) FILTER (WHERE i.status = '{_S.ACCEPTED.value}' AND {_IN_ITS_CONVERSATION} "
    f"AND m.author = '{AuthorKind.AGENT.value}' AND m.visibility = '{Visibility.PUBLIC.value}')) "
    "AS replied "
    "FROM invitations i "
)


def new_invitation_values(new: NewInvitation) -> tuple[Any, ...]:
    """The values of INSERT_COLUMNS that store `new`."""
    state = new.state
    return (
        new.site_id,
        state.visitor,
        new.visit_id,
        state.status.value,
        state.sent_at,
        state.timeout,
        state.shown_at,
        state.ended_at,
        state.auto_reply,
        state.sent_by.kind.value,
        state.sent_by.id,
        new.text,
        new.style,
        new.kind,
        new.rule_id,
        new.variant,
        new.agent_id,
    )


def added(invitation_id: int, new: NewInvitation) -> InvitationRecord:
    """The record of `new` as just stored under `invitation_id`."""
    return InvitationRecord(
        id=invitation_id,
        site_id=new.site_id,
        visit_id=new.visit_id,
        state=new.state,
        text=new.text,
        style=new.style,
        kind=new.kind,
        rule_id=new.rule_id,
        variant=new.variant,
        agent_id=new.agent_id,
        conversation_id=None,
    )


def invitation(row: Row) -> InvitationRecord:
    """A row of SELECT_INVITATIONS."""
    state = InvitationState(
        status=InvitationStatus(row["status"]),
        visitor=row["visitor_id"],
        sent_by=Actor(ActorKind(row["sent_by_kind"]), row["sent_by_id"]),
        sent_at=row["sent_at"],
        timeout=row["timeout"],
        auto_reply=row["auto_reply"],
        shown_at=row["shown_at"],
        ended_at=row["ended_at"],
    )
    return InvitationRecord(
        id=row["id"],
        site_id=row["site_id"],
        visit_id=row["visit_id"],
        state=state,
        text=row["text"],
        style=row["style"],
        kind=row["kind"],
        rule_id=row["rule_id"],
        variant=row["variant"],
        agent_id=row["agent_id"],
        conversation_id=row["conversation_id"],
    )


def event_rows(invitation_id: int, events: Iterable[InvitationEvent]) -> list[EventRow]:
    """The log entries to insert, in the order given."""
    return [
        (invitation_id, e.kind.value, e.at, e.actor.kind.value, e.actor.id, e.text) for e in events
    ]


def logged(row: Row) -> InvitationLogged:
    """A row of EVENT_COLUMNS."""
    return InvitationLogged(
        id=row["id"],
        invitation_id=row["invitation_id"],
        kind=InvitationEventKind(row["kind"]),
        at=row["at"],
        actor=Actor(ActorKind(row["actor_kind"]), row["actor_id"]),
        text=row["text"],
    )


def counts(rows: Iterable[Row]) -> dict[int | None, InvitationCounts]:
    """Rows of COUNT_INVITATIONS, one per variant."""
    return {
        row["variant"]: InvitationCounts(
            sent=row["sent"],
            shown=row["shown"],
            accepted=row["accepted"],
            declined=row["declined"],
            chats=row["chats"],
            replied=row["replied"],
        )
        for row in rows
    }


def transition_values(
    expected: InvitationState, new: InvitationState, events: Sequence[InvitationEvent]
) -> tuple[str, float | None, float | None]:
    """What a compare-and-set from `expected` to `new` stores: status, shown_at, ended_at,
    all the lifecycle moves. StoreBug for a change without the entries that say why, or
    one of what the lifecycle never changes (who, when it was sent, its timeout…)."""
    if new != expected and not events:
        raise StoreBug("an invitation's state changes only with the entries that say why")
    kept = replace(expected, status=new.status, shown_at=new.shown_at, ended_at=new.ended_at)
    if kept != new:
        raise StoreBug(f"an invitation's status and times change, not the rest: {new!r}")
    return new.status.value, new.shown_at, new.ended_at


def setup(site_id: int, row: Row | None) -> InvitationSetupDocument:
    """A row of invitation_setups (document, version); none: never saved."""
    if row is None:
        return InvitationSetupDocument(site_id=site_id, document="", version=0)
    return InvitationSetupDocument(site_id=site_id, document=row[0], version=row[1])

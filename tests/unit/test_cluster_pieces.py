"""The pure pieces of several relays: how far a relay's clients have a conversation, what
relays send each other, and presence answered for the whole cluster."""

from __future__ import annotations

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from relay.cluster import envelopes
from relay.cluster.broker import _RESYNC, _Delivered, _Resync, _runs
from relay.cluster.envelopes import Bell, Delivery, PresenceChanged, Revoke
from relay.live.audiences import ToAgent, ToParties, ToVisitors
from relay.live.presence import AgentLink, Presence, VisitorLink
from relay.store.records import Agent
from shared_protocol import frames
from shared_protocol.frames import AgentStatus


@given(st.permutations(range(1, 31)), st.integers(min_value=0, max_value=30))
def test_delivered_is_gapless_through_and_remembers_what_came_early(
    order: list[int], count: int
) -> None:
    delivered = _Delivered(0)
    seen = order[:count]
    for seq in seen:
        delivered.add(seq)
    gapless = 0
    while gapless + 1 in seen:
        gapless += 1
    assert delivered.through == gapless
    assert all(delivered.has(seq) for seq in seen)
    assert not any(delivered.has(seq) for seq in set(range(1, 31)) - set(seen))
    assert all(seq > gapless + 1 for seq in delivered.beyond)  # nothing kept twice


def test_envelopes_survive_the_trip_and_garbage_is_refused() -> None:
    agent = frames.AgentPresenceInfo(agent=3, display_name="李雷", status=AgentStatus.AWAY)
    sent: list[envelopes.Envelope] = [
        Delivery(ToParties(7, visitor_too=False), None, b"\x81\xa4type"),
        Delivery(ToVisitors(), b'{"type":"presence"}', None),
        Delivery(ToAgent(3), None, b"x"),
        Bell(conversation=5, seq=12, visitor=7, visitor_too=True),
        PresenceChanged(agents={3: agent, 4: None}, visitors={}, whole=True),
        Revoke(["abc"]),
    ]
    batch = envelopes.decode(envelopes.encode("relay-a", sent))
    assert (batch.origin, batch.envelopes) == ("relay-a", sent)
    with pytest.raises(msgspec.DecodeError):
        envelopes.decode(b"\x93\x01\x02")


def visitor(visitor_id: int) -> frames.VisitorInfo:
    return frames.VisitorInfo(id=visitor_id, site="s", first_seen=0, last_seen=0)


def agent_link(agent_id: int) -> AgentLink:
    agent = Agent(
        id=agent_id, name=f"a{agent_id}", display_name=f"A{agent_id}", role="agent",
        password_hash="", created_at=0, disabled=False,
    )  # fmt: skip
    return AgentLink(connection=None, agent=agent, token_hash=f"t{agent_id}")  # type: ignore[arg-type]


def test_presence_answers_for_the_whole_cluster_and_links_only_for_this_relay() -> None:
    presence = Presence()
    here = VisitorLink(connection=None, visitor_id=1)  # type: ignore[arg-type]
    presence.add_visitor(here, visitor(1))
    presence.add_agent(agent_link(10), AgentStatus.AWAY)
    assert not presence.agents_online()

    there = presence.elsewhere("relay-b")
    there.agents[20] = frames.AgentPresenceInfo(
        agent=20, display_name="B", status=AgentStatus.ONLINE
    )
    there.visitors.update({1: visitor(1), 2: visitor(2)})  # 1 has a tab on each relay
    assert presence.agents_online()
    assert presence.status_of(20) is AgentStatus.ONLINE
    assert presence.status_of(10) is AgentStatus.AWAY
    assert sorted(v.id for v in presence.visitor_infos()) == [1, 2]
    assert sorted(a.agent for a in presence.agent_presences()) == [10, 20]
    assert presence.is_visitor_online(2) and presence.visitor_info(2) is None  # not here
    assert [link.visitor_id for link in presence.visitor_links()] == [1]
    assert presence.counts() == (1, 1)

    gone = presence.forget_relay("relay-b")
    assert set(gone.visitors) == {1, 2}
    assert not presence.agents_online() and not presence.is_visitor_online(2)
    assert presence.is_visitor_online(1)


def test_only_a_relay_in_a_cluster_notes_who_changed_and_tells_at_once_of_agents() -> None:
    alone = Presence()
    alone.add_agent(agent_link(1), AgentStatus.ONLINE)
    assert alone.take_changes() == ({}, {})

    shared = Presence()
    shared.share_changes()
    told: list[str] = []
    shared.agent_changed = lambda: told.append("agent")
    link = VisitorLink(connection=None, visitor_id=5)  # type: ignore[arg-type]
    shared.add_visitor(link, visitor(5))
    assert told == []  # visitors wait for the batch
    shared.add_agent(agent_link(1), AgentStatus.ONLINE)
    assert told == ["agent"]
    shared.remove_visitor(link)
    agents, visitors = shared.take_changes()
    assert visitors == {5: None}  # came and went: gone is what counts
    assert agents[1] is not None and agents[1].status is AgentStatus.ONLINE
    assert shared.take_changes() == ({}, {})


def test_skipping_ahead_keeps_what_came_early_beyond_it() -> None:
    delivered = _Delivered(2)
    for seq in (5, 9, 10):
        delivered.add(seq)
    delivered.skip_to(8)  # read through 8 (or nobody here to tell)
    assert (delivered.through, delivered.beyond) == (10, set())
    delivered.skip_to(3)  # behind: nothing changes
    assert delivered.through == 10


def test_bells_in_a_row_are_one_run_and_order_is_kept() -> None:
    bell = Bell(conversation=1, seq=1, visitor=7, visitor_too=True)
    change = envelopes.ConversationChanged(conversation=1)
    arrived: list[tuple[str, envelopes.Envelope | _Resync]] = [
        ("a", bell), ("b", bell), ("a", change), ("a", bell), ("b", _RESYNC),
    ]  # fmt: skip
    assert [(origin, len(run)) for origin, run in _runs(arrived)] == [
        ("a", 2), ("a", 1), ("a", 1), ("b", 1),
    ]  # fmt: skip

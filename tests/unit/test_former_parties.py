"""Who a conversation left the view of (relay.live.audiences.ToFormerParties): the agents
who were its parties and are not now, resolved by the broker on each relay, and the
audience as relays of a cluster send it to each other."""

from __future__ import annotations

from dataclasses import replace

from relay.cluster import envelopes
from relay.cluster.envelopes import Delivery
from relay.live.audiences import ToFormerParties, ToParties, former_parties
from relay.live.broker import LocalBroker
from relay.live.presence import AgentLink, Presence
from relay.store.records import Agent, Conversation
from shared_protocol.frames import AgentStatus, ConversationStatus
from shared_protocol.frames.routing import Role

SALES, SERVICES = 1, 2


def _link(agent_id: int, role: Role, departments: tuple[int, ...]) -> AgentLink:
    agent = Agent(
        id=agent_id, name=f"a{agent_id}", display_name=f"A{agent_id}", role=role,
        password_hash="", created_at=0, disabled=False, departments=departments,
    )  # fmt: skip
    return AgentLink(connection=None, agent=agent, token_hash=f"t{agent_id}")  # type: ignore[arg-type]


def _reached(audience: ToFormerParties, links: list[AgentLink]) -> list[int]:
    presence = Presence()
    for link in links:
        presence.add_agent(link, AgentStatus.ONLINE)
    _, agents = LocalBroker(presence)._links(audience)
    return sorted(link.agent.id for link in agents)  # type: ignore[attr-defined]


def test_a_chat_taken_into_another_department_reaches_only_those_who_lose_it() -> None:
    lin = _link(1, "agent", (SALES,))  # held it
    bob = _link(2, "agent", (SALES,))
    sue = _link(3, "supervisor", (SALES,))
    sun = _link(4, "agent", (SERVICES,))  # took it
    una = _link(5, "agent", (SERVICES,))
    alice = _link(6, "admin", ())
    helper = _link(7, "agent", (SERVICES,))  # of Student services, helping in it before
    before = ToParties(9, False, SALES, (1, 7), SERVICES)  # transferring to Services
    after = ToParties(9, False, SERVICES, (4, 7), None)  # Sun's, in Services
    audience = ToFormerParties(before, after)
    links = [lin, bob, sue, sun, una, alice, helper]
    assert _reached(audience, links) == [1, 2, 3]


def test_an_update_that_keeps_the_parties_makes_no_audience_and_one_crosses_relays() -> None:
    waiting = Conversation(
        id=9, site_id=1, visitor_id=5, status=ConversationStatus.WAITING, agent_id=None,
        created_at=0, closed_at=None, last_seq=1, department_id=SALES,
    )  # fmt: skip
    offered = replace(waiting, offered_to=1, offer_deadline=30)
    assert former_parties(waiting, offered) is None  # the same people see it
    moved = replace(waiting, department_id=SERVICES)
    audience = former_parties(waiting, moved)
    assert audience == ToFormerParties(ToParties(5, False, SALES), ToParties(5, False, SERVICES))
    sent: list[envelopes.Envelope] = [Delivery(audience, None, b"\x81\xa4type")]
    batch = envelopes.decode(envelopes.encode("relay-a", sent))
    assert batch.envelopes == sent

"""A chat whose agent went away is not stranded (docs/routing.md, "A conversation's way
through"): on logout it goes back to its department's routing at once; on a lost
connection after the department's `reclaim_after_seconds`, unless the agent is back by
then. It keeps its place in line (first come), its visitor hears their place again and
then who answers now, the department's agents see it offered again, and the event log
says what happened. The relay's clock is frozen and moved by the test."""

from __future__ import annotations

import tomllib
from pathlib import Path

from shared_protocol import frames
from shared_protocol.frames import AgentStatus
from tests.helpers.cli import cli
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.cluster import until
from tests.helpers.fake_clock import advance
from tests.helpers.relay_fixtures import RunningRelay, log_in
from tests.integration.test_routing import PASSWORD, _offer_to, _place, _sales, _visitor


async def _taken_by(agent: AgentClient, me: int, visitor: VisitorClient) -> int:
    offered = await _offer_to(agent, me)
    await agent.send(frames.Accept(conversation=offered.id))
    await visitor.expect(frames.AgentJoined)
    return offered.id


async def _gone(relay: RunningRelay, agent: AgentClient, agent_id: int) -> None:
    """The agent's app is gone (no logout), and the relay has noticed: the grace starts."""
    await agent.close()
    ctx = relay.relay.ctx
    await until(lambda: ctx.presence.status_of(agent_id) is AgentStatus.OFFLINE)
    assert ctx.routing is not None
    await ctx.routing.run(set())  # (a kick does this too, a moment later)


async def test_a_chat_goes_back_to_routing_at_once_when_its_agent_logs_out(
    relay: RunningRelay,
) -> None:
    sales, _ = await _sales(relay, {"ann": 2, "bob": 2})
    ann, ann_in = await log_in(relay, "ann", PASSWORD)
    visitor, conversation = await _visitor(relay, sales, "Bat")
    assert await _taken_by(ann, ann_in.agent.id, visitor) == conversation
    bob, bob_in = await log_in(relay, "bob", PASSWORD)

    await ann.send(frames.Logout())
    offered = await _offer_to(bob, bob_in.agent.id)  # no grace: she said she is gone
    assert offered.id == conversation and offered.agent is None
    assert (await _place(visitor, 1)).conversation == conversation  # in line again
    await bob.send(frames.Accept(conversation=conversation))
    assert (await visitor.expect(frames.AgentJoined)).agent.name == "Bob"
    await _place(visitor, 0)

    events = await relay.relay.store.conversation_events(conversation)
    [back] = [e for e in events if e.kind == "reclaimed"]
    assert (back.from_agent, back.note) == (ann_in.agent.id, "logged_out")
    assert [e.kind for e in events][-3:] == ["reclaimed", "offered", "accepted"]
    stored = await relay.relay.store.get_conversation(conversation)
    assert stored is not None and stored.agent_id == bob_in.agent.id
    assert [(p.agent_id, p.left_at is None) for p in stored.participants] == [
        (ann_in.agent.id, False),
        (bob_in.agent.id, True),
    ]
    for client in (bob, visitor):
        await client.close()


async def test_a_lost_agents_chat_goes_back_after_the_grace_first_in_line(
    relay: RunningRelay,
) -> None:
    sales, clock = await _sales(relay, {"ann": 1, "bob": 1})
    ann, ann_in = await log_in(relay, "ann", PASSWORD)
    first, first_chat = await _visitor(relay, sales, "First")
    await _taken_by(ann, ann_in.agent.id, first)
    second, second_chat = await _visitor(relay, sales, "Second")  # Ann is full: in line
    await _place(second, 1)
    await advance(relay.relay, clock, 400)  # Second has waited past the maximum wait

    await _gone(relay, ann, ann_in.agent.id)
    await advance(relay.relay, clock, 119)
    store = relay.relay.store
    stored = await store.get_conversation(first_chat)
    assert stored is not None and stored.agent_id == ann_in.agent.id  # within the grace
    await advance(relay.relay, clock, 1)
    place = await _place(first, 1)  # back, ahead of Second who came later
    assert (place.conversation, place.overflow) == (first_chat, False)  # waits from now
    place = await _place(second, 2)
    assert (place.conversation, place.overflow) == (second_chat, True)
    stored = await store.get_conversation(first_chat)
    assert stored is not None and stored.agent_id is None
    assert stored.entered_department_at == stored.created_at  # its place kept

    bob, bob_in = await log_in(relay, "bob", PASSWORD)
    assert first_chat in {c.id for c in bob_in.conversations}
    assert (await _offer_to(bob, bob_in.agent.id)).id == first_chat  # first come
    await bob.send(frames.Accept(conversation=first_chat))
    assert (await first.expect(frames.AgentJoined)).agent.name == "Bob"
    events = await store.conversation_events(first_chat)
    [back] = [e for e in events if e.kind == "reclaimed"]
    assert (back.from_agent, back.note) == (ann_in.agent.id, "disconnected")
    for client in (bob, first, second):
        await client.close()


async def test_an_agent_back_within_the_grace_keeps_the_chat(relay: RunningRelay) -> None:
    sales, clock = await _sales(relay, {"ann": 2, "bob": 2}, reclaim_after_seconds=60)
    ann, ann_in = await log_in(relay, "ann", PASSWORD)
    visitor, conversation = await _visitor(relay, sales, "Bat")
    await _taken_by(ann, ann_in.agent.id, visitor)
    bob, _ = await log_in(relay, "bob", PASSWORD)  # someone who could take it
    heard_before = len(visitor.received)

    await _gone(relay, ann, ann_in.agent.id)
    await advance(relay.relay, clock, 50)
    ann, _ = await log_in(relay, "ann", PASSWORD)  # back (a new app, the same agent)
    await advance(relay.relay, clock, 50)
    assert relay.relay.ctx.routing is not None
    await relay.relay.ctx.routing.run(set())
    stored = await relay.relay.store.get_conversation(conversation)
    assert stored is not None and stored.agent_id == ann_in.agent.id
    kinds = [e.kind for e in await relay.relay.store.conversation_events(conversation)]
    assert "reclaimed" not in kinds
    heard = visitor.received[heard_before:]
    assert not any(isinstance(f, frames.QueuePlace) and f.position > 0 for f in heard)
    for client in (ann, bob, visitor):
        await client.close()


async def test_a_department_that_never_reclaims_leaves_the_chat_with_its_agent(
    relay: RunningRelay,
) -> None:
    sales, clock = await _sales(relay, {"ann": 2}, reclaim_after_seconds=0)
    ann, ann_in = await log_in(relay, "ann", PASSWORD)
    visitor, conversation = await _visitor(relay, sales, "Bat")
    await _taken_by(ann, ann_in.agent.id, visitor)
    await _gone(relay, ann, ann_in.agent.id)
    await advance(relay.relay, clock, 3600)
    assert relay.relay.ctx.routing is not None
    await relay.relay.ctx.routing.run(set())
    stored = await relay.relay.store.get_conversation(conversation)
    assert stored is not None and stored.agent_id == ann_in.agent.id
    await visitor.close()


async def test_a_chat_of_no_department_stays_with_its_agent_after_logout(
    relay: RunningRelay,
) -> None:
    await _sales(relay, {"ann": 2})
    ann, ann_in = await log_in(relay, "ann", PASSWORD)
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    conversation = (await visitor.say("Hello, no department")).conversation
    await ann.send(frames.Accept(conversation=conversation))
    await visitor.expect(frames.AgentJoined)
    await ann.send(frames.Logout())
    ctx = relay.relay.ctx
    await until(lambda: ctx.presence.status_of(ann_in.agent.id) is AgentStatus.OFFLINE)
    assert ctx.routing is not None
    await ctx.routing.run(set())
    stored = await relay.relay.store.get_conversation(conversation)
    assert stored is not None and (stored.department_id, stored.agent_id) == (None, ann_in.agent.id)
    await visitor.close()


def test_it_staff_set_the_grace_with_the_cli_and_a_few_seconds_are_refused(
    tmp_path: Path,
) -> None:
    assert cli(tmp_path, "site", "add", "school.example", "--key", "school").returncode == 0
    assert cli(tmp_path, "department", "add", "school", "Sales").returncode == 0
    refused = cli(tmp_path, "department", "set", "school", "Sales", "--reclaim-after", "5")
    assert refused.returncode == 2 and "--reclaim-after: 0 (never) or at least 15" in refused.stderr
    changed = cli(tmp_path, "department", "set", "school", "Sales", "--reclaim-after", "300")
    assert changed.returncode == 0, changed.stderr
    shown = cli(tmp_path, "department", "show", "school", "Sales")
    assert tomllib.loads(shown.stdout)["reclaim_after_seconds"] == 300

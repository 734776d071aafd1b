"""Several agents in one conversation: notes the visitor never gets, helpers who join and
post, and what the welcome tells an agent of their departments and routing."""

from __future__ import annotations

import time
from collections.abc import Callable

from relay.core.credentials import hash_password
from shared_protocol import frames
from shared_protocol.errors import ErrorCode
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.relay_fixtures import RunningRelay

PASSWORD = "a long enough password"


async def agent(relay: RunningRelay, name: str) -> tuple[AgentClient, frames.LoginOk]:
    store = relay.relay.store
    if await store.get_agent(name) is None:
        await store.add_agent(name, name.title(), "agent", hash_password(PASSWORD), time.time())
    client = await AgentClient.connect(relay.url, user=name, password=PASSWORD)
    return client, await client.expect(frames.LoginOk)


async def update_where(
    client: AgentClient, holds: Callable[[frames.ConversationInfo], bool]
) -> frames.ConversationInfo:
    """The first conversation update the client gets for which `holds` is true."""
    while True:
        info = (await client.expect(frames.ConversationUpdated)).conversation
        if holds(info):
            return info


async def chat_with_bob(relay: RunningRelay) -> tuple[VisitorClient, AgentClient, int]:
    bob, _ = await agent(relay, "bob")
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    conversation = (await visitor.say("My knee hurts after the session.")).conversation
    assert (await bob.say(conversation, "I'm sorry to hear that.")).seq == 2
    await visitor.expect(frames.Message)
    return visitor, bob, conversation


async def test_a_note_reaches_the_agents_and_never_the_visitor(relay: RunningRelay) -> None:
    visitor, bob, conversation = await chat_with_bob(relay)
    carol, _ = await agent(relay, "carol")
    await carol.send(
        frames.Note(id="n1", conversation=conversation, text="<b>Ask about the MRI</b>", reply_to=1)
    )
    ack = await carol.expect(frames.Ack)
    assert (ack.id, ack.seq) == ("n1", 3)
    note = (await bob.expect(frames.Message)).message
    while note.seq != 3:
        note = (await bob.expect(frames.Message)).message
    assert note.visibility is frames.Visibility.INTERNAL and note.author_name == "Carol"
    assert note.reply_to is not None and note.reply_to.seq == 1

    assert (await bob.say(conversation, "Did you have a scan?")).seq == 4
    reply = (await visitor.expect(frames.Message)).message
    assert (reply.seq, reply.text) == (4, "Did you have a scan?")
    # The visitor fills the gap from history: the note is skipped, and `through` says so.
    await visitor.send(frames.Resume(conversation=conversation, after_seq=2))
    history = await visitor.expect(frames.History)
    assert [m.seq for m in history.messages] == [4] and history.through == 4
    assert all(m.visibility is frames.Visibility.PUBLIC for m in history.messages)
    assert "MRI" not in repr(visitor.received)
    # Agents get it in history too; a public reply cannot quote it.
    await bob.send(frames.Resume(conversation=conversation, after_seq=2))
    assert [m.seq for m in (await bob.expect(frames.History)).messages] == [3, 4]
    await bob.send(frames.AgentSend(id="q", conversation=conversation, text="yes", reply_to=3))
    refused = await bob.expect(frames.Error)
    assert (refused.code, refused.ref) == (ErrorCode.NOT_FOUND, "q")
    # Withdrawing the note tells the agents, not the visitor.
    await carol.send(frames.Withdraw(conversation=conversation, seq=3))
    await bob.expect(frames.MessageWithdrawn)
    await visitor.say("Yes, last week.")
    assert visitor.take_all(frames.MessageWithdrawn) == []
    for client in (visitor, bob, carol):
        await client.close()


async def test_a_helper_joins_posts_without_taking_the_chat_and_leaves(
    relay: RunningRelay,
) -> None:
    visitor, bob, conversation = await chat_with_bob(relay)
    carol, carol_welcome = await agent(relay, "carol")
    await carol.send(frames.AgentSend(id="c0", conversation=conversation, text="Hello!"))
    assert (await carol.expect(frames.Error)).code is ErrorCode.FORBIDDEN  # not joined yet

    carol_id = carol_welcome.agent.id
    await carol.send(frames.Join(conversation=conversation))
    updated = await update_where(bob, lambda c: any(p.agent == carol_id for p in c.participants))
    roles = {p.agent: p.role for p in updated.participants if p.left_at is None}
    assert roles[carol_id] is frames.ParticipantRole.HELPER
    assert updated.agent != carol_id  # Bob still owns it
    assert (await carol.say(conversation, "I'm the physiotherapist.")).seq == 3
    from_carol = (await visitor.expect(frames.Message)).message
    assert from_carol.author_name == "Carol"
    # Bob still answers the visitor: the one agent_joined it got is his.
    assert [j.agent.name for j in visitor.take_all(frames.AgentJoined)] == ["Bob"]

    await carol.send(frames.Leave(conversation=conversation))
    left = await update_where(
        bob, lambda c: any(p.agent == carol_id and p.left_at for p in c.participants)
    )
    assert [p.role for p in left.participants if p.left_at is None] == [
        frames.ParticipantRole.OWNER
    ]
    await carol.send(frames.AgentSend(id="c9", conversation=conversation, text="one more"))
    assert (await carol.expect(frames.Error)).code is ErrorCode.FORBIDDEN
    # The owner neither joins nor leaves their own chat.
    await bob.send(frames.Leave(conversation=conversation))
    assert (await bob.expect(frames.Error)).code is ErrorCode.CONFLICT
    for client in (visitor, bob, carol):
        await client.close()


async def test_the_welcome_names_the_agents_departments_skills_and_limits(
    relay: RunningRelay,
) -> None:
    store = relay.relay.store
    site = await store.get_site("demo")
    assert site is not None
    front = await store.add_department(site.id, "Front desk", time.time())
    await store.add_department(site.id, "Doctors", time.time())
    await store.add_agent("dora", "Dora", "agent", hash_password(PASSWORD), time.time())
    await store.set_agent_routing("dora", skills=["ielts", "visa"], level=2, max_chats=4)
    await store.set_agent_departments("dora", [front.id])
    _, welcome = await agent(relay, "dora")
    assert welcome.agent.departments == [front.id]
    assert (welcome.agent.skills, welcome.agent.level, welcome.agent.max_chats) == (
        ["ielts", "visa"],
        2,
        4,
    )
    assert {(d.site, d.name) for d in welcome.departments} == {
        ("demo", "Front desk"),
        ("demo", "Doctors"),
    }


async def test_a_note_and_a_message_never_pass_for_each_others_resend(
    relay: RunningRelay,
) -> None:
    visitor, bob, conversation = await chat_with_bob(relay)
    await bob.send(frames.Note(id="same", conversation=conversation, text="SECRET"))
    assert (await bob.expect(frames.Ack)).seq == 3
    await bob.send(frames.AgentSend(id="same", conversation=conversation, text="SECRET"))
    refused = await bob.expect(frames.Error)
    assert (refused.code, refused.ref) == (ErrorCode.CONFLICT, "same")
    await bob.send(frames.AgentSend(id="pub", conversation=conversation, text="Hello"))
    assert (await bob.expect(frames.Ack)).seq == 4
    await bob.send(frames.Note(id="pub", conversation=conversation, text="Hello"))
    refused = await bob.expect(frames.Error)
    assert (refused.code, refused.ref) == (ErrorCode.CONFLICT, "pub")
    for client in (visitor, bob):
        await client.close()

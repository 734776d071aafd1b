"""Two relay processes on one PostgreSQL database and one Redis: a visitor on one and an
agent on the other talk as if there were one relay (issue 13)."""

from __future__ import annotations

import asyncio

import aiohttp

from relay.wire import chat_message
from shared_protocol import frames
from shared_protocol.errors import ErrorCode
from shared_protocol.frames import AgentStatus, AuthorKind
from tests.helpers.clients import new_id
from tests.helpers.cluster import ORIGIN, SITE, Cluster, agent_at, linked, until, visitor_at


async def test_a_visitor_on_one_relay_chats_with_an_agent_on_another(cluster: Cluster) -> None:
    a, b = await cluster.start_relay(), await cluster.start_relay()
    agent = await agent_at(b)
    login = await agent.expect(frames.LoginOk)
    await until(lambda: linked(cluster))

    visitor = await visitor_at(a, page=frames.PageInfo(url=f"{ORIGIN}/prices", title="Prices"))
    welcome = await visitor.expect(frames.Welcome)
    assert welcome.agents_online, "an agent online on relay B makes the widget on A say online"
    arrival = await agent.expect_visitor(lambda v: v.id == welcome.visitor)
    assert arrival.page is not None and arrival.page.url == f"{ORIGIN}/prices"

    # What the visitor types, before sending, reaches the agent on the other relay.
    await visitor.send(frames.VisitorTyping(text="Do you ship to"))
    preview = await agent.expect(frames.TypingPreview)
    assert (preview.visitor, preview.text) == (welcome.visitor, "Do you ship to")

    ack = await visitor.say("Do you ship to Ulaanbaatar?")
    delivered = await agent.expect(frames.Message)
    assert delivered.message.text == "Do you ship to Ulaanbaatar?"
    assert delivered.message.seq == ack.seq == 1

    reply = await agent.say(ack.conversation, "Yes, in five days.")
    answer = await visitor.expect(frames.Message)
    assert answer.message.text == "Yes, in five days."
    assert answer.message.author is AuthorKind.AGENT and answer.message.seq == reply.seq == 2

    # A note stays with the agents, on every relay: a second agent on A gets it, the
    # visitor on A never does.
    colleague = await agent_at(a, "bob")
    await colleague.expect(frames.LoginOk)
    await agent.send(frames.Note(id=new_id(), conversation=ack.conversation, text="VIP"))
    note_ack = await agent.expect(frames.Ack)
    seen = await colleague.expect(frames.Message)
    assert (seen.message.seq, seen.message.text) == (note_ack.seq, "VIP")

    # Withdrawing on B takes it back on A.
    await agent.send(frames.Withdraw(conversation=ack.conversation, seq=reply.seq))
    withdrawn = await visitor.expect(frames.MessageWithdrawn)
    assert (withdrawn.conversation, withdrawn.seq) == (ack.conversation, reply.seq)

    third = await visitor.say("And to Darkhan?")
    message = await agent.expect(frames.Message)
    assert message.message.seq == third.seq == note_ack.seq + 1
    assert visitor.take_all(frames.Message) == [], "the note never reached the visitor"
    assert login.agent.name == "alice"
    await visitor.close()
    await agent.expect_gone(welcome.visitor)


async def test_an_agents_status_on_one_relay_is_what_visitors_on_another_see(
    cluster: Cluster,
) -> None:
    a, b = await cluster.start_relay(), await cluster.start_relay()
    await until(lambda: linked(cluster))
    visitor = await visitor_at(a)
    assert (await visitor.expect(frames.Welcome)).agents_online is False

    agent = await agent_at(b)
    await agent.expect(frames.LoginOk)
    assert (await visitor.expect(frames.Presence)).agents_online is True
    await agent.send(frames.SetStatus(status=AgentStatus.AWAY))
    assert (await visitor.expect(frames.Presence)).agents_online is False
    await agent.send(frames.SetStatus(status=AgentStatus.ONLINE))
    assert (await visitor.expect(frames.Presence)).agents_online is True
    await agent.close()
    assert (await visitor.expect(frames.Presence)).agents_online is False


async def test_an_agent_logging_in_to_either_relay_sees_the_same_visitors_and_chats(
    cluster: Cluster,
) -> None:
    a, b = await cluster.start_relay(), await cluster.start_relay()
    await until(lambda: linked(cluster))
    on_a, on_b = await visitor_at(a), await visitor_at(b)
    ids = {(await on_a.expect(frames.Welcome)).visitor, (await on_b.expect(frames.Welcome)).visitor}
    ack = await on_a.say("hello from A")
    await on_b.say("hello from B")

    for relay in (a, b):
        agent = await agent_at(relay)
        async with asyncio.timeout(10):
            while True:  # presence reaches the other relay within a batch interval
                login = await agent.expect(frames.LoginOk)
                if {v.id for v in login.visitors} == ids and len(login.conversations) == 2:
                    break
                await agent.close()
                await asyncio.sleep(0.1)
                agent = await agent_at(relay)
        by_id = {c.id: c for c in login.conversations}
        last = by_id[ack.conversation].last_message
        assert last is not None and last.text == "hello from A"
        await agent.close()


async def test_a_file_uploaded_through_one_relay_downloads_through_the_other(
    cluster: Cluster,
) -> None:
    a, b = await cluster.start_relay(), await cluster.start_relay()
    await until(lambda: linked(cluster))
    visitor = await visitor_at(a)
    welcome = await visitor.expect(frames.Welcome)
    agent = await agent_at(b)
    login = await agent.expect(frames.LoginOk)
    body = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    async with aiohttp.ClientSession() as http:
        headers = {
            "Authorization": f"Visitor {welcome.token}",
            "X-Parley-Site": SITE,
            "X-File-Name": "photo.png",
        }
        async with http.post(welcome.files_url, data=body, headers=headers) as response:
            assert response.status == 201
            file_id = str((await response.json())["file"]["id"])
        await visitor.send(frames.VisitorSend(id=new_id(), text="my receipt", file=file_id))
        await visitor.expect(frames.Ack)
        message = await agent.expect(frames.Message)
        assert message.message.file is not None and message.message.file.id == file_id
        auth = {"Authorization": f"Agent {login.token}"}
        async with http.get(f"{login.files_url}/{file_id}", headers=auth) as response:
            assert response.status == 200
            assert await response.read() == body
    assert login.files_url != welcome.files_url, "each relay serves files on its own port"


async def test_phrases_saved_through_one_relay_are_there_through_the_other(
    cluster: Cluster,
) -> None:
    a, b = await cluster.start_relay(), await cluster.start_relay()
    await until(lambda: linked(cluster))
    on_a = await agent_at(a)
    await on_a.expect(frames.LoginOk)
    draft = frames.PhraseDraft(title="Shipping", shortcut="ship", text="We ship in five days.")
    await on_a.send(frames.PhraseSave(phrase=draft))
    await on_a.expect(frames.PhrasesChanged)
    on_b = await agent_at(b)
    login = await on_b.expect(frames.LoginOk)
    assert [p.text for p in login.phrases if p.shortcut == "ship"] == ["We ship in five days."]


async def test_what_one_relay_has_just_opened_or_closed_is_known_to_the_other_at_once(
    cluster: Cluster,
) -> None:
    """No waiting for the other relay's news: decisions are the store's (a client's second
    device, or a tab, may well act on another relay within the same millisecond)."""
    a, b = await cluster.start_relay(), await cluster.start_relay()
    alice, bob = await agent_at(a), await agent_at(b, "bob")
    await alice.expect(frames.LoginOk)
    await bob.expect(frames.LoginOk)
    await until(lambda: linked(cluster))

    # Opened on B, answered from A at once.
    tab = await visitor_at(b)
    token = (await tab.expect(frames.Welcome)).token
    first = await tab.say("hello?")
    assert (await alice.say(first.conversation, "hi there")).conversation == first.conversation

    # Closed on B, written into from A at once: refused, nothing reaches anyone.
    await tab.send(frames.Close(conversation=first.conversation))
    await tab.expect(frames.ConversationClosed)
    await alice.send(frames.AgentSend(id="late", conversation=first.conversation, text="late"))
    refused = await alice.expect(frames.Error)
    assert (refused.code, refused.ref) == (ErrorCode.CONVERSATION_CLOSED, "late")

    # A tab on A writes right after the other tab closed the chat on B: a new chat.
    other_tab = await visitor_at(a, token=token)
    await other_tab.expect(frames.Welcome)
    second = await other_tab.say("one more question")
    await other_tab.send(frames.Close(conversation=second.conversation))
    await other_tab.expect(frames.ConversationClosed)
    third = await tab.say("and another")
    assert len({first.conversation, second.conversation, third.conversation}) == 3
    history = [(m.conversation, m.seq) for m in await _stored(cluster, first.conversation)]
    assert history == [(first.conversation, 1), (first.conversation, 2)]

    # Two tabs on two relays write first at once: one chat, announced once to everyone.
    left = await visitor_at(a)
    fresh = (await left.expect(frames.Welcome)).token
    right = await visitor_at(b, token=fresh)
    await right.expect(frames.Welcome)
    acks = await asyncio.gather(left.say("first"), right.say("also first"))
    assert acks[0].conversation == acks[1].conversation
    await asyncio.sleep(0.5)
    for client in (alice, bob, left, right):
        opened = [
            f
            for f in client.take_all(frames.ConversationOpened)
            if f.conversation.id == acks[0].conversation
        ]
        assert len(opened) == 1, client


async def _stored(cluster: Cluster, conversation: int) -> list[frames.ChatMessage]:
    store = cluster.open_store()
    await store.open()
    try:
        return [chat_message(m) for m in await store.messages_after(conversation, 0, 100)]
    finally:
        await store.close()

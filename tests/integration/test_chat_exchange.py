"""A raw visitor and a raw agent talk through a real relay on 127.0.0.1."""

from __future__ import annotations

from relay.store.records import SiteSettings
from shared_protocol import frames
from shared_protocol.frames import AuthorKind, ConversationStatus
from tests.helpers.clients import VisitorClient
from tests.helpers.relay_fixtures import AGENT_NAME, RunningRelay, log_in


async def test_visitor_message_reaches_agent_and_agent_reply_reaches_visitor(
    relay: RunningRelay,
) -> None:
    agent, welcome = await log_in(relay)
    assert welcome.agent.name == AGENT_NAME
    visitor = await VisitorClient.connect(relay.url)
    visitor_welcome = await visitor.expect(frames.Welcome)
    assert visitor_welcome.agents_online is True
    assert visitor_welcome.conversation is None

    arrival = await agent.expect_visitor()
    assert arrival.id == visitor_welcome.visitor

    ack = await visitor.say("Do you have weekend IELTS courses?")
    assert ack.seq == 1 and not ack.duplicate
    opened = await agent.expect(frames.ConversationOpened)
    assert opened.conversation.status is ConversationStatus.WAITING
    assert opened.conversation.started_on is None  # the raw visitor said no page
    assert opened.conversation.id == ack.conversation
    delivered = await agent.expect(frames.Message)
    assert delivered.message.text == "Do you have weekend IELTS courses?"
    assert delivered.message.author is AuthorKind.VISITOR
    assert delivered.message.author_id == visitor_welcome.visitor
    assert delivered.message.seq == 1

    reply_ack = await agent.say(ack.conversation, "Yes, Saturdays 9 to 12.")
    assert reply_ack.seq == 2
    updated = await agent.expect(frames.ConversationUpdated)
    assert updated.conversation.status is ConversationStatus.ACTIVE
    assert updated.conversation.agent == welcome.agent.id
    reply = await visitor.expect(frames.Message)
    assert reply.message.text == "Yes, Saturdays 9 to 12."
    assert reply.message.author is AuthorKind.AGENT
    assert reply.message.author_name == "Alice"
    assert reply.message.seq == 2
    await visitor.close()
    await agent.expect_gone(visitor_welcome.visitor)
    await agent.close()


async def test_agent_login_snapshot_lists_online_visitors_and_open_conversations(
    relay: RunningRelay,
) -> None:
    visitor = await VisitorClient.connect(
        relay.url, page=frames.PageInfo(url="https://school.example/courses", title="Courses")
    )
    welcome = await visitor.expect(frames.Welcome)
    ack = await visitor.say("hello?")
    agent, snapshot = await log_in(relay)
    assert [v.id for v in snapshot.visitors] == [welcome.visitor]
    assert snapshot.visitors[0].page is not None
    assert snapshot.visitors[0].page.title == "Courses"
    assert snapshot.visitors[0].conversation == ack.conversation
    assert [(c.id, c.last_seq) for c in snapshot.conversations] == [(ack.conversation, 1)]
    assert [a.display_name for a in snapshot.agents] == ["Alice"]
    await agent.close()
    await visitor.close()


async def test_visitor_sees_presence_change_when_agent_goes_away_and_back(
    relay: RunningRelay,
) -> None:
    visitor = await VisitorClient.connect(relay.url)
    assert (await visitor.expect(frames.Welcome)).agents_online is False
    agent, _ = await log_in(relay)
    assert (await visitor.expect(frames.Presence)).agents_online is True
    await agent.send(frames.SetStatus(status=frames.AgentStatus.AWAY))
    assert (await visitor.expect(frames.Presence)).agents_online is False
    await agent.send(frames.SetStatus(status=frames.AgentStatus.ONLINE))
    assert (await visitor.expect(frames.Presence)).agents_online is True
    await agent.close()
    assert (await visitor.expect(frames.Presence)).agents_online is False
    await visitor.close()


async def test_closing_a_conversation_tells_both_sides_and_the_next_message_opens_a_new_one(
    relay: RunningRelay,
) -> None:
    agent, _ = await log_in(relay)
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    first = await visitor.say("first question")
    await agent.send(frames.Close(conversation=first.conversation))
    closed = await visitor.expect(frames.ConversationClosed)
    assert closed.conversation == first.conversation
    assert closed.by is AuthorKind.AGENT
    assert (await agent.expect(frames.ConversationClosed)).conversation == first.conversation

    await agent.send(frames.AgentSend(id="late", conversation=first.conversation, text="hi"))
    refused = await agent.expect(frames.Error)
    assert refused.code == "conversation_closed"
    assert refused.ref == "late"

    second = await visitor.say("another question")
    assert second.conversation != first.conversation
    assert second.seq == 1
    await agent.close()
    await visitor.close()


async def test_typing_preview_reaches_agents_and_agent_typing_flag_reaches_visitor(
    relay: RunningRelay,
) -> None:
    agent, _ = await log_in(relay)
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    await visitor.send(frames.VisitorTyping(text="How much is the IEL"))
    preview = await agent.expect(frames.TypingPreview)
    assert (preview.visitor, preview.text) == (welcome.visitor, "How much is the IEL")
    ack = await visitor.say("How much is the IELTS course?")
    await agent.send(frames.AgentTypingSet(conversation=ack.conversation, active=True))
    typing = await visitor.expect(frames.AgentTyping)
    assert typing.active is True and typing.conversation == ack.conversation
    await agent.close()
    await visitor.close()


async def test_with_the_typing_preview_off_no_draft_leaves_the_relay(relay: RunningRelay) -> None:
    settings = SiteSettings(typing_preview=False)
    await relay.relay.store.set_site_settings("demo", settings)
    agent, _ = await log_in(relay)
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    assert welcome.site.typing_preview is False  # the widget knows not to send drafts
    await visitor.send(frames.VisitorTyping(text="my private draft"))
    await visitor.say("the message itself")
    await agent.expect(frames.Message)
    assert agent.take_all(frames.TypingPreview) == []
    await agent.close()
    await visitor.close()

"""The contact a visitor leaves (pre-chat form, offline form, profile) stays with their
conversations for agents, after the visitor has gone and after the relay restarts."""

from __future__ import annotations

import msgspec

from shared_protocol import frames
from shared_protocol.errors import ErrorCode
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.relay_fixtures import (
    RunningRelay,
    log_in,
    restart_relay,
)

LEFT = frames.VisitorContact(name="Bolormaa", email="bolor@example.mn", phone="+976 9911-2233")


async def details(agent: AgentClient, visitor: int) -> frames.VisitorDetails:
    await agent.send(frames.DetailsRequest(visitor=visitor))
    return await agent.expect(frames.VisitorDetails)


async def test_a_message_left_offline_keeps_its_contact_for_agents_who_log_in_later(
    relay: RunningRelay,
) -> None:
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    assert welcome.agents_online is False  # nobody there: the offline form
    await visitor.send(frames.Profile(name=LEFT.name, email=LEFT.email, phone=LEFT.phone))
    ack = await visitor.say("Please call me about the autumn term.")
    await visitor.close()

    agent, snapshot = await log_in(relay)
    assert snapshot.visitors == []  # gone from the site: VisitorInfo cannot help
    [left] = snapshot.conversations
    assert (left.id, left.offline, left.contact) == (ack.conversation, True, LEFT)
    await agent.close()

    # The contact comes from the record, not from what this process remembered.
    await restart_relay(relay)
    agent, snapshot = await log_in(relay)
    assert [c.contact for c in snapshot.conversations] == [LEFT]
    found = await details(agent, welcome.visitor)
    assert found.contact == LEFT
    assert [c.contact for c in found.conversations] == [LEFT]
    await agent.close()


async def test_the_pre_chat_contact_comes_with_the_opened_conversation(
    relay: RunningRelay,
) -> None:
    agent, _ = await log_in(relay)
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    await visitor.send(frames.Profile(name="Wang Fang", email="wang.fang@example.cn"))
    await visitor.say("Is the weekend class full?")
    opened = await agent.expect(frames.ConversationOpened)
    assert opened.conversation.contact == frames.VisitorContact(
        name="Wang Fang", email="wang.fang@example.cn"
    )
    await visitor.close()
    await agent.close()


async def test_a_profile_sent_during_a_chat_updates_the_conversation_for_agents(
    relay: RunningRelay,
) -> None:
    agent, _ = await log_in(relay)
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    ack = await visitor.say("hello?")
    opened = await agent.expect(frames.ConversationOpened)
    assert opened.conversation.contact is None  # nothing told yet
    assert (await details(agent, welcome.visitor)).contact is None

    await visitor.send(frames.Profile(phone="(0571) 8888.1234"))
    updated = await agent.expect(frames.ConversationUpdated)
    assert updated.conversation.id == ack.conversation
    assert updated.conversation.contact == frames.VisitorContact(phone="(0571) 8888.1234")
    # Empty fields leave what was told before.
    await visitor.send(frames.Profile(email="me@example.org"))
    updated = await agent.expect(frames.ConversationUpdated)
    assert updated.conversation.contact == frames.VisitorContact(
        email="me@example.org", phone="(0571) 8888.1234"
    )

    # Taking the conversation keeps the contact; so does the next agent's snapshot.
    await agent.send(frames.Accept(conversation=ack.conversation))
    taken = await agent.expect(frames.ConversationUpdated)
    assert taken.conversation.contact == updated.conversation.contact
    second, snapshot = await log_in(relay)
    assert [c.contact for c in snapshot.conversations] == [updated.conversation.contact]
    found = await details(agent, welcome.visitor)
    assert found.contact == updated.conversation.contact
    assert [c.contact for c in found.conversations] == [updated.conversation.contact]
    for client in (visitor, agent, second):
        await client.close()


async def test_a_malformed_email_or_phone_is_refused_and_nothing_of_the_profile_is_stored(
    relay: RunningRelay,
) -> None:
    agent, _ = await log_in(relay)
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    for field, value in [("email", "bolor at example.mn"), ("phone", "call me maybe")]:
        profile = frames.Profile(name="Mallory")
        await visitor.send(msgspec.structs.replace(profile, **{field: value}))
        refused = await visitor.expect(frames.Error)
        assert refused.code is ErrorCode.BAD_FRAME
        assert refused.detail.startswith(f"{field}:")
        found = await details(agent, welcome.visitor)  # asked after the refusal
        assert found.contact is None  # not even the name of the refused frame
    # The connection carries on, and a well-formed profile is taken.
    await visitor.send(frames.Profile(name="Mallory", email="m@example.org", phone="+1 555 0100"))
    await visitor.say("hi")
    opened = await agent.expect(frames.ConversationOpened)
    assert opened.conversation.contact == frames.VisitorContact(
        name="Mallory", email="m@example.org", phone="+1 555 0100"
    )
    await visitor.close()
    await agent.close()


async def test_a_phone_typed_in_full_width_digits_is_taken_and_stored_in_ascii(
    relay: RunningRelay,
) -> None:
    agent, _ = await log_in(relay)
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    # As a Chinese input method types it: full-width digits and an ideographic space.
    await visitor.send(frames.Profile(phone="１３８\u3000００１３ ８０００"))
    await visitor.say("请给我打电话")
    opened = await agent.expect(frames.ConversationOpened)
    assert opened.conversation.contact == frames.VisitorContact(phone="138 0013 8000")
    assert (await details(agent, welcome.visitor)).contact == opened.conversation.contact
    assert visitor.take_all(frames.Error) == []
    await visitor.close()
    await agent.close()

"""A chat that leaves a department's view (docs/protocol.md §6.8, "Out of view"): the agents
who could see it and may not now get its state once more, which lets their app drop it;
the agents who still see it get the one update they always got. Over real sockets.

Lin and Bob answer for Sales, Sun for Student services; Alice is the admin. Both
departments broadcast (no offers): the test drives every step itself, no clock needed."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import msgspec

from relay.core.credentials import hash_password
from relay.store.records import PrechatField, SiteSettings
from shared_protocol import frames
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.relay_fixtures import RunningRelay, log_in

PASSWORD = "a long enough password"


@dataclass
class Desks:
    sales: int
    services: int
    lin: AgentClient
    bob: AgentClient
    sun: AgentClient
    alice: AgentClient
    ids: dict[str, int]

    def all(self) -> list[AgentClient]:
        return [self.lin, self.bob, self.sun, self.alice]


async def _teams(relay: RunningRelay) -> Desks:
    store, now = relay.relay.store, time.time()
    site = await store.get_site("demo")
    assert site is not None
    await store.set_site_settings("demo", SiteSettings(prechat=(PrechatField(field="department"),)))
    settings = frames.RoutingSettings(mode=frames.RoutingMode.BROADCAST)
    broadcast = msgspec.json.encode(settings).decode()
    sales = await store.save_department(site.id, None, "Sales", broadcast, now)
    services = await store.save_department(site.id, None, "Student services", broadcast, now)
    assert sales is not None and services is not None
    for name, department in (("lin", sales.id), ("bob", sales.id), ("sun", services.id)):
        await store.add_agent(name, name.title(), "agent", hash_password(PASSWORD), now)
        await store.set_agent_departments(name, [department])
    logged = {name: await log_in(relay, name, PASSWORD) for name in ("lin", "bob", "sun")}
    alice, alice_in = await log_in(relay)
    ids = {name: welcome.agent.id for name, (_, welcome) in logged.items()}
    ids["alice"] = alice_in.agent.id
    return Desks(
        sales.id,
        services.id,
        logged["lin"][0],
        logged["bob"][0],
        logged["sun"][0],
        alice,
        ids,
    )


async def _chat_in(relay: RunningRelay, department: int, name: str) -> tuple[VisitorClient, int]:
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    await visitor.send(frames.Profile(name=name, department=department))
    return visitor, (await visitor.say(f"Hello, I am {name}")).conversation


async def _update(agent: AgentClient, conversation: int, status: str) -> frames.ConversationInfo:
    """The next update of `conversation` with this status (earlier ones pass)."""
    while True:
        info = (await agent.expect(frames.ConversationUpdated)).conversation
        if info.id == conversation and info.status == status:
            return info


def _updates_of(agent: AgentClient, conversation: int) -> list[frames.ConversationInfo]:
    return [
        frame.conversation
        for frame in agent.received
        if isinstance(frame, frames.ConversationUpdated) and frame.conversation.id == conversation
    ]


def _heard_of(agent: AgentClient, conversation: int) -> list[frames.Frame]:
    """Frames still unread that name the conversation (messages, updates)."""
    named = []
    for frame in agent.received:
        about = getattr(frame, "conversation", None)
        if isinstance(frame, frames.Message):
            about = frame.message.conversation
        elif isinstance(about, frames.ConversationInfo):
            about = about.id
        if about == conversation:
            named.append(frame)
    return named


async def _arrived(agent: AgentClient, kind: type[frames.Frame], count: int) -> None:
    """Until `count` frames of `kind` are unread (kept in arrival order)."""
    async with asyncio.timeout(5):
        while sum(isinstance(f, kind) for f in agent.received) < count:
            agent._arrived.clear()  # set by the client's reader at each frame
            await agent._arrived.wait()


async def _barrier(relay: RunningRelay, desks: list[AgentClient], department: int) -> None:
    """Every desk has had what the relay published before this point: a new chat opens in
    `department` (which each of them sees) after it, on the same connections."""
    visitor, conversation = await _chat_in(relay, department, "Later")
    for desk in desks:
        while (await desk.expect(frames.ConversationOpened)).conversation.id != conversation:
            pass
    await visitor.close()


async def test_a_chat_taken_into_another_department_leaves_the_old_ones_view_once(
    relay: RunningRelay,
) -> None:
    desks = await _teams(relay)
    visitor, conversation = await _chat_in(relay, desks.sales, "Bat")
    await desks.lin.send(frames.Accept(conversation=conversation))
    await visitor.expect(frames.AgentJoined)
    await desks.lin.send(
        frames.TransferRequest(
            conversation=conversation, agent=None, department=desks.services, note="Visa"
        )
    )
    for desk in desks.all():  # Sales sees it leave, Student services sees it come
        await _update(desk, conversation, "transferring")
        note = await desk.expect(frames.Message)  # the transfer's note, for agents only
        while note.message.visibility is not frames.Visibility.INTERNAL:
            note = await desk.expect(frames.Message)  # (the visitor's hello first)
    await desks.sun.send(frames.Accept(conversation=conversation))
    assert (await visitor.expect(frames.AgentJoined)).agent.name == "Sun"

    # Lin (who held it) and Bob (Sales) get its new state: Sun's, in Student services.
    for desk in (desks.lin, desks.bob):
        taken = await _update(desk, conversation, "active")
        assert (taken.department, taken.agent) == (desks.services, desks.ids["sun"])
        assert taken.transfer_to_department is None
        # ... and the visitor's row leaves their list with the chat.
        await desk.expect_gone(taken.visitor)
    await visitor.say("Thank you")
    await _barrier(relay, [desks.sun, desks.alice], desks.services)
    await _barrier(relay, [desks.lin, desks.bob], desks.sales)
    # Sun and Alice, who see it still, had the one update they always had, and the message.
    for desk in (desks.sun, desks.alice):
        updates = [u for u in _updates_of(desk, conversation) if u.status == "active"]
        assert [(u.agent, u.department) for u in updates] == [(desks.ids["sun"], desks.services)]
        assert any(isinstance(f, frames.Message) for f in _heard_of(desk, conversation))
    # Nothing more of it reaches Sales: not the visitor's message, no second update.
    for desk in (desks.lin, desks.bob):
        assert _heard_of(desk, conversation) == []
    for client in (*desks.all(), visitor):
        await client.close()


async def test_a_transfer_declined_leaves_the_view_of_the_agent_it_was_offered_to(
    relay: RunningRelay,
) -> None:
    desks = await _teams(relay)
    visitor, conversation = await _chat_in(relay, desks.sales, "Bat")
    await desks.lin.send(frames.Accept(conversation=conversation))
    await visitor.expect(frames.AgentJoined)
    to_sun = frames.TransferRequest(conversation=conversation, agent=desks.ids["sun"], note="")
    await desks.lin.send(to_sun)
    await _update(desks.sun, conversation, "transferring")
    await desks.sun.expect(frames.Message)  # the transfer's note
    await desks.sun.send(frames.Decline(conversation=conversation))
    # Sun, of another department, saw it come to him: he sees it go back to Lin, once.
    back = await _update(desks.sun, conversation, "active")
    assert (back.agent, back.department) == (desks.ids["lin"], desks.sales)
    await _update(desks.lin, conversation, "active")
    await visitor.say("Still there?")
    await _barrier(relay, [desks.sun], desks.services)
    assert _heard_of(desks.sun, conversation) == []  # not the visitor's message
    for client in (*desks.all(), visitor):
        await client.close()


async def test_an_agent_moved_out_of_a_department_gets_its_chats_once_after_their_presence(
    relay: RunningRelay,
) -> None:
    desks = await _teams(relay)
    waiting_visitor, waiting = await _chat_in(relay, desks.sales, "Wai")
    held_visitor, held = await _chat_in(relay, desks.sales, "Hel")
    own_visitor, own = await _chat_in(relay, desks.sales, "Own")
    await desks.bob.send(frames.Accept(conversation=held))
    await desks.lin.send(frames.Accept(conversation=own))
    await _update(desks.lin, held, "active")
    await _update(desks.lin, own, "active")
    lin = desks.lin
    lin.received.clear()

    await desks.alice.send(
        frames.AgentRoutingSave(
            agent=desks.ids["lin"], role="agent", departments=[desks.services], skills=[]
        )
    )
    await desks.alice.expect(frames.Team)
    # Lin's own presence first (the app judges by it), then the two Sales chats she may
    # no longer see, once; her own chat stays hers and gets nothing.
    await _arrived(lin, frames.ConversationUpdated, 2)
    kinds: list[str | int] = []
    for f in lin.received:
        if isinstance(f, frames.ConversationUpdated):
            kinds.append(f.conversation.id)
        elif isinstance(f, frames.AgentPresence) and f.agent.agent == desks.ids["lin"]:
            kinds.append("presence")
    assert kinds[0] == "presence" and sorted(kinds[1:], key=str) == sorted([waiting, held])
    mine = next(f for f in lin.received if isinstance(f, frames.AgentPresence))
    assert mine.agent.departments == [desks.services]
    lin.take_all(frames.ConversationUpdated)
    await own_visitor.say("Are you there?")
    await _barrier(relay, [lin], desks.services)
    assert _updates_of(lin, own) == []
    assert _heard_of(lin, waiting) == [] and _heard_of(lin, held) == []
    for client in (*desks.all(), waiting_visitor, held_visitor, own_visitor):
        await client.close()

"""The assigner on a real relay (docs/routing.md): three agents with capacities and ten
visitors in one department; each chat is offered to one agent at a time and taken once,
the load is shared, the rest wait in line and hear their place, an offer nobody answers
moves on (and its agent is set Away), a decline moves on at once. The relay's clock is
frozen and moved by the test: offers expire without waiting."""

from __future__ import annotations

import time

import msgspec

from relay.core.credentials import hash_password
from relay.store.records import PrechatField, SiteSettings
from shared_protocol import frames
from shared_protocol.errors import ErrorCode
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.fake_clock import FakeClock, advance, freeze
from tests.helpers.relay_fixtures import RunningRelay, log_in

PASSWORD = "a long enough password"
OFFER_SECONDS = 10


async def _sales(
    relay: RunningRelay, capacities: dict[str, int], **settings: object
) -> tuple[int, FakeClock]:
    """The demo site's Sales department, assigned mode, with these agents (name → max
    chats); visitors pick it in the pre-chat form. The clock stands still from here."""
    store, now = relay.relay.store, time.time()
    site = await store.get_site("demo")
    assert site is not None
    await store.set_site_settings("demo", SiteSettings(prechat=(PrechatField(field="department"),)))
    chosen = {"offer_seconds": OFFER_SECONDS, "owner_first_seconds": 0} | settings
    wanted = msgspec.convert(chosen, frames.RoutingSettings)
    sales = await store.save_department(
        site.id, None, "Sales", msgspec.json.encode(wanted).decode(), now
    )
    assert sales is not None
    for name, max_chats in capacities.items():
        await store.add_agent(name, name.title(), "agent", hash_password(PASSWORD), now)
        await store.set_agent_departments(name, [sales.id])
        await store.set_agent_routing(name, max_chats=max_chats)
    return sales.id, freeze(relay.relay)


async def _visitor(relay: RunningRelay, sales: int, name: str) -> tuple[VisitorClient, int]:
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    await visitor.send(frames.Profile(name=name, department=sales))
    ack = await visitor.say(f"Hello, I am {name}")
    return visitor, ack.conversation


async def _offer_to(agent: AgentClient, me: int) -> frames.ConversationInfo:
    """The next conversation offered to this agent."""
    while True:
        update = await agent.expect(frames.ConversationUpdated)
        if update.conversation.status == "offered" and update.conversation.offered_to == me:
            return update.conversation


async def _place(visitor: VisitorClient, position: int) -> frames.QueuePlace:
    """The visitor's place once it is `position` (places pass as the line moves)."""
    place = await visitor.expect(frames.QueuePlace)
    while place.position != position:
        place = await visitor.expect(frames.QueuePlace)
    return place


async def test_ten_visitors_three_agents_each_chat_taken_once_the_rest_wait_in_line(
    relay: RunningRelay,
) -> None:
    sales, _ = await _sales(relay, {"ann": 2, "bob": 2, "cat": 1})
    agents = {name: await log_in(relay, name, PASSWORD) for name in ("ann", "bob", "cat")}
    ids = {name: snapshot.agent.id for name, (_, snapshot) in agents.items()}

    visitors = [await _visitor(relay, sales, f"Visitor {n}") for n in range(10)]
    taken: dict[int, str] = {}
    # Each agent accepts what it is offered until it is full: 2 + 2 + 1.
    for name, capacity in (("ann", 2), ("bob", 2), ("cat", 1)):
        client = agents[name][0]
        for _ in range(capacity):
            offered = await _offer_to(client, ids[name])
            assert offered.id not in taken  # never offered to two agents
            await client.send(frames.Accept(conversation=offered.id))
            taken[offered.id] = name
    assert sorted(taken.values()) == ["ann", "ann", "bob", "bob", "cat"]
    # The first five took the five places; the other five wait, in order, and hear it.
    first_five = [conversation for _, conversation in visitors[:5]]
    assert sorted(taken) == sorted(first_five)
    for position, (visitor, conversation) in enumerate(visitors[5:], start=1):
        place = await _place(visitor, position)
        assert place.conversation == conversation
    stored = await relay.relay.store.get_conversation(visitors[5][1])
    assert stored is not None and stored.lifecycle is not None
    assert stored.lifecycle.value == "queued"

    # Cat closes a chat: the first in line is offered to Cat, and everyone moves up.
    cat = agents["cat"][0]
    cat_chat = next(c for c, name in taken.items() if name == "cat")
    await cat.send(frames.Close(conversation=cat_chat))
    offered = await _offer_to(cat, ids["cat"])
    assert offered.id == visitors[5][1]
    await cat.send(frames.Accept(conversation=offered.id))
    await _place(visitors[5][0], 0)  # no longer waiting
    await _place(visitors[6][0], 1)
    await _place(visitors[9][0], 4)
    events = await relay.relay.store.conversation_events(offered.id)
    kinds = [e.kind for e in events]
    assert kinds.count("offered") == 1 and kinds.count("accepted") == 1
    assert kinds.index("queued") < kinds.index("offered") < kinds.index("accepted")
    for client, _ in agents.values():
        await client.close()
    for visitor, _ in visitors:
        await visitor.close()


async def test_the_estimated_wait_is_the_running_average_per_place_times_the_place(
    relay: RunningRelay,
) -> None:
    sales, clock = await _sales(relay, {"ann": 1}, offer_seconds=300)  # none expires here
    ann, ann_in = await log_in(relay, "ann", PASSWORD)
    a, first = await _visitor(relay, sales, "A")
    b, _ = await _visitor(relay, sales, "B")  # behind A, who is being offered: place 2
    c, _ = await _visitor(relay, sales, "C")  # place 3
    assert (await _place(c, 3)).estimated_wait is None  # nobody was taken yet: not known
    await _offer_to(ann, ann_in.agent.id)
    await advance(relay.relay, clock, 30)
    await ann.send(frames.Accept(conversation=first))  # A waited 30 s at place 1
    assert (await _place(b, 1)).estimated_wait == 30  # 30 s a place
    assert (await _place(c, 2)).estimated_wait == 60
    await advance(relay.relay, clock, 60)
    await ann.send(frames.Close(conversation=first))
    second = await _offer_to(ann, ann_in.agent.id)
    assert second.id != first
    await ann.send(frames.Accept(conversation=second.id))
    # B waited 90 s from place 2: 45 s a place; the average moves a tenth of the way to
    # it: 31.5 s a place, and C, first now, hears about 30 s (rounded to 10 s).
    assert (await _place(c, 1)).estimated_wait == 30
    for client in (ann, a, b, c):
        await client.close()


async def test_an_offer_nobody_answers_moves_on_and_its_agent_is_set_away(
    relay: RunningRelay,
) -> None:
    sales, clock = await _sales(relay, {"ann": 2, "bob": 2}, away_after_missed=1)
    ann, ann_in = await log_in(relay, "ann", PASSWORD)
    bob, bob_in = await log_in(relay, "bob", PASSWORD)
    visitor, conversation = await _visitor(relay, sales, "Bat")
    first = await _offer_to(ann, ann_in.agent.id)  # least active, then lowest id: Ann
    assert first.id == conversation and first.offer_deadline is not None
    # A colleague may not take what is offered to Ann.
    await bob.send(frames.Accept(conversation=conversation))
    assert (await bob.expect(frames.Error)).code is ErrorCode.CONFLICT

    await advance(relay.relay, clock, OFFER_SECONDS)
    second = await _offer_to(bob, bob_in.agent.id)
    assert second.id == conversation
    away = await ann.expect(frames.AgentPresence)
    while away.agent.agent != ann_in.agent.id:
        away = await ann.expect(frames.AgentPresence)
    assert away.agent.status == frames.AgentStatus.AWAY
    await bob.send(frames.Accept(conversation=conversation))
    joined = await visitor.expect(frames.AgentJoined)
    assert joined.agent.name == "Bob"
    kinds = [e.kind for e in await relay.relay.store.conversation_events(conversation)]
    assert kinds.count("offer_expired") == 1 and kinds.count("offered") == 2
    for client in (ann, bob, visitor):
        await client.close()


async def test_a_declined_offer_goes_to_the_next_agent_at_once(relay: RunningRelay) -> None:
    sales, _ = await _sales(relay, {"ann": 1, "bob": 1})
    ann, ann_in = await log_in(relay, "ann", PASSWORD)
    bob, bob_in = await log_in(relay, "bob", PASSWORD)
    visitor, conversation = await _visitor(relay, sales, "Bat")
    await _offer_to(ann, ann_in.agent.id)
    await bob.send(frames.Decline(conversation=conversation))  # not offered to Bob
    assert (await bob.expect(frames.Error)).code is ErrorCode.CONFLICT
    await ann.send(frames.Decline(conversation=conversation))
    assert (await _offer_to(bob, bob_in.agent.id)).id == conversation
    for client in (ann, bob, visitor):
        await client.close()


async def test_a_transfer_with_a_note_reaches_its_agent_who_takes_the_chat(
    relay: RunningRelay,
) -> None:
    sales, _ = await _sales(relay, {"ann": 2, "bob": 2})
    ann, ann_in = await log_in(relay, "ann", PASSWORD)
    bob, bob_in = await log_in(relay, "bob", PASSWORD)
    visitor, conversation = await _visitor(relay, sales, "Bat")
    await _offer_to(ann, ann_in.agent.id)
    await ann.send(frames.Accept(conversation=conversation))
    await visitor.expect(frames.AgentJoined)
    note = "Asks about refunds: Bob knows the rules"
    await ann.send(
        frames.TransferRequest(conversation=conversation, agent=bob_in.agent.id, note=note)
    )
    while True:
        update = await bob.expect(frames.ConversationUpdated)
        if update.conversation.status == "transferring":
            break
    assert update.conversation.transfer_to_agent == bob_in.agent.id
    written = await bob.expect(frames.Message)
    while written.message.visibility is not frames.Visibility.INTERNAL:
        written = await bob.expect(frames.Message)  # the chat so far: Bob is of Sales too
    assert written.message.text == f"Transfer to Bob: {note}"
    await bob.send(frames.Accept(conversation=conversation))
    joined = await visitor.expect(frames.AgentJoined)
    assert joined.agent.name == "Bob"
    # The visitor never got the note.
    assert not any(isinstance(f, frames.Message) for f in visitor.received)
    stored = await relay.relay.store.get_conversation(conversation)
    assert stored is not None and stored.agent_id == bob_in.agent.id
    for client in (ann, bob, visitor):
        await client.close()


async def test_escalating_hands_the_chat_to_a_senior_of_the_department_only(
    relay: RunningRelay,
) -> None:
    sales, _ = await _sales(relay, {"ann": 2, "bob": 2, "sam": 2})
    await relay.relay.store.set_agent_routing("sam", level=2)
    ann, ann_in = await log_in(relay, "ann", PASSWORD)
    bob, _ = await log_in(relay, "bob", PASSWORD)
    sam, sam_in = await log_in(relay, "sam", PASSWORD)
    visitor, conversation = await _visitor(relay, sales, "Bat")
    await _offer_to(ann, ann_in.agent.id)  # fewest chats, then the lowest id: Ann
    await ann.send(frames.Accept(conversation=conversation))
    await visitor.expect(frames.AgentJoined)
    await ann.send(frames.Escalate(conversation=conversation, note="Wants a refund"))
    while True:
        update = await sam.expect(frames.ConversationUpdated)
        if update.conversation.status == "transferring":
            break
    assert update.conversation.transfer_to_department == sales
    assert update.conversation.min_level == 2  # the app asks seniors only
    await bob.send(frames.Accept(conversation=conversation))  # first line, like Ann
    assert (await bob.expect(frames.Error)).code is ErrorCode.FORBIDDEN
    await sam.send(frames.Accept(conversation=conversation))
    assert (await visitor.expect(frames.AgentJoined)).agent.name == "Sam"
    stored = await relay.relay.store.get_conversation(conversation)
    assert stored is not None and stored.agent_id == sam_in.agent.id
    # Nobody is above Sam: escalating again is refused, and nothing changes.
    await sam.send(frames.Escalate(conversation=conversation))
    assert (await sam.expect(frames.Error)).code is ErrorCode.CONFLICT
    for client in (ann, bob, sam, visitor):
        await client.close()


async def test_a_supervisor_barges_in_whispers_unheard_by_the_visitor_and_takes_over(
    relay: RunningRelay,
) -> None:
    sales, _ = await _sales(relay, {"ann": 2, "sue": 2})
    await relay.relay.store.set_agent_routing("sue", role="supervisor", max_chats=0)
    ann, ann_in = await log_in(relay, "ann", PASSWORD)
    sue, sue_in = await log_in(relay, "sue", PASSWORD)
    visitor, conversation = await _visitor(relay, sales, "Bat")
    await _offer_to(ann, ann_in.agent.id)  # Sue takes no chats of her own (max 0)
    await ann.send(frames.Accept(conversation=conversation))
    await visitor.expect(frames.AgentJoined)
    await ann.send(frames.Barge(conversation=conversation))  # an agent may not
    assert (await ann.expect(frames.Error)).code is ErrorCode.FORBIDDEN

    await sue.send(frames.Barge(conversation=conversation))
    while True:
        update = await ann.expect(frames.ConversationUpdated)
        if any(p.agent == sue_in.agent.id for p in update.conversation.participants):
            break
    [joined] = [p for p in update.conversation.participants if p.agent == sue_in.agent.id]
    assert joined.role == "supervisor"
    whisper = "Offer the spring discount"
    await sue.send(frames.Note(id="w1", conversation=conversation, text=whisper))
    heard = await ann.expect(frames.Message)
    while heard.message.text != whisper:
        heard = await ann.expect(frames.Message)
    assert heard.message.visibility is frames.Visibility.INTERNAL

    await sue.send(frames.Barge(conversation=conversation, take_over=True))
    assert (await visitor.expect(frames.AgentJoined)).agent.name == "Sue"
    assert all(
        whisper not in getattr(getattr(f, "message", None), "text", "") for f in visitor.received
    )
    for client in (ann, sue, visitor):
        await client.close()


async def test_a_chat_handed_to_another_department_reaches_its_new_agent_live(
    relay: RunningRelay,
) -> None:
    sales, _ = await _sales(relay, {"ann": 2})
    store = relay.relay.store
    site = await store.get_site("demo")
    assert site is not None
    services = await store.save_department(site.id, None, "Student services", "{}", time.time())
    assert services is not None
    await store.add_agent("stu", "Stu", "agent", hash_password(PASSWORD), time.time())
    await store.set_agent_departments("stu", [services.id])
    ann, ann_in = await log_in(relay, "ann", PASSWORD)
    stu, stu_in = await log_in(relay, "stu", PASSWORD)
    visitor, conversation = await _visitor(relay, sales, "Bat")
    await _offer_to(ann, ann_in.agent.id)
    await ann.send(frames.Accept(conversation=conversation))
    await visitor.expect(frames.AgentJoined)

    note = "Asks about her visa: yours"
    to_stu = frames.TransferRequest(conversation=conversation, agent=stu_in.agent.id, note=note)
    await ann.send(to_stu)
    handed = await stu.expect(frames.ConversationUpdated)  # Stu is of another department
    assert (handed.conversation.status, handed.conversation.transfer_note) == ("transferring", note)
    written = await stu.expect(frames.Message)
    assert written.message.visibility is frames.Visibility.INTERNAL and note in written.message.text
    await stu.send(frames.Accept(conversation=conversation))
    assert (await visitor.expect(frames.AgentJoined)).agent.name == "Stu"
    await visitor.say("Thank you, Stu")
    heard = await stu.expect(frames.Message)
    while heard.message.text != "Thank you, Stu":
        heard = await stu.expect(frames.Message)
    for client in (ann, stu, visitor):
        await client.close()


async def test_an_agent_set_away_for_a_missed_offer_is_not_offered_the_chat_again(
    relay: RunningRelay,
) -> None:
    sales, clock = await _sales(relay, {"ann": 2}, away_after_missed=1)
    ann, ann_in = await log_in(relay, "ann", PASSWORD)
    visitor, conversation = await _visitor(relay, sales, "Bat")
    await _offer_to(ann, ann_in.agent.id)
    await advance(relay.relay, clock, OFFER_SECONDS)
    away = await ann.expect(frames.AgentPresence)
    assert (away.agent.agent, away.agent.status) == (ann_in.agent.id, frames.AgentStatus.AWAY)
    assigner = relay.relay.ctx.routing
    assert assigner is not None
    await assigner.sweep()  # whatever else was due has run: the chat waits, offered to nobody
    stored = await relay.relay.store.get_conversation(conversation)
    assert stored is not None and stored.lifecycle is not None
    assert (stored.lifecycle.value, stored.offered_to) == ("queued", None)
    for client in (ann, visitor):
        await client.close()


async def test_a_waiting_visitor_who_reloads_the_page_hears_their_place_again(
    relay: RunningRelay,
) -> None:
    sales, clock = await _sales(relay, {"ann": 1}, offer_seconds=300)
    ann, ann_in = await log_in(relay, "ann", PASSWORD)
    a, first = await _visitor(relay, sales, "A")
    await _offer_to(ann, ann_in.agent.id)
    await ann.send(frames.Accept(conversation=first))  # Ann is full now
    b = await VisitorClient.connect(relay.url)
    token = (await b.expect(frames.Welcome)).token
    await b.send(frames.Profile(name="B", department=sales))
    waiting = (await b.say("Is anyone there?")).conversation
    assert (await _place(b, 1)).conversation == waiting
    await b.close()
    # The same visitor, a moment later (a reload): the place shows again at once.
    again = await VisitorClient.connect(relay.url, token=token)
    back = await again.expect(frames.Welcome)
    assert back.conversation is not None and back.conversation.id == waiting
    assert (await _place(again, 1)).conversation == waiting
    # And a tab that stays open hears it again now and then, unchanged (a tab on another
    # relay of a cluster has no other way to learn it).
    await advance(relay.relay, clock, 16)
    assert (await _place(again, 1)).conversation == waiting
    for client in (ann, a, again):
        await client.close()

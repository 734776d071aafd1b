"""Asking a colleague to join a chat (issue 15: "Invite a colleague to join"): the agent in
the chat asks, the colleague gets `join_asked` and answers with `join` or
`join_ask_decline`, or lets the department's `offer_seconds` pass; the asker hears how it
ended, the event log keeps every step, and the visitor hears nothing of it. Real sockets
on 127.0.0.1; the relay's clock is frozen and moved by the test."""

from __future__ import annotations

import time

import msgspec
import pytest

from relay.core.credentials import hash_password
from relay.store.records import PrechatField, SiteSettings
from shared_protocol import frames
from shared_protocol.errors import ErrorCode
from shared_protocol.frames import JoinAskOutcome
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.cluster import PASSWORD as CLUSTER_PASSWORD
from tests.helpers.cluster import Cluster, agent_at, linked, until, visitor_at
from tests.helpers.fake_clock import FakeClock, advance, freeze
from tests.helpers.relay_fixtures import RunningRelay, log_in

PASSWORD = "a long enough password"
OFFER_SECONDS = 20
HOSTILE_NOTE = "<b>{{visitor.name}}</b> \u202eevil" + "x" * 400  # 500 characters at most


class Desk:
    """Sales (Ann, Bob, Cal) and Student services (Stu) on the demo site; a visitor in
    Sales whose chat Ann took."""

    def __init__(self, relay: RunningRelay) -> None:
        self.relay = relay
        self.ids: dict[str, int] = {}
        self.clients: dict[str, AgentClient] = {}
        self.visitor: VisitorClient | None = None
        self.conversation = 0
        self.clock: FakeClock | None = None

    async def start(self, online: tuple[str, ...] = ("ann", "bob")) -> Desk:
        store, now = self.relay.relay.store, time.time()
        site = await store.get_site("demo")
        assert site is not None
        await store.set_site_settings(
            "demo", SiteSettings(prechat=(PrechatField(field="department"),))
        )
        settings = frames.RoutingSettings(
            mode=frames.RoutingMode.BROADCAST, offer_seconds=OFFER_SECONDS, owner_first_seconds=0
        )
        json = msgspec.json.encode(settings).decode()
        sales = await store.save_department(site.id, None, "Sales", json, now)
        services = await store.save_department(site.id, None, "Student services", "{}", now)
        assert sales is not None and services is not None
        for name, department in (("ann", sales), ("bob", sales), ("cal", sales), ("stu", services)):
            agent = await store.add_agent(name, name.title(), "agent", hash_password(PASSWORD), now)
            self.ids[name] = agent.id
            await store.set_agent_departments(name, [department.id])
        self.clock = freeze(self.relay.relay)  # before logging in: sessions go by it
        for name in online:
            self.clients[name], _ = await log_in(self.relay, name, PASSWORD)
        visitor = self.visitor = await VisitorClient.connect(self.relay.url)
        await visitor.expect(frames.Welcome)
        await visitor.send(frames.Profile(name="Bat", department=sales.id))
        self.conversation = (await visitor.say("Can someone help with fees?")).conversation
        ann = self.clients["ann"]
        await ann.expect(frames.ConversationOpened)
        await ann.send(frames.Accept(conversation=self.conversation))
        await visitor.expect(frames.AgentJoined)
        return self

    async def ask(self, by: str, colleague: str, note: str = "") -> None:
        await self.clients[by].send(
            frames.JoinAsk(conversation=self.conversation, agent=self.ids[colleague], note=note)
        )

    async def refused(self, by: str, colleague: str) -> frames.Error:
        await self.ask(by, colleague)
        return await self.clients[by].expect(frames.Error)

    async def log(self) -> list[tuple[str, int | None, int | None]]:
        """The ask entries of the event log: kind, actor, colleague."""
        entries = await self.relay.relay.store.conversation_events(self.conversation)
        return [(e.kind, e.actor.id, e.agent) for e in entries if e.kind.startswith("join_ask")]

    async def close(self) -> None:
        for client in [*self.clients.values(), self.visitor]:
            if client is not None:
                await client.close()


def present(update: frames.ConversationUpdated) -> list[int]:
    return [p.agent for p in update.conversation.participants if p.left_at is None]


def visitor_heard_nothing_of_it(desk: Desk) -> None:
    assert desk.visitor is not None
    shown = repr(desk.visitor.received)
    assert "evil" not in shown and "Bob" not in shown, shown


async def test_the_colleague_asked_joins_and_the_asker_hears_it(relay: RunningRelay) -> None:
    desk = await Desk(relay).start()
    ann, bob = desk.clients["ann"], desk.clients["bob"]
    await desk.ask("ann", "bob", HOSTILE_NOTE)
    asked = await bob.expect(frames.JoinAsked)
    assert desk.clock is not None
    assert (asked.conversation, asked.by, asked.by_name, asked.note) == (
        desk.conversation,
        desk.ids["ann"],
        "Ann",
        HOSTILE_NOTE,
    )  # the note as typed: the app shows it as plain text
    assert asked.expires_at == desk.clock.now + OFFER_SECONDS
    assert await ann.expect(frames.JoinAsked) == asked  # the asker's apps: it is made
    assert asked.agent == desk.ids["bob"]

    await bob.send(frames.Join(conversation=desk.conversation))
    for client in (ann, bob):
        ended = await client.expect(frames.JoinAskEnded)
        assert (ended.agent, ended.by, ended.outcome) == (
            desk.ids["bob"],
            desk.ids["ann"],
            JoinAskOutcome.JOINED,
        )
    assert (await bob.say(desk.conversation, "I can help with fees.")).seq >= 2
    while desk.ids["bob"] not in present(await ann.expect(frames.ConversationUpdated)):
        pass  # the update of Ann's accept came first
    assert await desk.log() == [
        ("join_asked", desk.ids["ann"], desk.ids["bob"]),
        ("join_ask_joined", desk.ids["bob"], desk.ids["bob"]),
    ]
    # Bob is in the chat now: asking him again says so.
    refused = await desk.refused("ann", "bob")
    assert (refused.code, refused.detail) == (ErrorCode.CONFLICT, "Bob is in this chat already")
    # The visitor reads Bob's reply, and nothing of the ask.
    assert (await desk.visitor.expect(frames.Message)).message.text == "I can help with fees."  # type: ignore[union-attr]
    assert desk.visitor is not None
    assert "evil" not in repr(desk.visitor.received)
    await desk.close()


async def test_a_decline_ends_the_ask_and_a_second_one_is_refused(relay: RunningRelay) -> None:
    desk = await Desk(relay).start()
    ann, bob = desk.clients["ann"], desk.clients["bob"]
    await desk.ask("ann", "bob")
    await bob.expect(frames.JoinAsked)
    # Asked already: no second ask while Bob has not answered.
    refused = await desk.refused("ann", "bob")
    assert (refused.code, refused.detail) == (
        ErrorCode.CONFLICT,
        "Bob was asked already; wait for the answer",
    )
    await bob.send(frames.JoinAskDecline(conversation=desk.conversation))
    for client in (ann, bob):
        assert (await client.expect(frames.JoinAskEnded)).outcome is JoinAskOutcome.DECLINED
    await bob.send(frames.JoinAskDecline(conversation=desk.conversation))
    assert (await bob.expect(frames.Error)).code is ErrorCode.CONFLICT  # nothing to decline
    # Declined, he may be asked again.
    await desk.ask("ann", "bob")
    await bob.expect(frames.JoinAsked)
    assert [kind for kind, _, _ in await desk.log()] == [
        "join_asked",
        "join_ask_declined",
        "join_asked",
    ]
    visitor_heard_nothing_of_it(desk)
    await desk.close()


async def test_an_ask_nobody_answers_expires_after_the_departments_offer_seconds(
    relay: RunningRelay,
) -> None:
    desk = await Desk(relay).start()
    ann, bob = desk.clients["ann"], desk.clients["bob"]
    await desk.ask("ann", "bob")
    await bob.expect(frames.JoinAsked)
    assert desk.clock is not None
    await advance(relay.relay, desk.clock, OFFER_SECONDS - 1)
    assert ann.take_all(frames.JoinAskEnded) == []
    await advance(relay.relay, desk.clock, 1)
    for client in (ann, bob):
        assert (await client.expect(frames.JoinAskEnded)).outcome is JoinAskOutcome.EXPIRED
    # Too late to decline; a join is still a join (Bob may help), but answers no ask.
    await bob.send(frames.JoinAskDecline(conversation=desk.conversation))
    assert (await bob.expect(frames.Error)).code is ErrorCode.CONFLICT
    assert await desk.log() == [
        ("join_asked", desk.ids["ann"], desk.ids["bob"]),
        ("join_ask_expired", None, desk.ids["bob"]),
    ]
    await desk.close()


async def test_who_may_not_be_asked_or_ask_is_told_why_and_nothing_is_logged(
    relay: RunningRelay,
) -> None:
    desk = await Desk(relay).start(online=("ann", "bob", "stu"))
    bob, stu = desk.clients["bob"], desk.clients["stu"]
    other_department = "Stu is not in this chat's department; transfer instead"
    not_in_it = "only the agents in this chat ask a colleague to join it"
    refusals = [
        ("ann", "stu", ErrorCode.FORBIDDEN, other_department),
        ("ann", "cal", ErrorCode.CONFLICT, "Cal is offline"),
        ("ann", "ann", ErrorCode.CONFLICT, "Ann is in this chat already"),
        ("bob", "cal", ErrorCode.FORBIDDEN, not_in_it),
        ("stu", "bob", ErrorCode.FORBIDDEN, "this conversation belongs to another department"),
    ]
    for by, colleague, code, detail in refusals:
        refused = await desk.refused(by, colleague)
        assert (refused.code, refused.detail) == (code, detail), (by, colleague)
    await desk.clients["ann"].send(frames.JoinAsk(conversation=desk.conversation, agent=99_999))
    assert (await desk.clients["ann"].expect(frames.Error)).code is ErrorCode.NOT_FOUND
    await desk.clients["ann"].send(frames.JoinAsk(conversation=99_999, agent=desk.ids["bob"]))
    assert (await desk.clients["ann"].expect(frames.Error)).code is ErrorCode.NOT_FOUND
    # A bad frame is refused with the field named, and the connection goes on.
    await desk.clients["ann"].ws.send(
        msgspec.msgpack.encode({"type": "join_ask", "conversation": desk.conversation})
    )
    bad = await desk.clients["ann"].expect(frames.Error)
    assert (bad.code, bad.detail) == (ErrorCode.BAD_FRAME, "agent: missing (it is required)")
    await desk.clients["ann"].ws.send(
        msgspec.msgpack.encode(
            {"type": "join_ask", "conversation": desk.conversation, "agent": 2, "note": "x" * 501}
        )
    )
    assert (await desk.clients["ann"].expect(frames.Error)).code is ErrorCode.TOO_LONG
    assert bob.take_all(frames.JoinAsked) == [] and stu.take_all(frames.JoinAsked) == []
    assert await desk.log() == []
    # The admin (not in the chat) may ask, as a supervisor of Sales may.
    alice, _ = await log_in(relay)
    await alice.send(frames.JoinAsk(conversation=desk.conversation, agent=desk.ids["bob"]))
    assert (await bob.expect(frames.JoinAsked)).by_name == "Alice"
    await alice.close()
    await desk.close()


async def test_a_closed_chat_ends_its_open_ask_at_once_and_is_refused(relay: RunningRelay) -> None:
    desk = await Desk(relay).start()
    ann, bob = desk.clients["ann"], desk.clients["bob"]
    await desk.ask("ann", "bob")
    await bob.expect(frames.JoinAsked)
    await ann.send(frames.Close(conversation=desk.conversation))
    await bob.expect(frames.ConversationClosed)
    # The clock stands still: the ask ends because the chat closed, not by its time.
    for client in (ann, bob):
        assert (await client.expect(frames.JoinAskEnded)).outcome is JoinAskOutcome.EXPIRED
    await bob.send(frames.Join(conversation=desk.conversation))
    assert (await bob.expect(frames.Error)).code is ErrorCode.CONVERSATION_CLOSED
    refused = await desk.refused("ann", "cal")
    assert refused.code is ErrorCode.CONVERSATION_CLOSED
    assert desk.clock is not None
    await advance(relay.relay, desk.clock, OFFER_SECONDS)  # its timer finds it ended
    assert not ann.take_all(frames.JoinAskEnded)
    kinds = [e.kind for e in await relay.relay.store.conversation_events(desk.conversation)]
    assert kinds.count("join_ask_expired") == 1
    await desk.close()


@pytest.mark.timeout(120)
async def test_a_colleague_on_another_relay_is_asked_and_declines_there(
    cluster: Cluster,
) -> None:
    store = cluster.open_store()  # the site, and Alice and Bob (admins), are there (prepare)
    await store.open()
    try:
        site = await store.get_site("shop")
        assert site is not None
        sales = await store.save_department(site.id, None, "Sales", "{}", time.time())
        assert sales is not None
        for name in ("ann", "ben"):
            await store.add_agent(
                name, name.title(), "agent", hash_password(CLUSTER_PASSWORD), time.time()
            )
            await store.set_agent_departments(name, [sales.id])
    finally:
        await store.close()
    a, b = await cluster.start_relay(), await cluster.start_relay()
    ann, ben = await agent_at(a, "ann"), await agent_at(b, "ben")
    ben_id = (await ben.expect(frames.LoginOk)).agent.id
    await ann.expect(frames.LoginOk)
    await until(lambda: linked(cluster))
    visitor = await visitor_at(a)
    await visitor.expect(frames.Welcome)
    await visitor.send(frames.Profile(name="Bat", department=sales.id))
    conversation = (await visitor.say("Hello")).conversation
    await ann.send(frames.Accept(conversation=conversation))
    await visitor.expect(frames.AgentJoined, within=20)

    await ann.send(frames.JoinAsk(conversation=conversation, agent=ben_id, note="fees"))
    asked = await ben.expect(frames.JoinAsked, within=20)
    assert (asked.conversation, asked.by_name, asked.note) == (conversation, "Ann", "fees")
    await ben.send(frames.JoinAskDecline(conversation=conversation))  # on relay B
    ended = await ann.expect(frames.JoinAskEnded, within=20)  # heard on relay A
    assert (ended.agent, ended.outcome) == (ben_id, JoinAskOutcome.DECLINED)
    # Asked again, Ben joins on relay B: Ann hears it on A.
    await ann.send(frames.JoinAsk(conversation=conversation, agent=ben_id))
    await ben.expect(frames.JoinAsked, within=20)
    await ben.send(frames.Join(conversation=conversation))
    while (ended := await ann.expect(frames.JoinAskEnded, within=20)).outcome is not (
        JoinAskOutcome.JOINED
    ):
        pass
    assert ended.agent == ben_id
    for client in (ann, ben, visitor):
        await client.close()

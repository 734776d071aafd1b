"""Canned phrases over real sockets: admins manage shared ones, agents their own, live."""

from __future__ import annotations

import time

import msgspec

from relay.core.credentials import hash_password
from shared_protocol import frames
from shared_protocol.errors import ErrorCode
from shared_protocol.frames import PhraseDraft, PhraseKind
from tests.helpers.clients import AgentClient
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay

PRICE = PhraseDraft(
    title="Weekend price",
    category="Prices/IELTS",
    shortcut="price",
    text="Hello {visitor.name|there}, the weekend course is ¥3,200.",
    shared=True,
)


async def agents(relay: RunningRelay) -> tuple[AgentClient, AgentClient]:
    """Alice (admin) and Bob (agent), both logged in."""
    await relay.relay.store.add_agent(
        "bob", "Bob", "agent", hash_password("bob's pass"), time.time()
    )
    alice = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    bob = await AgentClient.connect(relay.url, user="bob", password="bob's pass")
    await alice.expect(frames.LoginOk)
    await bob.expect(frames.LoginOk)
    return alice, bob


async def test_a_shared_phrase_from_an_admin_reaches_every_agent_live(relay: RunningRelay) -> None:
    alice, bob = await agents(relay)
    await alice.send(frames.PhraseSave(phrase=PRICE))
    [added] = (await bob.expect(frames.PhrasesChanged)).updated
    assert (await alice.expect(frames.PhrasesChanged)).updated == [added]
    assert (added.title, added.shortcut, added.shared) == ("Weekend price", "price", True)

    edited = frames.PhraseSave(
        id=added.id, phrase=msgspec.structs.replace(PRICE, text="¥3,400 from May.")
    )
    await alice.send(edited)
    [changed] = (await bob.expect(frames.PhrasesChanged)).updated
    assert (changed.id, changed.text) == (added.id, "¥3,400 from May.")

    # Bob may neither change nor add shared phrases, and nothing changes when he tries.
    await bob.send(frames.PhraseSave(id=added.id, phrase=PRICE))
    assert (await bob.expect(frames.Error)).code is ErrorCode.FORBIDDEN
    await bob.send(frames.PhraseSave(phrase=PhraseDraft(title="Mine?", text="x", shared=True)))
    assert (await bob.expect(frames.Error)).code is ErrorCode.FORBIDDEN
    await bob.send(frames.PhraseDelete(id=added.id))
    assert (await bob.expect(frames.Error)).code is ErrorCode.FORBIDDEN

    await alice.send(frames.PhraseDelete(id=added.id))
    assert (await bob.expect(frames.PhrasesChanged)).deleted == [added.id]
    await alice.close()
    await bob.close()


async def test_personal_phrases_are_the_agents_own_and_follow_them(relay: RunningRelay) -> None:
    alice, bob = await agents(relay)
    mine = PhraseDraft(title="Greeting", shortcut="hi", text="Hi, I'm {agent.name}!")
    await bob.send(frames.PhraseSave(phrase=mine))
    [saved] = (await bob.expect(frames.PhrasesChanged)).updated
    assert saved.shared is False
    await bob.send(frames.PhraseSave(phrase=PhraseDraft(title="Again", shortcut="hi", text="x")))
    clash = await bob.expect(frames.Error)
    assert clash.code is ErrorCode.CONFLICT and "/hi" in clash.detail
    await bob.send(
        frames.PhraseSave(
            phrase=PhraseDraft(title="Link", kind=PhraseKind.LINK, url="javascript:alert(1)")
        )
    )
    assert (await bob.expect(frames.Error)).code is ErrorCode.BAD_FRAME
    await alice.send(frames.PhraseSave(id=saved.id, phrase=mine))  # not Alice's to change
    assert (await alice.expect(frames.Error)).code is ErrorCode.NOT_FOUND
    assert alice.take_all(frames.PhrasesChanged) == []

    await alice.send(frames.PhraseSave(phrase=PRICE))
    await alice.expect(frames.PhrasesChanged)
    await bob.close()
    again = await AgentClient.connect(relay.url, user="bob", password="bob's pass")
    titles = {(p.title, p.shared) for p in (await again.expect(frames.LoginOk)).phrases}
    assert titles == {("Greeting", False), ("Weekend price", True)}
    alice_sees = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    assert [p.title for p in (await alice_sees.expect(frames.LoginOk)).phrases] == ["Weekend price"]
    for client in (alice, again, alice_sees):
        await client.close()

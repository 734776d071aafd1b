"""Invitations across relays (issue 14): an agent on relay A invites a visitor on relay B;
it is shown there, and ends once however many relays try to end it: the relay that sent
it, or, when that one has died, the relay that leads the cluster."""

from __future__ import annotations

import asyncio

from shared_protocol import frames
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.cluster import SITE, Cluster, agent_at, linked, until, visitor_at

QUICK = frames.InvitationSettings(timeout=5, auto_reply="Write to us any time.")


async def _invite_across(cluster: Cluster) -> tuple[AgentClient, VisitorClient, frames.Invitation]:
    a, b = await cluster.start_relay(), await cluster.start_relay()
    agent = await agent_at(a)
    await agent.expect(frames.LoginOk)
    await until(lambda: linked(cluster))
    await agent.send(frames.InvitationSettingsSave(site=SITE, settings=QUICK))
    await agent.expect(frames.InvitationSetup)
    visitor = await visitor_at(b)
    welcome = await visitor.expect(frames.Welcome)
    await agent.expect_visitor(lambda v: v.id == welcome.visitor)
    await agent.send(frames.Invite(visitors=[welcome.visitor], text="Hello from relay A"))
    result = await agent.expect(frames.InviteResult)
    assert [i.visitor for i in result.sent] == [welcome.visitor]
    invitation = await visitor.expect(frames.Invitation)
    assert (invitation.text, invitation.agent) == (
        "Hello from relay A",
        frames.AgentCard(name="Alice"),
    )
    return agent, visitor, invitation


async def _events(cluster: Cluster, invitation: int) -> list[str]:
    store = cluster.open_store()
    await store.open()
    try:
        return [e.kind.value for e in await store.invitation_events(invitation)]
    finally:
        await store.close()


async def test_an_invitation_sent_through_one_relay_to_a_visitor_on_another_expires_once(
    cluster: Cluster,
) -> None:
    agent, visitor, invitation = await _invite_across(cluster)
    await visitor.send(frames.InvitationShown(id=invitation.id))
    ended = await visitor.expect(frames.InvitationEnded, within=15)
    assert (ended.status, ended.auto_reply) == ("expired", "Write to us any time.")
    # Both relays' work has had its turn (the sender's timer, the leader's sweep).
    await asyncio.sleep(6)
    assert visitor.take_all(frames.InvitationEnded) == []
    assert await _events(cluster, invitation.id) == ["sent", "shown", "expired", "auto_replied"]
    seen = [
        i.status
        for changed in agent.take_all(frames.Invitations)
        for i in changed.invitations
        if i.id == invitation.id
    ]
    assert seen.count("expired") == 1 and seen[-1] == "expired"


async def test_an_invitation_whose_relay_died_is_expired_by_the_one_that_leads(
    cluster: Cluster,
) -> None:
    agent, visitor, invitation = await _invite_across(cluster)
    sender = cluster.relays[0]
    await sender.kill()  # its timer dies with it
    ended = await visitor.expect(frames.InvitationEnded, within=20)
    assert ended.status == "expired"
    assert await _events(cluster, invitation.id) == ["sent", "expired", "auto_replied"]
    await agent.close()

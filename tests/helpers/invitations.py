"""Invitations as a test's admin sets them up and an agent watches them (relay tests and
browser tests alike)."""

from __future__ import annotations

from shared_protocol import frames
from tests.helpers.clients import AgentClient


async def set_up(
    agent: AgentClient,
    *rules: frames.RuleSpec,
    settings: frames.InvitationSettings | None = None,
    site: str = "demo",
) -> frames.InvitationSetup:
    """The site's invitation settings and rules, saved as an admin saves them."""
    setup = None
    if settings is not None:
        await agent.send(frames.InvitationSettingsSave(site=site, settings=settings))
        setup = await agent.expect(frames.InvitationSetup)
    for rule in rules:
        await agent.send(frames.InvitationRuleSave(site=site, rule=rule))
        setup = await agent.expect(frames.InvitationSetup)
    assert setup is not None
    return setup


async def states(agent: AgentClient, invitation: int, *wanted: str) -> None:
    """The agent sees the invitation reach each of `wanted`, in order."""
    for status in wanted:
        while True:
            changed = await agent.expect(frames.Invitations)
            if any(i.id == invitation and i.status == status for i in changed.invitations):
                break

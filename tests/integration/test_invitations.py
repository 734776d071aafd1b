"""Proactive invitations over real sockets: rules that invite after N seconds on a page,
the policy holding them back, agents inviting by hand, the widget's answers, expiry, the
exit survey, and the admins' setup (issue 14). The relay's clock is frozen and moved by
the test, so "30 s on the page" takes no time."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from relay.app import Relay
from relay.cli.invitations import merged, read_setup
from relay.features.invitation_setup import save_document
from shared_protocol import frames
from shared_protocol.errors import ErrorCode
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.fake_clock import FakeClock, advance, freeze
from tests.helpers.invitations import set_up, states
from tests.helpers.relay_fixtures import RunningRelay, log_in

EXAMPLE = Path(__file__).resolve().parents[2] / "docs/examples/invitations.toml"
PRICES = frames.PageInfo(
    url="http://127.0.0.1/prices.html",
    title="Prices",
    referrer="https://www.baidu.com/s?wd=ielts+price",
)
CHECKOUT = frames.PageInfo(url="http://127.0.0.1/checkout", referrer=PRICES.referrer)
BAIDU_PRICES = frames.RuleSpec(
    name="Baidu visitors on prices, 30 s",
    conditions=frames.RuleConditions(
        time_on_page=30, page_url=["/prices*", "/checkout*"], engine="Baidu"
    ),
    text="Any questions about the {site.name} weekend course, {visitor.name|there}?",
    style="bubble",
)


async def settled(visitor: VisitorClient) -> None:
    """Wait until the relay has handled what the visitor sent: it handles a connection's
    frames in order, and answers a close of no conversation with an error."""
    await visitor.send(frames.Close(conversation=999_999))
    assert (await visitor.expect(frames.Error)).code is ErrorCode.NOT_FOUND


async def frozen_agent(relay: RunningRelay) -> tuple[Relay, FakeClock, AgentClient]:
    clock = freeze(relay.relay)
    agent, _ = await log_in(relay)
    return relay.relay, clock, agent


async def test_a_rule_invites_after_30_s_on_the_prices_page_and_the_visitor_accepts(
    relay: RunningRelay,
) -> None:
    running, clock, agent = await frozen_agent(relay)
    setup = await set_up(
        agent,
        BAIDU_PRICES,
        settings=frames.InvitationSettings(
            policy=frames.InvitationPolicySpec(excluded_pages=["/checkout*"])
        ),
    )
    [rule] = setup.rules
    assert rule.id == "baidu-visitors-on-prices-30-s" and rule.changed_at == clock.now
    visitor = await VisitorClient.connect(relay.url, page=PRICES)
    await visitor.expect(frames.Welcome)

    await advance(running, clock, 29)
    assert visitor.take_all(frames.Invitation) == []
    await advance(running, clock, 1)
    invitation = await visitor.expect(frames.Invitation)
    assert (
        invitation.text
        == "Any questions about the Northwind Language School weekend course, there?"
    )
    assert (invitation.style, invitation.kind, invitation.agent) == ("bubble", "chat", None)
    assert invitation.expires_at == clock.now + 20
    await states(agent, invitation.id, "sent")

    await visitor.send(frames.InvitationShown(id=invitation.id))
    await states(agent, invitation.id, "shown")
    await visitor.send(frames.InvitationAccept(id=invitation.id))
    opened = await visitor.expect(frames.ConversationOpened)
    greeting = await visitor.expect(frames.Message)
    assert greeting.message.conversation == opened.conversation.id
    assert (greeting.message.seq, greeting.message.text) == (1, invitation.text)
    assert greeting.message.author is frames.AuthorKind.SYSTEM
    ended = await visitor.expect(frames.InvitationEnded)
    assert (ended.id, ended.status) == (invitation.id, "accepted")
    await states(agent, invitation.id, "accepted")
    # An automatic invitation's chat is routed like any other: nobody owns it yet.
    seen = await agent.expect(frames.ConversationOpened)
    assert seen.conversation.agent is None

    # The log has every transition, and the rule's counts show it.
    events = await running.store.invitation_events(invitation.id)
    assert [e.kind.value for e in events] == ["sent", "shown", "accepted"]
    await visitor.say("Is there a discount for two?")
    await agent.send(frames.InvitationSetupRequest(site="demo"))
    [stats] = (await agent.expect(frames.InvitationSetup)).stats
    [counts] = stats.variants
    assert (counts.sent, counts.shown, counts.accepted, counts.chats) == (1, 1, 1, 1)
    await visitor.close()
    await agent.close()


async def test_no_invitation_on_an_excluded_page_nor_twice_a_visit(relay: RunningRelay) -> None:
    running, clock, agent = await frozen_agent(relay)
    await set_up(
        agent,
        BAIDU_PRICES,
        settings=frames.InvitationSettings(
            policy=frames.InvitationPolicySpec(excluded_pages=["/checkout*"])
        ),
    )
    visitor = await VisitorClient.connect(relay.url, page=CHECKOUT)
    welcome = await visitor.expect(frames.Welcome)
    await advance(running, clock, 120)
    assert visitor.take_all(frames.Invitation) == []

    await visitor.send(frames.PageView(page=PRICES))
    await settled(visitor)
    await advance(running, clock, 30)
    first = await visitor.expect(frames.Invitation)
    await visitor.send(frames.InvitationDecline(id=first.id))
    assert (await visitor.expect(frames.InvitationEnded)).status == "declined"

    # Declined: not again this visit, on this page or the next, after a reload too.
    await visitor.send(frames.PageView(page=PRICES))
    await settled(visitor)
    await advance(running, clock, 60)
    assert visitor.take_all(frames.Invitation) == []
    await visitor.close()
    visitor = await VisitorClient.connect(relay.url, page=PRICES, token=welcome.token)
    await visitor.expect(frames.Welcome)
    await advance(running, clock, 60)
    assert visitor.take_all(frames.Invitation) == []
    await visitor.close()
    await agent.close()


async def test_an_unanswered_invitation_expires_once_with_the_sites_auto_reply(
    relay: RunningRelay,
) -> None:
    running, clock, agent = await frozen_agent(relay)
    await set_up(
        agent,
        BAIDU_PRICES,
        settings=frames.InvitationSettings(
            timeout=20, auto_reply="We are here when you need us: just write."
        ),
    )
    visitor = await VisitorClient.connect(relay.url, page=PRICES)
    await visitor.expect(frames.Welcome)
    await advance(running, clock, 30)
    invitation = await visitor.expect(frames.Invitation)
    await advance(running, clock, 19.9)
    assert visitor.take_all(frames.InvitationEnded) == []
    await advance(running, clock, 0.1)
    ended = await visitor.expect(frames.InvitationEnded)
    assert (ended.status, ended.auto_reply) == (
        "expired",
        "We are here when you need us: just write.",
    )
    await states(agent, invitation.id, "sent", "expired")
    # A late answer changes nothing: the visitor is told how it ended, no error.
    await visitor.send(frames.InvitationAccept(id=invitation.id))
    late = await visitor.expect(frames.InvitationEnded)
    assert (late.id, late.status, late.auto_reply) == (invitation.id, "expired", ended.auto_reply)
    await visitor.send(frames.InvitationDecline(id=invitation.id))
    assert (await visitor.expect(frames.InvitationEnded)).status == "expired"
    assert visitor.take_all(frames.Error) == []
    # A second relay's timer (or the sweep) finds nothing more to do.
    await running.ctx.timers.run_due()
    from relay.features.invitations import expire

    await expire(running.ctx, invitation.id)
    kinds = [e.kind.value for e in await running.store.invitation_events(invitation.id)]
    assert kinds == ["sent", "expired", "auto_replied"]
    # Writing later opens the chat with the auto-reply the visitor saw, for agents too.
    ack = await visitor.say("Hello?")
    auto = await visitor.expect(frames.Message)
    assert (auto.message.seq, auto.message.text) == (1, ended.auto_reply)
    assert auto.message.author is frames.AuthorKind.SYSTEM and ack.seq == 2
    await visitor.close()
    await agent.close()


async def test_an_agent_invites_by_hand_and_gets_the_chat_when_it_is_accepted(
    relay: RunningRelay,
) -> None:
    agent, login = await log_in(relay)
    first = await VisitorClient.connect(relay.url, page=PRICES)
    one = (await first.expect(frames.Welcome)).visitor
    second = await VisitorClient.connect(relay.url, page=PRICES)
    two = (await second.expect(frames.Welcome)).visitor

    await agent.send(frames.Invite(visitors=[one, two, 999_999], text="", ref="r1"))
    result = await agent.expect(frames.InviteResult)
    assert result.ref == "r1"
    assert sorted(i.visitor for i in result.sent) == sorted([one, two])
    assert result.refused == [frames.InviteRefusal(visitor=999_999, reason="offline")]
    shown = await first.expect(frames.Invitation)
    assert shown.agent == frames.AgentCard(name="Alice")
    assert shown.text == "Hello! Is there anything we can help you with?"
    await second.expect(frames.Invitation)

    await agent.send(frames.Invite(visitors=[one]))
    again = await agent.expect(frames.InviteResult)
    assert again.refused == [frames.InviteRefusal(visitor=one, reason="invited")]

    # Writing while invited accepts: the greeting comes first, then what was written; the
    # chat opens as Alice's, so no colleague can take it in between.
    await first.say("Yes: how long is the course?")
    opened = await first.expect(frames.ConversationOpened)
    greeting = await first.expect(frames.Message)
    assert (greeting.message.seq, greeting.message.author_name) == (1, "Alice")
    joined = await first.expect(frames.AgentJoined)
    assert joined.agent.name == "Alice"
    seen = await agent.expect(frames.ConversationOpened)
    assert (seen.conversation.id, seen.conversation.agent) == (
        opened.conversation.id,
        login.agent.id,
    )
    assert seen.conversation.status is frames.ConversationStatus.ACTIVE

    # The other is withdrawn by the agent: the widget hides it.
    invitation_two = next(i for i in result.sent if i.visitor == two)
    await agent.send(frames.InvitationWithdraw(id=invitation_two.id))
    ended = await second.expect(frames.InvitationEnded)
    assert ended.status == "withdrawn"
    for client in (first, second, agent):
        await client.close()


@pytest.mark.parametrize("answer", ["I could not find the timetable"])
async def test_the_exit_survey_answer_reaches_agents_as_an_offline_message(
    relay: RunningRelay, answer: str
) -> None:
    running, clock, agent = await frozen_agent(relay)
    survey = frames.RuleSpec(
        name="Why leaving",
        trigger="exit",
        kind="survey",
        text="What were you looking for?",
        policy=frames.InvitationPolicySpec(needs_agent_with_room=False),
    )
    await set_up(agent, survey)
    visitor = await VisitorClient.connect(relay.url, page=PRICES)
    await visitor.expect(frames.Welcome)
    await visitor.send(frames.ExitIntent())
    asked = await visitor.expect(frames.Invitation)
    assert (asked.kind, asked.text) == ("survey", "What were you looking for?")
    await visitor.send(frames.ExitIntent())  # once a page view
    await settled(visitor)
    await advance(running, clock, 21)  # slow to type: it expired meanwhile
    assert (await visitor.expect(frames.InvitationEnded)).status == "expired"
    await visitor.send(frames.SurveyAnswer(id=asked.id, text=answer))
    opened = await agent.expect(frames.ConversationOpened)
    assert opened.conversation.offline is True
    texts: list[str] = []
    while len(texts) < 2:
        texts.append((await agent.expect(frames.Message)).message.text)
    assert texts == ["What were you looking for?", answer]
    assert visitor.take_all(frames.Invitation) == []
    await visitor.close()
    await agent.close()


async def test_a_rule_the_relay_cannot_use_is_refused_with_what_is_wrong(
    relay: RunningRelay,
) -> None:
    agent, _ = await log_in(relay)
    broken = frames.RuleSpec(
        name="Two-armed test",
        variants=[frames.VariantSpec(name="only one")],
    )
    await agent.send(frames.InvitationRuleSave(site="demo", rule=broken))
    refused = await agent.expect(frames.Error)
    assert refused.code is ErrorCode.BAD_FRAME
    assert "Two-armed test" in refused.detail and "two variants" in refused.detail
    await agent.send(frames.InvitationSetupRequest(site="demo"))
    assert (await agent.expect(frames.InvitationSetup)).rules == []
    await agent.close()


async def test_a_visitor_keeps_their_variant_across_reloads(relay: RunningRelay) -> None:
    running, clock, agent = await frozen_agent(relay)
    test = frames.RuleSpec(
        name="Greeting test",
        conditions=frames.RuleConditions(time_on_page=5),
        variants=[
            frames.VariantSpec(name="A", text="Hello from A"),
            frames.VariantSpec(name="B", text="Hello from B", style="dialog"),
        ],
        experiment=frames.ExperimentSpec(baseline=0.03, target=0.04),
        policy=frames.InvitationPolicySpec(frequency="repeat", repeat_every=10, max_per_visit=5),
    )
    setup = await set_up(agent, test)
    visitor = await VisitorClient.connect(relay.url, page=PRICES)
    welcome = await visitor.expect(frames.Welcome)
    seen = []
    for _ in range(3):  # each time: shown, left to expire, then the page reloaded
        await advance(running, clock, 6)
        invitation = await visitor.expect(frames.Invitation)
        seen.append((invitation.text, invitation.style))
        await advance(running, clock, 20)
        await visitor.expect(frames.InvitationEnded)
        await visitor.close()
        visitor = await VisitorClient.connect(relay.url, page=PRICES, token=welcome.token)
        await visitor.expect(frames.Welcome)
    assert len(seen) == 3 and len(set(seen)) == 1
    await agent.send(frames.InvitationSetupRequest(site="demo"))
    [stats] = (await agent.expect(frames.InvitationSetup)).stats
    assert stats.planned_per_variant == 5301
    assert stats.verdict == "collecting"
    assert [v.name for v in stats.variants] == ["A", "B"]
    assert setup.rules[0].id
    await visitor.close()
    await agent.close()


async def test_a_visitor_held_back_for_want_of_an_agent_is_invited_once_one_comes_online(
    relay: RunningRelay,
) -> None:
    running, clock, agent = await frozen_agent(relay)
    await set_up(agent, BAIDU_PRICES)
    await agent.close()
    await advance(running, clock, 1)
    visitor = await VisitorClient.connect(relay.url, page=PRICES)
    assert (await visitor.expect(frames.Welcome)).agents_online is False
    await settled(visitor)
    await advance(running, clock, 60)
    assert visitor.take_all(frames.Invitation) == []  # nobody could answer it

    agent, _ = await log_in(relay)
    await visitor.expect(frames.Presence)
    await advance(running, clock, 0)
    invitation = await visitor.expect(frames.Invitation)  # 30 s on the page had passed
    assert invitation.text.startswith("Any questions")
    await visitor.close()
    await agent.close()


async def test_a_tab_opened_while_an_invitation_is_open_shows_it_too(relay: RunningRelay) -> None:
    agent, _ = await log_in(relay)
    first = await VisitorClient.connect(relay.url, page=PRICES)
    welcome = await first.expect(frames.Welcome)
    await agent.send(frames.Invite(visitors=[welcome.visitor], text="Hello from Alice"))
    invitation = await first.expect(frames.Invitation)
    second = await VisitorClient.connect(relay.url, page=PRICES, token=welcome.token)
    await second.expect(frames.Welcome)
    again = await second.expect(frames.Invitation)
    assert again == invitation
    await second.send(frames.InvitationDecline(id=invitation.id))
    for tab in (first, second):
        assert (await tab.expect(frames.InvitationEnded)).status == "declined"
    for client in (first, second, agent):
        await client.close()


async def test_a_greeting_made_long_by_what_is_filled_in_is_cut_to_the_limit(
    relay: RunningRelay,
) -> None:
    agent, _ = await log_in(relay)
    visitor = await VisitorClient.connect(relay.url, page=PRICES)
    welcome = await visitor.expect(frames.Welcome)
    await visitor.send(frames.Profile(name="Ш" * 100))
    await settled(visitor)
    await agent.send(frames.Invite(visitors=[welcome.visitor], text="{visitor.name} " * 6))
    invitation = await visitor.expect(frames.Invitation)
    assert len(invitation.text) == 500 and invitation.text.endswith("…")
    await visitor.close()
    await agent.close()


async def test_a_rule_from_an_agent_who_does_not_exist_is_refused(relay: RunningRelay) -> None:
    agent, _ = await log_in(relay)
    ghost = frames.RuleSpec(name="From a ghost", from_agent="nosuchagent")
    await agent.send(frames.InvitationRuleSave(site="demo", rule=ghost))
    refused = await agent.expect(frames.Error)
    assert refused.code is ErrorCode.BAD_FRAME
    assert "From a ghost" in refused.detail and "nosuchagent" in refused.detail
    await agent.close()


async def test_an_agent_closing_the_chat_as_it_opens_breaks_nothing(relay: RunningRelay) -> None:
    agent, _ = await log_in(relay)
    for _ in range(3):  # the close lands between the opening and the greeting when it can
        visitor = await VisitorClient.connect(relay.url, page=PRICES)
        welcome = await visitor.expect(frames.Welcome)
        await agent.send(frames.Invite(visitors=[welcome.visitor], text="Hello"))
        invitation = await visitor.expect(frames.Invitation)
        await visitor.send(frames.InvitationAccept(id=invitation.id))
        opened = await agent.expect(frames.ConversationOpened)
        await agent.send(frames.Close(conversation=opened.conversation.id))
        await visitor.expect(frames.ConversationClosed)
        assert (await visitor.expect(frames.InvitationEnded)).status == "accepted"
        assert [e.code for e in visitor.take_all(frames.Error)] == []
        await visitor.close()
    await agent.close()


async def test_saving_a_rule_read_before_someone_else_changed_it_is_refused(
    relay: RunningRelay,
) -> None:
    alice, _ = await log_in(relay)
    [read] = (await set_up(alice, BAIDU_PRICES)).rules
    changed = msgspec.structs.replace(read, delay=5)
    await alice.send(frames.InvitationRuleSave(site="demo", rule=changed))
    [now] = (await alice.expect(frames.InvitationSetup)).rules
    assert now.delay == 5
    # A window still showing the first version saves it unchanged: refused, nothing lost.
    await alice.send(frames.InvitationRuleSave(site="demo", rule=read))
    refused = await alice.expect(frames.Error)
    assert refused.code is ErrorCode.CONFLICT and "open it again" in refused.detail
    await alice.send(frames.InvitationSetupRequest(site="demo"))
    assert (await alice.expect(frames.InvitationSetup)).rules[0].delay == 5
    await alice.close()


async def test_the_readmes_walkthrough_the_example_invites_a_baidu_ad_visitor_on_the_demo(
    relay: RunningRelay,
) -> None:
    """docs/examples/invitations.toml on the demo site, as the README tells a new user to
    try it: a Baidu ad click landing on /demo/prices.html, 30 s, an agent Online."""
    running, clock, agent = await frozen_agent(relay)
    document = read_setup(EXAMPLE.read_text(encoding="utf-8"), EXAMPLE.name)
    site = await running.store.get_site("demo")
    assert site is not None
    await save_document(running.ctx, site, lambda stored: merged(stored, document, clock.now)[0])
    page = frames.PageInfo(
        url="http://127.0.0.1:8080/demo/prices.html?utm_source=baidu&utm_medium=cpc&utm_term=ielts",
        title="Prices",
    )
    visitor = await VisitorClient.connect(relay.url, page=page)
    await visitor.expect(frames.Welcome)
    await settled(visitor)
    await advance(running, clock, 29)
    assert visitor.take_all(frames.Invitation) == []
    await advance(running, clock, 1)
    invitation = await visitor.expect(frames.Invitation)
    assert invitation.kind == "chat" and invitation.text
    await visitor.close()
    await agent.close()

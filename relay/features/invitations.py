"""Proactive invitations (issue 14): the rules deciding when a visitor is invited, agents
inviting by hand, the widget's answers, expiry, and the admins' setup.

The decision is relay/core/invitations' (`decide`); the lifecycle is
shared_protocol/lifecycle/invitation.py's (`apply`); the store keeps one open invitation
per visitor and moves it by compare-and-set, so two relays, two tabs or two timers never
both win. Each visitor connection holds at most one timer: the moment the next decision
is due (a time-on-page condition, a rule's delay); a page view or a change decides again.
The admins' setup, and each relay's copy of it, is relay/features/invitation_setup.py.
An invitation's expiry is a timer on the relay that sent it, and a sweep on the relay
that leads the cluster for those whose relay died.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from functools import partial

from relay.context import RelayContext
from relay.core.device import describe_device
from relay.core.invitations import (
    Declined,
    InvitationHistory,
    Nothing,
    Reason,
    Shown,
    VisitorState,
    decide,
)
from relay.core.invitations.greeting import default_greeting, fill, visitor_values
from relay.core.invitations.setup import (
    CompiledRule,
    LoadedSetup,
    Variant,
    with_variant,
)
from relay.core.referrer import Source, url_host
from relay.features import conversations, team_view
from relay.features.invitation_setup import setup_of
from relay.features.peers import AgentPeer, VisitorPeer
from relay.features.posting import post_for
from relay.live.audiences import ToDepartment, ToVisitor
from relay.store.errors import ConversationIsClosed
from relay.store.records import (
    DEFAULT_MAX_CHATS,
    Agent,
    InvitationRecord,
    NewInvitation,
    NewMessage,
    Site,
)
from relay.wire import agent_card
from shared_protocol import frames, limits
from shared_protocol.errors import ErrorCode, ProtocolError
from shared_protocol.frames import AgentStatus, AuthorKind
from shared_protocol.lifecycle import SYSTEM, Actor, ActorKind, IllegalTransition
from shared_protocol.lifecycle import invitation as lifecycle
from shared_protocol.lifecycle.invitation import InvitationStatus

log = logging.getLogger("parley.invitations")

# After login, agents get the invitations of this last while (the rows' live state).
RECENT_SECONDS = 600.0
# The leader's look for invitations whose relay died before their expiry.
OVERDUE_SWEEP_SECONDS = 5.0
OPEN = (InvitationStatus.SENT, InvitationStatus.SHOWN)


# ------------------------------------------------------------------ deciding


def forget(peer: VisitorPeer) -> None:
    """The connection closed (or is decided again): its pending decision goes with it."""
    peer.ctx.awaiting_agents.discard(peer)
    if peer.invitation_timer is not None:
        peer.invitation_timer.cancel()
        peer.invitation_timer = None


async def consider(peer: VisitorPeer, trigger: str = "page") -> None:
    """Decide whether a rule invites this visitor now, later (a timer) or not at all."""
    forget(peer)
    ctx = peer.ctx
    if peer.link not in ctx.presence.visitor_links(peer.visitor.id):
        return  # gone meanwhile
    setup = await setup_of(ctx, peer.site)
    rules = setup.compiled.for_trigger(trigger)
    if not rules:
        return
    visitor_key = str(peer.visitor.id)
    chosen = {r.spec.id: (r, r.variant_for(visitor_key)) for r in rules}
    candidates = [with_variant(r, v) for r, v in chosen.values()]
    if trigger == "exit":  # a moment, not a wait: no delay, and nothing later
        candidates = [replace(c, delay=0.0) for c in candidates]
    history, pending = await _history(ctx, peer.visitor.id)
    state = replace(await _visitor_state(peer, setup), invitation_pending=pending)
    now = ctx.clock()
    decision = decide(candidates, setup.compiled.policy_for, state, history, now)
    if isinstance(decision, Nothing):
        if decision.reason is Reason.NO_AGENT_WITH_ROOM and trigger == "page":
            ctx.awaiting_agents.add(peer)
        return
    rule, variant = chosen[decision.rule.id]
    if decision.at <= now:
        await _invite_by_rule(peer, setup, rule, variant)
    elif trigger == "page":
        peer.invitation_timer = ctx.timers.at(
            decision.at, "invitation-rule", partial(consider, peer)
        )


def agents_came_online(ctx: RelayContext) -> None:
    """An agent is Online now: visitors a rule held back for want of one are decided again."""
    for peer in list(ctx.awaiting_agents):
        ctx.timers.at(ctx.clock(), "invitation-rule", partial(consider, peer))
    ctx.awaiting_agents.clear()


async def _visitor_state(peer: VisitorPeer, setup: LoadedSetup) -> VisitorState:
    ctx, visit = peer.ctx, peer.visit
    info = ctx.presence.visitor_info(peer.visitor.id)
    page = info.page if info else None
    landing = visit.landing
    pages = 1
    if any(r.spec.conditions.pages_viewed is not None for r in setup.compiled.rules):
        pages = max(1, await ctx.store.pages_viewed(visit.id))
    headers = peer.connection.headers
    device = describe_device(str(headers.get("User-Agent", ""))[:500]).kind
    language = str(headers.get("Accept-Language", "")).split(",")[0].split(";")[0].strip()
    hours = setup.compiled.hours
    now = ctx.clock()
    return VisitorState(
        visit=visit.id,
        page_url=page.url if page else "",
        page_opened_at=peer.page_opened_at,
        visit_started_at=visit.started_at,
        pages_viewed=pages,
        landing_url=landing.url if landing else "",
        source=Source(visit.source) if visit.source else Source.DIRECT,
        engine=visit.source_name if visit.source in (Source.SEARCH, Source.PAID_SEARCH) else "",
        keyword=visit.keyword,
        referrer_host=url_host(landing.referrer if landing else ""),
        returning=visit.number > 1,
        chatted_before=peer.visitor.conversations > 0,
        country=info.country if info else "",
        region=info.region if info else "",
        city=info.city if info else "",
        device=device,
        language=language,
        within_business_hours=hours is None or hours.open_at(now),
        agent_has_room=agent_has_room(ctx),
        conversation_open=ctx.conversations.of_visitor(peer.visitor.id) is not None,
    )


def agent_has_room(ctx: RelayContext) -> bool:
    """An agent of the cluster is Online with fewer chats than their maximum (agents on
    other relays count with the default maximum: their record is not kept here)."""
    load = ctx.conversations.chats_per_agent()
    for presence in ctx.presence.agent_presences():
        if presence.status is not AgentStatus.ONLINE:
            continue
        agent = ctx.presence.online_agent(presence.agent)
        limit = agent.max_chats if agent else DEFAULT_MAX_CHATS  # their record is elsewhere
        if load.get(presence.agent, 0) < limit:
            return True
    return False


async def _history(ctx: RelayContext, visitor_id: int) -> tuple[InvitationHistory, bool]:
    """What the policy counts (every invitation sent counts as seen: a lost `shown` must
    not let the next rule in), and whether one is open."""
    records = await ctx.store.invitation_history(visitor_id)
    closed_at = await ctx.store.last_chat_closed_at(visitor_id)
    history = InvitationHistory(
        shown=tuple(Shown(r.state.sent_at, r.visit_id, r.rule_id or None) for r in records),
        declined=tuple(
            Declined(r.state.ended_at or r.state.sent_at, r.visit_id, r.rule_id or None)
            for r in records
            if r.state.status is InvitationStatus.DECLINED
        ),
        last_chat_ended_at=closed_at,
    )
    pending = any(r.state.status in OPEN for r in records)
    return history, pending


async def _invite_by_rule(
    peer: VisitorPeer, setup: LoadedSetup, rule: CompiledRule, variant: Variant
) -> None:
    ctx, spec = peer.ctx, rule.spec
    agent = await ctx.store.get_agent(spec.from_agent) if spec.from_agent else None
    await send(
        ctx,
        peer.site,
        setup,
        visitor_id=peer.visitor.id,
        visit_id=peer.visit.id,
        template=variant.text,
        style=variant.style,
        kind=spec.kind,
        rule=rule,
        variant=variant.index if len(rule.variants) > 1 else None,
        agent=agent,
        by=SYSTEM,
    )


def _greeting_values(ctx: RelayContext, site: Site, visitor_id: int) -> dict[str, str]:
    info = ctx.presence.visitor_info(visitor_id) or ctx.presence.any_visitor_info(visitor_id)
    return visitor_values(info, site.settings.name or site.name)


async def send(
    ctx: RelayContext,
    site: Site,
    setup: LoadedSetup,
    *,
    visitor_id: int,
    visit_id: int,
    template: str,
    style: str,
    kind: str,
    rule: CompiledRule | None,
    variant: int | None,
    agent: Agent | None,
    by: Actor,
    language: str = "",
) -> InvitationRecord | None:
    """Store the invitation as sent and show it; None when the visitor has an open one."""
    settings = setup.document.settings
    now = ctx.clock()
    text = fill(template or settings.greeting, _greeting_values(ctx, site, visitor_id))
    if not text.strip():
        text = default_greeting(language or site.settings.language)
    if len(text) > limits.MAX_INVITATION_CHARS:  # long names filled in: cut, marked as cut
        text = text[: limits.MAX_INVITATION_CHARS - 1] + "…"
    state, events = lifecycle.send_invitation(
        visitor_id,
        by,
        now,
        timeout=settings.timeout,
        auto_reply=settings.auto_reply if kind == "chat" else "",
    )
    new = NewInvitation(
        site_id=site.id,
        visit_id=visit_id,
        state=state,
        text=text,
        style=style,
        kind=kind,
        rule_id=rule.spec.id if rule else "",
        variant=variant,
        agent_id=agent.id if agent else None,
    )
    record = await ctx.store.add_invitation(new, events)
    if record is None:
        return None
    ctx.broker.publish(ToVisitor(visitor_id), _invitation_frame(record, agent))
    await _tell_agents(ctx, record)
    ctx.timers.at(record.state.expires_at, "invitation-expiry", partial(expire, ctx, record.id))
    log.info(
        "event=invitation_sent invitation=%d visitor=%d rule=%s variant=%s by=%s",
        record.id,
        visitor_id,
        record.rule_id or "-",
        "-" if variant is None else variant,
        by.kind.value,
    )
    return record


def _invitation_frame(record: InvitationRecord, agent: Agent | None) -> frames.Invitation:
    return frames.Invitation(
        id=record.id,
        text=record.text,
        style=record.style,  # type: ignore[arg-type]
        kind=record.kind,  # type: ignore[arg-type]
        agent=agent_card(agent) if agent else None,
        expires_at=record.state.expires_at,
    )


async def show_open(peer: VisitorPeer) -> None:
    """A tab opened (or a page reloaded) while the visitor has an invitation open shows it
    too: it has not been answered."""
    ctx = peer.ctx
    record = await ctx.store.open_invitation(peer.visitor.id)
    if record is None or ctx.clock() >= record.state.expires_at:
        return
    agent = None
    if record.agent_id is not None:
        agent = await ctx.agent(record.agent_id)
    peer.send(_invitation_frame(record, agent))


# ------------------------------------------------------------------ agents' view


async def info_of(ctx: RelayContext, record: InvitationRecord) -> frames.InvitationInfo:
    site_key = ctx.site_keys.get(record.site_id)
    if site_key is None:
        for site in await ctx.store.list_sites():
            ctx.site_keys[site.id] = site.key
        site_key = ctx.site_keys.get(record.site_id, "")
    agent_name = ""
    if record.agent_id is not None:
        agent = await ctx.agent(record.agent_id)
        agent_name = agent.display_name if agent else ""
    rule_name = ""
    if record.rule_id:
        kept = ctx.invitation_setups.get(record.site_id)
        found = kept.compiled.rule(record.rule_id) if kept else None
        rule_name = found.spec.name if found else record.rule_id
    state = record.state
    return frames.InvitationInfo(
        id=record.id,
        visitor=state.visitor,
        site=site_key,
        status=state.status.value,
        text=record.text,
        at=state.ended_at or state.shown_at or state.sent_at,
        sent_at=state.sent_at,
        agent=record.agent_id if state.sent_by.kind is ActorKind.AGENT else None,
        agent_name=agent_name,
        rule=rule_name,
        conversation=record.conversation_id,
    )


async def _tell_agents(ctx: RelayContext, record: InvitationRecord) -> None:
    info = await info_of(ctx, record)
    audience = ToDepartment(_department_of(ctx, record))
    ctx.broker.publish(audience, frames.Invitations(invitations=[info]))


async def welcome(peer: AgentPeer) -> None:
    """After login: the invitations of the last minutes, for the rows' live state."""
    ctx = peer.ctx
    recent = await ctx.store.recent_invitations(ctx.clock() - RECENT_SECONDS)
    shown = [r for r in reversed(recent) if team_view.sees(peer.agent, _department_of(ctx, r))]
    if shown:
        infos = [await info_of(ctx, r) for r in shown]
        peer.send(frames.Invitations(invitations=infos))


def _department_of(ctx: RelayContext, record: InvitationRecord) -> int | None:
    """The department of the invited visitor, as agents see them now (none when gone)."""
    shown = ctx.presence.any_visitor_info(record.state.visitor)
    return shown.department if shown else None


# ------------------------------------------------------------------ moving one


async def _move(
    ctx: RelayContext,
    record: InvitationRecord,
    event: lifecycle.InvitationInput,
    *,
    conversation_id: int | None = None,
) -> InvitationRecord | None:
    """Apply `event` and store it by compare-and-set; the invitation as now stored, or
    None when the lifecycle refuses it or another change came first."""
    try:
        new, events = lifecycle.apply(record.state, event, ctx.clock())
    except IllegalTransition:
        return None
    moved = await ctx.store.transition_invitation(
        record.id, record.state, new, events, conversation_id=conversation_id
    )
    if not moved:
        return None
    fresh = await ctx.store.get_invitation(record.id)
    if fresh is not None:
        await _tell_agents(ctx, fresh)
    return fresh


async def expire(ctx: RelayContext, invitation_id: int) -> None:
    """Its time ran out: expired (once, whichever relay's timer comes first), the widget
    told to hide it and given the site's auto-reply to keep for when the chat opens."""
    record = await ctx.store.get_invitation(invitation_id)
    if record is None or record.state.status not in OPEN:
        return
    if ctx.clock() < record.state.expires_at:  # a clock stepped back: wait for its time
        ctx.timers.at(record.state.expires_at, "invitation-expiry", partial(expire, ctx, record.id))
        return
    ended = await _move(ctx, record, lifecycle.Expire())
    if ended is None:
        return
    ctx.broker.publish(
        ToVisitor(ended.state.visitor),
        frames.InvitationEnded(id=ended.id, status="expired", auto_reply=ended.state.auto_reply),
    )
    log.info("event=invitation_expired invitation=%d", ended.id)


async def expire_overdue(ctx: RelayContext) -> None:
    """The lead relay's sweep: invitations whose relay stopped before expiring them."""
    if not ctx.leadership.leads:
        return
    for record in await ctx.store.overdue_invitations(ctx.clock()):
        await expire(ctx, record.id)


# ------------------------------------------------------------------ the visitor's answers


async def _own_open(peer: VisitorPeer, invitation_id: int) -> InvitationRecord:
    record = await peer.ctx.store.get_invitation(invitation_id)
    if record is None or record.state.visitor != peer.visitor.id:
        raise ProtocolError(ErrorCode.NOT_FOUND, "no such invitation")
    return record


async def shown(peer: VisitorPeer, frame: frames.InvitationShown) -> None:
    record = await _own_open(peer, frame.id)
    if record.state.status is InvitationStatus.SENT:
        await _move(peer.ctx, record, lifecycle.Show())  # a second tab's report: no news


async def decline(peer: VisitorPeer, frame: frames.InvitationDecline) -> None:
    record = await _own_open(peer, frame.id)
    ended = await _move(peer.ctx, record, lifecycle.Decline())
    if ended is None:  # ended meanwhile, or its time is up: how it ended
        _tell_how_it_ended(peer, await peer.ctx.store.get_invitation(record.id) or record)
        return
    peer.ctx.broker.publish(
        ToVisitor(peer.visitor.id), frames.InvitationEnded(id=ended.id, status="declined")
    )
    log.info("event=invitation_declined invitation=%d", ended.id)


async def accept(peer: VisitorPeer, frame: frames.InvitationAccept) -> None:
    record = await _own_open(peer, frame.id)
    if record.kind == "survey":
        raise ProtocolError(ErrorCode.CONFLICT, "a survey is answered with survey_answer")
    if record.state.status not in OPEN or peer.ctx.clock() >= record.state.expires_at:
        # Too late (it expired while the visitor reached for it): no error to show them;
        # how it ended, and the widget lets them write all the same.
        _tell_how_it_ended(peer, record)
        return
    await accept_open(peer, record)


def _tell_how_it_ended(peer: VisitorPeer, record: InvitationRecord) -> None:
    """The answer to a late answer: the final state (an open one past its time is as good
    as expired), with the auto-reply an expired one leaves."""
    final = record.state.status
    ended_as = InvitationStatus.EXPIRED if final in OPEN else final
    auto_reply = record.state.auto_reply if ended_as is InvitationStatus.EXPIRED else ""
    peer.send(frames.InvitationEnded(id=record.id, status=ended_as.value, auto_reply=auto_reply))


async def before_first_message(peer: VisitorPeer) -> None:
    """The visitor writes with no conversation open. Invited: that accepts the invitation
    (the greeting comes first). Else, after an invitation of this visit expired leaving the
    site's auto-reply, which the widget showed: the chat opens with it, so agents read
    what the visitor saw."""
    ctx = peer.ctx
    record = await ctx.store.open_invitation(peer.visitor.id)
    if record is not None and record.kind == "chat":
        await accept_open(peer, record)
        return
    history = await ctx.store.invitation_history(peer.visitor.id, limit=1)
    newest = history[0] if history else None
    if newest is None or newest.visit_id != peer.visit.id:
        return
    state = newest.state
    if state.status is not InvitationStatus.EXPIRED or not state.auto_reply:
        return
    closed_at = await ctx.store.last_chat_closed_at(peer.visitor.id)
    if closed_at is not None and closed_at >= (state.ended_at or 0):
        return  # told before a chat of this visit already
    conversation = await conversations.open_for(peer)
    new = _by_site(
        peer,
        conversation.id,
        f"invitation-{newest.id}-auto-reply",
        state.auto_reply,
        state.ended_at or ctx.clock(),
    )
    await _post_unless_closed(ctx, new, peer.visitor.id)


async def accept_open(peer: VisitorPeer, record: InvitationRecord) -> None:
    """Accepted: the conversation opens with the greeting as its first message; an agent's
    invitation opens it as that agent's, a rule's is routed like any new chat."""
    ctx = peer.ctx
    agent = None
    if record.agent_id is not None:
        agent = await ctx.agent(record.agent_id)
    by_hand = record.state.sent_by.kind is ActorKind.AGENT
    conversation = await conversations.open_for(peer, owner=agent if by_hand else None)
    ended = await _move(ctx, record, lifecycle.Accept(), conversation_id=conversation.id)
    if ended is None:
        return  # expired or answered in another tab meanwhile: the chat is open anyway
    client_id, at = f"invitation-{ended.id}", ended.state.sent_at
    greeting = _by_site(peer, conversation.id, client_id, ended.text, at)
    if agent is not None:
        greeting = replace(
            greeting,
            author=AuthorKind.AGENT,
            author_id=agent.id,
            author_name=agent.display_name,
        )
    await _post_unless_closed(ctx, greeting, peer.visitor.id)
    ctx.broker.publish(
        ToVisitor(peer.visitor.id), frames.InvitationEnded(id=ended.id, status="accepted")
    )
    log.info("event=invitation_accepted invitation=%d conversation=%d", ended.id, conversation.id)


def _by_site(
    peer: VisitorPeer, conversation_id: int, client_id: str, text: str, at: float
) -> NewMessage:
    """A message the site's team says (a greeting, an auto-reply, a survey's question):
    the site's name, and its id where an author's id goes."""
    return NewMessage(
        conversation_id=conversation_id,
        client_id=client_id,
        author=AuthorKind.SYSTEM,
        author_id=peer.site.id,
        author_name=peer.site.settings.name or peer.site.name,
        text=text,
        created_at=at,
    )


async def _post_unless_closed(ctx: RelayContext, new: NewMessage, visitor_id: int) -> None:
    """Post a message the relay writes into a conversation just opened; an agent may have
    closed it already, and then there is nobody to read it."""
    try:
        await post_for(ctx, new, visitor_id)
    except ConversationIsClosed:
        log.info("event=invitation_message_after_close conversation=%d", new.conversation_id)


async def survey_answer(peer: VisitorPeer, frame: frames.SurveyAnswer) -> None:
    """The exit survey's answer reaches agents as an offline message: the question by the
    site, the answer by the visitor. An answer typed past the invitation's time is kept
    too (it stays expired): what a visitor wrote is never lost."""
    ctx = peer.ctx
    record = await _own_open(peer, frame.id)
    if record.kind != "survey":
        raise ProtocolError(ErrorCode.CONFLICT, "this invitation is no survey")
    if record.conversation_id is not None:
        return  # answered already (a resend, another tab)
    conversation = await conversations.open_for(peer, offline=True)
    ended = await _move(ctx, record, lifecycle.Accept(), conversation_id=conversation.id)
    question = _by_site(
        peer, conversation.id, f"survey-{record.id}", record.text, record.state.sent_at
    )
    shown_info = ctx.presence.visitor_info(peer.visitor.id)
    answer = NewMessage(
        conversation_id=conversation.id,
        client_id=f"survey-{record.id}-answer",
        author=AuthorKind.VISITOR,
        author_id=peer.visitor.id,
        author_name=shown_info.name if shown_info else "",
        text=frame.text,
        created_at=ctx.clock(),
    )
    for new in (question, answer):
        await _post_unless_closed(ctx, new, peer.visitor.id)
    if ended is not None:
        ctx.broker.publish(
            ToVisitor(peer.visitor.id), frames.InvitationEnded(id=ended.id, status="accepted")
        )


async def exit_intent(peer: VisitorPeer, frame: frames.ExitIntent) -> None:
    if peer.exit_seen:
        return  # once a page view
    peer.exit_seen = True
    await consider(peer, trigger="exit")


# ------------------------------------------------------------------ agents inviting


async def invite(peer: AgentPeer, frame: frames.Invite) -> None:
    """Invite these visitors by hand, each with the agent's name and photo."""
    ctx = peer.ctx
    sent: list[frames.InvitationInfo] = []
    refused: list[frames.InviteRefusal] = []
    sites: dict[str, Site | None] = {}
    for visitor_id in dict.fromkeys(frame.visitors):
        info = ctx.presence.any_visitor_info(visitor_id)
        if info is None:
            refused.append(frames.InviteRefusal(visitor=visitor_id, reason="offline"))
            continue
        if info.conversation is not None or ctx.conversations.of_visitor(visitor_id):
            refused.append(frames.InviteRefusal(visitor=visitor_id, reason="chatting"))
            continue
        if info.site not in sites:
            sites[info.site] = await ctx.store.get_site(info.site)
        site = sites[info.site]
        visit = info.visit_id
        if site is None or visit is None:
            refused.append(frames.InviteRefusal(visitor=visitor_id, reason="not_found"))
            continue
        setup = await setup_of(ctx, site)
        record = await send(
            ctx,
            site,
            setup,
            visitor_id=visitor_id,
            visit_id=visit,
            template=frame.text,
            style="card",
            kind="chat",
            rule=None,
            variant=None,
            agent=peer.agent,
            by=Actor.agent(peer.agent.id),
        )
        if record is None:
            refused.append(frames.InviteRefusal(visitor=visitor_id, reason="invited"))
        else:
            sent.append(await info_of(ctx, record))
    peer.send(frames.InviteResult(ref=frame.ref, sent=sent, refused=refused))


async def withdraw(peer: AgentPeer, frame: frames.InvitationWithdraw) -> None:
    ctx = peer.ctx
    record = await ctx.store.get_invitation(frame.id)
    if record is None:
        raise ProtocolError(ErrorCode.NOT_FOUND, "no such invitation")
    if record.agent_id != peer.agent.id and peer.agent.role != "admin":
        raise ProtocolError(ErrorCode.FORBIDDEN, "only its sender or an admin may withdraw it")
    ended = await _move(ctx, record, lifecycle.Withdraw(by=Actor.agent(peer.agent.id)))
    if ended is None:
        now = await ctx.store.get_invitation(frame.id) or record
        raise ProtocolError(ErrorCode.CONFLICT, f"this invitation is {now.state.status.value}")
    ctx.broker.publish(
        ToVisitor(ended.state.visitor), frames.InvitationEnded(id=ended.id, status="withdrawn")
    )

"""The assigner (docs/routing.md): the lead relay plans each department's chats that nobody
holds with relay.core.routing.plan and carries the plan out, one compare-and-set per
conversation, so an agent's accept (on any relay) racing the assigner is judged once.

It runs for a department soon after something there changed on this relay (`kick`: a chat
opened, was taken, declined or closed; an agent came, went or changed status), at the
plan's own next wake (an offer's deadline, the owner's turn ending, the next tier), and
every ROUTING_SWEEP_SECONDS over every department with chats waiting, which is how the
lead hears of changes made through other relays of a cluster. Only the lead plans (one
decision per chat in the cluster); a relay that stops leading simply stops planning.

What it tells: agents get `conversation_updated` for each move (offered, queued, offer
expired), visitors `queue` with their place and estimated wait when either changes, and an
agent who let `away_after_missed` offers expire in a row is set Away.

Before each plan it hands back to routing the chats whose agent has been connected to no
relay for their department's `reclaim_after_seconds` (relay.core.routing.reclaim decides,
relay.features.reclaim carries it out), so that they are planned in the same turn.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from relay.context import RelayContext
from relay.core.routing.model import AgentState, WaitingChat
from relay.core.routing.plan import after_missed_offer, plan
from relay.core.routing.reclaim import HeldChat, reclaims
from relay.core.routing.settings import DepartmentRouting
from relay.core.routing.wait import WaitEstimate
from relay.features import agents as agents_feature
from relay.features import conversations, departments, reclaim
from relay.live.audiences import ToVisitor
from relay.store.records import Conversation, UntakenConversation
from relay.timers import Timer
from shared_protocol import frames
from shared_protocol.frames import AgentStatus
from shared_protocol.lifecycle import IllegalTransition
from shared_protocol.lifecycle import conversation as lifecycle

log = logging.getLogger("parley.routing")

ROUTING_SWEEP_SECONDS = 1.0  # how soon the lead plans after a change made elsewhere
# A waiting visitor's place is told again this often though unchanged: a visitor who
# reloaded the page or opened a tab on another relay of the cluster shows it again.
RETELL_SECONDS = 15.0
KICK_DELAY_SECONDS = 0.05  # kicks within this are planned together


@dataclass(slots=True)
class _Told:
    position: int
    estimate: int | None
    overflow: bool
    at: float = field(default=0.0, compare=False)  # when (the relay's clock)


@dataclass(slots=True)
class _Department:
    """What the assigner remembers of a department between plans (the lead's memory:
    another relay that takes over starts afresh, which costs a round-robin turn and the
    wait estimate's history, nothing else)."""

    cursor: int | None = None
    estimate: WaitEstimate = field(default_factory=WaitEstimate)
    told: dict[int, tuple[int, _Told]] = field(default_factory=dict)  # chat → visitor, told
    first_position: dict[int, int] = field(default_factory=dict)
    since: dict[int, float] = field(default_factory=dict)  # chat → waiting since (estimate)
    wake: Timer | None = None


class Assigner:
    def __init__(self, ctx: RelayContext) -> None:
        self._ctx = ctx
        self._departments: dict[int, _Department] = {}
        self._missed: dict[int, int] = {}  # agent → offers expired in a row
        self._gone: Mapping[int, float] = {}  # holders connected nowhere → since when
        self._reclaim_wake: Timer | None = None
        self._due: set[int] = set()
        self._soon: asyncio.TimerHandle | None = None
        self._lock = asyncio.Lock()  # one plan at a time
        self._stopped = False

    async def stop(self) -> None:
        """The relay is stopping: no plan starts any more, and the one running ends."""
        self._stopped = True
        if self._soon is not None:
            self._soon.cancel()
        for memory in self._departments.values():
            if memory.wake is not None:
                memory.wake.cancel()
        if self._reclaim_wake is not None:
            self._reclaim_wake.cancel()
        async with self._lock:
            pass

    # ------------------------------------------------------------ when to plan

    def kick(self, *department_ids: int | None) -> None:
        """Plan these departments soon (None: no department, nothing to route)."""
        wanted = {d for d in department_ids if d is not None}
        if not wanted or not self._ctx.leadership.leads:
            return
        self._due |= wanted
        if self._soon is None:
            loop = asyncio.get_running_loop()
            self._soon = loop.call_later(KICK_DELAY_SECONDS, self._run_due)

    def _run_due(self) -> None:
        self._soon = None
        due, self._due = self._due, set()
        task = asyncio.ensure_future(self.run(due))
        task.add_done_callback(_log_failure)

    async def sweep(self) -> None:
        """Every department with chats nobody holds (changes made through other relays)."""
        if not self._ctx.leadership.leads or self._stopped:
            return
        every = await self._all_departments()
        if not every:
            return  # a site without departments routes nothing
        waiting = await self._ctx.store.untaken_conversations(every)
        await self.run({chat.department_id for chat in waiting} | set(self._told_anywhere()))

    def _told_anywhere(self) -> list[int]:
        return [d for d, memory in self._departments.items() if memory.told]

    async def _all_departments(self) -> list[int]:
        ctx = self._ctx
        sites = await ctx.store.list_sites()
        return [d.id for site in sites for d, _ in await departments.site_departments(ctx, site.id)]

    # ------------------------------------------------------------ planning

    async def run(self, department_ids: set[int]) -> None:
        if not self._ctx.leadership.leads or self._stopped:
            return
        async with self._lock:
            department_ids = set(department_ids) | await self._reclaim_gone()
            if not department_ids:
                return
            waiting = await self._ctx.store.untaken_conversations(department_ids)
            by_department: dict[int, list[UntakenConversation]] = {d: [] for d in department_ids}
            for chat in waiting:
                by_department.setdefault(chat.department_id, []).append(chat)
            load = self._ctx.conversations.chats_per_agent()  # once for every department
            for department_id, chats in by_department.items():
                await self._plan_department(department_id, chats, load)

    async def _plan_department(
        self, department_id: int, chats: list[UntakenConversation], load: Mapping[int, int]
    ) -> None:
        ctx, now = self._ctx, self._ctx.clock()
        routing = await self.routing_of(department_id)
        if routing is None:
            return
        memory = self._departments.setdefault(department_id, _Department())
        await self._note_taken(memory, {chat.id for chat in chats}, now)
        if not chats:
            return
        agents = await self._agents(department_id, load)
        the_plan = plan(
            routing, agents, [_waiting(chat) for chat in chats], now, cursor=memory.cursor
        )
        memory.cursor = the_plan.cursor
        states = {chat.id: chat.state() for chat in chats}
        for conversation_id in the_plan.expired:
            offered_to = states[conversation_id].offered_to
            if await self._move(conversation_id, states, lifecycle.OfferExpired()):
                await self._missed_offer(offered_to, routing)
        queued = set(the_plan.queued)
        for conversation_id in queued:
            if states[conversation_id].status is lifecycle.ConversationStatus.WAITING:
                await self._move(conversation_id, states, lifecycle.Queue())
        for offer in the_plan.offers:
            if ctx.presence.status_of(offer.agent) is not AgentStatus.ONLINE:
                continue  # set Away by a miss a moment ago: their status changed, a kick follows
            move = lifecycle.Offer(agent=offer.agent, deadline=offer.deadline)
            await self._move(offer.conversation, states, move)
        # Outside its hours nobody may come soon: the visitor is offered the offline form.
        overflow = set(the_plan.overflow) if routing.open_at(now) else {c.id for c in chats}
        self._tell_visitors(memory, chats, the_plan.positions, overflow)
        self._wake_at(department_id, memory, the_plan.next_wake)

    async def _reclaim_gone(self) -> set[int]:
        """Hand back the chats whose holder has been connected to no relay of the cluster
        for their department's grace; their departments, to plan now."""
        ctx = self._ctx
        held: list[HeldChat] = []
        chats = {c.id: c for c in reclaim.held_chats(ctx)}
        for conversation in chats.values():
            assert conversation.agent_id is not None and conversation.department_id is not None
            routing = await self.routing_of(conversation.department_id)
            grace = 0 if routing is None else routing.settings.reclaim_after_seconds
            held.append(HeldChat(conversation.id, conversation.agent_id, grace))
        present = {info.agent for info in ctx.presence.agent_presences()}
        decided = reclaims(held, present, self._gone, ctx.clock())
        self._gone = decided.gone_since
        back: set[int] = set()
        for conversation_id in decided.due:
            conversation = chats[conversation_id]
            if await reclaim.hand_back(ctx, conversation, reclaim.DISCONNECTED):
                assert conversation.department_id is not None
                back.add(conversation.department_id)
        if self._reclaim_wake is not None:
            self._reclaim_wake.cancel()
            self._reclaim_wake = None
        if decided.next_wake is not None:

            async def wake() -> None:
                await self.run(set())

            self._reclaim_wake = ctx.timers.at(decided.next_wake, "routing-reclaim", wake)
        return back

    async def _move(
        self,
        conversation_id: int,
        states: dict[int, lifecycle.ConversationState],
        move: lifecycle.ConversationInput,
    ) -> bool:
        """One lifecycle move by compare-and-set; False when someone else changed the chat
        first (an accept through another relay): the next plan sees what they did."""
        ctx, state = self._ctx, states[conversation_id]
        try:
            new, events = lifecycle.apply(state, move, ctx.clock())
        except IllegalTransition:
            return False
        if not await ctx.store.transition_conversation(conversation_id, state, new, events):
            return False
        states[conversation_id] = new
        fresh = await ctx.store.get_conversation(conversation_id)
        if fresh is not None:
            conversations.updated(ctx, fresh)
        return True

    async def _missed_offer(self, agent_id: int | None, routing: DepartmentRouting) -> None:
        if agent_id is None:
            return
        missed, away = after_missed_offer(
            self._missed.get(agent_id, 0), routing.settings.away_after_missed
        )
        self._missed[agent_id] = missed
        if away and self._ctx.presence.status_of(agent_id) is AgentStatus.ONLINE:
            log.info("event=agent_set_away agent=%d why=missed_offers", agent_id)
            agents_feature.set_status_of(self._ctx, agent_id, AgentStatus.AWAY)

    def visitor_back(self, conversation_id: int, department_id: int) -> None:
        """A waiting visitor connected again (a reload, a new tab): tell them their place
        at the next plan, soon (on a relay that does not lead, the retelling does)."""
        memory = self._departments.get(department_id)
        if memory is not None:
            memory.told.pop(conversation_id, None)
        self.kick(department_id)

    def accepted(self, agent_id: int) -> None:
        """The agent took a chat: their misses in a row start again."""
        self._missed.pop(agent_id, None)

    async def _note_taken(self, memory: _Department, waiting: set[int], now: float) -> None:
        """Chats told their place that nobody waits for any more: taken (their wait feeds
        the estimate) or closed; their visitors hear they are no longer in line."""
        for conversation_id in [c for c in memory.told if c not in waiting]:
            visitor_id, _ = memory.told.pop(conversation_id)
            position = memory.first_position.pop(conversation_id, 1)
            since = memory.since.pop(conversation_id, None)
            taken = await self._ctx.store.get_conversation(conversation_id)
            if taken is not None and taken.agent_id is not None:
                waited = _waited(taken, now) if since is None else max(0.0, now - since)
                memory.estimate = memory.estimate.taken(waited, position)
            place = frames.QueuePlace(conversation=conversation_id, position=0)
            self._ctx.broker.publish(ToVisitor(visitor_id), place)

    def _tell_visitors(
        self,
        memory: _Department,
        chats: list[UntakenConversation],
        positions: Mapping[int, int],
        overflow: set[int],
    ) -> None:
        now = self._ctx.clock()
        for chat in chats:
            position = positions.get(chat.id)
            if position is None:
                continue
            memory.first_position.setdefault(chat.id, position)
            memory.since[chat.id] = _waiting(chat).waiting_since
            now_told = _Told(position, memory.estimate.estimate(position), chat.id in overflow, now)
            before = memory.told.get(chat.id)
            if before is not None and before[1] == now_told and now - before[1].at < RETELL_SECONDS:
                continue
            memory.told[chat.id] = (chat.visitor_id, now_told)
            place = frames.QueuePlace(
                conversation=chat.id,
                position=now_told.position,
                estimated_wait=now_told.estimate,
                overflow=now_told.overflow,
            )
            self._ctx.broker.publish(ToVisitor(chat.visitor_id), place)

    def _wake_at(self, department_id: int, memory: _Department, when: float | None) -> None:
        if memory.wake is not None:
            memory.wake.cancel()
            memory.wake = None
        if when is not None:

            async def wake() -> None:
                await self.run({department_id})

            memory.wake = self._ctx.timers.at(when, f"routing-{department_id}", wake)

    # ------------------------------------------------------------ inputs

    async def routing_of(self, department_id: int) -> DepartmentRouting | None:
        try:
            return await departments.department_routing(self._ctx, department_id)
        except KeyError:
            return None  # removed meanwhile

    async def _agents(self, department_id: int, load: Mapping[int, int]) -> list[AgentState]:
        ctx = self._ctx
        members = await ctx.store.department_members(department_id)
        last = await ctx.store.last_accepts(members)
        states: list[AgentState] = []
        for agent_id in members:
            agent = await ctx.agent(agent_id)
            if agent is None or agent.disabled:
                continue
            states.append(
                AgentState(
                    id=agent_id,
                    available=ctx.presence.status_of(agent_id) is AgentStatus.ONLINE,
                    level=agent.level,
                    skills=frozenset(agent.skills),
                    max_chats=agent.max_chats,
                    chats=load.get(agent_id, 0),
                    last_accept_at=last.get(agent_id, 0.0),
                )
            )
        return states


def _waiting(chat: UntakenConversation) -> WaitingChat:
    return WaitingChat(
        conversation=chat.id,
        entered_at=chat.entered_department_at,
        offered_to=chat.offered_to,
        offer_deadline=chat.offer_deadline,
        declined_by=frozenset(chat.declined_by),
        owner=chat.owner_agent_id,
        min_level=chat.min_level,
        returned_at=chat.returned_at,
    )


def _waited(conversation: Conversation, now: float) -> float:
    entered = conversation.entered_department_at or conversation.created_at
    return max(0.0, now - entered)


def _log_failure(task: asyncio.Future[None]) -> None:
    if not task.cancelled() and (error := task.exception()) is not None:
        log.error("event=routing_failed error=%r", error, exc_info=error)

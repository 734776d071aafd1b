"""Canned phrases as the relay keeps them: who may change which, and who hears of it.
Shared phrases are every agent's and admins' to change; an agent's own are theirs alone."""

from __future__ import annotations

from relay.attachments import sendable_file
from relay.context import RelayContext
from relay.features.peers import AgentPeer
from relay.live.audiences import ToAgent, ToAgents
from relay.store.errors import ShortcutTaken
from relay.store.records import Agent
from relay.wire import phrase, phrase_draft_record
from shared_protocol import frames
from shared_protocol.errors import ErrorCode, ProtocolError
from shared_protocol.frames import AuthorKind
from shared_protocol.phrases import phrase_problem


async def save(peer: AgentPeer, frame: frames.PhraseSave) -> None:
    await PhraseBook(peer.ctx, peer.agent).save(frame.id, frame.phrase)


async def delete(peer: AgentPeer, frame: frames.PhraseDelete) -> None:
    await PhraseBook(peer.ctx, peer.agent).delete(frame.id)


class PhraseBook:
    """One agent's view: what they may save and delete, and the fan-out of changes."""

    def __init__(self, ctx: RelayContext, agent: Agent) -> None:
        self.ctx, self.agent = ctx, agent

    @property
    def admin(self) -> bool:
        return self.agent.role == "admin"

    async def save(self, phrase_id: int | None, draft: frames.PhraseDraft) -> None:
        if problem := phrase_problem(draft):
            raise ProtocolError(ErrorCode.BAD_FRAME, problem)
        if phrase_id is not None:
            was_shared = await self._in_reach(phrase_id, sharing=draft.shared)
        elif draft.shared and not self.admin:
            raise ProtocolError(ErrorCode.FORBIDDEN, "only admins add shared phrases")
        else:
            was_shared = False
        await sendable_file(self.ctx.store, draft.file, AuthorKind.AGENT, None)
        owner = None if draft.shared else self.agent.id
        try:
            saved = await self.ctx.store.save_phrase(
                phrase_id, phrase_draft_record(draft), owner, self.ctx.clock()
            )
        except ShortcutTaken:
            raise ProtocolError(
                ErrorCode.CONFLICT, f"the shortcut /{draft.shortcut} is taken"
            ) from None
        if was_shared and not saved.shared:  # no longer the others' to see
            self.ctx.broker.publish(ToAgents(), frames.PhrasesChanged(deleted=[saved.id]))
        self._tell(frames.PhrasesChanged(updated=[phrase(saved)]), shared=saved.shared)

    async def delete(self, phrase_id: int) -> None:
        was_shared = await self._in_reach(phrase_id, sharing=False)
        await self.ctx.store.delete_phrase(phrase_id)
        self._tell(frames.PhrasesChanged(deleted=[phrase_id]), shared=was_shared)

    async def _in_reach(self, phrase_id: int, *, sharing: bool) -> bool:
        """Whether the phrase is shared; raises unless this agent may change it (and, with
        `sharing`, make it shared)."""
        found = await self.ctx.store.phrase_owner(phrase_id)
        if found is None or found[0] not in (None, self.agent.id):
            raise ProtocolError(ErrorCode.NOT_FOUND, "no such phrase")
        shared = found[0] is None
        if (shared or sharing) and not self.admin:
            raise ProtocolError(ErrorCode.FORBIDDEN, "only admins change shared phrases")
        return shared

    def _tell(self, changed: frames.PhrasesChanged, *, shared: bool) -> None:
        if shared:
            self.ctx.broker.publish(ToAgents(), changed)
        else:
            self.ctx.broker.publish(ToAgent(self.agent.id), changed)

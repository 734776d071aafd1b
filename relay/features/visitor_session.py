"""/ws/visitor: a widget proves its site, page origin and visitor token in its hello;
its later frames go to the chat, visitor and conversation features."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from relay.core import credentials
from relay.core.origins import origin_allowed
from relay.core.ratelimit import Allowance
from relay.features import chat, conversations, invitations, visitors
from relay.features.peers import VisitorPeer
from relay.features.sessions import Handler, Session
from shared_protocol import codec, frames, limits
from shared_protocol.errors import ErrorCode, ProtocolError


class VisitorSession(Session[VisitorPeer]):
    codec = codec.visitor_relay_side
    first_frame_type = frames.Hello
    first_frame_name = "hello"
    handlers: ClassVar[Mapping[type, Handler[Any]]] = {
        frames.VisitorSend: chat.visitor_message,
        frames.VisitorTyping: chat.visitor_typing,
        frames.VisitorRead: chat.visitor_read,
        frames.Resume: chat.visitor_resume,
        frames.PageView: visitors.page_view,
        frames.PageLeave: visitors.page_leave,
        frames.Profile: visitors.profile,
        frames.Close: conversations.visitor_close,
        frames.InvitationShown: invitations.shown,
        frames.InvitationAccept: invitations.accept,
        frames.InvitationDecline: invitations.decline,
        frames.SurveyAnswer: invitations.survey_answer,
        frames.ExitIntent: invitations.exit_intent,
    }

    def allowances(self, peer: VisitorPeer, now: float) -> list[Allowance]:
        guards = self.ctx.guards
        return [guards.visitors.of(peer.visitor.id, now), guards.addresses.of(self.address, now)]

    def senders(self, peer: VisitorPeer) -> list[str]:
        return [f"visitor:{peer.visitor.id}", f"address:{self.address}"]

    async def begin(self, frame: object) -> VisitorPeer:
        if not isinstance(frame, frames.Hello):
            raise ProtocolError(ErrorCode.NOT_AUTHENTICATED, "send hello first")
        ctx, store, now = self.ctx, self.ctx.store, self.ctx.clock()
        # A hello is a frame: it counts against the address before anything is looked up
        # (reconnecting in a loop is no way around the rate), and against the visitor
        # once known, before anything is written.
        await self.admit_first(
            [ctx.guards.addresses.of(self.address, now)], [f"address:{self.address}"]
        )
        if frame.v not in limits.SUPPORTED_VERSIONS:
            raise ProtocolError(
                ErrorCode.VERSION_UNSUPPORTED, f"this relay speaks v{limits.PROTOCOL_VERSION}"
            )
        site = await store.get_site(frame.site)
        if site is None:
            raise ProtocolError(ErrorCode.UNKNOWN_SITE, "no site with this key")
        if not origin_allowed(self.connection.headers.get("Origin"), site.origins):
            raise ProtocolError(ErrorCode.ORIGIN_NOT_ALLOWED, "this page may not use this site")
        token = frame.token
        visitor = None
        if token is not None:
            visitor = await store.visitor_by_token(site.id, credentials.hash_token(token))
        if visitor is None or token is None:
            token = credentials.mint_token()
            visitor = await store.create_visitor(site.id, credentials.hash_token(token), now)
        await self.admit_first([ctx.guards.visitors.of(visitor.id, now)], [f"visitor:{visitor.id}"])
        peer = await visitors.arrive(ctx, self.connection, self.address, site, visitor, frame)
        self.peer = peer  # online from here: leave() must run whatever happens next
        await visitors.welcome(peer, frame, token)
        await invitations.show_open(peer)
        await invitations.consider(peer)
        return peer

    async def leave(self, peer: VisitorPeer) -> None:
        await visitors.leave(peer)

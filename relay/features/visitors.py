"""Visitors on the site: arriving, the pages they walk through, their contact details,
leaving; and the history agents ask for (path, visits, earlier conversations)."""

from __future__ import annotations

import logging

import msgspec

from relay.context import RelayContext
from relay.core.contact import check_email, check_phone
from relay.core.device import describe_device
from relay.core.referrer import Arrival, Source, classify
from relay.core.visits import continued_view
from relay.features import availability, chat, conversations, invitations, placement, team_view
from relay.features.departments import site_departments
from relay.features.peers import AgentPeer, VisitorPeer
from relay.live.connections import Connection
from relay.live.presence import VisitorLink
from relay.store import StoreError
from relay.store.epoch import resume_after
from relay.store.records import Site, Visit, Visitor
from relay.wire import (
    agent_card,
    chat_message,
    page_info,
    page_record,
    page_visit,
    site_settings,
    visit_summary,
    visitor_contact,
)
from shared_protocol import frames, limits
from shared_protocol.errors import ErrorCode, ProtocolError
from shared_protocol.frames import ConversationStatus

log = logging.getLogger("parley.endpoints")

# Reads of a visit's newest page view when it keeps changing under a hello (other tabs
# navigating or closing); after that the hello simply records a new view.
REOPEN_ATTEMPTS = 3
USER_AGENT_CHARS = 500


async def arrive(
    ctx: RelayContext,
    connection: Connection,
    address: str,
    site: Site,
    visitor: Visitor,
    hello: frames.Hello,
) -> VisitorPeer:
    """Record the visit and page of a visitor who said hello, and make them known to
    agents. The visitor is online from here (the session's end must call `leave`)."""
    store, now = ctx.store, ctx.clock()
    user_agent = str(connection.headers.get("User-Agent", ""))[:USER_AGENT_CHARS]
    page = hello.page
    arrival = classify(page.referrer, page.url) if page else Arrival(Source.DIRECT)
    visit = await store.begin_visit(
        visitor.id,
        now,
        ctx.config.visit_gap_minutes * 60,
        address,
        user_agent,
        landing=None if page is None else page_record(page),
        source=arrival,
    )
    view_id = None if page is None else await _enter_page(ctx, visit, page, now)
    renamed = bool(hello.name) and hello.name != visitor.name
    if renamed:
        await store.set_visitor_profile(visitor.id, hello.name, "", "")
    link = VisitorLink(connection, visitor.id, visit.id, view_id)
    peer = VisitorPeer(
        ctx,
        connection,
        address,
        site=site,
        visitor=visitor,
        visit=visit,
        link=link,
        page_opened_at=now,
    )
    if renamed:
        await _tell_contact(peer)
    conversation = ctx.conversations.of_visitor(visitor.id)
    department = await placement.department_of(
        ctx, site.id, visitor.id, visit.id, page.url if page else None, conversation
    )
    shown_before = ctx.presence.visitor_info(visitor.id)  # in another tab
    place = ctx.locator.locate(address)
    info = frames.VisitorInfo(
        id=visitor.id,
        site=site.key,
        first_seen=visitor.first_seen,
        last_seen=now,
        name=hello.name or visitor.name,
        page=page,
        visits=visit.number,
        conversation=conversation.id if conversation else None,
        email=visitor.email,
        phone=visitor.phone,
        ip=address,
        location=place.label(),
        country=place.country,
        region=place.region,
        city=place.city,
        device=describe_device(user_agent).label(),
        source=visit.source,
        source_name=visit.source_name,
        keyword=visit.keyword,
        landing=None if visit.landing is None else page_info(visit.landing),
        chats=visitor.conversations - (1 if conversation else 0),
        visit_id=visit.id,
        department=department,
        owner=visitor.owner_agent_id,
    )
    ctx.presence.add_visitor(link, info)
    if shown_before is not None and shown_before.department != department:
        placement.tell_moved(ctx, shown_before.department, info)
    else:
        ctx.visitor_changes.changed(info)
    return peer


async def _site_for_visitor(peer: VisitorPeer) -> frames.SiteSettings:
    """The site's settings; with the departments to pick from, and whether each is open
    now by its hours, when the pre-chat form asks for one."""
    settings = site_settings(peer.site.settings)
    if not any(field.field == "department" for field in settings.prechat):
        return settings
    now = peer.ctx.clock()
    choices = [
        frames.DepartmentChoice(id=d.id, name=d.name, open_now=routing.open_at(now))
        for d, routing in await site_departments(peer.ctx, peer.site.id)
    ]
    return msgspec.structs.replace(settings, departments=choices)


async def welcome(peer: VisitorPeer, hello: frames.Hello, token: str) -> None:
    """The visitor's welcome, then what they missed in the conversations they resume."""
    ctx, visitor = peer.ctx, peer.visitor
    conversation = ctx.conversations.of_visitor(visitor.id)
    answering = None
    if conversation is not None and conversation.agent_id is not None:
        answering = await ctx.agent(conversation.agent_id)
    info = ctx.presence.visitor_info(visitor.id)
    peer.send(
        frames.Welcome(
            v=limits.PROTOCOL_VERSION,
            visitor=visitor.id,
            token=token,
            agents_online=await availability.can_chat(ctx, info.department if info else None),
            server_time=ctx.clock(),
            conversation=(
                ctx.conversations.info(conversation, for_visitor=True) if conversation else None
            ),
            site=await _site_for_visitor(peer),
            name=info.name if info else visitor.name,
            email=visitor.email,
            phone=visitor.phone,
            agent=agent_card(answering) if answering else None,
            files_url=ctx.files_url(peer.connection),
            max_file_bytes=ctx.config.max_file_bytes,
            epoch=ctx.store.epoch,
        )
    )
    log.info(
        "event=visitor_hello visitor=%d site=%s visit=%d",
        visitor.id,
        peer.site.key,
        peer.visit.number,
    )
    for point in hello.resume:
        if await conversations.owned(peer, point.conversation):
            after = resume_after(point.after_seq, hello.epoch, ctx.store.epoch)
            await chat.send_history(peer, point.conversation, after)
    if (
        conversation is not None
        and conversation.agent_id is None
        and conversation.department_id is not None
        and not conversation.offline
        and ctx.routing is not None
    ):  # waiting in line: the place shows again (after a reload, in a new tab)
        ctx.routing.visitor_back(conversation.id, conversation.department_id)


async def _enter_page(ctx: RelayContext, visit: Visit, page: frames.PageInfo, now: float) -> int:
    """The page view a hello puts this connection on: the one the visitor is still on
    or has just left when this is a reconnect (relay restarted, connection dropped),
    else a new one. Returns its id."""
    store = ctx.store
    for _ in range(REOPEN_ATTEMPTS):
        newest = await store.newest_page_view(visit.id)
        view = continued_view(newest, page.url, now)
        if view is None:
            break
        if await store.reopen_page_view(visit.id, view, now):
            return view.id
    return await store.record_page_view(visit.id, page_record(page), now)


async def leave(peer: VisitorPeer) -> None:
    """The connection closed: its page view ends, and agents hear when it was the
    visitor's last one."""
    invitations.forget(peer)
    last = peer.ctx.presence.remove_visitor(peer.link)
    try:
        await _leave_page(peer)
    except StoreError:  # logged by the store when it is a bug; the visitor has gone
        log.warning("event=page_leave_not_stored visitor=%d", peer.visitor.id)
    if last:
        peer.ctx.visitor_changes.gone(peer.visitor.id)


async def _leave_page(peer: VisitorPeer) -> None:
    """This connection is no longer on its page view. The view ends only when no other
    connection of the visitor is on it: the late close of a dropped connection must not
    end the view its reconnect continued."""
    view_id, peer.link.view_id = peer.link.view_id, None
    if view_id is not None and peer.ctx.presence.shows_view(peer.visitor.id, view_id):
        view_id = None
    await peer.ctx.store.end_page_view(peer.visit.id, view_id, peer.ctx.clock())


# ------------------------------------------------------------------ handlers


async def page_view(peer: VisitorPeer, frame: frames.PageView) -> None:
    ctx = peer.ctx
    page = page_record(frame.page)
    peer.link.view_id = await ctx.store.record_page_view(peer.visit.id, page, ctx.clock())
    ctx.visitor_changes.update(peer.visitor.id, page=frame.page)
    department = await placement.department_of(
        ctx,
        peer.site.id,
        peer.visitor.id,
        peer.visit.id,
        frame.page.url,
        ctx.conversations.of_visitor(peer.visitor.id),
    )
    await placement.move(ctx, peer.visitor.id, department)
    peer.page_opened_at, peer.exit_seen = ctx.clock(), False
    await invitations.consider(peer)


async def page_leave(peer: VisitorPeer, frame: frames.PageLeave) -> None:
    await _leave_page(peer)


async def profile(peer: VisitorPeer, frame: frames.Profile) -> None:
    # Both are checked before anything is stored: a refused frame changes nothing.
    check_email(frame.email)
    phone = check_phone(frame.phone)  # stored as checked: full-width digits made ASCII
    department = await _chosen_department(peer, frame.department)
    await peer.ctx.store.set_visitor_profile(peer.visitor.id, frame.name, frame.email, phone)
    changes: dict[str, object] = {"name": frame.name, "email": frame.email, "phone": phone}
    given = {key: value for key, value in changes.items() if value}
    peer.ctx.visitor_changes.update(peer.visitor.id, **given)
    if department is not None:
        placement.remember_pick(peer.ctx, peer.visitor.id, peer.visit.id, department)
        await placement.move(peer.ctx, peer.visitor.id, department)
    await _tell_contact(peer)


async def _chosen_department(peer: VisitorPeer, chosen: int | None) -> int | None:
    """The department picked in the pre-chat form, when it is one of the site's (else
    bad_frame: nothing of the profile is stored). It places the visitor there for routing
    and for which agents see them, for the rest of the visit (relay.features.placement);
    an open conversation stays where it is."""
    if chosen is None:
        return None
    if chosen not in {d.id for d in await peer.ctx.store.departments(peer.site.id)}:
        raise ProtocolError(ErrorCode.BAD_FRAME, "department: not a department of this site")
    return chosen


async def details(peer: AgentPeer, frame: frames.DetailsRequest) -> None:
    """A visitor's history for the details pane: path, visits, earlier conversations."""
    ctx = peer.ctx
    path, visits, every = await ctx.store.visitor_history(frame.visitor)
    # Their chats with other departments stay theirs (the visitor may have moved since).
    conversations = [c for c in every if team_view.may_touch(peer.agent, c)]
    # Closed conversations are not kept live: their newest messages come from the store
    # (the record, never older than the live copy), in one query.
    newest = await ctx.store.last_messages([c.id for c in conversations], include_internal=True)
    contact = await ctx.store.visitor_contact(frame.visitor)
    peer.send(
        frames.VisitorDetails(
            visitor=frame.visitor,
            path=[page_visit(p) for p in path],
            visits=[visit_summary(v) for v in visits],
            conversations=[
                msgspec.structs.replace(
                    ctx.conversations.info(c),
                    last_message=chat_message(m) if (m := newest.get(c.id)) else None,
                )
                for c in conversations
            ],
            contact=None if contact is None else visitor_contact(contact),
        )
    )


async def _tell_contact(peer: VisitorPeer) -> None:
    """After the visitor's contact changed: agents get the open conversation with it, and
    the live copy (which later login snapshots are made of) holds it too."""
    ctx = peer.ctx
    before = ctx.conversations.of_visitor(peer.visitor.id)
    if before is None:
        return  # the next conversation is read with the contact when it opens
    fresh = await ctx.store.get_conversation(before.id)
    if fresh is None or fresh.status is ConversationStatus.CLOSED:
        return  # closed meanwhile: whoever closed it has told everyone
    if fresh.contact != before.contact:
        conversations.updated(ctx, fresh)

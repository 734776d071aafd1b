"""A site's invitation setup on the relay: the copy each relay keeps of it (re-read after
SETUP_TTL_SECONDS, since another relay or the CLI may save it), and the admins' frames
that read and change it, each save checked whole and stored by compare-and-set."""

from __future__ import annotations

import logging
from collections.abc import Callable

import msgspec

from relay.context import RelayContext
from relay.core.invitations.rules import RuleChanged, placed, removed
from relay.core.invitations.setup import (
    LoadedSetup,
    SetupDocument,
    SetupError,
    compile_setup,
    read_document,
    write_document,
)
from relay.features.invitation_reports import rule_stats
from relay.features.peers import AgentPeer
from relay.store import Store
from relay.store.records import Site
from shared_protocol import frames
from shared_protocol.errors import ErrorCode, ProtocolError

log = logging.getLogger("parley.invitations")

# How long a relay trusts its copy of a site's setup: another relay may have saved it.
SETUP_TTL_SECONDS = 5.0


async def setup_of(ctx: RelayContext, site: Site) -> LoadedSetup:
    """The site's setup, read again when the copy here is older than SETUP_TTL_SECONDS."""
    now = ctx.clock()
    kept = ctx.invitation_setups.get(site.id)
    if kept is not None and now - kept.loaded_at < SETUP_TTL_SECONDS:
        return kept
    stored = await ctx.store.invitation_setup(site.id)
    if kept is not None and kept.version == stored.version:
        fresh = LoadedSetup(kept.document, kept.compiled, kept.version, now)
    else:
        document = read_document(stored.document)
        try:
            compiled = compile_setup(document.settings, document.rules)
        except SetupError as error:  # checked when saved: only a hand-edited database
            log.warning("event=invitation_setup_unusable site=%s why=%s", site.key, error)
            compiled = compile_setup(document.settings, [])
        fresh = LoadedSetup(document, compiled, stored.version, now)
    ctx.invitation_setups[site.id] = fresh
    ctx.site_keys[site.id] = site.key
    return fresh


# ------------------------------------------------------------------ the admins' setup


async def _admin_site(peer: AgentPeer, key: str) -> Site:
    if peer.agent.role != "admin":
        raise ProtocolError(ErrorCode.FORBIDDEN, "only admins manage invitations")
    site = await peer.ctx.store.get_site(key)
    if site is None:
        raise ProtocolError(ErrorCode.NOT_FOUND, f"no site {key!r}")
    return site


async def setup_request(peer: AgentPeer, frame: frames.InvitationSetupRequest) -> None:
    site = await _admin_site(peer, frame.site)
    await _send_setup(peer, site)


async def _send_setup(peer: AgentPeer, site: Site) -> None:
    ctx = peer.ctx
    ctx.invitation_setups.pop(site.id, None)
    setup = await setup_of(ctx, site)
    document = setup.document
    now = ctx.clock()
    stats = [await rule_stats(ctx.store, site, rule, now) for rule in document.rules]
    peer.send(
        frames.InvitationSetup(
            site=site.key, settings=document.settings, rules=document.rules, stats=stats
        )
    )


Edit = Callable[[SetupDocument], SetupDocument]


async def check_setup(store: Store, document: SetupDocument) -> None:
    """SetupError unless the document compiles and every agent it names exists."""
    compile_setup(document.settings, document.rules)
    for rule in document.rules:
        if rule.from_agent and await store.get_agent(rule.from_agent) is None:
            raise SetupError(f"rule {rule.name!r}: from_agent: no agent named {rule.from_agent!r}")


async def save_document(
    ctx: RelayContext, site: Site, edit: Edit, *, attempts: int = 3
) -> SetupDocument:
    """Apply `edit` to the stored document and store the result if it compiles; by
    compare-and-set, again when another save came first. SetupError for a document that
    does not compile."""
    for _ in range(attempts):
        stored = await ctx.store.invitation_setup(site.id)
        document = edit(read_document(stored.document))
        await check_setup(ctx.store, document)
        if await ctx.store.save_invitation_setup(site.id, write_document(document), stored.version):
            ctx.invitation_setups.pop(site.id, None)
            return document
    raise ProtocolError(ErrorCode.CONFLICT, "the setup kept changing; try again")


async def _save(peer: AgentPeer, key: str, edit: Edit) -> None:
    site = await _admin_site(peer, key)
    try:
        await save_document(peer.ctx, site, edit)
    except SetupError as error:
        raise ProtocolError(ErrorCode.BAD_FRAME, str(error)) from None
    log.info("event=invitation_setup_saved site=%s by=%s", site.key, peer.agent.name)
    await _send_setup(peer, site)


async def settings_save(peer: AgentPeer, frame: frames.InvitationSettingsSave) -> None:
    await _save(peer, frame.site, lambda d: msgspec.structs.replace(d, settings=frame.settings))


async def rule_save(peer: AgentPeer, frame: frames.InvitationRuleSave) -> None:
    now = peer.ctx.clock()

    def saved(document: SetupDocument) -> SetupDocument:
        try:
            return placed(document, frame.rule, frame.position, now)
        except RuleChanged:
            raise ProtocolError(
                ErrorCode.CONFLICT,
                f"rule {frame.rule.name!r} was changed since you opened it "
                "(by another admin or an import): open it again",
            ) from None

    await _save(peer, frame.site, saved)


async def rule_delete(peer: AgentPeer, frame: frames.InvitationRuleDelete) -> None:
    def without(document: SetupDocument) -> SetupDocument:
        try:
            return removed(document, frame.rule)
        except KeyError:
            raise ProtocolError(ErrorCode.NOT_FOUND, f"no rule {frame.rule!r}") from None

    await _save(peer, frame.site, without)

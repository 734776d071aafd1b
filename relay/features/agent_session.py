"""/ws/agent: an agent app proves who it is with a password or a session token in its
login (throttled per account and address; passwords checked off the event loop); its
later frames go to the chat, conversation, visitor, phrase and withdrawal features."""

from __future__ import annotations

import contextlib
import json
import logging
import math
from collections.abc import Mapping
from typing import Any, ClassVar

from relay import failures as failure_logs
from relay.core import credentials
from relay.core.logins import Throttled
from relay.core.ratelimit import Allowance
from relay.features import (
    agents,
    chat,
    conversations,
    invitation_setup,
    invitations,
    join_asks,
    owners,
    phrases,
    team_admin,
    team_view,
    transfers,
    visitors,
    withdrawals,
)
from relay.features.peers import AgentPeer
from relay.features.sessions import Handler, Session
from relay.passwords import PasswordChecksBusy
from relay.store.records import Agent
from shared_protocol import codec, frames, limits
from shared_protocol.errors import ErrorCode, ProtocolError

log = logging.getLogger("parley.endpoints")

# When the relay cannot check passwords now (its threads are busy), try again after this.
PASSWORDS_BUSY_RETRY_SECONDS = 1.0


def log_throttled_logins(now: float) -> None:
    """Count the refused logins of each account and address not logged yet, once their
    minute is over, so that a guesser who stops is still counted (a timer calls this)."""
    for (by, key), times in failure_logs.throttled_logins.flush(now):
        log.info(
            "event=login_throttled_again %s=%s times=%d within_seconds=%d",
            "user" if by == "account" else "address",
            json.dumps(key, ensure_ascii=True) if by == "account" else key,
            times,
            failure_logs.throttled_logins.window,
        )


class AgentSession(Session[AgentPeer]):
    codec = codec.agent_relay_side
    first_frame_type = frames.Login
    first_frame_name = "login"

    async def dispatch(self, peer: AgentPeer, frame: object) -> None:
        await team_view.check_frame(peer, frame)  # departments first, for every handler
        await super().dispatch(peer, frame)

    handlers: ClassVar[Mapping[type, Handler[Any]]] = {
        frames.AgentSend: chat.agent_message,
        frames.Note: chat.agent_note,
        frames.Join: join_asks.join,  # conversations.join, and an ask to join answered
        frames.Leave: conversations.leave,
        frames.AgentTypingSet: chat.agent_typing,
        frames.AgentRead: chat.agent_read,
        frames.Resume: chat.agent_resume,
        frames.Accept: conversations.accept,
        frames.Close: conversations.agent_close,
        frames.Withdraw: withdrawals.withdraw,
        frames.WithdrawalsRequest: withdrawals.audit,
        frames.DetailsRequest: visitors.details,
        frames.PhraseSave: phrases.save,
        frames.PhraseDelete: phrases.delete,
        frames.SetStatus: agents.set_status,
        frames.Logout: agents.log_out,
        frames.Invite: invitations.invite,
        frames.InvitationWithdraw: invitations.withdraw,
        frames.InvitationSetupRequest: invitation_setup.setup_request,
        frames.InvitationSettingsSave: invitation_setup.settings_save,
        frames.InvitationRuleSave: invitation_setup.rule_save,
        frames.InvitationRuleDelete: invitation_setup.rule_delete,
        frames.SetOwner: owners.set_owner,
        frames.TeamRequest: team_admin.team_request,
        frames.DepartmentSave: team_admin.department_save,
        frames.AgentRoutingSave: team_admin.agent_routing_save,
        frames.Decline: transfers.decline,
        frames.TransferRequest: transfers.transfer,
        frames.Escalate: transfers.escalate,
        frames.Barge: transfers.barge,
        frames.JoinAsk: join_asks.ask,
        frames.JoinAskDecline: join_asks.decline,
    }

    def allowances(self, peer: AgentPeer, now: float) -> list[Allowance]:
        return [self.ctx.guards.agents.of(peer.agent.id, now)]

    def senders(self, peer: AgentPeer) -> list[str]:
        return [f"agent:{peer.agent.name}"]

    async def begin(self, frame: object) -> AgentPeer:
        if not isinstance(frame, frames.Login):
            raise ProtocolError(ErrorCode.NOT_AUTHENTICATED, "send login first")
        now = self.ctx.clock()
        if frame.v not in limits.SUPPORTED_VERSIONS:
            raise ProtocolError(
                ErrorCode.VERSION_UNSUPPORTED, f"this relay speaks v{limits.PROTOCOL_VERSION}"
            )
        agent, token, expires = await self.authenticate(frame, now)
        # The login is one of the agent's frames: reconnecting in a loop is no way around
        # the rate, and an agent shut out stays out until the shut-out ends.
        await self.admit_first([self.ctx.guards.agents.of(agent.id, now)], [f"agent:{agent.name}"])
        peer, were_online = agents.join(
            self.ctx, self.connection, self.address, agent, token, frame.status
        )
        self.peer = peer  # online from here: leave() must run whatever happens next
        await agents.welcome(peer, frame, token, expires, were_online)
        await invitations.welcome(peer)
        return peer

    async def leave(self, peer: AgentPeer) -> None:
        await agents.leave(peer)

    async def authenticate(self, login: frames.Login, now: float) -> tuple[Agent, str, float]:
        """The agent, its session token and the token's expiry. Raises RATE_LIMITED while
        the account or the address must wait (nothing is checked then), AUTH_FAILED for
        wrong credentials; both are audited in the log."""
        logins = self.ctx.guards.logins
        # Password logins are throttled by account and address; token logins are not.
        account = login.user if login.token is None else None
        user = json.dumps(login.user, ensure_ascii=True)  # the guesser's text: quoted
        attempt = logins.begin(account, self.address, now)
        if isinstance(attempt, Throttled):
            key = login.user if attempt.by == "account" else self.address
            if times := failure_logs.throttled_logins.due((attempt.by, key), now):
                log.info(
                    "event=login_throttled user=%s address=%s by=%s locked=%s "
                    "retry_after=%.1f times=%d",
                    user,
                    self.address,
                    attempt.by,
                    str(attempt.locked).lower(),
                    attempt.retry_after,
                    times,
                )
            whose = "for this account" if attempt.by == "account" else "from this address"
            what = "locked for" if attempt.locked else "wait"
            raise ProtocolError(
                ErrorCode.RATE_LIMITED,
                f"too many failed logins {whose}; {what} {math.ceil(attempt.retry_after)} s",
                retry_after=round(attempt.retry_after, 3),
            )
        try:
            found = await self.check_credentials(login, now)
        except PasswordChecksBusy:
            logins.abandoned(attempt)
            log.warning("event=login_busy user=%s address=%s", user, self.address)
            raise ProtocolError(
                ErrorCode.RATE_LIMITED,
                "the relay is busy checking passwords; try again shortly",
                retry_after=PASSWORDS_BUSY_RETRY_SECONDS,
            ) from None
        except BaseException:
            logins.abandoned(attempt)
            raise
        if found is None:
            failed = logins.failed(attempt, self.ctx.clock())
            log.warning(
                "event=login_failed user=%s address=%s by=%s account_failures=%d "
                "address_failures=%d next_wait=%.0f locked=%s",
                user,
                self.address,
                "password" if account is not None else "token",
                failed.account_failures,
                failed.address_failures,
                failed.wait,
                str(failed.locked).lower(),
            )
            if login.token is not None:
                raise ProtocolError(ErrorCode.AUTH_FAILED, "the session has ended; log in again")
            raise ProtocolError(ErrorCode.AUTH_FAILED, "wrong user name or password")
        logins.succeeded(attempt, self.ctx.clock())
        return found

    async def check_credentials(
        self, login: frames.Login, now: float
    ) -> tuple[Agent, str, float] | None:
        """The agent, its session token and the token's expiry; None when the credentials
        are wrong. Passwords are checked in the relay's password threads."""
        store, passwords = self.ctx.store, self.ctx.guards.passwords
        if login.token is not None:
            session = await store.session_agent(credentials.hash_token(login.token), now)
            return None if session is None else (session[0], login.token, session[1])
        agent = await store.get_agent(login.user)
        stored_hash = agent.password_hash if agent else credentials.DECOY_HASH
        matches = await passwords.matches(stored_hash, login.password)
        if agent is None or not matches:
            return None
        if agent.disabled:  # the right password: no guess, and its owner should know why
            raise ProtocolError(ErrorCode.AUTH_FAILED, "this account is disabled; ask an admin")
        if credentials.password_needs_rehash(agent.password_hash):
            with contextlib.suppress(PasswordChecksBusy):  # then at a later login
                new_hash = await passwords.hash(login.password)
                await store.set_agent_password(agent.id, new_hash)
        token = credentials.mint_token()
        expires = now + self.ctx.config.session_days * 86400
        await store.create_session(agent.id, credentials.hash_token(token), expires, now)
        return agent, token, expires

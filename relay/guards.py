"""What the relay keeps about senders across their connections, built from the
configuration: frame allowances per visitor, per address and per agent, the login
throttle, and the password checks' thread pool. One of each per relay."""

from __future__ import annotations

from dataclasses import dataclass

from relay.config import RelayConfig
from relay.core.logins import LoginPolicy, LoginThrottle
from relay.core.ratelimit import Allowances, Limit
from relay.passwords import PasswordChecks


def _limit(config: RelayConfig, per_second: float, burst: float) -> Limit:
    return Limit(
        per_second=per_second,
        burst=burst,
        shut_out_after=int(config.shut_out_bursts * burst),
        shut_out_seconds=config.shut_out_seconds,
    )


@dataclass(slots=True)
class Guards:
    visitors: Allowances[int]  # by visitor id
    addresses: Allowances[str]  # visitors' frames by their (real) address
    agents: Allowances[int]  # by agent id
    logins: LoginThrottle
    passwords: PasswordChecks

    @classmethod
    def from_config(cls, config: RelayConfig) -> Guards:
        lockout = config.login_lockout_minutes * 60
        return cls(
            visitors=Allowances(
                _limit(config, config.visitor_frames_per_second, config.visitor_frame_burst)
            ),
            addresses=Allowances(
                _limit(config, config.address_frames_per_second, config.address_frame_burst)
            ),
            agents=Allowances(
                _limit(config, config.agent_frames_per_second, config.agent_frame_burst)
            ),
            logins=LoginThrottle(
                by_account=LoginPolicy(
                    free_failures=config.login_free_failures,
                    first_delay=config.login_first_delay_seconds,
                    lockout_failures=config.login_lockout_failures,
                    lockout_seconds=lockout,
                ),
                by_address=LoginPolicy(
                    free_failures=config.login_address_free_failures,
                    first_delay=config.login_first_delay_seconds,
                    lockout_failures=config.login_address_lockout_failures,
                    lockout_seconds=lockout,
                ),
            ),
            passwords=PasswordChecks(config.password_check_threads, config.password_check_queue),
        )

"""Password logins are throttled by account and by address (growing waits, a lockout,
`rate_limited` with `retry_after`, an audit line), and checked in the relay's password
thread, off the event loop, one at a time, with a bounded queue. Real sockets on
127.0.0.1; the relay's clock stands still unless a test moves it."""

from __future__ import annotations

import asyncio
import logging
import threading

import pytest
from websockets.asyncio.client import connect

from relay import failures
from relay.core import credentials
from shared_protocol import PROTOCOL_VERSION, codec, frames, limits
from tests.helpers.clients import AgentClient
from tests.helpers.fake_clock import freeze
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay

CLOSE_TRY_AGAIN_LATER = 1013


async def _log_in(
    relay: RunningRelay,
    *,
    user: str = AGENT_NAME,
    password: str = "",
    token: str | None = None,
    address: str | None = None,
) -> frames.LoginOk | frames.Error:
    """One login on a connection of its own: the relay's first answer, after which an
    error closes the connection (1008, or 1013 for rate_limited)."""
    headers = {"X-Forwarded-For": address} if address else None
    async with connect(
        f"{relay.url}/ws/agent",
        compression=None,
        max_size=limits.MAX_RELAY_FRAME_BYTES,
        additional_headers=headers,
    ) as ws:
        login = frames.Login(v=PROTOCOL_VERSION, user=user, password=password, token=token)
        await ws.send(codec.agent_relay_side.encode(login))
        answer = codec.agent_client_side.decode(await ws.recv(decode=False))
        assert isinstance(answer, frames.LoginOk | frames.Error), answer
        if isinstance(answer, frames.Error):
            await asyncio.wait_for(ws.wait_closed(), 5)
            limited = answer.code == "rate_limited"
            assert ws.close_code == (CLOSE_TRY_AGAIN_LATER if limited else 1008)
        return answer


async def _refused(relay: RunningRelay, **login: str | None) -> frames.Error:
    answer = await _log_in(relay, **login)  # type: ignore[arg-type]
    assert isinstance(answer, frames.Error), answer
    return answer


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The passwords the relay checked, in order (the real check still runs)."""
    checked: list[str] = []
    real = credentials.password_matches

    def recording(password_hash: str, password: str) -> bool:
        checked.append(password)
        return real(password_hash, password)

    monkeypatch.setattr(credentials, "password_matches", recording)
    return checked


async def test_wrong_passwords_in_a_row_meet_growing_waits_then_a_lockout(
    relay: RunningRelay,
    checks: list[str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before: 100 wrong passwords in a row, no slowdown, no lockout."""
    monkeypatch.setattr(failures, "throttled_logins", failures.Occurrences())
    clock = freeze(relay.relay)
    token = await _log_in(relay, password=AGENT_PASSWORD)
    assert isinstance(token, frames.LoginOk)
    waits: list[float | None] = []
    with caplog.at_level(logging.INFO, logger="parley.endpoints"):
        for guess in range(10):
            answer = await _refused(relay, password=f"guess {guess}")
            if answer.code == "rate_limited":
                waits.append(answer.retry_after)
                clock.advance(answer.retry_after or 0)
                answer = await _refused(relay, password=f"guess {guess}")
            assert answer.code == "auth_failed"
    assert waits == [1, 2, 4, 8, 16, 32, 64]
    assert len(checks) == 11  # the first, good login and ten guesses: never a throttled one
    # Locked out: even the right password is not checked, from anywhere.
    locked = await _refused(relay, password=AGENT_PASSWORD)
    assert locked.code == "rate_limited"
    assert locked.retry_after == 900 and "locked" in locked.detail
    assert len(checks) == 11
    # A remembered session still logs in (once the address's own short wait is over: its
    # tenth failure): the account's lockout costs its agent nothing but typing.
    clock.advance(1)
    assert isinstance(await _log_in(relay, token=token.token), frames.LoginOk)
    clock.advance(899)
    assert isinstance(await _log_in(relay, password=AGENT_PASSWORD), frames.LoginOk)

    lines = [r.getMessage() for r in caplog.records]
    failed = [line for line in lines if line.startswith("event=login_failed")]
    assert len(failed) == 10
    assert failed[-1] == (
        'event=login_failed user="alice" address=127.0.0.1 by=password account_failures=10 '
        "address_failures=10 next_wait=900 locked=true"
    )
    throttled = [line for line in lines if line.startswith("event=login_throttled")]
    assert throttled[0] == (
        'event=login_throttled user="alice" address=127.0.0.1 by=account locked=false '
        "retry_after=1.0 times=1"
    )
    # Once a minute per account: the fake clock moved 127 s over the seven waits.
    assert 1 < len(throttled) < 7
    assert not any(AGENT_PASSWORD in line or "guess" in line for line in lines)


async def test_guesses_sent_in_parallel_are_checked_no_more_than_the_free_failures(
    relay: RunningRelay, checks: list[str]
) -> None:
    """Before: 9 to 11 parallel guesses a second, each one checked."""
    freeze(relay.relay)
    answers = await asyncio.gather(*(_log_in(relay, password=f"guess {n}") for n in range(10)))
    codes = sorted(a.code for a in answers if isinstance(a, frames.Error))
    assert codes == ["auth_failed"] * 3 + ["rate_limited"] * 7
    assert len(checks) == 3


# Behind a proxy on 127.0.0.1: agents' addresses come from X-Forwarded-For.
@pytest.mark.relay_settings(trusted_proxies=["127.0.0.1"])
async def test_guessing_many_accounts_from_one_address_is_throttled_by_address(
    relay: RunningRelay, checks: list[str]
) -> None:
    freeze(relay.relay)
    guesser = "198.51.100.66"
    for n in range(10):  # one guess each at ten accounts: within every account's free three
        answer = await _log_in(relay, user=f"user{n}", password="123456", address=guesser)
        assert isinstance(answer, frames.Error) and answer.code == "auth_failed"
    refused = await _log_in(relay, user="user10", password="123456", address=guesser)
    assert isinstance(refused, frames.Error)
    assert (refused.code, refused.retry_after) == ("rate_limited", 1.0)
    # The office next door is not affected.
    ok = await _log_in(relay, password=AGENT_PASSWORD, address="203.0.113.10")
    assert isinstance(ok, frames.LoginOk)
    assert len(checks) == 11


# Behind a proxy on 127.0.0.1: agents' addresses come from X-Forwarded-For.
@pytest.mark.relay_settings(trusted_proxies=["127.0.0.1"])
async def test_password_checks_run_off_the_event_loop_one_at_a_time_with_a_bounded_queue(
    relay: RunningRelay, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: each check ran in a thread of its own, as many at once as guesses came, so
    guessing slowed every chat. Now one thread checks (default password_check_threads 1),
    8 more wait (password_check_queue), and the rest are told to come back."""
    loop_thread = threading.get_ident()
    running: list[int] = []
    most = 0
    threads: set[int] = set()
    release = threading.Event()

    def slow_check(password_hash: str, password: str) -> bool:
        nonlocal most
        running.append(1)
        most = max(most, len(running))
        threads.add(threading.get_ident())
        release.wait(10)
        running.pop()
        return False

    monkeypatch.setattr(credentials, "password_matches", slow_check)
    # From twelve addresses at twelve accounts: the throttle lets each through.
    logins = [
        asyncio.create_task(
            _log_in(relay, user=f"user{n}", password="x", address=f"198.51.100.{n}")
        )
        for n in range(12)
    ]
    busy = [await asyncio.wait_for(asyncio.shield(t), 10) for t in logins[9:]]
    assert {(a.code, a.retry_after) for a in busy if isinstance(a, frames.Error)} == {
        ("rate_limited", 1.0)
    }
    release.set()
    checked = [await t for t in logins[:9]]
    assert {a.code for a in checked if isinstance(a, frames.Error)} == {"auth_failed"}
    assert most == 1
    assert loop_thread not in threads


async def test_a_correct_login_after_a_few_typos_goes_through_at_once(
    relay: RunningRelay,
) -> None:
    freeze(relay.relay)
    for typo in ("correct horse batery", "Correct horse battery"):
        assert (await _refused(relay, password=typo)).code == "auth_failed"
    agent = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    assert (await agent.expect(frames.LoginOk)).agent.name == AGENT_NAME
    await agent.close()

"""What the relay refuses: strangers, wrong origins, bad frames, floods, revoked sessions."""

from __future__ import annotations

import asyncio
import gzip
import urllib.error
import urllib.request
from pathlib import Path

import msgspec
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from shared_protocol import frames, limits
from tests.helpers.clients import AgentClient, RawClient, VisitorClient
from tests.helpers.fake_clock import advance, freeze
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay, start_relay


async def test_visitor_cannot_read_or_close_another_visitors_conversation(
    relay: RunningRelay,
) -> None:
    owner = await VisitorClient.connect(relay.url)
    await owner.expect(frames.Welcome)
    ack = await owner.say("my private question")
    stranger = await VisitorClient.connect(relay.url)
    await stranger.expect(frames.Welcome)
    await stranger.send(frames.Resume(conversation=ack.conversation, after_seq=0))
    assert (await stranger.expect(frames.Error)).code == "not_found"
    await stranger.send(frames.Close(conversation=ack.conversation))
    assert (await stranger.expect(frames.Error)).code == "not_found"
    assert stranger.take_all(frames.History) == []
    # A stranger's message goes to the stranger's own conversation, never the owner's.
    other = await stranger.say("hello")
    assert other.conversation != ack.conversation
    await owner.close()
    await stranger.close()


async def test_hello_with_a_token_reaches_only_that_visitor(relay: RunningRelay) -> None:
    first = await VisitorClient.connect(relay.url)
    welcome = await first.expect(frames.Welcome)
    forged = await VisitorClient.connect(relay.url, token="not-a-real-token")
    forged_welcome = await forged.expect(frames.Welcome)
    assert forged_welcome.visitor != welcome.visitor
    assert forged_welcome.token != "not-a-real-token"
    await first.close()
    await forged.close()


async def test_visitor_from_an_origin_the_site_does_not_allow_is_refused(
    relay: RunningRelay,
) -> None:
    visitor = await VisitorClient.connect(relay.url, origin="https://evil.example")
    error = await visitor.expect(frames.Error)
    assert error.code == "origin_not_allowed"
    await asyncio.wait_for(visitor.closed.wait(), 5)
    assert visitor.ws.close_code == 1008


async def test_unknown_site_and_unsupported_version_are_refused(relay: RunningRelay) -> None:
    visitor = await VisitorClient.connect(relay.url, site="no-such-site")
    assert (await visitor.expect(frames.Error)).code == "unknown_site"
    old = await VisitorClient.connect(relay.url, hello=False)
    await old.send(frames.Hello(v=99, site="demo"))
    assert (await old.expect(frames.Error)).code == "version_unsupported"
    await asyncio.wait_for(old.closed.wait(), 5)


async def test_agent_endpoint_refuses_browser_origins(relay: RunningRelay) -> None:
    with pytest.raises(InvalidStatus) as refused:
        await connect(f"{relay.url}/ws/agent", origin=relay.http)  # type: ignore[arg-type]
    assert refused.value.response.status_code == 403


async def test_wrong_password_is_refused_and_closes(relay: RunningRelay) -> None:
    agent = await AgentClient.connect(relay.url, user=AGENT_NAME, password="wrong password")
    assert (await agent.expect(frames.Error)).code == "auth_failed"
    await asyncio.wait_for(agent.closed.wait(), 5)
    assert agent.ws.close_code == 1008
    nobody = await AgentClient.connect(relay.url, user="nobody", password="whatever1")
    assert (await nobody.expect(frames.Error)).code == "auth_failed"


msgpack = msgspec.msgpack.encode
LONG_TEXT = "a" * (limits.MAX_TEXT_CHARS + 1)
LONG_URL = "u" * (limits.MAX_URL_CHARS + 1)
OVER_A_FRAME = "a" * limits.MAX_FRAME_BYTES
# Garbage a visitor's browser could send, each with the one error it must get back.
VISITOR_GARBAGE: list[tuple[str | bytes, str]] = [
    ("not json at all", "bad_frame"),
    ("", "bad_frame"),
    ("null", "bad_frame"),
    ('["message", "hi"]', "bad_frame"),
    ('{"type": "message", "id": "x", "text": "unterminated', "bad_frame"),
    (b'{"type": "message", "id": "x", "text": "binary"}', "bad_frame"),  # text frames only
    ('{"type": "shout", "text": "hi"}', "unknown_type"),
    ('{"text": "no type at all"}', "unknown_type"),
    ('{"type": "welcome", "v": 1}', "unknown_type"),  # the relay's frame, not the visitor's
    ('{"type": "login", "v": 1, "user": "alice"}', "unknown_type"),  # the agents' frame
    ('{"type": 7}', "bad_frame"),
    ('{"type": "message", "id": 7, "text": "hi"}', "bad_frame"),
    ('{"type": "message", "id": "x", "text": ""}', "bad_frame"),
    ('{"type": "message", "id": "x", "text": "' + LONG_TEXT + '"}', "too_long"),
    ('{"type": "page_view", "page": {"url": "' + LONG_URL + '"}}', "too_long"),
    ('{"type": "message", "id": "x", "text": "' + OVER_A_FRAME + '"}', "frame_too_large"),
    ('{"type": "hello", "v": 1, "site": "demo"}', "bad_frame"),  # said once already
]
# And an agent's app.
AGENT_GARBAGE: list[tuple[str | bytes, str]] = [
    (b"\xc1\xc1", "bad_frame"),
    (b"", "bad_frame"),
    (b"\x85", "bad_frame"),  # a map of five entries, cut off
    (msgpack([1, 2]), "bad_frame"),
    ('{"type": "logout"}', "bad_frame"),  # binary frames only
    (msgpack({"type": "dance"}), "unknown_type"),
    (msgpack({"type": "hello", "v": 1, "site": "demo"}), "unknown_type"),
    (msgpack({"type": "message", "id": "a"}), "bad_frame"),
    (msgpack({"type": "status", "status": "asleep"}), "bad_frame"),
    (msgpack({"type": "message", "id": "a", "conversation": 1, "text": LONG_TEXT}), "too_long"),
    (msgpack({"type": "phrase_save", "phrase": {"text": LONG_TEXT}}), "too_long"),
    (msgpack({"type": "message", "text": OVER_A_FRAME}), "frame_too_large"),
]


async def _replies_to(client: RawClient, garbage: list[tuple[str | bytes, str]]) -> list[str]:
    """Send each piece in turn and take the one reply it gets: the error codes, in order."""
    codes: list[str] = []
    for raw, _ in garbage:
        await client.ws.send(raw)
        error = await client.expect(frames.Error)
        assert error.retry_after is None and error.detail, (raw[:80], error)
        codes.append(error.code)
    return codes


async def test_bad_frames_get_typed_errors_and_the_conversation_carries_on(
    relay: RunningRelay,
) -> None:
    agent = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    await agent.expect(frames.LoginOk)
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    await agent.expect_visitor(lambda info: info.id == welcome.visitor)  # batched: take it first
    assert await _replies_to(visitor, VISITOR_GARBAGE) == [code for _, code in VISITOR_GARBAGE]
    assert await _replies_to(agent, AGENT_GARBAGE) == [code for _, code in AGENT_GARBAGE]
    assert visitor.received == [] and agent.received == []  # one error each, nothing more

    # None of it was processed, and both connections carry on.
    ack = await visitor.say("still here?")
    assert ack.seq == 1
    assert (await agent.expect(frames.Message)).message.text == "still here?"
    assert (await agent.say(ack.conversation, "Yes, how can I help?")).seq == 2
    await visitor.close()
    await agent.close()


async def test_flooding_visitor_is_rate_limited_with_retry_after_then_shut_out(
    relay: RunningRelay,
) -> None:
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    for _ in range(200):
        await visitor.send(frames.VisitorTyping(text="spam"))
    limited = await visitor.expect(frames.Error)
    assert limited.code == "rate_limited"
    assert limited.retry_after is not None and limited.retry_after > 0
    shut_out = await visitor.expect(frames.Error)
    assert shut_out.code == "rate_limited" and "shut out" in shut_out.detail
    await asyncio.wait_for(visitor.closed.wait(), 10)
    assert (visitor.ws.close_code, visitor.ws.close_reason) == (1013, "rate_limited")


# A burst of ten frames; refusals close a connection only past thirty a minute.
@pytest.mark.relay_settings(visitor_frame_burst=10, abuse_strikes=30)
async def test_flood_from_one_visitor_does_not_disturb_another_conversation(
    relay: RunningRelay,
) -> None:
    freeze(relay.relay)  # no allowance refills while the flood comes: the counts are exact
    burst = relay.relay.config.visitor_frame_burst
    flooder = await VisitorClient.connect(relay.url)
    await flooder.expect(frames.Welcome)  # the hello took one frame of the burst
    calm = await VisitorClient.connect(relay.url)
    await calm.expect(frames.Welcome)
    for _ in range(200):
        await flooder.ws.send("garbage")
    await asyncio.wait_for(flooder.closed.wait(), 10)
    # Within the burst each piece of garbage is refused as such; then the flooder is told
    # once to wait, and shut out for going on regardless.
    errors = flooder.take_all(frames.Error)
    assert [e.code for e in errors] == ["bad_frame"] * int(burst - 1) + ["rate_limited"] * 2
    told_to_wait, shut_out = errors[-2:]
    assert told_to_wait.retry_after is not None and told_to_wait.retry_after > 0
    assert "shut out" in shut_out.detail and "shut out" not in told_to_wait.detail
    assert flooder.received == []
    assert (flooder.ws.close_code, flooder.ws.close_reason) == (1013, "rate_limited")
    assert (await calm.say("a normal question")).seq == 1
    await calm.close()


@pytest.mark.relay_settings(hello_timeout_seconds=0.5)
async def test_silent_connection_is_closed_after_the_hello_timeout(relay: RunningRelay) -> None:
    visitor = await VisitorClient.connect(relay.url, hello=False)
    assert (await visitor.expect(frames.Error)).code == "timeout"
    await asyncio.wait_for(visitor.closed.wait(), 5)
    assert visitor.ws.close_code == 1008


async def test_disabling_an_agent_closes_its_open_socket_and_ends_its_token(
    relay: RunningRelay,
) -> None:
    clock = freeze(relay.relay)
    agent = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    token = (await agent.expect(frames.LoginOk)).token
    # Disabled from another process (the CLI): the relay finds out at its next look.
    await relay.relay.store.set_agent_disabled(AGENT_NAME, True)
    await advance(relay.relay, clock, relay.relay.config.revocation_check_seconds)
    assert (await agent.expect(frames.Error)).code == "session_revoked"
    await asyncio.wait_for(agent.closed.wait(), 5)
    assert agent.ws.close_code == 1008
    again = await AgentClient.connect(relay.url, token=token)
    assert (await again.expect(frames.Error)).code == "auth_failed"
    # The right password is told why, and is no failure toward a lockout.
    for _ in range(12):
        by_password = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
        refused = await by_password.expect(frames.Error)
        assert (refused.code, refused.detail) == (
            "auth_failed",
            "this account is disabled; ask an admin",
        )
        await by_password.close()


async def test_session_token_logs_in_until_logout(relay: RunningRelay) -> None:
    agent = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    token = (await agent.expect(frames.LoginOk)).token
    await agent.close()
    by_token = await AgentClient.connect(relay.url, token=token)
    assert (await by_token.expect(frames.LoginOk)).agent.name == AGENT_NAME
    await by_token.send(frames.Logout())
    await asyncio.wait_for(by_token.closed.wait(), 5)
    after = await AgentClient.connect(relay.url, token=token)
    assert (await after.expect(frames.Error)).code == "auth_failed"


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


async def test_http_routes_serve_health_demo_and_widget_but_nothing_outside(
    tmp_path: Path,
) -> None:
    static = tmp_path / "static"
    static.mkdir()
    (static / "widget.js").write_text("console.log('parley');\n" * 50)
    relay = await start_relay(tmp_path / "data", static_dir=str(static))  # made before it starts
    try:
        status, headers, body = await asyncio.to_thread(_get, f"{relay.http}/healthz")
        assert status == 200 and msgspec.json.decode(body)["status"] == "ok"
        status, headers, body = await asyncio.to_thread(_get, f"{relay.http}/demo/")
        assert status == 200 and b'src="/widget.js" data-site="demo"' in body
        assert headers["Content-Type"].startswith("text/html")
        status, headers, body = await asyncio.to_thread(
            _get, f"{relay.http}/widget.js", **{"Accept-Encoding": "gzip"}
        )
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body) == (static / "widget.js").read_bytes()
        status, _, _ = await asyncio.to_thread(
            _get, f"{relay.http}/widget.js", **{"If-None-Match": headers["ETag"]}
        )
        assert status == 304
        for escape in ("/widget/../relay/app.py", "/widget/%2e%2e/x", "/demo/../../pyproject.toml"):
            status, _, _ = await asyncio.to_thread(_get, relay.http + escape)
            assert status == 404, escape
    finally:
        await relay.stop()

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
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.relay_fixtures import (
    AGENT_NAME,
    AGENT_PASSWORD,
    RunningRelay,
    relay_fixture,
)


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


async def test_bad_frames_get_typed_errors_and_the_conversation_carries_on(
    relay: RunningRelay,
) -> None:
    agent = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    await agent.expect(frames.LoginOk)
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    bad = [
        ("not json at all", "bad_frame"),
        ('{"type": "shout", "text": "hi"}', "unknown_type"),
        ('{"type": "message", "id": 7, "text": "hi"}', "bad_frame"),
        (
            '{"type": "message", "id": "x", "text": "' + "a" * (limits.MAX_TEXT_CHARS + 1) + '"}',
            "too_long",
        ),
        (
            '{"type": "message", "id": "x", "text": "' + "a" * limits.MAX_FRAME_BYTES + '"}',
            "frame_too_large",
        ),
    ]
    for raw, code in bad:
        await visitor.ws.send(raw)
        assert (await visitor.expect(frames.Error)).code == code
    await agent.ws.send(b"\xc1\xc1")
    assert (await agent.expect(frames.Error)).code == "bad_frame"
    await agent.ws.send(msgspec.msgpack.encode({"type": "message", "id": "a"}))
    assert (await agent.expect(frames.Error)).code == "bad_frame"

    ack = await visitor.say("still here?")
    assert ack.seq == 1
    assert (await agent.expect(frames.Message)).message.text == "still here?"
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


async def test_flood_from_one_visitor_does_not_disturb_another_conversation(
    relay: RunningRelay,
) -> None:
    flooder = await VisitorClient.connect(relay.url)
    await flooder.expect(frames.Welcome)
    calm = await VisitorClient.connect(relay.url)
    await calm.expect(frames.Welcome)
    for _ in range(200):
        await flooder.ws.send("garbage")
    assert (await calm.say("a normal question")).seq == 1
    await calm.close()


async def test_silent_connection_is_closed_after_the_hello_timeout(tmp_path: Path) -> None:
    async for running in relay_fixture(tmp_path / "data", hello_timeout_seconds=0.5):
        visitor = await VisitorClient.connect(running.url, hello=False)
        assert (await visitor.expect(frames.Error)).code == "timeout"
        await asyncio.wait_for(visitor.closed.wait(), 5)
        assert visitor.ws.close_code == 1008


async def test_disabling_an_agent_closes_its_open_socket_and_ends_its_token(
    tmp_path: Path,
) -> None:
    async for running in relay_fixture(tmp_path / "data", revocation_check_seconds=0.2):
        agent = await AgentClient.connect(running.url, user=AGENT_NAME, password=AGENT_PASSWORD)
        token = (await agent.expect(frames.LoginOk)).token
        await running.relay.store.set_agent_disabled(AGENT_NAME, True)
        assert (await agent.expect(frames.Error)).code == "session_revoked"
        await asyncio.wait_for(agent.closed.wait(), 5)
        assert agent.ws.close_code == 1008
        again = await AgentClient.connect(running.url, token=token)
        assert (await again.expect(frames.Error)).code == "auth_failed"


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
    async for relay in relay_fixture(tmp_path / "data", static_dir=str(static)):
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

"""The agent app's Qt-free client against a real relay on 127.0.0.1."""

from __future__ import annotations

import asyncio

from agent_app.net.client import (
    ConnectionState,
    Login,
    RelayClient,
    agent_endpoint,
    backoff_delay,
)
from shared_protocol import frames
from tests.helpers.clients import VisitorClient
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay, relay_stopped


class Recorder:
    """A ClientListener that keeps everything it hears."""

    def __init__(self) -> None:
        self.states: list[ConnectionState] = []
        self.frames: list[frames.Frame] = []
        self.changed = asyncio.Event()

    def connection_changed(self, state: ConnectionState, detail: str) -> None:
        self.states.append(state)
        self.changed.set()

    def frame_received(self, frame: frames.Frame) -> None:
        self.frames.append(frame)
        self.changed.set()

    async def wait_for(self, check: object, within: float = 15) -> None:
        async with asyncio.timeout(within):
            while not check():  # type: ignore[operator]
                self.changed.clear()
                await self.changed.wait()


def test_relay_addresses_become_agent_endpoints() -> None:
    assert agent_endpoint("http://127.0.0.1:8080") == "ws://127.0.0.1:8080/ws/agent"
    assert agent_endpoint("https://chat.example.com/") == "wss://chat.example.com/ws/agent"
    assert agent_endpoint("chat.example.com") == "ws://chat.example.com/ws/agent"
    assert agent_endpoint("wss://x/ws/agent") == "wss://x/ws/agent"


def test_backoff_doubles_with_jitter_up_to_the_cap() -> None:
    for attempt, base in ((0, 1), (1, 2), (3, 8), (10, 30)):
        delays = [backoff_delay(attempt) for _ in range(200)]
        assert all(base / 2 <= d <= base * 1.5 for d in delays)
        assert max(delays) - min(delays) > base / 4  # jittered, not fixed


async def test_wrong_password_stops_with_auth_failed(relay: RunningRelay) -> None:
    recorder = Recorder()
    client = RelayClient(relay.http, recorder)
    await asyncio.wait_for(client.run(Login(user=AGENT_NAME, password="wrong one")), 15)
    assert recorder.states[-1] is ConnectionState.AUTH_FAILED


async def test_reply_written_offline_arrives_once_after_the_relay_returns(
    relay: RunningRelay,
) -> None:
    recorder = Recorder()
    client = RelayClient(relay.http, recorder)
    task = asyncio.create_task(client.run(Login(user=AGENT_NAME, password=AGENT_PASSWORD)))
    await recorder.wait_for(lambda: ConnectionState.ONLINE in recorder.states)
    visitor = await VisitorClient.connect(relay.url)
    await visitor.expect(frames.Welcome)
    conversation = (await visitor.say("anyone there?")).conversation
    await visitor.close()

    try:
        async with relay_stopped(relay):
            await recorder.wait_for(lambda: recorder.states[-1] is ConnectionState.OFFLINE)
            reply = client.reply(conversation, "Yes, sorry for the wait!")
            assert client.session.unacknowledged() == [reply]
        client.reconnect_now()
        await recorder.wait_for(lambda: not client.session.unacknowledged())
        acks = [f for f in recorder.frames if isinstance(f, frames.Ack) and f.id == reply.id]
        assert [a.duplicate for a in acks] == [False]
        stored = await relay.relay.store.messages_after(conversation, 0, 10)
        assert [m.text for m in stored] == ["anyone there?", "Yes, sorry for the wait!"]
        # The second login used the session token, not the password.
        assert sum(isinstance(f, frames.LoginOk) for f in recorder.frames) == 2
    finally:
        await client.stop()
        await asyncio.wait_for(task, 10)
    assert recorder.states[-1] is ConnectionState.STOPPED

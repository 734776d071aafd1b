"""The tests' own relay (tests/conftest.py, tests/helpers/relay_fixtures.py): marks set its
configuration, and a restart keeps what a real restart keeps."""

from __future__ import annotations

import pytest

from shared_protocol import frames
from tests.helpers.clients import VisitorClient
from tests.helpers.fake_clock import freeze
from tests.helpers.relay_fixtures import RunningRelay, relay_stopped, restart_relay

pytestmark = pytest.mark.relay_settings(abuse_strikes=7, hello_timeout_seconds=3.0)


@pytest.mark.relay_settings(abuse_strikes=9)
async def test_relay_settings_reach_the_relay_and_the_nearest_mark_wins(
    relay: RunningRelay,
) -> None:
    config = relay.relay.config
    assert (config.abuse_strikes, config.hello_timeout_seconds) == (9, 3.0)


@pytest.mark.relay_site("shop", name="The shop")
async def test_relay_site_adds_a_site_on_the_relays_own_origin(relay: RunningRelay) -> None:
    site = await relay.relay.store.get_site("shop")
    assert site is not None and (site.name, list(site.origins)) == ("The shop", [relay.http])
    visitor = await VisitorClient.connect(relay.url, site="shop")  # from that origin
    await visitor.expect(frames.Welcome)
    await visitor.close()


async def test_a_restarted_relay_keeps_its_address_data_file_port_and_clock(
    relay: RunningRelay,
) -> None:
    clock = freeze(relay.relay)
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    first = await visitor.say("before")
    await visitor.close()
    before, url, files_port = relay.relay, relay.url, relay.relay.ctx.files_port

    assert await restart_relay(relay) is relay
    assert relay.relay is not before and relay.url == url
    assert relay.relay.ctx.files_port == files_port and relay.relay.ctx.clock is clock
    back = await VisitorClient.connect(relay.url, token=welcome.token)
    assert (await back.expect(frames.Welcome)).visitor == welcome.visitor
    again = await back.say("after")
    assert (again.conversation, again.seq, again.ts) == (first.conversation, 2, clock.now)
    await back.close()


async def test_a_relay_left_stopped_by_a_failing_test_is_stopped_once(
    relay: RunningRelay,
) -> None:
    with pytest.raises(RuntimeError):
        async with relay_stopped(relay):
            raise RuntimeError("the test failed while the relay was down")
    assert relay.up is False
    await relay.stop()  # what the fixture does at the end: nothing, and no error

"""A visitor whose page URL, referrer or Origin does not parse as a URL is served like any
other (or refused for its origin), never met with a relay error."""

from __future__ import annotations

import pytest
from websockets.exceptions import InvalidStatus

from shared_protocol import frames
from shared_protocol.errors import ErrorCode
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay


@pytest.mark.parametrize("url", ["http://[::1", "http://[zz]/"])
async def test_a_hello_from_a_page_whose_url_does_not_parse_is_welcomed(
    relay: RunningRelay, url: str
) -> None:
    agent = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    await agent.expect(frames.LoginOk)
    page = frames.PageInfo(url=url, referrer=url)
    visitor = await VisitorClient.connect(relay.url, page=page)
    welcome = await visitor.expect(frames.Welcome)
    arrived = await agent.expect_visitor()
    assert arrived.id == welcome.visitor and arrived.page == page
    assert arrived.source == "direct"
    await visitor.send(frames.PageView(page=page))
    assert (await visitor.say("still works")).seq == 1
    assert visitor.take_all(frames.Error) == []
    await visitor.close()
    await agent.close()


async def test_an_origin_that_does_not_parse_is_refused_for_its_origin(
    relay: RunningRelay,
) -> None:
    visitor = await VisitorClient.connect(relay.url, origin="http://[::1")
    refused = await visitor.expect(frames.Error)
    assert refused.code is ErrorCode.ORIGIN_NOT_ALLOWED


async def test_a_host_header_that_does_not_parse_still_gets_a_files_address(
    relay: RunningRelay,
) -> None:
    visitor = await VisitorClient.connect(relay.url, headers={"Host": "[zz]"})
    welcome = await visitor.expect(frames.Welcome)
    assert welcome.files_url.startswith("http://127.0.0.1:")
    await visitor.close()


async def test_a_second_origin_header_is_refused_at_the_handshake(relay: RunningRelay) -> None:
    # The client sends its own Origin (the relay's) and this one: two origins are none.
    with pytest.raises(InvalidStatus) as refused:
        await VisitorClient.connect(relay.url, headers={"Origin": "http://evil.example"})
    assert refused.value.response.status_code == 400


async def test_a_second_user_agent_header_is_no_relay_error(relay: RunningRelay) -> None:
    # websockets sends its own User-Agent; this is a second one.
    visitor = await VisitorClient.connect(relay.url, headers={"User-Agent": "Mozilla/5.0"})
    await visitor.expect(frames.Welcome)
    assert (await visitor.say("hello")).seq == 1
    await visitor.close()

"""What the relay works out about an arriving visitor, end to end over real sockets."""

from __future__ import annotations

import pytest

from shared_protocol import frames
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.fake_clock import advance, freeze
from tests.helpers.geo import GEO_DIR, needs_geo_data
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay

pytestmark = pytest.mark.relay_settings(trusted_proxies=["127.0.0.1"], geo_dir=str(GEO_DIR))

WECHAT_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; 23078RKD5C) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Version/4.0 Chrome/118.0.0.0 Mobile Safari/537.36 MicroMessenger/8.0.47"
)


@needs_geo_data
async def test_arrival_carries_location_source_keyword_device_and_landing_page(
    relay: RunningRelay,
) -> None:
    agent = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    await agent.expect(frames.LoginOk)
    landing = frames.PageInfo(
        url="https://school.example/courses/ielts",
        title="IELTS weekend course",
        referrer="https://www.baidu.com/s?ie=gbk&wd=%D1%C5%CB%BC%C5%E0%D1%B5",
    )
    visitor = await VisitorClient.connect(
        relay.url,
        page=landing,
        headers={"X-Forwarded-For": "203.0.113.7, 218.108.0.1", "User-Agent": WECHAT_ANDROID},
    )
    token = (await visitor.expect(frames.Welcome)).token
    info = await agent.expect_visitor()
    assert info.ip == "218.108.0.1"  # the last hop, added by the trusted proxy
    assert (info.region, info.city, info.location) == ("浙江省", "杭州市", "杭州市, 浙江省")
    assert (info.source, info.source_name, info.keyword) == ("search", "Baidu", "雅思培训")
    assert info.device == "WeChat on Android (mobile)"
    assert info.landing == landing
    assert (info.visits, info.chats) == (1, 0)

    # The next page of the same visit keeps where the visit came from.
    await visitor.close()
    await agent.expect_gone(info.id)
    next_page = frames.PageInfo(
        url="https://school.example/prices", title="Prices", referrer=landing.url
    )
    again = await VisitorClient.connect(
        relay.url, token=token, page=next_page, headers={"User-Agent": WECHAT_ANDROID}
    )
    await again.expect(frames.Welcome)
    later = await agent.expect_visitor()
    assert later.id == info.id and later.page == next_page
    assert (later.source, later.keyword, later.landing) == ("search", "雅思培训", landing)
    assert later.visits == 1
    await again.close()
    await agent.close()


async def test_agent_gets_the_path_with_dwell_times_and_the_visitors_history(
    relay: RunningRelay,
) -> None:
    clock = freeze(relay.relay)  # the page views' times are the relay's: exactly these
    agent = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    await agent.expect(frames.LoginOk)
    home = frames.PageInfo(url="https://school.example/", title="Home")
    arrived = clock.now
    visitor = await VisitorClient.connect(relay.url, page=home)
    await visitor.expect(frames.Welcome)
    await advance(relay.relay, clock, 1)  # the next batch of visitor changes is due
    info = await agent.expect_visitor()
    clock.advance(30)  # reading the home page
    await visitor.send(
        frames.PageView(page=frames.PageInfo(url="https://school.example/p", title="Prices"))
    )
    await visitor.say("How much?")  # acknowledged: the page view before it was processed
    clock.advance(45)  # reading the prices
    await visitor.send(frames.PageLeave())
    await visitor.say("still there?")  # a frame after the leave: it was processed

    await agent.send(frames.DetailsRequest(visitor=info.id))
    details = await agent.expect(frames.VisitorDetails)
    assert [p.title for p in details.path] == ["Home", "Prices"]
    home_view, prices_view = details.path
    assert (home_view.entered_at, home_view.left_at) == (arrived, arrived + 31)
    assert (prices_view.entered_at, prices_view.left_at) == (arrived + 31, arrived + 76)
    assert [(v.number, v.pages) for v in details.visits] == [(1, 2)]
    assert len(details.conversations) == 1 and details.conversations[0].last_seq == 2
    await visitor.close()
    await agent.close()

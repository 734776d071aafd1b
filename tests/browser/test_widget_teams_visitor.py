"""Teams as the visitor sees them, part two: who answers survives a reload and a second
tab; the header tells the truth about the visitor's department; the wait estimate never
promises what is already broken; and all of it on a phone and on hostile pages."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime

import msgspec
from playwright.async_api import Page, WebSocketRoute, expect

from relay.core.credentials import hash_password
from relay.features import departments
from relay.store.records import PrechatField, SiteSettings
from shared_protocol import frames
from tests.browser.test_widget_teams import _place
from tests.helpers.browser import serve_pages
from tests.helpers.fake_clock import advance, freeze
from tests.helpers.relay_fixtures import RunningRelay, log_in
from tests.helpers.widget import (
    PAGES,
    RECORD_FRAMES,
    login,
    next_received,
    open_chat,
    type_and_send,
)

PASSWORD = "a long enough password"


async def _transferred(page: Page, relay: RunningRelay) -> None:
    """Bob answers the visitor, then hands the chat to Carl, who takes it and writes."""
    now = time.time()
    for name in ("bob", "carl"):
        await relay.relay.store.add_agent(name, name.title(), "agent", hash_password(PASSWORD), now)
    bob, _ = await log_in(relay, "bob", PASSWORD)
    carl, carl_in = await log_in(relay, "carl", PASSWORD)
    await page.add_init_script(RECORD_FRAMES)
    await open_chat(page, relay)
    await type_and_send(page, "My visa letter has a typo.")
    conversation = (await bob.expect(frames.Message)).message.conversation
    await bob.send(frames.Accept(conversation=conversation))
    await bob.say(conversation, "Let me find someone who can fix it.")
    await expect(page.locator(".msg.theirs")).to_have_count(1)
    await bob.send(
        frames.TransferRequest(conversation=conversation, agent=carl_in.agent.id, note="letters")
    )
    update = await carl.expect(frames.ConversationUpdated)
    while update.conversation.status != "transferring":
        update = await carl.expect(frames.ConversationUpdated)
    await carl.send(frames.Accept(conversation=conversation))
    await expect(page.locator(".log .event")).to_have_text(["You are now chatting with Carl"])
    await carl.say(conversation, "Hi, Carl here. Which name is wrong?")
    await expect(page.locator(".msg.theirs")).to_have_count(2)
    for agent in (bob, carl):
        await agent.close()


async def test_who_answers_after_a_transfer_is_said_again_after_a_reload_and_in_a_new_tab(
    page: Page, relay: RunningRelay
) -> None:
    await _transferred(page, relay)
    order = ["msg mine", "msg theirs", "event", "msg theirs"]

    async def shown_again(tab: Page) -> None:
        await expect(tab.locator(".msg")).to_have_count(3)
        await expect(tab.locator(".status")).to_have_text("Carl is answering you")
        await expect(tab.locator(".logo")).to_have_text("C")
        await expect(tab.locator(".log .event")).to_have_text(["You are now chatting with Carl"])
        kinds = await tab.locator(".log > *").evaluate_all(
            "rows => rows.map(r => r.className.split(' ').slice(0, 2).join(' '))"
        )
        assert [k.replace("msg mine sending", "msg mine") for k in kinds] == order, kinds

    await page.reload()
    await shown_again(page)
    second = await page.context.new_page()
    await serve_pages(second, relay.http, PAGES)
    await second.goto(page.url)  # the chat is open in every tab (stored)
    await shown_again(second)
    await second.close()


ONLINE = "We are online and reply in minutes"
OFFLINE = "We usually reply within 24 hours"


async def _team(
    relay: RunningRelay, sales: frames.RoutingSettings, services: frames.RoutingSettings
) -> tuple[int, int]:
    """Sales (Bob) and Student services (Stu) on the site "test", whose pre-chat form asks
    a name and, not required, the department."""
    store, now = relay.relay.store, time.time()
    site = await store.get_site("test")
    assert site is not None
    prechat = (PrechatField(field="name"), PrechatField(field="department"))
    await store.set_site_settings("test", SiteSettings(name="Test School", prechat=prechat))
    ids = []
    for name, settings, agent in (("Sales", sales, "bob"), ("Student services", services, "stu")):
        saved = await store.save_department(
            site.id, None, name, msgspec.json.encode(settings).decode(), now
        )
        assert saved is not None
        ids.append(saved.id)
        await store.add_agent(agent, agent.title(), "agent", hash_password(PASSWORD), now)
        await store.set_agent_departments(agent, [saved.id])
    departments.forget(relay.relay.ctx, site.id)  # saved past the relay: read again
    return ids[0], ids[1]


async def test_the_header_follows_the_department_the_pages_put_the_visitor_in_and_its_agents(
    page: Page, relay: RunningRelay
) -> None:
    await _team(relay, frames.RoutingSettings(pages=["*/prices*"]), frames.RoutingSettings())
    alice = await login(relay)  # an admin of no department: she answers visitors of none
    status = page.locator(".status")
    await open_chat(page, relay)
    await expect(status).to_have_text(ONLINE)
    await page.evaluate("history.pushState({}, '', '/site/prices.html')")  # into Sales
    await expect(status).to_have_text(OFFLINE)
    await expect(status).to_have_class("status off")
    await expect(page.locator(".sheet .intro")).to_contain_text("No one is online")
    bob, _ = await log_in(relay, "bob", PASSWORD)
    await expect(status).to_have_text(ONLINE)
    await expect(status).to_have_class("status on")
    await bob.send(frames.SetStatus(status=frames.AgentStatus.AWAY))
    await expect(status).to_have_text(OFFLINE)
    await page.evaluate("history.pushState({}, '', '/site/home.html')")  # out of it: Alice
    await expect(status).to_have_text(ONLINE)
    await page.reload()  # a page of Sales loaded: the welcome says it
    await page.evaluate("history.pushState({}, '', '/site/prices.html')")
    await expect(status).to_have_text(OFFLINE)
    await page.goto(f"{relay.http}/site/prices.html")
    await expect(status).to_have_text(OFFLINE)
    await bob.send(frames.SetStatus(status=frames.AgentStatus.ONLINE))
    await expect(status).to_have_text(ONLINE)
    for agent in (alice, bob):
        await agent.close()


async def test_the_header_says_leave_a_message_while_the_department_picked_is_closed(
    page: Page, relay: RunningRelay
) -> None:
    # The relay's clock says Saturday noon (UTC); Student services works on weekdays.
    offset = datetime(2027, 3, 13, 12, 0, tzinfo=UTC).timestamp() - time.time()
    relay.relay.ctx.clock = lambda: time.time() + offset
    _, services = await _team(
        relay, frames.RoutingSettings(), frames.RoutingSettings(hours="mon-fri 09:00-18:00")
    )
    bob, _ = await log_in(relay, "bob", PASSWORD)
    stu, _ = await log_in(relay, "stu", PASSWORD)  # Online, but outside his hours
    status = page.locator(".status")
    await open_chat(page, relay)
    await expect(status).to_have_text(ONLINE)  # no department yet: Bob answers
    choice = page.locator(".sheet select")
    await choice.select_option(index=2)
    await expect(page.locator(".sheet .intro")).to_contain_text("is closed right now")
    await expect(status).to_have_text(OFFLINE)
    await expect(status).to_have_class("status off")
    await choice.select_option(label="Sales")
    await expect(status).to_have_text(ONLINE)
    await choice.select_option(index=2)
    await expect(status).to_have_text(OFFLINE)
    sheet = page.locator(".sheet")
    await sheet.locator("input[name=contact]").fill("ana@example.com")
    await sheet.locator("textarea[name=question]").fill("Can I change my exam date?")
    await sheet.locator("button.primary").click()
    await expect(page.locator(".notice")).to_have_text("Thank you! We will reply within 24 hours.")
    await expect(status).to_have_text(OFFLINE)  # the relay says so too, from now on
    placed = await stu.expect_visitor(lambda v: v.email == "ana@example.com")
    assert placed.department == services
    await page.reload()
    await expect(page.locator(".msg.mine")).to_have_count(1)
    await expect(status).to_have_text(OFFLINE)
    for agent in (bob, stu):
        await agent.close()


async def test_the_header_changes_when_the_department_opens_and_closes(
    page: Page, relay: RunningRelay
) -> None:
    # A Monday, a minute before Student services opens (09:00 UTC); its pages are the
    # prices. The relay's clock stands still but when the test moves it (and its timers).
    clock = freeze(relay.relay)
    clock.now = datetime(2027, 3, 15, 8, 59, tzinfo=UTC).timestamp()
    await _team(
        relay,
        frames.RoutingSettings(),
        frames.RoutingSettings(pages=["*/prices*"], hours="mon-fri 09:00-18:00"),
    )
    stu, _ = await log_in(relay, "stu", PASSWORD)
    status = page.locator(".status")
    await open_chat(page, relay, "prices.html")
    await expect(status).to_have_text(OFFLINE)
    await expect(page.locator(".sheet .intro")).to_contain_text("No one is online")
    await advance(relay.relay, clock, 5)  # the relay looks at its departments: still closed
    await advance(relay.relay, clock, 55)  # 09:00: open
    await expect(status).to_have_text(ONLINE)
    await expect(page.locator(".sheet .intro")).to_have_count(0)  # the pre-chat form now
    await advance(relay.relay, clock, 9 * 3600)  # 18:00: closed
    await expect(status).to_have_text(OFFLINE)
    await stu.close()


def _passing_through(routes: list[WebSocketRoute]) -> Callable[[WebSocketRoute], None]:
    """The real relay's frames, as they are; `routes` gets the socket, through which the
    test adds frames a relay might send wrongly (hostile or broken values)."""

    def handler(ws: WebSocketRoute) -> None:
        ws.connect_to_server()  # both ways, untouched
        routes.append(ws)

    return handler


async def test_the_wait_is_never_a_promise_already_broken_nor_an_absurd_number(
    page: Page, relay: RunningRelay
) -> None:
    await page.clock.install(time=time.time())  # the page's time runs, and the test skips
    routes: list[WebSocketRoute] = []
    await page.route_web_socket(re.compile(r"/ws/visitor$"), _passing_through(routes))
    agent = await login(relay)
    await page.add_init_script(RECORD_FRAMES)
    await open_chat(page, relay)
    await type_and_send(page, "Is anyone there?")
    conversation = int((await agent.expect(frames.Message)).message.conversation)
    visitor = int(str((await next_received(page, "welcome"))["visitor"]))
    line = page.locator(".queue .place")
    _place(relay, visitor, conversation, 1, 40)
    await expect(line).to_have_text("You are next in line \u2014 less than a minute")
    await page.clock.fast_forward(45_000)  # the 40 s went by, and no word from the relay
    await expect(line).to_have_text(
        "You are next in line \u2014 sorry, it is taking longer than usual"
    )
    await page.evaluate("Parley('setLanguage', 'zh-CN')")
    await expect(line).to_have_text("下一位就是您，抱歉，等待时间比平时长")
    await page.evaluate("Parley('setLanguage', 'mn')")
    await expect(line).to_have_text("Дараагийн ээлж таных \u2014 уучлаарай, ердийнхөөс удаж байна")
    await page.evaluate("Parley('setLanguage', 'en')")
    # A new estimate counts down from when it came: 3 minutes, then 2 a minute later.
    _place(relay, visitor, conversation, 2, 180)
    await expect(line).to_have_text("You are number 2 in line \u2014 about 3 minutes")
    await page.clock.fast_forward(60_000)
    await expect(line).to_have_text("You are number 2 in line \u2014 about 2 minutes")
    # The visitor has waited 105 s: an estimate of 90 s is a promise already broken.
    _place(relay, visitor, conversation, 2, 90)
    await expect(line).to_have_text(
        "You are number 2 in line \u2014 sorry, it is taking longer than usual"
    )
    # What no relay should send: no number that is not one, nothing absurd.
    [ws] = routes
    for wrong, shown in (
        (-30, "You are number 2 in line"),
        ("120", "You are number 2 in line"),
        (None, "You are number 2 in line"),
        (10**9, "You are number 2 in line \u2014 more than an hour"),
        (4 * 3600, "You are number 2 in line \u2014 more than an hour"),
    ):
        ws.send(
            json.dumps(
                {
                    "type": "queue",
                    "conversation": conversation,
                    "position": 2,
                    "estimated_wait": wrong,
                    "overflow": False,
                }
            )
        )
        await expect(line).to_have_text(shown)
    await agent.close()


async def test_a_visitor_whose_agent_logs_out_is_in_line_again_and_nobody_is_said_to_answer(
    page: Page, relay: RunningRelay
) -> None:
    sales, _ = await _team(
        relay, frames.RoutingSettings(pages=["*/prices*"]), frames.RoutingSettings()
    )
    await relay.relay.store.set_site_settings("test", SiteSettings(name="Test School"))  # no form
    bob, _ = await log_in(relay, "bob", PASSWORD)
    status = page.locator(".status")
    await open_chat(page, relay, "prices.html")  # in Sales
    await type_and_send(page, "Is the weekend course full?")
    conversation = (await bob.expect(frames.ConversationOpened)).conversation.id
    await bob.send(frames.Accept(conversation=conversation))
    await expect(status).to_have_text("Bob is answering you")
    await bob.send(frames.Logout())  # the chat goes back to Sales' line
    await expect(page.locator(".queue")).to_contain_text("next in line")
    await expect(status).not_to_contain_text("Bob")
    await bob.close()
    # Bea of Sales takes it: the visitor is told who they are chatting with now.
    store = relay.relay.store
    await store.add_agent("bea", "Bea", "agent", hash_password(PASSWORD), time.time())
    await store.set_agent_departments("bea", [sales])
    bea, _ = await log_in(relay, "bea", PASSWORD)
    await bea.send(frames.Accept(conversation=conversation))
    await expect(page.locator(".log .event")).to_have_text(["You are now chatting with Bea"])
    await expect(status).to_have_text("Bea is answering you")
    await bea.close()

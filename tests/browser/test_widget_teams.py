"""Teams (issue 15) as the visitor sees them in Chromium: the department choice in the
pre-chat form (a closed department leads to the offline form), the place in the queue, the
line when another agent takes the chat over, and no note ever reaching the page."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

import msgspec
from playwright.async_api import Browser, Page, WebSocketRoute, expect

from relay.core.credentials import hash_password
from relay.features import departments
from relay.live.audiences import ToVisitor
from relay.store.records import PrechatField, SiteSettings
from shared_protocol import frames
from tests.helpers.browser import DESKTOP, keep_screenshot
from tests.helpers.clients import VisitorClient
from tests.helpers.fake_clock import jumping
from tests.helpers.relay_fixtures import AGENT_NAME, RunningRelay, log_in
from tests.helpers.widget import (
    RECORD_FRAMES,
    frames_received,
    login,
    next_received,
    open_chat,
    type_and_send,
)

PASSWORD = "a long enough password"


async def _departments(
    relay: RunningRelay,
    *,
    required: bool = True,
    services_hours: str = "",
    sales: frames.RoutingSettings | None = None,
) -> tuple[int, int]:
    """Sales and Student services (open `services_hours`) on the site "test", whose
    pre-chat form asks a name and the department; Bob works in Sales."""
    store, now = relay.relay.store, time.time()
    site = await store.get_site("test")
    assert site is not None
    prechat = (PrechatField(field="name"), PrechatField(field="department", required=required))
    await store.set_site_settings("test", SiteSettings(name="Test School", prechat=prechat))
    ids = []
    for name, settings in (
        ("Sales", sales or frames.RoutingSettings()),
        ("Student services", frames.RoutingSettings(hours=services_hours)),
    ):
        saved = await store.save_department(
            site.id, None, name, msgspec.json.encode(settings).decode(), now
        )
        assert saved is not None
        ids.append(saved.id)
    await store.add_agent("bob", "Bob", "agent", hash_password(PASSWORD), now)
    await store.set_agent_departments("bob", [ids[0]])
    departments.forget(relay.relay.ctx, site.id)  # saved past the relay: read again
    return ids[0], ids[1]


def _rewriting_welcome(
    change: Mapping[int, Mapping[str, object]],
) -> Callable[[WebSocketRoute], None]:
    """The real relay's frames, with the welcome's department choices changed as `change`
    says (department id → fields to set): what a widget holds when the site's departments
    changed after its welcome."""

    def handler(ws: WebSocketRoute) -> None:
        server = ws.connect_to_server()

        def from_relay(message: str | bytes) -> None:
            frame = json.loads(message)
            if frame.get("type") == "welcome":
                for choice in frame["site"]["departments"]:
                    choice.update(change.get(choice["id"], {}))
            ws.send(json.dumps(frame))

        server.on_message(from_relay)

    return handler


async def test_the_department_picked_goes_in_the_profile_and_the_chat_opens_there(
    page: Page, relay: RunningRelay
) -> None:
    sales, services = await _departments(relay)
    admin = await login(relay)
    bob, _ = await log_in(relay, "bob", PASSWORD)
    await open_chat(page, relay)
    sheet = page.locator(".sheet")
    choice = sheet.get_by_label("Department *")
    await expect(choice).to_be_visible()
    await expect(choice.locator("option")).to_have_text(["Choose…", "Sales", "Student services"])
    await sheet.locator("input[name=name]").fill("Bat")
    await sheet.locator("button.primary").click()  # the department is required
    await expect(sheet.locator("#parley-department")).to_have_text("Please choose a department.")
    await expect(choice).to_have_attribute("aria-invalid", "true")
    await expect(choice).to_be_focused()
    await choice.select_option(label="Sales")
    await expect(sheet.locator("#parley-department")).to_be_hidden()
    await keep_screenshot(page, "widget-department-choice")
    await sheet.locator("button.primary").click()

    placed = await bob.expect_visitor(lambda v: v.name == "Bat")
    assert placed.department == sales
    await expect(page.locator(".compose textarea")).to_be_focused()
    await type_and_send(page, "How much is the IELTS weekend course?")
    opened = await bob.expect(frames.ConversationOpened)
    assert opened.conversation.department == sales != services
    await admin.close()
    await bob.close()


async def test_the_department_labels_are_localised(page: Page, relay: RunningRelay) -> None:
    await _departments(relay, required=False)
    await login(relay)
    await open_chat(page, relay)
    choice = page.locator(".sheet select")
    await expect(choice.locator("option").first).to_have_text("No preference")
    localised = (("zh-CN", "咨询部门", "不限"), ("mn", "Хэлтэс", "Аль нь ч болно"))
    for language, label, first in localised:
        await page.evaluate("l => Parley('setLanguage', l)", language)
        await expect(page.get_by_role("combobox", name=label, exact=True)).to_be_visible()
        await expect(choice.locator("option").first).to_have_text(first)


async def test_a_closed_department_turns_the_form_into_leave_a_message(
    page: Page, relay: RunningRelay
) -> None:
    # The relay's clock says Saturday noon (UTC); Student services works on weekdays.
    offset = datetime(2026, 3, 14, 12, 0, tzinfo=UTC).timestamp() - time.time()
    relay.relay.ctx.clock = lambda: time.time() + offset
    _, services = await _departments(relay, services_hours="mon-fri 09:00-18:00")
    bob, _ = await log_in(relay, "bob", PASSWORD)
    admin = await login(relay)
    await page.add_init_script(RECORD_FRAMES)
    await open_chat(page, relay)
    sheet = page.locator(".sheet")
    choice = sheet.locator("select")
    await expect(choice.locator("option")).to_have_text(
        ["Choose…", "Sales", "\u2068Student services\u2069 (closed now: leave a message)"]
    )
    await sheet.locator("input[name=name]").fill("Ana")
    await choice.focus()
    await choice.select_option(index=2)
    intro = sheet.locator(".intro")
    await expect(intro).to_have_text(
        "Student services is closed right now. Leave a message and we will get back to you."
    )
    await expect(choice).to_be_focused()  # the form changed around it; the cursor stayed
    await expect(sheet.locator("input[name=name]")).to_have_value("Ana")  # kept
    await expect(sheet.locator("button.primary")).to_have_text("Leave a message")
    # Back to an open one: the pre-chat form again, then the closed one once more.
    await choice.select_option(label="Sales")
    await expect(intro).to_have_count(0)
    await expect(sheet.locator("button.primary")).to_have_text("Start chat")
    await choice.select_option(index=2)
    await sheet.locator("button.primary").click()  # contact and message are required
    await expect(sheet.locator("#parley-contact")).to_have_text("Please fill in this field.")
    await sheet.locator("input[name=contact]").fill("ana@example.com")
    await sheet.locator("textarea[name=question]").fill("Can I change my exam date?")
    await sheet.locator("button.primary").click()
    await expect(page.locator(".notice")).to_have_text("Thank you! We will reply within 24 hours.")

    placed = await admin.expect_visitor(lambda v: v.email == "ana@example.com")
    assert (placed.name, placed.department) == ("Ana", services)
    message = await admin.expect(frames.Message)
    assert message.message.text == "Can I change my exam date?"
    assert not any(isinstance(f, frames.Message) for f in bob.received)  # not Sales'
    # A message left is no place in line (the relay sends no `queue` for it); were it to
    # get one that overflows, the form the visitor has just filled in is not offered again.
    await expect(page.locator(".queue")).to_be_hidden()
    opened = await next_received(page, "conversation_opened")
    left = opened["conversation"]
    assert isinstance(left, dict)
    _place(relay, int(str(placed.id)), int(left["id"]), 1, None, overflow=True)
    await expect(page.locator(".queue .place")).to_have_text("You are next in line")
    await expect(page.locator(".queue .busy")).to_be_hidden()
    await admin.close()
    await bob.close()


async def test_with_nobody_online_the_offline_form_asks_the_department_too(
    page: Page, relay: RunningRelay
) -> None:
    _, services = await _departments(relay)
    await open_chat(page, relay)
    sheet = page.locator(".sheet")
    await expect(sheet.locator(".intro")).to_contain_text("No one is online")
    await expect(sheet.locator("select")).to_be_focused()  # the first field, as the panel opened
    await sheet.locator("input[name=contact]").fill("ana@example.com")
    await sheet.locator("textarea[name=question]").fill("When does the office open?")
    await sheet.locator("button.primary").click()
    await expect(sheet.locator("#parley-department")).to_have_text("Please choose a department.")
    await sheet.locator("select").select_option(label="Student services")
    await sheet.locator("button.primary").click()
    await expect(page.locator(".notice")).to_have_text("Thank you! We will reply within 24 hours.")
    await expect(page.locator(".msg.mine .meta")).to_contain_text("Sent")

    agent, snapshot = await log_in(relay, AGENT_NAME)
    [left] = snapshot.conversations
    assert (left.offline, left.department) == (True, services)
    await agent.close()


async def test_a_department_the_relay_refuses_is_said_and_the_rest_of_the_profile_kept(
    page: Page, relay: RunningRelay
) -> None:
    sales, _ = await _departments(relay)
    admin = await login(relay)
    # The site's Sales was deleted after the welcome: the widget offers an id the relay
    # no longer knows, and the relay refuses that profile.
    await page.add_init_script(RECORD_FRAMES)
    change = {sales: {"id": 999_999}}
    await page.route_web_socket(re.compile(r"/ws/visitor$"), _rewriting_welcome(change))
    await open_chat(page, relay)
    sheet = page.locator(".sheet")
    await sheet.locator("input[name=name]").fill("Bat")
    await sheet.locator("select").select_option(label="Sales")
    await sheet.locator("button.primary").click()
    await expect(page.locator(".notice")).to_have_text(
        "That department is no longer available, so your chat goes to our whole team."
    )
    refused = await next_received(page, "error")
    assert refused["code"] == "bad_frame" and str(refused["detail"]).startswith("department:")
    placed = await admin.expect_visitor(lambda v: v.name == "Bat")
    assert placed.department is None
    await type_and_send(page, "Hello?")
    assert (await admin.expect(frames.Message)).message.text == "Hello?"
    await admin.close()


async def _waiting_visitor(
    page: Page, relay: RunningRelay, first: str = "Is anyone there?"
) -> tuple[int, int]:
    """A visitor whose chat nobody has taken yet: (visitor id, conversation id)."""
    await page.add_init_script(RECORD_FRAMES)
    await open_chat(page, relay)
    welcome = await next_received(page, "welcome")
    await type_and_send(page, first)
    opened = await next_received(page, "conversation_opened")
    conversation = opened["conversation"]
    assert isinstance(conversation, dict)
    return int(str(welcome["visitor"])), int(conversation["id"])


def _place(
    relay: RunningRelay,
    visitor: int,
    conversation: int,
    position: int,
    wait: int | None,
    *,
    overflow: bool = False,
) -> None:
    """The relay tells the visitor's tabs their place, over their real sockets (the
    assigner that will send these is being written: relay/features/routing.py)."""
    place = frames.QueuePlace(
        conversation=conversation, position=position, estimated_wait=wait, overflow=overflow
    )
    relay.relay.ctx.broker.publish(ToVisitor(visitor), place)


async def test_the_place_in_the_queue_shows_under_the_header_and_goes_when_an_agent_takes_it(
    page: Page, relay: RunningRelay
) -> None:
    agent = await login(relay)
    visitor, conversation = await _waiting_visitor(page, relay)
    queue = page.locator(".queue")
    line = queue.locator(".place")
    await expect(queue).to_be_hidden()
    _place(relay, visitor, conversation, 3, 120)
    await expect(line).to_have_text("You are number 3 in line \u2014 about 2 minutes")
    await expect(queue).to_have_attribute("role", "status")
    await expect(queue).to_have_attribute("aria-live", "polite")
    await expect(queue.locator(".busy")).to_be_hidden()
    # A new estimate alone changes the words, and is not read out again.
    _place(relay, visitor, conversation, 3, 170)
    await expect(line).to_have_text("You are number 3 in line \u2014 about 3 minutes")
    await expect(queue).to_have_attribute("aria-live", "off")
    _place(relay, visitor, conversation, 2, None)
    await expect(line).to_have_text("You are number 2 in line")
    await expect(queue).to_have_attribute("aria-live", "polite")
    _place(relay, visitor, conversation, 1, 40)
    await expect(line).to_have_text("You are next in line \u2014 less than a minute")
    await expect(page.locator(".compose textarea")).to_be_focused()  # never moved
    await page.evaluate("Parley('setLanguage', 'zh-CN')")
    await expect(line).to_have_text("下一位就是您，预计等待不到 1 分钟")
    _place(relay, visitor, conversation, 4, 300)
    await expect(line).to_have_text("您排在第 4 位，预计等待约 5 分钟")
    await page.evaluate("Parley('setLanguage', 'mn')")
    await expect(line).to_have_text("Таны дарааллын дугаар: 4 \u2014 ойролцоогоор 5 минут хүлээнэ")
    await page.evaluate("Parley('setLanguage', 'en')")

    # An agent takes it: the line goes (and so it does at position 0).
    await agent.send(frames.Accept(conversation=conversation))
    await expect(page.locator(".status")).to_have_text("Alice is answering you")
    await expect(queue).to_be_hidden()
    _place(relay, visitor, conversation, 2, 60)
    await expect(line).to_have_text("You are number 2 in line \u2014 about 1 minute")
    _place(relay, visitor, conversation, 0, None)
    await expect(queue).to_be_hidden()
    await agent.close()


async def test_an_overflowing_queue_offers_to_leave_a_message_and_the_chat_stays_open(
    page: Page, relay: RunningRelay
) -> None:
    agent = await login(relay)
    visitor, conversation = await _waiting_visitor(page, relay)
    line = page.locator(".queue")
    _place(relay, visitor, conversation, 12, 900, overflow=True)
    await expect(line.locator(".place")).to_have_text(
        "You are number 12 in line \u2014 about 15 minutes"
    )
    await expect(line.locator(".busy")).to_have_text(
        "Everyone is busy right now. Leave a message and we will reply."
    )
    await expect(page.locator(".compose textarea")).to_be_focused()  # offered, not forced
    await keep_screenshot(page, "widget-queue")
    await line.get_by_role("button", name="Leave a message").click()
    sheet = page.locator(".sheet")
    await expect(sheet.locator(".intro")).to_contain_text("You keep your place in line.")
    await expect(sheet.locator("select")).to_have_count(0)  # the chat has its department
    await expect(sheet.locator("input[name=name]")).to_be_focused()  # asked for: focus goes in
    await expect(page.locator(".msg.mine .bubble")).to_have_text("Is anyone there?")  # still shown
    await expect(page.locator(".compose")).to_be_hidden()
    await keep_screenshot(page, "widget-queue-leave")

    # "Back to the chat" keeps what was typed; then the message is left after all.
    await sheet.locator("input[name=contact]").fill("+976 9911 2233")
    await sheet.get_by_role("button", name="Back to the chat").click()
    await expect(page.locator(".compose textarea")).to_be_focused()
    await expect(sheet).to_be_hidden()
    await line.get_by_role("button", name="Leave a message").click()
    await expect(sheet.locator("input[name=contact]")).to_have_value("+976 9911 2233")
    await sheet.locator("textarea[name=question]").fill("Please call me back about fees.")
    await sheet.locator("button.primary").click()
    await expect(page.locator(".notice")).to_have_text("Thank you! We will reply within 24 hours.")
    await expect(page.locator(".compose")).to_be_visible()
    await expect(line.locator(".busy")).to_be_hidden()  # left: not offered again
    await expect(line.locator(".place")).to_be_visible()

    first = await agent.expect(frames.Message)
    assert first.message.text == "Is anyone there?"
    left = await agent.expect(frames.Message)
    assert (left.message.conversation, left.message.text) == (
        conversation,
        "Please call me back about fees.",
    )
    await agent.expect_visitor(lambda v: v.phone == "+976 9911 2233")
    await agent.close()


async def test_in_chinese_the_queue_and_its_offer_are_in_chinese(
    browser: Browser, relay: RunningRelay
) -> None:
    agent = await login(relay)
    context = await browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = await context.new_page()
    visitor, conversation = await _waiting_visitor(page, relay, "请问雅思周末班还有名额吗？")
    queue = page.locator(".queue")
    _place(relay, visitor, conversation, 4, 300)
    await expect(queue.locator(".place")).to_have_text("您排在第 4 位，预计等待约 5 分钟")
    await expect(queue.locator(".busy")).to_be_hidden()
    await keep_screenshot(page, "widget-queue-zh-CN")
    _place(relay, visitor, conversation, 4, 300, overflow=True)
    await expect(queue.locator(".busy")).to_have_text("客服都在忙。您可以留言，我们会尽快回复。")
    await queue.get_by_role("button", name="留言").click()
    await expect(page.locator(".sheet .intro")).to_contain_text("您的排队位置会保留")
    await expect(page.locator(".sheet").get_by_role("button", name="返回对话")).to_be_visible()
    await context.close()
    await agent.close()


async def test_a_transfer_and_a_take_over_are_said_in_the_log_and_the_header(
    page: Page, relay: RunningRelay
) -> None:
    now = time.time()
    for name in ("bob", "carl"):
        await relay.relay.store.add_agent(name, name.title(), "agent", hash_password(PASSWORD), now)
    bob, _ = await log_in(relay, "bob", PASSWORD)
    carl, carl_in = await log_in(relay, "carl", PASSWORD)
    alice = await login(relay)
    await page.add_init_script(RECORD_FRAMES)
    await open_chat(page, relay)
    await type_and_send(page, "My visa letter has a typo.")
    conversation = (await bob.expect(frames.Message)).message.conversation
    await bob.send(frames.Accept(conversation=conversation))
    await expect(page.locator(".status")).to_have_text("Bob is answering you")
    await bob.say(conversation, "Let me find someone who can fix it.")
    await expect(page.locator(".msg.theirs")).to_have_count(1)
    await expect(page.locator(".event")).to_have_count(0)  # the first agent: the header says it

    # Bob hands it to Carl with a note; the chat is Carl's once he accepts.
    note = "TRANSFER-NOTE-5e1 letters are Carl's"
    await bob.send(
        frames.TransferRequest(conversation=conversation, agent=carl_in.agent.id, note=note)
    )
    update = await carl.expect(frames.ConversationUpdated)
    while update.conversation.status != "transferring":
        update = await carl.expect(frames.ConversationUpdated)
    await carl.send(frames.Accept(conversation=conversation))
    lines = page.locator(".log .event")
    await expect(lines).to_have_text(["You are now chatting with Carl"])
    await expect(page.locator(".status")).to_have_text("Carl is answering you")
    await expect(page.locator(".logo")).to_have_text("C")
    await carl.say(conversation, "Hi, Carl here. Which name is wrong?")

    # Alice, an admin, takes it over (relay/core/conversations.py, rule 2).
    await alice.send(frames.Accept(conversation=conversation))
    await expect(lines).to_have_text(
        ["You are now chatting with Carl", "You are now chatting with Alice"]
    )
    await expect(page.locator(".status")).to_have_text("Alice is answering you")
    await alice.say(conversation, "Hi, I am Alice from the visa office. It is fixed.")
    await expect(page.locator(".msg.theirs")).to_have_count(3)
    order = await page.locator(".log > *").evaluate_all("rows => rows.map(r => r.className)")
    kinds = [o.split()[0] for o in order]
    assert kinds == ["msg", "msg", "event", "msg", "event", "msg"], order
    received = await page.evaluate("JSON.stringify(window.__received)")
    assert "TRANSFER-NOTE-5e1" not in received  # the note stays with the agents
    await keep_screenshot(page, "widget-transfer")
    await page.evaluate("Parley('setLanguage', 'zh-CN')")
    await expect(lines.last).to_have_text("现在由 Alice 为您服务")
    await page.evaluate("Parley('setLanguage', 'mn')")
    await expect(lines.last).to_have_text("Одоо Alice танд хариулж байна")
    for client in (alice, bob, carl):
        await client.close()


async def test_a_note_or_whisper_never_reaches_the_page_and_the_reply_after_it_does(
    page: Page, relay: RunningRelay
) -> None:
    now = time.time()
    await relay.relay.store.add_agent("bob", "Bob", "agent", hash_password(PASSWORD), now)
    bob, _ = await log_in(relay, "bob", PASSWORD)
    alice, _ = await log_in(relay, AGENT_NAME)
    await page.add_init_script(RECORD_FRAMES)
    await open_chat(page, relay)
    await type_and_send(page, "Can I pay in two parts?")
    conversation = (await bob.expect(frames.Message)).message.conversation
    await bob.send(frames.Accept(conversation=conversation))
    # Bob's own note, and his supervisor's whisper after joining the chat.
    await bob.send(frames.Note(id="n-bob", conversation=conversation, text="NOTE-7f3a check"))
    assert (await bob.expect(frames.Ack)).id == "n-bob"
    await alice.send(frames.Join(conversation=conversation))
    await alice.send(
        frames.Note(id="n-alice", conversation=conversation, text="WHISPER-91c2 say yes")
    )
    assert (await alice.expect(frames.Ack)).id == "n-alice"
    whisper = await bob.expect(frames.Message)  # the agents of the chat have it
    assert whisper.message.text == "WHISPER-91c2 say yes"
    await bob.say(conversation, "Yes, two payments are fine.")
    await expect(page.locator(".msg.theirs .bubble")).to_have_text("Yes, two payments are fine.")

    async def never_seen() -> None:
        received = await page.evaluate("JSON.stringify(window.__received)")
        assert "NOTE-7f3a" not in received and "WHISPER-91c2" not in received
        assert '"internal"' not in received
        shown = await page.locator("body").evaluate(
            "b => b.innerText + document.querySelector('parley-chat').shadowRoot.textContent"
        )
        assert "NOTE-7f3a" not in shown and "WHISPER-91c2" not in shown

    await never_seen()
    # Nor after a reload, when the widget fetches the chat's history from the start.
    await page.reload()
    await expect(page.locator(".msg")).to_have_count(2)
    await next_received(page, "history")
    await never_seen()
    await bob.close()
    await alice.close()


async def test_a_real_queue_tells_the_place_and_the_wait_and_ends_when_the_agent_takes_it(
    page: Page, relay: RunningRelay
) -> None:
    # relay/features/routing.py: Sales offers one chat at a time to Bob, who takes one.
    sales, _ = await _departments(
        relay, sales=frames.RoutingSettings(offer_seconds=300, owner_first_seconds=0)
    )
    await relay.relay.store.set_agent_routing("bob", max_chats=1)
    clock = jumping(relay.relay)
    bob, bob_in = await log_in(relay, "bob", PASSWORD)
    first = await VisitorClient.connect(relay.url, site="test")
    await first.expect(frames.Welcome)
    await first.send(frames.Profile(name="Ana", department=sales))
    ana = (await first.say("Hello, I am Ana")).conversation
    offered = await bob.expect(frames.ConversationUpdated)
    while offered.conversation.offered_to != bob_in.agent.id:
        offered = await bob.expect(frames.ConversationUpdated)
    clock.advance(60)  # Ana waited a minute at place 1: the estimate is a minute a place
    await bob.send(frames.Accept(conversation=ana))

    await page.add_init_script(RECORD_FRAMES)
    await open_chat(page, relay)
    sheet = page.locator(".sheet")
    await sheet.locator("input[name=name]").fill("Bat")
    await sheet.locator("select").select_option(label="Sales")
    await sheet.locator("button.primary").click()
    await type_and_send(page, "Is the May group full?")
    line = page.locator(".queue .place")
    await expect(line).to_have_text("You are next in line \u2014 about 1 minute")
    third = await VisitorClient.connect(relay.url, site="test")
    await third.expect(frames.Welcome)
    await third.send(frames.Profile(name="Cai", department=sales))
    await third.say("Hello from Cai")
    behind = await third.expect(frames.QueuePlace)
    assert (behind.position, behind.estimated_wait) == (2, 120)
    await expect(line).to_have_text("You are next in line \u2014 about 1 minute")

    # Bob finishes with Ana, is offered Bat's chat and takes it: the line goes.
    await bob.send(frames.Close(conversation=ana))
    bat = int(str((await next_received(page, "queue"))["conversation"]))
    offered = await bob.expect(frames.ConversationUpdated)
    while offered.conversation.id != bat or offered.conversation.offered_to is None:
        offered = await bob.expect(frames.ConversationUpdated)
    await bob.send(frames.Accept(conversation=bat))
    await expect(page.locator(".status")).to_have_text("Bob is answering you")
    await expect(page.locator(".queue")).to_be_hidden()
    await expect(page.locator(".event")).to_have_count(0)  # the first agent: no handover line
    places = [f["position"] for f in await frames_received(page, "queue")]
    assert places[0] == 1 and 0 not in places[:-1], places
    for client in (bob, first, third):
        await client.close()

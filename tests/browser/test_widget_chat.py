"""The widget in real Chromium against a real relay: chatting, reloading, resending."""

from __future__ import annotations

import re

from playwright.async_api import Page, expect

from shared_protocol import frames
from tests.helpers.browser import PageWatch, serve_pages, site_page
from tests.helpers.relay_fixtures import AGENT_NAME, RunningRelay, relay_stopped
from tests.helpers.widget import PAGES, login, open_chat, type_and_send


async def test_visitor_message_reaches_agent_and_reply_shows_with_its_time(
    page: Page, relay: RunningRelay
) -> None:
    photo = f"{relay.http}/site/alice.svg"
    await relay.relay.store.set_agent_profile(AGENT_NAME, display_name=None, avatar_url=photo)
    agent = await login(relay)
    await open_chat(page, relay)
    await expect(page.locator(".status")).to_have_text("We are online and reply in minutes")
    await type_and_send(page, "Do you have weekend classes?")
    delivered = await agent.expect(frames.Message)
    assert delivered.message.text == "Do you have weekend classes?"
    await expect(page.locator(".msg.mine .meta")).to_contain_text("Sent")

    await agent.say(
        delivered.message.conversation, "Yes, on Saturdays. See https://example.com/sat"
    )
    reply = page.locator(".msg.theirs")
    await expect(reply.locator(".bubble")).to_have_text(
        "Yes, on Saturdays. See https://example.com/sat"
    )
    await expect(reply.locator(".meta")).to_have_text(re.compile(r"^Alice · \d\d:\d\d$"))
    link = reply.locator("a")
    await expect(link).to_have_attribute("href", "https://example.com/sat")
    await expect(link).to_have_attribute("rel", "noopener noreferrer")
    # The header now shows who answers, with the agent's photo.
    await expect(page.locator(".status")).to_have_text("Alice is answering you")
    await expect(page.locator(".logo img")).to_have_attribute("src", photo)
    await page.reload()
    await expect(page.locator(".status")).to_have_text("Alice is answering you")
    await agent.close()


async def test_reload_and_navigation_keep_the_conversation(page: Page, relay: RunningRelay) -> None:
    agent = await login(relay)
    await open_chat(page, relay)
    await type_and_send(page, "first question")
    conversation = (await agent.expect(frames.Message)).message.conversation
    await agent.say(conversation, "first answer")
    await expect(page.locator(".msg.theirs")).to_have_count(1)

    await page.reload()
    await expect(page.locator(".panel")).to_be_visible()  # it stays open, as the visitor left it
    await expect(page.locator(".bubble")).to_have_text(["first question", "first answer"])

    await page.locator("#next").click()
    await page.wait_for_url("**/prices.html")
    await expect(page.locator(".bubble")).to_have_text(["first question", "first answer"])
    await agent.expect_visitor(lambda v: v.page is not None and v.page.url.endswith("prices.html"))
    await type_and_send(page, "second question")
    second = await agent.expect(frames.Message)
    assert (second.message.conversation, second.message.seq) == (conversation, 3)
    await agent.close()


async def test_messages_typed_while_the_relay_is_down_arrive_once_in_order(
    page: Page, relay: RunningRelay, watch: PageWatch
) -> None:
    watch.expect_outage()
    await login(relay)  # an agent is online, so the widget offers the chat itself
    await open_chat(page, relay)
    await type_and_send(page, "before the outage")
    await expect(page.locator(".msg.mine .meta")).to_contain_text("Sent")
    async with relay_stopped(relay):
        await type_and_send(page, "during the outage, one")
        await type_and_send(page, "during the outage, two")
        await expect(page.locator(".msg.sending")).to_have_count(2)

    await expect(page.locator(".msg.sending")).to_have_count(0, timeout=20_000)
    conversation = await relay.relay.store.current_conversation(1)
    assert conversation is not None
    stored = await relay.relay.store.messages_after(conversation.id, 0, 10)
    assert [m.text for m in stored] == [
        "before the outage",
        "during the outage, one",
        "during the outage, two",
    ]
    await expect(page.locator(".bubble")).to_have_text([m.text for m in stored])


QUEUE_STUB = (
    "<script>window.Parley=window.Parley||function(){(Parley.q=Parley.q||[]).push(arguments)};"
    "Parley('setVisitor',{name:'Queued Ana',email:'ana@example.com'});Parley('open');</script>"
)


async def test_calls_made_before_the_script_loads_are_queued_and_run(
    page: Page, relay: RunningRelay
) -> None:
    agent = await login(relay)
    await serve_pages(page, relay.http, {"stub.html": site_page("Stub", head=QUEUE_STUB)})
    await page.goto(f"{relay.http}/site/stub.html")
    await expect(page.locator(".panel")).to_be_visible()  # Parley('open') ran
    update = await agent.expect_visitor(lambda v: v.name == "Queued Ana")
    assert update.email == "ana@example.com"
    assert await page.evaluate("typeof window.Parley.q") == "undefined"  # the real API now
    await agent.close()


async def test_keyboard_alone_opens_chats_and_closes_and_agent_typing_shows(
    page: Page, relay: RunningRelay
) -> None:
    agent = await login(relay)
    await serve_pages(page, relay.http, PAGES)
    await page.goto(f"{relay.http}/site/home.html")
    await page.locator(".launcher").focus()
    await page.keyboard.press("Enter")
    box = page.locator(".compose textarea")
    await expect(box).to_be_focused()
    await page.keyboard.type("first line")
    await page.keyboard.press("Shift+Enter")
    await page.keyboard.type("second line")
    await page.keyboard.press("Enter")
    delivered = await agent.expect(frames.Message)
    assert delivered.message.text == "first line\nsecond line"
    await agent.send(
        frames.AgentTypingSet(conversation=delivered.message.conversation, active=True)
    )
    await expect(page.locator(".typing")).to_have_text("Alice is typing…")
    await page.keyboard.press("Escape")
    await expect(page.locator(".panel")).to_be_hidden()
    await expect(page.locator(".launcher")).to_be_focused()
    await expect(page.locator(".launcher")).to_have_attribute("aria-expanded", "false")
    await agent.close()


async def test_a_quoted_reply_and_a_withdrawn_message_show_in_the_widget(
    page: Page, relay: RunningRelay
) -> None:
    agent = await login(relay)
    await open_chat(page, relay)
    await type_and_send(page, "How much is the weekend course?")
    conversation = (await agent.expect(frames.Message)).message.conversation
    wrong = await agent.say(conversation, "It is ¥2,300")
    await agent.send(
        frames.AgentSend(
            id="fix-1", conversation=conversation, text="¥3,200, books included", reply_to=1
        )
    )
    await agent.expect(frames.Ack)
    answer = page.locator(".msg.theirs").last
    await expect(answer.locator(".quote")).to_have_text("YouHow much is the weekend course?")
    await expect(answer.locator(".bubble")).to_contain_text("¥3,200, books included")
    exact = await answer.locator(".meta").get_attribute("title")
    assert exact is not None and re.search(r"\d{4}", exact)  # the full date on hover

    await agent.send(frames.Withdraw(conversation=conversation, seq=wrong.seq))
    withdrawn = page.locator(".msg.withdrawn")
    await expect(withdrawn.locator(".bubble")).to_have_text("A message was withdrawn")
    await expect(page.locator(".log")).not_to_contain_text("2,300")
    await page.reload()  # from history: still withdrawn
    await expect(page.locator(".msg.withdrawn .bubble")).to_have_text("A message was withdrawn")
    await expect(page.locator(".log")).not_to_contain_text("2,300")
    await agent.close()

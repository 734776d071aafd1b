"""Pre-chat form, the offline form, languages, page views and the typing preview."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, Page, expect

from shared_protocol import frames
from shared_protocol.frames import PrechatField, SiteSettings
from tests.browser.test_widget_chat import login, type_and_send
from tests.helpers.browser import DESKTOP, serve_pages, site_page
from tests.helpers.clients import AgentClient
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay


async def open_widget(page: Page, relay: RunningRelay) -> None:
    await serve_pages(page, relay.http, {"home.html": site_page("Home")})
    await page.goto(f"{relay.http}/site/home.html")
    await page.locator(".launcher").click()


async def test_offline_form_leaves_a_message_that_agents_find_later(
    page: Page, relay: RunningRelay
) -> None:
    await open_widget(page, relay)
    await expect(page.locator(".status")).to_have_text("We usually reply within 24 hours")
    sheet = page.locator(".sheet")
    await expect(sheet.locator(".intro")).to_contain_text("No one is online")
    await expect(page.locator(".compose")).to_be_hidden()
    await sheet.locator("input[name=name]").fill("Ana")
    await sheet.locator("input[name=contact]").fill("ana@example.com")
    await sheet.locator("textarea[name=question]").fill("Please call me about IELTS prices.")
    await sheet.locator("button.primary").click()
    await expect(page.locator(".notice")).to_have_text("Thank you! We will reply within 24 hours.")
    await expect(page.locator(".msg.mine .meta")).to_contain_text("Sent")

    agent = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    snapshot = await agent.expect(frames.LoginOk)
    [left] = snapshot.conversations
    assert left.offline is True
    history = await relay.relay.store.messages_after(left.id, 0, 10)
    assert [m.text for m in history] == ["Please call me about IELTS prices."]
    visitor = await relay.relay.store.current_conversation(left.visitor)
    assert visitor is not None
    await agent.close()


async def test_pre_chat_form_asks_the_configured_fields_before_the_first_message(
    page: Page, relay: RunningRelay
) -> None:
    settings = SiteSettings(
        name="Test School",
        prechat=[PrechatField(field="name", required=True), PrechatField(field="phone")],
    )
    await relay.relay.store.set_site_settings("test", settings)
    agent = await login(relay)
    await open_widget(page, relay)
    await expect(page.locator(".title")).to_have_text("Test School")
    sheet = page.locator(".sheet")
    await expect(sheet.locator("input")).to_have_count(2)
    await sheet.locator("button.primary").click()  # the name is required
    await expect(page.locator(".compose")).to_be_hidden()
    await sheet.locator("input[name=name]").fill("Bat-Erdene")
    await sheet.locator("input[name=phone]").fill("+976 9911 2233")
    await sheet.locator("button.primary").click()
    await expect(page.locator(".compose")).to_be_visible()
    update = await agent.expect_visitor(lambda v: v.name == "Bat-Erdene")
    assert update.phone == "+976 9911 2233"
    await type_and_send(page, "Hello")
    assert (await agent.expect(frames.Message)).message.text == "Hello"
    await agent.close()


@pytest.mark.parametrize(
    ("locale", "site_language", "placeholder"),
    [
        ("en-GB", "", "Write a message…"),
        ("zh-CN", "", "请输入消息…"),
        ("mn-MN", "", "Зурвас бичих…"),
        ("en-GB", "zh-CN", "请输入消息…"),
        ("zh-CN", "mn", "Зурвас бичих…"),
    ],
)
async def test_language_follows_the_browser_unless_the_site_sets_one(
    browser: Browser, relay: RunningRelay, locale: str, site_language: str, placeholder: str
) -> None:
    await relay.relay.store.set_site_settings("test", SiteSettings(language=site_language))
    await login(relay)
    context = await browser.new_context(viewport=DESKTOP, locale=locale)
    page = await context.new_page()
    await open_widget(page, relay)
    await expect(page.locator(".compose textarea")).to_have_attribute("placeholder", placeholder)
    await context.close()


async def test_single_page_app_route_changes_and_typing_reach_the_agent(
    page: Page, relay: RunningRelay
) -> None:
    agent = await login(relay)
    await open_widget(page, relay)
    await page.evaluate("history.pushState({}, '', '/site/courses/ielts')")
    await agent.expect_visitor(lambda v: v.page is not None and v.page.url.endswith("/ielts"))
    await page.locator(".compose textarea").press_sequentially("How much", delay=40)
    preview = await agent.expect(frames.TypingPreview)
    while preview.text != "How much":
        preview = await agent.expect(frames.TypingPreview)
    await agent.close()


RECORD_SENT_TYPES = """
  window.__sent = [];
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    try { window.__sent.push(JSON.parse(data).type); } catch (e) {}
    return send.call(this, data);
  };
"""


@pytest.mark.parametrize(("preview", "notice"), [(True, True), (False, False), (True, False)])
async def test_drafts_are_sent_only_when_the_site_allows_and_the_notice_says_so(
    page: Page, relay: RunningRelay, preview: bool, notice: bool
) -> None:
    settings = SiteSettings(typing_preview=preview, typing_notice=notice)
    await relay.relay.store.set_site_settings("test", settings)
    agent = await login(relay)
    await page.add_init_script(RECORD_SENT_TYPES)
    await open_widget(page, relay)
    note = page.locator(".draft-note")
    if notice:
        await expect(note).to_have_text("Our team sees what you type before you send it.")
    else:
        await expect(note).to_be_hidden()
    await page.locator(".compose textarea").press_sequentially("Is it open", delay=30)
    await page.wait_for_timeout(600)  # longer than the preview's throttle
    sent = await page.evaluate("window.__sent")
    assert ("typing" in sent) is preview
    await agent.close()

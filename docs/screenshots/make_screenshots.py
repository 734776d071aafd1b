"""Takes the README's screenshots of the widget on the demo site, in Debian's Chromium.

Run: .venv/bin/python docs/screenshots/make_screenshots.py   (writes PNGs beside this file)
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

import aiohttp  # noqa: E402
from playwright.async_api import Browser, Page, ViewportSize  # noqa: E402

from shared_protocol import frames  # noqa: E402
from tests.helpers.browser import DESKTOP, PHONE, launch_browser  # noqa: E402
from tests.helpers.clients import AgentClient  # noqa: E402
from tests.helpers.images import png  # noqa: E402
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, start_relay  # noqa: E402


async def visitor_page(browser: Browser, viewport: ViewportSize, url: str) -> Page:
    context = await browser.new_context(viewport=viewport, locale="en-GB", device_scale_factor=1)
    page = await context.new_page()
    await page.goto(url)
    await page.locator(".launcher").wait_for()
    await page.wait_for_timeout(300)
    return page


async def chat_scene(browser: Browser, base: str, agent: AgentClient, kind: str) -> None:
    viewport = DESKTOP if kind == "desktop" else PHONE
    page = await visitor_page(browser, viewport, f"{base}/demo/courses.html")
    await page.screenshot(path=HERE / f"launcher-{kind}.png")
    await page.locator(".launcher").click()
    await page.locator(".sheet input[name=name]").wait_for()
    await page.screenshot(path=HERE / f"prechat-{kind}.png")
    await page.locator(".sheet input[name=name]").fill("Ana")
    await page.locator(".sheet button.primary").click()
    box = page.locator(".compose textarea")
    await box.fill("Hello! Is the IELTS weekend course still open for May?")
    await box.press("Enter")
    conversation = (await agent.expect(frames.Message)).message.conversation
    await agent.say(
        conversation, "Hi Ana! Yes, two places are left in the May group (Saturdays 9–12)."
    )
    await page.locator(".msg.theirs").wait_for()
    await box.fill("Great. How much is it?")
    await box.press("Enter")
    asked = (await agent.expect(frames.Message)).message
    await agent.send(frames.AgentRead(conversation=conversation, seq=asked.seq))  # "Seen"
    await page.locator(".seen").wait_for()
    await agent.say(conversation, "¥4,800 for 10 weeks. Details: https://example.com/ielts")
    await agent.send(frames.AgentTypingSet(conversation=conversation, active=True))
    await page.locator(".typing").wait_for()
    await page.wait_for_timeout(300)
    await page.screenshot(path=HERE / f"chat-{kind}.png")
    await page.context.close()


async def craft_scene(
    browser: Browser, base: str, agent: AgentClient, welcome: frames.LoginOk
) -> None:
    """Quote, withdraw and files, as the visitor sees them."""
    page = await visitor_page(browser, DESKTOP, f"{base}/demo/prices.html")
    await page.locator(".launcher").click()
    await page.locator(".sheet input[name=name]").fill("Wang Fang")
    await page.locator(".sheet button.primary").click()
    box = page.locator(".compose textarea")
    await box.fill("How much is the weekend course?")
    await box.press("Enter")
    asked = (await agent.expect(frames.Message)).message
    wrong = await agent.say(asked.conversation, "It is ¥2,300 for 10 weeks.")
    await agent.send(frames.Withdraw(conversation=asked.conversation, seq=wrong.seq))
    await agent.send(
        frames.AgentSend(
            id="quote-1",
            conversation=asked.conversation,
            text="¥3,200 for 10 weeks, books included.",
            reply_to=asked.seq,
        )
    )
    headers = {"Authorization": f"Agent {welcome.token}", "X-File-Name": "IELTS-brochure.pdf"}
    async with (
        aiohttp.ClientSession() as http,
        http.post(welcome.files_url, data=b"%PDF-1.7 " * 20000, headers=headers) as response,
    ):
        brochure = frames.Attachment(**(await response.json())["file"])
    await agent.send(
        frames.AgentSend(
            id="file-1", conversation=asked.conversation, text=brochure.name, file=brochure.id
        )
    )
    async with page.expect_file_chooser() as chooser:
        await page.locator(".attach").click()
    await (await chooser.value).set_files(
        {
            "name": "my-level-test.png",
            "mimeType": "image/png",
            "buffer": png(330, 100, (59, 130, 246)),
        }
    )
    await page.locator(".msg.mine .thumb[src^=blob]").wait_for()
    await page.wait_for_timeout(400)
    await page.locator(".msg.withdrawn").evaluate(  # show it from the withdrawn message on
        "m => { m.parentNode.scrollTop = m.offsetTop - m.parentNode.offsetTop - 8; }"
    )
    await page.screenshot(path=HERE / "chat-craft.png")
    await page.context.close()


async def offline_scene(browser: Browser, base: str, kind: str) -> None:
    page = await visitor_page(browser, DESKTOP if kind == "desktop" else PHONE, f"{base}/demo/")
    await page.locator(".launcher").click()
    await page.locator(".sheet .intro").wait_for()
    await page.locator(".sheet input[name=name]").fill("Bat-Erdene")
    await page.locator(".sheet input[name=contact]").fill("+976 9911 2233")
    await page.locator(".sheet textarea").fill("Do you have evening classes for beginners?")
    await page.wait_for_timeout(200)
    await page.screenshot(path=HERE / f"offline-{kind}.png")
    await page.context.close()


async def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        relay = await start_relay(Path(scratch) / "data")
        try:
            async for browser in launch_browser():
                agent = await AgentClient.connect(
                    relay.url, user=AGENT_NAME, password=AGENT_PASSWORD
                )
                welcome = await agent.expect(frames.LoginOk)
                for kind in ("desktop", "phone"):
                    await chat_scene(browser, relay.http, agent, kind)
                await craft_scene(browser, relay.http, agent, welcome)
                await agent.close()
                await asyncio.sleep(0.3)
                for kind in ("desktop", "phone"):
                    await offline_scene(browser, relay.http, kind)
        finally:
            await relay.relay.stop()
    print("screenshots written to", HERE)


if __name__ == "__main__":
    asyncio.run(main())

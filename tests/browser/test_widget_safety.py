"""The widget against hostile pages and hostile text: it neither breaks nor is broken."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from shared_protocol import frames
from tests.helpers.browser import (
    keep_screenshot,
    reads_left_to_right_after,
    serve_pages,
    site_page,
)
from tests.helpers.clients import new_id
from tests.helpers.relay_fixtures import AGENT_NAME, RunningRelay
from tests.helpers.widget import login, type_and_send

HOSTILE_CSS = """<style>
  * { all: unset !important; }
  div, section, button, form { display: none !important; }
  html, body { font-size: 48px !important; line-height: 3 !important; }
  parley-chat { display: none !important; }
  #content { display: block !important; width: 600px !important; height: 900px !important;
             background: #eee !important; }
</style>"""
CONTENT = "<main id='content'>The site's own content</main>"


async def _layout(page: Page) -> dict[str, float]:
    layout: dict[str, float] = await page.evaluate(
        """() => {
          const box = document.querySelector('#content').getBoundingClientRect();
          const root = document.documentElement;
          return {x: box.x, y: box.y, w: box.width, h: box.height,
                  sw: root.scrollWidth, sh: root.scrollHeight};
        }"""
    )
    return layout


async def test_hostile_page_css_neither_breaks_the_widget_nor_is_changed_by_it(
    page: Page, relay: RunningRelay
) -> None:
    agent = await login(relay)
    hostile = site_page("Hostile", CONTENT, head=HOSTILE_CSS)
    # The same page without the widget: the script element stays, with nothing to load.
    plain = hostile.replace('src="/widget.js" ', "")
    assert plain != hostile
    pages = {"plain.html": plain, "hostile.html": hostile}
    await serve_pages(page, relay.http, pages)
    await page.goto(f"{relay.http}/site/plain.html")
    without_widget = await _layout(page)

    await page.goto(f"{relay.http}/site/hostile.html")
    launcher = page.locator(".launcher")
    await expect(launcher).to_be_visible()
    box = await launcher.bounding_box()
    assert box is not None and (box["width"], box["height"]) == (56, 56)
    assert await _layout(page) == without_widget

    await launcher.click()
    await expect(page.locator(".panel")).to_be_visible()
    await type_and_send(page, "Hello from a hostile page")
    assert (await agent.expect(frames.Message)).message.text == "Hello from a hostile page"
    font_size = await page.locator(".bubble").evaluate("e => getComputedStyle(e).fontSize")
    assert font_size == "14px"
    assert await _layout(page) == without_widget
    await agent.close()


PAYLOADS = [
    '<img src=x onerror="window.__pwned=1;alert(1)">',
    "<script>window.__pwned=2;alert(2)</script>",
    "javascript:alert(3)",
    '<a href="javascript:alert(4)">click</a>',
    "<svg onload=alert(5)>",
]


async def test_markup_in_messages_and_names_is_shown_as_text_and_never_runs(
    page: Page, relay: RunningRelay
) -> None:
    agent = await login(relay)
    await serve_pages(page, relay.http, {"home.html": site_page("Home")})
    await page.goto(f"{relay.http}/site/home.html")
    await page.locator(".launcher").click()
    await type_and_send(page, PAYLOADS[0])
    conversation = (await agent.expect(frames.Message)).message.conversation
    for payload in PAYLOADS:
        await agent.say(conversation, payload)
    theirs = page.locator(".msg.theirs .bubble")
    await expect(theirs).to_have_text(PAYLOADS)
    await expect(page.locator(".msg.mine .bubble")).to_have_text(PAYLOADS[0])
    # Nothing became an element: no images, scripts or svg, and no javascript: link.
    assert await page.locator(".log img, .log script, .log svg").count() == 0
    assert await page.locator(".log a").count() == 0
    assert await page.evaluate("window.__pwned") is None
    await agent.close()


BIDI_CONTROLS = {
    "right-to-left-override": "\u202e",
    "right-to-left-embedding": "\u202b",
    "right-to-left-isolate": "\u2067",
}


@pytest.mark.parametrize("control", BIDI_CONTROLS.values(), ids=BIDI_CONTROLS.keys())
async def test_bidi_controls_in_a_name_do_not_reorder_the_rest_of_its_row(
    page: Page, relay: RunningRelay, control: str
) -> None:
    name = f"Alice{control}"
    await relay.relay.store.set_agent_profile(AGENT_NAME, display_name=name, avatar_url=None)
    agent = await login(relay)
    await serve_pages(page, relay.http, {"home.html": site_page("Home")})
    await page.goto(f"{relay.http}/site/home.html")
    await page.locator(".launcher").click()
    await type_and_send(page, f"Is the {control}course full?")
    conversation = (await agent.expect(frames.Message)).message.conversation
    await agent.send(
        frames.AgentSend(
            id=new_id(), conversation=conversation, text=f"Yes{control}, nearly.", reply_to=1
        )
    )
    await agent.expect(frames.Ack)
    await agent.send(frames.AgentTypingSet(conversation=conversation, active=True))

    # The agent's name, then the time: the time reads left to right, right of the name.
    meta = page.locator(".msg.theirs .meta")
    await expect(meta).to_have_text(re.compile(rf"^{name} · \d\d:\d\d$"))
    assert await reads_left_to_right_after(meta, name)
    name_style = await meta.locator("span").evaluate(
        "e => [getComputedStyle(e).unicodeBidi, e.dir]"
    )
    assert name_style == ["isolate", "auto"]
    typing = page.locator(".typing")
    await expect(typing).to_have_text(f"{name} is typing…")
    assert await reads_left_to_right_after(typing, name)
    status = page.locator(".status")  # the header
    await expect(status).to_have_text(f"{name} is answering you")
    assert await reads_left_to_right_after(status, name)
    assert await page.locator(".logo").text_content() == "A"
    # The visitor's own text and the quote of it are isolates too.
    quote = page.locator(".msg.theirs .quote")
    await expect(quote).to_have_text(f"YouIs the {control}course full?")
    for text in [page.locator(".msg.theirs .quote span"), page.locator(".msg.mine .bubble")]:
        assert await text.evaluate("e => getComputedStyle(e).unicodeBidi") == "isolate"
    await keep_screenshot(page, f"bidi-{control.encode('unicode_escape').decode()[1:]}")
    await agent.close()

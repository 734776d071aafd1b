"""The widget on pages with a strict Content-Security-Policy: the policy README.md gives site
owners is enough for everything (chat both ways, files, previews, photos), and a policy that
refuses the relay's socket, or a relay that cannot be reached, is said to the visitor plainly
instead of "Sending…" forever."""

from __future__ import annotations

import re
import time

import pytest
from playwright.async_api import Browser, Locator, Page, expect

from relay.store.records import SiteSettings
from shared_protocol import frames
from tests.helpers.browser import DESKTOP, PageWatch, keep_screenshot, serve_site, site_page
from tests.helpers.clients import AgentClient, new_id
from tests.helpers.images import PNG, png
from tests.helpers.relay_fixtures import (
    AGENT_NAME,
    AGENT_PASSWORD,
    RunningRelay,
    relay_stopped,
    restart_relay,
)
from tests.helpers.widget import agent_upload, login, open_chat, type_and_send

SITE = "http://school.test"  # the site's own origin, not the relay's
CDN = "http://cdn.school.test"  # where the site keeps its logo and the agents' photos
PHOTO = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 2 2'><circle r='1'/></svg>"
BLOB = re.compile(r"^blob:")

# Every refusal the page sees, as "directive blocked-URL", and every socket the page opens.
WATCH_POLICY = """
  window.__violations = [];
  document.addEventListener('securitypolicyviolation',
    e => window.__violations.push(e.effectiveDirective + ' ' + e.blockedURI));
  window.__sockets = 0;
  const Socket = WebSocket;
  window.WebSocket = function (url, protocols) {
    window.__sockets += 1;
    return new Socket(url, protocols);
  };
  window.WebSocket.prototype = Socket.prototype;
"""


def files_origin(relay: RunningRelay) -> str:
    return f"http://127.0.0.1:{relay.relay.ctx.files_port}"


def policy(relay: RunningRelay, *, socket: bool = True) -> str:
    """The sources README.md lists for site owners on top of `default-src 'none'`, so that
    nothing else is allowed. Without `socket`, the relay's ws:// source is left out."""
    relay_ws = relay.http.replace("http://", "ws://")
    connect = f"{relay_ws} {files_origin(relay)}" if socket else files_origin(relay)
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {relay.http}",
            f"connect-src {connect}",
            f"style-src {relay.http}",
            f"img-src blob: {CDN}",
        ]
    )


TRUSTED_TYPES = "; require-trusted-types-for 'script'"  # the widget copes with this too


async def open_school_page(
    page: Page,
    relay: RunningRelay,
    csp: str,
    settings: SiteSettings | None = None,
    header: str = "Content-Security-Policy",
) -> None:
    await relay.relay.store.add_site("school", "School", [SITE], time.time())
    if settings is not None:
        await relay.relay.store.set_site_settings("school", settings)
    home = site_page("Home", site="school", widget=f"{relay.http}/widget.js")
    await serve_site(page, SITE, {"home.html": home}, {header: csp})
    await serve_site(page, CDN, {"logo.svg": PHOTO, "alice.svg": PHOTO})
    await page.add_init_script(WATCH_POLICY)
    await page.goto(f"{SITE}/home.html")


async def shown(image: Locator) -> bool:
    """The image loaded and has pixels (a refused one has none)."""
    return bool(await image.evaluate("img => img.complete && img.naturalWidth > 0"))


async def test_a_page_with_the_recommended_policy_chats_both_ways_with_files_and_photos(
    page: Page, relay: RunningRelay
) -> None:
    photo = f"{CDN}/alice.svg"
    await relay.relay.store.set_agent_profile(AGENT_NAME, display_name=None, avatar_url=photo)
    alice = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    welcome = await alice.expect(frames.LoginOk)
    settings = SiteSettings(logo_url=f"{CDN}/logo.svg")
    await open_school_page(page, relay, policy(relay) + TRUSTED_TYPES, settings)

    # The host element kept its inline position (set through CSSOM, which the policy allows).
    assert await page.locator("parley-chat").evaluate("e => getComputedStyle(e).position") == (
        "fixed"
    )
    await page.locator(".launcher").click()
    await expect(page.locator(".panel")).to_be_visible()
    assert await shown(page.locator(".logo img"))

    await type_and_send(page, "Hello from a strict page")
    asked = (await alice.expect(frames.Message)).message
    assert asked.text == "Hello from a strict page"
    await alice.say(asked.conversation, "Welcome! Send me your level test.")
    await expect(page.locator(".msg.theirs .bubble")).to_have_text(
        "Welcome! Send me your level test."
    )
    await expect(page.locator(".msg.mine .meta")).to_contain_text("Sent")
    await expect(page.locator(".logo img")).to_have_attribute("src", photo)
    assert await shown(page.locator(".logo img"))

    # Files: the upload and the downloads go to the files port, previews show from blob:.
    async with page.expect_file_chooser() as chooser:
        await page.locator(".attach").click()
    await (await chooser.value).set_files(
        {"name": "level.png", "mimeType": "image/png", "buffer": PNG}
    )
    sent = (await alice.expect(frames.Message)).message
    assert sent.file is not None and sent.file.name == "level.png"
    mine = page.locator(".msg.mine .thumb")
    await expect(mine).to_have_attribute("src", BLOB)
    assert await shown(mine)
    picture = await agent_upload(welcome.token, welcome.files_url, png(4, 4), "map.png")
    await alice.send(
        frames.AgentSend(
            id=new_id(), conversation=asked.conversation, text=picture.name, file=picture.id
        )
    )
    theirs = page.locator(".msg.theirs .thumb")
    await expect(theirs).to_have_attribute("src", BLOB)
    assert await shown(theirs)
    await expect(page.locator(".msg.theirs .fname")).to_have_text("map.png")
    await keep_screenshot(page, "csp-recommended")
    assert await page.evaluate("window.__violations") == []
    await alice.close()


async def test_an_invitation_comes_and_is_answered_on_a_page_with_the_recommended_policy(
    page: Page, relay: RunningRelay
) -> None:
    # Its script and stylesheet come on demand from the relay: script-src and style-src
    # allow them, and Trusted Types do not stop the import.
    alice = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    await alice.expect(frames.LoginOk)
    await open_school_page(page, relay, policy(relay) + TRUSTED_TYPES)
    visitor = await alice.expect_visitor()
    await alice.send(frames.Invite(visitors=[visitor.id], text="Can I help you choose?"))
    invitation = page.locator(".invite")
    await expect(invitation).to_be_visible()
    assert await invitation.evaluate("e => getComputedStyle(e).position") == "fixed"  # styled
    await invitation.get_by_role("button", name="Chat now").click()
    await expect(page.locator(".msg.theirs .bubble")).to_have_text("Can I help you choose?")
    assert await page.evaluate("window.__violations") == []
    await alice.close()


@pytest.mark.parametrize(
    ("locale", "words"),
    [
        ("en-GB", "The chat cannot connect right now. Please contact us another way."),
        ("zh-CN", "在线咨询暂时无法连接，请通过其他方式联系我们。"),
        ("mn-MN", "Чат одоогоор холбогдож чадахгүй байна. Бидэнтэй өөр аргаар холбогдоно уу."),
    ],
)
async def test_a_policy_that_refuses_the_relays_socket_is_said_plainly_in_the_panel(
    browser: Browser, relay: RunningRelay, locale: str, words: str
) -> None:
    watch = PageWatch()
    # The browser's own report of the refusal; anything else would still fail the test.
    watch.allow(f"Connecting to '{relay.url}/ws/visitor' violates")
    context = await browser.new_context(viewport=DESKTOP, locale=locale)
    page = await context.new_page()
    watch.attach(page)
    await open_school_page(page, relay, policy(relay, socket=False))

    await page.locator(".launcher").click()  # the launcher still opens the panel
    await expect(page.locator(".panel")).to_be_visible()
    await expect(page.locator(".notice")).to_have_text(words)
    await type_and_send(page, "Is anyone there?")
    await expect(page.locator(".msg.sending")).to_have_count(1)
    await expect(page.locator(".notice")).to_have_text(words)  # still said, not replaced
    await keep_screenshot(page, f"csp-refused-{locale}")
    # A policy does not change while the page lives: no futile reconnecting.
    await page.wait_for_timeout(3500)  # two retries' worth of backoff
    assert await page.evaluate("window.__sockets") == 1
    violations = await page.evaluate("window.__violations")
    assert violations == [f"connect-src {relay.url}/ws/visitor"]
    await context.close()
    assert watch.errors == [] and watch.dialogs == []


async def test_a_report_only_policy_that_would_refuse_the_socket_refuses_nothing(
    page: Page, relay: RunningRelay, watch: PageWatch
) -> None:
    # Chromium reports the would-be refusal to the console as an error: expected here.
    watch.allow(f"Connecting to '{relay.url}/ws/visitor' violates")
    agent = await login(relay)
    report_only = "Content-Security-Policy-Report-Only"
    await open_school_page(page, relay, policy(relay, socket=False), header=report_only)
    await page.locator(".launcher").click()
    await type_and_send(page, "Hello")
    message = (await agent.expect(frames.Message)).message
    await expect(page.locator(".msg.mine .meta")).to_contain_text("Sent")
    reported = await page.evaluate("window.__violations")
    assert f"connect-src {relay.url}/ws/visitor" in reported  # the browser did report it
    await expect(page.locator(".notice")).to_be_hidden()
    # The widget still reconnects after the relay drops it (a refusal would have stopped it).
    watch.expect_outage()
    await restart_relay(relay)
    agent = await login(relay)
    await type_and_send(page, "Still there?")
    again = (await agent.expect(frames.Message, within=20)).message
    assert (again.conversation, again.seq) == (message.conversation, 2)
    await agent.close()


async def test_a_relay_that_stays_unreachable_is_said_plainly_until_it_is_back(
    page: Page, relay: RunningRelay, watch: PageWatch
) -> None:
    watch.expect_outage()
    await login(relay)
    await open_chat(page, relay)
    await type_and_send(page, "before the outage")
    await expect(page.locator(".msg.mine .meta")).to_contain_text("Sent")
    notice = page.locator(".notice")
    async with relay_stopped(relay):
        await expect(notice).to_have_text("Reconnecting…")
        await type_and_send(page, "during the outage")
        # After four failed attempts (1, 2, 4 and 8 s of backoff, ±50 %), plain words.
        await expect(notice).to_have_text(
            "The chat cannot connect right now. Please contact us another way.", timeout=30_000
        )
    await expect(page.locator(".msg.sending")).to_have_count(0, timeout=40_000)
    await expect(notice).to_be_hidden()

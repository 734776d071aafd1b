"""Teams on a phone (360×640, touch) and on hostile pages: the department choice, the queue
line with its offer, and "You are now chatting with …", with department and agent names of
100 characters, HTML, {{…}}, U+202E and Chinese, on a plain page, on a page whose CSS
attacks everything, and under a strict Content-Security-Policy. Nothing may run past the
panel, and every name stays text."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import msgspec
import pytest
from playwright.async_api import Browser, Page, Route, ViewportSize, expect

from relay.core.credentials import hash_password
from relay.features import departments
from relay.store.records import PrechatField, SiteSettings
from shared_protocol import frames
from tests.browser.test_widget_safety import HOSTILE_CSS
from tests.browser.test_widget_teams import _place
from tests.helpers.browser import PageWatch, keep_screenshot, site_page
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.relay_fixtures import AGENT_NAME, RunningRelay, log_in
from tests.helpers.widget import RECORD_FRAMES, next_received, type_and_send

PASSWORD = "a long enough password"
PHONE: ViewportSize = {"width": 360, "height": 640}
# 100 characters, words a line can break between
LONG = (
    "International Admissions, Scholarships and Visa Support for Undergraduate Applicants 2027"
    " (Evenings)"
)
CJK = "国际学生招生与签证服务中心" * 7 + "留学生办公室本科招生"  # 100, no spaces
HTML = '<img src=x onerror="window.__pwned=1"><b>Fees</b>'
TEMPLATE = "{{constructor.constructor('window.__pwned=2')()}} Exams"
RTL = "\u202eSpare abc"  # an old name from before the relay refused direction characters
AGENT = "Bartholomew-Alexander <i>{{x}}</i> \u202e 王小明 Montgomery-Fitzwilliam-Smythe"
PWNED = "window.__pwned === undefined"
# test_widget_safety's hostile rules, with the page's own content as wide as a phone
PHONE_HOSTILE = HOSTILE_CSS.replace("width: 600px", "width: 320px")
assert PHONE_HOSTILE != HOSTILE_CSS

# What runs past the panel: every visible element inside its box, every text inside the
# panel or a box that clips it, and nothing that scrolls sideways.
OVERFLOWING = """root => {
  const panel = root.querySelector('.panel'), box = panel.getBoundingClientRect(), out = [];
  const name = e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '');
  const outside = r => r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5);
  for (const e of panel.querySelectorAll('*')) {
    if (e.closest('[hidden], option, svg')) continue;
    if (outside(e.getBoundingClientRect())) out.push('box ' + name(e));
    const style = getComputedStyle(e);
    if (style.overflowX !== 'visible' && style.textOverflow !== 'ellipsis' &&
        e.scrollWidth > e.clientWidth + 1) out.push('scrolls sideways ' + name(e));
  }
  const walker = document.createTreeWalker(panel, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const e = n.parentElement;
    if (!n.data.trim() || e.closest('[hidden], option, select')) continue;
    let clip = e;
    const clips = c => c === panel || getComputedStyle(c).overflowX !== 'visible';
    while (!clips(clip)) clip = clip.parentElement;
    const limit = clip.getBoundingClientRect(), range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      if (r.width > 0 && (r.left < limit.left - 0.5 || r.right > limit.right + 0.5) &&
          getComputedStyle(clip).textOverflow !== 'ellipsis') {
        out.push('text ' + JSON.stringify(n.data.slice(0, 30)) + ' in ' + name(e));
      }
    }
  }
  return out;
}"""


async def _overflowing(page: Page) -> list[str]:
    found: list[str] = await page.locator("parley-chat").evaluate(
        f"host => ({OVERFLOWING})(host.shadowRoot)"
    )
    return found


def _policy(relay: RunningRelay) -> str:
    """The strict policy of README.md (test_widget_csp), with Trusted Types."""
    files = f"http://127.0.0.1:{relay.relay.ctx.files_port}"
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {relay.http}",
            f"connect-src {relay.http.replace('http://', 'ws://')} {files}",
            f"style-src {relay.http}",
            "img-src blob:",
            "require-trusted-types-for 'script'",
        ]
    )


@pytest.fixture
async def phone(browser: Browser, relay: RunningRelay) -> AsyncIterator[tuple[Page, PageWatch]]:
    context = await browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="en-GB"
    )
    page, watch = await context.new_page(), PageWatch()
    watch.attach(page)
    yield page, watch
    await context.close()
    assert watch.errors == [], watch.errors
    assert watch.dialogs == [], watch.dialogs


async def _setup(relay: RunningRelay) -> dict[str, int]:
    """Departments with hostile names on the site "test" (one closed today), a pre-chat
    form that asks for one, Bob in each; Alice (an admin) gets a hostile display name."""
    store, now = relay.relay.store, time.time()
    site = await store.get_site("test")
    assert site is not None
    prechat = (PrechatField(field="name"), PrechatField(field="department", required=True))
    await store.set_site_settings("test", SiteSettings(name="Test School", prechat=prechat))
    today = datetime.now(UTC).date().isoformat()
    closed = frames.RoutingSettings(hours="mon-sun 00:00-24:00", exceptions=f"{today} closed")
    ids = {}
    for name in (LONG, CJK, HTML, TEMPLATE, RTL, "Closed " + CJK[:20]):
        settings = closed if name.startswith("Closed") else frames.RoutingSettings()
        saved = await store.save_department(
            site.id, None, name, msgspec.json.encode(settings).decode(), now
        )
        assert saved is not None
        ids[name] = saved.id
    await store.add_agent("bob", "Bob", "agent", hash_password(PASSWORD), now)
    await store.set_agent_departments("bob", list(ids.values()))
    await store.set_agent_profile(AGENT_NAME, display_name=AGENT, avatar_url=None)
    departments.forget(relay.relay.ctx, site.id)  # saved past the relay: read again
    return ids


async def _serve(page: Page, relay: RunningRelay, head: str, csp: str) -> None:
    body = site_page("Phone", "<main id='content'><h1>Admissions</h1></main>", head=head)

    async def fulfil(route: Route) -> None:
        headers = {"Content-Security-Policy": csp} if csp else {}
        await route.fulfill(status=200, content_type="text/html", headers=headers, body=body)

    await page.route(f"{relay.http}/site/phone.html", fulfil)
    await page.goto(f"{relay.http}/site/phone.html")


@pytest.mark.parametrize("kind", ["plain", "hostile", "strict"])
async def test_on_a_phone_teams_fit_the_panel_and_names_stay_text(
    phone: tuple[Page, PageWatch], relay: RunningRelay, kind: str
) -> None:
    page, _ = phone
    ids = await _setup(relay)
    # Bob takes one chat at a time and has one: the visitor's will wait in line.
    await relay.relay.store.set_agent_routing("bob", max_chats=1)
    bob, bob_in = await log_in(relay, "bob", PASSWORD)
    alice, _ = await log_in(relay, AGENT_NAME)
    other = await VisitorClient.connect(relay.url, site="test")
    await other.expect(frames.Welcome)
    await other.send(frames.Profile(name="Cai", department=ids[LONG]))
    busy = (await other.say("Hello from Cai")).conversation
    await _offered(bob, bob_in.agent.id, busy)
    await bob.send(frames.Accept(conversation=busy))

    head = PHONE_HOSTILE if kind == "hostile" else ""
    await page.add_init_script(RECORD_FRAMES)
    await _serve(page, relay, head, _policy(relay) if kind == "strict" else "")
    await page.locator(".launcher").click()
    panel = page.locator(".panel")
    await expect(panel).to_be_visible()
    assert await panel.bounding_box() == {"x": 0, "y": 0, **PHONE}  # the whole screen

    # The choice: every name as it is, as text; a closed one, then the longest chosen.
    choice = page.locator(".sheet select")
    options = await choice.locator("option").all_text_contents()
    assert options[1:6] == [LONG, CJK, HTML, TEMPLATE, RTL]
    await page.locator(".sheet input[name=name]").fill("Bat")
    await choice.select_option(str(ids["Closed " + CJK[:20]]))
    await expect(page.locator(".sheet .intro")).to_contain_text(CJK[:20])
    assert await _overflowing(page) == []
    await keep_screenshot(page, f"widget-teams-phone-closed-{kind}")
    await choice.select_option(str(ids[CJK]))
    assert await _overflowing(page) == []
    await choice.select_option(str(ids[LONG]))
    assert await _overflowing(page) == []
    await keep_screenshot(page, f"widget-teams-phone-department-{kind}")
    await page.locator(".sheet button.primary").click()
    await type_and_send(page, "Can I still apply for the evening course?")

    # The queue line with its offer: the relay's place, then (as if ten more came first
    # and the line overflowed) number 12 with the offer to leave a message.
    place = await next_received(page, "queue")
    conversation = int(str(place["conversation"]))
    visitor = (await bob.expect_visitor(lambda v: v.name == "Bat")).id
    _place(relay, int(visitor), conversation, 12, 900, overflow=True)
    queue = page.locator(".queue")
    await expect(queue.locator(".place")).to_have_text(
        "You are number 12 in line \u2014 about 15 minutes"
    )
    await expect(queue.get_by_role("button", name="Leave a message")).to_be_visible()
    assert await _overflowing(page) == []
    await keep_screenshot(page, f"widget-teams-phone-queue-{kind}")
    await page.evaluate("Parley('setLanguage', 'zh-CN')")
    await expect(queue.locator(".place")).to_have_text("您排在第 12 位，预计等待约 15 分钟")
    assert await _overflowing(page) == []
    await keep_screenshot(page, f"widget-teams-phone-queue-zh-CN-{kind}")
    await page.evaluate("Parley('setLanguage', 'en')")
    await queue.get_by_role("button", name="Leave a message").click()
    await expect(page.locator(".sheet .intro")).to_contain_text("You keep your place in line.")
    assert await _overflowing(page) == []
    await page.locator(".sheet").get_by_role("button", name="Back to the chat").click()

    # Bob is done with Cai and takes Bat's chat; Alice takes it over: her hostile name,
    # as text, within the panel, and the header no taller than two lines.
    await bob.send(frames.Close(conversation=busy))
    await _offered(bob, bob_in.agent.id, conversation)
    await bob.send(frames.Accept(conversation=conversation))
    await expect(page.locator(".status")).to_have_text("Bob is answering you")
    await bob.say(conversation, "Yes, until Friday. Let me ask my colleague.")
    await alice.send(frames.Accept(conversation=conversation))
    await expect(page.locator(".log .event")).to_have_text(f"You are now chatting with {AGENT}")
    await expect(page.locator(".status")).to_have_text(f"{AGENT} is answering you")
    await alice.say(conversation, "Hello, I look after evening applications.")
    await expect(page.locator(".msg.theirs")).to_have_count(2)
    assert await _overflowing(page) == []
    lines = await page.locator(".status").evaluate(
        "s => s.getBoundingClientRect().height / parseFloat(getComputedStyle(s).lineHeight)"
    )
    assert lines < 2.5, lines  # the name on one line (cut), "is answering you" on the next
    assert await page.locator(".event span, .status span").evaluate_all(
        "spans => spans.every(s => s.dir === 'auto' && s.children.length === 0)"
    )
    assert (
        await page.locator("parley-chat").evaluate(
            "h => h.shadowRoot.querySelectorAll('img, b, i').length"
        )
        == 0
    )  # no markup from a name, no photo
    assert await page.evaluate(PWNED)
    await keep_screenshot(page, f"widget-teams-phone-transfer-{kind}")
    for client in (alice, bob, other):
        await client.close()


async def _offered(agent: AgentClient, agent_id: int, conversation: int) -> None:
    """Wait until `conversation` is offered to the agent."""
    update = await agent.expect(frames.ConversationUpdated)
    while update.conversation.id != conversation or update.conversation.offered_to != agent_id:
        update = await agent.expect(frames.ConversationUpdated)


async def test_the_overflow_probe_sees_text_and_boxes_past_the_panel(
    phone: tuple[Page, PageWatch],
) -> None:
    page, _ = phone
    await page.set_content("<parley-chat></parley-chat>")
    await page.locator("parley-chat").evaluate(
        """host => {
          const root = host.attachShadow({mode: 'open'});
          const panel = document.createElement('section');
          panel.className = 'panel';
          panel.style.width = '100px';
          const text = document.createElement('p');
          text.textContent = 'x'.repeat(60);
          text.style.whiteSpace = 'nowrap';
          const box = document.createElement('div');
          box.style.width = '150px';
          panel.append(text, box);
          root.append(panel);
        }"""
    )
    found = await _overflowing(page)
    assert any(f.startswith("text ") for f in found), found
    assert "box div" in found, found

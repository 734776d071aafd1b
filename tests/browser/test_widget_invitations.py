"""Proactive invitations in the widget against the real relay (issue 14): what the rules and
agents send is shown in a visible tab in one of three styles, never taking the visitor's
focus, and the visitor's answer (accept, a reply, decline, a survey answer) goes back;
expiry leaves the site's auto-reply for when the chat opens; exit intent is reported once a
page on a desktop. Tests that count seconds freeze the relay's clock and move it."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from playwright.async_api import Browser, FloatRect, Locator, Page, ViewportSize, expect

from relay.store.records import SiteSettings
from shared_protocol import frames
from tests.helpers.browser import DESKTOP, PageWatch, keep_screenshot, serve_pages, site_page
from tests.helpers.clients import AgentClient
from tests.helpers.fake_clock import FakeClock, advance, freeze
from tests.helpers.invitations import set_up as set_up_site
from tests.helpers.invitations import states
from tests.helpers.relay_fixtures import AGENT_NAME, RunningRelay, log_in
from tests.helpers.widget import (
    RECORD_FRAMES,
    frames_received,
    frames_sent,
    next_received,
    type_and_send,
)

PHONE_375: ViewportSize = {"width": 375, "height": 667}
ARTICLE = (
    "<h1>Weekend IELTS course</h1>"
    "<p><label>Search the courses <input id='search'></label> "
    "<button id='book'>Book a test</button></p>"
    + "<p>Ten Saturdays of small-group lessons, at most eight students a group, with a "
    "practice test every month. Our teachers have examined for IELTS for years and know what "
    "the examiners look for in each of the four parts.</p>"
    * 5
    + "<a id='next' href='/site/courses.html'>All courses</a>"
)
# A page that notes a click on its own button: what a dialog with a backdrop would swallow.
CLICKS = (
    "<script>addEventListener('click', e => { window.__booked ||= e.target.id === 'book'; });"
    "</script>"
)
PAGES = {
    "prices.html": site_page("Prices", ARTICLE, head=CLICKS),
    "courses.html": site_page("Courses", ARTICLE, head=CLICKS),
    "checkout.html": site_page("Checkout", "<h1>Checkout</h1>", head=CLICKS),
    "alice.svg": (
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 2 2'>"
        "<circle cx='1' cy='1' r='1' fill='#be185d'/></svg>"
    ),
}
EVERYWHERE = "/site/*"
GREETING = "Hello! Any questions about the weekend course? I can check which groups have places."
AUTO_REPLY = "Sorry we missed you. Write here any time and we will answer."


def rule(**fields: Any) -> frames.RuleSpec:
    """A rule for every page of the test site, shown after 30 s on the page."""
    fields.setdefault("name", "Prices, 30 s")
    fields.setdefault("conditions", frames.RuleConditions(time_on_page=30, page_url=[EVERYWHERE]))
    fields.setdefault("text", GREETING)
    return frames.RuleSpec(**fields)


REPEAT = frames.InvitationPolicySpec(frequency="repeat", repeat_every=10, max_per_visit=10)


async def set_up(
    agent: AgentClient, *rules: frames.RuleSpec, settings: frames.InvitationSettings | None = None
) -> frames.InvitationSetup:
    """The test site's settings and rules, saved as an admin (Alice) saves them."""
    return await set_up_site(agent, *rules, settings=settings, site="test")


async def on_site(page: Page, relay: RunningRelay) -> None:
    """The test site's pages on the relay's origin, every frame recorded (RECORD_FRAMES)."""
    await serve_pages(page, relay.http, PAGES)
    await page.add_init_script(RECORD_FRAMES)


async def arrive(page: Page, relay: RunningRelay, name: str = "prices.html") -> dict[str, Any]:
    """Open page `name` of the site; the relay's welcome once the widget has it."""
    await page.goto(f"{relay.http}/site/{name}")
    return await next_received(page, "welcome")


async def settle() -> None:
    """Time for a frame the relay might send now to reach the page (to see that none does)."""
    await asyncio.sleep(0.6)


async def no_invitation(page: Page, before: int = 0) -> None:
    """No invitation arrives (besides the `before` this page had already)."""
    await settle()
    assert len(await frames_received(page, "invitation")) == before
    await expect(page.locator(".invite")).to_have_count(0)


async def shown_invitation(page: Page) -> dict[str, Any]:
    """The invitation the widget shows, once it has told the relay so."""
    invitation = await next_received(page, "invitation")
    await expect(page.locator(".invite")).to_be_visible()
    await page.wait_for_function(
        "id => window.__sent.some(f => f.type === 'invitation_shown' && f.id === id)",
        arg=invitation["id"],
    )
    return invitation


async def frozen_admin(relay: RunningRelay) -> tuple[FakeClock, AgentClient]:
    clock = freeze(relay.relay)
    agent, _ = await log_in(relay)  # Online with room: rules may invite
    return clock, agent


async def wait(relay: RunningRelay, clock: FakeClock, seconds: float) -> None:
    """`seconds` pass on the relay's clock, its timers with them."""
    await advance(relay.relay, clock, seconds)


async def box_of(locator: Locator) -> FloatRect:
    box = await locator.bounding_box()
    assert box is not None
    return box


# ------------------------------------------------------------------ rules: when, where, answers


async def test_a_rule_invites_after_30_s_but_not_on_an_excluded_page_and_accepting_opens_the_chat(
    page: Page, relay: RunningRelay
) -> None:
    clock, agent = await frozen_admin(relay)
    settings = frames.InvitationSettings(
        policy=frames.InvitationPolicySpec(excluded_pages=["/site/checkout*"])
    )
    await set_up(agent, rule(style="bubble"), settings=settings)
    await on_site(page, relay)
    await arrive(page, relay, "checkout.html")
    await wait(relay, clock, 120)
    await no_invitation(page)

    await arrive(page, relay, "prices.html")
    await wait(relay, clock, 29)
    await no_invitation(page)
    await wait(relay, clock, 1)
    invitation = await shown_invitation(page)
    await states(agent, invitation["id"], "sent", "shown")
    card = page.locator(".invite")
    await expect(card).to_have_attribute("data-style", "bubble")
    await expect(card.locator(".text")).to_have_text(GREETING)
    await expect(card.locator(".name")).to_have_text("Chat with us")  # the team: as the header

    await card.get_by_role("button", name="Chat now").click()
    await expect(page.locator(".panel")).to_be_visible()
    await expect(card).to_have_count(0)
    greeting = page.locator(".msg.theirs")
    await expect(greeting.locator(".bubble")).to_have_text(GREETING)
    await expect(greeting.locator(".meta")).to_contain_text("Test site")  # the site speaks
    await expect(page.locator(".compose textarea")).to_be_focused()  # they clicked: the chat
    await states(agent, invitation["id"], "accepted")
    assert [f["id"] for f in await frames_sent(page, "invitation_accept")] == [invitation["id"]]
    await agent.close()


async def test_declined_means_none_again_this_visit_after_a_reload_or_on_another_page(
    page: Page, relay: RunningRelay
) -> None:
    clock, agent = await frozen_admin(relay)
    # Without the decline, this rule would invite again every 10 s.
    await set_up(agent, rule(policy=REPEAT))
    await on_site(page, relay)
    await arrive(page, relay)
    await wait(relay, clock, 30)
    invitation = await shown_invitation(page)
    await page.locator(".invite").get_by_role("button", name="Later").click()
    await expect(page.locator(".invite")).to_have_count(0)
    await states(agent, invitation["id"], "declined")
    assert [f["id"] for f in await frames_sent(page, "invitation_decline")] == [invitation["id"]]
    await expect(page.locator(".panel")).to_be_hidden()  # "Later" opens nothing

    await wait(relay, clock, 60)
    await no_invitation(page, before=1)
    await page.reload()
    await next_received(page, "welcome")
    await wait(relay, clock, 60)
    await no_invitation(page)
    await page.locator("#next").click()
    await page.wait_for_url("**/courses.html")
    await next_received(page, "welcome")
    await wait(relay, clock, 60)
    await no_invitation(page)
    await agent.close()


async def test_an_expired_invitation_leaves_the_sites_auto_reply_for_when_the_chat_opens(
    page: Page, relay: RunningRelay
) -> None:
    clock, agent = await frozen_admin(relay)
    settings = frames.InvitationSettings(timeout=20, auto_reply=AUTO_REPLY)
    await set_up(agent, rule(), settings=settings)
    await on_site(page, relay)
    await arrive(page, relay)
    await wait(relay, clock, 30)
    invitation = await shown_invitation(page)
    await wait(relay, clock, 20)
    await expect(page.locator(".invite")).to_have_count(0)
    ended = await next_received(page, "invitation_ended")
    assert (ended["id"], ended["status"]) == (invitation["id"], "expired")
    # Quietly kept: a badge on the launcher, the chat not opened, nothing in the title.
    await expect(page.locator(".badge")).to_have_text("1")
    await expect(page.locator(".panel")).to_be_hidden()
    assert await page.title() == "Prices"

    await page.reload()  # kept for this visit
    await next_received(page, "welcome")
    await expect(page.locator(".badge")).to_have_text("1")
    await page.locator(".launcher").click()
    line = page.locator(".msg.theirs")
    await expect(line.locator(".bubble")).to_have_text(AUTO_REPLY)
    await expect(page.locator(".badge")).to_be_hidden()
    await expect(page.locator(".compose textarea")).to_be_visible()  # the chat, not a form
    await page.locator(".minimise").click()
    await page.reload()
    await next_received(page, "welcome")
    await expect(page.locator(".badge")).to_be_hidden()  # read once is read
    await page.locator(".launcher").click()
    await expect(line.locator(".bubble")).to_have_text(AUTO_REPLY)

    # Writing opens the chat with that line first, for agents too: still one line here.
    await type_and_send(page, "Hello? Is the May group full?")
    stored = [(await agent.expect(frames.Message)).message for _ in range(2)]
    assert [(m.seq, m.text) for m in stored] == [
        (1, AUTO_REPLY),
        (2, "Hello? Is the May group full?"),
    ]
    bubbles = page.locator(".msg .bubble")
    await expect(bubbles).to_have_text([AUTO_REPLY, "Hello? Is the May group full?"])
    await expect(page.locator(".msg.mine .meta")).to_contain_text("Sent")
    await page.reload()
    await expect(bubbles).to_have_text([AUTO_REPLY, "Hello? Is the May group full?"])
    await agent.close()


async def test_what_a_visitor_is_writing_in_an_invitation_that_expires_is_kept_and_sent(
    page: Page, relay: RunningRelay
) -> None:
    clock, agent = await frozen_admin(relay)
    settings = frames.InvitationSettings(timeout=20, auto_reply=AUTO_REPLY)
    await set_up(agent, rule(), settings=settings)
    await on_site(page, relay)
    await arrive(page, relay)
    await wait(relay, clock, 30)
    await shown_invitation(page)
    reply = page.locator(".invite").get_by_role("textbox")
    await reply.fill("Is the May group")
    await wait(relay, clock, 20)  # the visitor is slow: it expires under their fingers
    await next_received(page, "invitation_ended")
    await expect(reply).to_have_value("Is the May group")  # still there, still theirs
    await reply.fill("Is the May group full?")
    await reply.press("Enter")
    await expect(page.locator(".panel")).to_be_visible()
    stored = [(await agent.expect(frames.Message)).message for _ in range(2)]
    assert [(m.seq, m.text) for m in stored] == [(1, AUTO_REPLY), (2, "Is the May group full?")]
    await expect(page.locator(".invite")).to_have_count(0)
    await agent.close()


async def test_a_visitor_keeps_their_variant_across_reloads(
    page: Page, relay: RunningRelay
) -> None:
    clock, agent = await frozen_admin(relay)
    await set_up(
        agent,
        rule(
            name="Greeting test",
            conditions=frames.RuleConditions(time_on_page=5, page_url=[EVERYWHERE]),
            variants=[
                frames.VariantSpec(name="A", text="Hello from A", style="bubble"),
                frames.VariantSpec(name="B", text="Hello from B", style="dialog"),
            ],
            experiment=frames.ExperimentSpec(baseline=0.03, target=0.04),
            policy=REPEAT,
        ),
    )
    await on_site(page, relay)
    await arrive(page, relay)
    seen = []
    for _ in range(3):  # each time: shown, left to expire, then the page reloaded
        await wait(relay, clock, 6)
        await shown_invitation(page)
        card = page.locator(".invite")
        seen.append(
            (await card.locator(".text").text_content(), await card.get_attribute("data-style"))
        )
        await wait(relay, clock, 20)
        await expect(card).to_have_count(0)
        await page.reload()
        await next_received(page, "welcome")
    assert len(seen) == 3 and len(set(seen)) == 1, seen
    assert seen[0] in {("Hello from A", "bubble"), ("Hello from B", "dialog")}
    await agent.close()


# ------------------------------------------------------------------ exit intent and the survey


async def test_leaving_through_the_top_sends_exit_intent_once_and_the_survey_answer_reaches_agents(
    page: Page, relay: RunningRelay
) -> None:
    agent, _ = await log_in(relay)
    survey = frames.RuleSpec(
        name="Why leaving",
        trigger="exit",
        kind="survey",
        text="What were you looking for?",
        policy=frames.InvitationPolicySpec(needs_agent_with_room=False),
    )
    await set_up(agent, survey)
    await on_site(page, relay)
    await arrive(page, relay)
    await page.mouse.move(640, 400)
    await page.mouse.move(640, 120)  # towards the top, still inside: nothing
    await settle()
    assert await frames_sent(page, "exit_intent") == []
    await page.mouse.move(640, -8)  # out through the top edge, towards the tabs
    asked = await shown_invitation(page)
    assert (asked["kind"], asked["text"]) == ("survey", "What were you looking for?")
    await page.mouse.move(640, 300)
    await page.mouse.move(640, -8)  # again on the same page: not again
    await settle()
    assert await frames_sent(page, "exit_intent") == [{"type": "exit_intent"}]

    card = page.locator(".invite")
    await expect(card.get_by_role("button", name="Chat now")).to_have_count(0)  # a question
    answer = card.get_by_role("textbox", name="Your answer")
    await answer.fill("The timetable for May")
    await answer.press("Enter")
    await expect(card).to_have_text("Thank you!")
    await expect(card).to_have_count(0, timeout=6000)
    sent = await frames_sent(page, "survey_answer")
    assert sent == [{"type": "survey_answer", "id": asked["id"], "text": "The timetable for May"}]
    opened = await agent.expect(frames.ConversationOpened)
    assert opened.conversation.offline is True
    texts = [(await agent.expect(frames.Message)).message.text for _ in range(2)]
    assert texts == ["What were you looking for?", "The timetable for May"]
    await agent.close()


async def test_no_exit_intent_on_a_phone(browser: Browser, relay: RunningRelay) -> None:
    context = await browser.new_context(
        viewport=PHONE_375, is_mobile=True, has_touch=True, locale="en-GB"
    )
    page = await context.new_page()
    watch = PageWatch()
    watch.attach(page)
    await on_site(page, relay)
    await arrive(page, relay)
    await page.mouse.move(200, 300)
    await page.mouse.move(200, -8)
    await settle()
    assert await frames_sent(page, "exit_intent") == []
    await context.close()
    assert watch.errors == []


# ------------------------------------------------------------------ agents inviting by hand


async def test_an_agent_invites_by_hand_and_a_reply_typed_in_the_invitation_starts_the_chat(
    page: Page, relay: RunningRelay
) -> None:
    photo = f"{relay.http}/site/alice.svg"
    await relay.relay.store.set_agent_profile(AGENT_NAME, display_name=None, avatar_url=photo)
    agent, _ = await log_in(relay)
    await on_site(page, relay)
    welcome = await arrive(page, relay)
    await agent.send(frames.Invite(visitors=[welcome["visitor"]], text=GREETING))
    result = await agent.expect(frames.InviteResult)
    assert [i.visitor for i in result.sent] == [welcome["visitor"]]
    invitation = await shown_invitation(page)
    card = page.locator(".invite")
    await expect(card).to_have_attribute("data-style", "card")
    await expect(card.locator(".name")).to_have_text("Alice")
    await expect(card.locator(".face img")).to_have_attribute("src", photo)
    assert await card.locator(".face img").evaluate("i => i.complete && i.naturalWidth > 0")

    reply = card.get_by_role("textbox", name="Write a reply…")
    await reply.fill("Yes: when does the May group start?")
    await reply.press("Enter")
    await expect(page.locator(".panel")).to_be_visible()
    # The greeting comes first, from Alice, then what the visitor wrote.
    await expect(page.locator(".msg .bubble")).to_have_text(
        [GREETING, "Yes: when does the May group start?"]
    )
    await expect(page.locator(".msg.theirs .meta")).to_contain_text("Alice")
    await expect(page.locator(".status")).to_have_text("Alice is answering you")
    await expect(page.locator(".msg.mine .meta")).to_contain_text("Sent")
    written = await agent.expect(frames.Message)
    while written.message.text != "Yes: when does the May group start?":
        written = await agent.expect(frames.Message)
    assert written.message.seq == 2
    await states(agent, invitation["id"], "accepted")
    await agent.close()


async def test_a_hidden_tab_shows_it_once_visible_and_an_answer_in_one_tab_hides_it_in_the_other(
    browser: Browser, relay: RunningRelay
) -> None:
    agent, _ = await log_in(relay)
    context = await browser.new_context(viewport=DESKTOP, locale="en-GB")
    first, second = await context.new_page(), await context.new_page()
    watch = PageWatch()
    for tab in (first, second):
        watch.attach(tab)
        await on_site(tab, relay)
    await second.add_init_script(
        "Object.defineProperty(document, 'hidden', {configurable: true, get: () => true});"
    )
    welcome = await arrive(first, relay)
    again = await arrive(second, relay)  # the same visitor: the token is shared
    assert again["visitor"] == welcome["visitor"]

    await agent.send(frames.Invite(visitors=[welcome["visitor"]], text=GREETING))
    invitation = await shown_invitation(first)
    await next_received(second, "invitation")
    await settle()
    await expect(second.locator(".invite")).to_have_count(0)  # not on a hidden tab
    assert await frames_sent(second, "invitation_shown") == []

    await second.evaluate(
        """() => {
          Object.defineProperty(document, 'hidden', {configurable: true, get: () => false});
          document.dispatchEvent(new Event('visibilitychange'));
        }"""
    )
    await shown_invitation(second)
    await second.locator(".invite").get_by_role("button", name="Close").click()
    await expect(second.locator(".invite")).to_have_count(0)
    # Answered in the other tab: this one hides it too.
    ended = await next_received(first, "invitation_ended")
    assert (ended["id"], ended["status"]) == (invitation["id"], "declined")
    await expect(first.locator(".invite")).to_have_count(0)
    await context.close()
    assert watch.errors == []
    await agent.close()


# ------------------------------------------------------------------ looks, keyboard, safety


@pytest.mark.parametrize(
    ("style", "viewport", "screenshot"),
    [
        ("card", DESKTOP, "invitation-card"),
        ("bubble", DESKTOP, "invitation-bubble"),
        ("dialog", DESKTOP, "invitation-dialog"),
        ("dialog", PHONE_375, "invitation-phone"),
    ],
)
async def test_each_style_is_drawn_where_it_belongs_and_leaves_the_page_usable(
    browser: Browser, relay: RunningRelay, style: str, viewport: ViewportSize, screenshot: str
) -> None:
    _, agent = await frozen_admin(relay)
    await relay.relay.store.set_site_settings(
        "test", SiteSettings(name="Northwind Language School")
    )
    await set_up(
        agent,
        rule(
            conditions=frames.RuleConditions(page_url=[EVERYWHERE]),
            style=style,
            from_agent=AGENT_NAME,
            text="Hi, I'm Alice. Looking for a weekend IELTS class? I can tell you which groups "
            "still have places.",
        ),
    )
    phone = viewport["width"] < 600
    context = await browser.new_context(
        viewport=viewport, is_mobile=phone, has_touch=phone, locale="en-GB", device_scale_factor=1
    )
    page = await context.new_page()
    watch = PageWatch()
    watch.attach(page)
    await on_site(page, relay)
    await arrive(page, relay)
    await shown_invitation(page)
    card, launcher = page.locator(".invite"), page.locator(".launcher")
    await expect(card).to_have_attribute("data-style", style)
    await page.wait_for_timeout(400)  # the entrance animation is over
    await keep_screenshot(page, screenshot)
    box, button = await box_of(card), await box_of(launcher)
    width, height = viewport["width"], viewport["height"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert box["y"] >= 0 and box["y"] + box["height"] <= height
    if style == "dialog" and not phone:  # in the middle of the window
        assert abs(box["x"] + box["width"] / 2 - width / 2) <= 1
        assert abs(box["y"] + box["height"] / 2 - height / 2) <= 1
    else:  # by the launcher, above it; a phone's dialog too: the page's middle stays clear
        assert box["y"] + box["height"] <= button["y"]
        assert abs(box["x"] + box["width"] - (button["x"] + button["width"])) <= 1
        assert box["y"] > height / 2 - 20  # in the lower half
    if style == "bubble":
        tail = await card.evaluate("e => getComputedStyle(e, '::after').content")
        assert tail == '""'
    # No backdrop: the page's own button takes a click while it is shown.
    await page.locator("#book").click()
    assert await page.evaluate("window.__booked") is True
    await expect(card).to_be_visible()
    await context.close()
    assert watch.errors == []
    await agent.close()


async def test_it_appears_without_taking_focus_is_read_out_and_is_answered_by_keyboard(
    page: Page, relay: RunningRelay
) -> None:
    agent, _ = await log_in(relay)
    await on_site(page, relay)
    welcome = await arrive(page, relay)
    search = page.locator("#search")
    await search.click()
    await page.keyboard.type("ielts")
    await agent.send(frames.Invite(visitors=[welcome["visitor"]], text=GREETING))
    invitation = await shown_invitation(page)
    card = page.locator(".invite")
    # Focus stays where the visitor was typing, and typing goes on there.
    await expect(search).to_be_focused()
    await page.keyboard.type(" may")
    await expect(search).to_have_value("ielts may")
    await expect(page.get_by_role("dialog", name="Alice")).to_be_visible()
    await expect(page.get_by_role("status")).to_have_text(f"Alice: {GREETING}")

    # Tab reaches every control, in order, from the page's last one.
    await page.locator("#next").focus()
    controls = [
        card.get_by_role("textbox", name="Write a reply…"),
        card.get_by_role("button", name="Send"),
        card.get_by_role("button", name="Chat now"),
        card.get_by_role("button", name="Later"),
        card.get_by_role("button", name="Close"),
    ]
    for control in controls:
        await page.keyboard.press("Tab")
        await expect(control).to_be_focused()
    for _ in range(2):
        await page.keyboard.press("Shift+Tab")
    await expect(controls[2]).to_be_focused()
    await page.keyboard.press("Enter")  # "Chat now"
    await expect(page.locator(".panel")).to_be_visible()
    await expect(page.locator(".msg.theirs .bubble")).to_have_text(GREETING)
    await states(agent, invitation["id"], "accepted")
    await agent.close()


async def test_escape_in_the_invitation_declines_it_and_leaves_focus_on_the_launcher(
    page: Page, relay: RunningRelay
) -> None:
    agent, _ = await log_in(relay)
    await on_site(page, relay)
    welcome = await arrive(page, relay)
    await agent.send(frames.Invite(visitors=[welcome["visitor"]], text=GREETING))
    invitation = await shown_invitation(page)
    await page.locator("#next").focus()
    await page.keyboard.press("Escape")  # outside the invitation: the page's, not ours
    await settle()
    await expect(page.locator(".invite")).to_be_visible()
    await page.keyboard.press("Tab")
    await expect(page.locator(".invite input")).to_be_focused()
    await page.keyboard.press("Escape")
    await expect(page.locator(".invite")).to_have_count(0)
    await expect(page.locator(".launcher")).to_be_focused()
    await states(agent, invitation["id"], "declined")
    await agent.close()


async def test_hostile_text_in_a_greeting_stays_text_wraps_and_keeps_the_layout(
    page: Page, relay: RunningRelay
) -> None:
    agent, _ = await log_in(relay)
    await on_site(page, relay)
    welcome = await arrive(page, relay)
    head = "<img src=x onerror=alert(1)><b>bold</b> {{7*7}} \u202eevil "
    hostile = head + "W" * (500 - len(head))  # the longest greeting the relay sends, unbroken
    await agent.send(frames.Invite(visitors=[welcome["visitor"]], text=hostile))
    invitation = await shown_invitation(page)
    assert invitation["text"] == hostile
    card = page.locator(".invite")
    text = card.locator(".text")
    await expect(text).to_have_text(hostile)
    await expect(text).to_have_attribute("dir", "auto")  # its own bidi isolate
    assert await text.evaluate("e => e.childElementCount") == 0
    assert await card.locator("img").count() == 0
    box, inside = await box_of(card), await box_of(text)
    assert box["width"] <= 332 and box["y"] >= 0  # as wide as ever, within the window
    assert inside["x"] + inside["width"] <= box["x"] + box["width"]
    assert await text.evaluate("e => e.scrollWidth <= e.clientWidth")  # wrapped
    assert await text.evaluate("e => e.scrollHeight > e.clientHeight")  # and scrolls
    await expect(card.get_by_role("button", name="Chat now")).to_be_visible()
    await agent.close()


async def test_an_invitation_speaks_the_widgets_language_and_follows_a_change(
    page: Page, relay: RunningRelay
) -> None:
    agent, _ = await log_in(relay)
    await on_site(page, relay)
    welcome = await arrive(page, relay)
    await page.evaluate("Parley('setLanguage', 'mn')")
    await agent.send(frames.Invite(visitors=[welcome["visitor"]], text=GREETING))
    await shown_invitation(page)
    card = page.locator(".invite")
    await expect(card.locator(".acts button")).to_have_text(["Одоо чатлах", "Дараа"])
    reply = card.locator("input")
    await reply.fill("Сайн байна уу")
    await page.evaluate("Parley('setLanguage', 'zh-CN')")
    await expect(card.locator(".acts button")).to_have_text(["立即咨询", "稍后再说"])
    await expect(card.locator("input")).to_have_value("Сайн байна уу")  # kept
    await expect(card).to_have_attribute("lang", "zh-CN")
    await agent.close()


async def test_an_invitation_does_not_move_for_a_visitor_who_prefers_reduced_motion(
    page: Page, relay: RunningRelay
) -> None:
    agent, _ = await log_in(relay)
    await on_site(page, relay)
    welcome = await arrive(page, relay)
    await agent.send(frames.Invite(visitors=[welcome["visitor"]], text=GREETING))
    await shown_invitation(page)
    card = page.locator(".invite")
    assert await card.evaluate("e => getComputedStyle(e).animationName") == "parley-in"
    await page.emulate_media(reduced_motion="reduce")
    assert await card.evaluate("e => getComputedStyle(e).animationName") == "none"
    await agent.close()


# ------------------------------------------------------------------ what is downloaded when


async def test_a_visitor_downloads_the_chat_and_invitation_parts_only_when_they_are_needed(
    page: Page, relay: RunningRelay
) -> None:
    agent, _ = await log_in(relay)
    fetched: list[str] = []
    page.on(
        "request",
        lambda request: (
            fetched.append(request.url.removeprefix(relay.http))
            if "/widget" in request.url
            else None
        ),
    )
    await on_site(page, relay)
    welcome = await arrive(page, relay)
    await page.wait_for_timeout(500)
    assert sorted(fetched) == ["/widget.js", "/widget/widget.css"]  # bench/widget_size.py's

    await agent.send(frames.Invite(visitors=[welcome["visitor"]], text=GREETING))
    await shown_invitation(page)
    assert set(fetched) == {
        "/widget.js",
        "/widget/widget.css",
        "/widget/widget-invite.js",
        "/widget/widget-invite.css",
    }
    await page.locator(".invite").get_by_role("button", name="Later").click()
    await page.locator(".launcher").click()
    await expect(page.locator(".panel")).to_be_visible()
    assert {"/widget/widget-chat.css", "/widget/widget-chat.js"} <= set(fetched)
    assert len(fetched) == len(set(fetched)) == 6  # each once
    await agent.close()


async def test_the_relays_clock_says_when_an_invitation_ends_not_the_visitors(
    browser: Browser, relay: RunningRelay
) -> None:
    clock, agent = await frozen_admin(relay)
    await set_up(agent, rule(), settings=frames.InvitationSettings(timeout=20))
    # The visitor's clock is an hour fast: by it, the invitation would have expired long ago.
    context = await browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = await context.new_page()
    await page.add_init_script("{ const now = Date.now; Date.now = () => now() + 3600e3; }")
    watch = PageWatch()
    watch.attach(page)
    await on_site(page, relay)
    await arrive(page, relay)
    await wait(relay, clock, 30)
    await shown_invitation(page)  # by the relay's clock it has 20 s left
    await settle()
    await expect(page.locator(".invite")).to_be_visible()
    await context.close()
    assert watch.errors == []
    await agent.close()

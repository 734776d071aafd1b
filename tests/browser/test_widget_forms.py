"""Pre-chat form, the offline form, languages, page views and the typing preview."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, Page, expect

from relay.core.contact import check_email, check_phone
from relay.store.records import PrechatField, SiteSettings
from shared_protocol import frames
from shared_protocol.errors import ProtocolError
from tests.helpers.browser import DESKTOP, keep_screenshot, serve_pages, site_page
from tests.helpers.clients import AgentClient
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay
from tests.helpers.widget import login, type_and_send


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
        prechat=(PrechatField(field="name", required=True), PrechatField(field="phone")),
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
    await page.clock.install()  # the page's timers run on a clock the test can move
    await open_widget(page, relay)
    note = page.locator(".draft-note")
    if notice:
        await expect(note).to_have_text("Our team sees what you type before you send it.")
    else:
        await expect(note).to_be_hidden()
    await page.locator(".compose textarea").press_sequentially("Is it open", delay=30)
    # Past the preview's throttle (PREVIEW_MS): whatever draft was due has been sent now.
    await page.clock.run_for(1000)
    sent = await page.evaluate("window.__sent")
    assert ("typing" in sent) is preview
    await agent.close()


RECORD_SENT_FRAMES = """
  window.__frames = [];
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    try { window.__frames.push(JSON.parse(data)); } catch (e) {}
    return send.call(this, data);
  };
"""


async def sent_frames(page: Page, kind: str) -> list[dict[str, object]]:
    frames_sent: list[dict[str, object]] = await page.evaluate(
        "kind => window.__frames.filter(f => f.type === kind)", kind
    )
    return frames_sent


async def test_offline_form_refuses_a_contact_that_is_neither_email_nor_phone(
    page: Page, relay: RunningRelay
) -> None:
    await page.add_init_script(RECORD_SENT_FRAMES)
    await open_widget(page, relay)
    sheet = page.locator(".sheet")
    await sheet.locator("input[name=name]").fill("Ana")
    contact = sheet.locator("input[name=contact]")
    question = "Please call me about IELTS prices."
    await sheet.locator("textarea[name=question]").fill(question)
    error = sheet.locator("label.field:has(input[name=contact]) + .err")
    for typed, said in [
        ("xyz", "Please enter an e-mail address or a phone number."),
        ("ana@example", "Please enter an e-mail address like name@example.com."),
        ("ana @example.com", "Please enter an e-mail address like name@example.com."),
        ("12-34", "Please enter a phone number of 5 to 20 digits."),
        ("+976 9911 abc", "Please enter a phone number of 5 to 20 digits."),
    ]:
        await contact.fill(typed)
        await sheet.locator("button.primary").click()
        await expect(error).to_have_text(said)  # right under the field, in words
        await expect(contact).to_have_attribute("aria-invalid", "true")
        await expect(contact).to_be_focused()
        # Nothing was sent, and nothing the visitor typed is lost.
        await expect(contact).to_have_value(typed)
        await expect(sheet.locator("input[name=name]")).to_have_value("Ana")
        await expect(sheet.locator("textarea[name=question]")).to_have_value(question)
        assert await sent_frames(page, "profile") == []
        assert await sent_frames(page, "message") == []
    assert await contact.get_attribute("aria-describedby") == await error.get_attribute("id")
    await keep_screenshot(page, "offline-form-bad-contact")

    await contact.fill("+976 (99) 11-22.33")  # typing again takes the complaint away
    await expect(error).to_be_hidden()
    await sheet.locator("button.primary").click()
    await expect(page.locator(".msg.mine .meta")).to_contain_text("Sent")
    [profile] = await sent_frames(page, "profile")
    assert (profile["name"], profile["email"], profile["phone"]) == (
        "Ana",
        "",
        "+976 (99) 11-22.33",
    )


@pytest.mark.parametrize(
    ("locale", "email_words", "phone_words"),
    [
        (
            "en-GB",
            "Please enter an e-mail address like name@example.com.",
            "Please enter a phone number of 5 to 20 digits.",
        ),
        (
            "zh-CN",
            "请输入正确的电子邮箱，例如 name@example.com。",
            "请输入正确的手机号码（5 至 20 位数字）。",
        ),
        (
            "mn-MN",
            "И-мэйл хаягаа name@example.com хэлбэрээр бичнэ үү.",
            "Утасны дугаараа зөв бичнэ үү: 5–20 цифр.",
        ),
    ],
)
async def test_pre_chat_form_says_in_the_visitors_language_what_is_wrong_with_email_and_phone(
    browser: Browser, relay: RunningRelay, locale: str, email_words: str, phone_words: str
) -> None:
    fields = (PrechatField(field="email", required=True), PrechatField(field="phone"))
    await relay.relay.store.set_site_settings("test", SiteSettings(prechat=fields))
    agent = await login(relay)
    context = await browser.new_context(viewport=DESKTOP, locale=locale)
    page = await context.new_page()
    await page.add_init_script(RECORD_SENT_FRAMES)
    await open_widget(page, relay)
    sheet = page.locator(".sheet")
    email, phone = sheet.locator("input[name=email]"), sheet.locator("input[name=phone]")
    await email.fill("xyz")
    await phone.fill("12")
    await sheet.locator("button.primary").click()
    await expect(sheet.locator(".err")).to_have_text([email_words, phone_words])
    await expect(email).to_be_focused()  # the first field that is wrong
    await expect(page.locator(".compose")).to_be_hidden()
    await expect(email).to_have_value("xyz")
    await expect(phone).to_have_value("12")
    assert await sent_frames(page, "profile") == []
    await keep_screenshot(page, f"prechat-bad-{locale}")

    await email.fill("bat@school.mn")
    await phone.fill("+976 9911 2233")
    await sheet.locator("button.primary").click()
    await expect(page.locator(".compose")).to_be_visible()
    update = await agent.expect_visitor(lambda v: v.email == "bat@school.mn")
    assert update.phone == "+976 9911 2233"
    await context.close()
    await agent.close()


async def test_a_language_switch_while_filling_the_pre_chat_form_keeps_what_was_typed(
    page: Page, relay: RunningRelay
) -> None:
    fields = (PrechatField(field="name"), PrechatField(field="phone"))
    await relay.relay.store.set_site_settings("test", SiteSettings(prechat=fields))
    agent = await login(relay)
    await open_widget(page, relay)
    sheet = page.locator(".sheet")
    await sheet.locator("input[name=name]").fill("Бат")
    await sheet.locator("input[name=phone]").fill("+976 9911 2233")
    await page.evaluate("Parley('setLanguage', 'mn')")  # the form is rebuilt in Mongolian
    await expect(sheet.locator("button.primary")).to_have_text("Чат эхлэх")
    await expect(sheet.locator("input[name=name]")).to_have_value("Бат")
    await expect(sheet.locator("input[name=phone]")).to_have_value("+976 9911 2233")
    await agent.close()


async def test_a_field_the_visitor_clicks_into_as_the_panel_opens_keeps_the_cursor(
    page: Page, relay: RunningRelay
) -> None:
    fields = (PrechatField(field="email"), PrechatField(field="phone"))
    await relay.relay.store.set_site_settings("test", SiteSettings(prechat=fields))
    agent = await login(relay)
    await open_widget(page, relay)
    # The visitor clicks the phone box the moment it appears; the panel's own "focus the
    # first field" comes a moment after opening and must not pull the cursor away.
    focused = await page.evaluate(
        """() => new Promise(done => {
            const root = document.querySelector('parley-chat').shadowRoot;
            const poll = () => {
                const phone = root.querySelector('.sheet input[name=phone]');
                if (!phone || !phone.offsetParent) return requestAnimationFrame(poll);
                phone.focus();
                setTimeout(() => done(root.activeElement && root.activeElement.name), 300);
            };
            poll();
        })"""
    )
    assert focused == "phone"
    await agent.close()


async def test_page_api_never_sends_a_malformed_email_or_phone(
    page: Page, relay: RunningRelay
) -> None:
    agent = await login(relay)
    await page.add_init_script(RECORD_SENT_FRAMES)
    await open_widget(page, relay)
    await page.evaluate("Parley('setVisitor', {name: 'Ana', email: 'xyz', phone: 'call me'})")
    update = await agent.expect_visitor(lambda v: v.name == "Ana")
    assert (update.email, update.phone) == ("", "")
    [profile] = await sent_frames(page, "profile")
    assert (profile["email"], profile["phone"]) == ("", "")
    await expect(page.locator(".notice")).to_be_hidden()  # the relay refused nothing
    await agent.close()


EMAILS = [
    "ana@example.com",
    "名字@例子.中国",
    "a.b+c@mail.school.mn",
    "a@b..com",
    "a@.b.com",
    "ana@example",
    "ana@example.com.",
    "ana @example.com",
    "ana\u00a0@example.com",
    "ana\x85@example.com",
    "ana\u3000@example.com",
    "a@b@c.com",
    "x" * 195 + "@ab.com",
]
PHONES = [
    "+976 9911 2233",
    "(0)20 7946.0958",
    "+" + "1" * 20,
    "12-34",
    "+976\u00a09911 2233",
    "138\u30000013 8000",
    "１３８００１３８０００",
    "1+2345678",
    "1" * 21,
    "+" + "1" * 21,
    "12345" + " " * 200 + "6",
]


def relay_accepts(check: object, value: str) -> bool:
    try:
        check(value)  # type: ignore[operator]
    except ProtocolError:
        return False
    return True


async def test_the_widget_never_sends_an_email_or_phone_the_relay_would_refuse(
    page: Page, relay: RunningRelay
) -> None:
    agent = await login(relay)
    await page.add_init_script(RECORD_SENT_FRAMES)
    await open_widget(page, relay)
    for email in EMAILS:
        await page.evaluate("email => Parley('setVisitor', {email})", email)
    for phone in PHONES:
        await page.evaluate("phone => Parley('setVisitor', {phone})", phone)
    await page.evaluate("Parley('setVisitor', {name: 'last'})")
    await agent.expect_visitor(lambda v: v.name == "last")  # the relay has read them all
    profiles = await sent_frames(page, "profile")
    sent_emails = [str(p["email"]) for p in profiles[: len(EMAILS)]]
    sent_phones = [str(p["phone"]) for p in profiles[len(EMAILS) : -1]]
    for sent in filter(None, sent_emails):
        assert relay_accepts(check_email, sent), sent
    for sent in filter(None, sent_phones):
        assert relay_accepts(check_phone, sent), sent
    # Not by refusing everything: plain addresses and numbers go through.
    assert [e for e in sent_emails if e] == EMAILS[:3]
    assert [p for p in sent_phones if p] == PHONES[:3]
    await expect(page.locator(".notice")).to_be_hidden()  # no bad_frame came back
    await agent.close()

"""Files in the widget, in real Chromium against a real relay: a button and drag-and-drop
send, images preview, downloads stay downloads, hostile names stay text."""

from __future__ import annotations

import re

from playwright.async_api import Page, expect

from shared_protocol import frames
from tests.helpers.clients import new_id
from tests.helpers.images import PNG
from tests.helpers.relay_fixtures import RunningRelay, log_in
from tests.helpers.widget import agent_upload, login, open_chat, type_and_send

HOSTILE_NAME = "<img src=x onerror=alert(1)>.html"


async def test_files_go_both_ways_with_a_preview_and_a_download(
    page: Page, relay: RunningRelay
) -> None:
    alice, welcome = await log_in(relay)
    await open_chat(page, relay)
    await type_and_send(page, "Here is my screenshot")
    conversation = (await alice.expect(frames.Message)).message.conversation

    # The paperclip: the visitor picks a file.
    attach = page.locator(".attach")
    await expect(attach).to_have_attribute("aria-label", "Send a file")
    async with page.expect_file_chooser() as chooser:
        await attach.click()
    await (await chooser.value).set_files(
        {"name": "screen.png", "mimeType": "image/png", "buffer": PNG}
    )
    sent = (await alice.expect(frames.Message)).message
    assert sent.file is not None and (sent.file.name, sent.file.type) == ("screen.png", "image/png")
    preview = page.locator(".msg.mine .thumb")
    await expect(preview).to_have_attribute("src", re.compile(r"^blob:"))
    assert await preview.evaluate("img => img.naturalWidth") == 2

    # The agent sends an HTML file with a hostile name: text in the widget, and a download.
    page_file = await agent_upload(
        welcome.token, welcome.files_url, b"<script>alert(1)</script>", HOSTILE_NAME
    )
    await alice.send(
        frames.AgentSend(
            id=new_id(), conversation=conversation, text=page_file.name, file=page_file.id
        )
    )
    chip = page.locator(".msg.theirs .file")
    await expect(chip.locator(".fname")).to_have_text(HOSTILE_NAME)
    assert await page.locator(".msg.theirs img").count() == 0
    async with page.expect_download() as download_info:
        await chip.click()
    download = await download_info.value
    assert download.suggested_filename.endswith(".html")
    assert (await download.path()).read_bytes() == b"<script>alert(1)</script>"

    # Drag and drop onto the panel sends too.
    await page.evaluate(
        """() => {
        const panel = document.querySelector("parley-chat").shadowRoot.querySelector(".panel");
        const data = new DataTransfer();
        data.items.add(new File(["Name,Phone\\nWang Li,138"], "报名表.csv", {type: "text/csv"}));
        const options = {dataTransfer: data, bubbles: true, cancelable: true};
        panel.dispatchEvent(new DragEvent("dragover", options));
        panel.dispatchEvent(new DragEvent("drop", options));
    }"""
    )
    dropped = (await alice.expect(frames.Message)).message
    assert dropped.file is not None and dropped.file.name == "报名表.csv"
    await expect(page.locator(".msg.mine .fname").last).to_have_text("报名表.csv")
    await page.reload()  # from history: the files are still there
    await expect(page.locator(".fname")).to_have_count(3)
    await alice.close()


async def test_an_oversized_file_is_refused_with_a_clear_message(
    page: Page, relay: RunningRelay
) -> None:
    relay.relay.config.max_file_bytes = 1024
    agent = await login(relay)
    await open_chat(page, relay)
    async with page.expect_file_chooser() as chooser:
        await page.locator(".attach").click()
    await (await chooser.value).set_files(
        {"name": "big.pdf", "mimeType": "application/pdf", "buffer": bytes(4096)}
    )
    await expect(page.locator(".notice")).to_have_text("Files may be at most 1 KB.")
    assert await page.locator(".msg").count() == 0
    assert list(relay.relay.config.files_path().rglob("*.*")) == []
    await agent.close()

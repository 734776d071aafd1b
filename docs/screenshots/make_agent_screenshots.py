"""Takes the README's screenshots of the agent app (Qt offscreen, real relay, raw visitors).

Run: .venv/bin/python docs/screenshots/make_agent_screenshots.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

import aiohttp  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from agent_app.cache import TranscriptCache  # noqa: E402
from agent_app.desk import Desk  # noqa: E402
from agent_app.net.client import ConnectionState, Login, RelayClient  # noqa: E402
from agent_app.notify import NotifierChain  # noqa: E402
from agent_app.runtime import EventLoop  # noqa: E402
from agent_app.settings import Preferences  # noqa: E402
from agent_app.sound import Chime  # noqa: E402
from agent_app.tray import Tray  # noqa: E402
from agent_app.views.login import LoginDialog  # noqa: E402
from shared_protocol import frames  # noqa: E402
from shared_protocol.frames import PhraseDraft, PhraseKind  # noqa: E402
from tests.helpers.clients import VisitorClient  # noqa: E402
from tests.helpers.images import png  # noqa: E402
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, start_relay  # noqa: E402

IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
)
WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36"
)
BAIDU = "https://www.baidu.com/s?wd=%E9%9B%85%E6%80%9D%E5%91%A8%E6%9C%AB%E7%8F%AD"
VISITORS = [  # landing URL, title, referrer, address, user agent
    ("https://school.example/courses/ielts", "IELTS weekend course", BAIDU, "218.108.0.1", IPHONE),
    (
        "https://school.example/prices?gclid=x&utm_term=ielts+course",
        "Prices",
        "https://www.google.co.uk/",
        "81.2.69.160",
        WINDOWS,
    ),
    ("https://school.example/", "Northwind Language School", "", "114.114.114.114", WINDOWS),
    ("https://school.example/contact", "Contact", "https://weibo.com/x", "202.96.128.86", IPHONE),
]
GEO = HERE.parent.parent / "data" / "geo"


async def arrive(
    relay_url: str, arrival: tuple[str, str, str, str, str]
) -> tuple[VisitorClient, str]:
    """A visitor from VISITORS on the site, welcomed: the client and its token."""
    url, title, referrer, ip, agent = arrival
    visitor = await VisitorClient.connect(
        relay_url,
        page=frames.PageInfo(url=url, title=title, referrer=referrer),
        headers={"X-Forwarded-For": ip, "User-Agent": agent},
    )
    return visitor, (await visitor.expect(frames.Welcome)).token


async def wait_until(check: object, within: float = 10) -> None:
    async with asyncio.timeout(within):
        while not check():  # type: ignore[operator]  # noqa: ASYNC110
            await asyncio.sleep(0.05)


PHRASES = [
    PhraseDraft(
        title="Weekend price",
        category="Prices/IELTS",
        shortcut="price",
        text="{visitor.name|Hello}, the weekend course is ¥3,200 for 10 weeks, books included.",
        shared=True,
    ),
    PhraseDraft(
        title="Two people",
        category="Prices",
        shortcut="two",
        text="Two people from one family get 10% off each.",
        shared=True,
    ),
    PhraseDraft(
        title="Pay in two parts",
        category="Prices",
        shortcut="parts",
        text="Yes, half when you enrol and half at week 5.",
        shared=True,
    ),
    PhraseDraft(
        title="Map to the school",
        category="Visiting us",
        shortcut="map",
        kind=PhraseKind.LINK,
        text="Here is how to find us:",
        url="https://school.example/map",
        shared=True,
    ),
    PhraseDraft(title="Greeting", shortcut="hi", text="Hi {visitor.name|there}, I'm {agent.name}."),
]


async def craft_scene(
    desk: Desk, visitor: VisitorClient, token: str, conversation: int, scratch: Path
) -> None:
    """Phrases, a quote, a withdrawn message and files, as the agent sees them."""
    brochure = scratch / "IELTS-brochure.pdf"
    brochure.write_bytes(b"%PDF-1.7 " * 20000)
    for draft in PHRASES:
        await desk.phrases.save(None, draft)
    await desk.phrases.save(
        None,
        PhraseDraft(
            title="Course brochure", category="Documents", shortcut="brochure", shared=True
        ),
        brochure,
    )
    await wait_until(lambda: len(desk.phrases.held) == len(PHRASES) + 1)
    desk.chat.reply(conversation, "It is ¥2,300 for 10 weeks.")
    await wait_until(
        lambda: any(e.text.startswith("It is") and e.seq for e in desk.messages.entries)
    )
    wrong = next(e for e in desk.messages.entries if e.text.startswith("It is"))
    assert wrong.seq is not None
    desk.send(frames.Withdraw(conversation=conversation, seq=wrong.seq))
    asked = next(e for e in desk.messages.entries if e.text == "Great. How much is it?")
    reply = desk.window.chat.reply
    reply.setPlainText("/price")
    reply.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClick(reply, Qt.Key.Key_Space)
    desk.chat.reply(conversation, reply.toPlainText().strip(), quoted=asked.seq or 0)
    reply.clear()
    desk.phrases.use(next(p for p in desk.phrases.held.values() if p.kind is PhraseKind.FILE), True)
    await asyncio.sleep(0.5)
    files_url = desk.files.transfer.url if desk.files.transfer else ""
    async with aiohttp.ClientSession() as http:
        headers = {
            "Authorization": f"Visitor {token}",
            "X-Parley-Site": "demo",
            "X-File-Name": "my-level-test.png",
        }
        picture = png(480, 300, (59, 130, 246))
        async with http.post(files_url, data=picture, headers=headers) as response:
            image = frames.Attachment(**(await response.json())["file"])
    await visitor.send(frames.VisitorSend(id="img-1", text=image.name, file=image.id))
    await visitor.say("Can I pay in two parts?")
    await asyncio.sleep(1.0)
    last = desk.messages.entries[-1]
    desk.window.chat.quote(last)
    reply.setPlainText("Yes: ")
    desk.window.show_phrases()
    desk.window.phrases.search.setText("pay")
    await asyncio.sleep(0.5)
    desk.window.grab().save(str(HERE / "agent-craft.png"))


async def main(app: QApplication) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        relay = await start_relay(
            Path(scratch) / "data", trusted_proxies=["127.0.0.1"], geo_dir=str(GEO)
        )
        cache = TranscriptCache(Path(scratch) / "cache.sqlite")
        await cache.open()
        desk = Desk(
            cache=cache,
            preferences=Preferences(relay_url=relay.http, user=AGENT_NAME, popup_arrivals=False),
            notifier=NotifierChain([]),
            chime=Chime(Path(scratch) / "chime.wav", enabled=False),
            tray=Tray(),
        )
        client = RelayClient(relay.http, desk, session=desk.session)
        desk.client = client
        running = asyncio.create_task(client.run(Login(AGENT_NAME, AGENT_PASSWORD)))
        await wait_until(lambda: desk.state is ConnectionState.ONLINE)
        visitors, tokens = [], []
        for arrival in VISITORS:
            visitor, token = await arrive(relay.url, arrival)
            tokens.append(token)
            visitors.append(visitor)
        await visitors[0].send(frames.Profile(name="Wang Fang", email="wang@example.com"))
        first = await visitors[0].say("Hello! Is the IELTS weekend course still open for May?")
        await visitors[1].say("Do you offer a discount for two people?")
        await wait_until(lambda: desk.conversations.rowCount() == 2)
        await asyncio.sleep(0.3)
        desk.window.show()
        desk.open_conversation(first.conversation)
        desk.chat.reply(
            first.conversation, "Hi Wang Fang! Yes, two places are left (Saturdays 9–12)."
        )
        await asyncio.sleep(0.3)
        await visitors[0].say("Great. How much is it?")
        await visitors[0].send(
            frames.PageView(
                page=frames.PageInfo(url="https://school.example/prices", title="Prices")
            )
        )
        await visitors[0].send(frames.VisitorTyping(text="And can I pay in two"))
        await asyncio.sleep(1.5)
        desk.window.grab().save(str(HERE / "agent-main.png"))

        await craft_scene(desk, visitors[0], tokens[0], first.conversation, Path(scratch))

        login = LoginDialog("https://chat.school.example", "alice", can_remember=True)
        login.show()
        await asyncio.sleep(0.2)
        login.grab().save(str(HERE / "agent-login.png"))
        login.close()

        for visitor in visitors:
            await visitor.close()
        await client.stop()
        await running
        await desk.settle()
        await cache.close()
        await relay.relay.stop()
    print("agent screenshots written to", HERE)


if __name__ == "__main__":
    application = QApplication(sys.argv)
    loop = EventLoop(application)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(main(application))

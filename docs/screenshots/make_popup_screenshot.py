"""Takes the README's pop-up screenshot: the agent app on a real X display with a tray, a
visitor from a Baidu search arriving while the agent chats with another.

Qt's tray balloon is the pop-up here (a virtual display has no notification daemon). Run:

    Xvfb :71 -screen 0 1280x800x24 -nolisten tcp &
    DISPLAY=:71 trayer --edge top --align right --widthtype pixel --width 120 --height 24 &
    DISPLAY=:71 QT_QPA_PLATFORM=xcb .venv/bin/python docs/screenshots/make_popup_screenshot.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from PySide6.QtWidgets import QApplication  # noqa: E402

from agent_app.cache import TranscriptCache  # noqa: E402
from agent_app.desk import Desk  # noqa: E402
from agent_app.net.client import ConnectionState, Login, RelayClient  # noqa: E402
from agent_app.notify import NotifierChain  # noqa: E402
from agent_app.runtime import EventLoop  # noqa: E402
from agent_app.settings import Preferences  # noqa: E402
from agent_app.sound import Chime  # noqa: E402
from agent_app.tray import Tray, TrayNotifier  # noqa: E402
from docs.screenshots.make_agent_screenshots import GEO, VISITORS, arrive, wait_until  # noqa: E402
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, start_relay  # noqa: E402


async def main(app: QApplication) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        relay = await start_relay(
            Path(scratch) / "data", trusted_proxies=["127.0.0.1"], geo_dir=str(GEO)
        )
        cache = TranscriptCache(Path(scratch) / "cache.sqlite")
        await cache.open()
        tray = Tray()
        if not tray.available:
            raise SystemExit("no system tray on this display: start trayer first (see above)")
        desk = Desk(
            cache=cache,
            preferences=Preferences(relay_url=relay.http, user=AGENT_NAME),
            notifier=NotifierChain([lambda: TrayNotifier(tray)]),
            chime=Chime(Path(scratch) / "chime.wav", enabled=False),
            tray=tray,
        )
        client = RelayClient(relay.http, desk, session=desk.session)
        desk.client = client
        running = asyncio.create_task(client.run(Login(AGENT_NAME, AGENT_PASSWORD)))
        await wait_until(lambda: desk.state is ConnectionState.ONLINE)
        desk.window.resize(1280, 760)
        desk.window.show()
        visitors = [(await arrive(relay.url, arrival))[0] for arrival in VISITORS[1:3]]
        first = await visitors[0].say("Do you offer a discount for two people?")
        await wait_until(lambda: desk.conversations.row(first.conversation) is not None)
        desk.open_conversation(first.conversation)
        desk.chat.reply(first.conversation, "Yes: two people from one family get 10% off each.")
        await asyncio.sleep(3)  # the arrivals' pop-ups come and go
        arriving, _token = await arrive(relay.url, VISITORS[0])
        visitors.append(arriving)
        await asyncio.sleep(1.5)  # the balloon fades in
        screen = app.primaryScreen()
        frame = desk.window.frameGeometry()  # the window and the balloon over it
        screen.grabWindow(0, 0, 0, frame.right() + 1, frame.bottom() + 1).save(
            str(HERE / "agent-popup.png")
        )
        for visitor in visitors:
            await visitor.close()
        await client.stop()
        await running
        await desk.settle()
        await cache.close()
        await relay.relay.stop()
    print("pop-up screenshot written to", HERE / "agent-popup.png")


if __name__ == "__main__":
    application = QApplication(sys.argv)
    loop = EventLoop(application)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(main(application))

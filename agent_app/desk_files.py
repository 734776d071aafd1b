"""Files at the desk: sending them into the open chat, saving them, image previews."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QPixmap

from agent_app.net.files import FileError, FileTransfer, save_unique
from shared_protocol import frames, limits

if TYPE_CHECKING:
    from agent_app.desk import Desk

PREVIEW_SIZE = (240, 160)


class DeskFiles:
    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.transfer: FileTransfer | None = None  # once the relay says where files go
        self._previewing: set[str] = set()  # image files asked for or shown
        desk.window.chat.files_chosen.connect(self.send_all)
        desk.window.chat.save_requested.connect(lambda file: desk.later(self.save(file)))

    def logged_in(self, welcome: frames.LoginOk) -> None:
        if welcome.files_url:
            self.transfer = FileTransfer(welcome.files_url, welcome.token, welcome.max_file_bytes)

    def _say(self, text: str, milliseconds: int = 15000) -> None:
        self.desk.window.statusBar().showMessage(text, milliseconds)

    def send_all(self, paths: list[Path]) -> None:
        conversation = self.desk.window.current
        if conversation is not None:
            for path in paths:
                self.desk.later(self.send(conversation, path))

    async def send(self, conversation_id: int, path: Path) -> None:
        """Upload, then send a message carrying the file (resent like any reply)."""
        if self.transfer is None:
            self._say("This relay does not take files.")
            return
        self._say(f"Uploading {path.name}…", 0)
        try:
            attachment = await self.transfer.upload(path)
        except FileError as error:
            self._say(f"Not sent: {error}")
            return
        self.desk.window.statusBar().clearMessage()
        self.desk.reply(conversation_id, attachment.name, file=attachment)

    async def upload(self, path: Path) -> frames.Attachment | None:
        """Upload without sending (a file phrase's file); None after saying why not."""
        if self.transfer is None:
            self._say("This relay does not take files.")
            return None
        try:
            return await self.transfer.upload(path)
        except FileError as error:
            self._say(f"Not uploaded: {error}")
            return None

    async def save(self, attachment: frames.Attachment) -> Path | None:
        """Download into the Downloads folder under a name that overwrites nothing."""
        if self.transfer is None:
            return None
        try:
            data = await self.transfer.download(attachment.id)
        except FileError as error:
            self._say(f"Not saved: {error}")
            return None
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
        target = await asyncio.to_thread(save_unique, Path(folder or "."), attachment.name, data)
        self._say(f"Saved to {target}")
        return target

    def preview(self, file: frames.Attachment | None) -> None:
        """Fetch an image once, to show it in the transcript."""
        if file is None or file.id in self._previewing or file.type not in limits.PREVIEW_TYPES:
            return
        self._previewing.add(file.id)
        self.desk.later(self._fetch_preview(file))

    async def _fetch_preview(self, file: frames.Attachment) -> None:
        if self.transfer is None:
            return
        try:
            data = await self.transfer.download(file.id)
        except FileError:
            self._previewing.discard(file.id)  # try again when shown next
            return
        picture = QPixmap()
        if not picture.loadFromData(data):
            return
        width, height = PREVIEW_SIZE
        if picture.width() > width or picture.height() > height:  # shrink, never enlarge
            picture = picture.scaled(
                width,
                height,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        self.desk.messages.set_preview(file.id, picture)

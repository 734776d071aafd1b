"""Files: sending them into the open chat, saving them, image previews in the transcript."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtGui import QPixmap

from agent_app.bridge import FrameRouter
from agent_app.features.effects import Effects
from agent_app.i18n import fill
from agent_app.models.messages import MessagesModel
from agent_app.net.files import FileError, FileTransfer, save_unique
from agent_app.selection import Selection
from shared_protocol import frames, limits

PREVIEW_SIZE = (240, 160)
# A reply carrying a file: conversation, the file's name as its text, the file.
SendReply = Callable[[int, str, frames.Attachment], None]


class FilesController:
    def __init__(
        self,
        *,
        messages: MessagesModel,
        selection: Selection,
        effects: Effects,
        router: FrameRouter,
        send_reply: SendReply,
    ) -> None:
        self.messages = messages
        self.selection = selection
        self.effects = effects
        self.send_reply = send_reply
        self.transfer: FileTransfer | None = None  # once the relay says where files go
        self._previewing: set[str] = set()  # image files asked for or shown
        router.on(frames.LoginOk, self._logged_in)

    def _logged_in(self, welcome: frames.LoginOk) -> None:
        if welcome.files_url:
            self.transfer = FileTransfer(welcome.files_url, welcome.token, welcome.max_file_bytes)

    def send_all(self, paths: list[Path]) -> None:
        """Files chosen or dropped: each sent into the open chat."""
        conversation = self.selection.conversation
        if conversation is not None:
            for path in paths:
                self.effects.later(self.send(conversation, path))

    async def send(self, conversation_id: int, path: Path) -> None:
        """Upload, then send a message carrying the file (resent like any reply)."""
        self.effects.say(fill(QCoreApplication.translate("Files", "Uploading %1…"), path.name))
        attachment = await self.upload(
            path, failed=QCoreApplication.translate("Files", "Not sent: %1")
        )
        if attachment is not None:
            self.effects.say("")
            self.send_reply(conversation_id, attachment.name, attachment)

    async def upload(self, path: Path, failed: str = "") -> frames.Attachment | None:
        """Upload without sending (a file phrase's file); None after saying why not."""
        if self.transfer is None:
            self.effects.say(QCoreApplication.translate("Files", "This relay does not take files."))
            return None
        try:
            return await self.transfer.upload(path)
        except FileError as error:
            self.effects.say(
                fill(failed or QCoreApplication.translate("Files", "Not uploaded: %1"), str(error))
            )
            return None

    async def save(self, attachment: frames.Attachment) -> Path | None:
        """Download into the Downloads folder under a name that overwrites nothing."""
        if self.transfer is None:
            return None
        try:
            data = await self.transfer.download(attachment.id)
        except FileError as error:
            self.effects.say(fill(QCoreApplication.translate("Files", "Not saved: %1"), str(error)))
            return None
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
        target = await asyncio.to_thread(save_unique, Path(folder or "."), attachment.name, data)
        self.effects.say(fill(QCoreApplication.translate("Files", "Saved to %1"), str(target)))
        return target

    def preview(self, file: frames.Attachment | None) -> None:
        """Fetch an image once, to show it in the transcript."""
        if file is None or file.id in self._previewing or file.type not in limits.PREVIEW_TYPES:
            return
        self._previewing.add(file.id)
        self.effects.later(self._fetch_preview(file))

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
        self.messages.set_preview(file.id, picture)

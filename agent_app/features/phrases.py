"""Canned phrases: held as the relay sends them, shown in the panel, used in the open chat
(inserted, sent, or expanded from a /shortcut), imported and exported."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Protocol

import msgspec
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from agent_app.bridge import FrameRouter
from agent_app.features.effects import Effects
from agent_app.i18n import fill
from agent_app.models.conversations import ConversationsModel
from agent_app.models.visitors import VisitorsModel
from agent_app.phrases import PhraseCsvError, find_shortcut, from_csv, outgoing, to_csv
from agent_app.selection import Selection
from agent_app.views.phrases_panel import PhrasesPanel
from shared_protocol import frames

IMPORT_PACE = 40  # phrases per second on import: inside the relay's frame rate limit
SendReply = Callable[[int, str, frames.Attachment | None], None]
Upload = Callable[[Path], Awaitable[frames.Attachment | None]]


class ReplyEditor(Protocol):
    """Where a phrase goes to be edited before sending: the open chat's reply box."""

    def insert(self, text: str) -> None: ...
    def can_reply(self) -> bool: ...


class PhrasesController:
    def __init__(
        self,
        *,
        panel: PhrasesPanel,
        editor: ReplyEditor,
        conversations: ConversationsModel,
        visitors: VisitorsModel,
        selection: Selection,
        effects: Effects,
        router: FrameRouter,
        send_reply: SendReply,
        upload: Upload,
        dialogs_parent: QWidget | None = None,
    ) -> None:
        self.panel = panel
        self.editor = editor
        self.conversations = conversations
        self.visitors = visitors
        self.selection = selection
        self.effects = effects
        self.send_reply = send_reply
        self.upload = upload
        self.dialogs_parent = dialogs_parent
        self.me: frames.AgentInfo | None = None
        self.held: dict[int, frames.Phrase] = {}
        self.site_names: dict[str, str] = {}  # site key → the name visitors see
        panel.use_requested.connect(self.use)
        panel.save_requested.connect(
            lambda phrase_id, draft, path: effects.later(self.save(phrase_id, draft, path))
        )
        panel.delete_requested.connect(lambda i: effects.send(frames.PhraseDelete(id=i)))
        panel.import_requested.connect(self._ask_import)
        panel.export_requested.connect(self._ask_export)
        router.on(frames.LoginOk, self._logged_in)
        router.on(frames.PhrasesChanged, lambda f: self.changed(f.updated, f.deleted))

    def _logged_in(self, welcome: frames.LoginOk) -> None:
        self.me = welcome.agent
        self.held = {phrase.id: phrase for phrase in welcome.phrases}
        self.site_names = dict(welcome.site_names)
        self._show()

    def changed(self, updated: list[frames.Phrase], deleted: list[int]) -> None:
        for phrase in updated:
            self.held[phrase.id] = phrase
        for phrase_id in deleted:
            self.held.pop(phrase_id, None)
        self._show()

    def _show(self) -> None:
        self.panel.show_phrases(list(self.held.values()), may_share=self._admin())

    def _admin(self) -> bool:
        return self.me is not None and self.me.role == "admin"

    def values(self) -> dict[str, str]:
        """What {visitor.name}, {agent.name} and {site.name} stand for in the open chat."""
        row = self.conversations.row(self.selection.conversation or 0)
        visitor = self.visitors.get(row.info.visitor) if row else None
        return {
            "visitor.name": row.visitor_name if row else "",
            "agent.name": self.me.display_name if self.me else "",
            "site.name": self.site_names.get(visitor.site, "") if visitor else "",
        }

    def use(self, phrase: frames.Phrase, send: bool) -> None:
        """Insert the phrase into the reply box to edit it, or send it at once. A file
        phrase always sends: a file cannot wait in a text box."""
        conversation = self.selection.conversation
        if conversation is None or not self.editor.can_reply():
            self.effects.say(
                QCoreApplication.translate("Phrases", "Open a chat first to use a phrase.")
            )
            return
        out = outgoing(phrase, self.values())
        if send or out.file is not None:
            self.send_reply(conversation, out.text, out.file)
        else:
            self.editor.insert(out.text)

    def expand(self, shortcut: str) -> str | None:
        """/shortcut typed in the reply box: the text it stands for (a file is sent)."""
        phrase = find_shortcut(self.held.values(), shortcut)
        if phrase is None:
            return None
        out = outgoing(phrase, self.values())
        conversation = self.selection.conversation
        if out.file is not None and conversation is not None:
            self.send_reply(conversation, out.text, out.file)
            return ""
        return out.text

    async def save(
        self, phrase_id: int | None, draft: frames.PhraseDraft, path: Path | None = None
    ) -> None:
        """Save on the relay; a file phrase's new file is uploaded first."""
        if path is not None:
            attachment = await self.upload(path)
            if attachment is None:
                return
            draft = msgspec.structs.replace(draft, file=attachment.id, kind=frames.PhraseKind.FILE)
        self.effects.send(frames.PhraseSave(id=phrase_id, phrase=draft))

    def _ask_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.dialogs_parent,
            QCoreApplication.translate("Phrases", "Import phrases"),
            "",
            "CSV (*.csv)",
        )
        if not path:
            return
        try:
            text = Path(path).read_text("utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            self.effects.say(
                fill(QCoreApplication.translate("Phrases", "Nothing imported: %1"), str(error))
            )
            return
        self.effects.later(self.import_csv(text))

    def _ask_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self.dialogs_parent,
            QCoreApplication.translate("Phrases", "Export phrases"),
            "phrases.csv",
            "CSV (*.csv)",
        )
        if path:
            self.export_csv(Path(path))

    async def import_csv(self, csv_text: str) -> int:
        try:
            drafts = from_csv(csv_text, may_share=self._admin())
        except PhraseCsvError as error:
            self.effects.say(
                fill(QCoreApplication.translate("Phrases", "Nothing imported: %1"), str(error))
            )
            return 0
        for number, draft in enumerate(drafts, start=1):
            self.effects.send(frames.PhraseSave(phrase=draft))
            if number % IMPORT_PACE == 0:
                await asyncio.sleep(1)
        imported = QCoreApplication.translate("Phrases", "Phrases imported: %1")
        self.effects.say(fill(imported, str(len(drafts))))
        return len(drafts)

    def export_csv(self, path: Path) -> None:
        # With a byte order mark: spreadsheet programs then read Chinese text right.
        path.write_text(to_csv(self.held.values()), encoding="utf-8-sig")
        self.effects.say(fill(QCoreApplication.translate("Phrases", "Exported to %1"), str(path)))

"""Canned phrases at the desk: held as the relay sends them, shown in the panel, used in
the open chat (inserted, sent, or expanded from a /shortcut), imported and exported."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
from PySide6.QtWidgets import QFileDialog

from agent_app.phrases import PhraseCsvError, find_shortcut, from_csv, outgoing, to_csv
from shared_protocol import frames

if TYPE_CHECKING:
    from agent_app.desk import Desk

IMPORT_PACE = 40  # phrases per second on import: inside the relay's frame rate limit


class DeskPhrases:
    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.held: dict[int, frames.Phrase] = {}
        self.site_names: dict[str, str] = {}  # site key → the name visitors see
        panel = desk.window.phrases
        panel.use_requested.connect(self.use)
        panel.save_requested.connect(
            lambda phrase_id, draft, path: desk.later(self.save(phrase_id, draft, path))
        )
        panel.delete_requested.connect(lambda i: desk.send(frames.PhraseDelete(id=i)))
        panel.import_requested.connect(self._ask_import)
        panel.export_requested.connect(self._ask_export)
        desk.window.chat.reply.expand = self.expand
        desk.router.on(frames.PhrasesChanged, lambda f: self.changed(f.updated, f.deleted))

    def logged_in(self, welcome: frames.LoginOk) -> None:
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
        self.desk.window.phrases.show_phrases(list(self.held.values()), may_share=self._admin())

    def _admin(self) -> bool:
        return self.desk.me is not None and self.desk.me.role == "admin"

    def _say(self, text: str) -> None:
        self.desk.window.statusBar().showMessage(text, 15000)

    def values(self) -> dict[str, str]:
        """What {visitor.name}, {agent.name} and {site.name} stand for in the open chat."""
        desk = self.desk
        row = desk.conversations.row(desk.window.current or 0)
        visitor = desk.visitors.get(row.info.visitor) if row else None
        return {
            "visitor.name": row.visitor_name if row else "",
            "agent.name": desk.me.display_name if desk.me else "",
            "site.name": self.site_names.get(visitor.site, "") if visitor else "",
        }

    def use(self, phrase: frames.Phrase, send: bool) -> None:
        """Insert the phrase into the reply box to edit it, or send it at once. A file
        phrase always sends: a file cannot wait in a text box."""
        window, conversation = self.desk.window, self.desk.window.current
        if conversation is None or not window.reply.isEnabled():
            self._say("Open a chat first to use a phrase.")
            return
        out = outgoing(phrase, self.values())
        if send or out.file is not None:
            self.desk.reply(conversation, out.text, file=out.file)
        else:
            window.chat.insert(out.text)

    def expand(self, shortcut: str) -> str | None:
        """/shortcut typed in the reply box: the text it stands for (a file is sent)."""
        phrase = find_shortcut(self.held.values(), shortcut)
        if phrase is None:
            return None
        out = outgoing(phrase, self.values())
        conversation = self.desk.window.current
        if out.file is not None and conversation is not None:
            self.desk.reply(conversation, out.text, file=out.file)
            return ""
        return out.text

    async def save(
        self, phrase_id: int | None, draft: frames.PhraseDraft, path: Path | None = None
    ) -> None:
        """Save on the relay; a file phrase's new file is uploaded first."""
        if path is not None:
            attachment = await self.desk.files.upload(path)
            if attachment is None:
                return
            draft = msgspec.structs.replace(draft, file=attachment.id, kind=frames.PhraseKind.FILE)
        self.desk.send(frames.PhraseSave(id=phrase_id, phrase=draft))

    def _ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.desk.window, "Import phrases", "", "CSV (*.csv)")
        if not path:
            return
        try:
            text = Path(path).read_text("utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            self._say(f"Nothing imported: {error}")
            return
        self.desk.later(self.import_csv(text))

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.desk.window, "Export phrases", "phrases.csv", "CSV (*.csv)"
        )
        if path:
            self.export_csv(Path(path))

    async def import_csv(self, csv_text: str) -> int:
        try:
            drafts = from_csv(csv_text, may_share=self._admin())
        except PhraseCsvError as error:
            self._say(f"Nothing imported: {error}")
            return 0
        for number, draft in enumerate(drafts, start=1):
            self.desk.send(frames.PhraseSave(phrase=draft))
            if number % IMPORT_PACE == 0:
                await asyncio.sleep(1)
        self._say(f"Imported {len(drafts)} phrases")
        return len(drafts)

    def export_csv(self, path: Path) -> None:
        # With a byte order mark: spreadsheet programs then read Chinese text right.
        path.write_text(to_csv(self.held.values()), encoding="utf-8-sig")
        self._say(f"Exported to {path}")

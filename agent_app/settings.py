"""The agent's preferences, kept with QSettings (never secrets: those go to the keyring)."""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import QSettings

from shared_protocol.frames import AgentStatus

DEFAULT_RELAY = "http://127.0.0.1:8080"


@dataclass
class Preferences:
    relay_url: str = DEFAULT_RELAY
    user: str = ""
    sound: bool = True
    popup_arrivals: bool = True
    arrivals_from: str = "all"  # which arrivals pop up: all, search, returning, pages
    arrival_pages: str = ""  # with "pages": comma-separated parts of URLs, e.g. /courses,/prices
    popup_conversations: bool = True
    popup_messages: bool = True
    start_minimised: bool = False
    language: str = "system"  # system (from the locale), en, zh_CN, mn: from the next start
    theme: str = "system"  # system (follows light/dark as it switches), light, dark
    status: str = "online"  # online, away, offline: the last one chosen, kept across starts
    idle_minutes: int = 10  # Away after this long without input in the app; 0: never

    def agent_status(self) -> AgentStatus:
        try:
            return AgentStatus(self.status)
        except ValueError:  # a settings file from elsewhere: the safe default
            return AgentStatus.ONLINE

    @classmethod
    def load(cls, store: QSettings) -> Preferences:
        loaded = cls()
        for item in fields(cls):
            value = store.value(item.name)
            if value is None:
                continue
            default = getattr(loaded, item.name)
            if isinstance(default, bool):
                value = str(value).lower() in ("true", "1")
            elif isinstance(default, int):  # QSettings' files give text back
                try:
                    value = max(0, int(str(value)))
                except ValueError:  # a settings file from elsewhere: the default
                    value = default
            setattr(loaded, item.name, value)
        return loaded

    def save(self, store: QSettings) -> None:
        for item in fields(self):
            store.setValue(item.name, getattr(self, item.name))
        store.sync()

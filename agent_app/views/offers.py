"""The offer banner: chats the relay offers this agent, and chats colleagues transfer to
them, across the top of the main window, each with who and where, the time left to
answer, the handover note, and Accept / Decline. What the tray pop-up offers, in the app."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from agent_app import text as untrusted
from agent_app import theme
from agent_app.i18n import fill
from agent_app.views.banner import Banner, BannerRow, Waiting
from agent_app.views.plain import plain_label

OFFER, TRANSFER = "offer", "transfer"


@dataclass(frozen=True)
class Offer:
    """A chat waiting for this agent's answer."""

    conversation: int
    visitor: int
    kind: str  # OFFER (the relay's routing) or TRANSFER (a colleague hands it over)
    visitor_name: str  # as given: shown through untrusted.shown
    department: str = ""
    deadline: float | None = None  # the relay's clock
    note: str = ""  # the handover note (transfers, and offers after one)
    from_name: str = ""  # who hands it over
    said: str = ""  # the visitor's last words, when known
    to_department: bool = False  # a transfer to this agent's department, not to them alone


def countdown(seconds_left: float) -> str:
    """0:24, 1:05: the time left to answer."""
    left = max(0, int(seconds_left + 0.999))
    return f"{left // 60}:{left % 60:02d}"


def offer_headline(offer: Offer) -> str:
    """ "Chat offered: 李华 · Sales" / "Bob transfers a chat: 李华 · Sales"."""
    name = untrusted.shown(offer.visitor_name, max_chars=40, one_line=True)
    where = (
        " · " + untrusted.shown(offer.department, max_chars=40, one_line=True)
        if offer.department
        else ""
    )
    if offer.kind == TRANSFER and offer.to_department:
        template = QCoreApplication.translate("Offers", "%1 asks your department to take: %2")
        who = untrusted.shown(offer.from_name or "?", max_chars=30, one_line=True)
        return fill(template, who, name) + where
    if offer.kind == TRANSFER:
        if offer.from_name:
            template = QCoreApplication.translate("Offers", "%1 transfers a chat to you: %2")
            who = untrusted.shown(offer.from_name, max_chars=30, one_line=True)
            return fill(template, who, name) + where
        template = QCoreApplication.translate("Offers", "A chat is transferred to you: %1")
        return fill(template, name) + where
    return fill(QCoreApplication.translate("Offers", "Chat offered to you: %1"), name) + where


def time_left_text(seconds_left: float) -> str:
    return fill(QCoreApplication.translate("Offers", "%1 left"), countdown(seconds_left))


class OfferRow(BannerRow):
    accept_requested = Signal(int)
    decline_requested = Signal(int)

    def __init__(self, offer: Offer) -> None:
        super().__init__(offer)
        self.offer = offer
        self.headline = plain_label(offer_headline(offer))
        self.headline.setFont(theme.scaled_font(self.headline, 1.05, bold=True))
        self.detail = plain_label()
        self.detail.setFont(theme.scaled_font(self.detail, 0.95))
        lines = []
        if offer.note:
            note = untrusted.shown(offer.note, max_chars=300)
            lines.append(fill(QCoreApplication.translate("Offers", "Note: %1"), note))
        if offer.said:
            said = untrusted.shown(offer.said, max_chars=160, one_line=True)
            lines.append(fill(QCoreApplication.translate("Offers", "Visitor: %1"), said))
        self.detail.setText("\n".join(lines))
        self.detail.setVisible(bool(lines))
        self.timer = QLabel()
        self.timer.setTextFormat(Qt.TextFormat.PlainText)
        self.timer.setFont(theme.scaled_font(self.timer, 1.05, bold=True))
        self.accept_button = QPushButton(QCoreApplication.translate("Offers", "Accept"))
        self.accept_button.setDefault(True)
        self.decline_button = QPushButton(QCoreApplication.translate("Offers", "Decline"))
        self.accept_button.clicked.connect(lambda: self.accept_requested.emit(offer.conversation))
        self.decline_button.clicked.connect(lambda: self.decline_requested.emit(offer.conversation))
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.headline)
        words.addWidget(self.detail)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addLayout(words, 1)
        layout.addWidget(self.timer)
        layout.addWidget(self.accept_button)
        layout.addWidget(self.decline_button)
        self._colour()

    def _colour(self) -> None:
        """Amber for an offer, sky blue for a transfer: an agent tells them apart at a
        glance. Dark text on a light fill, light on dark, both 7:1 or more."""
        dark = theme.is_dark(self.palette())
        transfer = self.offer.kind == TRANSFER
        if dark:
            fill_colour, ink = ("#0c4a6e", "#e0f2fe") if transfer else ("#713f12", "#fef9c3")
        else:
            fill_colour, ink = ("#e0f2fe", "#0c4a6e") if transfer else ("#fef3c7", "#451a03")
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(fill_colour))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(ink))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)

    def tick(self, now: float) -> None:
        deadline = self.offer.deadline
        self.timer.setText(time_left_text(deadline - now) if deadline is not None else "")


class OfferBanner(Banner):
    """Every offer and transfer waiting for this agent, newest last; hidden when none."""

    accept_requested = Signal(int)
    decline_requested = Signal(int)

    def make_row(self, item: Waiting) -> BannerRow:
        assert isinstance(item, Offer)
        row = OfferRow(item)
        row.accept_requested.connect(self.accept_requested.emit)
        row.decline_requested.connect(self.decline_requested.emit)
        return row

    def show_offers(self, offers: list[Offer], now: float) -> None:
        self.show_items(offers, now)

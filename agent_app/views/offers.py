"""The offer banner: chats the relay offers this agent, and chats colleagues transfer to
them, across the top of the main window, each with who and where, the time left to
answer, the handover note, and Accept / Decline. What the tray pop-up offers, in the app."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Signal

from agent_app import text as untrusted
from agent_app.i18n import fill
from agent_app.views.banner import Banner, BannerRow, Tone, Waiting

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


OFFER_TONE = Tone(light=("#fef3c7", "#451a03"), dark=("#713f12", "#fef9c3"))
TRANSFER_TONE = Tone(light=("#e0f2fe", "#0c4a6e"), dark=("#0c4a6e", "#e0f2fe"))


class OfferRow(BannerRow):
    accept_requested = Signal(int)
    decline_requested = Signal(int)

    def __init__(self, offer: Offer) -> None:
        lines = []
        if offer.note:
            note = untrusted.shown(offer.note, max_chars=300)
            lines.append(fill(QCoreApplication.translate("Offers", "Note: %1"), note))
        if offer.said:
            said = untrusted.shown(offer.said, max_chars=160, one_line=True)
            lines.append(fill(QCoreApplication.translate("Offers", "Visitor: %1"), said))
        # Amber for an offer, sky blue for a transfer: an agent tells them apart at a glance.
        tone = TRANSFER_TONE if offer.kind == TRANSFER else OFFER_TONE
        yes = QCoreApplication.translate("Offers", "Accept")
        no = QCoreApplication.translate("Offers", "Decline")
        super().__init__(offer, offer_headline(offer), lines, yes, no, tone)
        self.offer = offer
        self.accept_button, self.decline_button = self.yes_button, self.no_button
        self.accept_button.clicked.connect(lambda: self.accept_requested.emit(offer.conversation))
        self.decline_button.clicked.connect(lambda: self.decline_requested.emit(offer.conversation))

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

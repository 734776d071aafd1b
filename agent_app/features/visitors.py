"""Visitors on the site: the live list and its count, arrivals, who has left and when, and
the details pane of the selected visitor (their path, earlier visits and chats, the contact
they left)."""

from __future__ import annotations

import time
from collections import Counter, OrderedDict
from typing import Protocol

from msgspec.structs import replace
from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex

from agent_app.bridge import FrameRouter
from agent_app.features.alerts import Alerts
from agent_app.features.effects import Effects
from agent_app.i18n import QT_TRANSLATE_NOOP, fill
from agent_app.models.conversations import ConversationsModel
from agent_app.models.visitors import VisitorsModel
from agent_app.selection import Selection
from agent_app.views.wording import visitor_number
from shared_protocol import frames

# A visitor seen this recently is not announced again when they "arrive": they come back
# after a relay restart or a dropped connection, not on a new visit (the relay's default
# visit gap).
ARRIVAL_QUIET_SECONDS = 30 * 60
DEPARTED_KEPT = 1000  # visitors who left whose details (place, source, device) stay shown

SOURCE_NAMES = {
    "search": QT_TRANSLATE_NOOP("Visitors", "search"),
    "paid_search": QT_TRANSLATE_NOOP("Visitors", "ads"),
    "social": QT_TRANSLATE_NOOP("Visitors", "social"),
    "referral": QT_TRANSLATE_NOOP("Visitors", "links"),
    "campaign": QT_TRANSLATE_NOOP("Visitors", "campaigns"),
    "internal": QT_TRANSLATE_NOOP("Visitors", "this site"),
    "direct": QT_TRANSLATE_NOOP("Visitors", "direct"),
}


def visitor_count_text(visitors: list[frames.VisitorInfo]) -> str:
    """`12 on the site now: search 7, direct 3, social 2` (a count after its label reads
    right in each language, where "1 campaigns" would not)."""
    if not visitors:
        return QCoreApplication.translate("Visitors", "Nobody on the site")
    counts = Counter(SOURCE_NAMES.get(info.source, SOURCE_NAMES["direct"]) for info in visitors)
    parts = [
        fill(QCoreApplication.translate("Visitors", "%1 %2"), _(name), str(n))
        for name, n in counts.most_common()
    ]
    return fill(
        QCoreApplication.translate("Visitors", "%1 on the site now: %2"),
        str(len(visitors)),
        QCoreApplication.translate("Visitors", ", ").join(parts),
    )


def _(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP, looked up when shown."""
    return QCoreApplication.translate("Visitors", text)


class VisitorsView(Protocol):
    def show_visitor(
        self,
        info: frames.VisitorInfo | None,
        contact: frames.VisitorContact | None = None,
        *,
        here: bool = True,
    ) -> None: ...
    def show_details(
        self, details: frames.VisitorDetails, now: float, gone_since: float | None = None
    ) -> None: ...
    def show_visitor_count(self, text: str) -> None: ...


class VisitorsController:
    def __init__(
        self,
        *,
        visitors: VisitorsModel,
        conversations: ConversationsModel,
        selection: Selection,
        view: VisitorsView,
        alerts: Alerts,
        effects: Effects,
        router: FrameRouter,
    ) -> None:
        self.visitors = visitors
        self.conversations = conversations
        self.selection = selection
        self.view = view
        self.alerts = alerts
        self.effects = effects
        # What was known of visitors who left, newest last: an agent answering a message
        # left offline still sees where the visitor was and how they came.
        self.departed: OrderedDict[int, frames.VisitorInfo] = OrderedDict()
        # visitor → when this app last heard of them: for one who left, when they left
        self.last_seen: dict[int, float] = {}
        self.shown_details: frames.VisitorDetails | None = None  # of the selected visitor
        on = router.on
        on(frames.LoginOk, self._logged_in)
        on(frames.VisitorsChanged, self._changed)
        on(frames.VisitorUpdate, self._update)
        on(frames.VisitorLeft, lambda f: self._left(f.visitor))
        on(frames.VisitorDetails, self._details)
        # A chat the details list goes on after they were fetched: counted as it grows.
        conversations.dataChanged.connect(self._conversations_changed)

    def show(self, visitor_id: int) -> None:
        """The details pane for this visitor, also when they have left the site."""
        self.selection.visitor = visitor_id
        live = self.visitors.get(visitor_id)
        info = live or self.departed.get(visitor_id)
        self.view.show_visitor(info, self.contact_of(visitor_id), here=live is not None)
        if self._may_ask(visitor_id):
            self.effects.send(frames.DetailsRequest(visitor=visitor_id))

    def _may_ask(self, visitor_id: int) -> bool:
        """Not for a visitor whose chats here were all handed out of this agent's view
        (another department's now: the relay refuses `details` with forbidden)."""
        rows = self.conversations.of_visitor(visitor_id)
        return not rows or any(row.out_of_view is None for row in rows)

    def name_of(self, visitor_id: int) -> str:
        """The visitor's name as every view shows it: live, or left in a form, or a number."""
        info = self.visitors.get(visitor_id)
        if info is not None and info.name:
            return info.name
        rows = self.conversations.of_visitor(visitor_id)
        if rows:
            return rows[-1].display_name()
        return visitor_number(visitor_id)

    def contact_of(self, visitor_id: int) -> frames.VisitorContact | None:
        """What the visitor left in a form, as the relay tells it with their conversations."""
        for row in reversed(self.conversations.of_visitor(visitor_id)):
            if row.info.contact is not None:
                return row.info.contact
        return None

    # ------------------------------------------------------------ frames

    def _logged_in(self, welcome: frames.LoginOk) -> None:
        self.visitors.reset(welcome.visitors)
        now = time.time()
        self.last_seen.update((info.id, now) for info in welcome.visitors)
        self._count()
        online = {info.id for info in welcome.visitors}
        for row in list(self.conversations.rows):
            if row.info.visitor not in online:
                self.conversations.visitor_left(row.info.visitor, row.visitor_seen or time.time())
        if self.selection.visitor is not None:
            # What was fetched before this login missed what changed meanwhile, and after
            # a restore (a new epoch) its chats are of the old history: asked again, and
            # not shown again in the meantime.
            self.shown_details = None
            self.effects.send(frames.DetailsRequest(visitor=self.selection.visitor))

    def _update(self, update: frames.VisitorUpdate) -> None:
        self._visitor(update.visitor)
        self._count()

    def _changed(self, changed: frames.VisitorsChanged) -> None:
        for info in changed.updated:
            self._visitor(info)
            if info.id == self.selection.visitor:
                self.effects.send(frames.DetailsRequest(visitor=info.id))  # follow the path
        for visitor_id in changed.left:
            self._left(visitor_id)
        self._count()

    def _visitor(self, info: frames.VisitorInfo) -> None:
        arrived = self.visitors.upsert(info)
        self.conversations.set_visitor(info)
        if self.selection.visitor == info.id:
            self.view.show_visitor(info)
        now = time.time()
        if arrived and now - self.last_seen.get(info.id, 0.0) >= ARRIVAL_QUIET_SECONDS:
            self.alerts.arrived(info)
        self.last_seen[info.id] = now

    def _left(self, visitor_id: int) -> None:
        info = self.visitors.get(visitor_id)
        if info is not None:
            self.departed[visitor_id] = info
            self.departed.move_to_end(visitor_id)
            while len(self.departed) > DEPARTED_KEPT:
                self.departed.popitem(last=False)
        self.visitors.remove(visitor_id)
        self.conversations.visitor_left(visitor_id, time.time())
        self.last_seen[visitor_id] = time.time()
        if visitor_id == self.selection.visitor and self._may_ask(visitor_id):
            self.effects.send(frames.DetailsRequest(visitor=visitor_id))  # the path ended

    def _details(self, details: frames.VisitorDetails) -> None:
        if details.visitor == self.selection.visitor:
            self.shown_details = details
            self.refresh_details()

    def refresh_details(self) -> None:
        """The time on the current page goes on: shown again as the clock ticks."""
        details = self.shown_details
        if details is not None and details.visitor == self.selection.visitor:
            shown = self._as_held(details)
            self.view.show_details(shown, time.time(), self._gone_since(details.visitor))

    def _as_held(self, details: frames.VisitorDetails) -> frames.VisitorDetails:
        """The visitor's chats as the relay listed them, each counted up to the newest
        message this app holds of it: a chat still going grows after the details came."""
        listed = []
        for info in details.conversations:
            row = self.conversations.row(info.id)
            held = max(row.last_seq, row.info.last_seq) if row is not None else 0
            listed.append(replace(info, last_seq=held) if held > info.last_seq else info)
        if listed == details.conversations:
            return details
        return replace(details, conversations=listed)

    def _conversations_changed(
        self,
        top_left: QModelIndex | QPersistentModelIndex,
        bottom_right: QModelIndex | QPersistentModelIndex,
        *_: object,
    ) -> None:
        details = self.shown_details
        if details is None or details.visitor != self.selection.visitor:
            return
        listed = {info.id for info in details.conversations}
        rows = self.conversations.rows[top_left.row() : bottom_right.row() + 1]
        if any(row.info.id in listed for row in rows):
            self.refresh_details()

    def _gone_since(self, visitor_id: int) -> float | None:
        """When the visitor left the site; None while they are on it."""
        if self.visitors.get(visitor_id) is not None:
            return None
        return self.last_seen.get(visitor_id, time.time())

    def _count(self) -> None:
        self.view.show_visitor_count(visitor_count_text(self.visitors.all()))

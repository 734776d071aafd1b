"""Invitations in the agent app without a relay: the book of states, the visitor rows'
badge and the details' line, the invite dialog's frames and answers, the arrival pop-up's
"Invite", the rules window's checks and its answers from the relay, all with frames made
by hand (tests/helpers/agent_frames.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import msgspec
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QListWidget,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from agent_app import i18n
from agent_app.bridge import FrameRouter
from agent_app.features.alerts import Alerts
from agent_app.features.effects import Effects
from agent_app.features.invitations import InvitationsController
from agent_app.models.conversations import ConversationsModel
from agent_app.models.invitation_rules import rule_problem, settings_problem, variant_verdict_text
from agent_app.models.invitations import InvitationBook, phrase_words, preview
from agent_app.models.messages import MessagesModel
from agent_app.models.visitors import CHAT_COLUMN, INVITATION_ROLE, VisitorsModel
from agent_app.notify import NotifierChain
from agent_app.selection import Selection
from agent_app.settings import Preferences
from agent_app.sound import Chime
from agent_app.text import FSI, PDI
from agent_app.views.invitation_rules import InvitationRulesDialog
from agent_app.views.main_window import MainWindow
from agent_app.views.rule_editor import RuleEditor
from agent_app.views.wording import VisitorTable
from shared_protocol import frames
from shared_protocol.errors import ErrorCode
from tests.desktop.test_i18n import english_left, language, use
from tests.helpers.agent_frames import ME, invitation, visitor, welcome
from tests.helpers.desk import RecordingNotifier, plain

NOW = 1_800_000_000.0
__all__ = ["language"]  # the fixture, from test_i18n


@dataclass
class FakeDetails:
    """The details pane's invitation row, recorded."""

    shown: list[tuple[frames.InvitationInfo | None, bool, bool]] = field(default_factory=list)

    def show_invitation(
        self, info: frames.InvitationInfo | None, *, can_invite: bool, can_withdraw: bool
    ) -> None:
        self.shown.append((info, can_invite, can_withdraw))


@dataclass
class Feature:
    """The invitations feature around real models and recorded effects."""

    clock: list[float] = field(default_factory=lambda: [NOW])
    online: bool = True
    sent: list[frames.Frame] = field(default_factory=list)
    said: list[str] = field(default_factory=list)
    details: FakeDetails = field(default_factory=FakeDetails)
    phrases: list[frames.Phrase] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.router = FrameRouter()
        self.visitors = VisitorsModel(clock=lambda: self.clock[0])
        self.table = VisitorTable(self.visitors)
        self.selection = Selection()
        self.controller = InvitationsController(
            visitors=self.visitors,
            selection=self.selection,
            view=self.details,
            effects=Effects(
                send=self.sent.append,
                later=lambda work: work.close(),
                say=self.said.append,
                unread_changed=lambda: None,
            ),
            router=self.router,
            phrases=lambda: self.phrases,
            name_of=lambda v: i.name if (i := self.visitors.get(v)) and i.name else f"#{v}",
            online=lambda: self.online,
            clock=lambda: self.clock[0],
        )

    def visitor_changed(self, info: frames.VisitorInfo) -> None:
        """As the visitors feature (heard first) and then this one take it."""
        self.visitors.upsert(info)
        self.router.dispatch(frames.VisitorUpdate(visitor=info))

    def hear(self, *infos: frames.InvitationInfo) -> None:
        self.router.dispatch(frames.Invitations(invitations=list(infos)))

    def badge(self, visitor_id: int) -> str:
        """The Chat cell of the visitor's row, as the table shows it."""
        for row in range(self.table.rowCount()):
            index = self.table.index(row, CHAT_COLUMN)
            if self.table.index(row, 0).data(Qt.ItemDataRole.UserRole + 1) == visitor_id:
                return str(index.data())
        raise AssertionError(f"no row for visitor {visitor_id}")

    def row_invitation(self, visitor_id: int) -> object:
        for row in range(self.table.rowCount()):
            if self.table.index(row, 0).data(Qt.ItemDataRole.UserRole + 1) == visitor_id:
                return self.table.index(row, CHAT_COLUMN).data(INVITATION_ROLE)
        raise AssertionError(f"no row for visitor {visitor_id}")


def logged_in(feature: Feature, *visitors: frames.VisitorInfo, role: str = "agent") -> None:
    hello = welcome()
    agent = frames.AgentInfo(id=ME.id, name=ME.name, display_name="Alice", role=role)  # type: ignore[arg-type]
    feature.visitors.reset(list(visitors))
    feature.router.dispatch(
        frames.LoginOk(
            v=hello.v,
            agent=agent,
            token="t",
            token_expires=0,
            visitors=list(visitors),
            conversations=[],
            agents=[],
            server_time=0,
            site_names={"demo": "Northwind School"},
        )
    )


# ------------------------------------------------------------------ the book


def test_the_newest_state_of_an_invitation_wins_and_never_moves_back() -> None:
    book = InvitationBook()
    assert book.update([invitation(1, 5, "sent", at=10)]) == {5}
    assert book.update([invitation(1, 5, "shown", at=12, sent_at=10)]) == {5}
    assert book.update([invitation(1, 5, "accepted", at=15, sent_at=10)]) == {5}
    # Late news of earlier states, or a second ending, change nothing.
    assert book.update([invitation(1, 5, "shown", at=12, sent_at=10)]) == set()
    assert book.update([invitation(1, 5, "expired", at=30, sent_at=10)]) == set()
    assert book.newest(5) is not None and book.newest(5).status == "accepted"  # type: ignore[union-attr]
    # A second invitation of the visitor, sent later, is the one their row shows.
    book.update([invitation(2, 5, "sent", at=40)])
    assert book.shown(5, 41).id == 2  # type: ignore[union-attr]
    # An older one's news does not take the row back.
    assert book.update([invitation(1, 5, "accepted", at=16, sent_at=10)]) == set()
    assert book.shown(5, 41).id == 2  # type: ignore[union-attr]


def test_an_ended_invitation_stays_ten_minutes_or_until_the_visitor_leaves() -> None:
    book = InvitationBook()
    book.update([invitation(1, 5, "declined", at=100), invitation(2, 6, "sent", at=100)])
    assert book.shown(5, 100 + 599) is not None
    assert book.shown(5, 100 + 600) is None
    assert book.shown(6, 100 + 3600) is not None  # still waiting for an answer: stays
    assert book.expire(100 + 600) == {5}
    book.update([invitation(3, 7, "expired", at=100)])
    assert book.left(7) and book.shown(7, 101) is None
    assert not book.left(6) and book.shown(6, 101) is not None  # waiting: until it ends


def test_phrase_words_fill_the_agents_name_and_leave_the_visitors_to_the_relay() -> None:
    phrase = frames.Phrase(
        id=1, title="hi", text="{visitor.name|您}好，我是{agent.name}，{site.name}的老师。"
    )
    words = phrase_words(phrase, "王老师")
    assert words == "{visitor.name|您}好，我是王老师，{site.name}的老师。"
    values = {"visitor.name": "李华", "site.name": "Northwind"}
    assert preview(words, values) == "李华好，我是王老师，Northwind的老师。"
    assert preview(words, {}) == "您好，我是王老师，的老师。"
    link = frames.Phrase(
        id=2, title="map", kind=frames.PhraseKind.LINK, url="https://s.example/map"
    )
    assert phrase_words(link, "A") == "https://s.example/map"


# ------------------------------------------------------------------ rows and details


def test_a_rows_badge_follows_sent_shown_accepted_and_chatting(qtbot: QtBot) -> None:
    feature = Feature()
    logged_in(feature, visitor(5, "王芳"), visitor(6))
    feature.hear(invitation(1, 5, "sent", at=NOW))
    assert feature.badge(5) == "invited"
    assert feature.badge(6) == ""
    feature.hear(invitation(1, 5, "shown", at=NOW + 2, sent_at=NOW))
    assert feature.badge(5) == "invite seen"
    feature.hear(invitation(1, 5, "accepted", at=NOW + 5, sent_at=NOW))
    assert feature.badge(5) == "accepted"
    # The chat the invitation opened: still "accepted", which says more than "chatting".
    feature.visitor_changed(visitor(5, "王芳", conversation=3))
    assert feature.badge(5) == "accepted"
    tooltip = feature.table.index(0, CHAT_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert "Accepted the invitation" in tooltip and "Alice" in tooltip
    # Ten minutes on, the row says what it said before invitations: chatting.
    feature.clock[0] = NOW + 5 + 600
    feature.controller.refresh()
    assert feature.badge(5) == "chatting"
    assert feature.row_invitation(5) is None


def test_a_declined_invitation_gives_way_to_a_chat_the_visitor_starts(qtbot: QtBot) -> None:
    feature = Feature()
    logged_in(feature, visitor(5))
    feature.hear(invitation(1, 5, "declined", at=NOW))
    assert feature.badge(5) == "declined"
    feature.visitor_changed(visitor(5, conversation=9))
    assert feature.badge(5) == "chatting"


def test_the_details_offer_invite_then_withdraw_for_ones_own_waiting_invitation(
    qtbot: QtBot,
) -> None:
    feature = Feature()
    logged_in(feature, visitor(5), visitor(6))
    feature.selection.visitor = 5
    feature.controller.show_details()
    assert feature.details.shown[-1] == (None, True, False)
    feature.hear(invitation(1, 5, "shown", at=NOW))
    info, can_invite, can_withdraw = feature.details.shown[-1]
    assert info is not None and info.id == 1 and not can_invite and can_withdraw
    feature.controller.withdraw(1)
    assert feature.sent[-1] == frames.InvitationWithdraw(id=1)
    # Another agent's invitation: an agent may not take it back (an admin may).
    feature.hear(invitation(2, 6, "sent", at=NOW, agent=99, agent_name="Bob"))
    feature.selection.visitor = 6
    feature.controller.show_details()
    assert feature.details.shown[-1][2] is False
    # The relay refuses a withdrawal that came too late: the agent is told why.
    feature.router.dispatch(
        frames.Error(code=ErrorCode.CONFLICT, detail="this invitation is accepted")
    )
    assert feature.said[-1] == "Not withdrawn: this invitation is accepted"


def test_an_admin_may_withdraw_anyones_invitation(qtbot: QtBot) -> None:
    feature = Feature()
    logged_in(feature, visitor(6), role="admin")
    feature.hear(invitation(2, 6, "sent", at=NOW, agent=99, agent_name="Bob"))
    feature.selection.visitor = 6
    feature.controller.show_details()
    assert feature.details.shown[-1][2] is True


# ------------------------------------------------------------------ the invite dialog


def test_inviting_several_sends_one_invite_and_names_who_was_refused_and_why(
    qtbot: QtBot,
) -> None:
    feature = Feature()
    logged_in(feature, visitor(5, "王芳"), visitor(6, "Болд"), visitor(7, "李华", conversation=4))
    dialog = feature.controller.invite([5, 6, 7])
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.who.count() == 3
    assert "is already chatting" in plain(dialog.who.item(2).text())
    dialog.use_own.setChecked(True)
    dialog.own.setPlainText("你好 {visitor.name|朋友}，需要帮忙吗？")
    assert plain(dialog.preview.text()) == "你好 朋友，需要帮忙吗？"  # several: each their own
    dialog.send_button.click()
    [invite] = feature.sent
    assert isinstance(invite, frames.Invite)
    assert invite.visitors == [5, 6, 7] and invite.text == "你好 {visitor.name|朋友}，需要帮忙吗？"
    assert not dialog.send_button.isEnabled()
    feature.router.dispatch(
        frames.InviteResult(
            ref=invite.ref,
            sent=[invitation(1, 5, at=NOW), invitation(2, 6, at=NOW)],
            refused=[frames.InviteRefusal(visitor=7, reason="chatting")],
        )
    )
    assert feature.badge(5) == "invited" and feature.badge(6) == "invited"
    result = plain(dialog.outcome.text())
    assert result.splitlines() == [
        "2 visitor(s) invited.",
        "Not invited:",
        "• 李华 is already chatting",
    ]
    assert dialog.isVisible()  # stays open while someone was refused
    assert feature.said[-1] == "Invited: 2; not invited: 1"


def test_the_sites_greeting_sends_no_text_and_a_full_success_closes_the_dialog(
    qtbot: QtBot,
) -> None:
    feature = Feature()
    logged_in(feature, visitor(5))
    dialog = feature.controller.invite([5])
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.use_greeting.isChecked()
    dialog.send_button.click()
    [invite] = feature.sent
    assert isinstance(invite, frames.Invite) and invite.text == ""
    feature.router.dispatch(frames.InviteResult(ref=invite.ref, sent=[invitation(1, 5, at=NOW)]))
    assert not dialog.isVisible()
    assert feature.controller.dialog is None


def test_a_phrase_is_offered_and_sent_with_the_agents_name_filled(qtbot: QtBot) -> None:
    feature = Feature(
        phrases=[
            frames.Phrase(id=1, title="问候", text="您好，我是{agent.name}，{visitor.name|您}好！"),
            frames.Phrase(id=2, title="file", kind=frames.PhraseKind.FILE),
        ]
    )
    logged_in(feature, visitor(5, "王芳"))
    dialog = feature.controller.invite([5])
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.phrase.count() == 1  # a file cannot be an invitation
    dialog.use_phrase.setChecked(True)
    assert plain(dialog.preview.text()) == "您好，我是Alice，王芳好！"
    dialog.send_button.click()
    [invite] = feature.sent
    assert isinstance(invite, frames.Invite)
    assert invite.text == "您好，我是Alice，{visitor.name|您}好！"


def test_own_words_must_be_there_and_fit(qtbot: QtBot) -> None:
    feature = Feature()
    logged_in(feature, visitor(5))
    dialog = feature.controller.invite([5])
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.use_own.setChecked(True)
    dialog.send_button.click()
    assert feature.sent == [] and "Write what they should read" in dialog.problem.text()
    dialog.own.setPlainText("x" * 501)
    dialog.send_button.click()
    assert feature.sent == [] and "at most 500 characters" in plain(dialog.problem.text())


def test_offline_or_refused_the_dialog_says_so(qtbot: QtBot) -> None:
    feature = Feature(online=False)
    logged_in(feature, visitor(5))
    dialog = feature.controller.invite([5])
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.send_button.click()
    assert feature.sent == [] and "Not connected" in dialog.problem.text()
    feature.online = True
    dialog.send_button.click()
    assert len(feature.sent) == 1
    # Refused as a whole (the relay could not read its ref): the dialog still hears it.
    feature.router.dispatch(
        frames.Error(code=ErrorCode.RATE_LIMITED, detail="slow down", retry_after=3)
    )
    assert dialog.problem.isVisible()
    assert "wait a moment" in plain(dialog.problem.text())
    assert dialog.send_button.isEnabled()


# ------------------------------------------------------------------ the arrival pop-up


def alerts_with(notifier: RecordingNotifier, opened: list[int], invited: list[int]) -> Alerts:
    return Alerts(
        notifier=NotifierChain([lambda: notifier]),
        chime=Chime(Path("/nonexistent.wav"), enabled=False),
        preferences=Preferences(),
        name_of=lambda v: f"Visitor #{v}",
        open_visitor=opened.append,
        bring_forward=lambda: None,
        invite=invited.append,
    )


def test_an_arrivals_pop_up_offers_invite_and_its_action_invites(qtbot: QtBot) -> None:
    notifier = RecordingNotifier()
    opened: list[int] = []
    invited: list[int] = []
    alerts = alerts_with(notifier, opened, invited)
    alerts.arrived(visitor(5, source="search", source_name="Baidu"))
    [actions] = notifier.actions
    assert [(a.key, a.label) for a in actions] == [("invite", "Invite to chat")]
    actions[0].run()
    assert invited == [5] and opened == []
    click = notifier.clicks[0]
    assert click is not None
    click()
    assert opened == [5] and invited == [5]  # the click itself only opens the visitor
    # Once the visitor writes, the same pop-up no longer offers an invitation.
    alerts.started_chat(5)
    assert notifier.actions[-1] == []


def test_without_actions_an_arrivals_click_opens_the_visitor_with_the_invite_dialog(
    qtbot: QtBot,
) -> None:
    notifier = RecordingNotifier(carries_actions=False)  # Qt's tray balloon
    opened: list[int] = []
    invited: list[int] = []
    alerts = alerts_with(notifier, opened, invited)
    alerts.arrived(visitor(5))
    assert notifier.actions == [[]]
    click = notifier.clicks[0]
    assert click is not None
    click()
    assert opened == [5] and invited == [5]


# ------------------------------------------------------------------ the rules (admins)

PRICES = frames.RuleSpec(
    name="Prices from Baidu",
    id="prices-from-baidu",
    conditions=frames.RuleConditions(
        source=["search"], engine="Baidu", page_url=["/prices*"], time_on_page=30
    ),
    changed_at=NOW - 86400,
)


def test_what_is_wrong_with_a_rule_is_said_before_the_relay_is_asked() -> None:
    def problem(**changes: object) -> str | None:
        return rule_problem(msgspec.structs.replace(PRICES, **changes), [PRICES])

    assert problem() is None
    assert "name" in (problem(name="  ") or "")
    assert "Another rule is called" in (problem(id="other") or "")
    assert "survey" in (problem(kind="survey") or "")
    repeat = frames.InvitationPolicySpec(frequency="repeat", repeat_every=0, max_per_visit=2)
    assert "gap" in (problem(policy=repeat) or "")
    one = [frames.VariantSpec(name="A")]
    assert "second one" in (problem(variants=one) or "")
    two = [frames.VariantSpec(name="A"), frames.VariantSpec(name="A")]
    assert "same name" in (problem(variants=two) or "")
    test = frames.ExperimentSpec(baseline=0.03, target=0.03)
    ab = [frames.VariantSpec(name="A"), frames.VariantSpec(name="B")]
    assert "differ" in (problem(variants=ab, experiment=test) or "")
    # What the relay's decoder would refuse is found too (a name over 100 characters).
    assert "length" in (problem(name="x" * 101) or "")
    bad = frames.InvitationSettings(timeout=2)
    assert ">= 5" in (settings_problem(bad) or "")


def test_the_rules_window_saves_a_rule_and_shows_the_relays_refusal_by_the_form(
    qtbot: QtBot,
) -> None:
    feature = Feature()
    logged_in(feature, role="admin")
    dialog = feature.controller.open_rules()
    assert isinstance(dialog, InvitationRulesDialog)
    qtbot.addWidget(dialog)
    assert feature.sent == [frames.InvitationSetupRequest(site="demo")]
    stats = frames.RuleStats(
        rule=PRICES.id,
        since=PRICES.changed_at,
        variants=[frames.VariantStats(name="", sent=50, shown=40, accepted=6, chats=5, replied=4)],
    )
    feature.router.dispatch(frames.InvitationSetup(site="demo", rules=[PRICES], stats=[stats]))
    assert dialog.rules.rowCount() == 1
    cells = [str(dialog.rules.model().index(0, column).data()) for column in range(1, 7)]
    assert [plain(cells[0]), *cells[1:]] == ["Prices from Baidu", "40", "6", "15.0 %", "5", "4"]

    editor = dialog.edit_rule(new=True)
    assert editor is not None
    qtbot.addWidget(editor)
    editor.name.setText("Exit survey")
    editor.places.setText("中国/浙江省/杭州市/西湖区")
    editor.save_button.click()
    saved = feature.sent[-1]
    assert isinstance(saved, frames.InvitationRuleSave)
    assert saved.rule.name == "Exit survey" and saved.position == 1
    assert not editor.save_button.isEnabled()
    detail = (
        "rule 'Exit survey': place '中国/浙江省/杭州市/西湖区' has more than country/region/city"
    )
    feature.router.dispatch(frames.Error(code=ErrorCode.BAD_FRAME, detail=detail))
    assert editor.isVisible() and editor.problem.isVisible()
    assert plain(editor.problem.text()) == detail
    assert editor.problem.textFormat() is Qt.TextFormat.PlainText
    assert editor.save_button.isEnabled()
    editor.places.setText("中国/浙江省/杭州市")
    editor.save_button.click()
    again = feature.sent[-1]
    assert isinstance(again, frames.InvitationRuleSave)
    stored = msgspec_replace(again.rule, id="exit-survey", changed_at=NOW)
    feature.router.dispatch(frames.InvitationSetup(site="demo", rules=[PRICES, stored]))
    assert not editor.isVisible()
    assert dialog.rules.rowCount() == 2 and dialog.status.text() == "Rule saved."


def msgspec_replace(rule: frames.RuleSpec, **changes: object) -> frames.RuleSpec:
    return msgspec.structs.replace(rule, **changes)


def test_a_rule_read_back_into_the_editor_is_the_same_rule(qtbot: QtBot) -> None:
    """Every field the editor shows comes back as it was (nothing lost by opening and
    saving a rule someone wrote in the CLI's TOML)."""
    rule = frames.RuleSpec(
        name="Everything",
        id="everything",
        enabled=False,
        trigger="exit",
        conditions=frames.RuleConditions(
            time_on_page=30,
            time_on_site=120,
            pages_viewed=3,
            page_url=["/prices*", "/courses/*"],
            landing_url=["/landing"],
            source=["search", "paid_search"],
            engine="Baidu",
            keyword_contains="雅思",
            referrer_domain=["zhihu.com"],
            returning=True,
            chatted_before=False,
            places=["中国/浙江省", "GB//London"],
            device=["desktop", "tablet"],
            language=["zh", "en-GB"],
            business_hours=True,
            agent_has_room=False,
        ),
        text="Hello {visitor.name|there}",
        kind="survey",
        style="dialog",
        delay=5,
        from_agent="alice",
        policy=frames.InvitationPolicySpec(
            frequency="repeat",
            repeat_every=600,
            max_per_visit=2,
            decline_quiet_days=3,
            after_chat_hours=12,
            excluded_pages=["/checkout*"],
            returning_only=True,
            needs_agent_with_room=False,
        ),
        variants=[
            frames.VariantSpec(name="A"),
            frames.VariantSpec(name="B", text="Hi!", style="bubble", delay=10, weight=3),
        ],
        experiment=frames.ExperimentSpec(
            baseline=0.03, target=0.045, alpha=0.01, power=0.9, min_days=14
        ),
        changed_at=NOW,
    )
    editor = RuleEditor(rule)
    qtbot.addWidget(editor)
    assert editor.rule() == rule
    assert editor.more.isVisibleTo(editor)  # set conditions are not folded away


@pytest.mark.parametrize("role", ["agent", "admin"])
def test_only_admins_open_the_rules_window(qtbot: QtBot, role: str) -> None:
    feature = Feature()
    logged_in(feature, role=role)
    dialog = feature.controller.open_rules()
    if dialog is not None:
        qtbot.addWidget(dialog)
    assert (dialog is not None) is (role == "admin")


# ------------------------------------------------------------------ hostile words

RLO = "\u202e"
MARKUP = ("<img", "<b>", "<a href")
HOSTILE = f'<img src="file:///etc/passwd"><b>好</b> {{{{visitor.name}}}} {RLO}evil '
LONG = HOSTILE + "x" * 10_000


def texts_of(root: QWidget) -> Iterator[tuple[str, str, bool]]:
    """Every text on `root` and its children: (where, text, whether Qt may read it as
    rich text)."""
    for widget in [root, *root.findChildren(QWidget)]:
        kind = type(widget).__name__
        yield f"{kind} tooltip", widget.toolTip(), True
        if isinstance(widget, QLabel):
            yield kind, widget.text(), widget.textFormat() is not Qt.TextFormat.PlainText
        if isinstance(widget, QAbstractButton):
            yield f"{kind} button", widget.text(), False
        if isinstance(widget, QListWidget):
            for row in range(widget.count()):
                item = widget.item(row)
                yield f"{kind} item", item.text(), False
                yield f"{kind} item tooltip", item.toolTip(), True
        if isinstance(widget, QTableWidget):
            for row in range(widget.rowCount()):
                for column in range(widget.columnCount()):
                    cell = widget.item(row, column)
                    if cell is not None:
                        yield f"{kind} cell", cell.text(), False
                        yield f"{kind} cell tooltip", cell.toolTip(), True
        if isinstance(widget, QComboBox):
            for row in range(widget.count()):
                yield f"{kind} choice", widget.itemText(row), False


def check(where: str, text: str, rich: bool) -> None:
    """Markup never renders; a right-to-left override stays inside an isolate; long
    words are cut where they show (tooltips and fields may hold more)."""
    if rich and GuiQt.mightBeRichText(text):
        for markup in MARKUP:
            assert markup not in text, f"{where}: markup would render: {text[:200]!r}"
    position = text.find(RLO)
    while position >= 0:
        before = text[:position]
        assert before.count(FSI) > before.count(PDI), f"{where}: not isolated: {text[:200]!r}"
        position = text.find(RLO, position + 1)
    if "tooltip" not in where:
        assert len(text) < 2500, f"{where}: {len(text)} characters shown"


def test_hostile_greetings_rule_and_agent_names_stay_isolated_plain_text(qtbot: QtBot) -> None:
    visitors = VisitorsModel(clock=lambda: NOW)
    selection = Selection()
    window = MainWindow(visitors, ConversationsModel(), MessagesModel(), selection)
    qtbot.addWidget(window)
    feature = Feature(phrases=[frames.Phrase(id=1, title=HOSTILE, text=LONG[:4000])])
    feature.visitors, feature.selection = visitors, selection
    feature.controller.visitors, feature.controller.selection = visitors, selection
    feature.controller.view = window
    logged_in(feature, visitor(5, HOSTILE), visitor(6, LONG[:100]), role="admin")
    feature.hear(
        invitation(1, 5, "shown", at=NOW, text=LONG, agent_name=LONG),
        invitation(2, 6, "declined", at=NOW, agent=None, rule=LONG),
    )
    selection.visitor = 5
    feature.controller.show_details()
    seen: list[tuple[str, str, bool]] = list(texts_of(window))
    table = window.visitor_proxy
    for row in range(table.rowCount()):
        cell = table.index(row, CHAT_COLUMN)
        seen.append(("badge", str(cell.data()), False))
        seen.append(("badge tooltip", str(cell.data(Qt.ItemDataRole.ToolTipRole)), True))
    state = window.visitor_details.invitation_state
    assert state.textFormat() is Qt.TextFormat.PlainText
    assert "<b>好</b>" in state.text()  # shown as the letters it is

    dialog = feature.controller.invite([5, 6])
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.use_phrase.setChecked(True)
    seen += texts_of(dialog)
    assert dialog.preview.textFormat() is Qt.TextFormat.PlainText
    dialog.send_button.click()  # the phrase is longer than an invitation holds: refused here
    assert "at most 500 characters" in plain(dialog.problem.text())
    dialog.use_own.setChecked(True)
    dialog.own.setPlainText(HOSTILE)
    dialog.send_button.click()
    invite = feature.sent[-1]
    assert isinstance(invite, frames.Invite) and invite.text == HOSTILE.strip()  # as typed
    feature.router.dispatch(
        frames.InviteResult(
            ref=invite.ref, refused=[frames.InviteRefusal(visitor=5, reason="invited")]
        )
    )
    seen += texts_of(dialog)

    rules = feature.controller.open_rules()
    assert rules is not None
    qtbot.addWidget(rules)
    hostile_rule = frames.RuleSpec(name=LONG, id="x", text=LONG)
    feature.router.dispatch(
        frames.InvitationSetup(
            site="demo",
            settings=frames.InvitationSettings(greeting=LONG),
            rules=[hostile_rule],
            stats=[
                frames.RuleStats(
                    rule="x",
                    since=NOW,
                    variants=[frames.VariantStats(name=LONG, shown=1, verdict=LONG)],
                    verdict=LONG,
                )
            ],
        )
    )
    editor = rules.edit_rule()
    assert editor is not None
    qtbot.addWidget(editor)
    editor.save_button.click()  # too long a name: said before asking the relay
    assert editor.problem.isVisible()
    feature.router.dispatch(frames.Error(code=ErrorCode.BAD_FRAME, detail=LONG))
    seen += texts_of(rules)
    seen += texts_of(editor)
    rich_markup = 0
    for where, text, rich in seen:
        check(where, text, rich)
        rich_markup += RLO in text or "<b>好</b>" in text
    assert rich_markup >= 15  # the hostile words did reach the screen, in many places
    # A 10,000-character name does not widen the window or the dialogs past a screen.
    assert window.minimumSizeHint().width() < 1400
    assert rules.minimumSizeHint().width() < 1400
    assert dialog.minimumSizeHint().width() < 1400


def test_the_relays_test_words_read_back_in_the_agents_language(language: str) -> None:
    """Every form relay/core/experiments.py words a variant in is read back (here in
    Chinese), so that no English is left in a Chinese window; unknown words stay."""
    from relay.core.experiments import ArmCounts, format_result, plan_experiment, verdict

    plan = plan_experiment(0.03, 0.045, variants=2, min_duration=7 * 86400)
    runs = [
        ([ArmCounts(400, 14), ArmCounts(395, 22)], 86400.0),
        ([ArmCounts(plan.per_arm, 40), ArmCounts(plan.per_arm, 90)], 30 * 86400.0),
        ([ArmCounts(plan.per_arm, 60), ArmCounts(plan.per_arm, 62)], 30 * 86400.0),
        ([ArmCounts(plan.per_arm, 90), ArmCounts(plan.per_arm, 40)], 30 * 86400.0),
    ]
    words = [
        line.verdict
        for counts, now in runs
        for line in format_result(counts, verdict(plan, counts, 0, now))
    ]
    assert len(set(words)) >= 5
    use(i18n.CHINESE)
    for said in words:
        read = variant_verdict_text(said)
        assert read != said and not english_left(read.replace("UTC", "")), (said, read)
    assert variant_verdict_text("collecting: needs 2,118 more shown") == "收集中：还需展示 2,118 次"
    assert variant_verdict_text("something new") == "something new"

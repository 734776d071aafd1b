"""The invitation windows in 简体中文 and Монгол: the visitor list's states, the invite
dialog, the rules window and the rule editor leave no English, and English counts read
right; with PARLEY_SCREENSHOTS=dir, their screenshots in the three languages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from agent_app import i18n
from agent_app.models.visitors import CHAT_COLUMN, VISITOR_ID_ROLE
from agent_app.views.invitation_rules import InvitationRulesDialog
from agent_app.views.invite_dialog import InviteDialog, Invitee
from agent_app.views.rule_editor import RuleEditor
from agent_app.views.wording import visitor_number
from shared_protocol import frames
from tests.desktop.test_i18n import assert_no_english, language, shown_texts, use
from tests.helpers.agent_scene import NOW, invited_scene

__all__ = ["language"]  # the fixture, from test_i18n

# Sample values in the placeholders (patterns, domains, language tags), as typed.
SAMPLES = (
    "/prices*, /courses/*",
    "/prices*",
    "/prices/2024",
    "/prices",
    "/checkout*, /order/*",
    "/courses/*",
    "zhihu.com, forum.example.org",
    "GB//London",
    "MN/",
    "zh, en-GB",
    "mn, zh, en-GB",
    "Baidu",
    "{visitor.city}",
    "A/B",
)

PRICES_RULE = frames.RuleSpec(
    name="百度来的价格页访客",
    id="prices-baidu",
    conditions=frames.RuleConditions(
        page_url=["/prices*"], engine="Baidu", source=["search"], time_on_page=30
    ),
    text="{visitor.name|您}好，对学费有疑问吗？",
    variants=[
        frames.VariantSpec(name="A"),
        frames.VariantSpec(name="B", text="周末班还有名额，需要帮您看看吗？", style="bubble"),
    ],
    experiment=frames.ExperimentSpec(baseline=0.03, target=0.045),
    changed_at=NOW - 6 * 86400,
)
SETUP = frames.InvitationSetup(
    site="demo",
    settings=frames.InvitationSettings(greeting="您好！有什么可以帮您？"),
    rules=[
        PRICES_RULE,
        frames.RuleSpec(name="离开报名页时", id="exit", trigger="exit", enabled=False),
        frames.RuleSpec(name="回访的访客", id="returning", changed_at=NOW - 86400),
    ],
    stats=[
        frames.RuleStats(
            rule="prices-baidu",
            since=NOW - 6 * 86400,
            variants=[
                frames.VariantStats(
                    name="A",
                    sent=420,
                    shown=400,
                    accepted=14,
                    declined=120,
                    chats=12,
                    replied=11,
                    verdict="collecting: needs 1,107 more shown",
                ),
                frames.VariantStats(
                    name="B",
                    sent=410,
                    shown=395,
                    accepted=22,
                    declined=100,
                    chats=20,
                    replied=19,
                    verdict="collecting: needs 1,112 more shown",
                ),
            ],
            planned_per_variant=1507,
            verdict="collecting",
        ),
        frames.RuleStats(
            rule="returning",
            since=NOW - 86400,
            variants=[frames.VariantStats(name="", sent=31, shown=30, accepted=4, chats=4)],
        ),
    ],
)


def invite_dialog(qtbot: QtBot, parent: QWidget | None = None) -> InviteDialog:
    dialog = InviteDialog(
        [
            Invitee(5, "王芳", "上海市 · 学费"),
            Invitee(7, visitor_number(7), "北京市 · 雅思周末班"),
            Invitee(
                1,
                "李华",
                "杭州市, 浙江省 · 学费",
                QCoreApplication.translate("Invitations", "is already chatting"),
            ),
        ],
        [frames.Phrase(id=1, title="周末班价格", text="{visitor.name|您}好，周末班 3200 元。")],
        phrase_text=lambda phrase: phrase.text,
        greeting="您好！有什么可以帮您？",
        parent=parent,
    )
    qtbot.addWidget(dialog)
    return dialog


def rules_dialog(qtbot: QtBot) -> InvitationRulesDialog:
    dialog = InvitationRulesDialog({"demo": "Northwind 语言学校"})
    qtbot.addWidget(dialog)
    dialog.pending = "load"
    dialog.show_setup(SETUP)
    return dialog


@pytest.mark.parametrize("code", [i18n.CHINESE, i18n.MONGOLIAN])
def test_the_invitation_windows_leave_no_english(qtbot: QtBot, language: str, code: str) -> None:
    use(code)
    window = invited_scene(qtbot)
    window.rules_action.setVisible(True)
    texts = shown_texts(window)
    table = window.visitor_proxy
    texts += [("cell", str(table.index(r, CHAT_COLUMN).data())) for r in range(table.rowCount())]
    texts.append(("invitation", window.visitor_details.invitation_state.text()))
    dialog = invite_dialog(qtbot)
    texts += shown_texts(dialog)
    dialog.show_result(2, [("李华", "chatting"), ("Болд", "invited"), ("#9", "offline")])
    texts += shown_texts(dialog)
    rules = rules_dialog(qtbot)
    texts += shown_texts(rules)
    editor = RuleEditor(PRICES_RULE, parent=rules)
    qtbot.addWidget(editor)
    editor.more_button.setChecked(True)
    editor.own_policy.setChecked(True)
    texts += shown_texts(editor)
    assert len(texts) > 250
    for sample in sorted(SAMPLES, key=len, reverse=True):
        texts = [(where, text.replace(sample, " ")) for where, text in texts]
    assert_no_english(texts)


def test_english_counts_in_the_invite_dialog_read_right(qtbot: QtBot, language: str) -> None:
    use(i18n.ENGLISH)
    one = InviteDialog([Invitee(5, "Ann")], [], phrase_text=lambda p: p.text)
    qtbot.addWidget(one)
    assert one.heading.text() == "Invite 1 visitor to chat:"
    one.show_result(1, [])
    assert one.outcome.text() == "1 visitor invited."
    several = invite_dialog(qtbot)
    assert several.heading.text() == "Invite 3 visitors to chat:"
    rules = rules_dialog(qtbot)
    assert rules.plan.text() == (
        "A/B test: each variant is shown to 1507 visitors before the result counts."
    )


@pytest.mark.skipif(not os.environ.get("PARLEY_SCREENSHOTS"), reason="PARLEY_SCREENSHOTS=dir")
@pytest.mark.parametrize("code", [i18n.ENGLISH, i18n.CHINESE, i18n.MONGOLIAN])
def test_screenshots(qtbot: QtBot, language: str, code: str) -> None:
    use(code)
    folder = Path(os.environ["PARLEY_SCREENSHOTS"])
    window = invited_scene(qtbot)
    window.show()
    qtbot.waitExposed(window)
    # Bold's row chosen, as its details show.
    table = window.visitor_proxy
    chosen = next(
        r for r in range(table.rowCount()) if table.index(r, 0).data(VISITOR_ID_ROLE) == 3
    )
    window.visitor_table.selectRow(chosen)
    qtbot.wait(100)  # the details pane settles (its scroll bar, then its wrapping)
    assert window.grab().save(str(folder / f"app-visitor-invited-{code}.png"))
    dialog = invite_dialog(qtbot, window)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.show_result(2, [("李华", "chatting")])
    assert dialog.grab().save(str(folder / f"app-invite-dialog-{code}.png"))
    rules = rules_dialog(qtbot)
    rules.show()
    qtbot.waitExposed(rules)
    assert rules.grab().save(str(folder / f"app-invitation-rules-{code}.png"))
    editor = RuleEditor(PRICES_RULE, others=SETUP.rules[1:], parent=rules)
    qtbot.addWidget(editor)
    editor.resize(660, 1500)
    editor.show()
    qtbot.waitExposed(editor)
    assert editor.grab().save(str(folder / f"app-invitation-rule-{code}.png"))

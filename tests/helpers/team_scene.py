"""The teams' windows filled by hand (no relay), on the agent scene's clock: the main
window with an offer and a transfer in the banner, a chat being transferred and the note
tab; the transfer dialog; the supervisor's view; the admins' team window with a refusal.
For the language walk and the screenshots (tests/desktop/test_teams_i18n.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from agent_app import text as untrusted
from agent_app.features.routing import unbroken
from agent_app.i18n import fill
from agent_app.models.conversations import ConversationsModel
from agent_app.models.team import Team
from agent_app.views.main_window import MainWindow
from agent_app.views.offers import OFFER, TRANSFER, Offer
from agent_app.views.supervisor import SupervisorWindow, WatchedChat
from agent_app.views.team_window import TeamWindow
from agent_app.views.transfer_dialog import TransferDialog
from shared_protocol import frames
from shared_protocol.frames import AgentStatus, ConversationStatus
from tests.helpers.agent_scene import NOW, agent_scene

SALES, SERVICES, VISAS = 1, 2, 3


def scene_team() -> Team:
    """王老师 (agent 7, level 1, Sales) and colleagues of every status and role."""
    team = Team()
    team.me = frames.AgentInfo(
        id=7, name="wang", display_name="王老师", role="agent", departments=[SALES], level=1
    )
    team.departments = {
        SALES: frames.DepartmentInfo(id=SALES, site="demo", name="课程咨询"),
        SERVICES: frames.DepartmentInfo(id=SERVICES, site="demo", name="Student services"),
        VISAS: frames.DepartmentInfo(id=VISAS, site="demo", name="留学签证", open_now=False),
    }
    team.colleagues = {
        a.agent: a
        for a in (
            frames.AgentPresenceInfo(
                agent=8, display_name="Bob", status=AgentStatus.ONLINE, departments=[SALES],
                level=2,
            ),
            frames.AgentPresenceInfo(
                agent=9, display_name="Болд", status=AgentStatus.AWAY,
                departments=[SALES, SERVICES],
            ),
            frames.AgentPresenceInfo(
                agent=10, display_name="李主管", status=AgentStatus.ONLINE, role="supervisor",
                departments=[SALES, VISAS], level=3,
            ),
        )
    }  # fmt: skip
    return team


def offers() -> list[Offer]:
    return [
        Offer(
            conversation=12,
            visitor=2,
            kind=OFFER,
            visitor_name="Сараа",
            department="课程咨询",
            deadline=NOW + 24,
            said="Сайн байна уу, үнийн мэдээлэл авах гэсэн юм",
        ),
        Offer(
            conversation=14,
            visitor=5,
            kind=TRANSFER,
            visitor_name="王芳",
            department="课程咨询",
            deadline=NOW + 41,
            note="她想退五月的雅思课，已付全款，请核对订单后处理。",
            from_name="Bob",
        ),
    ]


def routing_line() -> str:
    """The chat header's line as the routing feature words it (owner, helper, supervisor,
    department, a transfer under way and its note)."""

    def words(text: str) -> str:
        return QCoreApplication.translate("Routing", text)

    def name(value: str) -> str:
        return unbroken(untrusted.shown(value, one_line=True))

    parts = [
        fill(words("Owner: %1"), name("王老师")),
        fill(words("Helping: %1"), name("Bob")),
        fill(words("Supervising: %1"), name("李主管")),
        fill(words("Department: %1"), name("课程咨询")),
        fill(words("Transferring to %1 until %2 (%3 left)"), name("Bob"), "15:31", "0:24"),
    ]
    note = fill(words("Handover note: %1"), name("要周末班的发票，已确认付款"))
    return " · ".join(parts) + "\n" + note


def main_window_with_offers(qtbot: QtBot) -> MainWindow:
    window = agent_scene(qtbot)
    model = window.conversation_proxy.sourceModel()
    assert isinstance(model, ConversationsModel)
    words = {
        11: ("课程咨询", ""),
        12: ("课程咨询", QCoreApplication.translate("Routing", "offered to you")),
        13: ("Student services", QCoreApplication.translate("Routing", "queued")),
    }
    for conversation, (department, routing) in words.items():
        row = model.row(conversation)
        assert row is not None
        row.department_name, row.routing_word = department, routing
    window.offers.show_offers(offers(), NOW)
    window.show_departments([(SALES, "课程咨询"), (SERVICES, "Student services")])
    window.chat.show_routing(routing_line(), can_transfer=True, can_escalate=True)
    window.chat.set_noting(True)
    window.supervise_action.setVisible(True)
    window.team_action.setVisible(True)
    window.visitor_details.show_owner(untrusted.shown("王老师"), can_change=True)
    return window


def transfer_dialog(qtbot: QtBot) -> TransferDialog:
    info = frames.ConversationInfo(
        id=11, visitor=1, status=ConversationStatus.ACTIVE, created_at=NOW - 400, agent=7,
        department=SALES,
    )  # fmt: skip
    dialog = TransferDialog(scene_team(), info)
    qtbot.addWidget(dialog)
    dialog.choose_agent(8)
    dialog.note.setPlainText("要周末班的发票，已确认付款；请发到 li.hua@example.cn")
    return dialog


def supervisor_window(qtbot: QtBot) -> SupervisorWindow:
    window = SupervisorWindow()
    qtbot.addWidget(window)
    window.set_departments([(SALES, "课程咨询"), (VISAS, "留学签证")])

    def words(text: str) -> str:
        return QCoreApplication.translate("Routing", text)

    number = QCoreApplication.translate("ConversationCard", "Visitor #%1").replace("%1", "7")
    rows = [
        ("Сараа", "课程咨询", SALES, words("offered"), "Bob", "waiting 2 min", "", "Сайн байна уу"),
        (number, "课程咨询", SALES, words("queued"), words("nobody yet"), "waiting 1 min",
         "do you have evening classes for", ""),
        ("李华", "课程咨询", SALES, words("active"), "王老师, 李主管", "", "周六上午还是下午",
         "学费是多少？可以分两次付吗？"),
        ("王芳", "留学签证", VISAS, fill(words("to %1"), "Bob"), "Болд", "waiting 4 min", "",
         "签证材料需要翻译公证吗？"),
        ("Jean-Pierre", "留学签证", VISAS, words("active"), "Болд", "", "",
         "Please call me back about the summer course."),
    ]  # fmt: skip
    window.show_chats(
        [
            WatchedChat(
                conversation=20 + n,
                visitor=visitor,
                department=department,
                department_id=department_id,
                state=state,
                agents=agents,
                waiting=_waiting(waiting),
                typing=typing,
                last=last,
                untaken=n < 2,
                mine=False,
            )
            for n, (
                visitor,
                department,
                department_id,
                state,
                agents,
                waiting,
                typing,
                last,
            ) in enumerate(rows)
        ]
    )
    window.table.selectRow(2)
    return window


def _waiting(english: str) -> str:
    """The card's waiting words in the language installed ("waiting 2 min")."""
    if not english:
        return ""
    minutes = english.split()[1]
    template = QCoreApplication.translate("ConversationCard", "waiting %1 min")
    return template.replace("%1", minutes)


def team_window(qtbot: QtBot) -> TeamWindow:
    window = TeamWindow({"demo": "Northwind 语言学校"})
    qtbot.addWidget(window)
    settings = frames.RoutingSettings(
        tiers=[frames.Tier(level=2, after_seconds=0), frames.Tier(level=1, after_seconds=30)],
        pages=["*/prices*", "*/courses/ielts*"],
        hours="mon-fri 25:00-18:00",
        time_zone="Asia/Shanghai",
        exceptions="2026-10-01 closed",
    )
    window.show_team(
        frames.Team(
            departments=[
                frames.DepartmentInfo(id=SALES, site="demo", name="课程咨询", settings=settings),
                frames.DepartmentInfo(id=SERVICES, site="demo", name="Student services"),
                frames.DepartmentInfo(id=VISAS, site="demo", name="留学签证", open_now=False),
            ],
            agents=[
                frames.TeamAgent(id=7, name="wang", display_name="王老师", role="agent",
                                 departments=[SALES], skills=["雅思"], max_chats=6),
                frames.TeamAgent(id=8, name="bob", display_name="Bob", role="agent",
                                 departments=[SALES], level=2),
                frames.TeamAgent(id=10, name="li", display_name="李主管", role="supervisor",
                                 departments=[SALES, VISAS], level=3),
                frames.TeamAgent(id=1, name="admin", display_name="Admin", role="admin"),
            ],
        )
    )  # fmt: skip
    window.department_list.setCurrentRow(0)
    window.pending = "department"
    window.show_problem("hours: 25:00 is not a time of day (use 00:00 to 24:00)")
    return window

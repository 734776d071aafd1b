"""An admin's change to an agent reaches that agent's running app without logging in
again: Bob (an agent of Sales) is made a supervisor of Sales and Support, then an admin,
then an agent of Support only, by Alice's `agent_routing_save`; his app's own record, the
Supervise and Team actions, the department filter and the open windows follow each time
(the relay tells him through his own `presence`, docs/protocol.md §6.8)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pytestqt.qtbot import QtBot

from shared_protocol import frames
from tests.helpers.desk import plain, stop_desk, until
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay
from tests.helpers.teams import colleague, desk_as, set_up_teams


def _filter(desk: object) -> list[str]:
    combo = desk.window.department_filter  # type: ignore[attr-defined]
    return [plain(combo.itemText(i)) for i in range(1, combo.count())]


async def test_bobs_app_follows_what_an_admin_makes_him_without_logging_in_again(
    qtbot: QtBot, tmp_path: Path, relay: RunningRelay
) -> None:
    teams = await set_up_teams(relay)
    alice, _ = await colleague(relay, AGENT_NAME, AGENT_PASSWORD)
    running = await desk_as(qtbot, tmp_path, relay, "bob")
    desk, window = running.desk, running.desk.window
    try:
        assert desk.team.role == "agent" and desk.team.me is not None
        assert not window.supervise_action.isVisible() and not window.team_action.isVisible()
        assert _filter(desk) == ["Sales"]
        assert desk.routing.open_supervision() is None

        async def save(
            role: Literal["admin", "supervisor", "agent"], departments: list[int], level: int = 2
        ) -> None:
            await alice.send(
                frames.AgentRoutingSave(
                    agent=teams.bob, role=role, departments=departments, level=level
                )
            )
            await alice.expect(frames.Team)
            await until(
                lambda: (
                    desk.team.me is not None
                    and (desk.team.me.role, desk.team.me.departments) == (role, departments)
                )
            )

        await save("supervisor", [teams.sales, teams.support], level=3)
        assert desk.team.me is not None and desk.team.me.level == 3
        assert window.supervise_action.isVisible()
        assert not window.team_action.isVisible()
        assert _filter(desk) == ["Sales", "Support"]
        supervisor = desk.routing.open_supervision()
        assert supervisor is not None and supervisor.isVisible()

        await save("admin", [teams.sales])
        assert window.team_action.isVisible() and window.rules_action.isVisible()
        assert desk.invitations.me is not None and desk.invitations.me.role == "admin"
        assert desk.phrases.me is not None and desk.phrases.me.role == "admin"
        team_window = desk.routing.open_team()
        assert team_window is not None and team_window.isVisible()
        assert _filter(desk) == ["Sales", "Support"]  # an admin sees every department

        await save("agent", [teams.support])
        assert not window.supervise_action.isVisible()
        assert not window.team_action.isVisible()
        assert not window.rules_action.isVisible()
        assert not supervisor.isVisible()  # closed; the team window is gone
        assert desk.routing.team_window is None
        assert _filter(desk) == ["Support"]
        assert desk.me is not None and desk.me.role == "agent"
    finally:
        await alice.close()
        await stop_desk(running)

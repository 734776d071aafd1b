"""The admins' department form changes only the settings it shows: one set with the CLI
(`reclaim_after_seconds`) survives a save from the app instead of going back to its
default."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from agent_app.views.team_window import DepartmentForm
from shared_protocol import frames


def test_a_save_from_the_form_keeps_the_settings_it_has_no_field_for(qtbot: QtBot) -> None:
    form = DepartmentForm()
    qtbot.addWidget(form)
    settings = frames.RoutingSettings(reclaim_after_seconds=600, offer_seconds=20)
    form.show_department(frames.DepartmentInfo(id=1, site="demo", name="Sales", settings=settings))
    form.offer_seconds.setValue(45)
    saved = form.settings()
    assert (saved.offer_seconds, saved.reclaim_after_seconds) == (45, 600)
    form.show_department(None)  # a new department: the defaults
    assert form.settings().reclaim_after_seconds == frames.RoutingSettings().reclaim_after_seconds

"""The app in 简体中文 and Монгол: no English left in the windows agents read all day, every
text in the code translated, the compiled files current; and English plurals."""

from __future__ import annotations

import ast
import gc
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from agent_app import i18n
from agent_app.models import visitors as visitor_words
from agent_app.models.visitors import VISITOR_ID_ROLE
from agent_app.settings import Preferences
from agent_app.text import FSI, PDI
from agent_app.tray import Tray
from agent_app.views import wording
from agent_app.views.audit import WithdrawalsDialog
from agent_app.views.login import LoginDialog
from agent_app.views.main_window import MainWindow
from agent_app.views.phrases_panel import PhraseDialog
from agent_app.views.settings import SettingsDialog
from shared_protocol import frames
from tests.helpers.agent_scene import agent_scene, visitors_on_site

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "agent_app" / "i18n"
TOOLS = Path(sys.executable).parent

# What may stay in Latin letters in a translated window: the brand, the databases' names
# as their licences say them, keys on the keyboard, and sample values (addresses, paths).
ALLOWED = (
    "IP to City Lite by DB-IP.com",
    "ip2region",
    "CC BY 4.0",
    "https://chat.example.com",
    "http://127.0.0.1:8080",
    "/courses, /prices",
    "Parley",
    "Shift+Enter",
    "Ctrl+K",
    "Ctrl+I",
    "Ctrl",
    "Enter",
    "Space",
    "Esc",
    "CSV",
    "IP",
    "{visitor.name",
    "{agent.name}",
    "{site.name}",
    "/price",
    "price",
    "IELTS",
    "keyring",
    "https://",
    "English",  # the language's own name in the Language list
)


@pytest.fixture
def language() -> Iterator[str]:
    """Tests set the language with `use`; whatever they installed goes afterwards."""
    yield ""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n.remove_translators(app)


def use(language: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert i18n.install_translator(app, language) is not None


def english_left(text: str) -> str:
    """What in `text` reads as English: runs of two or more Latin letters outside the
    allowed names and values, visitors' words (bidi-isolated, see agent_app/text.py) and
    the markup of tooltips."""
    text = re.sub(f"{FSI}[^{FSI}{PDI}]*{PDI}", " ", text)
    text = re.sub(r"<[^>]*>", " ", text)
    for allowed in ALLOWED:
        text = text.replace(allowed, " ")
    return " ".join(re.findall(r"[A-Za-z]{2,}", text))


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """Every text the app wrote on `root` and its children: labels, buttons, tabs, menus,
    group boxes, check boxes, placeholders, headers, combo items, tooltips. Visitors' own
    words (the transcript, the visitor's cells, the phrases' titles) are not the app's."""
    found: list[tuple[str, str]] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        kind = type(widget).__name__
        if widget.toolTip():
            found.append((f"{kind} tooltip", widget.toolTip()))
        if isinstance(widget, QLabel):
            found.append((kind, widget.text()))
        elif isinstance(widget, QAbstractButton):
            found.append((kind, widget.text()))
            menu = getattr(widget, "menu", lambda: None)()
            if isinstance(menu, QMenu):
                found += [("button menu", a.text()) for a in menu.actions()]
        elif isinstance(widget, QGroupBox):
            found.append((kind, widget.title()))
        elif isinstance(widget, QLineEdit | QPlainTextEdit):
            found.append((f"{kind} placeholder", widget.placeholderText()))
        elif isinstance(widget, QTabWidget):
            found += [("tab", widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, QComboBox):
            found += [("combo", widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QMenu):
            found += [("menu", a.text()) for a in widget.actions()]
        if isinstance(widget, QTableView):
            model = widget.model()
            found += [
                ("header", str(model.headerData(c, Qt.Orientation.Horizontal)))
                for c in range(model.columnCount())
            ]
    if isinstance(root, MainWindow):
        for action in root.menuBar().actions():
            found.append(("menu bar", action.text()))
            menu = action.menu()
            if isinstance(menu, QMenu):
                found += [("menu", a.text()) for a in menu.actions()]
        found.append(("window title", root.windowTitle()))
    return [(where, text) for where, text in found if text]


def assert_no_english(texts: list[tuple[str, str]]) -> None:
    left = [(where, text) for where, text in texts if english_left(text)]
    assert not left, "\n".join(f"{where}: {text!r}" for where, text in left)


def parse(ts: Path) -> ET.Element:
    return ET.parse(ts).getroot()


def messages(root: ET.Element) -> Iterator[tuple[str, ET.Element]]:
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            yield name, message


def run_tool(tool: str, *args: str) -> str:
    path = TOOLS / tool
    assert path.exists(), f"{tool} ships in the PySide6-Essentials wheel: reinstall it"
    done = subprocess.run(
        [str(path), *args], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout + done.stderr


# ------------------------------------------------------------------ the tests


@pytest.mark.parametrize("code", [i18n.CHINESE, i18n.MONGOLIAN])
def test_main_window_dialogs_and_tray_leave_no_english(
    qtbot: QtBot, language: str, code: str
) -> None:
    use(code)
    window = agent_scene(qtbot)
    window.withdrawals_action.setVisible(True)
    texts = shown_texts(window)
    # The app's own cells of the visitor table: time on the site, visits, chatting, source.
    table = window.visitor_table.model()
    texts += [
        ("cell", str(table.index(row, column).data()))
        for row in range(table.rowCount())
        for column in (4, 5, 6)
    ]
    direct = next(
        r for r in range(table.rowCount()) if table.index(r, 0).data(VISITOR_ID_ROLE) == 2
    )
    texts.append(("cell", str(table.index(direct, 3).data())))  # "Direct"
    texts += [
        (f"detail {key}", label.text())
        for key, label in window.detail_labels.items()
        if key in ("Visits", "Path", "Earlier")
    ]
    texts.append(("earlier chat", window.earlier_chats.item(0).text()))
    settings = SettingsDialog(Preferences())
    login = LoginDialog("https://chat.example.com", "", can_remember=False)
    phrase = PhraseDialog(None, may_share=True)
    audit = WithdrawalsDialog([], None)
    for dialog in (settings, login, phrase, audit):
        qtbot.addWidget(dialog)
        texts += shown_texts(dialog)
    tray = Tray()
    tray.show_state(frames.AgentStatus.ONLINE, 3)
    texts += [("tray menu", action.text()) for action in tray.menu.actions()]
    texts.append(("tray tooltip", tray.icon.toolTip()))
    assert len(texts) > 120  # the walk found the windows' texts
    assert_no_english(texts)
    # Qt's own buttons speak the language too (Mongolian from our qtbase_mn).
    buttons = settings.findChild(QDialogButtonBox)
    assert buttons is not None
    assert {b.text() for b in buttons.buttons()} == {
        i18n.CHINESE: {"保存", "取消"},
        i18n.MONGOLIAN: {"Хадгалах", "Болих"},
    }[code]


def test_the_walk_finds_english_when_no_translator_is_installed(qtbot: QtBot) -> None:
    """The check above can fail: in English it finds the texts it looks for."""
    window = agent_scene(qtbot)
    left = [text for _, text in shown_texts(window) if english_left(text)]
    assert "Filter visitors" in left and "Take" in left and "&Settings…" in left


def test_every_text_in_the_code_is_in_the_translations(tmp_path: Path) -> None:
    """lupdate over the code finds nothing new and nothing gone: a text added without a
    translation (or a translation kept for a text no longer used) fails here."""
    for code in i18n.LANGUAGES:
        copy = tmp_path / f"parley_{code}.ts"
        shutil.copy(I18N / f"parley_{code}.ts", copy)
        plural = ["-pluralonly"] if code == i18n.ENGLISH else []
        run_tool(
            "pyside6-lupdate", "-extensions", "py", "-no-obsolete", *plural, "agent_app",
            "-source-language", "en", "-target-language", code, "-ts", str(copy),
        )  # fmt: skip
        before = {(c, m.findtext("source")) for c, m in messages(parse(I18N / copy.name))}
        after = {(c, m.findtext("source")) for c, m in messages(parse(copy))}
        assert after == before, f"{code}: run lupdate (agent_app/i18n/README.md)"
        unfinished = [
            (c, m.findtext("source"))
            for c, m in messages(parse(copy))
            if m.find("translation") is not None
            and m.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
        ]
        assert not unfinished, f"{code}: untranslated {unfinished}"


def _literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def test_lupdate_can_read_every_translate_call() -> None:
    """pyside6-lupdate silently skips a translate() call whose count is an expression
    (`info.chats`) and never gives one plural forms, so a translation is not found for
    counts that would need another form (Mongolian "7 min"); nor can it read a context
    that is not written out. Such texts would stay English with nothing to say so."""
    wrong = []
    gc.collect()  # finalizers of earlier tests' objects now, not inside compile(): CPython
    gc.disable()  # 3.11 then fails with "AST constructor recursion depth mismatch"
    try:
        trees = [
            (path, ast.parse(path.read_text(encoding="utf-8")))
            for path in sorted((ROOT / "agent_app").rglob("*.py"))
        ]
    finally:
        gc.enable()
    for path, tree in trees:
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr != "translate" or len(node.args) < 2:
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if _literal(node.args[1]) and not _literal(node.args[0]):
                wrong.append(f"{where}: the context must be a literal")
            if len(node.args) > 3 or any(k.arg == "n" for k in node.keywords):
                wrong.append(f"{where}: a count needs self.tr(text, '', n), or %1")
    assert not wrong, "\n".join(wrong)


PLACEHOLDER = re.compile(r"%[1-9n]")
ACCELERATOR = re.compile(r"&[^&\s]")


@pytest.mark.parametrize("name", ["parley_zh_CN", "parley_mn", "parley_en", "qtbase_mn"])
def test_translations_are_finished_and_keep_placeholders_and_accelerators(name: str) -> None:
    root = parse(I18N / f"{name}.ts")
    count = 0
    for context, message in messages(root):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None and translation.get("type") is None, (context, source)
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for form in forms:
            assert form.strip(), (context, source)
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(source)), (
                context,
                source,
                form,
            )
            assert len(ACCELERATOR.findall(form)) == len(ACCELERATOR.findall(source)), (
                context,
                source,
                form,
            )
        count += 1
    assert count >= (4 if name == "parley_en" else 30)


@pytest.mark.parametrize("name", ["parley_zh_CN", "parley_mn", "parley_en", "qtbase_mn"])
def test_compiled_files_are_complete_and_current(tmp_path: Path, name: str) -> None:
    """lrelease compiles every text (none ignored as untranslated) to exactly the .qm that
    is committed and shipped."""
    fresh = tmp_path / f"{name}.qm"
    said = run_tool("pyside6-lrelease", str(I18N / f"{name}.ts"), "-qm", str(fresh))
    assert re.search(r"\(\d+ finished and 0 unfinished\)", said), said
    assert "untranslated" not in said, said
    assert fresh.read_bytes() == (I18N / f"{name}.qm").read_bytes(), (
        f"{name}.qm is stale: run pyside6-lrelease (agent_app/i18n/README.md)"
    )


def test_english_counts_read_right(qtbot: QtBot, language: str) -> None:
    use(i18n.ENGLISH)
    window = agent_scene(qtbot)
    earlier = window.detail_labels["Earlier"].text().splitlines()
    assert earlier[0].endswith(", 1 page, \u2068Baidu\u2069")
    assert earlier[1].endswith(", 1 message")
    tray = Tray()
    tray.show_state(frames.AgentStatus.AWAY, 2)
    assert tray.icon.toolTip() == "Parley: Away, 2 unread"


def test_chinese_numbers_and_dates_follow_the_language(qtbot: QtBot, language: str) -> None:
    use(i18n.CHINESE)
    assert QLocale().language() is QLocale.Language.Chinese  # the bubbles' "3月14日"
    window = agent_scene(qtbot)
    assert window.detail_labels["Visits"].text() == "\u2068第 2 次访问，之前咨询过 1 次\u2069"
    table = window.visitor_proxy
    direct = next(
        r for r in range(table.rowCount()) if table.index(r, 0).data(VISITOR_ID_ROLE) == 2
    )
    assert table.index(direct, 3).data() == "\u2068直接访问\u2069"
    assert table.index(direct, 4).data() == "1 小时 05 分"
    assert table.headerData(4, Qt.Orientation.Horizontal) == "停留"


def test_visitor_filter_matches_the_words_shown(qtbot: QtBot, language: str) -> None:
    use(i18n.MONGOLIAN)
    window = agent_scene(qtbot)
    window.visitor_filter.setText("шинэ")  # "new", as the Visits column shows it
    assert window.visitor_proxy.rowCount() == 2
    window.visitor_filter.setText("Болд")
    assert window.visitor_proxy.rowCount() == 1
    window.visitor_filter.setText("")
    assert window.visitor_proxy.rowCount() == 3


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("zh_CN", i18n.CHINESE),
        ("zh_TW", i18n.CHINESE),
        ("zh_HK", i18n.CHINESE),
        ("mn_MN", i18n.MONGOLIAN),
        ("mn", i18n.MONGOLIAN),
        ("en_GB", i18n.ENGLISH),
        ("de_DE", i18n.ENGLISH),
        ("ru_RU", i18n.ENGLISH),
        ("C", i18n.ENGLISH),
    ],
)
def test_the_system_locale_chooses_the_language(locale: str, expected: str) -> None:
    assert i18n.language_for(QLocale(locale)) == expected


def test_a_stored_choice_wins_over_the_system() -> None:
    assert i18n.resolve("mn") == i18n.MONGOLIAN
    assert i18n.resolve("zh_CN") == i18n.CHINESE
    assert i18n.resolve(i18n.SYSTEM) == i18n.language_for(QLocale.system())
    assert i18n.resolve("klingon") == i18n.language_for(QLocale.system())


def test_settings_keep_the_language_for_the_next_start(qtbot: QtBot) -> None:
    preferences = Preferences()
    dialog = SettingsDialog(preferences)
    qtbot.addWidget(dialog)
    names = [dialog.language.itemText(i) for i in range(dialog.language.count())]
    assert names == ["System", "English", "简体中文", "Монгол"]
    assert "next start" in dialog.language_note.text()
    dialog.language.setCurrentIndex(dialog.language.findData(i18n.MONGOLIAN))
    dialog.apply_to(preferences)
    assert preferences.language == "mn"
    again = SettingsDialog(preferences)
    qtbot.addWidget(again)
    assert again.language.currentData() == "mn"


def test_views_say_what_the_models_say_in_english() -> None:
    """The views' translated wording (views/wording.py) gives the models' English word for
    word when no translation is installed, so the two cannot drift apart unnoticed."""
    assert wording.HEADERS == visitor_words.COLUMNS
    base = visitors_on_site()[1]
    cases = [
        base,
        *visitors_on_site(),
        *(
            frames.VisitorInfo(
                id=9, site="demo", first_seen=0, last_seen=0, source=source, source_name="Weibo",
                keyword=keyword, visits=visits, chats=chats,
                landing=frames.PageInfo(url="https://s.example/", referrer=referrer),
            )
            for source in ("", "search", "paid_search", "campaign", "social", "referral",
                           "internal", "direct", "odd")
            for keyword in ("", "ielts")
            for referrer in ("", "https://forum.example.org/t/1")
            for visits, chats in ((1, 0), (4, 2))
        ),
    ]  # fmt: skip
    for info in cases:
        assert wording.visitor_name(info) == visitor_words.visitor_label(info)
        assert wording.source_text(info) == visitor_words.source_of(info)
        assert wording.visits_text(info) == visitor_words.visit_label(info)
    for seconds in (0, 59, 60, 3599, 3600, 3660, 86400 * 2):
        assert wording.duration_text(seconds) == visitor_words.duration(seconds)


def test_placeholders_are_filled_once() -> None:
    """A visitor's name that says "%2" stays as they wrote it."""
    assert i18n.fill("回复 %1：%2", "100%2", "hi") == "回复 100%2：hi"
    assert i18n.fill("%2 · %1", "a", "b") == "b · a"


@pytest.mark.skipif(not os.environ.get("PARLEY_SCREENSHOTS"), reason="PARLEY_SCREENSHOTS=dir")
@pytest.mark.parametrize("code", [i18n.ENGLISH, i18n.CHINESE, i18n.MONGOLIAN])
def test_screenshots(qtbot: QtBot, language: str, code: str) -> None:
    use(code)
    window = agent_scene(qtbot)
    window.show()
    qtbot.waitExposed(window)
    folder = Path(os.environ["PARLEY_SCREENSHOTS"])
    assert window.grab().save(str(folder / f"i18n-{code}.png"))
    QCoreApplication.processEvents()
    dialog = SettingsDialog(Preferences())
    qtbot.addWidget(dialog)
    dialog.show()
    assert isinstance(dialog, QDialog) and dialog.grab().save(
        str(folder / f"i18n-settings-{code}.png")
    )

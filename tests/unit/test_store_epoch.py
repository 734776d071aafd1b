"""The database's epoch: kept across restarts and crashes, new for a restored backup or a
copy, however it was made (relay/store/epoch.py)."""

from __future__ import annotations

import asyncio
import logging
import shutil
from pathlib import Path

import pytest

from relay.cli.backup import back_up
from relay.store.epoch import (
    Lineage,
    Marker,
    marker_path,
    read_marker,
    renewal_reason,
    resume_after,
)
from relay.store.records import NewMessage
from relay.store.sqlite import SqliteStore
from shared_protocol.frames import AuthorKind
from tests.helpers.backups import put_back, vacuum_into
from tests.helpers.cli import cli


async def _open(path: Path, *, serving: bool = True) -> SqliteStore:
    store = SqliteStore(path, epoch_marker=serving)
    await store.open()
    return store


async def _say(store: SqliteStore, client_id: str) -> int:
    """One message in the one conversation (made on first use); returns its seq."""
    site = await store.get_site("s") or await store.add_site("s", "S", ["https://s.example"], 0)
    visitor = await store.visitor_by_token(site.id, "t") or await store.create_visitor(
        site.id, "t", 1.0
    )
    conversation = await store.open_conversation(site.id, visitor.id, 2.0)
    new = NewMessage(conversation.id, client_id, AuthorKind.VISITOR, visitor.id, "", "hi", 3.0)
    return (await store.append_message(new)).message.seq


# ---------------------------------------------------------------- the rule


def test_only_the_database_the_marker_describes_keeps_its_epoch() -> None:
    here = Lineage("e1", commits=7, inode=42)
    assert renewal_reason(here, Lineage("e1", 7, 42)) is None
    assert renewal_reason(here, Lineage("e1", 5, 42)) is None  # the marker lagged a crash
    assert renewal_reason(here, None) == "no_marker"
    assert renewal_reason(here, Lineage("e0", 7, 42)) == "other_epoch"
    assert renewal_reason(here, Lineage("e1", 7, 43)) == "another_file"
    assert renewal_reason(here, Lineage("e1", 9, 42)) == "behind_its_marker"


def test_a_resume_point_from_another_epoch_starts_from_the_beginning() -> None:
    assert resume_after(12, "old", "new") == 0
    assert resume_after(12, "new", "new") == 12
    assert resume_after(12, "", "new") == 12  # a client that has no epoch: nothing to tell


def test_a_torn_or_foreign_marker_reads_as_none(tmp_path: Path) -> None:
    path = tmp_path / "parley.db.epoch"
    assert read_marker(path) is None
    marker = Marker(path)
    marker.write(Lineage("abc", 3, 9))
    marker.write(Lineage("abc", 4, 9))  # rewritten in place
    marker.close()
    assert read_marker(path) == Lineage("abc", 4, 9)
    path.write_bytes(b"parley-epoch-1 abc 4")
    assert read_marker(path) is None
    path.write_bytes(b"\xff\xfe junk")
    assert read_marker(path) is None


# ---------------------------------------------------------------- the store


async def test_the_epoch_is_kept_across_restarts(tmp_path: Path) -> None:
    db = tmp_path / "parley.db"
    store = await _open(db)
    epoch = store.epoch
    await _say(store, "a")
    await store.close()
    store = await _open(db)
    assert store.epoch == epoch and len(epoch) == 32
    await store.close()


async def test_a_marker_left_behind_by_a_crash_keeps_the_epoch(tmp_path: Path) -> None:
    db = tmp_path / "parley.db"
    store = await _open(db)
    epoch = store.epoch
    await _say(store, "a")
    behind = read_marker(marker_path(db))
    await _say(store, "b")
    await store.close()
    assert behind is not None
    Marker(marker_path(db)).write(behind)  # as if the last write never reached the disk
    store = await _open(db)
    assert store.epoch == epoch
    await store.close()


@pytest.mark.parametrize("backup", ["parley_relay_backup", "vacuum_into", "file_copy"])
async def test_a_backup_put_back_in_place_gets_a_new_epoch(tmp_path: Path, backup: str) -> None:
    db, saved = tmp_path / "parley.db", tmp_path / "backup.db"
    store = await _open(db)
    epoch = store.epoch
    assert await _say(store, "a") == 1
    if backup == "parley_relay_backup":  # the README's backup, taken while the relay runs
        back_up(db, saved)
    elif backup == "vacuum_into":  # the backup the README told of before, also live
        vacuum_into(db, saved)
    else:  # a plain copy of the file while the relay is stopped
        await store.close()
        shutil.copyfile(db, saved)
        store = await _open(db)
    assert await _say(store, "b") == 2  # what clients saw after the backup
    await store.close()
    inode = db.stat().st_ino
    put_back(saved, db)  # over the live file: the same inode, the marker untouched
    assert db.stat().st_ino == inode

    store = await _open(db)
    assert store.epoch != epoch
    assert await _say(store, "c") == 2  # the number the lost message had: another history
    renewed = store.epoch
    await store.close()
    store = await _open(db)
    assert store.epoch == renewed  # renewed once, then kept
    await store.close()


async def test_a_backup_restored_with_nothing_stored_since_keeps_its_epoch(
    tmp_path: Path,
) -> None:
    """The same data under the same numbers: nothing any client holds is wrong."""
    db, saved = tmp_path / "parley.db", tmp_path / "backup.db"
    store = await _open(db)
    epoch = store.epoch
    await _say(store, "a")
    vacuum_into(db, saved)
    await store.close()
    put_back(saved, db)
    store = await _open(db)
    assert store.epoch == epoch
    await store.close()


@pytest.mark.parametrize("marker", ["left_behind", "copied_along"])
async def test_a_copy_elsewhere_gets_a_new_epoch_and_the_original_keeps_its_own(
    tmp_path: Path, marker: str
) -> None:
    db = tmp_path / "a" / "parley.db"
    store = await _open(db)
    epoch = store.epoch
    await _say(store, "a")
    await store.close()
    copy = tmp_path / "b" / "parley.db"
    copy.parent.mkdir()
    shutil.copy2(db, copy)
    if marker == "copied_along":  # the whole data directory copied: only the file differs
        shutil.copy2(marker_path(db), marker_path(copy))

    elsewhere = await _open(copy)
    assert elsewhere.epoch != epoch
    await elsewhere.close()
    original = await _open(db)
    assert original.epoch == epoch
    await original.close()


async def test_admin_commands_neither_renew_the_epoch_nor_count_commits(tmp_path: Path) -> None:
    """They open the file beside the running relay: two writers of the marker, or an
    admin command judging the database mid-commit, could renew it needlessly."""
    db = tmp_path / "parley.db"
    serving = await _open(db)
    epoch = serving.epoch
    await _say(serving, "a")
    marked = read_marker(marker_path(db))
    admin = await _open(db, serving=False)
    await admin.add_site("t", "T", ["https://t.example"], 0)
    assert admin.epoch == epoch
    await admin.close()
    assert read_marker(marker_path(db)) == marked
    await serving.close()
    marker_path(db).unlink()
    admin = await _open(db, serving=False)  # no marker: still not the admin's to renew
    assert admin.epoch == epoch
    await admin.close()
    assert not marker_path(db).exists()  # nor to mark: it did not make this database
    serving = await _open(db)
    assert serving.epoch != epoch  # moved without its marker, as far as anyone can tell
    await serving.close()


# ---------------------------------------------------------------- made by an admin command


def _renewals(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "epoch_renewed" in r.getMessage()]


async def test_a_database_an_admin_command_made_keeps_its_epoch_silently_at_the_first_serve(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """`./dev run` adds an agent before the first `serve`: nobody has seen that epoch,
    and a log line saying it was renewed would read as if a backup had been restored."""
    caplog.set_level(logging.INFO, logger="parley.store")
    db = tmp_path / "parley.db"
    admin = await _open(db, serving=False)
    made = admin.epoch
    await admin.add_site("t", "T", ["https://t.example"], 0)
    await admin.close()
    assert read_marker(marker_path(db)) == Lineage(made, 0, db.stat().st_ino)

    store = await _open(db)
    assert store.epoch == made
    await _say(store, "a")
    await store.close()
    store = await _open(db)  # and served on as any database it made itself
    assert store.epoch == made
    await store.close()
    assert _renewals(caplog) == []


def test_the_first_serve_after_parley_relay_made_the_database_says_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The reported case end to end: the real command line makes the database."""
    caplog.set_level(logging.INFO, logger="parley.store")
    made = cli(tmp_path, "agent", "add", "admin", "--role", "admin", stdin="long enough pw\n")
    assert made.returncode == 0, made.stderr
    marker = read_marker(marker_path(tmp_path / "parley.db"))

    async def serve() -> str:
        store = await _open(tmp_path / "parley.db")
        await store.close()
        return store.epoch

    assert marker is not None and asyncio.run(serve()) == marker.epoch
    assert _renewals(caplog) == []


@pytest.mark.parametrize("marker", ["left_behind", "copied_along"])
async def test_a_copy_of_a_database_an_admin_command_made_still_gets_a_new_epoch(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, marker: str
) -> None:
    caplog.set_level(logging.INFO, logger="parley.store")
    db, copy = tmp_path / "a" / "parley.db", tmp_path / "b" / "parley.db"
    admin = await _open(db, serving=False)
    made = admin.epoch
    await admin.close()
    copy.parent.mkdir()
    shutil.copy2(db, copy)
    if marker == "copied_along":
        shutil.copy2(marker_path(db), marker_path(copy))

    elsewhere = await _open(copy)
    assert elsewhere.epoch != made
    await elsewhere.close()
    reason = "no_marker" if marker == "left_behind" else "another_file"
    [renewal] = _renewals(caplog)
    assert f"reason={reason}" in renewal
    original = await _open(db)
    assert original.epoch == made
    await original.close()

"""`parley-relay backup FILE` while a relay serves and writes: the copy holds everything
committed before it, consistently, restores into a fresh data directory, and replaces
last night's copy without ever leaving a broken one in its place."""

from __future__ import annotations

import asyncio
import re
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from relay.cli.backup import back_up
from relay.cli.common import CliError
from relay.store.sqlite import SqliteStore
from shared_protocol import frames
from tests.helpers.cli import cli
from tests.helpers.clients import VisitorClient, new_id
from tests.helpers.relay_process import start_relay_process

# One visitor sending as fast as acks come: no allowance may hold it back.
UNLIMITED = {
    "PARLEY_VISITOR_FRAMES_PER_SECOND": "1000000",
    "PARLEY_VISITOR_FRAME_BURST": "1000000",
    "PARLEY_ADDRESS_FRAMES_PER_SECOND": "1000000",
    "PARLEY_ADDRESS_FRAME_BURST": "1000000",
}
_WROTE = re.compile(
    r"backed up .* to (.*): ([\d,]+) bytes, ([\d,]+) conversations, ([\d,]+) messages"
)


async def _keep_writing(visitor: VisitorClient, acked: dict[int, str], stop: asyncio.Event) -> None:
    while not stop.is_set():
        text = f"message {new_id()}"
        acked[(await visitor.say(text)).seq] = text


async def _backup(data: Path, target: Path) -> re.Match[str]:
    """The command as cron runs it, in a process of its own."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "relay",
        "backup",
        str(target),
        "--data-dir",
        str(data),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    wrote = _WROTE.fullmatch(out.decode().strip())
    assert wrote is not None, out.decode()
    return wrote


async def test_a_backup_taken_while_the_relay_writes_restores_what_was_committed_before_it(
    tmp_path: Path,
) -> None:
    data, target = tmp_path / "data", tmp_path / "backups" / "parley.db"
    target.parent.mkdir()
    relay = await start_relay_process(data, env=UNLIMITED)
    acked: dict[int, str] = {}  # seq → text, of the one conversation
    # A reader holding an old snapshot (as a long report would) keeps the relay's
    # checkpoints from copying later commits into the file: they are in the log only,
    # where a copy of the file alone would miss them.
    report = sqlite3.connect(data / "parley.db", isolation_level=None)
    report.execute("BEGIN")
    report.execute("SELECT count(*) FROM messages").fetchone()
    visitor = await VisitorClient.connect(relay.url)
    try:
        epoch = (await visitor.expect(frames.Welcome)).epoch
        for _ in range(40):
            text = f"message {new_id()}"
            acked[(await visitor.say(text)).seq] = text
        stop = asyncio.Event()
        writer = asyncio.create_task(_keep_writing(visitor, acked, stop))
        await asyncio.sleep(0.2)
        # Two nights: the second copy replaces the first, the relay writing all along.
        for _night in range(2):
            before = max(acked)  # acknowledged before the backup began
            wrote = await _backup(data, target)
            assert max(acked) > before  # the relay kept writing while the copy was taken
        stop.set()
        await writer
    finally:
        report.close()
        await visitor.close()
        await relay.terminate()

    assert Path(wrote[1]) == target
    assert sorted(p.name for p in target.parent.iterdir()) == ["parley.db"]  # no -wal, no part
    assert int(wrote[2].replace(",", "")) == target.stat().st_size
    # Restored as the README says, into a fresh data directory: the file alone.
    restored = tmp_path / "restored" / "parley.db"
    restored.parent.mkdir()
    shutil.copyfile(target, restored)
    store = SqliteStore(restored, epoch_marker=True)  # as the relay that serves it opens it
    await store.open()
    try:
        conversation = await store.get_conversation(1)
        assert conversation is not None
        messages = await store.messages_after(1, 0, 100_000)
    finally:
        await store.close()
    seqs = [m.seq for m in messages]
    # Everything acknowledged before the second backup began, and no gap: one moment's copy.
    assert seqs == list(range(1, len(seqs) + 1))
    assert len(seqs) >= before
    assert all(acked[m.seq] == m.text for m in messages)
    assert int(wrote[4].replace(",", "")) == len(seqs)
    with sqlite3.connect(restored) as db:
        [counter] = db.execute("SELECT last_seq FROM conversations WHERE id = 1").fetchone()
    assert counter == len(seqs)  # the counter row and the messages of the same moment
    assert store.epoch != epoch  # a copy without its marker: a new history for clients


def test_a_backup_that_fails_leaves_last_nights_copy_and_no_part_file(tmp_path: Path) -> None:
    target = tmp_path / "backups" / "parley.db"
    target.parent.mkdir()
    target.write_bytes(b"last night's good copy")
    broken = tmp_path / "data" / "parley.db"
    broken.parent.mkdir()
    broken.write_bytes(b"not a database " * 1000)
    with pytest.raises(CliError, match="failed"):
        back_up(broken, target)
    assert target.read_bytes() == b"last night's good copy"
    assert [p.name for p in target.parent.iterdir()] == ["parley.db"]


def test_a_backup_with_nothing_to_copy_or_nowhere_to_go_says_so_in_one_line(
    tmp_path: Path,
) -> None:
    empty = tmp_path / "empty"
    nothing = cli(empty, "backup", str(tmp_path / "copy.db"))
    assert nothing.returncode == 2 and "Traceback" not in nothing.stderr
    assert nothing.stderr.startswith("parley-relay: no database at")
    assert not empty.exists()  # the command made no database of its own to copy

    data = tmp_path / "data"
    assert cli(data, "site", "list").returncode == 0  # makes the database
    for target, words in (
        (tmp_path, "is a directory"),
        (data / "parley.db", "is the database itself"),
        (tmp_path / "nowhere" / "parley.db", "no folder"),
    ):
        refused = cli(data, "backup", str(target))
        assert refused.returncode == 2 and words in refused.stderr, refused.stderr
        assert len(refused.stderr.splitlines()) == 1

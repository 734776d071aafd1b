"""Resume across a restored or copied database (protocol §5.4): the relay's epoch is new
for a database put back from a backup or copied, and a client holding positions from the
old epoch gets the whole transcript, not a silent gap. The epoch survives restarts and a
kill -9."""

from __future__ import annotations

import shutil
from pathlib import Path

import msgspec
import pytest

from relay.app import Relay, database_path
from shared_protocol import frames
from tests.helpers.backups import put_back, store_agent_message, vacuum_into
from tests.helpers.clients import AgentClient, VisitorClient
from tests.helpers.relay_fixtures import AGENT_NAME, AGENT_PASSWORD, RunningRelay, relay_stopped
from tests.helpers.relay_process import start_relay_process


async def _texts(client: AgentClient | VisitorClient, conversation: int) -> list[str]:
    history = await client.expect(frames.History)
    assert history.conversation == conversation and not history.more
    assert [m.seq for m in history.messages] == list(range(1, len(history.messages) + 1))
    return [m.text for m in history.messages]


@pytest.mark.parametrize("backup", ["vacuum_into", "file_copy"])
async def test_a_restored_database_gets_a_new_epoch_and_old_positions_get_the_whole_transcript(
    tmp_path: Path, relay: RunningRelay, backup: str
) -> None:
    db, saved = database_path(relay.relay.config), tmp_path / "backup.db"
    visitor = await VisitorClient.connect(relay.url)
    token = (await visitor.expect(frames.Welcome)).token
    conversation = (await visitor.say("Is the weekend IELTS class full?")).conversation
    await visitor.close()
    if backup == "vacuum_into":  # the README's backup, while the relay runs
        vacuum_into(db, saved)
    else:  # a plain copy of the file, the relay stopped
        async with relay_stopped(relay):
            shutil.copyfile(db, saved)

    agent = await AgentClient.connect(relay.url, user=AGENT_NAME, password=AGENT_PASSWORD)
    old_epoch = (await agent.expect(frames.LoginOk)).epoch
    assert (await agent.say(conversation, "Two places left on Saturday.")).seq == 2
    await agent.close()
    visitor = await VisitorClient.connect(relay.url, token=token)
    assert (await visitor.expect(frames.Welcome)).epoch == old_epoch != ""
    await visitor.close()
    # Both now hold the conversation up to seq 2, in the old epoch. The backup is put
    # back, and the restored relay stores another seq 2 while they are away.
    async with relay_stopped(relay):
        put_back(saved, db)
        await store_agent_message(db, conversation, "Sorry, the class is full.")

    held = [frames.ResumePoint(conversation=conversation, after_seq=2)]
    agent = await AgentClient.connect(
        relay.url, user=AGENT_NAME, password=AGENT_PASSWORD, resume=held, epoch=old_epoch
    )
    new_epoch = (await agent.expect(frames.LoginOk)).epoch
    assert new_epoch not in ("", old_epoch)
    whole = ["Is the weekend IELTS class full?", "Sorry, the class is full."]
    assert await _texts(agent, conversation) == whole
    visitor = await VisitorClient.connect(relay.url, token=token, resume=held, epoch=old_epoch)
    assert (await visitor.expect(frames.Welcome)).epoch == new_epoch
    assert await _texts(visitor, conversation) == whole

    # Positions from this epoch resume where they are; a client that names no epoch
    # (older than epochs) is answered as it asks.
    for epoch, after, expected in ((new_epoch, 1, whole[1:]), ("", 2, [])):
        point = [frames.ResumePoint(conversation=conversation, after_seq=after)]
        again = await VisitorClient.connect(relay.url, token=token, resume=point, epoch=epoch)
        await again.expect(frames.Welcome)
        history = await again.expect(frames.History)
        assert [m.text for m in history.messages] == expected
        await again.close()
    await agent.close()
    await visitor.close()


async def test_a_copy_of_the_database_elsewhere_gets_a_new_epoch_and_the_original_keeps_its_own(
    tmp_path: Path, relay: RunningRelay
) -> None:
    visitor = await VisitorClient.connect(relay.url)
    welcome = await visitor.expect(frames.Welcome)
    await visitor.say("Hello")
    await visitor.close()
    copied = tmp_path / "elsewhere" / "parley.db"
    async with relay_stopped(relay):
        copied.parent.mkdir()
        shutil.copy2(database_path(relay.relay.config), copied)

    # The original, restarted, keeps its epoch; a relay on the copy gets one of its own.
    again = await VisitorClient.connect(relay.url, token=welcome.token)
    assert (await again.expect(frames.Welcome)).epoch == welcome.epoch
    await again.close()
    copy_config = msgspec.structs.replace(
        relay.relay.config, data_dir=str(copied.parent), port=0, files_port=0
    )
    elsewhere = Relay(copy_config)
    port = await elsewhere.start()
    try:
        again = await VisitorClient.connect(f"ws://127.0.0.1:{port}", token=welcome.token)
        assert (await again.expect(frames.Welcome)).epoch not in ("", welcome.epoch)
        await again.close()
    finally:
        await elsewhere.stop()


async def test_the_epoch_survives_a_kill_9(tmp_path: Path) -> None:
    """A crash must not look like a restore: every client would refetch everything."""
    process = await start_relay_process(tmp_path / "data")
    try:
        visitor = await VisitorClient.connect(process.url)
        welcome = await visitor.expect(frames.Welcome)
        for n in range(20):
            await visitor.say(f"message {n}")
        await process.kill()
        process = await start_relay_process(tmp_path / "data")
        again = await VisitorClient.connect(process.url, token=welcome.token)
        assert (await again.expect(frames.Welcome)).epoch == welcome.epoch != ""
        await again.close()
    finally:
        await process.terminate()

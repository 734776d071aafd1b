"""The agent app and the relay's epoch, without sockets: the session drops what it holds
from another epoch and fetches afresh, the cache forgets the old history at once."""

from __future__ import annotations

from pathlib import Path

import msgspec

from agent_app.cache import TranscriptCache, cache_path
from agent_app.net.session import AgentSession
from shared_protocol import frames
from shared_protocol.frames import AgentStatus, ConversationStatus
from tests.helpers.agent_frames import message, welcome


def _welcome(epoch: str, *conversations: int) -> frames.LoginOk:
    return msgspec.structs.replace(welcome(*conversations), epoch=epoch)


def test_the_login_says_which_epoch_its_resume_points_come_from() -> None:
    session = AgentSession()
    assert session.login("alice", "pw", None, AgentStatus.ONLINE).epoch == ""
    session.welcomed(_welcome("e1", 1))
    session.hold(message(1, 1))
    login = session.login("alice", "", "token", AgentStatus.ONLINE)
    assert (login.epoch, login.resume) == ("e1", [frames.ResumePoint(conversation=1, after_seq=1)])


def test_a_welcome_of_another_epoch_drops_what_is_held_and_fetches_afresh() -> None:
    session = AgentSession()
    session.epoch = "e1"  # as the cache remembered it
    for seq in (1, 2, 3):
        session.hold(message(1, seq))
    session.hold(message(2, 1))
    session.hold(message(9, 1))  # an earlier chat, not open any more
    unsent = session.write(2, "still there?")
    session.login("alice", "", "token", AgentStatus.ONLINE)  # names 1, 2 and 9, from e1

    to_send = session.welcomed(_welcome("e2", 1, 2, 4))
    assert session.history_replaced and session.epoch == "e2"
    assert all(not held for held in session.transcripts.values())
    assert session.held_through(1) == 0
    # The relay answers the login's points from 0 (it saw "e1"); the one it did not name
    # is fetched from 0; the unsent reply is the agent's and still goes.
    assert to_send == [frames.Resume(conversation=4, after_seq=0), unsent]
    assert session.fetch(9) == frames.Resume(conversation=9, after_seq=0)
    assert session.hold(message(1, 2, "another message now"))  # not taken for a duplicate


def test_the_same_epoch_or_none_keeps_what_is_held() -> None:
    session = AgentSession()
    session.epoch = "e1"
    session.hold(message(1, 1))
    session.welcomed(_welcome("e1", 1))
    assert not session.history_replaced and session.held_through(1) == 1
    session.welcomed(_welcome("", 1))  # a relay older than epochs: nothing to compare
    assert not session.history_replaced and session.epoch == "e1"
    fresh = AgentSession()  # a cache from before epochs: the first epoch is taken as is
    fresh.hold(message(1, 1))
    fresh.welcomed(_welcome("e1", 1))
    assert not fresh.history_replaced and fresh.epoch == "e1" and fresh.held_through(1) == 1


async def test_the_cache_forgets_the_old_history_and_keeps_unsent_replies(
    tmp_path: Path,
) -> None:
    path = cache_path(tmp_path, "ws://relay", "alice")
    cache = TranscriptCache(path)
    await cache.open()
    assert await cache.epoch() == ""
    info = frames.ConversationInfo(id=1, visitor=9, status=ConversationStatus.ACTIVE, created_at=1)
    await cache.save_conversations([info])
    await cache.save_messages([message(1, 1, "weekend class"), message(1, 2, "two places left")])
    await cache.add_unsent(frames.AgentSend(id="u", conversation=1, text="see you"))
    await cache.set_epoch("e1", forget=False)
    assert await cache.epoch() == "e1"
    assert len(await cache.messages(1)) == 2

    await cache.set_epoch("e2", forget=True)
    await cache.save_messages([message(1, 2, "the class is full")])
    await cache.close()
    cache = TranscriptCache(path)
    await cache.open()
    assert await cache.epoch() == "e2"
    assert await cache.conversations() == []
    assert [m.text for m in await cache.messages(1)] == ["the class is full"]
    assert await cache.last_seqs() == {}  # seq 1 of the new history is not here yet
    assert await cache.search("places left") == []  # the search forgot it too
    assert [m.text for m in await cache.search("class is full")] == ["the class is full"]
    assert [m.text for m in await cache.unsent()] == ["see you"]
    await cache.close()

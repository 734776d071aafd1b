"""The agent app's transcript cache on a real SQLite file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from agent_app.cache import TranscriptCache, cache_path
from shared_protocol import frames
from shared_protocol.frames import AuthorKind, ConversationStatus


def _message(conversation: int, seq: int, text: str) -> frames.ChatMessage:
    return frames.ChatMessage(
        conversation=conversation,
        seq=seq,
        id=f"m{conversation}-{seq}",
        author=AuthorKind.VISITOR,
        author_id=1,
        text=text,
        ts=1000.0 + seq,
    )


@pytest.fixture
async def cache(tmp_path: Path) -> AsyncIterator[TranscriptCache]:
    opened = TranscriptCache(cache_path(tmp_path, "ws://relay", "alice"))
    await opened.open()
    yield opened
    await opened.close()


async def test_messages_are_kept_once_in_order_and_last_seq_stops_at_a_gap(
    cache: TranscriptCache,
) -> None:
    await cache.save_messages([_message(7, 2, "two"), _message(7, 1, "one")])
    await cache.save_messages([_message(7, 2, "two"), _message(7, 4, "four")])  # 3 missing
    assert [m.text for m in await cache.messages(7)] == ["one", "two", "four"]
    assert await cache.last_seqs() == {7: 2}


async def test_search_finds_words_in_any_language(cache: TranscriptCache) -> None:
    await cache.save_messages(
        [
            _message(1, 1, "Do you have IELTS weekend classes?"),
            _message(2, 1, "周末雅思班还有名额吗？"),
            _message(3, 1, "Сайн байна уу, үнэ хэд вэ?"),
        ]
    )
    assert [m.conversation for m in await cache.search("weekend")] == [1]
    assert [m.conversation for m in await cache.search("雅思")] == [2]  # short: a scan
    assert [m.conversation for m in await cache.search("雅思班")] == [2]
    assert [m.conversation for m in await cache.search("үнэ хэд")] == [3]
    assert await cache.search('"; DROP TABLE messages; --') == []
    assert await cache.search("%") == []


async def test_conversations_and_unsent_replies_survive_reopening(tmp_path: Path) -> None:
    path = cache_path(tmp_path, "ws://relay", "alice")
    first = TranscriptCache(path)
    await first.open()
    info = frames.ConversationInfo(id=5, visitor=9, status=ConversationStatus.WAITING, created_at=1)
    await first.save_conversations([info])
    await first.add_unsent(frames.AgentSend(id="a", conversation=5, text="first"))
    await first.add_unsent(frames.AgentSend(id="b", conversation=5, text="second"))
    await first.remove_unsent("a")
    await first.close()
    again = TranscriptCache(path)
    await again.open()
    assert await again.conversations() == [info]
    assert [m.text for m in await again.unsent()] == ["second"]
    await again.close()


def test_each_relay_and_agent_has_its_own_file(tmp_path: Path) -> None:
    paths = {
        cache_path(tmp_path, "ws://a", "alice"),
        cache_path(tmp_path, "ws://a", "bob"),
        cache_path(tmp_path, "ws://b", "alice"),
    }
    assert len(paths) == 3
    assert all("alice" not in p.name for p in paths)

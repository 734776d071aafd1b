"""The live copy's newest message per open conversation: kept as messages are stored and
withdrawn, forgotten on close, and bounded in a login snapshot."""

from __future__ import annotations

from relay.live.open_conversations import OpenConversations
from relay.store.records import Conversation
from shared_protocol import codec, frames, limits
from shared_protocol.frames import AuthorKind, ConversationStatus


def conversation(cid: int, status: ConversationStatus = ConversationStatus.WAITING) -> Conversation:
    return Conversation(
        id=cid,
        site_id=1,
        visitor_id=cid,
        status=status,
        agent_id=None,
        created_at=0.0,
        closed_at=None,
        last_seq=0,
    )


def message(
    cid: int, seq: int, text: str, reply_to: frames.Quote | None = None
) -> frames.ChatMessage:
    return frames.ChatMessage(
        conversation=cid,
        seq=seq,
        id=f"m{seq}",
        author=AuthorKind.AGENT,
        author_id=1,
        text=text,
        ts=float(seq),
        reply_to=reply_to,
    )


def test_the_newest_message_is_kept_emptied_when_withdrawn_and_forgotten_on_close() -> None:
    live = OpenConversations()
    live.track(conversation(1))
    live.note_message(message(1, 2, "second"))
    live.note_message(message(1, 1, "first, late"))  # an older one never replaces a newer
    info = live.info(conversation(1))
    assert info.last_message == message(1, 2, "second") and info.last_seq == 2
    assert live.info(conversation(1), for_visitor=True).last_message is None

    live.note_withdrawn(1, 1)  # not the newest, not quoted: nothing changes
    assert live.last_message(1) == message(1, 2, "second")
    quote = frames.Quote(seq=2, author=AuthorKind.AGENT, text="second")
    live.note_message(message(1, 3, "sorry", reply_to=quote))
    live.note_withdrawn(1, 2)
    newest = live.last_message(1)
    assert newest is not None
    assert newest.reply_to is not None and newest.reply_to.withdrawn
    assert newest.reply_to.text == "" and newest.text == "sorry"
    live.note_withdrawn(1, 3)
    emptied = live.last_message(1)
    assert emptied is not None and emptied.withdrawn and emptied.text == ""

    live.track(conversation(1, ConversationStatus.CLOSED))
    assert live.last_message(1) is None
    live.note_message(message(1, 4, "after the close"))  # not listed: not kept
    assert live.last_message(1) is None


def test_a_login_snapshot_of_500_long_last_messages_fits_in_a_frame() -> None:
    live = OpenConversations()
    for cid in range(1, 501):
        live.track(conversation(cid))
        live.note_message(message(cid, 1, "价" * limits.MAX_TEXT_CHARS))
    listed = live.snapshot()
    assert [info.id for info in listed] == list(range(1, 501))
    carried = [info for info in listed if info.last_message is not None]
    assert 100 < len(carried) < 500  # as many as the budget holds, in order
    assert listed[: len(carried)] == carried
    login = frames.LoginOk(
        v=1,
        agent=frames.AgentInfo(id=1, name="a", display_name="A", role="admin"),
        token="t",
        token_expires=0.0,
        visitors=[],
        conversations=listed,
        agents=[],
        server_time=0.0,
    )
    assert len(codec.agent_relay_side.encode(login)) < limits.MAX_RELAY_FRAME_BYTES
    short = OpenConversations()
    short.track(conversation(1))
    short.note_message(message(1, 1, "hi"))
    assert [info.last_message for info in short.snapshot()] == [message(1, 1, "hi")]

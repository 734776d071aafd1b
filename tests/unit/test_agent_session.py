"""The agent app's sans-I/O session: the outbox, acknowledgements and resume, no sockets."""

from __future__ import annotations

import msgspec

from agent_app.bridge import FrameRouter
from agent_app.net.session import AgentSession
from shared_protocol import frames
from shared_protocol.frames import AgentStatus
from tests.helpers.agent_frames import message, welcome


def test_a_new_profile_fetches_every_open_conversation_then_resends_the_outbox() -> None:
    session = AgentSession()
    session.hold(message(1, 1))
    unsent = session.write(1, "still here?")
    to_send = session.welcomed(welcome(1, 2, 3))
    assert to_send == [
        frames.Resume(conversation=2, after_seq=0),
        frames.Resume(conversation=3, after_seq=0),
        unsent,
    ]  # conversation 1 resumed at login: no second fetch
    assert session.welcomed(welcome(1, 2, 3)) == [unsent]  # a reconnect fetches nothing again


def test_login_resumes_each_conversation_after_its_last_gapless_message() -> None:
    session = AgentSession()
    for seq in (1, 2, 4):  # 3 is missing: resume from 2 so that 3 comes
        session.hold(message(5, seq))
    login = session.login("alice", "", "token", AgentStatus.AWAY)
    assert login.resume == [frames.ResumePoint(conversation=5, after_seq=2)]
    assert login.status is AgentStatus.AWAY and login.token == "token"


def test_a_message_is_held_once_and_an_ack_turns_the_reply_into_it() -> None:
    session = AgentSession()
    session.welcomed(welcome(1))
    assert session.hold(message(1, 1, "question")) is True
    assert session.hold(message(1, 1, "question")) is False  # shown once
    reply = session.write(1, "answer", reply_to=1)
    assert session.unacknowledged(1) == [reply] and session.unacknowledged(2) == []
    stored = session.acknowledged(frames.Ack(id=reply.id, conversation=1, seq=2, ts=9.0))
    assert stored is not None and stored.seq == 2 and stored.author_name == "Alice"
    assert stored.reply_to is not None and stored.reply_to.text == "question"
    assert session.unacknowledged() == []
    assert session.transcripts[1][2] == stored
    # An ack for a reply written elsewhere (the agent's other PC) changes nothing here.
    assert session.acknowledged(frames.Ack(id="other", conversation=1, seq=3, ts=9.0)) is None


def test_history_pages_ask_for_the_next_page_after_their_last_message() -> None:
    session = AgentSession()
    page = frames.History(conversation=4, messages=[message(4, 1), message(4, 2)], more=True)
    assert session.next_page(page) == frames.Resume(conversation=4, after_seq=2)
    last = frames.History(conversation=4, messages=[message(4, 3)], more=False)
    assert session.next_page(last) is None


def test_a_withdrawn_message_loses_its_text_and_so_do_quotes_of_it() -> None:
    session = AgentSession()
    session.welcomed(welcome(1))
    session.hold(message(1, 1, "my card number is …"))
    reply = session.write(1, "please do not send it", reply_to=1)
    session.acknowledged(frames.Ack(id=reply.id, conversation=1, seq=2, ts=3.0))
    session.withdraw(1, 1)
    assert session.transcripts[1][1].withdrawn and session.transcripts[1][1].text == ""
    quote = session.transcripts[1][2].reply_to
    assert quote is not None and quote.withdrawn and quote.text == ""


def test_the_router_calls_each_handler_of_a_frame_type_in_order() -> None:
    router = FrameRouter()
    heard: list[str] = []
    router.on(frames.Presence, lambda f: heard.append(f"a{f.agents_online}"))
    router.on(frames.Presence, lambda f: heard.append(f"b{f.agents_online}"))
    router.dispatch(frames.Presence(agents_online=True))
    router.dispatch(frames.Logout())  # nobody handles it: ignored, not an error
    assert heard == ["aTrue", "bTrue"]


def test_a_reconnect_catches_up_the_conversations_the_login_could_not_name() -> None:
    session = AgentSession()
    session.welcomed(welcome(*range(1, 81)))
    for conversation in range(1, 81):
        session.hold(message(conversation, 1))
    login = session.login("alice", "", "token", AgentStatus.ONLINE)
    assert len(login.resume) == 50  # the protocol's limit
    again = welcome(*range(1, 81))
    grown = [msgspec.structs.replace(info, last_seq=3) for info in again.conversations]
    fetch = session.welcomed(msgspec.structs.replace(again, conversations=grown))
    named = {point.conversation for point in login.resume}
    assert {f.conversation for f in fetch if isinstance(f, frames.Resume)} == (
        set(range(1, 81)) - named
    )
    assert all(f.after_seq == 1 for f in fetch if isinstance(f, frames.Resume))


def test_a_refused_reply_is_sent_again_only_when_the_agent_asks() -> None:
    session = AgentSession()
    kept = session.write(1, "still to send")
    refused = session.write(1, "into a colleague's chat")
    assert session.refused(refused.id)
    assert not session.refused("not ours")
    # A reconnect resends what waits for an ack, but not what the relay refused.
    first = session.welcomed(welcome(1))  # the new conversation's fetch, then the outbox
    assert [f for f in first if isinstance(f, frames.AgentSend)] == [kept]
    assert session.retrying(refused.id) == refused
    assert session.welcomed(welcome(1)) == [kept, refused]

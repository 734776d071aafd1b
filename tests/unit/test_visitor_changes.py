"""Visitor changes reach agents in batches: one frame per flush, however many page views."""

from __future__ import annotations

from relay.live.audiences import Audience, ToDepartment
from relay.live.batching import VisitorChanges
from relay.live.connections import Connection
from relay.live.presence import Presence, VisitorLink
from shared_protocol import frames


def info(visitor: int, url: str) -> frames.VisitorInfo:
    return frames.VisitorInfo(
        id=visitor, site="demo", first_seen=0, last_seen=0, page=frames.PageInfo(url=url)
    )


class RecordingBroker:
    """Keeps what is published to agents instead of sending it."""

    def __init__(self) -> None:
        self.sent: list[frames.Frame] = []

    def publish(
        self,
        audience: Audience,
        frame: frames.Frame,
        *,
        skip: Connection | None = None,
        here_only: bool = False,
    ) -> None:
        assert audience == ToDepartment(None)  # visitors of no department: every agent
        self.sent.append(frame)

    async def revoke(self, token_hashes: object) -> int:
        raise AssertionError("not used")


def recording_changes() -> tuple[Presence, VisitorChanges, list[frames.Frame]]:
    presence, broker = Presence(), RecordingBroker()
    return presence, VisitorChanges(presence, broker), broker.sent


def test_many_changes_become_one_frame_with_the_newest_state_of_each_visitor() -> None:
    _, changes, sent = recording_changes()
    for n in range(100):
        changes.changed(info(n % 10, f"https://s.example/page/{n}"))
    assert changes.flush() == 10
    [batch] = sent
    assert isinstance(batch, frames.VisitorsChanged)
    assert {v.id: v.page.url for v in batch.updated if v.page} == {
        n: f"https://s.example/page/{90 + n}" for n in range(10)
    }
    assert changes.flush() == 0  # nothing new: nothing sent
    assert len(sent) == 1


def test_a_visitor_who_left_and_came_back_within_a_batch_is_changed_not_gone() -> None:
    presence, changes, sent = recording_changes()
    link = VisitorLink(connection=None, visitor_id=1)  # type: ignore[arg-type]
    presence.add_visitor(link, info(1, "https://s.example/a"))
    changes.changed(info(1, "https://s.example/a"))
    presence.remove_visitor(link)
    changes.gone(1)
    presence.add_visitor(link, info(1, "https://s.example/b"))  # the next page connected
    changes.changed(info(1, "https://s.example/b"))
    changes.gone(2)  # someone else really left
    changes.flush()
    [batch] = sent
    assert isinstance(batch, frames.VisitorsChanged)
    assert [(v.id, v.page.url if v.page else "") for v in batch.updated] == [
        (1, "https://s.example/b")
    ]
    assert batch.left == [2]

"""Visitor changes reach agents in batches: one frame per flush, however many page views."""

from __future__ import annotations

from relay.hub import Hub, VisitorLink
from shared_protocol import frames


def info(visitor: int, url: str) -> frames.VisitorInfo:
    return frames.VisitorInfo(
        id=visitor, site="demo", first_seen=0, last_seen=0, page=frames.PageInfo(url=url)
    )


def recording_hub() -> tuple[Hub, list[frames.Frame]]:
    """A hub whose frames to agents are kept instead of sent."""
    hub, sent = Hub(), []

    def keep(frame: frames.Frame, *, skip: object = None) -> None:
        sent.append(frame)

    hub.to_agents = keep  # type: ignore[method-assign]
    return hub, sent


def test_many_changes_become_one_frame_with_the_newest_state_of_each_visitor() -> None:
    hub, sent = recording_hub()
    for n in range(100):
        hub.visitor_changed(info(n % 10, f"https://s.example/page/{n}"))
    assert hub.flush_visitor_changes() == 10
    [batch] = sent
    assert isinstance(batch, frames.VisitorsChanged)
    assert {v.id: v.page.url for v in batch.updated if v.page} == {
        n: f"https://s.example/page/{90 + n}" for n in range(10)
    }
    assert hub.flush_visitor_changes() == 0  # nothing new: nothing sent
    assert len(sent) == 1


def test_a_visitor_who_left_and_came_back_within_a_batch_is_changed_not_gone() -> None:
    hub, sent = recording_hub()
    link = VisitorLink(outbox=None, visitor_id=1)  # type: ignore[arg-type]
    hub.add_visitor(link, info(1, "https://s.example/a"))
    hub.visitor_changed(info(1, "https://s.example/a"))
    hub.remove_visitor(link)
    hub.visitor_gone(1)
    hub.add_visitor(link, info(1, "https://s.example/b"))  # the next page connected
    hub.visitor_changed(info(1, "https://s.example/b"))
    hub.visitor_gone(2)  # someone else really left
    hub.flush_visitor_changes()
    [batch] = sent
    assert isinstance(batch, frames.VisitorsChanged)
    assert [(v.id, v.page.url if v.page else "") for v in batch.updated] == [
        (1, "https://s.example/b")
    ]
    assert batch.left == [2]

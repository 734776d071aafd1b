"""Pure rules for visits and page views: when a visit goes on, whether a hello is a return
to the page the visitor never left (a reconnect) or a new view of it, and how often the
relay notes that connected visitors are still there.

A visit goes on while the visitor is active: a hello, a page view, leaving a page, and
being connected at all count (a visitor reading one page for an hour is still on the
site). It ends after `gap` seconds without any of these.

A hello is the first frame of every connection, so it comes after each relay restart and
each dropped connection as well as on a real arrival. When the visit's newest page view
is of the same URL and the visitor is still on it, or left it moments ago (the disconnect
itself closes it), the hello continues that view; anything else is a new view.
"""

from __future__ import annotations

from dataclasses import dataclass

# How long after a page view was closed a hello for the same URL still continues it. A
# relay restart or a dropped connection closes the view, and the widget is back within
# seconds (its backoff starts at 1 s); a reload of the page much later is a new view.
REJOIN_SECONDS = 30.0
# Connected visitors' visits are marked active at least this often, and at least four
# times per visit gap, so that after a crash (when no disconnect was recorded) a
# reconnecting visitor's visit is seen as just active, not as idle since their last page.
PRESENCE_SECONDS = 60.0
MIN_PRESENCE_SECONDS = 0.5  # a tiny configured gap must not make the relay spin


@dataclass(frozen=True, slots=True)
class NewestPageView:
    """The newest page view of a visit, as much of it as the rules need."""

    id: int
    url: str
    left_at: float | None  # None while open: the visitor is on it, or the relay crashed


def continues_visit(last_activity: float, now: float, gap: float) -> bool:
    """Whether a visitor last active at `last_activity` is still on the same visit."""
    return now - last_activity < gap


def continued_view(
    newest: NewestPageView | None, url: str, now: float, *, within: float = REJOIN_SECONDS
) -> NewestPageView | None:
    """The page view a hello from `url` continues (`newest`, the visit's newest view), or
    None when the hello starts a new view."""
    if newest is None or newest.url != url:
        return None
    if newest.left_at is None or now - newest.left_at < within:
        return newest
    return None


def presence_interval(gap: float) -> float:
    """Seconds between two notes that the connected visitors are still active."""
    return max(MIN_PRESENCE_SECONDS, min(PRESENCE_SECONDS, gap / 4))

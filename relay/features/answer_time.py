"""How long a hand-over waits for its answer: a transfer, or an ask to join a chat."""

from __future__ import annotations

from relay.context import RelayContext

DEFAULT_TRANSFER_SECONDS = 30  # a chat of no department


async def offer_seconds(ctx: RelayContext, department_id: int | None) -> int:
    """How long a transfer or an ask to join waits for its answer: the department's
    `offer_seconds`, else DEFAULT_TRANSFER_SECONDS."""
    if department_id is not None and ctx.routing is not None:
        routing = await ctx.routing.routing_of(department_id)
        if routing is not None:
            return routing.settings.offer_seconds
    return DEFAULT_TRANSFER_SECONDS

"""The baseline: a bare `websockets` forwarder, no protocol, no storage.

Visitors connect to /visitor, one agent to /agent; every visitor frame is sent on to the
agent as it is, and nothing is sent back. The Parley relay does the same job plus
validation, persistence with group commit, acknowledgements and fan-out, so the ratio
between the two is the cost of all that. Run: python bench/baseline_forwarder.py PORT
"""

from __future__ import annotations

import asyncio
import sys

from websockets.asyncio.server import ServerConnection, serve

agents: set[ServerConnection] = set()


async def handler(ws: ServerConnection) -> None:
    if ws.request is not None and ws.request.path == "/agent":
        agents.add(ws)
        try:
            await ws.wait_closed()
        finally:
            agents.discard(ws)
        return
    async for message in ws:
        for agent in agents:
            await agent.send(message)


async def main(port: int) -> None:
    # The same connection settings as the relay, so the comparison is fair.
    async with serve(handler, "127.0.0.1", port, compression=None, max_queue=8) as server:
        print(f"listening on http://127.0.0.1:{port}", flush=True)
        await server.serve_forever()


if __name__ == "__main__":
    try:
        import uvloop

        uvloop.run(main(int(sys.argv[1])))
    except ImportError:
        asyncio.run(main(int(sys.argv[1])))

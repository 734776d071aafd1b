"""The relay's one port: WebSocket endpoints and the few plain HTTP routes beside them.

/ws/visitor   JSON frames from widgets (origin checked against the site at hello)
/ws/agent     MessagePack frames from agent apps (browser origins refused)
/widget.js, /widget/…   the widget's files from widget_static/
/demo, /demo/…          the demo site
/healthz                liveness and a few counts, as JSON
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from pathlib import Path

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.http11 import Request, Response

from relay.cluster.broker import ClusterBroker
from relay.context import RelayContext
from relay.features.agent_session import AgentSession
from relay.features.visitor_session import VisitorSession
from relay.live.connections import Connection
from relay.static import StaticFiles
from shared_protocol import limits

log = logging.getLogger("parley.server")

VISITOR_PATH = "/ws/visitor"
AGENT_PATH = "/ws/agent"


def _response(
    status: HTTPStatus, body: bytes, content_type: str, extra: dict[str, str] | None = None
) -> Response:
    headers = Headers(
        {
            "Content-Type": content_type,
            "Content-Length": str(len(body)),
            "X-Content-Type-Options": "nosniff",
            "Connection": "close",
            **(extra or {}),
        }
    )
    return Response(status.value, status.phrase, headers, body)


def _text(status: HTTPStatus, text: str) -> Response:
    return _response(status, text.encode() + b"\n", "text/plain; charset=utf-8")


class HttpRoutes:
    """Answers every request that is not a WebSocket upgrade on one of our endpoints."""

    def __init__(self, ctx: RelayContext) -> None:
        self.ctx = ctx
        self.widget = StaticFiles(Path(ctx.config.static_dir))
        self.demo = StaticFiles(Path(ctx.config.demo_dir))

    def __call__(self, connection: ServerConnection, request: Request) -> Response | None:
        path = request.path.split("?", 1)[0]
        if path == VISITOR_PATH:
            return None
        if path == AGENT_PATH:
            # Agent apps are not browsers; a browser page must never drive an agent session.
            if request.headers.get("Origin") is not None:
                return _text(HTTPStatus.FORBIDDEN, "browser pages may not connect here")
            return None
        if path == "/healthz":
            return self._health()
        if path == "/" and self.ctx.config.demo:
            return _response(HTTPStatus.FOUND, b"", "text/plain", {"Location": "/demo/"})
        if path in ("/demo", "/demo/") and self.ctx.config.demo:
            return self._file(self.demo, "index.html", request)
        if path.startswith("/demo/") and self.ctx.config.demo:
            return self._file(self.demo, path.removeprefix("/demo/"), request)
        if path == "/widget.js" or path.startswith("/widget/"):
            return self._file(self.widget, path.removeprefix("/widget/").lstrip("/"), request)
        return _text(HTTPStatus.NOT_FOUND, "not found")

    def _health(self) -> Response:
        """Liveness and counts; "degraded" (and 503, for load balancers) while the
        database does not answer (nothing can be stored) or, in a cluster, while the link
        to the broker is down (clients here are served, but nothing reaches or comes from
        the other relays)."""
        ctx = self.ctx
        visitors, agents = ctx.presence.counts()
        health: dict[str, object] = {
            "status": "ok",
            "protocol": limits.PROTOCOL_VERSION,
            "visitors_online": visitors,
            "agents_online": agents,
            "open_conversations": len(ctx.conversations),
        }
        code = HTTPStatus.OK
        if not ctx.database_reachable:
            health.update(status="degraded", database="unreachable")
            code = HTTPStatus.SERVICE_UNAVAILABLE
        if isinstance(ctx.broker, ClusterBroker):
            health.update(
                relay=ctx.relay_id,
                broker="connected" if ctx.broker.connected else "disconnected",
                relays=ctx.broker.relays(),
                leads=ctx.leadership.leads,
            )
            if not ctx.broker.connected:
                health["status"], code = "degraded", HTTPStatus.SERVICE_UNAVAILABLE
        body = json.dumps(health).encode()
        return _response(code, body, "application/json", {"Cache-Control": "no-store"})

    def _file(self, files: StaticFiles, relative: str, request: Request) -> Response:
        file = files.get(relative)
        if file is None:
            return _text(HTTPStatus.NOT_FOUND, "not found")
        headers = {
            "ETag": file.etag,
            "Cache-Control": "no-cache",  # revalidate: an upgrade reaches pages at once
            "Vary": "Accept-Encoding",
            "Access-Control-Allow-Origin": "*",
        }
        if request.headers.get("If-None-Match") == file.etag:
            return _response(HTTPStatus.NOT_MODIFIED, b"", file.content_type, headers)
        if file.gzipped is not None and "gzip" in request.headers.get("Accept-Encoding", ""):
            headers["Content-Encoding"] = "gzip"
            return _response(HTTPStatus.OK, file.gzipped, file.content_type, headers)
        return _response(HTTPStatus.OK, file.body, file.content_type, headers)


async def start_server(ctx: RelayContext) -> Server:
    async def handler(connection: ServerConnection) -> None:
        path = connection.request.path.split("?", 1)[0] if connection.request else ""
        limit = ctx.config.outbox_frames
        if path == VISITOR_PATH:
            await VisitorSession(ctx, Connection(connection, text=True, outbox_limit=limit)).serve()
        elif path == AGENT_PATH:
            await AgentSession(ctx, Connection(connection, text=False, outbox_limit=limit)).serve()

    return await serve(
        handler,
        ctx.config.host,
        ctx.config.port,
        process_request=HttpRoutes(ctx),
        server_header="Parley",
        # Frames above our own limit get a typed error; far above it, the library closes.
        max_size=limits.HARD_FRAME_BYTES,
        max_queue=8,
        # Chat frames are small: compression would cost ~40 KiB per idle connection.
        compression=None,
        open_timeout=ctx.config.hello_timeout_seconds,
        # A peer that does not answer a ping in time is closed with 1011 (websockets'
        # "keepalive ping timeout"), as docs/protocol.md 8 says.
        ping_interval=ctx.config.ping_interval_seconds,
        ping_timeout=ctx.config.ping_timeout_seconds,
    )

"""Which page origins a site accepts, and which peer address a visitor really has."""

from __future__ import annotations

import ipaddress
from collections.abc import Collection

from relay.core.urls import read_url


def normalize_origin(origin: str) -> str | None:
    """`https://Example.com:443/` → `https://example.com`; None when it is no http(s) origin."""
    parts = read_url(origin)
    if parts is None or parts.scheme not in ("http", "https") or not parts.host:
        return None
    default_port = 443 if parts.scheme == "https" else 80
    port, host = parts.port, parts.host
    if ":" in host:
        host = f"[{host}]"
    if port is None or port == default_port:
        return f"{parts.scheme}://{host}"
    return f"{parts.scheme}://{host}:{port}"


def origin_allowed(origin: str | None, allowed: Collection[str]) -> bool:
    if origin is None:
        return False
    normalized = normalize_origin(origin)
    return normalized is not None and normalized in allowed


def client_ip(peer: str, forwarded_for: str | None, trusted_proxies: Collection[str]) -> str:
    """The visitor's address: the peer's, or X-Forwarded-For's last hop when the peer is
    a trusted proxy (earlier hops are set by the client and cannot be trusted)."""
    if peer not in trusted_proxies or not forwarded_for:
        return peer
    candidate = forwarded_for.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return peer

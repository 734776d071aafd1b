"""Where an IP address is, offline: Chinese addresses to province and city in Chinese (ip2region
`xdb`), the rest of the world to country, region and city (DB-IP City Lite `mmdb`).

The readers are passed in (`Ip2RegionReader`, `MmdbReader`), so the decisions here (which
source answers, private and loopback ranges, how a place is named) are tested without files.
Without any database the relay still runs and shows the address alone.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol


class Network(StrEnum):
    PUBLIC = "public"
    PRIVATE = "private"
    LOOPBACK = "loopback"
    INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class Location:
    network: Network
    country: str = ""  # a name (中国) from ip2region, an ISO code (GB) from DB-IP
    region: str = ""  # province or state
    city: str = ""
    isp: str = ""

    def label(self) -> str:
        """`杭州市, 浙江省` · `London, England, GB` · `private network` · ``"""
        if self.network is Network.LOOPBACK:
            return "this machine"
        if self.network is Network.PRIVATE:
            return "private network"
        if self.country == "中国":
            return ", ".join(p for p in (self.city, self.region) if p and p != self.city[:2]) or (
                self.country
            )
        parts = [self.city, self.region, self.country]
        unique = [p for i, p in enumerate(parts) if p and p not in parts[:i]]
        return ", ".join(unique)


class Ip2RegionReader(Protocol):
    def search(self, ip: str) -> str: ...


class MmdbReader(Protocol):
    def get(self, ip: str) -> Any: ...


def _clean(value: str) -> str:
    return "" if value in ("0", "") else value


def from_ip2region(answer: str) -> Location | None:
    """`中国|0|浙江省|杭州市|华数传媒` → a Chinese location; None when it knows no province."""
    parts = ([*answer.split("|"), "", "", "", "", ""])[:5]
    country, _area, province, city, isp = (_clean(p) for p in parts)
    if country != "中国" or not province:
        return None
    return Location(Network.PUBLIC, "中国", province, city, isp)


def from_mmdb(record: Any) -> Location | None:
    if not isinstance(record, dict) or not record.get("country_code"):
        return None
    return Location(
        Network.PUBLIC,
        str(record.get("country_code", "")),
        str(record.get("state1", "") or ""),
        str(record.get("city", "") or ""),
    )


class Locator:
    def __init__(
        self,
        china: Ip2RegionReader | None = None,
        world_v4: MmdbReader | None = None,
        world_v6: MmdbReader | None = None,
    ) -> None:
        self.china, self.world_v4, self.world_v6 = china, world_v4, world_v6

    @property
    def has_data(self) -> bool:
        return any((self.china, self.world_v4, self.world_v6))

    def locate(self, ip: str) -> Location:
        try:
            address = ipaddress.ip_address(ip)
        except ValueError:
            return Location(Network.INVALID)
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if address.is_loopback:
            return Location(Network.LOOPBACK)
        if address.is_private or address.is_link_local or address.is_reserved:
            return Location(Network.PRIVATE)
        text = str(address)
        if address.version == 4 and self.china is not None:
            try:
                found = from_ip2region(self.china.search(text))
            except Exception:  # a damaged database must not cost the visitor the chat
                found = None
            if found is not None:
                return found
        world = self.world_v4 if address.version == 4 else self.world_v6
        if world is not None:
            try:
                found = from_mmdb(world.get(text))
            except ValueError:
                found = None
            if found is not None:
                return found
        return Location(Network.PUBLIC)

"""Location from an IP: the rules with stand-in readers, then the real databases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from relay.core.geo import Location, Locator, Network, from_ip2region
from relay.geodata import open_locator
from tests.helpers.geo import GEO_DIR, require_geo_data


class China:
    def __init__(self, answers: dict[str, str]) -> None:
        self.answers = answers

    def search(self, ip: str) -> str:
        return self.answers.get(ip, "0|0|0|0|0")


class World:
    def __init__(self, records: dict[str, Any]) -> None:
        self.records = records

    def get(self, ip: str) -> Any:
        return self.records.get(ip)


@pytest.mark.parametrize(
    ("ip", "network"),
    [
        ("127.0.0.1", Network.LOOPBACK),
        ("::1", Network.LOOPBACK),
        ("10.1.2.3", Network.PRIVATE),
        ("192.168.0.8", Network.PRIVATE),
        ("172.20.0.1", Network.PRIVATE),
        ("fd00::1", Network.PRIVATE),
        ("169.254.1.1", Network.PRIVATE),
        ("not an ip", Network.INVALID),
    ],
)
def test_private_loopback_and_invalid_addresses_are_named_as_such(
    ip: str, network: Network
) -> None:
    assert Locator().locate(ip).network is network


def test_china_answers_first_and_the_world_database_fills_in() -> None:
    locator = Locator(
        China({"218.108.0.1": "中国|0|浙江省|杭州市|华数传媒", "8.8.8.8": "美国|0|0|0|Level3"}),
        World({"8.8.8.8": {"country_code": "US", "state1": "California", "city": "Mountain View"}}),
    )
    assert locator.locate("218.108.0.1") == Location(
        Network.PUBLIC, "中国", "浙江省", "杭州市", "华数传媒"
    )
    assert locator.locate("218.108.0.1").label() == "杭州市, 浙江省"
    assert locator.locate("8.8.8.8").label() == "Mountain View, California, US"
    assert locator.locate("::ffff:218.108.0.1").city == "杭州市"  # IPv4-mapped IPv6
    assert locator.locate("1.1.1.1") == Location(Network.PUBLIC)  # public, place unknown


def test_ip2region_answers_without_a_province_are_not_used() -> None:
    assert from_ip2region("中国|0|0|0|0") is None
    assert from_ip2region("澳大利亚|0|0|0|0") is None
    assert from_ip2region("garbage") is None
    assert Location(Network.PUBLIC, "中国", "北京", "北京市").label() == "北京市"


def test_without_databases_the_relay_still_answers(tmp_path: Path) -> None:
    locator = open_locator(tmp_path)
    assert locator.has_data is False
    assert locator.locate("218.108.0.1") == Location(Network.PUBLIC)


@pytest.fixture(scope="module")
def real() -> Locator:
    """The downloaded databases: a test that uses them is skipped where they are absent."""
    require_geo_data()
    return open_locator(GEO_DIR)


@pytest.mark.parametrize(
    ("ip", "region", "city"),
    [
        ("218.108.0.1", "浙江省", "杭州市"),
        ("114.114.114.114", "江苏省", "南京市"),
        ("202.96.128.86", "广东省", "广州市"),
        ("61.135.169.121", "北京", "北京市"),
    ],
)
def test_chinese_addresses_resolve_to_province_and_city_in_chinese(
    real: Locator, ip: str, region: str, city: str
) -> None:
    found = real.locate(ip)
    assert (found.country, found.region, found.city) == ("中国", region, city)


@pytest.mark.parametrize(
    ("ip", "country"),
    [("8.8.8.8", "US"), ("81.2.69.160", "GB"), ("1.1.1.1", "AU"), ("2001:4860:4860::8888", "")],
)
def test_addresses_elsewhere_resolve_to_country_region_and_city(
    real: Locator, ip: str, country: str
) -> None:
    found = real.locate(ip)
    assert found.network is Network.PUBLIC
    assert found.city, found
    if country:
        assert found.country == country

"""Browser, system and device kind from real User-Agent headers."""

from __future__ import annotations

import pytest

from relay.core.device import Device, describe_device

CASES = [
    (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/124.0.0.0 Safari/537.36",
        Device("Chrome", "Windows", "desktop"),
    ),
    (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
        "like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
        Device("Mobile Safari", "iOS", "mobile"),
    ),
    (
        "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/16.6 Mobile/15E148 Safari/604.1",
        Device("Mobile Safari", "iOS", "tablet"),
    ),
    (
        "Mozilla/5.0 (Linux; Android 14; 23078RKD5C) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Version/4.0 Chrome/118.0.0.0 Mobile Safari/537.36 MicroMessenger/8.0.47",
        Device("WeChat", "Android", "mobile"),
    ),
    (
        "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
        Device("Baiduspider", "", "bot"),
    ),
    ("", Device()),
]


@pytest.mark.parametrize(("user_agent", "expected"), CASES)
def test_devices_are_described(user_agent: str, expected: Device) -> None:
    assert describe_device(user_agent) == expected


def test_label_reads_naturally() -> None:
    assert Device("Chrome", "Windows", "desktop").label() == "Chrome on Windows (desktop)"
    assert Device().label() == ""

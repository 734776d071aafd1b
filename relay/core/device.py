"""Which browser, system and kind of device a visitor uses, from the User-Agent header."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ua_parser import parse

TABLETS = ("iPad", "Kindle", "Tablet", "SM-T", "Tab")
# In-app browsers that matter to Chinese sites, which ua-parser reports as a plain WebView.
IN_APP = (
    ("MicroMessenger", "WeChat"),
    ("AlipayClient", "Alipay"),
    ("aweme", "Douyin"),
    ("Weibo", "Weibo"),
    ("DingTalk", "DingTalk"),
)


@dataclass(frozen=True, slots=True)
class Device:
    browser: str = ""
    system: str = ""
    kind: str = ""  # "desktop", "mobile", "tablet", "bot" or "" when unknown

    def label(self) -> str:
        """`Chrome on Windows (desktop)`; empty when nothing is known."""
        text = " on ".join(p for p in (self.browser, self.system) if p)
        return f"{text} ({self.kind})" if text and self.kind else text


def prepare() -> None:
    """Build ua-parser's matcher now (about 0.2 s and 27 MB, once) rather than during the
    first visitor's hello after a start."""
    parse("Mozilla/5.0")


@lru_cache(maxsize=4096)  # visitors of one site share a few hundred distinct headers
def describe_device(user_agent: str) -> Device:
    if not user_agent.strip():
        return Device()
    result = parse(user_agent[:500])
    browser = result.user_agent.family if result.user_agent else ""
    browser = next((name for marker, name in IN_APP if marker in user_agent), browser)
    system = result.os.family if result.os else ""
    device = result.device.family if result.device else ""
    if device == "Spider" or "bot" in user_agent.lower():
        kind = "bot"
    elif any(marker in device or marker in user_agent for marker in TABLETS):
        kind = "tablet"
    elif "Mobi" in user_agent or system in ("iOS", "Android"):
        kind = "mobile"
    elif system:
        kind = "desktop"
    else:
        kind = ""
    return Device(browser if browser != "Other" else "", system if system != "Other" else "", kind)

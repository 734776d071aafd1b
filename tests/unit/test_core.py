"""The relay's pure decisions: rate limits, abuse, origins, client addresses, configuration,
resends."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from relay.config import ConfigError, RelayConfig, load_config
from relay.core.credentials import hash_password, hash_token, mint_token, password_matches
from relay.core.origins import client_ip, normalize_origin, origin_allowed
from relay.core.ratelimit import AbuseMeter, TokenBucket
from relay.core.resends import is_resend
from shared_protocol.frames import AuthorKind


def test_token_bucket_allows_a_burst_then_the_rate() -> None:
    bucket = TokenBucket(rate=2.0, burst=3.0)
    assert [bucket.take(10.0) for _ in range(3)] == [0.0, 0.0, 0.0]
    assert bucket.take(10.0) == pytest.approx(0.5)
    assert bucket.take(10.5) == 0.0  # half a second buys one frame at 2/s
    assert bucket.take(10.5) > 0
    assert bucket.take(100.0) == 0.0  # refilled, but never above the burst
    assert [bucket.take(100.0) for _ in range(3)][-1] > 0


def test_abuse_meter_trips_only_on_strikes_inside_the_window() -> None:
    meter = AbuseMeter(limit=3, window=60.0)
    assert [meter.strike(t) for t in (0, 1, 2)] == [False, False, False]
    assert meter.strike(3) is True
    spaced = AbuseMeter(limit=3, window=60.0)
    assert not any(spaced.strike(t * 61.0) for t in range(10))


@pytest.mark.parametrize(
    ("author", "sent_to", "text", "resend"),
    [
        (AuthorKind.AGENT, 7, "hello", True),
        (AuthorKind.AGENT, 7, "hello!", False),  # another text: a conflict
        (AuthorKind.AGENT, 8, "hello", False),  # another conversation: a conflict
        (AuthorKind.VISITOR, 8, "hello", True),  # visitors' go to whichever chat is open
        (AuthorKind.VISITOR, None, "hello", True),  # none is open now
        (AuthorKind.VISITOR, None, "hi", False),
    ],
)
def test_a_known_id_is_a_resend_only_with_the_same_text_and_place(
    author: AuthorKind, sent_to: int | None, text: str, resend: bool
) -> None:
    assert is_resend(author, stored_in=7, sent_text="hello", sent_to=sent_to, text=text) is resend


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("https://Example.com", "https://example.com"),
        ("https://example.com:443/", "https://example.com"),
        ("http://example.com:80", "http://example.com"),
        ("http://127.0.0.1:8080/demo/", "http://127.0.0.1:8080"),
        ("http://[::1]:8080", "http://[::1]:8080"),
        ("ftp://example.com", None),
        ("example.com", None),
        ("null", None),
        ("https://example.com:99999", None),
    ],
)
def test_origins_are_normalized_before_comparison(raw: str, normalized: str | None) -> None:
    assert normalize_origin(raw) == normalized


def test_origin_allowed_only_for_configured_origins() -> None:
    allowed = {"https://school.example", "https://www.school.example"}
    assert origin_allowed("https://SCHOOL.example:443", allowed)
    assert not origin_allowed("https://school.example.evil.com", allowed)
    assert not origin_allowed("http://school.example", allowed)
    assert not origin_allowed(None, allowed)


def test_forwarded_for_is_believed_only_from_a_trusted_proxy() -> None:
    assert client_ip("203.0.113.9", "198.51.100.1", ["10.0.0.1"]) == "203.0.113.9"
    assert client_ip("10.0.0.1", "1.1.1.1, 198.51.100.7", ["10.0.0.1"]) == "198.51.100.7"
    assert client_ip("10.0.0.1", "garbage", ["10.0.0.1"]) == "10.0.0.1"
    assert client_ip("10.0.0.1", None, ["10.0.0.1"]) == "10.0.0.1"


def test_tokens_are_long_random_and_stored_only_as_hashes() -> None:
    tokens = {mint_token() for _ in range(100)}
    assert len(tokens) == 100
    assert all(len(t) >= 43 for t in tokens)  # 256 bits in URL-safe base64
    token = next(iter(tokens))
    assert hash_token(token) == hash_token(token) != token


def test_passwords_are_hashed_with_argon2id() -> None:
    stored = hash_password("s3cret pass")
    assert stored.startswith("$argon2id$")
    assert password_matches(stored, "s3cret pass")
    assert not password_matches(stored, "S3cret pass")
    assert not password_matches("not a hash", "s3cret pass")


def test_config_file_then_environment_then_flags(tmp_path: Path) -> None:
    path = tmp_path / "parley.toml"
    path.write_text('port = 9000\nhost = "0.0.0.0"\ntrusted_proxies = ["10.0.0.1"]\n')
    config = load_config(path, environ={"PARLEY_PORT": "9100"}, overrides={"host": None})
    assert (config.port, config.host, config.trusted_proxies) == (9100, "0.0.0.0", ["10.0.0.1"])
    config = load_config(path, environ={"PARLEY_PORT": "9100"}, overrides={"port": 9200})
    assert config.port == 9200
    assert load_config(None, environ={"PARLEY_DEMO": "off"}).demo is False


def test_bad_configuration_names_the_problem(tmp_path: Path) -> None:
    path = tmp_path / "parley.toml"
    path.write_text("prot = 9000\n")
    with pytest.raises(ConfigError, match="prot"):
        load_config(path, environ={})
    with pytest.raises(ConfigError, match="port"):
        load_config(None, environ={"PARLEY_PORT": "eighty"})
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "missing.toml", environ={})


def test_the_example_configuration_in_installer_is_valid() -> None:
    example = Path(__file__).resolve().parents[2] / "installer" / "parley.toml.example"
    config = load_config(example, environ={})
    assert config.data_dir == "/var/lib/parley"
    assert config.trusted_proxies == ["127.0.0.1"]
    assert config.demo is False


def test_the_widget_stays_within_its_download_budget() -> None:
    from bench.widget_size import BEFORE_OPEN, BUDGET_GZIP, FILES, WIDGET, sizes, total

    # What every visitor downloads before opening the chat is capped; the parts loaded on
    # demand are not, but every file the widget can fetch is counted in "all of it".
    assert {p.name for p in WIDGET.iterdir() if p.suffix in (".js", ".css")} == set(FILES)
    measured = sizes()
    before, everything = total(measured, BEFORE_OPEN)[1], total(measured, FILES)[1]
    assert before <= BUDGET_GZIP, f"{before:,} B gzip before the chat opens"
    assert before < everything


def test_browsers_are_sent_to_public_url_or_else_to_the_address_served_on() -> None:
    assert RelayConfig(host="10.1.2.3", port=8444).browser_url() == "http://10.1.2.3:8444"
    assert RelayConfig(host="::1", port=8080).browser_url() == "http://[::1]:8080"
    assert RelayConfig(host="0.0.0.0", port=80).browser_url() == (
        f"http://{socket.gethostname()}:80"  # every address: the machine's name
    )
    behind_proxy = RelayConfig(port=8080, public_url="https://chat.example.com/")
    assert behind_proxy.browser_url() == "https://chat.example.com"

"""URLs are anyone's text: a page URL, referrer, Origin or Host that does not parse is no
URL to every rule that reads one, never an exception (which would be a relay error)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agent_app.text import host_of, readable_url
from relay.core.files import files_url
from relay.core.origins import normalize_origin, origin_allowed
from relay.core.referrer import Arrival, Source, classify, query_parameters
from relay.core.urls import read_url

MALFORMED = ["http://[::1", "http://[zz]/", "https://[::1]:99999/", "http://a:port/", "//[", "["]
# Text that looks like a URL, with the characters urlsplit is picky about.
url_like = st.text(alphabet=st.sampled_from("htps:/[]@%?#&=.:1az中\x00 "), max_size=40)


@pytest.mark.parametrize("text", MALFORMED)
def test_a_malformed_url_reads_as_no_url_or_as_its_readable_parts(text: str) -> None:
    parts = read_url(text)
    assert parts is None or isinstance(parts.host, str)


@pytest.mark.parametrize("text", MALFORMED)
def test_rules_treat_a_malformed_url_as_none(text: str) -> None:
    assert classify(text, "https://school.example/") == Arrival(Source.DIRECT)
    assert classify("", text) == Arrival(Source.DIRECT)
    assert query_parameters(text) == {}
    assert normalize_origin(text) is None
    assert not origin_allowed(text, ["https://school.example"])
    assert files_url("", text, 8081).startswith("http://")
    assert host_of(text) in ("", "::1", "zz", "a")
    assert readable_url(text)


@given(referrer=url_like, landing=url_like)
def test_no_text_makes_the_url_rules_raise(referrer: str, landing: str) -> None:
    classify(referrer, landing)
    normalize_origin(referrer)
    files_url("", landing, 8081)
    host_of(referrer)
    readable_url(landing)

"""A database's or broker's URL is printed and logged without its password, however the
operator mistyped it (relay.core.urls.without_password)."""

from __future__ import annotations

import pytest

from relay.core.urls import without_password


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "postgresql://parley:s3cret@db.example:5432/parley",
            "postgresql://parley@db.example:5432/parley",
        ),
        (
            "postgresql://parley:s3cret@db/parley?sslmode=require&password=s3cret",
            "postgresql://parley@db/parley",
        ),
        ("postgresql//parley:s3cret@127.0.0.1/parley", "postgresql//parley@127.0.0.1/parley"),
        ("redis//:s3cret@127.0.0.1:6379/0", "redis//…@127.0.0.1:6379/0"),
        ("redis:/:s3cret@127.0.0.1/0", "redis:…@127.0.0.1/0"),
        ("redis://:s3c@ret@127.0.0.1/0", "redis://…@127.0.0.1/0"),
        ("parley:s3cret@127.0.0.1", "parley:…@127.0.0.1"),
        ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/0"),
        ("", ""),
    ],
)
def test_the_password_never_shows(url: str, shown: str) -> None:
    assert without_password(url) == shown
    assert "s3cret" not in without_password(url) and "ret@" not in without_password(url)

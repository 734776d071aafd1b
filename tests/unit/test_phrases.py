"""Canned phrase logic: variables with fallbacks, shortcuts, what is sent, CSV."""

from __future__ import annotations

import pytest

from agent_app.phrases import (
    PhraseCsvError,
    fill,
    find_shortcut,
    from_csv,
    matches,
    outgoing,
    shortcut_at_end,
    to_csv,
)
from shared_protocol.frames import Attachment, Phrase, PhraseDraft, PhraseKind
from shared_protocol.phrases import phrase_problem

VALUES = {"visitor.name": "Wang Li", "agent.name": "Alice", "site.name": "Northwind"}


@pytest.mark.parametrize(
    ("text", "values", "filled"),
    [
        (
            "Hello {visitor.name}, I'm {agent.name} of {site.name}.",
            VALUES,
            "Hello Wang Li, I'm Alice of Northwind.",
        ),
        ("Hello {visitor.name|there}!", {}, "Hello there!"),
        ("Hello {visitor.name}, welcome.", {}, "Hello, welcome."),
        ("您好 {visitor.name}，欢迎。", {}, "您好，欢迎。"),
        (
            "{unknown.name} and {visitor.name|}",
            {"visitor.name": "<b>x</b>"},
            "{unknown.name} and <b>x</b>",
        ),
    ],
)
def test_variables_are_filled_with_a_fallback(
    text: str, values: dict[str, str], filled: str
) -> None:
    assert fill(text, values) == filled


def test_shortcuts_are_found_at_the_end_of_what_is_typed() -> None:
    assert shortcut_at_end("/price") == "price"
    assert shortcut_at_end("Sure: /价格") == "价格"
    assert shortcut_at_end("see http://x.example/price") is None
    assert shortcut_at_end("/price now") is None
    shared = Phrase(id=1, title="Shared", shortcut="price", shared=True)
    own = Phrase(id=2, title="Mine", shortcut="Price")
    assert find_shortcut([shared, own], "PRICE") == own
    assert find_shortcut([shared], "nope") is None


def test_each_kind_sends_what_it_should() -> None:
    link = Phrase(
        id=1,
        title="Map",
        kind=PhraseKind.LINK,
        text="{visitor.name|Hi}, find us here:",
        url="https://map.example/x",
    )
    assert outgoing(link, {}).text == "Hi, find us here:\nhttps://map.example/x"
    brochure = Attachment(
        id="f" * 20, name="brochure.pdf", size=10, type="application/octet-stream"
    )
    file = Phrase(id=2, title="Brochure", kind=PhraseKind.FILE, file=brochure)
    assert (outgoing(file, {}).text, outgoing(file, {}).file) == ("brochure.pdf", brochure)
    assert matches(link, "map find") and not matches(link, "price")


def test_csv_goes_out_and_comes_back() -> None:
    phrases = [
        Phrase(
            id=1,
            title="Price",
            category="Prices/IELTS",
            shortcut="price",
            text='¥3,200, "books" included\nSee you',
            shared=True,
        ),
        Phrase(id=2, title="Map", kind=PhraseKind.LINK, url="https://map.example/x"),
    ]
    back = from_csv(to_csv(phrases), may_share=True)
    assert [(d.title, d.category, d.shortcut, d.kind, d.text, d.url, d.shared) for d in back] == [
        (
            "Price",
            "Prices/IELTS",
            "price",
            PhraseKind.TEXT,
            '¥3,200, "books" included\nSee you',
            "",
            True,
        ),
        ("Map", "", "", PhraseKind.LINK, "", "https://map.example/x", False),
    ]


def test_bad_csv_names_the_line_and_imports_nothing() -> None:
    with pytest.raises(PhraseCsvError, match="line 3: only admins"):
        from_csv("title,text,shared\nA,a,no\nB,b,yes\n", may_share=False)
    with pytest.raises(PhraseCsvError, match="line 2: kind must be text or link"):
        from_csv("title,text,kind\nA,a,file\n", may_share=True)
    with pytest.raises(PhraseCsvError, match=r"line 2: .*title"):
        from_csv("title,text\n,a\n", may_share=True)
    with pytest.raises(PhraseCsvError, match="line 1: the header needs the columns text"):
        from_csv("\ufefftitle,body\nA,a\n", may_share=True)


@pytest.mark.parametrize(
    ("draft", "problem"),
    [
        (PhraseDraft(title="Price", text="¥3,200", shortcut="价格.v2"), None),
        (PhraseDraft(title=" ", text="x"), "a phrase needs a title"),
        (
            PhraseDraft(title="P", text="x", shortcut="two words"),
            "a shortcut is letters, digits, _ . and - only (no spaces)",
        ),
        (PhraseDraft(title="P", text="  "), "a text phrase needs text"),
        (
            PhraseDraft(title="Map", kind=PhraseKind.LINK, url="javascript:alert(1)"),
            "a link phrase needs an http(s) URL",
        ),
        (PhraseDraft(title="Doc", kind=PhraseKind.FILE), "a file phrase needs a file"),
    ],
)
def test_what_a_phrase_lacks_is_said_in_words(draft: PhraseDraft, problem: str | None) -> None:
    assert phrase_problem(draft) == problem

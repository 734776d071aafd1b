"""The one way untrusted text (anything a visitor typed or sent) reaches the agent's screen.

Visitors choose their names, messages, page titles and referrers, so every label, tooltip,
pop-up, window title, menu entry and tray text that shows such text goes through here:
- control characters are removed (they could hide text or break lines in odd places);
- the text is wrapped in a Unicode bidi isolate (FSI … PDI), so a right-to-left override
  in a name reverses at most the name, never the row, the time or the waiting badge;
- long text is cut with an ellipsis where a one-line place cannot hold it;
- where Qt would guess "rich text" (tooltips, menus) the text is escaped, so `<img src=…>`
  stays six characters and never loads a file from the agent's disk.
Pure functions, no Qt: the sinks call them, and a test walks every sink.
"""

from __future__ import annotations

import contextlib
import html
import re
import unicodedata
from urllib.parse import unquote, urlsplit

FSI, PDI = "\u2068", "\u2069"  # first strong isolate … pop directional isolate
# Isolate controls inside the text could close our isolate early: they go. Embeddings and
# overrides (U+202A–U+202E) may stay: our closing PDI ends them.
_ISOLATE_CONTROLS = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\ufeff]")
_SPACES = re.compile(r"\s+")
ELLIPSIS = "…"


def clean(text: str) -> str:
    """Without control characters; line and paragraph separators become newlines."""
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\r\n", "\n")
    return _CONTROLS.sub("", text.replace("\r", "\n")).translate(_ISOLATE_CONTROLS)


def elide(text: str, max_chars: int) -> str:
    """At most `max_chars` characters, cut before a combining mark never after it."""
    if len(text) <= max_chars:
        return text
    cut = max(1, max_chars - 1)
    while cut > 1 and unicodedata.combining(text[cut]):
        cut -= 1
    return text[:cut].rstrip() + ELLIPSIS


def isolate(text: str) -> str:
    """Bidi-isolated: the text's direction cannot leak into what stands around it."""
    return f"{FSI}{text}{PDI}" if text else ""


def shown(text: str, *, max_chars: int | None = None, one_line: bool = False) -> str:
    """Untrusted text ready for a plain-text place: clean, optionally one line and cut,
    isolated. Shown as plain text only (labels must have Qt.TextFormat.PlainText)."""
    text = clean(text)
    if one_line:
        text = _SPACES.sub(" ", text).strip()
    if max_chars is not None:
        text = elide(text, max_chars)
    return isolate(text)


def tooltip(text: str, *, max_chars: int = 1000) -> str:
    """For tooltips, which Qt reads as rich text when it looks like markup: escaped, so
    it is shown letter for letter, and wrapped so long text stays on screen."""
    cut = breakable(shown(text, max_chars=max_chars))
    body = html.escape(cut, quote=False).replace("\n", "<br>")
    return f"<p style='white-space:pre-wrap'>{body}</p>" if body else ""


def menu_text(text: str, *, max_chars: int = 60) -> str:
    """For menu entries and buttons: one line, cut, and '&' kept as '&' (not a shortcut)."""
    return shown(text, max_chars=max_chars, one_line=True).replace("&", "&&")


_URL_SEPARATORS = frozenset("/?&=#.-_")
URL_RUN = 8  # characters of a run without separators (a token, a hash) between breaks
TEXT_RUN = 30  # the same for words: longer than any word, shorter than a line
ZWSP = "\u200b"  # zero-width space: a place where a line may break


def breakable(text: str, *, run: int = TEXT_RUN, after: frozenset[str] = frozenset()) -> str:
    """Break opportunities (zero-width spaces) in runs of `run` characters without a space
    and after each of `after`, so that "BBBB…" or a long URL wraps in a tooltip, a pop-up
    or a narrow pane (Qt breaks lines only at spaces) instead of running off its edge. For
    display only: copies keep the text as it was. Never before a combining mark."""
    out: list[str] = []
    length = 0
    for position, char in enumerate(text):
        out.append(char)
        length = 0 if char.isspace() or char in after else length + 1
        following = text[position + 1 : position + 2] or " "
        if (char in after or length >= run) and not unicodedata.combining(following):
            out.append(ZWSP)
            length = 0
    return "".join(out)


def wrappable_url(shown_url: str) -> str:
    """A URL already `shown`, breakable after its separators and within long tokens."""
    return breakable(shown_url, run=URL_RUN, after=_URL_SEPARATORS)


def host_of(url: str) -> str:
    """The host a URL names, or "" (a visitor's text may not be a URL that parses)."""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:  # "http://[::1", a bracketed host that is no address
        return ""


def readable_url(url: str) -> str:
    """A URL as a person reads it: percent-escapes decoded (中文 rather than %E4%B8%AD…),
    the scheme kept so that an odd one shows. Untrusted: pass the result to `shown`."""
    if not url:
        return ""
    decoded = unquote(url, errors="replace")
    host = host_of(url)
    if host.startswith("xn--") or ".xn--" in host:
        with contextlib.suppress(UnicodeError):  # not valid punycode: the ASCII form stays
            decoded = decoded.replace(host, host.encode("ascii").decode("idna"), 1)
    return clean(decoded)

"""The variables of an invitation's words, filled the same way by the relay (which sends
them) and the agent app (which shows what a visitor will read).

Variables are `{visitor.name}`, `{visitor.city}`, `{visitor.region}`, `{visitor.country}`,
`{visitor.keyword}` and `{site.name}`; `{visitor.name|there}` gives a fallback for an empty
value ("Hello {visitor.name|there}!"). One pass over the template: a value is never read
as a template again (a visitor named "{site.name}" stays that), and anything else in
braces, `{{…}}` included, is left as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from shared_protocol.frames import VisitorInfo

# Not inside doubled braces: `{{visitor.name}}` is left as written, not made `{Ana}`.
_VARIABLE = re.compile(r"(?<!\{)\{(visitor\.[a-z]+|site\.name)(?:\|([^{}]*))?\}(?!\})")


# What looks meant as a variable, known or not.
_NAMED = re.compile(r"(?<!\{)\{((?:visitor|site)\.[A-Za-z_]+)(?:\|[^{}]*)?\}(?!\})")
VARIABLES = frozenset(
    {"visitor.name", "visitor.city", "visitor.region", "visitor.country", "visitor.keyword"}
    | {"site.name"}
)


def unknown_variables(template: str) -> list[str]:
    """The variables a template names that do not exist (a typo: `{visitor.nmae}`)."""
    return [f"{{{m[1]}}}" for m in _NAMED.finditer(template) if m[1] not in VARIABLES]


def fill(template: str, values: Mapping[str, str]) -> str:
    """The template with its variables replaced; an unknown or empty one becomes its
    fallback, or nothing."""

    def value(found: re.Match[str]) -> str:
        return values.get(found[1], "").strip() or (found[2] or "")

    return _VARIABLE.sub(value, template)


def visitor_values(info: VisitorInfo | None, site_name: str) -> dict[str, str]:
    """What the variables stand for, for this visitor (None: nothing known: fallbacks)."""
    values = {"site.name": site_name}
    if info is not None:
        values |= {
            "visitor.name": info.name,
            "visitor.city": info.city,
            "visitor.region": info.region,
            "visitor.country": info.country,
            "visitor.keyword": info.keyword,
        }
    return values
